public import JIDConfusables
public import JIDTLS

/// Where the service keeps what must outlast a restart: the registered names (and, later, certificate pins).
///
/// Two backends, one contract: ``SQLiteStore`` (embedded, a file under the state directory, the default) and
/// ``PostgresStore`` (a shared database for several replicas). Names are stored in their canonical form (the
/// registry's: an enforced localpart, or a bare JID), so the same name twice is one row. Every write takes the next
/// numbers of one change sequence, in commit order (writers are serialized), so a replica follows the store by
/// asking for the changes after the last number it has seen.
public protocol RegistryStore: Sendable {
    /// A short description for logs and errors ("SQLite /var/lib/jid-service/state.sqlite", "PostgreSQL db:5432").
    var description: String { get }

    /// Applies the schema migrations not yet applied (versioned; each in a transaction).
    func migrate() async throws(StoreError)

    /// Registers canonical names in one transaction; returns how many were not registered before.
    func add(_ names: [String]) async throws(StoreError) -> Int

    /// Registers the names `batches` yields, all in one transaction: all of them or, if anything fails (or the
    /// process dies), none. Returns how many were not registered before. Throws ``StoreError``, or the error
    /// `batches` threw (the import is then rolled back).
    func importNames(_ batches: some AsyncSequence<[String], any Error> & Sendable) async throws -> Int

    /// Removes a canonical name; returns whether it was registered.
    func remove(_ name: String) async throws(StoreError) -> Bool

    /// The number of names registered.
    func count() async throws(StoreError) -> Int

    /// The last number of the change sequence (0 for an empty store).
    func lastChange() async throws(StoreError) -> Int64

    /// Every registered name, in batches, for a rebuild or an export.
    func forEachName(_ body: @Sendable ([String]) throws -> Void) async throws(StoreError)

    /// The changes after `sequence`, in order, at most `limit`: each name with whether it was removed.
    func changes(after sequence: Int64, limit: Int) async throws(StoreError) -> [RegistryChange]

    /// Records a certificate seen for a domain and service; returns how it relates to the last authenticated one
    /// recorded, or the last one when none was (``PinChange/classify(previous:_:)``), and that pin. The same
    /// certificate again only moves its last-seen time.
    func recordPin(_ observation: PinObservation) async throws(StoreError) -> PinOutcome

    /// The certificates recorded for a domain, both services, newest first.
    func pins(domain: String) async throws(StoreError) -> [PinRecord]

    /// Whether the store answers now (a cheap query), for readiness.
    func ping() async -> Bool

    /// Runs `body` while this process holds `lock` among all processes sharing the store, and returns true after
    /// it; returns false at once when another process holds it. `body` is given a check that says whether the
    /// lock is still held (on PostgreSQL a session advisory lock, lost with its connection). The embedded store
    /// belongs to one host, so there `body` always runs.
    func whileHolding(
        _ lock: String, _ body: @escaping @Sendable (_ stillHeld: @escaping @Sendable () async -> Bool) async -> Void
    ) async throws(StoreError) -> Bool

    /// Closes connections.
    func close() async
}

/// One change of the registry: a name added or removed, with its number in the change sequence.
public struct RegistryChange: Sendable, Hashable {
    public let sequence: Int64
    public let name: String
    public let removed: Bool

    public init(sequence: Int64, name: String, removed: Bool) {
        self.sequence = sequence
        self.name = name
        self.removed = removed
    }
}

/// Why the store could not do what was asked.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        /// The database cannot be reached or refused the connection: try again later.
        case unavailable
        /// The disk is full or the file cannot be written.
        case storage
        /// Anything else the database reported.
        case failed
    }

    public let kind: Kind
    public let description: String

    public init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }
}

extension ConfusableRegistry {
    /// Loads every name of `store` and returns the change number the registry is current with.
    public func load(from store: some RegistryStore) async throws(StoreError) -> Int64 {
        // The number first: a change committed while the names are read is then also replayed by `follow`, and
        // replaying is harmless (adding a present name or removing an absent one changes nothing).
        let last = try await store.lastChange()
        try await store.forEachName { names in self.add(contentsOf: names) }
        return last
    }

    /// Applies `changes` to the registry and returns the last change number applied.
    public func apply(_ changes: [RegistryChange], after sequence: Int64) -> Int64 {
        var last = sequence
        for change in changes {
            if change.removed { _ = try? remove(change.name) } else { _ = try? add(change.name) }
            last = max(last, change.sequence)
        }
        return last
    }
}
