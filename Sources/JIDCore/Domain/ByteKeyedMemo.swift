/// A bounded memo keyed by a byte string, looked up without allocating: the bytes are hashed (FNV-1a) in place
/// and compared with the stored key. One entry per hash; a colliding key replaces the entry (a miss, never a
/// wrong hit). When full it starts afresh.
struct ByteKeyedMemo<Value: Sendable>: Sendable {
    let capacity: Int
    private var entries: [UInt64: (key: [UInt8], value: Value)] = [:]

    init(capacity: Int) { self.capacity = capacity }

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = FNV1a()
        hash.add(bytes)
        return hash.value
    }

    func value(for bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Value? {
        guard let entry = entries[hash], Self.same(entry.key, bytes) else { return nil }
        return entry.value
    }

    /// Whether `bytes` are held, without copying their value out.
    func contains(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Bool {
        guard let index = entries.index(forKey: hash) else { return false }
        return Self.same(entries.values[index].key, bytes)
    }

    @inline(__always)
    private static func same(_ key: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard key.count == bytes.count else { return false }
        // An index loop over both buffers: the generic `elementsEqual` cost about 5% of a non-ASCII address.
        return key.withUnsafeBufferPointer { key in
            for index in 0..<key.count where key[index] != bytes[index] { return false }
            return true
        }
    }

    mutating func store(_ value: Value, for bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) {
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        entries[hash] = (Array(bytes), value)
    }
}
