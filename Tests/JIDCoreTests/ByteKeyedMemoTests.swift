import Testing

@testable import JIDCore

/// The domain memo's table: a hit is always the value stored for those very bytes, and the memo holds exactly the
/// keys stored since it last started afresh (at most its capacity).
@Suite struct ByteKeyedMemoTests {
    static func lookUp(_ memo: ByteKeyedMemo<Int>, _ key: [UInt8]) -> (value: Int?, contains: Bool) {
        key.withUnsafeBufferPointer { bytes in
            let hash = ByteKeyedMemo<Int>.hash(bytes)
            return (memo.value(for: bytes, hash: hash), memo.contains(bytes, hash: hash))
        }
    }

    @Test func theMemoHoldsExactlyTheKeysStoredSinceItStartedAfresh() {
        let capacity = 64
        var memo = ByteKeyedMemo<Int>(capacity: capacity)
        // Distinct keys that differ in their last byte only, in their length only, and by a prefix; many end alike.
        let keys: [[UInt8]] =
            (0..<3_000).map { Array("d\($0).example".utf8) }
            + (1..<200).map { [UInt8](repeating: UInt8(ascii: "a"), count: $0) }
            + (0..<256).map { [UInt8(ascii: "x"), UInt8($0)] }
        var wrong: [String] = []
        for (index, key) in keys.enumerated() {
            key.withUnsafeBufferPointer { memo.store(index, for: $0, hash: ByteKeyedMemo<Int>.hash($0)) }
            // The store that finds the memo full empties it first.
            let held = (index - index % capacity)...index
            let window = max(0, index - 2 * capacity)...min(keys.count - 1, index + capacity)
            for other in window {
                let (value, contains) = Self.lookUp(memo, keys[other])
                let expected = held.contains(other) ? other : nil
                if value != expected || contains != (expected != nil) {
                    wrong.append("after \(index) stores, key \(other): \(String(describing: value)), \(contains)")
                }
            }
        }
        #expect(wrong.isEmpty, "\(wrong.count): \(wrong.prefix(3))")
    }

    @Test func anEmptyMemoHoldsNothingAndNoKeyHashesToAnEmptySlot() {
        let memo = ByteKeyedMemo<Int>(capacity: 4096)
        #expect(Self.lookUp(memo, []) == (nil, false))
        #expect(Self.lookUp(memo, Array("example.com".utf8)) == (nil, false))
        for length in 0..<64 {
            let key = [UInt8](repeating: 0, count: length)
            #expect(key.withUnsafeBufferPointer { ByteKeyedMemo<Int>.hash($0) } != 0)
        }
    }
}
