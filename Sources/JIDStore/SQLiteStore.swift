public import JIDTLS
public import Logging
import NIOCore
import SQLiteNIO

/// The embedded store: one SQLite file (write-ahead log, synchronous=FULL), one connection, operations one at a
/// time. Writers take the file's write lock for their whole transaction (`BEGIN IMMEDIATE`), so the change
/// sequence follows commit order even with several processes on one file.
public actor SQLiteStore: RegistryStore {
    public nonisolated let description: String
    private let connection: SQLiteConnection

    /// Opens (creating if needed) the database file `path`.
    public static func open(path: String, logger: Logger = Logger(label: "jid-service.store")) async throws(StoreError)
        -> SQLiteStore
    {
        do {
            let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
            let store = SQLiteStore(connection: connection, description: "SQLite \(path)")
            try await store.configure()
            return store
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.storeError(error, "cannot open the SQLite database \(path)")
        }
    }

    private init(connection: SQLiteConnection, description: String) {
        self.connection = connection
        self.description = description
    }

    /// A store released on an error path without ``close()`` still closes its file (after any query in flight).
    deinit {
        if !connection.isClosed { _ = connection.close() }
    }

    private func configure() async throws(StoreError) {
        // WAL lets readers (followers in other processes) read while a writer writes; FULL syncs each commit, so
        // a committed import survives a power cut; the busy timeout makes a second process wait for the lock.
        for pragma in ["PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA busy_timeout=10000"] {
            _ = try await run(pragma)
        }
    }

    // MARK: Migrations

    /// The schema, one step per version; a step never changes once released.
    static let migrations: [[String]] = [
        [
            """
            CREATE TABLE registry_names (
                name TEXT PRIMARY KEY NOT NULL,
                seq INTEGER NOT NULL,
                deleted INTEGER NOT NULL DEFAULT 0
            )
            """,
            "CREATE INDEX registry_names_seq ON registry_names (seq)",
        ],
        [
            """
            CREATE TABLE tls_pins (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                domain TEXT NOT NULL,
                service TEXT NOT NULL,
                cert_sha256 TEXT NOT NULL,
                spki_sha256 TEXT NOT NULL,
                not_after INTEGER NOT NULL,
                authenticated INTEGER NOT NULL,
                first_seen INTEGER NOT NULL,
                last_seen INTEGER NOT NULL
            )
            """,
            "CREATE INDEX tls_pins_domain ON tls_pins (domain, service, id)",
        ],
        // Version 3: the names clustered by name (WITHOUT ROWID). Reading them in name order, as a load or an
        // export does, was a seek into the table per row; now it is one pass over one B-tree, and each name is
        // stored once instead of in the table and its primary-key index.
        [
            """
            CREATE TABLE registry_names_clustered (
                name TEXT PRIMARY KEY NOT NULL,
                seq INTEGER NOT NULL,
                deleted INTEGER NOT NULL DEFAULT 0
            ) WITHOUT ROWID
            """,
            "INSERT INTO registry_names_clustered (name, seq, deleted) SELECT name, seq, deleted FROM registry_names",
            "DROP TABLE registry_names",
            "ALTER TABLE registry_names_clustered RENAME TO registry_names",
            "CREATE INDEX registry_names_seq ON registry_names (seq)",
        ],
    ]

    public func migrate() async throws(StoreError) {
        try await exclusive { () async throws(StoreError) in try await self.migrateNow() }
    }

    private func migrateNow() async throws(StoreError) {
        _ = try await run("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        try await transaction { () async throws(StoreError) in
            let rows = try await self.run("SELECT COALESCE(MAX(version), 0) AS v FROM schema_version")
            let current = Int(rows.first?.column("v")?.integer ?? 0)
            guard current <= Self.migrations.count else {
                throw StoreError(
                    .failed,
                    "the database has schema version \(current), newer than this jid knows (\(Self.migrations.count))")
            }
            for version in current..<Self.migrations.count {
                for statement in Self.migrations[version] { _ = try await self.run(statement) }
                _ = try await self.run("INSERT INTO schema_version (version) VALUES (?)", [.integer(version + 1)])
            }
        }
    }

    // MARK: Names

    public func add(_ names: [String]) async throws(StoreError) -> Int {
        try await exclusive { () async throws(StoreError) in
            try await self.transaction { () async throws(StoreError) in try await self.insert(names) }
        }
    }

    public func importNames(_ batches: some AsyncSequence<[String], any Error> & Sendable) async throws -> Int {
        // The sequence's own error is carried out of the typed-throws transaction and rethrown as it was.
        let outcome: Result<Int, any Error> = try await exclusive { () async throws(StoreError) in
            var stopped: (any Error)?
            do throws(StoreError) {
                let added = try await self.transaction { () async throws(StoreError) in
                    var added = 0
                    do {
                        for try await batch in batches { added += try await self.insert(batch) }
                    } catch let error as StoreError {
                        throw error
                    } catch {
                        stopped = error
                        throw StoreError(.failed, "the import stopped: \(error)")
                    }
                    return added
                }
                return .success(added)
            } catch {
                if let stopped { return .failure(stopped) }
                throw error
            }
        }
        return try outcome.get()
    }

    /// Inserts within the current transaction, 400 names per statement; a removed name comes back.
    private func insert(_ names: [String]) async throws(StoreError) -> Int {
        var added = 0
        var next = try await lastChangeInTransaction() + 1
        var start = 0
        while start < names.count {
            let chunk = names[start..<min(start + 400, names.count)]
            start += chunk.count
            var binds: [SQLiteData] = []
            binds.reserveCapacity(chunk.count * 2)
            for name in chunk {
                binds.append(.text(name))
                binds.append(.integer(Int(next)))
                next += 1
            }
            let values = Array(repeating: "(?, ?, 0)", count: chunk.count).joined(separator: ", ")
            _ = try await run(
                "INSERT INTO registry_names (name, seq, deleted) VALUES \(values) "
                    + "ON CONFLICT (name) DO UPDATE SET deleted = 0, seq = excluded.seq WHERE registry_names.deleted = 1",
                binds)
            added += Int(try await run("SELECT changes() AS n").first?.column("n")?.integer ?? 0)
        }
        return added
    }

    public func remove(_ name: String) async throws(StoreError) -> Bool {
        try await exclusive { () async throws(StoreError) in try await self.removeNow(name) }
    }

    private func removeNow(_ name: String) async throws(StoreError) -> Bool {
        try await transaction { () async throws(StoreError) in
            let next = try await self.lastChangeInTransaction() + 1
            _ = try await self.run(
                "UPDATE registry_names SET deleted = 1, seq = ? WHERE name = ? AND deleted = 0",
                [.integer(Int(next)), .text(name)])
            return (try await self.run("SELECT changes() AS n").first?.column("n")?.integer ?? 0) > 0
        }
    }

    public func count() async throws(StoreError) -> Int {
        try await exclusive { () async throws(StoreError) in try await self.countNow() }
    }

    private func countNow() async throws(StoreError) -> Int {
        Int(
            try await run("SELECT COUNT(*) AS n FROM registry_names WHERE deleted = 0").first?.column("n")?.integer ?? 0
        )
    }

    public func lastChange() async throws(StoreError) -> Int64 {
        try await exclusive { () async throws(StoreError) in try await self.lastChangeInTransaction() }
    }

    private func lastChangeInTransaction() async throws(StoreError) -> Int64 {
        Int64(try await run("SELECT COALESCE(MAX(seq), 0) AS s FROM registry_names").first?.column("s")?.integer ?? 0)
    }

    public func forEachName(_ body: @Sendable ([String]) throws -> Void) async throws(StoreError) {
        // Keyset pages by name: no snapshot held open across the whole table, bounded memory; other operations
        // may run between pages.
        var after = ""
        while true {
            let page = after
            let rows = try await exclusive { () async throws(StoreError) in
                try await self.run(
                    "SELECT name FROM registry_names WHERE deleted = 0 AND name > ? ORDER BY name LIMIT 10000",
                    [.text(page)])
            }
            let names = rows.compactMap { $0.column("name")?.string }
            guard let last = names.last else { return }
            do { try body(names) } catch { throw StoreError(.failed, "\(error)") }
            after = last
        }
    }

    public func changes(after sequence: Int64, limit: Int) async throws(StoreError) -> [RegistryChange] {
        let rows = try await exclusive { () async throws(StoreError) in
            try await self.run(
                "SELECT name, seq, deleted FROM registry_names WHERE seq > ? ORDER BY seq LIMIT ?",
                [.integer(Int(sequence)), .integer(limit)])
        }
        return rows.compactMap { row in
            guard let name = row.column("name")?.string, let seq = row.column("seq")?.integer else { return nil }
            return RegistryChange(sequence: Int64(seq), name: name, removed: row.column("deleted")?.integer == 1)
        }
    }

    public func recordPin(_ observation: PinObservation) async throws(StoreError) -> PinOutcome {
        try await exclusive { () async throws(StoreError) in
            try await self.transaction { () async throws(StoreError) in
                let rows = try await self.run(
                    "SELECT id, domain, service, cert_sha256, spki_sha256, not_after, authenticated, first_seen, "
                        + "last_seen FROM tls_pins WHERE domain = ? AND service = ? ORDER BY authenticated DESC, id DESC LIMIT 1",
                    [.text(observation.domain), .text(observation.service)])
                let previous = rows.first.flatMap(Self.pin)
                let change = PinChange.classify(previous: previous?.record.observation, observation)
                var known = change == .unchanged ? previous?.id : nil
                if known == nil && change != .firstSeen {
                    // A certificate seen before, though not the reference (an impostor seen again): one row each.
                    known = try await self.run(
                        "SELECT id FROM tls_pins WHERE domain = ? AND service = ? AND cert_sha256 = ? LIMIT 1",
                        [.text(observation.domain), .text(observation.service), .text(observation.certificateSHA256)]
                    ).first?.column("id")?.integer
                }
                if let id = known {
                    _ = try await self.run(
                        "UPDATE tls_pins SET last_seen = MAX(last_seen, ?) WHERE id = ?",
                        [.integer(Int(observation.seenAt)), .integer(id)])
                } else {
                    _ = try await self.run(
                        "INSERT INTO tls_pins (domain, service, cert_sha256, spki_sha256, not_after, authenticated, "
                            + "first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        [
                            .text(observation.domain), .text(observation.service), .text(observation.certificateSHA256),
                            .text(observation.spkiSHA256), .integer(Int(observation.notAfter)),
                            .integer(observation.authenticated ? 1 : 0), .integer(Int(observation.seenAt)),
                            .integer(Int(observation.seenAt)),
                        ])
                }
                return PinOutcome(change: change, previous: previous?.record)
            }
        }
    }

    public func pins(domain: String) async throws(StoreError) -> [PinRecord] {
        let rows = try await exclusive { () async throws(StoreError) in
            try await self.run(
                "SELECT id, domain, service, cert_sha256, spki_sha256, not_after, authenticated, first_seen, last_seen "
                    + "FROM tls_pins WHERE domain = ? ORDER BY id DESC", [.text(domain)])
        }
        return rows.compactMap { Self.pin($0)?.record }
    }

    private static func pin(_ row: SQLiteRow) -> (id: Int, record: PinRecord)? {
        guard let id = row.column("id")?.integer, let domain = row.column("domain")?.string,
            let service = row.column("service")?.string, let certificate = row.column("cert_sha256")?.string,
            let spki = row.column("spki_sha256")?.string, let notAfter = row.column("not_after")?.integer,
            let authenticated = row.column("authenticated")?.integer, let first = row.column("first_seen")?.integer,
            let last = row.column("last_seen")?.integer
        else { return nil }
        let observation = PinObservation(
            domain: domain, service: service, certificateSHA256: certificate, spkiSHA256: spki,
            notAfter: Int64(notAfter), authenticated: authenticated == 1, seenAt: Int64(last))
        return (id, PinRecord(observation: observation, firstSeen: Int64(first), lastSeen: Int64(last)))
    }

    public func ping() async -> Bool {
        (try? await exclusive { () async throws(StoreError) in try await self.run("SELECT 1") }) != nil
    }

    public nonisolated func whileHolding(
        _ lock: String, _ body: @escaping @Sendable (_ stillHeld: @escaping @Sendable () async -> Bool) async -> Void
    ) async throws(StoreError) -> Bool {
        await body { true }
        return true
    }

    public func close() async { try? await connection.close() }

    // MARK: Plumbing

    private var inTransaction = false
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Runs `body` with the connection to itself: the actor would otherwise interleave operations at their
    /// awaits, and one connection has one transaction.
    private func exclusive<T: Sendable>(_ body: () async throws(StoreError) -> T) async throws(StoreError) -> T {
        if busy {
            await withCheckedContinuation { waiting.append($0) }
        } else {
            busy = true
        }
        defer {
            if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
        }
        return try await body()
    }

    /// Runs `body` in an immediate transaction: committed if it returns, rolled back if it throws.
    private func transaction<T: Sendable>(_ body: () async throws(StoreError) -> T) async throws(StoreError) -> T {
        precondition(!inTransaction, "transactions do not nest")
        _ = try await run("BEGIN IMMEDIATE")
        inTransaction = true
        defer { inTransaction = false }
        do {
            let value = try await body()
            _ = try await run("COMMIT")
            return value
        } catch {
            _ = try? await run("ROLLBACK")
            throw error
        }
    }

    private func run(_ sql: String, _ binds: [SQLiteData] = []) async throws(StoreError) -> [SQLiteRow] {
        do {
            return try await connection.query(sql, binds)
        } catch {
            throw Self.storeError(error, "SQLite")
        }
    }

    static func storeError(_ error: any Error, _ context: String) -> StoreError {
        guard let error = error as? SQLiteError else { return StoreError(.failed, "\(context): \(error)") }
        switch error.reason {
        case .full: return StoreError(.storage, "\(context): the disk is full (\(error.message))")
        case .ioError, .readOnly, .cantOpen, .permission:
            return StoreError(.storage, "\(context): \(error.message)")
        case .busy, .locked: return StoreError(.unavailable, "\(context): the database is busy (\(error.message))")
        default: return StoreError(.failed, "\(context): \(error.message)")
        }
    }
}
