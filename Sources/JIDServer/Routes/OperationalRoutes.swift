import Foundation
import Hummingbird
import JIDCore
import JIDStore

/// `/v1/info`, `/healthz`, `/readyz`, `/metrics`, `/openapi.yaml`.
struct OperationalRoutes {
    let configuration: ServerConfiguration
    let metrics: JIDMetrics
    let names: RegistryService

    /// The OpenAPI document, compiled into the binary (`Package.swift` embeds `Resources/openapi.yaml`, which the
    /// repository root links to), so a copied `jid` runs alone.
    static let openAPI: [UInt8] = PackageResources.openapi_yaml

    func register(on router: Router<JIDRequestContext>) {
        router.get("/v1/info") { _, _ in
            let versions = UnicodeVersions.current
            var writer = JSONWriter()
            writer.beginObject()
            writer.string("service", "jid-service")
            writer.string("version", JIDServiceVersion.current)
            writer.string("icu", versions.icu)
            writer.string("unicode", versions.unicode)
            writer.string("libidn2", versions.libidn2)
            writer.beginObject("limits")
            writer.integer("bodyBytes", configuration.bodyLimit)
            writer.integer("batchBodyBytes", configuration.batchBodyLimit)
            writer.integer("batchLineBytes", configuration.batchLineLimit)
            writer.integer("headerBytes", configuration.headerLimit)
            writer.integer("jidInputOctets", JID.maximumInputOctets)
            writer.integer("partOctets", JID.maximumPartOctets)
            writer.integer("idleTimeoutSeconds", configuration.idleTimeout)
            writer.integer("bodyTimeoutSeconds", configuration.bodyTimeout)
            writer.endObject()
            writer.endObject()
            return Response.json(writer.bytes)
        }
        // Usually answered by HTTP1ConnectionGuard on the event loop; this route serves the other cases.
        router.get("/healthz") { _, _ in Response.json(HealthProbe.body) }
        router.get("/readyz") { _, _ in
            // Ready once the Unicode tables are built, which the first request would otherwise pay for, and the
            // store (if any) answers and is followed.
            _ = PrecisDerivedProperties.shared
            if let store = names.store, !(await store.ping()) || !names.isFollowing {
                return Response.json(Array("{\"status\":\"store unavailable\"}".utf8), status: .serviceUnavailable)
            }
            return Response.json(Array("{\"status\":\"ready\"}".utf8))
        }
        router.get("/metrics") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: metrics.render())))
        }
        router.get("/problems/:name") { _, context in
            guard let name = context.parameters.get("name"), let kind = Problem.Kind(rawValue: name) else {
                throw Problem(.notFound, "No problem type has this name; see /openapi.yaml for the list.")
            }
            var headers = HTTPFields()
            headers[.contentType] = "text/html; charset=utf-8"
            headers[.contentSecurityPolicy] = "default-src 'none'"
            return Response(
                status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: Self.problemPage(kind))))
        }
        router.get("/openapi.yaml") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "application/yaml"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: Self.openAPI)))
        }
    }

    /// The page a problem's `type` URI resolves to: its title, status, meaning and remedy. The texts are the
    /// service's own, so nothing from the request is written into the page.
    static func problemPage(_ kind: Problem.Kind) -> String {
        let (meaning, remedy) = kind.explanation
        return """
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(kind.title) — jid-service</title></head>
            <body>
            <h1>\(kind.title)</h1>
            <p>Problem type <code>\(kind.type)</code>, HTTP status \(kind.status.code).</p>
            <h2>What it means</h2>
            <p>\(meaning)</p>
            <h2>What to do</h2>
            <p>\(remedy)</p>
            <p>Problem documents follow RFC 9457; the <code>detail</code> member says what was wrong with the
            request. The API is described at <a href="/openapi.yaml">/openapi.yaml</a>.</p>
            </body>
            </html>

            """
    }
}
