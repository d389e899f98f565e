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
            let micros = (DispatchTime.now().uptimeNanoseconds - start) / 1000
            var metadata: Logger.Metadata = [
                "duration_us": .stringConvertible(micros), "status": .stringConvertible(status),
            ]
            if let error { metadata["stream_error"] = .string(String(describing: type(of: error))) }
            logger.log(
                level: error == nil ? .info : .notice,
                "\(method) \(route) \(status)\(error == nil ? "" : " (response stream ended early)")",
                metadata: metadata)
        }
    }
}
