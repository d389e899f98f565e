import Dispatch
import Hummingbird
import Logging

/// One log line per request: method, path (never the query string, which may hold an address), status and
/// duration. Addresses are personal data and stay out of logs unless `logAddresses` is set.
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = JIDRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        let response = try await next(request, context)
        let micros = (DispatchTime.now().uptimeNanoseconds - start) / 1000
        context.logger.info(
            "\(request.method.rawValue) \(request.uri.path) \(response.status.code)",
            metadata: ["duration_us": "\(micros)", "status": "\(response.status.code)"])
        return response
    }
}
