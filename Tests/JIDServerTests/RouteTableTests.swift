import Foundation
import HTTPTypes
import Hummingbird
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
        let registered = methods.methods.mapValues { Set($0.map(\.rawValue).filter { $0 != "HEAD" }) }
        let documented = try Self.documented()
        #expect(!documented.isEmpty)
        #expect(registered == documented)
    }
}
