import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Prometheus
import Testing

@testable import JIDServer

/// The router is the one list of routes: the 405 answers come from it, and openapi.yaml documents exactly it.
@Suite struct RouteTableTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Paths and methods of openapi.yaml's `paths:` section (two-space path keys, four-space method keys).
    static func documented() throws -> [String: Set<String>] {
        let text = try String(contentsOf: root.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        var result: [String: Set<String>] = [:]
        var inPaths = false
        var path: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "paths:" {
                inPaths = true
                continue
            }
            guard inPaths else { continue }
            if !line.isEmpty, !line.hasPrefix(" ") { break }
            if line.hasPrefix("  /"), line.hasSuffix(":") {
                path = String(line.dropFirst(2).dropLast())
                result[path!] = []
            } else if let path, line.hasPrefix("    "), !line.hasPrefix("     "), line.hasSuffix(":") {
                let key = line.trimmingCharacters(in: .whitespaces).dropLast()
                if ["get", "post", "put", "delete", "patch", "head"].contains(String(key)) {
                    result[path]!.insert(key.uppercased())
                }
            }
        }
        return result
    }

    @Test func openAPIDocumentsExactlyTheRegisteredRoutes() throws {
        let router = JIDService.makeRouter(
            configuration: ServerConfiguration(), metrics: JIDMetrics(registry: PrometheusCollectorRegistry()))
        let methods = RouteMethods()
        methods.record(router)
        // The router writes a path parameter as ":name", OpenAPI as "{name}".
        let registered = Dictionary(
            uniqueKeysWithValues: methods.methods.map { path, methods in
                (
                    path.split(separator: "/", omittingEmptySubsequences: false).map {
                        $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0)
                    }.joined(separator: "/"),
                    Set(methods.map(\.rawValue).filter { $0 != "HEAD" })
                )
            })
        let documented = try Self.documented()
        #expect(!documented.isEmpty)
        #expect(registered == documented)
    }

    /// Every GET route answers HEAD as GET would, without a body.
    @Test func everyGetRouteAnswersHead() async throws {
        let router = JIDService.makeRouter(
            configuration: ServerConfiguration(), metrics: JIDMetrics(registry: PrometheusCollectorRegistry()))
        let methods = RouteMethods()
        methods.record(router)
        let samples = [
            "/v1/jid/parse": "/v1/jid/parse?jid=juliet%40example.com",
            "/v1/signup/check": "/v1/signup/check?username=juliet&domain=example.com",
            "/problems/{name}": "/problems/missing-field",
            "/v1/tls/pins/{domain}": "/v1/tls/pins/example.org",
        ]
        let paths = methods.methods.filter { $0.value.contains(.get) }.keys.sorted()
        #expect(paths.count >= 8)
        try await makeApplication().test(.router) { client in
            for path in paths {
                let uri = samples[path] ?? path
                let get = try await client.execute(uri: uri, method: .get)
                let head = try await client.execute(uri: uri, method: .head)
                // The registry's admin routes answer 403 without a configured token, the pins 404 without a
                // store; the rest 200.
                let expected: HTTPResponse.Status =
                    path.hasPrefix("/v1/registry/") ? .forbidden : path.hasPrefix("/v1/tls/pins/") ? .notFound : .ok
                #expect(get.status == expected, "GET \(uri)")
                #expect(head.status == get.status, "HEAD \(uri)")
                #expect(head.body.readableBytes == 0, "HEAD \(uri)")
                #expect(head.headers[.contentType] == get.headers[.contentType], "HEAD \(uri)")
            }
        }
    }
}
