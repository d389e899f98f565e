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
            let object = try await body(request, context)
            let result = parse(try JSONBody.string(object, "jid"))
            let report = ConfusableReport(
                result, includeResource: try JSONBody.optionalBool(object, "includeResource") ?? false)
            var writer = JSONWriter()
            report.write(to: &writer, revealNames: false)
            return Response.json(writer.bytes)
        }
        router.post("/v1/confusables/check") { request, context in
            if configuration.registryCheckRequiresToken {
                guard let adminToken else {
                    throw Problem(.forbidden, "This endpoint needs the admin token, and none is configured.")
                }
                try adminToken.authorize(request.headers)
            }
            let client = context.channel.remoteAddress?.ipAddress ?? "unknown"
            if let wait = limiter.acquire(client: client) {
                var headers = HTTPFields()
                headers[.retryAfter] = String(wait)
                throw Problem(
                    .tooManyRequests,
                    "At most \(limiter.perMinute) registry checks a minute are answered per client; try again in "
                        + "\(wait) s.", headers: headers)
            }
            let object = try await body(request, context)
            let result = parse(try JSONBody.string(object, "jid"))
            let report = ConfusableReport(
                result, includeResource: try JSONBody.optionalBool(object, "includeResource") ?? false,
                registry: registry)
            // Registered names are personal data: the answer says whether a conflict exists, never with whom.
            var writer = JSONWriter()
            report.write(to: &writer, revealNames: false)
            return Response.json(writer.bytes)
        }
        router.post("/v1/confusables/compare") { request, context in
            let object = try await body(request, context)
            let a = parse(try JSONBody.string(object, "a"))
            let b = parse(try JSONBody.string(object, "b"))
            let includeResource = try JSONBody.optionalBool(object, "includeResource") ?? false
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

    private func body(_ request: Request, _ context: JIDRequestContext) async throws -> [String: Any] {
        try await JSONBody.object(
            request, channel: context.channel, limit: configuration.bodyLimit, timeout: configuration.bodyTimeout)
    }

    private func parse(_ input: String) -> JIDResult {
        let result = JID.parse(input)
        metrics.record(result)
        return result
    }
}
