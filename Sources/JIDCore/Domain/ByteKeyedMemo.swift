/// A bounded memo keyed by a byte string, looked up without allocating: the bytes are hashed (FNV-1a) in place, the
/// hash picks a slot of an open-addressed table (twice `capacity` slots, probed one after another), and a slot's
/// key is compared with the bytes, so a hit is always the value of those very bytes. It holds at most `capacity`
/// entries and starts afresh when full. The slots are plain arrays of hashes, keys and values, allocated at the
/// first store: a look-up reads hashes and compares bytes, without hashing the hash again or copying an entry out.
struct ByteKeyedMemo<Value: Sendable>: Sendable {
    let capacity: Int
    /// The stored key's hash per slot; 0 for an empty slot (``hash(_:)`` is never 0).
    private var hashes: [UInt64] = []
    private var keys: [[UInt8]] = []
    private var values: [Value?] = []
    /// How many slots are taken.
    private var count = 0
    /// The right shift that turns a multiplied hash into a slot (64 minus the bits of the slot count).
    private var shift: UInt64 = 64

    init(capacity: Int) { self.capacity = max(1, capacity) }

    /// FNV-1a of the bytes, with the lowest bit set so that no key hashes to an empty slot's 0.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = FNV1a()
        hash.add(bytes)
        return hash.value | 1
    }

    /// The slot of the key with `hash`, or of the empty slot where it would go; nil before the first store.
    /// The first slot tried comes from the high bits of the hash times 2^64 / φ (FNV-1a's low bits vary little
    /// between keys that end alike, as domains do).
    @inline(__always)
    private func slot(_ hash: UInt64, _ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !hashes.isEmpty else { return nil }
        let mask = hashes.count - 1
        var slot = Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> shift) & mask
        while true {
            let stored = hashes[slot]
            if stored == 0 || (stored == hash && Self.same(keys[slot], bytes)) { return slot }
            slot = (slot &+ 1) & mask
        }
    }

    func value(for bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Value? {
        guard let slot = slot(hash, bytes), hashes[slot] != 0 else { return nil }
        return values[slot]
    }

    /// Whether `bytes` are held, without copying their value out.
    func contains(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Bool {
        guard let slot = slot(hash, bytes) else { return false }
        return hashes[slot] != 0
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
        if hashes.isEmpty || count >= capacity {
            // At most half the slots are ever taken, so a probe soon finds an empty one.
            var slots = 2
            shift = 63
            while slots < 2 * capacity {
                slots <<= 1
                shift -= 1
            }
            hashes = Array(repeating: 0, count: slots)
            keys = Array(repeating: [], count: slots)
            values = Array(repeating: nil, count: slots)
            count = 0
        }
        let slot = slot(hash, bytes)!
        if hashes[slot] == 0 { count += 1 }
        hashes[slot] = hash
        keys[slot] = Array(bytes)
        values[slot] = value
    }
}
