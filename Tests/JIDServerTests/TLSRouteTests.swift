import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import JIDServer

@Suite struct TLSRouteTests {
    /// The TLS fixtures, made by the JIDTLS tests' script.
    static let fixtures: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("jid-tls-route-\(UUID().uuidString)")
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("JIDTLSTests/make-fixtures.sh")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script.path, url.path]
        try? process.run()
        process.waitUntilExit()
        return url
    }()

    static func pem(_ name: String) -> String {
        (try? String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)) ?? ""
    }

    static func body(_ fields: [String: String]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: fields), as: UTF8.self)
    }

    @Test func aChainIsVerifiedForADomain() async throws {
        try await makeApplication().test(.router) { client in
            let (headers, _) = json("")
            let body = Self.body([
                "domain": "example.org", "chainPem": Self.pem("dns-chain.pem"), "trustAnchorsPem": Self.pem("root.pem"),
                "service": "xmpp-server",
            ])
            try await client.execute(
                uri: "/v1/tls/verify", method: .post, headers: headers, body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .ok)
                #expect(response.object["verdict"] as? String == "authenticated")
                #expect((response.object["matched"] as? [String: Any])?["type"] as? String == "dns-id")
                #expect(response.object["service"] as? String == "xmpp-server")
            }
        }
    }

    @Test(arguments: [
        (["domain": "example.org", "chainPem": "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"], 400),
        (["domain": "example.org", "chainPem": "no certificate here"], 400),
        (["chainPem": "x"], 400),
        (["domain": "exa mple.org", "chainPem": "x"], 400),
        (["domain": "example.org", "chainPem": "x", "service": "smtp"], 400),
        (["domain": "example.org", "chainPem": "x", "policy": "rfc2818"], 400),
        (["domain": "example.org", "chainPem": "x", "at": "the year 12000"], 400),
        (["domain": "example.org", "chainPem": "x", "at": "0001-01-01T00:00:00Z"], 400),
    ])
    func badRequestsAreProblems(_ fields: [String: String], _ status: Int) async throws {
        try await makeApplication().test(.router) { client in
            let (headers, _) = json("")
            try await client.execute(
                uri: "/v1/tls/verify", method: .post, headers: headers, body: ByteBuffer(string: Self.body(fields))
            ) { response in
                #expect(response.status.code == status, "\(fields): \(response.text)")
                #expect(response.headers[.contentType] == "application/problem+json")
            }
        }
    }
}
