import Foundation
import JIDStore
import Logging
import PostgresNIO
import Testing

/// The stores the contract tests run against: a new SQLite file each time, and a new database on the PostgreSQL
/// server that `Lab/postgres.sh run` starts (`JID_TEST_DATABASE_URL`). `JID_REQUIRE_POSTGRES=1` makes a missing
/// server a failure rather than a skip.
enum Backend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    static var postgresURL: String? { ProcessInfo.processInfo.environment["JID_TEST_DATABASE_URL"] }

    static var available: [Backend] {
        if postgresURL == nil {
            precondition(
                ProcessInfo.processInfo.environment["JID_REQUIRE_POSTGRES"] != "1",
                "JID_REQUIRE_POSTGRES=1 but JID_TEST_DATABASE_URL is not set: run under Lab/postgres.sh run")
            return [.sqlite]
        }
        return allCases
    }

    static let logger: Logger = {
        var logger = Logger(label: "jid-store-tests")
        logger.logLevel = .error
        return logger
    }()

    /// A location for a new, empty store: a file path or a database URL.
    func newLocation() async throws -> String {
        switch self {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "jid-store-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            return directory.appendingPathComponent("state.sqlite").path
        case .postgres:
            return try await Self.createDatabase()
        }
    }

    func open(_ location: String) async throws -> any RegistryStore {
        let store: any RegistryStore =
            switch self {
            case .sqlite: try await SQLiteStore.open(path: location, logger: Self.logger)
            case .postgres: try await PostgresStore.connect(url: location, logger: Self.logger)
            }
        try await store.migrate()
        return store
    }

    /// A new database on the test server, and its URL.
    static func createDatabase() async throws -> String {
        let url = try #require(postgresURL)
        let name = "jid_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        var components = try #require(URLComponents(string: url))
        let configuration = PostgresClient.Configuration(
            host: components.host ?? "127.0.0.1", port: components.port ?? 5432, username: components.user ?? "jid",
            password: components.password, database: "postgres", tls: .disable)
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            // A database name cannot be a bind parameter; this one is made of hex digits only.
            try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger)
            group.cancelAll()
        }
        components.path = "/" + name
        return try #require(components.string)
    }
}

/// An async sequence of batches that fails after yielding `failAfter` of them.
struct Batches: AsyncSequence, Sendable {
    typealias Element = [String]
    let batches: [[String]]
    var failAfter: Int? = nil

    struct Stopped: Error {}

    struct AsyncIterator: AsyncIteratorProtocol {
        var index = 0
        let batches: [[String]]
        let failAfter: Int?
        mutating func next() async throws -> [String]? {
            if let failAfter, index == failAfter { throw Stopped() }
            guard index < batches.count else { return nil }
            defer { index += 1 }
            return batches[index]
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(batches: batches, failAfter: failAfter) }
}
