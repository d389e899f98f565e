/// Accounts that collide in the move from RFC 6122 to RFC 7622.
public struct CollisionGroup: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// Inputs that were different accounts under RFC 6122 (different canonical forms, or invalid) and are
        /// one account under RFC 7622.
        case merge
        /// Inputs that were one account under RFC 6122 and are different accounts under RFC 7622.
        case split
    }

    public let kind: Kind
    /// The shared canonical form: the RFC 7622 one for a merge, the RFC 6122 one for a split.
    public let key: String
    /// The input lines, ascending.
    public let lines: [Int]
    /// The inputs, in line order.
    public let inputs: [String]

    /// The group as one line of JSON: `{"kind", "key", "lines", "inputs"}`.
    public var json: [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.string("kind", kind.rawValue)
        writer.string("key", key)
        writer.beginArray("lines")
        for line in lines { writer.integer(nil, line) }
        writer.endArray()
        writer.beginArray("inputs")
        for input in inputs { writer.string(nil, input) }
        writer.endArray()
        writer.endObject()
        return writer.bytes
    }
}

/// Finds merge and split groups across any number of inputs in about 20 bytes of memory per input.
///
/// The first pass keeps, per input, 64-bit hashes of its two account keys (RFC 6122 and RFC 7622) and its line
/// number. ``candidates()`` sorts them to find inputs whose hashes group them; the caller then fetches those
/// inputs again (they are few) and ``groups(candidates:entries:)`` decides on the exact keys, so a hash
/// collision can never create or hide a group.
public struct CollisionIndex: Sendable {
    private var legacy: [UInt64] = []
    private var modern: [UInt64] = []
    private var lineNumbers: [UInt32] = []

    public init() {}

    /// Number of inputs added.
    public var count: Int { lineNumbers.count }

    /// The hash of an account key (never 0, which stands for "invalid").
    public static func hash(_ key: String?) -> UInt64 {
        guard let key else { return 0 }
        var hash = FNV1a()
        hash.add(key)
        return hash.value
    }

    /// Adds one input by the hashes of its keys (from ``hash(_:)``; 0 when invalid under that RFC).
    public mutating func add(line: Int, legacyHash: UInt64, modernHash: UInt64) {
        legacy.append(legacyHash)
        modern.append(modernHash)
        lineNumbers.append(UInt32(truncatingIfNeeded: line))
    }

    /// Reserves room for `count` inputs.
    public mutating func reserve(_ count: Int) {
        legacy.reserveCapacity(count)
        modern.reserveCapacity(count)
        lineNumbers.reserveCapacity(count)
    }

    /// The hashes of every valid input's RFC 7622 key, sorted: which names are taken, for the rename plan.
    public func sortedModernHashes() -> [UInt64] {
        var hashes = modern.filter { $0 != 0 }
        Self.radixSort(&hashes)
        return hashes
    }

    /// Line numbers of inputs that may form groups, as candidate merge groups and split groups.
    public func candidates() -> (merges: [[Int]], splits: [[Int]]) {
        (
            groups(by: modern, where: { $0 != 0 }, distinctIn: legacy, mergeLike: true),
            groups(by: legacy, where: { [modern] in modern[$0] != 0 }, distinctIn: modern, mergeLike: false)
        )
    }

    /// Runs of equal `primary` hash whose `secondary` hashes differ (or, for merges, include an invalid one).
    ///
    /// Each entry is packed into one `UInt64`: the top 36 bits of its hash above its 28-bit index, and the
    /// packed keys are radix-sorted. Comparing 36 bits instead of 64 can only add candidates, which the exact
    /// pass removes; beyond 2^28 inputs the index no longer fits and whole hashes are sorted instead.
    private func groups(
        by primary: [UInt64], where include: (Int) -> Bool, distinctIn secondary: [UInt64], mergeLike: Bool
    ) -> [[Int]] {
        let indexBits: UInt64 = 28
        let indexMask: UInt64 = (1 << indexBits) - 1
        var result: [[Int]] = []
        func consider(_ members: [Int]) {
            let first = secondary[members[0]]
            let differs = members.contains { secondary[$0] != first || (mergeLike && secondary[$0] == 0) }
            if differs { result.append(members.map { Int(lineNumbers[$0]) }) }
        }
        if primary.count <= Int(indexMask) {
            var packed: [UInt64] = []
            packed.reserveCapacity(primary.count)
            for index in primary.indices where primary[index] != 0 && include(index) {
                packed.append((primary[index] & ~indexMask) | UInt64(index))
            }
            Self.radixSort(&packed)
            var start = 0
            while start < packed.count {
                let group = packed[start] >> indexBits
                var end = start + 1
                while end < packed.count && packed[end] >> indexBits == group { end += 1 }
                if end - start > 1 { consider(packed[start..<end].map { Int($0 & indexMask) }) }
                start = end
            }
            return result
        }
        var order: [(UInt64, Int)] = []
        for index in primary.indices where primary[index] != 0 && include(index) {
            order.append((primary[index], index))
        }
        order.sort { $0 < $1 }
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count && order[end].0 == order[start].0 { end += 1 }
            if end - start > 1 { consider(order[start..<end].map(\.1)) }
            start = end
        }
        return result
    }

    /// LSD radix sort, 16 bits per pass.
    static func radixSort(_ values: inout [UInt64]) {
        guard values.count > 1 else { return }
        var buffer = [UInt64](repeating: 0, count: values.count)
        var counts = [Int](repeating: 0, count: 1 << 16)
        for shift in stride(from: UInt64(0), to: 64, by: 16) {
            for index in counts.indices { counts[index] = 0 }
            for value in values { counts[Int((value >> shift) & 0xFFFF)] += 1 }
            var total = 0
            for index in counts.indices {
                let count = counts[index]
                counts[index] = total
                total += count
            }
            for value in values {
                let digit = Int((value >> shift) & 0xFFFF)
                buffer[counts[digit]] = value
                counts[digit] += 1
            }
            swap(&values, &buffer)
        }
    }

    /// The exact groups among candidates, given each candidate line's input and keys.
    public static func groups(
        candidates: (merges: [[Int]], splits: [[Int]]),
        entries: [Int: (input: String, legacy: String?, modern: String?)]
    ) -> [CollisionGroup] {
        var result: [CollisionGroup] = []
        func exact(_ lines: [Int], kind: CollisionGroup.Kind) {
            var byKey: [[UInt8]: [Int]] = [:]
            for line in lines {
                guard let entry = entries[line], let key = kind == .merge ? entry.modern : entry.legacy else {
                    continue
                }
                if kind == .split && entry.modern == nil { continue }
                byKey[Array(key.utf8), default: []].append(line)
            }
            for (key, members) in byKey where members.count > 1 {
                let others = members.map { kind == .merge ? entries[$0]!.legacy : entries[$0]!.modern }
                let distinct = Set(others.map { $0.map { Array($0.utf8) } ?? [] }).count > 1
                let collides = kind == .merge ? (distinct || others.contains { $0 == nil }) : distinct
                guard collides else { continue }
                let sorted = members.sorted()
                result.append(
                    CollisionGroup(
                        kind: kind, key: String(decoding: key, as: UTF8.self), lines: sorted,
                        inputs: sorted.map { entries[$0]!.input }))
            }
        }
        for lines in candidates.merges { exact(lines, kind: .merge) }
        for lines in candidates.splits { exact(lines, kind: .split) }
        return result.sorted { ($0.lines[0], $0.kind.rawValue) < ($1.lines[0], $1.kind.rawValue) }
    }
}

/// The 64-bit FNV-1a hash of account keys, fed byte by byte (0 is reserved for "no key").
package struct FNV1a {
    package private(set) var state: UInt64 = 0xCBF2_9CE4_8422_2325

    package init() {}

    package var value: UInt64 { state == 0 ? 1 : state }

    @inline(__always) package mutating func add(_ byte: UInt8) {
        state = (state ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }
    package mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) { for byte in bytes { add(byte) } }
    package mutating func add(_ text: String) { for byte in text.utf8 { add(byte) } }
    /// Adds each scalar as three little-endian bytes (scalars fit in 21 bits).
    package mutating func add(scalars: [UInt32]) {
        for scalar in scalars {
            add(UInt8(truncatingIfNeeded: scalar))
            add(UInt8(truncatingIfNeeded: scalar >> 8))
            add(UInt8(truncatingIfNeeded: scalar >> 16))
        }
    }
}

extension MigrationChecker {
    /// Checks a list of addresses held in memory (lines numbered from 1) and finds the collisions among them: both
    /// passes of the ``CollisionIndex`` in one call. For input that does not fit in memory, the bulk engine
    /// (`JIDBulk.MigrationEngine`) reads the candidate lines again instead.
    public func check(list inputs: [String], fullJIDs: Bool) -> (
        records: [MigrationRecord], collisions: [CollisionGroup]
    ) {
        var index = CollisionIndex()
        var entries: [Int: (input: String, legacy: String?, modern: String?)] = [:]
        var records: [MigrationRecord] = []
        records.reserveCapacity(inputs.count)
        for (offset, input) in inputs.enumerated() {
            let record = check(line: offset + 1, input)
            let keys = record.keys(full: fullJIDs)
            index.add(
                line: record.line, legacyHash: CollisionIndex.hash(keys.legacy),
                modernHash: CollisionIndex.hash(keys.modern))
            entries[record.line] = (input, keys.legacy, keys.modern)
            records.append(record)
        }
        return (records, CollisionIndex.groups(candidates: index.candidates(), entries: entries))
    }
}
