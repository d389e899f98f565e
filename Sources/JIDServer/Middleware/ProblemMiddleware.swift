import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import Synchronization

/// Turns every error into a `application/problem+json` response: client mistakes keep their 4xx status, an
/// unknown path is 404, a known path with the wrong method is 405 with `Allow`, and anything unexpected is
/// logged and answered without internals.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = JIDRequestContext

    /// Methods allowed on each path, for 405 responses.
    let routes: RouteMethods

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            let response = try await next(request, context)
            // The router answers an unknown path or method with an empty 404.
            if response.status == .notFound && response.headers[.contentType] == nil {
                return try notFound(request, context)
            }
            return response
        } catch let problem as Problem {
            return try problem.response(from: request, context: context)
        } catch let error as HTTPError {
            switch error.status {
            case .notFound: return try notFound(request, context)
            case .contentTooLarge:
                return try Problem(.bodyTooLarge, "The request body is larger than this route accepts.")
                    .response(from: request, context: context)
            default:
                let kind: Problem.Kind = error.status.code == 408 ? .requestTimeout : .badRequest
                return try Problem(kind, error.body ?? error.status.reasonPhrase).response(
                    from: request, context: context)
            }
        } catch let error as HTTPParserError {
            // The client sent something that is not HTTP: its mistake, not the service's.
            context.logger.info("Unreadable request", metadata: ["error": "\(error)"])
            return try Problem(.badRequest, "The request is not well-formed HTTP/1.1.").response(
                from: request, context: context)
        } catch  where Self.isConnectionError(error) {
            context.logger.info("Connection error", metadata: ["error": "\(error)"])
            return try Problem(.badRequest, "The request could not be read.").response(from: request, context: context)
        } catch {
            context.logger.error("Unexpected error", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            return try Problem(.badRequest, "The request could not be processed.").response(
                from: request, context: context)
        }
    }

    /// Errors of the connection (a reset, a read after close), which say nothing about the service.
    static func isConnectionError(_ error: any Error) -> Bool {
        error is ChannelError || error is IOError || error is NIOTooManyBytesError
    }

    private func notFound(_ request: Request, _ context: Context) throws -> Response {
        if let methods = routes.methods[request.uri.path] {
            let allow = methods.map(\.rawValue).joined(separator: ", ")
            var headers = HTTPFields()
            headers[.allow] = allow
            return try Problem(
                .methodNotAllowed, "\(request.uri.path) accepts \(allow), not \(request.method.rawValue).",
                headers: headers
            ).response(from: request, context: context)
        }
        return try Problem(.notFound, "There is no resource at \(request.uri.path); see /openapi.yaml.")
            .response(from: request, context: context)
    }
}

/// The methods of each registered path, read from the router once its routes are registered: the router is the one
/// list of routes (405 answers and the OpenAPI check read it from here).
final class RouteMethods: Sendable {
    private let table = Mutex<[String: [HTTPRequest.Method]]>([:])

    /// Every path of `router` with its methods; HEAD wherever GET is, as the router answers it.
    func record(_ router: Router<JIDRequestContext>) {
        var methods: [String: [HTTPRequest.Method]] = [:]
        for route in router.routes {
            methods["\(route.path)", default: []].append(route.method)
            if route.method == .get { methods["\(route.path)", default: []].append(.head) }
        }
        table.withLock { $0 = methods.mapValues { $0.sorted { $0.rawValue < $1.rawValue } } }
    }

    var methods: [String: [HTTPRequest.Method]] { table.withLock { $0 } }
}
