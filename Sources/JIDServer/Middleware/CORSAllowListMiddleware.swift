import HTTPTypes
import Hummingbird

/// CORS for browser signup forms, limited to an allow-list of origins (Fetch standard §3.2).
///
/// With an empty list nothing is added, so browsers refuse cross-origin calls. For an allowed origin, simple
/// requests get `Access-Control-Allow-Origin` and preflights (`OPTIONS` with `Access-Control-Request-Method`)
/// are answered with 204 and the allowed methods and headers.
struct CORSAllowListMiddleware: RouterMiddleware {
    typealias Context = JIDRequestContext

    let origins: Set<String>
    static let allowedMethods = "GET, POST, OPTIONS"
    static let allowedHeaders = "Content-Type, X-Request-ID"
    static let maxAge = "600"

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let origin = request.headers[.origin] else { return try await next(request, context) }
        let allowed = origins.contains(origin)
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            var headers = HTTPFields()
            headers[.vary] = "Origin"
            if allowed {
                headers[.accessControlAllowOrigin] = origin
                headers[.accessControlAllowMethods] = Self.allowedMethods
                headers[.accessControlAllowHeaders] = Self.allowedHeaders
                headers[.accessControlMaxAge] = Self.maxAge
            }
            return Response(status: .noContent, headers: headers)
        }
        var response = try await next(request, context)
        response.headers.append(HTTPField(name: .vary, value: "Origin"))
        if allowed {
            response.headers[.accessControlAllowOrigin] = origin
            response.headers[.accessControlExposeHeaders] = "X-Request-ID"
        }
        return response
    }
}
