import Dispatch
import Hummingbird
import Metrics
import Synchronization

/// Per-route request counts and durations, and the requests in flight: the metric names of Hummingbird's own
/// `MetricsMiddleware`, which never takes a request out of `http_server_active_requests` when its client resets
/// the connection part way through a streamed response.
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = JIDRequestContext

    let metrics: RequestMetrics

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let started = metrics.start(method: request.method.rawValue)
        let route = context.endpointPath ?? "NotFound"
        let metrics = self.metrics
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            metrics.finish(
                started, route: route, status: (error as? any HTTPResponseError)?.status.code ?? 500, failed: true)
            throw error
        }
        let status = response.status.code
        return response.onBodyComplete { error in
            metrics.finish(started, route: route, status: status, failed: error != nil)
        }
    }
}

/// The request metrics, recorded the same way for the requests the router answers (``RequestMetricsMiddleware``)
/// and those the connection guard answers on the event loop (``EventLoopAnswers``).
///
/// The metric objects are made once per method and per route, method and status (the metrics factory takes a lock
/// and a look-up for each one made, which the request path need not pay every time).
final class RequestMetrics: Sendable {
    /// A request being answered.
    struct Started: Sendable {
        let method: String
        let start: UInt64
        let active: Meter
    }

    private struct Key: Hashable {
        let route: String
        let method: String
        let status: Int
    }
    private struct Route: Sendable {
        let requests: Counter
        let duration: Timer
        let errors: Counter
    }
    private let factory: any MetricsFactory
    private let active = Mutex<[String: Meter]>([:])
    private let routes = Mutex<[Key: Route]>([:])

    /// Metrics made by `factory` (the process's metrics system by default).
    init(factory: any MetricsFactory = MetricsSystem.factory) { self.factory = factory }

    /// Counts a request of `method` in flight from `start` (uptime nanoseconds; now by default).
    func start(method: String, at start: UInt64 = DispatchTime.now().uptimeNanoseconds) -> Started {
        let meter = active.withLock { table in
            if let meter = table[method] { return meter }
            let meter = Meter(
                label: "http.server.active_requests", dimensions: [("http.request.method", method)], factory: factory)
            table[method] = meter
            return meter
        }
        meter.increment()
        return Started(method: method, start: start, active: meter)
    }

    /// Records a request's route, status and duration, and takes it out of the requests in flight.
    func finish(_ started: Started, route: String, status: Int, failed: Bool) {
        // Routes are the registered patterns and statuses the few the service answers, so the table stays small.
        let key = Key(route: route, method: started.method, status: status)
        let metrics = routes.withLock { table in
            if let route = table[key] { return route }
            let dimensions = [
                ("http.route", key.route), ("http.request.method", key.method),
                ("http.response.status_code", String(key.status)),
            ]
            let route = Route(
                requests: Counter(label: "hb.requests", dimensions: dimensions, factory: factory),
                duration: Timer(
                    label: "http.server.request.duration", dimensions: dimensions, preferredDisplayUnit: .seconds,
                    factory: factory),
                errors: Counter(label: "hb.request.errors", dimensions: dimensions, factory: factory))
            table[key] = route
            return route
        }
        metrics.requests.increment()
        metrics.duration.recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - started.start))
        if failed { metrics.errors.increment() }
        started.active.decrement()
    }
}
