import Foundation
import JIDConfusables
import JIDCore
import JIDStore
import Testing

/// The store contract, on SQLite and on a real PostgreSQL server.
@Suite struct RegistryStoreTests {
    @Test(arguments: Backend.available)
    func namesAreStoredOnceAndCounted(_ backend: Backend) async throws {
        let store = try await backend.open(try await backend.newLocation())
        try await store.migrate()  // a second time: nothing to do
        #expect(try await store.count() == 0)
        #expect(try await store.lastChange() == 0)
        #expect(try await store.add(["juliet", "romeo@montague.example"]) == 2)
        #expect(try await store.add(["juliet"]) == 0)
        #expect(try await store.add(["nurse", "nurse"]) == 1)  // the same name twice in one call is one row
        #expect(try await store.count() == 3)
        #expect(try await store.remove("juliet"))
        #expect(!(try await store.remove("juliet")))
        #expect(try await store.count() == 2)
        #expect(try await store.add(["juliet"]) == 1)  // back again
        let changes = try await store.changes(after: 0, limit: 100)
        #expect(changes.map(\.sequence) == changes.map(\.sequence).sorted())
        #expect(Set(changes.map(\.name)) == ["juliet", "romeo@montague.example", "nurse"])
        #expect(changes.last?.name == "juliet" && changes.last?.removed == false)
        let last = try await store.lastChange()
        #expect(try await store.remove("nurse"))
        #expect(
            try await store.changes(after: last, limit: 10) == [
                RegistryChange(sequence: last + 1, name: "nurse", removed: true)
            ])
        #expect(await store.ping())
        await store.close()
    }

    @Test(arguments: Backend.available)
    func anImportIsAllOrNothing(_ backend: Backend) async throws {
        let store = try await backend.open(try await backend.newLocation())
        _ = try await store.add(["before"])
        let batches = (0..<5).map { batch in (0..<1000).map { "name\(batch)-\($0)" } }
        await #expect(throws: Batches.Stopped.self) {
            try await store.importNames(Batches(batches: batches, failAfter: 3))
        }
        #expect(try await store.count() == 1)
        #expect(try await store.importNames(Batches(batches: batches)) == 5000)
        #expect(try await store.count() == 5001)
        let all = ExportedNames()
        try await store.forEachName { all.append($0) }
        #expect(all.names.count == 5001)
        #expect(all.names == all.names.sorted())
        await store.close()
    }

    /// Two processes' worth of registries on one store: what one writes, the other applies by change number.
    @Test(arguments: Backend.available)
    func aSecondRegistryFollowsTheStore(_ backend: Backend) async throws {
        let location = try await backend.newLocation()
        let first = RegistryService(registry: ConfusableRegistry(), store: try await backend.open(location))
        let second = RegistryService(registry: ConfusableRegistry(), store: try await backend.open(location))
        try await first.start()
        try await second.start()
        ConfusableScorer.prepare()  // as jid serve does at start: the first lookup would load the data
        let follower = Task { await second.follow(interval: .milliseconds(50)) }
        let (name, added) = try await first.add("Apple")
        #expect(name == "apple" && added)
        let started = ContinuousClock.now
        let candidate = try JID("\u{430}pple@example.com")
        while second.registry.conflicts(for: candidate).isEmpty, ContinuousClock.now - started < .seconds(5) {
            try await Task.sleep(for: .milliseconds(10))
        }
        let delay = ContinuousClock.now - started
        #expect(second.registry.conflicts(for: candidate).map(\.relation) == [.skeleton])
        #expect(delay < .seconds(1), "seen after \(delay)")
        _ = try await first.remove("apple")
        try await second.catchUp()
        #expect(second.registry.conflicts(for: candidate).isEmpty)
        #expect(try await second.count() == 0)
        follower.cancel()
        await first.store?.close()
        await second.store?.close()
    }

    @Test func invalidNamesAreRefusedBeforeTheyAreStored() throws {
        #expect(throws: ConfusableRegistry.EntryError.self) { try RegistryService.canonical("a b") }
        #expect(throws: ConfusableRegistry.EntryError.self) { try RegistryService.canonical("a@b.example/r") }
        #expect(try RegistryService.canonical("ＪＵＬＩＥＴ") == "juliet")
        #expect(try RegistryService.canonical("Romeo@Montague.Example") == "romeo@montague.example")
    }
}

final class ExportedNames: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func append(_ names: [String]) { lock.withLock { stored += names } }
    var names: [String] { lock.withLock { stored } }
}
