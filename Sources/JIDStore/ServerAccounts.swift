import Foundation
public import Logging
import NIOCore
import PostgresNIO
import SQLiteNIO
import Synchronization

/// The account storage of an XMPP server, as `jid migrate --from` reads it.
public enum ServerStorage: String, Sendable, CaseIterable {
    /// Prosody's default file storage: `DATA/<host>/accounts/<user>.dat`, host and user percent-encoded.
    case prosodyFiles = "prosody-files"
    /// Prosody's mod_storage_sql: the `prosody` table (host, user, store, key, type, value), SQLite or PostgreSQL.
    case prosodySQL = "prosody-sql"
    /// ejabberd's SQL schema: the `users` table (username, and server_host in the multi-host schema), SQLite or
    /// PostgreSQL.
    case ejabberdSQL = "ejabberd-sql"
}

/// One stored account: the user name and host exactly as the server stored them, and the kept columns' values.
public struct ServerAccount: Sendable {
    public let user: [UInt8]
    /// Nil when the storage does not say (ejabberd's single-host schema).
    public let host: [UInt8]?
    public let kept: [String?]
}

/// What a read found besides the accounts.
public struct ServerAccountsRead: Sendable {
    public var accounts = 0
    /// Whether every account came with its host.
    public var hostsKnown = true
    /// The hosts seen, sorted.
    public var hosts: [String] = []
}

/// Reads the accounts of a server's storage: nothing is written to it (SQLite files are opened only when they exist
/// and queried read-only; PostgreSQL gets SELECTs).
public enum ServerAccounts {
    /// Accounts handed to `body` at a time.
    static let batch = 10_000

    /// Reads every account of `storage` at `location` (a directory for `prosody-files`; for SQL, a
    /// `postgres://` URL, or `sqlite:PATH` or the path of an SQLite file), in a stable order (host, then user),
    /// only those of `host` when given. `keep` names columns of ejabberd's `users` table to copy into every record.
    public static func read(
        _ storage: ServerStorage, location: String, host: String? = nil, keep: [String] = [],
        logger: Logger = Logger(label: "jid-service.migrate"),
        _ body: @escaping @Sendable ([ServerAccount]) throws -> Void
    ) async throws(StoreError) -> ServerAccountsRead {
        if !keep.isEmpty && storage != .ejabberdSQL {
            throw StoreError(.failed, "kept columns are read from ejabberd's users table only (--from ejabberd-sql)")
        }
        for column in keep where !isIdentifier(column) {
            throw StoreError(.failed, "'\(column)' is not a column name (letters, digits and '_')")
        }
        let collector = Collector(body)
        switch storage {
        case .prosodyFiles:
            try readProsodyFiles(location, host: host, collector)
        case .prosodySQL:
            var sql = "SELECT DISTINCT host, \"user\" FROM prosody WHERE store = 'accounts'"
            var binds: [String] = []
            if let host {
                sql += " AND host = $1"
                binds.append(host)
            }
            sql += " ORDER BY host, \"user\""
            try await SQLSource(location, logger: logger).rows(sql, binds: binds, columns: 2) { row in
                collector.add(
                    ServerAccount(user: Array((row[1] ?? "").utf8), host: row[0].map { Array($0.utf8) }, kept: []))
            }
        case .ejabberdSQL:
            let source = try SQLSource(location, logger: logger)
            let columns = try await source.columns(of: "users")
            guard columns.contains("username") else {
                throw StoreError(.failed, "the database has no ejabberd users table (users.username)")
            }
            for column in keep where !columns.contains(column) {
                throw StoreError(
                    .failed,
                    "the users table has no column '\(column)'; its columns are: \(columns.sorted().joined(separator: ", "))"
                )
            }
            let multiHost = columns.contains("server_host")
            let kept = keep.map { ", CAST(\"\($0)\" AS TEXT)" }.joined()
            var sql = "SELECT username, \(multiHost ? "server_host" : "NULL")\(kept) FROM users"
            var binds: [String] = []
            if let host, multiHost {
                sql += " WHERE server_host = $1"
                binds.append(host)
            }
            sql += multiHost ? " ORDER BY server_host, username" : " ORDER BY username"
            try await source.rows(sql, binds: binds, columns: 2 + keep.count) { row in
                collector.add(
                    ServerAccount(
                        user: Array((row[0] ?? "").utf8), host: row[1].map { Array($0.utf8) },
                        kept: Array(row[2...])))
            }
        }
        return try collector.finish()
    }

    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.utf8.first,
            first == UInt8(ascii: "_") || (first | 0x20) >= 0x61 && (first | 0x20) <= 0x7A
        else { return false }
        return name.utf8.allSatisfy {
            $0 == UInt8(ascii: "_") || ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A || (0x30...0x39).contains($0)
        }
    }

    // MARK: Prosody files

    /// Prosody's datamanager writes every byte that is not a letter or digit as `%xx`.
    static func percentDecoded(_ name: Substring) -> [UInt8] {
        var bytes: [UInt8] = []
        let utf8 = Array(name.utf8)
        var index = 0
        while index < utf8.count {
            if utf8[index] == UInt8(ascii: "%"), index + 2 < utf8.count,
                let high = hexValue(utf8[index + 1]), let low = hexValue(utf8[index + 2])
            {
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(utf8[index])
                index += 1
            }
        }
        return bytes
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }

    private static func readProsodyFiles(_ directory: String, host: String?, _ collector: Collector) throws(StoreError)
    {
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        guard files.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw StoreError(.failed, "\(directory) is not a directory (Prosody's data directory, as /var/lib/prosody)")
        }
        let entries: [String]
        do {
            entries = try files.contentsOfDirectory(atPath: directory)
        } catch {
            throw StoreError(.storage, "cannot read \(directory): \(error.localizedDescription)")
        }
        var hostsFound = 0
        for entry in entries.sorted() {
            let hostBytes = percentDecoded(entry[...])
            if let host, !hostBytes.elementsEqual(host.utf8) { continue }
            let accounts = directory + "/" + entry + "/accounts"
            guard files.fileExists(atPath: accounts, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            hostsFound += 1
            let names: [String]
            do {
                names = try files.contentsOfDirectory(atPath: accounts)
            } catch {
                throw StoreError(.storage, "cannot read \(accounts): \(error.localizedDescription)")
            }
            for name in names.sorted() where name.hasSuffix(".dat") {
                collector.add(
                    ServerAccount(user: percentDecoded(name.dropLast(4)), host: hostBytes, kept: []))
            }
            try collector.check()
        }
        if hostsFound == 0 {
            throw StoreError(
                .failed,
                host.map { "\(directory) holds no accounts of \($0)" }
                    ?? "\(directory) holds no host directory with accounts (HOST/accounts/USER.dat)")
        }
    }
}

/// Accounts in batches to the caller's body; the first error it throws ends the read.
private final class Collector: Sendable {
    private struct State {
        var pending: [ServerAccount] = []
        var read = ServerAccountsRead()
        var hosts: Set<[UInt8]> = []
        /// The host of the last account: accounts come sorted by host, so a host is looked up once per run of it.
        var lastHost: [UInt8]?
        var failure: StoreError?
    }
    private let state = Mutex(State())
    private let body: @Sendable ([ServerAccount]) throws -> Void

    init(_ body: @escaping @Sendable ([ServerAccount]) throws -> Void) { self.body = body }

    func add(_ account: ServerAccount) {
        state.withLock { state in
            guard state.failure == nil else { return }
            state.read.accounts += 1
            if let host = account.host {
                if host != state.lastHost {
                    state.hosts.insert(host)
                    state.lastHost = host
                }
            } else {
                state.read.hostsKnown = false
            }
            state.pending.append(account)
            if state.pending.count >= ServerAccounts.batch { flush(&state) }
        }
    }

    private func flush(_ state: inout State) {
        guard !state.pending.isEmpty, state.failure == nil else { return }
        do {
            try body(state.pending)
        } catch {
            state.failure = error as? StoreError ?? StoreError(.storage, "\(error)")
        }
        state.pending.removeAll(keepingCapacity: true)
    }

    func check() throws(StoreError) {
        if let failure = state.withLock({ $0.failure }) { throw failure }
    }

    func finish() throws(StoreError) -> ServerAccountsRead {
        try state.withLock { (state) throws(StoreError) -> ServerAccountsRead in
            flush(&state)
            if let failure = state.failure { throw failure }
            var read = state.read
            read.hosts = state.hosts.map { String(decoding: $0, as: UTF8.self) }.sorted()
            return read
        }
    }
}

/// An SQL database given by URL: PostgreSQL through postgres-nio, SQLite through sqlite-nio.
private struct SQLSource {
    enum Kind {
        case postgres(PostgresStore.Settings)
        case sqlite(String)
    }
    let kind: Kind
    let logger: Logger
    let location: String

    init(_ location: String, logger: Logger) throws(StoreError) {
        self.logger = logger
        self.location = location
        let lowered = location.lowercased()
        if lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://") {
            kind = .postgres(try PostgresStore.settings(location))
            return
        }
        var path = location
        if lowered.hasPrefix("sqlite://") {
            path = String(location.dropFirst(9))
        } else if lowered.hasPrefix("sqlite:") {
            path = String(location.dropFirst(7))
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw StoreError(
                .failed, "no SQLite file at \(path) (give a postgres:// URL, or sqlite:PATH of an existing file)")
        }
        kind = .sqlite(path)
    }

    /// The column names of `table`.
    func columns(of table: String) async throws(StoreError) -> Set<String> {
        switch kind {
        case .postgres:
            var names: Set<String> = []
            try await rows(
                "SELECT column_name::text FROM information_schema.columns WHERE table_name = $1 "
                    + "AND table_schema = current_schema()", binds: [table], columns: 1
            ) { names.insert($0[0] ?? "") }
            return names
        case .sqlite:
            var names: Set<String> = []
            try await rows("SELECT name FROM pragma_table_info($1)", binds: [table], columns: 1) {
                names.insert($0[0] ?? "")
            }
            return names
        }
    }

    /// Runs a query whose columns are all text (or NULL), row by row.
    func rows(_ sql: String, binds: [String], columns: Int, _ row: @escaping ([String?]) -> Void)
        async throws(StoreError)
    {
        switch kind {
        case .postgres(let settings):
            var configuration = PostgresClient.Configuration(
                host: settings.host, port: settings.port, username: settings.user, password: settings.password,
                database: settings.database, tls: settings.tls)
            configuration.options.connectTimeout = .seconds(10)
            configuration.options.maximumConnections = 1
            let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
            let runner = Task { await client.run() }
            defer { runner.cancel() }
            // Let the pool's run loop start before the query leases a connection.
            for _ in 0..<10 { await Task.yield() }
            // The pool retries a server that does not answer for as long as a query waits; the read may take
            // minutes, so connecting gets its own limit.
            let probeLogger = logger
            do {
                try await PostgresStore.withDeadline(.seconds(10)) {
                    _ = try await client.query("SELECT 1", logger: probeLogger)
                }
            } catch {
                throw StoreError(
                    .unavailable,
                    "cannot reach PostgreSQL at \(settings.host):\(settings.port) within 10 s (\(error.description))")
            }
            do {
                var query = PostgresQuery(unsafeSQL: sql)
                for bind in binds { query.binds.append(bind) }
                let results = try await client.query(query, logger: logger)
                // Every column is text (the query casts), whose binary form is its UTF-8 bytes: read them as they
                // are, without the generic decoder's work per cell.
                for try await values in results {
                    var decoded: [String?] = []
                    decoded.reserveCapacity(columns)
                    for cell in values { decoded.append(cell.bytes.map { String(buffer: $0) }) }
                    row(decoded)
                }
            } catch let error as PSQLError {
                throw StoreError(
                    .failed,
                    "PostgreSQL \(settings.host):\(settings.port): \(error.serverInfo?[.message] ?? "\(error.code)")")
            } catch {
                throw StoreError(.failed, "PostgreSQL \(settings.host):\(settings.port): \(error)")
            }
        case .sqlite(let path):
            let box = RowBox(row)
            do {
                let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
                defer { _ = connection.close() }
                _ = try await connection.query("PRAGMA query_only = ON", [])
                let sqliteSQL = sql.replacingOccurrences(of: "$1", with: "?1")
                try await connection.query(sqliteSQL, binds.map { .text($0) }) { sqliteRow in
                    box.deliver(sqliteRow.columns.prefix(columns).map { $0.data.isNull ? nil : $0.data.string })
                }
            } catch {
                throw SQLiteStore.storeError(error, "SQLite \(path)")
            }
        }
    }
}

/// Hands rows to a non-Sendable closure: sqlite-nio delivers them one at a time from its thread pool while the
/// caller awaits, so they never run at once.
private final class RowBox: @unchecked Sendable {
    let deliver: ([String?]) -> Void
    init(_ deliver: @escaping ([String?]) -> Void) { self.deliver = deliver }
}
