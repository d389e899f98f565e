import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JIDConfusables
import JIDStore
import Logging
import NIOCore
import Prometheus
import Testing

@testable import JIDServer

/// `/v1/registry/*` on a real SQLite store: the admin token, writes, imports, and what happens when the store
/// cannot be reached.
@Suite struct RegistryRouteTests {
    static let token = "correct-horse-battery-staple"

    static func tokenFile() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("jid-token-\(UUID().uuidString)").path
        try (token + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func sqliteNames() async throws -> RegistryService {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jid-state-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try await SQLiteStore.open(path: directory.appendingPathComponent("state.sqlite").path)
        let names = RegistryService(registry: ConfusableRegistry(), store: store)
        try await names.start()
        return names
    }

    static func application(names: RegistryService, tokenFile: String?) -> some ApplicationProtocol {
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.adminTokenFile = tokenFile
        var logger = Logger(label: "jid-service-tests")
        logger.logLevel = .warning
        return JIDService.makeApplication(
            configuration: configuration, metrics: JIDMetrics(registry: PrometheusCollectorRegistry()), logger: logger,
            names: names)
    }

    static func bearer(_ token: String?) -> HTTPFields {
        var headers = HTTPFields()
        if let token { headers[.authorization] = "Bearer \(token)" }
        return headers
    }

    @Test func theAdminTokenGuardsEveryWrite() async throws {
        let names = try await Self.sqliteNames()
        try await Self.application(names: names, tokenFile: try Self.tokenFile()).test(.router) { client in
            for (token, status) in [
                (nil, HTTPResponse.Status.unauthorized), ("wrong-token-of-some-length", .forbidden),
            ] {
                for (method, uri) in [
                    (HTTPRequest.Method.put, "/v1/registry/names/juliet"), (.delete, "/v1/registry/names/juliet"),
                    (.get, "/v1/registry/count"), (.post, "/v1/registry/import"),
                ] {
                    let response = try await client.execute(uri: uri, method: method, headers: Self.bearer(token))
                    #expect(response.status == status, "\(method) \(uri) with \(token ?? "no token")")
                    #expect(response.headers[.contentType] == "application/problem+json")
                }
            }
            let missing = try await client.execute(uri: "/v1/registry/count", method: .get)
            #expect(missing.headers[.wwwAuthenticate] == "Bearer")
        }
        await names.store?.close()
        // Without a configured token the routes are off, whatever is sent.
        let off = try await Self.sqliteNames()
        try await Self.application(names: off, tokenFile: nil).test(.router) { client in
            let response = try await client.execute(
                uri: "/v1/registry/names/juliet", method: .put, headers: Self.bearer(Self.token))
            #expect(response.status == .forbidden)
        }
        await off.store?.close()
    }

    @Test func writesAreStoredAndSeenAtOnce() async throws {
        let names = try await Self.sqliteNames()
        let auth = Self.bearer(Self.token)
        try await Self.application(names: names, tokenFile: try Self.tokenFile()).test(.router) { client in
            var response = try await client.execute(uri: "/v1/registry/names/Apple", method: .put, headers: auth)
            #expect(response.status == .created)
            #expect(response.object["name"] as? String == "apple")
            response = try await client.execute(uri: "/v1/registry/names/apple", method: .put, headers: auth)
            #expect(response.status == .ok)
            #expect(response.object["added"] as? Bool == false)
            response = try await client.execute(uri: "/v1/registry/names/a%20b", method: .put, headers: auth)
            #expect(response.status == .badRequest)
            #expect(response.object["type"] as? String == "/problems/invalid-parameter")
            // The signup check sees the name at once.
            response = try await client.execute(uri: "/v1/signup/check?username=APPLE&domain=x.example", method: .get)
            #expect((response.object["registry"] as? [String: Any])?["taken"] as? Bool == true)

            var text = auth
            text[.contentType] = "text/plain"
            response = try await client.execute(
                uri: "/v1/registry/import", method: .post, headers: text,
                body: ByteBuffer(string: "banana\n# comment\n\nnot valid\ncherry@fruit.example\r\nbanana\n"))
            #expect(response.status == .ok)
            #expect(response.object["added"] as? Int == 2)
            #expect(response.object["count"] as? Int == 3)
            #expect(response.object["refused"] as? Int == 1)
            #expect((response.object["refusedLines"] as? [[String: Any]])?.first?["line"] as? Int == 4)

            var ndjson = auth
            ndjson[.contentType] = "application/x-ndjson"
            response = try await client.execute(
                uri: "/v1/registry/import", method: .post, headers: ndjson,
                body: ByteBuffer(string: #""date"\#n{"name":"elder@fruit.example"}\#n42\#n"#))
            #expect(response.object["added"] as? Int == 2)
            #expect(response.object["refused"] as? Int == 1)

            response = try await client.execute(uri: "/v1/registry/names/banana", method: .delete, headers: auth)
            #expect(response.object["removed"] as? Bool == true)
            response = try await client.execute(uri: "/v1/registry/count", method: .get, headers: auth)
            #expect(response.object["count"] as? Int == 4)
        }
        #expect(try await names.store?.count() == 4)
        await names.store?.close()
    }

    /// A store that cannot be reached: the registry's routes answer 503 with Retry-After, /readyz fails, and the
    /// routes that do not need the store keep working.
    @Test func anUnreachableStoreIsA503() async throws {
        let store = try await PostgresStore.connect(url: "postgres://jid@127.0.0.1:9/jid")
        let names = RegistryService(registry: ConfusableRegistry(), store: store)
        let follower = Task { await names.follow(interval: .milliseconds(50)) }
        try await Task.sleep(for: .milliseconds(300))
        try await Self.application(names: names, tokenFile: try Self.tokenFile()).test(.router) { client in
            let response = try await client.execute(
                uri: "/v1/registry/names/juliet", method: .put, headers: Self.bearer(Self.token))
            #expect(response.status == .serviceUnavailable)
            #expect(response.headers[.retryAfter] == "5")
            #expect(response.object["type"] as? String == "/problems/store-unavailable")
            let ready = try await client.execute(uri: "/readyz", method: .get)
            #expect(ready.status == .serviceUnavailable)
            let parse = try await client.execute(uri: "/v1/jid/parse?jid=a%40b.example", method: .get)
            #expect(parse.status == .ok)
            let signup = try await client.execute(uri: "/v1/signup/check?username=a&domain=b.example", method: .get)
            #expect(signup.status == .ok)
        }
        follower.cancel()
        await store.close()
    }

    /// The comparison takes every byte of the token whatever the first difference; a unit test of its answers
    /// (its timing is by construction: no early exit, no branch on the bytes).
    @Test func theTokenComparator() {
        let token = Array("correct-horse-battery-staple".utf8)
        #expect(AdminToken.constantTimeEqual(token, token))
        #expect(!AdminToken.constantTimeEqual(Array("correct-horse-battery-stapl".utf8), token))
        #expect(!AdminToken.constantTimeEqual(Array("correct-horse-battery-staplee".utf8), token))
        #expect(!AdminToken.constantTimeEqual(Array("Correct-horse-battery-staple".utf8), token))
        #expect(!AdminToken.constantTimeEqual([], token))
        #expect(!AdminToken.constantTimeEqual(token + [0], token))
    }
}
