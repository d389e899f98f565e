public import JIDConfusables
import Synchronization

/// The registered names: the in-memory index (the hot path every lookup uses) kept in step with the store.
///
/// Writes go to the store first and then to the index, so a name the caller was told is registered is durable.
/// ``follow(interval:)`` applies what other processes (replicas) wrote, by change number, so each replica sees a
/// name within one interval of its commit. Without a store the index alone is the registry (lost at exit).
public final class RegistryService: Sendable {
    public let registry: ConfusableRegistry
    public let store: (any RegistryStore)?
    private let applied = Atomic<Int64>(0)
    private let following = Atomic<Bool>(false)

    public init(registry: ConfusableRegistry, store: (any RegistryStore)?) {
        self.registry = registry
        self.store = store
    }

    /// Migrates the store's schema and loads its names into the index.
    public func start() async throws(StoreError) {
        guard let store else { return }
        try await store.migrate()
        applied.store(try await registry.load(from: store), ordering: .relaxed)
    }

    /// The canonical form of a name, or why it cannot be registered.
    public static func canonical(_ name: String) throws(ConfusableRegistry.EntryError) -> String {
        try ConfusableRegistry.canonicalName(name)
    }

    /// Registers a name; returns its canonical form and whether it was new.
    public func add(_ name: String) async throws -> (name: String, added: Bool) {
        let canonical = try Self.canonical(name)
        guard let store else { return (canonical, try registry.add(canonical)) }
        let added = try await store.add([canonical]) > 0
        try registry.add(canonical)
        return (canonical, added)
    }

    /// Removes a name; returns its canonical form and whether it was registered.
    public func remove(_ name: String) async throws -> (name: String, removed: Bool) {
        let canonical = try Self.canonical(name)
        guard let store else { return (canonical, try registry.remove(canonical)) }
        let removed = try await store.remove(canonical)
        try registry.remove(canonical)
        return (canonical, removed)
    }

    /// Registers canonical names from `batches` in one transaction, then adds them to the index.
    public func importNames(_ batches: some AsyncSequence<[String], any Error> & Sendable) async throws -> Int {
        guard let store else {
            var added = 0
            for try await batch in batches {
                for name in batch where (try? registry.add(name)) == true { added += 1 }
            }
            return added
        }
        let added = try await store.importNames(batches)
        try await catchUp()
        return added
    }

    /// The number of names: the store's when there is one.
    public func count() async throws(StoreError) -> Int {
        guard let store else { return registry.count }
        return try await store.count()
    }

    /// Applies the changes after the last one applied.
    public func catchUp() async throws(StoreError) {
        guard let store else { return }
        while true {
            let last = applied.load(ordering: .relaxed)
            let changes = try await store.changes(after: last, limit: 10_000)
            if changes.isEmpty { return }
            applied.store(registry.apply(changes, after: last), ordering: .relaxed)
        }
    }

    /// Whether the store's names are loaded and the last attempt to follow it reached it (false until the first
    /// load is done: until then a taken name would look free).
    public var isFollowing: Bool { following.load(ordering: .relaxed) }

    /// Follows the store until the task is cancelled: every `interval`, the changes other processes made.
    public func follow(interval: Duration = .milliseconds(200)) async {
        guard store != nil else { return }
        while !Task.isCancelled {
            do {
                try await catchUp()
                following.store(true, ordering: .relaxed)
            } catch {
                following.store(false, ordering: .relaxed)
            }
            try? await Task.sleep(for: interval)
        }
    }
}
