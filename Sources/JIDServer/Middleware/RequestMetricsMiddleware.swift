import Dispatch
import Hummingbird
import Metrics
import Synchronization

/// Per-route request counts and durations, and the requests in flight: the metric names of Hummingbird's own
/// `MetricsMiddleware`, which never takes a request out of `http_server_active_requests` when its client resets
/// the connection part way through a streamed response.
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = JIDRequestContext

    /// The metric objects, made once per method and per route, method and status (the metrics factory takes a
    /// lock and a look-up for each one made, which the request path need not pay every time).
    private final class Cache: Sendable {
        struct Key: Hashable {
            let route: String
            let method: String
            let status: Int
        }
        struct Route: Sendable {
            let requests: Counter
            let duration: Timer
            let errors: Counter
        }
        private let active = Mutex<[String: Meter]>([:])
        private let routes = Mutex<[Key: Route]>([:])

        func active(_ method: String) -> Meter {
            active.withLock { table in
                if let meter = table[method] { return meter }
                let meter = Meter(label: "http.server.active_requests", dimensions: [("http.request.method", method)])
                table[method] = meter
                return meter
            }
        }

        func route(_ key: Key) -> Route {
            routes.withLock { table in
                if let route = table[key] { return route }
                let dimensions = [
                    ("http.route", key.route), ("http.request.method", key.method),
                    ("http.response.status_code", String(key.status)),
                ]
                let route = Route(
                    requests: Counter(label: "hb.requests", dimensions: dimensions),
                    duration: Timer(
                        label: "http.server.request.duration", dimensions: dimensions, preferredDisplayUnit: .seconds),
                    errors: Counter(label: "hb.request.errors", dimensions: dimensions))
                table[key] = route
                return route
            }
        }
    }

    private let cache = Cache()

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        let method = request.method.rawValue
        let active = cache.active(method)
        active.increment()
        let route = context.endpointPath ?? "NotFound"
        let cache = self.cache
        @Sendable func record(_ status: Int, failed: Bool) {
            // Routes are the registered patterns and statuses the few the service answers, so the table stays small.
            let metrics = cache.route(Cache.Key(route: route, method: method, status: status))
            metrics.requests.increment()
            metrics.duration.recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - start))
            if failed { metrics.errors.increment() }
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
