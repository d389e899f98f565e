import Dispatch
import Hummingbird
import Logging

/// One log line per request, written when its response has been sent (for a streamed batch, when the stream
/// ends, saying whether it ended in an error): method, route, status and duration. The route is the matched
/// pattern, never the raw path or query string, which may hold an address: addresses are personal data and stay
/// out of logs unless `logAddresses` is set.
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = JIDRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        let response = try await next(request, context)
        let route = context.endpointPath ?? "(no route)"
        let status = response.status.code
        let logger = context.logger
        let method = request.method.rawValue
        return response.onBodyComplete { error in
            Self.log(logger, method: method, route: route, status: status, since: start, error: error)
        }
    }

    /// The access log line of a request whose response has been sent; also for the requests the connection guard
    /// answers on the event loop (``EventLoopAnswers``).
    static func log(
        _ logger: Logger, method: String, route: String, status: Int, since start: UInt64, error: (any Error)? = nil
    ) {
        let level: Logger.Level = error == nil ? .info : .notice
        guard logger.logLevel <= level else { return }
        let micros = (DispatchTime.now().uptimeNanoseconds - start) / 1000
        var metadata: Logger.Metadata = [
            "duration_us": .stringConvertible(micros), "status": .stringConvertible(status),
        ]
        if let error { metadata["stream_error"] = .string(String(describing: type(of: error))) }
        logger.log(
            level: level, "\(method) \(route) \(status)\(error == nil ? "" : " (response stream ended early)")",
            metadata: metadata)
    }
}
