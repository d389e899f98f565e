import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JIDProbe
import JIDStore
import NIOCore
import Testing

@testable import JIDServer

/// `"track": true` on `/v1/tls/verify` and `GET /v1/tls/pins/{domain}` (RFC 7590 §3.6) on a real SQLite store.
@Suite struct PinRouteTests {
    static func verify(_ chain: String, domain: String = "example.org", track: Bool = true) -> ByteBuffer {
        let fields: [String: Any] = [
            "domain": domain, "chainPem": TLSRouteTests.pem(chain), "trustAnchorsPem": TLSRouteTests.pem("root.pem"),
            "track": track,
        ]
        return ByteBuffer(bytes: Array(try! JSONSerialization.data(withJSONObject: fields)))
    }

    static func headers(_ token: String?) -> HTTPFields {
        var headers = RegistryRouteTests.bearer(token)
        headers[.contentType] = "application/json"
        return headers
    }

    @Test func trackedVerificationsRecordPinsAndReportTheChange() async throws {
        let names = try await RegistryRouteTests.sqliteNames()
        let app = RegistryRouteTests.application(names: names, tokenFile: try RegistryRouteTests.tokenFile())
        try await app.test(.router) { client in
            // Tracking writes what later certificates are measured against: the admin token is required.
            for (token, status) in [(nil, HTTPResponse.Status.unauthorized), ("not-the-token-at-all", .forbidden)] {
                let response = try await client.execute(
                    uri: "/v1/tls/verify", method: .post, headers: Self.headers(token),
                    body: Self.verify("dns-chain.pem"))
                #expect(response.status == status)
            }
            // Untracked verification stays public and carries no pin.
            let plain = try await client.execute(
                uri: "/v1/tls/verify", method: .post, headers: Self.headers(nil),
                body: Self.verify("dns-chain.pem", track: false))
            #expect(plain.status == .ok && plain.object["pin"] == nil)

            var changes: [String] = []
            for (chain, domain) in [
                ("dns-chain.pem", "Example.ORG"), ("dns-chain.pem", "example.org"), ("upper-chain.pem", "example.org"),
                ("unknown-chain.pem", "example.org"), ("upper-chain.pem", "example.org"),
            ] {
                let response = try await client.execute(
                    uri: "/v1/tls/verify", method: .post, headers: Self.headers(RegistryRouteTests.token),
                    body: Self.verify(chain, domain: domain))
                #expect(response.status == .ok)
                let pin = try #require(response.object["pin"] as? [String: Any])
                changes.append(pin["change"] as? String ?? "")
                #expect((pin["alert"] as? Bool) == (pin["change"] as? String == "changed-unauthenticated"))
            }
            // The case of the domain does not start a new history; a new key is a rotation; an untrusted chain is
            // the alarm; the known certificate again is unchanged (the impostor is not the reference).
            #expect(changes == ["first-seen", "unchanged", "rotated", "changed-unauthenticated", "unchanged"])

            let history = try await client.execute(uri: "/v1/tls/pins/EXAMPLE.org", method: .get)
            #expect(history.status == .ok)
            #expect(history.object["domain"] as? String == "example.org")
            let pins = try #require(history.object["pins"] as? [[String: Any]])
            #expect(pins.map { $0["authenticated"] as? Bool } == [false, true, true])
            #expect(
                pins.allSatisfy { ($0["sha256"] as? String)?.count == 64 && $0["service"] as? String == "xmpp-client" })
            let empty = try await client.execute(uri: "/v1/tls/pins/other.example", method: .get)
            #expect(empty.status == .ok && (empty.object["pins"] as? [Any])?.isEmpty == true)
            let bad = try await client.execute(uri: "/v1/tls/pins/exa%20mple.org", method: .get)
            #expect(bad.status == .badRequest)
        }
        await names.store?.close()
    }

    @Test func withoutAStoreTrackingIsAClearError() async throws {
        try await makeApplication { $0.adminTokenFile = try? RegistryRouteTests.tokenFile() }.test(.router) { client in
            let response = try await client.execute(
                uri: "/v1/tls/verify", method: .post, headers: Self.headers(RegistryRouteTests.token),
                body: Self.verify("dns-chain.pem"))
            #expect(response.status == .badRequest)
            #expect(String(buffer: response.body).contains("keeps no certificate pins"))
            let history = try await client.execute(uri: "/v1/tls/pins/example.org", method: .get)
            #expect(history.status == .notFound)
        }
    }

    @Test func theWatchListIsReadStrictly() throws {
        let targets = try WatchList.parse(
            """
            # domains we run
            Example.ORG
            example.org   server
            chat.example  client  xmpp.chat.example:5223  direct-tls   # behind a TLS port
            \tother.example\txmpp-server\r

            """)
        #expect(targets.map(\.domain) == ["example.org", "example.org", "chat.example", "other.example"])
        #expect(targets.map(\.serviceLabel) == ["xmpp-client", "xmpp-server", "xmpp-client", "xmpp-server"])
        #expect(targets[2].connect?.description == "xmpp.chat.example:5223" && targets[2].directTLS)
        for (text, message) in [
            ("example.org\nexample.org client", "line 2: example.org client is listed twice"),
            ("example.org smtp", "line 1: the service is client or server, not 'smtp'"),
            ("juliet@example.org", "line 1: 'juliet@example.org' is not a domain"),
            ("ok.example\n\nbad..example", "line 3: 'bad..example' is not a domain"),
            ("example.org client host", "line 1: 'host' is not HOST:PORT"),
            ("example.org client h:1 direct-tls extra", "line 1: unexpected 'direct-tls extra'"),
        ] {
            #expect(throws: WatchList.Invalid.self) { try WatchList.parse(text) }
            do { _ = try WatchList.parse(text) } catch { #expect(error.description == message) }
        }
    }
}
