import Dispatch
import Hummingbird
import Metrics
import Synchronization

/// Per-route request counts and durations, and the requests in flight: the metric names of Hummingbird's own
/// `MetricsMiddleware`, which never takes a request out of `http_server_active_requests` when its client resets
/// the connection part way through a streamed response.
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = JIDRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        let method = request.method.rawValue
        let active = Meter(label: "http.server.active_requests", dimensions: [("http.request.method", method)])
        active.increment()
        let route = context.endpointPath ?? "NotFound"
        @Sendable func record(_ status: Int, failed: Bool) {
            let dimensions = [
                ("http.route", route), ("http.request.method", method),
                ("http.response.status_code", String(status)),
            ]
            Counter(label: "hb.requests", dimensions: dimensions).increment()
            Timer(label: "http.server.request.duration", dimensions: dimensions, preferredDisplayUnit: .seconds)
                .recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - start))
            if failed { Counter(label: "hb.request.errors", dimensions: dimensions).increment() }
            active.decrement()
        }
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            record((error as? any HTTPResponseError)?.status.code ?? 500, failed: true)
            throw error
        }
        let status = response.status.code
        return response.onBodyComplete { error in record(status, failed: error != nil) }
    }
}
