import Dispatch
public import JIDCore
import Synchronization

/// A registered name that conflicts with a candidate.
public struct RegistryConflict: Sendable, Hashable {
    /// The registered name as stored (a bare JID, or a localpart).
    public let name: String
    /// `identical`, `skeleton` or `folded`.
    public let relation: ConfusableRelation

    public init(name: String, relation: ConfusableRelation) {
        self.name = name
        self.relation = relation
    }
}

/// Registered names indexed by skeleton: is a new name a lookalike of one already taken?
///
/// Entries are bare JIDs (`juliet@example.com`, compared as a whole) or localparts (`juliet`, compared with the
/// localpart of any candidate). Each entry is indexed under its skeleton keys (the skeleton, its lower-case
/// form, the skeleton of the upper-case form, and the skeleton of the folded form), hashed into an
/// open-addressing table of one 64-bit word per key; a hit is confirmed on the exact keys, so a hash collision never invents a conflict.
/// Lookups, additions and removals are thread-safe.
public final class ConfusableRegistry: Sendable {
    public enum EntryError: Error, Equatable, Sendable {
        /// The line is not a valid bare JID or localpart; the message says why.
        case invalid(String)
    }

    private let storage = Mutex(Storage())

    public init() {}

    /// The number of names registered.
    public var count: Int { storage.withLock { $0.live } }

    /// Registers a name (a bare JID if it contains '@', else a localpart). Returns false if it was already there.
    @discardableResult
    public func add(_ name: String) throws(EntryError) -> Bool {
        let entry = try Entry(name)
        return storage.withLock { $0.add(entry) }
    }

    /// Registers many names at once: each is enforced and its keys are computed on every core, then all are added
    /// in their order under the lock, which gives the index adding them one by one would. Names that are not valid
    /// are skipped. Returns the number added.
    @discardableResult
    public func add(contentsOf names: [String]) -> Int {
        let prepared = Self.prepare(names)
        return storage.withLock { storage in
            var added = 0
            for item in prepared {
                if let item, storage.add(item.entry, keys: item.keys) { added += 1 }
            }
            return added
        }
    }

    typealias Prepared = (entry: Entry, keys: [(hash: UInt64, key: [UInt32])])

    /// Enforces `names` and computes their keys, in chunks on every core; nil where a name is not valid.
    static func prepare(_ names: [String]) -> [Prepared?] {
        let chunk = 512
        let chunks = (names.count + chunk - 1) / chunk
        guard chunks > 1 else {
            return names.map { name in (try? Entry(name)).map { ($0, $0.hashedKeys) } }
        }
        var prepared = [Prepared?](repeating: nil, count: names.count)
        prepared.withUnsafeMutableBufferPointer { output in
            // Each chunk writes its own slots only.
            nonisolated(unsafe) let slots = output
            DispatchQueue.concurrentPerform(iterations: chunks) { index in
                for position in index * chunk..<min(names.count, (index + 1) * chunk) {
                    slots[position] = (try? Entry(names[position])).map { ($0, $0.hashedKeys) }
                }
            }
        }
        return prepared
    }

    /// The form a name is registered and stored in: an enforced localpart, or a bare JID's canonical form.
    public static func canonicalName(_ name: String) throws(EntryError) -> String { try Entry(name).text }

    /// Removes a name. Returns false if it was not registered.
    @discardableResult
    public func remove(_ name: String) throws(EntryError) -> Bool {
        let entry = try Entry(name)
        return storage.withLock { $0.remove(entry) }
    }

    /// The registered names that the address's bare form or its localpart conflicts with, strongest first.
    public func conflicts(for jid: JID) -> [RegistryConflict] {
        var candidates: [Entry] = []
        if let localpart = jid.localpart {
            candidates.append(Entry(kind: .localpart, text: localpart))
        }
        candidates.append(Entry(kind: .address, text: jid.bare.description))
        return storage.withLock { storage in
            var found: [RegistryConflict] = []
            for candidate in candidates { found += storage.conflicts(for: candidate) }
            return found.sorted { ($0.relation, $0.name) < ($1.relation, $1.name) }
        }
    }

    /// Registers every line of a file (UTF-8, LF or CRLF; empty lines and lines starting with '#' skipped).
    /// Returns the number of names added and the lines refused, with their line numbers.
    public func load(lines: some Sequence<[UInt8]>) -> (added: Int, refused: [(line: Int, message: String)]) {
        var added = 0
        var refused: [(line: Int, message: String)] = []
        var entries: [Entry] = []
        var number = 0
        for bytes in lines {
            number += 1
            var slice = bytes[...]
            if slice.last == 0x0D { slice = slice.dropLast() }
            if slice.isEmpty || slice.first == 0x23 { continue }
            guard let text = String(validating: slice, as: UTF8.self) else {
                refused.append((number, "not valid UTF-8"))
                continue
            }
            do throws(EntryError) {
                entries.append(try Entry(text))
            } catch {
                if case .invalid(let message) = error { refused.append((number, message)) }
            }
            if entries.count == 4096 {
                added += storage.withLock { storage in entries.reduce(0) { $0 + (storage.add($1) ? 1 : 0) } }
                entries.removeAll(keepingCapacity: true)
            }
        }
        added += storage.withLock { storage in entries.reduce(0) { $0 + (storage.add($1) ? 1 : 0) } }
        return (added, refused)
    }

    // MARK: Entries and keys

    struct Entry {
        enum Kind: UInt8 {
            case localpart = 1
            case address = 2
        }

        let kind: Kind
        /// The enforced name: a localpart, or a bare JID's canonical form.
        let text: String

        init(kind: Kind, text: String) {
            self.kind = kind
            self.text = text
        }

        init(_ name: String) throws(EntryError) {
            if name.contains("@") {
                let result = JID.parse(name)
                guard let jid = result.jid else {
                    throw .invalid(result.errors.first?.message ?? "not a valid address")
                }
                guard jid.localpart != nil, jid.resourcepart == nil else {
                    throw .invalid("a registered address is a bare JID with a localpart (user@domain)")
                }
                self.init(kind: .address, text: jid.description)
            } else {
                // A localpart alone: checked exactly as it would be inside an address.
                let result = JID.parse(name + "@localhost")
                guard let localpart = result.jid?.localpart, result.jid?.resourcepart == nil else {
                    throw .invalid(result.errors.first?.message ?? "not a valid localpart")
                }
                self.init(kind: .localpart, text: localpart)
            }
        }

        /// The comparison keys, in a fixed order of variants: skeleton, lower-case skeleton, skeleton of the
        /// upper-case form (these three give `skeleton`), skeleton of the folded form (`folded`).
        var keys: [[UInt32]] {
            let scalars = text.unicodeScalars.map(\.value)
            let skeleton = Skeleton.skeleton(scalars)
            return [
                skeleton, Skeleton.lowercase(skeleton), Skeleton.upperSkeleton(scalars),
                Skeleton.foldedSkeleton(scalars),
            ]
        }

        static func relation(ofVariant variant: Int) -> ConfusableRelation { variant == 3 ? .folded : .skeleton }

        /// One key only, for confirming a hit.
        func key(variant: Int) -> [UInt32] {
            let scalars = text.unicodeScalars.map(\.value)
            switch variant {
            case 0: return Skeleton.skeleton(scalars)
            case 1: return Skeleton.lowercasedSkeleton(scalars)
            case 2: return Skeleton.upperSkeleton(scalars)
            default: return Skeleton.foldedSkeleton(scalars)
            }
        }

        func hash(_ key: [UInt32], variant: Int) -> UInt64 {
            var hash = FNV1a()
            hash.add(kind.rawValue)
            hash.add(UInt8(variant))
            hash.add(scalars: key)
            return hash.value
        }

        /// The hashed keys; each variant is hashed with its own tag, so it meets only the same variant (as in
        /// `ConfusableComparer`).
        var hashedKeys: [(hash: UInt64, key: [UInt32])] {
            keys.enumerated().map { variant, key in (hash(key, variant: variant), key) }
        }
    }

    // MARK: Storage

    struct Storage {
        /// Registered names by id (id 0 is unused); removed names leave an empty slot.
        var names: [String] = [""]
        var kinds: [Entry.Kind] = [.localpart]
        var free: [UInt32] = []
        var live = 0
        var localparts = 0
        var addresses = 0
        /// Open addressing with linear probing, one 64-bit word per slot: the top 32 bits of the key's hash,
        /// then the name's id. A slot's position is the hash's top `bits` bits, so the table can grow without
        /// the keys being computed again. 0 is an empty slot, `removed` a removed one.
        var slots: [UInt64] = Array(repeating: 0, count: 1024)
        var bits = 10
        var used = 0
        static let removed = UInt64(UInt32.max)

        private var mask: Int { slots.count - 1 }
        private func start(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: hash >> UInt64(64 - bits)) }
        private static func fragment(_ hash: UInt64) -> UInt64 { hash >> 32 }

        mutating func add(_ entry: Entry) -> Bool { add(entry, keys: entry.hashedKeys) }

        mutating func add(_ entry: Entry, keys: [(hash: UInt64, key: [UInt32])]) -> Bool {
            if find(entry, keys: keys) != nil { return false }
            let id: UInt32
            if let reused = free.popLast() {
                id = reused
                names[Int(id)] = entry.text
                kinds[Int(id)] = entry.kind
            } else {
                id = UInt32(names.count)
                names.append(entry.text)
                kinds.append(entry.kind)
            }
            live += 1
            if entry.kind == .localpart { localparts += 1 } else { addresses += 1 }
            for key in keys { insert(hash: key.hash, id: id) }
            return true
        }

        mutating func remove(_ entry: Entry) -> Bool {
            let keys = entry.hashedKeys
            guard let id = find(entry, keys: keys) else { return false }
            for key in keys {
                let word = Self.fragment(key.hash) << 32 | UInt64(id)
                var slot = start(key.hash)
                while slots[slot] != 0 {
                    if slots[slot] == word { slots[slot] = Self.removed }
                    slot = (slot + 1) & mask
                }
            }
            names[Int(id)] = ""
            free.append(id)
            live -= 1
            if entry.kind == .localpart { localparts -= 1 } else { addresses -= 1 }
            return true
        }

        /// The ids whose slots carry this hash's fragment, in probe order (the caller confirms each).
        private func candidates(_ hash: UInt64, _ body: (UInt32) -> Bool) {
            let fragment = Self.fragment(hash)
            var slot = start(hash)
            while true {
                let word = slots[slot]
                if word == 0 { return }
                if word != Self.removed && word >> 32 == fragment {
                    if !body(UInt32(truncatingIfNeeded: word)) { return }
                }
                slot = (slot + 1) & mask
            }
        }

        /// The id of the entry with exactly this text and kind.
        private func find(_ entry: Entry, keys: [(hash: UInt64, key: [UInt32])]) -> UInt32? {
            guard let first = keys.first else { return nil }
            var found: UInt32? = nil
            candidates(first.hash) { id in
                if kinds[Int(id)] == entry.kind && names[Int(id)] == entry.text { found = id }
                return found == nil
            }
            return found
        }

        private mutating func insert(hash: UInt64, id: UInt32) {
            if (used + 1) * 4 > slots.count * 3 { grow() }
            var slot = start(hash)
            while slots[slot] != 0 && slots[slot] != Self.removed { slot = (slot + 1) & mask }
            if slots[slot] == 0 { used += 1 }
            slots[slot] = Self.fragment(hash) << 32 | UInt64(id)
        }

        /// Doubles the table (or rebuilds it at the same size when removed slots fill it).
        private mutating func grow() {
            let old = slots
            if live * 8 > slots.count && bits < 32 { bits += 1 }
            slots = Array(repeating: 0, count: 1 << bits)
            used = 0
            for word in old where word != 0 && word != Self.removed {
                var slot = Int(truncatingIfNeeded: (word >> 32) >> UInt64(32 - bits))
                while slots[slot] != 0 { slot = (slot + 1) & mask }
                slots[slot] = word
                used += 1
            }
        }

        func conflicts(for candidate: Entry) -> [RegistryConflict] {
            guard (candidate.kind == .localpart ? localparts : addresses) > 0 else { return [] }
            var result: [RegistryConflict] = []
            var seen: [UInt32] = []
            let keys = candidate.hashedKeys
            // Touch each key's first slot before walking any: the loads are independent, so the processor
            // overlaps their cache misses instead of taking them one after another.
            var touched: UInt64 = 0
            for key in keys { touched |= slots[start(key.hash)] }
            if touched == 0 { return [] }
            for (variant, key) in keys.enumerated() {
                candidates(key.hash) { id in
                    guard kinds[Int(id)] == candidate.kind, !seen.contains(id) else { return true }
                    // Confirm on the exact key of this variant: a hash collision must not invent a conflict.
                    let registered = Entry(kind: candidate.kind, text: names[Int(id)])
                    if registered.text == candidate.text {
                        seen.append(id)
                        result.append(RegistryConflict(name: registered.text, relation: .identical))
                    } else if registered.key(variant: variant) == key.key {
                        seen.append(id)
                        result.append(
                            RegistryConflict(name: registered.text, relation: Entry.relation(ofVariant: variant)))
                    }
                    return true
                }
            }
            return result
        }
    }
}
