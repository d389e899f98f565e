import HTTPTypes
import Hummingbird
import JIDConfusables
import JIDCore

/// `/v1/confusables/*`: score, compare, check against the registered names.
struct ConfusablesRoutes {
    let configuration: ServerConfiguration
    let metrics: JIDMetrics
    let registry: ConfusableRegistry
    /// `/v1/confusables/check` answers reveal that some lookalike of a name is registered, so they are rate
    /// limited per client and may be kept for holders of the admin token.
    let limiter: ClientRateLimiter
    let adminToken: AdminToken?

    func register(on router: Router<JIDRequestContext>) {
        router.post("/v1/confusables/score") { request, context in
            let body = try await decode(ConfusablesBody.self, request, context)
            let report = ConfusableReport(parse(body.jid), includeResource: body.includeResource)
            var writer = JSONWriter()
            report.write(to: &writer)
            return Response.json(writer.bytes)
        }
        router.post("/v1/confusables/check") { request, context in
            if configuration.registryCheckRequiresToken {
                try AdminToken.require(adminToken, request.headers, for: "Registry checks")
            }
            try limiter.enforce(context, "registry checks")
            let body = try await decode(ConfusablesBody.self, request, context)
            let report = ConfusableReport(
                parse(body.jid), includeResource: body.includeResource, registry: registry)
            // Registered names are personal data: the answer says whether a conflict exists, never with whom.
            var writer = JSONWriter()
            report.write(to: &writer)
            return Response.json(writer.bytes)
        }
        router.post("/v1/confusables/compare") { request, context in
            let body = try await decode(PairBody.self, request, context)
            let a = parse(body.a)
            let b = parse(body.b)
            let includeResource = body.includeResource
            var writer = JSONWriter()
            if let x = a.jid, let y = b.jid {
                ConfusableComparer.compare(x, y, includeResource: includeResource).write(to: &writer, a: a, b: b)
            } else {
                // Not both addresses: nothing to compare; say which is invalid and why.
                writer.beginObject()
                a.write(to: &writer, key: "a")
                b.write(to: &writer, key: "b")
                writer.string("relation", nil)
                writer.bool("confusable", false)
                writer.beginArray("parts")
                writer.endArray()
                ConfusableReport.writeDataVersion(to: &writer)
                writer.endObject()
            }
            return Response.json(writer.bytes)
        }
    }

    private func decode<Body: JSONRequestBody>(
        _ type: Body.Type, _ request: Request, _ context: JIDRequestContext
    ) async throws -> Body {
        try await JSONBody.decode(
            type, request, context, limit: configuration.bodyLimit, timeout: configuration.bodyTimeout)
    }

    private func parse(_ input: String) -> JIDResult {
        let result = JID.parse(input)
        metrics.record(result)
        return result
    }
}
