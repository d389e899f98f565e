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

/// What the registry says of a name without naming anyone: whether the name itself is registered, and the
/// strongest lookalike relation (`skeleton`, else `folded`) any other registered name has to it.
public struct RegistryVerdict: Sendable, Hashable {
    public let taken: Bool
    public let lookalike: ConfusableRelation?

    public init(taken: Bool, lookalike: ConfusableRelation?) {
        self.taken = taken
        self.lookalike = lookalike
    }

    /// The verdict a full list of conflicts gives.
    public init(conflicts: [RegistryConflict]) {
        taken = conflicts.contains { $0.relation == .identical }
        lookalike = conflicts.map(\.relation).filter(\.isLookalike).min()
    }

    static let none = RegistryVerdict(taken: false, lookalike: nil)
}

/// Registered names indexed by skeleton: is a new name a lookalike of one already taken?
///
/// Entries are bare JIDs (`juliet@example.com`, compared as a whole) or localparts (`juliet`, compared with the
/// localpart of any candidate). Each entry is indexed under its own hash (to find the name itself) and its skeleton
/// keys (the skeleton, its lower-case form, the skeleton of the upper-case form, and the skeleton of the folded
/// form), hashed into an open-addressing table of one 64-bit word per key; a hit is confirmed on the exact text or
/// key, so a hash collision never invents a conflict. `verdict(for:)` answers what a signup form needs at a cost
/// that does not grow with the number of lookalikes; `conflicts(for:)` lists them all.
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

    typealias Prepared = (entry: Entry, keys: HashedKeys)

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
        let probes = probes(for: jid)
        if probes.isEmpty { return [] }
        return storage.withLock { storage in
            var found: [RegistryConflict] = []
            for probe in probes { found += storage.conflicts(for: probe) }
            return found.sorted { ($0.relation, $0.name) < ($1.relation, $1.name) }
        }
    }

    /// What `conflicts(for:)` would say of the address, without listing anyone: whether it is registered, and its
    /// strongest lookalike relation. It confirms only as many registered names as that answer needs (the first
    /// lookalike of each strength), so its cost does not grow with the number of registered lookalikes.
    public func verdict(for jid: JID) -> RegistryVerdict {
        let probes = probes(for: jid)
        if probes.isEmpty { return .none }
        return storage.withLock { storage in
            var taken = false
            var lookalike: ConfusableRelation? = nil
            for probe in probes {
                let verdict = storage.verdict(for: probe)
                taken = taken || verdict.taken
                if let found = verdict.lookalike, lookalike.map({ found < $0 }) ?? true { lookalike = found }
            }
            return RegistryVerdict(taken: taken, lookalike: lookalike)
        }
    }

    /// The address's localpart and bare form with their keys, for the kinds of names registered (none when the
    /// registry holds neither). The keys are computed outside the lock, so lookups on several threads overlap
    /// in the costly part; a name added meanwhile is found by later lookups.
    private func probes(for jid: JID) -> Probes {
        let (localparts, addresses) = storage.withLock { ($0.localparts, $0.addresses) }
        return Probes(
            localpart: localparts > 0 ? jid.localpart.map { Probe(Entry(kind: .localpart, text: $0)) } : nil,
            address: addresses > 0 ? Probe(Entry(kind: .address, text: jid.bare.description)) : nil)
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
        /// Each is hashed with its own tag, so it meets only the same variant (as in `ConfusableComparer`).
        var hashedKeys: HashedKeys {
            let scalars = self.scalars
            let skeleton = Skeleton.skeleton(scalars)
            func hashed(_ key: [UInt32], _ variant: Int) -> HashedKey {
                HashedKey(hash: hash(key, variant: variant), key: key)
            }
            return HashedKeys(
                skeleton: hashed(skeleton, 0), lowercased: hashed(Skeleton.lowercase(skeleton), 1),
                upper: hashed(Skeleton.upperSkeleton(scalars, skeleton: skeleton), 2),
                folded: hashed(Skeleton.foldedSkeleton(scalars, skeleton: skeleton), 3))
        }

        static func relation(ofVariant variant: Int) -> ConfusableRelation { variant == 3 ? .folded : .skeleton }

        /// One key only, for confirming a hit.
        func key(variant: Int) -> [UInt32] {
            let scalars = self.scalars
            switch variant {
            case 0: return Skeleton.skeleton(scalars)
            case 1: return Skeleton.lowercasedSkeleton(scalars)
            case 2: return Skeleton.upperSkeleton(scalars)
            default: return Skeleton.foldedSkeleton(scalars)
            }
        }

        /// The text's scalar values: one pass over the text, into an array sized by its UTF-8 length (which
        /// bounds the number of scalars), instead of counting the scalars first.
        var scalars: [UInt32] {
            var scalars: [UInt32] = []
            scalars.reserveCapacity(text.utf8.count)
            let widened = text.utf8.withContiguousStorageIfAvailable { bytes in
                // ASCII (most names): each byte is a scalar.
                guard bytes.allSatisfy({ $0 < 0x80 }) else { return false }
                for byte in bytes { scalars.append(UInt32(byte)) }
                return true
            }
            if widened != true {
                for scalar in text.unicodeScalars { scalars.append(scalar.value) }
            }
            return scalars
        }

        func hash(_ key: [UInt32], variant: Int) -> UInt64 {
            var hash = KeyHash(kind: kind, tag: UInt8(variant))
            for scalar in key { hash.add(scalar) }
            return hash.value
        }

        /// The hash of the name itself (kind and text, tagged apart from the keys): finds the entry without
        /// walking the names that share its skeleton.
        var identity: UInt64 {
            var hash = KeyHash(kind: kind, tag: 4)
            let hashed: Bool? = text.utf8.withContiguousStorageIfAvailable { bytes in
                for byte in bytes { hash.add(UInt32(byte)) }
                return true
            }
            if hashed == nil {
                for byte in text.utf8 { hash.add(UInt32(byte)) }
            }
            return hash.value
        }

        /// Whether `other` is this entry's text: byte for byte, since both are enforced (NFC) and canonically
        /// equivalent NFC strings are equal bytes (`==` on `String` would normalize non-ASCII text again).
        func hasText(_ other: String) -> Bool {
            other.utf8.count == text.utf8.count && other.utf8.elementsEqual(text.utf8)
        }
    }

    /// A comparison key and its hash (a struct, not a tuple: arrays of it need no metadata built at run time).
    struct HashedKey {
        let hash: UInt64
        let key: [UInt32]
    }

    /// An entry's four hashed keys, by variant (stored inline: no array to allocate per name looked up).
    struct HashedKeys: RandomAccessCollection {
        let skeleton: HashedKey
        let lowercased: HashedKey
        let upper: HashedKey
        let folded: HashedKey

        var startIndex: Int { 0 }
        var endIndex: Int { 4 }

        subscript(variant: Int) -> HashedKey {
            switch variant {
            case 0: skeleton
            case 1: lowercased
            case 2: upper
            default: folded
            }
        }
    }

    /// The index's hash of a key (scalars) or a name (UTF-8 bytes): one multiplication per unit, then a finalizer
    /// that carries every input bit into the top 32 bits, which are all the table uses (home slot and fragment).
    /// The index lives in memory only, so the function is free to change; a collision costs one confirmation.
    struct KeyHash {
        private var state: UInt64

        init(kind: Entry.Kind, tag: UInt8) {
            state = (UInt64(kind.rawValue) << 8 | UInt64(tag)) &* 0x9E37_79B9_7F4A_7C15
        }

        @inline(__always) mutating func add(_ unit: UInt32) {
            state = (state ^ UInt64(unit)) &* 0xD6E8_FEB8_6659_FD93
        }

        var value: UInt64 {
            var mixed = state
            mixed ^= mixed >> 32
            mixed &*= 0xD6E8_FEB8_6659_FD93
            mixed ^= mixed >> 29
            return mixed
        }
    }

    /// A name looked up: its entry, identity hash and keys.
    struct Probe {
        let entry: Entry
        let identity: UInt64
        let keys: HashedKeys

        init(_ entry: Entry) {
            self.entry = entry
            identity = entry.identity
            keys = entry.hashedKeys
        }
    }

    /// The one or two names an address is looked up as: its localpart, its bare form (no array to allocate).
    struct Probes: RandomAccessCollection {
        let localpart: Probe?
        let address: Probe?

        var startIndex: Int { localpart == nil ? 1 : 0 }
        var endIndex: Int { address == nil ? 1 : 2 }

        subscript(position: Int) -> Probe {
            guard let probe = position == 0 ? localpart : address else { preconditionFailure("no probe \(position)") }
            return probe
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
        /// then the name's id (never 0, so 0 is an empty slot). A word's home slot is the hash's top `bits` bits,
        /// so the table can grow without the keys being computed again, and the words of a run are kept in the
        /// order of their homes (Robin Hood insertion, backward-shift removal): a walk for a hash stops at the
        /// first word whose home comes after its own instead of at the next empty slot, which at the table's
        /// load (up to 3/4) is several times shorter for a key that is not there, and no removal leaves a marker
        /// behind to walk over.
        var slots = SlotTable(count: 1024)
        var bits = 10
        var used = 0

        private var mask: Int { slots.count - 1 }
        private func start(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: hash >> UInt64(64 - bits)) }
        private static func fragment(_ hash: UInt64) -> UInt64 { hash >> 32 }
        /// How far the word in `slot` sits from its home slot.
        private func displacement(_ word: UInt64, at slot: Int) -> Int { (slot - start(word)) & mask }

        mutating func add(_ entry: Entry) -> Bool { add(entry, keys: entry.hashedKeys) }

        mutating func add(_ entry: Entry, keys: HashedKeys) -> Bool {
            if find(entry, identity: entry.identity) != nil { return false }
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
            insert(hash: entry.identity, id: id)
            for key in keys { insert(hash: key.hash, id: id) }
            return true
        }

        mutating func remove(_ entry: Entry) -> Bool {
            guard let id = find(entry, identity: entry.identity) else { return false }
            for hash in [entry.identity] + entry.hashedKeys.map(\.hash) { erase(hash: hash, id: id) }
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
            var distance = 0
            while true {
                let word = slots[slot]
                // Past the words whose home is this hash's: an empty slot, or a word from a later home.
                if word == 0 || displacement(word, at: slot) < distance { return }
                if word >> 32 == fragment {
                    if !body(UInt32(truncatingIfNeeded: word)) { return }
                }
                slot = (slot + 1) & mask
                distance += 1
            }
        }

        /// The id of the entry with exactly this text and kind.
        private func find(_ entry: Entry, identity: UInt64) -> UInt32? {
            var found: UInt32? = nil
            candidates(identity) { id in
                if kinds[Int(id)] == entry.kind && entry.hasText(names[Int(id)]) { found = id }
                return found == nil
            }
            return found
        }

        private mutating func insert(hash: UInt64, id: UInt32) {
            if (used + 1) * 4 > slots.count * 3 { grow() }
            place(Self.fragment(hash) << 32 | UInt64(id))
        }

        /// Puts a word in its run, before the first word whose home comes after its own; that word and the rest
        /// of the run move one slot on.
        private mutating func place(_ word: UInt64) {
            var slot = start(word)
            var distance = 0
            while slots[slot] != 0 && displacement(slots[slot], at: slot) >= distance {
                slot = (slot + 1) & mask
                distance += 1
            }
            var carried = word
            while carried != 0 {
                swap(&carried, &slots[slot])
                slot = (slot + 1) & mask
            }
            used += 1
        }

        /// Removes one word of this hash and id, and moves the words after it that are away from home one slot
        /// back, so the run stays in order and without gaps.
        private mutating func erase(hash: UInt64, id: UInt32) {
            let word = Self.fragment(hash) << 32 | UInt64(id)
            var slot = start(hash)
            var distance = 0
            while slots[slot] != word {
                let held = slots[slot]
                if held == 0 || displacement(held, at: slot) < distance { return }
                slot = (slot + 1) & mask
                distance += 1
            }
            var next = (slot + 1) & mask
            while slots[next] != 0 && displacement(slots[next], at: next) > 0 {
                slots[slot] = slots[next]
                slot = next
                next = (next + 1) & mask
            }
            slots[slot] = 0
            used -= 1
        }

        /// Doubles the table.
        private mutating func grow() {
            let old = slots
            precondition(bits < 32, "the registry's index is full")
            bits += 1
            slots = SlotTable(count: 1 << bits)
            used = 0
            old.forEach { word in if word != 0 { place(word) } }
        }

        /// Whether some registered name may meet the probe: one of its kind, and a key (or the name's identity)
        /// whose first slot is used.
        private func mayMeet(_ probe: Probe) -> Bool {
            guard (probe.entry.kind == .localpart ? localparts : addresses) > 0 else { return false }
            // Touch the first slot of the identity and of each key before walking any: the loads are independent,
            // so the processor overlaps their cache misses instead of taking them one after another.
            var touched = slots[start(probe.identity)]
            for key in probe.keys { touched |= slots[start(key.hash)] }
            return touched != 0
        }

        func conflicts(for probe: Probe) -> [RegistryConflict] {
            guard mayMeet(probe) else { return [] }
            let candidate = probe.entry
            let keys = probe.keys
            var result: [RegistryConflict] = []
            var seen = Set<UInt32>()
            for (variant, key) in keys.enumerated() {
                candidates(key.hash) { id in
                    guard kinds[Int(id)] == candidate.kind, !seen.contains(id) else { return true }
                    // Confirm on the exact key of this variant: a hash collision must not invent a conflict.
                    let registered = Entry(kind: candidate.kind, text: names[Int(id)])
                    if candidate.hasText(registered.text) {
                        seen.insert(id)
                        result.append(RegistryConflict(name: registered.text, relation: .identical))
                    } else if registered.key(variant: variant) == key.key {
                        seen.insert(id)
                        result.append(
                            RegistryConflict(name: registered.text, relation: Entry.relation(ofVariant: variant)))
                    }
                    return true
                }
            }
            return result
        }

        /// The verdict `conflicts(for:)` gives, confirming no more names than it needs: the name itself is found by
        /// its identity hash, each walk stops at its first confirmed lookalike, and the folded variant is not walked
        /// once a skeleton lookalike is found.
        func verdict(for probe: Probe) -> RegistryVerdict {
            guard mayMeet(probe) else { return .none }
            let candidate = probe.entry
            let itself = find(candidate, identity: probe.identity)
            var lookalike: ConfusableRelation? = nil
            for (variant, key) in probe.keys.enumerated() {
                let relation = Entry.relation(ofVariant: variant)
                if let found = lookalike, found <= relation { break }
                candidates(key.hash) { id in
                    guard id != itself, kinds[Int(id)] == candidate.kind else { return true }
                    if Entry(kind: candidate.kind, text: names[Int(id)]).key(variant: variant) == key.key {
                        lookalike = relation
                    }
                    return lookalike == nil
                }
            }
            return RegistryVerdict(taken: itself != nil, lookalike: lookalike)
        }
    }
}
