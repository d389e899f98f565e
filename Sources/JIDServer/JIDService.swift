import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// Builds the HTTP application: routes, middleware and server settings from a ``ServerConfiguration``.
public enum JIDService {
    /// Paths and their methods, for 405 responses and documentation checks.
    static let routes: [String: [HTTPRequest.Method]] = [
        "/v1/jid/parse": [.get, .post], "/v1/jid/compare": [.post], "/v1/jid/escape": [.post],
        "/v1/jid/unescape": [.post], "/v1/jid/uri": [.post], "/v1/migration/check": [.post], "/v1/batch": [.post],
        "/v1/info": [.get], "/healthz": [.get], "/readyz": [.get], "/metrics": [.get], "/openapi.yaml": [.get],
    ]

    /// The router with every route and middleware.
    public static func makeRouter(configuration: ServerConfiguration, metrics: JIDMetrics) -> Router<JIDRequestContext> {
        let router = Router(context: JIDRequestContext.self)
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: AccessLogMiddleware())
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: CORSAllowListMiddleware(origins: Set(configuration.corsOrigins)))
        router.add(middleware: ProblemMiddleware(routes: routes))
        JIDRoutes(configuration: configuration, metrics: metrics).register(on: router)
        MigrationRoutes(configuration: configuration, metrics: metrics).register(on: router)
        BatchRoute(configuration: configuration, metrics: metrics).register(on: router)
        OperationalRoutes(configuration: configuration, metrics: metrics).register(on: router)
        return router
    }

    /// The application, ready to `runService()` (which drains in-flight requests on SIGTERM or SIGINT).
    public static func makeApplication(
        configuration: ServerConfiguration, metrics: JIDMetrics, logger: Logger
    ) -> some ApplicationProtocol {
        let http1 = HTTP1Channel.Configuration(
            idleTimeout: .seconds(Int64(configuration.idleTimeout)),
            httpDecoderConfiguration: .init(
                maxHeaderFieldSize: configuration.headerLimit, maxHeaderListSize: configuration.headerLimit,
                maxHeaderFieldCount: configuration.headerCountLimit))
        return Application(
            router: makeRouter(configuration: configuration, metrics: metrics),
            server: .http1(configuration: http1),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "jid-service"),
            logger: logger)
    }
}
