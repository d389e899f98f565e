import CPlatform
import Foundation
public import Hummingbird
public import HummingbirdCore
public import JIDConfusables
import JIDCore
import JIDProbe
public import JIDStore
public import Logging
public import Metrics
public import NIOCore
public import Prometheus

/// Builds the HTTP application: routes, middleware and server settings from a ``ServerConfiguration``.
public enum JIDService {
    /// The router with every route and middleware.
    public static func makeRouter(
        configuration: ServerConfiguration, metrics: JIDMetrics, registry: ConfusableRegistry = ConfusableRegistry(),
        names: RegistryService? = nil
    ) -> Router<JIDRequestContext> {
        makeRouter(
            configuration: configuration, metrics: metrics, registry: registry, names: names,
            requestMetrics: RequestMetrics(), jidRoutes: JIDRoutes(configuration: configuration, metrics: metrics))
    }

    /// The router, with the request metrics and the address routes the connection guard shares with it (see
    /// ``EventLoopAnswers``).
    static func makeRouter(
        configuration: ServerConfiguration, metrics: JIDMetrics, registry: ConfusableRegistry,
        names: RegistryService?, requestMetrics: RequestMetrics, jidRoutes: JIDRoutes
    ) -> Router<JIDRequestContext> {
        let names = names ?? RegistryService(registry: registry, store: nil)
        let registry = names.registry
        let adminToken = configuration.adminTokenFile.flatMap { try? AdminToken(file: $0) }
        _ = OperationalRoutes.openAPI  // fail at start-up, not on the first request, if the bundle is broken
        let router = Router(context: JIDRequestContext.self, options: .autoGenerateHeadEndpoints)
        let methods = RouteMethods()
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: AccessLogMiddleware())
        router.add(middleware: RequestMetricsMiddleware(metrics: requestMetrics))
        router.add(middleware: CORSAllowListMiddleware(origins: Set(configuration.corsOrigins)))
        router.add(middleware: ProblemMiddleware(routes: methods))
        jidRoutes.register(on: router)
        MigrationRoutes(configuration: configuration, metrics: metrics).register(on: router)
        BatchRoute(configuration: configuration, metrics: metrics).register(on: router)
        ConfusablesRoutes(
            configuration: configuration, metrics: metrics, registry: registry,
            limiter: ClientRateLimiter(perMinute: configuration.registryCheckRate),
            adminToken: adminToken
        ).register(on: router)
        RegistryRoutes(configuration: configuration, names: names, adminToken: adminToken).register(on: router)
        SignupRoutes(
            configuration: configuration, metrics: metrics, registry: registry,
            limiter: ClientRateLimiter(perMinute: configuration.signupRate)
        ).register(on: router)
        TLSRoutes(
            configuration: configuration, probes: ProbeGate(configuration: configuration), store: names.store,
            adminToken: adminToken
        ).register(on: router)
        OperationalRoutes(configuration: configuration, metrics: metrics, names: names).register(on: router)
        if configuration.ui { UIRoutes().register(on: router) }
        methods.record(router)  // the routes just registered are the one list of paths and methods
        return router
    }

    /// The application, ready to `runService()` (which drains in-flight requests on SIGTERM or SIGINT).
    public static func makeApplication(
        configuration: ServerConfiguration, metrics: JIDMetrics, logger: Logger,
        registry: ConfusableRegistry = ConfusableRegistry(), names: RegistryService? = nil
    ) -> some ApplicationProtocol {
        makeApplication(
            configuration: configuration, metrics: metrics, logger: logger, registry: registry, names: names,
            requestMetrics: RequestMetrics(), answeringParseOnEventLoop: true)
    }

    /// The application, with the request metrics of its own; without `answeringParseOnEventLoop`,
    /// `GET /v1/jid/parse` always goes through the router (tests compare the two).
    static func makeApplication(
        configuration: ServerConfiguration, metrics: JIDMetrics, logger: Logger, registry: ConfusableRegistry,
        names: RegistryService?, requestMetrics: RequestMetrics, answeringParseOnEventLoop: Bool
    ) -> some ApplicationProtocol {
        let jidRoutes = JIDRoutes(configuration: configuration, metrics: metrics)
        let answers = EventLoopAnswers(
            jidRoutes: answeringParseOnEventLoop ? jidRoutes : nil, metrics: requestMetrics, logger: logger)
        let http1 = HTTP1Channel.Configuration(
            idleTimeout: .seconds(Int64(configuration.idleTimeout)),
            httpDecoderConfiguration: .init(
                maxHeaderFieldSize: configuration.headerLimit, maxHeaderListSize: configuration.headerLimit,
                maxHeaderFieldCount: configuration.headerCountLimit))
        return Application(
            router: makeRouter(
                configuration: configuration, metrics: metrics, registry: registry, names: names,
                requestMetrics: requestMetrics, jidRoutes: jidRoutes),
            server: .guardedHTTP1(
                configuration: http1, maxConnections: configuration.maxConnections, answers: answers),
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port),
                serverName: EventLoopAnswers.serverName,
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
        case .text: LoggingSystem.bootstrap { TextLogHandler(label: $0, level: level) }
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
        // A batch chunk's answer is a buffer of about 200 KB, filled on a worker thread and freed on the event loop
        // once written. By default glibc gives the top of a heap back to the kernel as soon as 128 KiB of it are
        // free, so the next answer was written into pages the kernel had to map and zero again (12,000–25,000 page
        // faults a million lines through /v1/batch; about 2,000 with these bounds).
        cs_keep_freed_memory(1 << 20, 8 << 20)
        let metrics = bootstrapObservability(configuration)
        var logger = Logger(label: "jid-service")
        logger.logLevel = configuration.logLevel
        if let path = configuration.adminTokenFile {
            do { _ = try AdminToken(file: path) } catch {
                throw ServerConfiguration.Invalid(description: error.description)
            }
        }
        // The tables the first non-ASCII address would otherwise build while a client waits.
        _ = PrecisDerivedProperties.shared
        ConfusableScorer.prepare()
        let store = try await openStore(configuration, logger: logger)
        let names = RegistryService(registry: registry, store: store)
        let application = makeApplication(
            configuration: configuration, metrics: metrics, logger: logger, registry: registry, names: names)
        // The store is loaded and followed beside the server: while it cannot be reached, /readyz says so and the
        // registry's admin routes answer 503, and everything else works.
        let follower = Task {
            await startAndFollow(names, logger: logger)
        }
        defer { follower.cancel() }
        let watching = try watcher(configuration, store: store, metrics: metrics, logger: logger).map { watcher in
            Task { await watcher.run() }
        }
        defer { watching?.cancel() }
        try await application.runService()
        await store?.close()
    }

    /// The watch list's prober, when the configuration names a watch list (read and checked now: a bad line
    /// stops the start with its number).
    static func watcher(
        _ configuration: ServerConfiguration, store: (any RegistryStore)?, metrics: JIDMetrics, logger: Logger
    ) throws -> TLSWatcher? {
        guard let path = configuration.watchFile else { return nil }
        guard let store else {
            throw ServerConfiguration.Invalid(description: "the watch list \(path) needs a store")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ServerConfiguration.Invalid(description: "cannot read the watch list \(path)")
        }
        let targets: [WatchTarget]
        do {
            targets = try WatchList.parse(String(decoding: data, as: UTF8.self))
        } catch {
            throw ServerConfiguration.Invalid(description: "the watch list \(path), \(error)")
        }
        return TLSWatcher(
            targets: targets, store: store, metrics: metrics, logger: logger,
            interval: .seconds(configuration.watchInterval), concurrency: configuration.watchConcurrency
        ) { target in
            var options = XMPPProbeOptions(domain: target.domain)
            options.service = target.service
            options.connect = target.connect
            options.directTLS = target.directTLS
            configuration.applyProbeSettings(to: &options)
            return options
        }
    }

    /// The store the configuration names: PostgreSQL for `databaseURL`, else SQLite under `stateDirectory`,
    /// else none.
    public static func openStore(_ configuration: ServerConfiguration, logger: Logger) async throws
        -> (any RegistryStore)?
    {
        do {
            if let url = configuration.databaseURL { return try await PostgresStore.connect(url: url, logger: logger) }
            guard let directory = configuration.stateDirectory else {
                logger.notice("no state directory or database: registered names live in memory only")
                return nil
            }
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            return try await SQLiteStore.open(path: directory + "/state.sqlite", logger: logger)
        } catch let error as StoreError {
            throw ServerConfiguration.Invalid(description: error.description)
        }
    }

    /// Migrates and loads the store (again every two seconds until it answers), then follows its changes.
    static func startAndFollow(_ names: RegistryService, logger: Logger) async {
        guard let store = names.store else { return }
        while !Task.isCancelled {
            do {
                try await names.start()
                logger.info(
                    "registered names loaded",
                    metadata: ["store": "\(store.description)", "count": "\(names.registry.count)"])
                break
            } catch {
                logger.error("the store cannot be loaded; retrying", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: .seconds(2))
            }
        }
        await names.follow()
    }
}
