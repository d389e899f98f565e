import Foundation
public import JIDTLS
public import Logging
import NIOCore
import PostgresNIO

/// The shared store for several replicas: PostgreSQL through postgres-nio's connection pool. Writers serialize on a
/// transaction-scoped advisory lock, so the change sequence follows commit order and a follower that has read
/// change N never later meets a change below N.
public final class PostgresStore: RegistryStore {
    public let description: String
    private let client: PostgresClient
    private let runner: Task<Void, Never>
    private let logger: Logger

    /// The advisory lock key writers take ("7622").
    static let writerLock: Int64 = 7622

    /// Connects to `url` (`postgres://user:password@host:port/database`, `?sslmode=disable|prefer|require`): the
    /// pool starts, and connections are made as queries need them (so an unreachable server is an error of each
    /// query, not of this call).
    public static func connect(url: String, logger: Logger = Logger(label: "jid-service.store"))
        async throws(StoreError)
        -> PostgresStore
    {
        let store = try PostgresStore(url: url, logger: logger)
        // Let the pool's run loop start before the first query leases a connection.
        for _ in 0..<10 { await Task.yield() }
        return store
    }

    private init(url: String, logger: Logger) throws(StoreError) {
        let settings = try Self.settings(url)
        var configuration = PostgresClient.Configuration(
            host: settings.host, port: settings.port, username: settings.user, password: settings.password,
            database: settings.database, tls: settings.tls)
        configuration.options.connectTimeout = .seconds(5)
        configuration.options.maximumConnections = 8
        client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        let client = self.client
        runner = Task { await client.run() }
        self.logger = logger
        description = "PostgreSQL \(settings.host):\(settings.port)/\(settings.database ?? settings.user)"
    }

    struct Settings {
        var host: String
        var port: Int
        var user: String
        var password: String?
        var database: String?
        var tls: PostgresClient.Configuration.TLS
    }

    /// Reads a `postgres://` or `postgresql://` URL (RFC 3986; user and password percent-decoded).
    static func settings(_ url: String) throws(StoreError) -> Settings {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            scheme == "postgres" || scheme == "postgresql", let host = components.host, !host.isEmpty
        else {
            throw StoreError(.failed, "the database URL is not postgres://user:password@host:port/database")
        }
        let database = components.path.split(separator: "/").first.map(String.init)
        var tls = PostgresClient.Configuration.TLS.disable
        for item in components.queryItems ?? [] where item.name == "sslmode" {
            switch item.value {
            case "disable": tls = .disable
            case "require", "verify-full": tls = .require(.makeClientConfiguration())
            case "prefer", "allow": tls = .prefer(.makeClientConfiguration())
            default: throw StoreError(.failed, "sslmode must be disable, prefer or require")
            }
        }
        return Settings(
            host: host, port: components.port ?? 5432,
            user: components.percentEncodedUser?.removingPercentEncoding ?? "postgres",
            password: components.percentEncodedPassword?.removingPercentEncoding, database: database, tls: tls)
    }

    // MARK: Migrations

    static let migrations: [[PostgresQuery]] = [
        [
            """
            CREATE TABLE registry_names (
                name TEXT PRIMARY KEY,
                seq BIGINT NOT NULL,
                deleted BOOLEAN NOT NULL DEFAULT false
            )
            """,
            "CREATE INDEX registry_names_seq ON registry_names (seq)",
        ],
        [
            """
            CREATE TABLE tls_pins (
                id BIGSERIAL PRIMARY KEY,
                domain TEXT NOT NULL,
                service TEXT NOT NULL,
                cert_sha256 TEXT NOT NULL,
                spki_sha256 TEXT NOT NULL,
                not_after BIGINT NOT NULL,
                authenticated BOOLEAN NOT NULL,
                first_seen BIGINT NOT NULL,
                last_seen BIGINT NOT NULL
            )
            """,
            "CREATE INDEX tls_pins_domain ON tls_pins (domain, service, id)",
        ],
    ]

    public func migrate() async throws(StoreError) {
        try await transaction { connection in
            // Replicas starting together migrate one at a time.
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.writerLock))", logger: self.logger)
            try await connection.query(
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)", logger: self.logger)
            var current = 0
            for try await version in try await connection.query(
                "SELECT COALESCE(MAX(version), 0)::int FROM schema_version", logger: self.logger
            ).decode(Int.self) {
                current = version
            }
            guard current <= Self.migrations.count else {
                throw StoreError(
                    .failed,
                    "the database has schema version \(current), newer than this jid knows (\(Self.migrations.count))")
            }
            for version in current..<Self.migrations.count {
                for statement in Self.migrations[version] { try await connection.query(statement, logger: self.logger) }
                try await connection.query(
                    "INSERT INTO schema_version (version) VALUES (\(version + 1))", logger: self.logger)
            }
        }
    }

    // MARK: Names

    public func add(_ names: [String]) async throws(StoreError) -> Int {
        try await transaction { connection in try await self.insert(names, on: connection) }
    }

    public func importNames(_ batches: some AsyncSequence<[String], any Error> & Sendable) async throws -> Int {
        // An import may rightly take minutes, so it has no deadline of its own; but it starts only if the server
        // answers now, rather than wait while the pool retries an unreachable one.
        guard await ping() else {
            throw StoreError(.unavailable, "PostgreSQL does not answer (\(description))")
        }
        do {
            return try await client.withTransaction(logger: logger) { connection in
                var added = 0
                for try await batch in batches { added += try await self.insert(batch, on: connection) }
                return added
            }
        } catch let error as PostgresTransactionError {
            // The batches' own error comes out as it was; the database's become store errors.
            if let inner = error.closureError, !(inner is PSQLError) { throw inner }
            throw Self.storeError(error)
        } catch let error as PSQLError {
            throw Self.storeError(error)
        }
    }

    /// Inserts within the caller's transaction, after taking the writers' lock: one statement per batch, the names
    /// as one array parameter (no SQL is built from them).
    private func insert(_ names: [String], on connection: PostgresConnection) async throws -> Int {
        guard !names.isEmpty else { return 0 }
        let base = try await lockAndLastChange(connection)
        let rows = try await connection.query(
            """
            WITH input AS (SELECT DISTINCT ON (name) name, ord FROM unnest(\(names)::text[]) WITH ORDINALITY AS t(name, ord)
                ORDER BY name, ord)
            INSERT INTO registry_names (name, seq, deleted)
            SELECT name, \(base) + ord, false FROM input
            ON CONFLICT (name) DO UPDATE SET deleted = false, seq = EXCLUDED.seq WHERE registry_names.deleted
            RETURNING 1
            """, logger: logger)
        var added = 0
        for try await _ in rows { added += 1 }
        return added
    }

    private func lockAndLastChange(_ connection: PostgresConnection) async throws -> Int64 {
        try await connection.query("SELECT pg_advisory_xact_lock(\(Self.writerLock))", logger: logger)
        var last: Int64 = 0
        for try await value in try await connection.query(
            "SELECT COALESCE(MAX(seq), 0)::bigint FROM registry_names", logger: logger
        ).decode(Int64.self) {
            last = value
        }
        return last
    }

    public func remove(_ name: String) async throws(StoreError) -> Bool {
        try await transaction { connection in
            let next = try await self.lockAndLastChange(connection) + 1
            var removed = false
            for try await _ in try await connection.query(
                "UPDATE registry_names SET deleted = true, seq = \(next) WHERE name = \(name) AND NOT deleted RETURNING 1",
                logger: self.logger)
            {
                removed = true
            }
            return removed
        }
    }

    public func count() async throws(StoreError) -> Int {
        try await single("SELECT COUNT(*)::bigint FROM registry_names WHERE NOT deleted").map(Int.init) ?? 0
    }

    public func lastChange() async throws(StoreError) -> Int64 {
        try await single("SELECT COALESCE(MAX(seq), 0)::bigint FROM registry_names") ?? 0
    }

    public func forEachName(_ body: @Sendable ([String]) throws -> Void) async throws(StoreError) {
        var after = ""
        while true {
            let page = after
            let names: [String] = try await withClient { client in
                var names: [String] = []
                for try await name in try await client.query(
                    "SELECT name FROM registry_names WHERE NOT deleted AND name > \(page) ORDER BY name LIMIT 10000",
                    logger: self.logger
                ).decode(String.self) {
                    names.append(name)
                }
                return names
            }
            guard let last = names.last else { return }
            do { try body(names) } catch { throw StoreError(.failed, "\(error)") }
            after = last
        }
    }

    public func changes(after sequence: Int64, limit: Int) async throws(StoreError) -> [RegistryChange] {
        try await withClient { client in
            var changes: [RegistryChange] = []
            for try await (name, seq, deleted) in try await client.query(
                "SELECT name, seq, deleted FROM registry_names WHERE seq > \(sequence) ORDER BY seq LIMIT \(limit)",
                logger: self.logger
            ).decode((String, Int64, Bool).self) {
                changes.append(RegistryChange(sequence: seq, name: name, removed: deleted))
            }
            return changes
        }
    }

    public func recordPin(_ observation: PinObservation) async throws(StoreError) -> PinOutcome {
        try await transaction { connection in
            // One writer per domain and service at a time (replicas may probe the same domain).
            let key = observation.service + " " + observation.domain
            try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\(key)))", logger: self.logger)
            var previous: (id: Int64, record: PinRecord)?
            for try await (id, certificate, spki, notAfter, authenticated, first, last) in try await connection.query(
                """
                SELECT id, cert_sha256, spki_sha256, not_after, authenticated, first_seen, last_seen FROM tls_pins
                WHERE domain = \(observation.domain) AND service = \(observation.service)
                ORDER BY authenticated DESC, id DESC LIMIT 1
                """, logger: self.logger
            ).decode((Int64, String, String, Int64, Bool, Int64, Int64).self) {
                let seen = PinObservation(
                    domain: observation.domain, service: observation.service, certificateSHA256: certificate,
                    spkiSHA256: spki, notAfter: notAfter, authenticated: authenticated, seenAt: last)
                previous = (id, PinRecord(observation: seen, firstSeen: first, lastSeen: last))
            }
            let change = PinChange.classify(previous: previous?.record.observation, observation)
            var known = change == .unchanged ? previous?.id : nil
            if known == nil && change != .firstSeen {
                // A certificate seen before, though not the reference (an impostor seen again): one row each.
                for try await id in try await connection.query(
                    """
                    SELECT id FROM tls_pins WHERE domain = \(observation.domain) AND service = \(observation.service)
                    AND cert_sha256 = \(observation.certificateSHA256) LIMIT 1
                    """, logger: self.logger
                ).decode(Int64.self) {
                    known = id
                }
            }
            if let id = known {
                try await connection.query(
                    "UPDATE tls_pins SET last_seen = GREATEST(last_seen, \(observation.seenAt)) WHERE id = \(id)",
                    logger: self.logger)
            } else {
                try await connection.query(
                    """
                    INSERT INTO tls_pins (domain, service, cert_sha256, spki_sha256, not_after, authenticated,
                        first_seen, last_seen)
                    VALUES (\(observation.domain), \(observation.service), \(observation.certificateSHA256),
                        \(observation.spkiSHA256), \(observation.notAfter), \(observation.authenticated),
                        \(observation.seenAt), \(observation.seenAt))
                    """, logger: self.logger)
            }
            return PinOutcome(change: change, previous: previous?.record)
        }
    }

    public func pins(domain: String) async throws(StoreError) -> [PinRecord] {
        try await withClient { client in
            var records: [PinRecord] = []
            for try await (service, certificate, spki, notAfter, authenticated, first, last) in try await client.query(
                """
                SELECT service, cert_sha256, spki_sha256, not_after, authenticated, first_seen, last_seen
                FROM tls_pins WHERE domain = \(domain) ORDER BY id DESC
                """, logger: self.logger
            ).decode((String, String, String, Int64, Bool, Int64, Int64).self) {
                records.append(
                    PinRecord(
                        observation: PinObservation(
                            domain: domain, service: service, certificateSHA256: certificate, spkiSHA256: spki,
                            notAfter: notAfter, authenticated: authenticated, seenAt: last),
                        firstSeen: first, lastSeen: last))
            }
            return records
        }
    }

    /// Whether the server answers within a second (readiness probes time out soon).
    public func whileHolding(
        _ lock: String, _ body: @escaping @Sendable (_ stillHeld: @escaping @Sendable () async -> Bool) async -> Void
    ) async throws(StoreError) -> Bool {
        // A pool waits for a server that is down; ask first, so a replica without its database returns at once.
        guard await ping() else { throw StoreError(.unavailable, "PostgreSQL did not answer") }
        let logger = self.logger
        do {
            return try await client.withConnection { connection in
                var held = false
                for try await value in try await connection.query(
                    "SELECT pg_try_advisory_lock(hashtext(\(lock)))", logger: logger
                ).decode(Bool.self) {
                    held = value
                }
                guard held else { return false }
                await body {
                    (try? await Self.withDeadline(.seconds(3)) {
                        try await connection.query("SELECT 1", logger: logger)
                    }) != nil
                }
                _ = try? await connection.query("SELECT pg_advisory_unlock(hashtext(\(lock)))", logger: logger)
                return true
            }
        } catch {
            throw Self.storeError(error)
        }
    }

    public func ping() async -> Bool {
        let client = self.client
        let logger = self.logger
        return (try? await Self.withDeadline(.seconds(1)) { try await client.query("SELECT 1", logger: logger) }) != nil
    }

    /// How long a short operation (one name, a count, a poll) may wait for the database, connecting included:
    /// while the server is down the pool keeps trying, and a request must get its 503 rather than wait.
    static let deadline: Duration = .seconds(3)

    public func close() async { runner.cancel() }

    // MARK: Plumbing

    private func single(_ query: PostgresQuery) async throws(StoreError) -> Int64? {
        try await withClient { client in
            var value: Int64?
            for try await row in try await client.query(query, logger: self.logger).decode(Int64.self) { value = row }
            return value
        }
    }

    private func withClient<T: Sendable>(_ body: @escaping @Sendable (PostgresClient) async throws -> T)
        async throws(StoreError) -> T
    {
        let client = self.client
        return try await Self.withDeadline { try await body(client) }
    }

    private func transaction<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T)
        async throws(StoreError) -> T
    {
        let client = self.client
        let logger = self.logger
        return try await Self.withDeadline {
            try await client.withTransaction(logger: logger) { connection in try await body(connection) }
        }
    }

    /// Runs `body`, or gives up after ``deadline`` (cancelling it: a connection lease in the pool is cancellable).
    static func withDeadline<T: Sendable>(
        _ limit: Duration = deadline, _ body: @escaping @Sendable () async throws -> T
    ) async throws(StoreError) -> T {
        do {
            return try await withThrowingTaskGroup(of: T.self) { group in
                group.addTask { try await body() }
                group.addTask {
                    try await Task.sleep(for: limit)
                    throw StoreError(.unavailable, "PostgreSQL did not answer within \(limit)")
                }
                defer { group.cancelAll() }
                return try await group.next()!
            }
        } catch {
            throw storeError(error)
        }
    }

    static func storeError(_ error: any Error) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? PostgresTransactionError {
            let inner = error.beginError ?? error.closureError ?? error.commitError
            return inner.map(storeError) ?? StoreError(.failed, "PostgreSQL: the transaction failed")
        }
        if let error = error as? PSQLError {
            switch error.code {
            case .server:
                let message = error.serverInfo?[.message] ?? "error"
                let state = error.serverInfo?[.sqlState] ?? ""
                // Class 53: insufficient resources (disk full, out of memory); 57P: the server is shutting down.
                if state.hasPrefix("53") { return StoreError(.storage, "PostgreSQL: \(message) (\(state))") }
                if state.hasPrefix("57P") || state.hasPrefix("08") {
                    return StoreError(.unavailable, "PostgreSQL: \(message) (\(state))")
                }
                return StoreError(.failed, "PostgreSQL: \(message) (\(state))")
            default:
                return StoreError(.unavailable, "PostgreSQL is unreachable: \(error.code)")
            }
        }
        return StoreError(.unavailable, "PostgreSQL: \(error)")
    }
}
