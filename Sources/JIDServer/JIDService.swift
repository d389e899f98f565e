public import Hummingbird
public import HummingbirdCore
public import JIDConfusables
public import Logging
public import Metrics
public import NIOCore
public import Prometheus

/// Builds the HTTP application: routes, middleware and server settings from a ``ServerConfiguration``.
public enum JIDService {
    /// The router with every route and middleware.
    public static func makeRouter(
        configuration: ServerConfiguration, metrics: JIDMetrics, registry: ConfusableRegistry = ConfusableRegistry()
    ) -> Router<JIDRequestContext> {
        _ = OperationalRoutes.openAPI  // fail at start-up, not on the first request, if the bundle is broken
        let router = Router(context: JIDRequestContext.self, options: .autoGenerateHeadEndpoints)
        let methods = RouteMethods()
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: AccessLogMiddleware())
        router.add(middleware: RequestMetricsMiddleware())
        router.add(middleware: CORSAllowListMiddleware(origins: Set(configuration.corsOrigins)))
        router.add(middleware: ProblemMiddleware(routes: methods))
        JIDRoutes(configuration: configuration, metrics: metrics).register(on: router)
        MigrationRoutes(configuration: configuration, metrics: metrics).register(on: router)
        BatchRoute(configuration: configuration, metrics: metrics).register(on: router)
        ConfusablesRoutes(
            configuration: configuration, metrics: metrics, registry: registry,
            limiter: ClientRateLimiter(perMinute: configuration.registryCheckRate),
            adminToken: configuration.adminTokenFile.flatMap { try? AdminToken(file: $0) }
        ).register(on: router)
        SignupRoutes(
            configuration: configuration, metrics: metrics, registry: registry,
            limiter: ClientRateLimiter(perMinute: configuration.signupRate)
        ).register(on: router)
        TLSRoutes(configuration: configuration, probes: ProbeGate(configuration: configuration)).register(on: router)
        OperationalRoutes(configuration: configuration, metrics: metrics).register(on: router)
        methods.record(router)  // the routes just registered are the one list of paths and methods
        return router
    }

    /// The application, ready to `runService()` (which drains in-flight requests on SIGTERM or SIGINT).
    public static func makeApplication(
        configuration: ServerConfiguration, metrics: JIDMetrics, logger: Logger,
        registry: ConfusableRegistry = ConfusableRegistry()
    ) -> some ApplicationProtocol {
        let http1 = HTTP1Channel.Configuration(
            idleTimeout: .seconds(Int64(configuration.idleTimeout)),
            httpDecoderConfiguration: .init(
                maxHeaderFieldSize: configuration.headerLimit, maxHeaderListSize: configuration.headerLimit,
                maxHeaderFieldCount: configuration.headerCountLimit))
        return Application(
            router: makeRouter(configuration: configuration, metrics: metrics, registry: registry),
            server: .guardedHTTP1(configuration: http1, maxConnections: configuration.maxConnections),
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port), serverName: "jid-service",
                availableConnectionsDelegate: .maximum(configuration.maxConnections, logger: logger)),
            logger: logger)
    }
}

extension JIDService {
    /// Sets up process-wide logging and metrics for a server (once per process) and returns the metrics the
    /// `/metrics` route renders.
    public static func bootstrapObservability(_ configuration: ServerConfiguration) -> JIDMetrics {
        let level = configuration.logLevel
        switch configuration.logFormat {
        case .json: LoggingSystem.bootstrap { JSONLogHandler(label: $0, level: level) }
        case .text:
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
        }
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return JIDMetrics(registry: registry)
    }
}

extension JIDService {
    /// Runs the server until SIGTERM or SIGINT, then lets requests in flight finish. `registry` holds the
    /// registered names `/v1/confusables/check` compares with.
    public static func run(
        configuration: ServerConfiguration, registry: ConfusableRegistry = ConfusableRegistry()
    ) async throws {
        let metrics = bootstrapObservability(configuration)
        var logger = Logger(label: "jid-service")
        logger.logLevel = configuration.logLevel
        if let path = configuration.adminTokenFile {
            do { _ = try AdminToken(file: path) } catch {
                throw ServerConfiguration.Invalid(description: error.description)
            }
        }
        ConfusableScorer.prepare()
        if registry.count > 0 { logger.info("registered names loaded", metadata: ["count": "\(registry.count)"]) }
        let application = makeApplication(
            configuration: configuration, metrics: metrics, logger: logger, registry: registry)
        try await application.runService()
    }
}
