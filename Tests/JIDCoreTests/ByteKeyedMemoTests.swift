import Foundation
import Synchronization
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

/// Threads share what they compute: a domain one thread has enforced is not enforced again by another, whose own
/// memo has never seen it, under either RFC.
@Suite struct SharedDomainMemoTests {
    /// Runs `body` on a thread of its own (each thread has its own memo) and waits for it.
    static func onNewThread(_ body: @escaping @Sendable () -> Void) {
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            body()
            done.signal()
        }
        thread.start()
        done.wait()
    }

    @Test func aDomainComputedOnOneThreadIsNotComputedAgainOnAnother() {
        // A name no other test has used, so that no memo holds it yet.
        let unique = String(UInt64.random(in: 1...UInt64.max), radix: 36)
        let domain = Array("bücher-\(unique).example".utf8)
        let modernComputations = Atomic<Int>(0)
        let legacyComputations = Atomic<Int>(0)
        let answers = Mutex<[String]>([])
        for _ in 0..<3 {
            Self.onNewThread {
                domain.withUnsafeBufferPointer { bytes in
                    let outcome = DomainMemo.current.modern(bytes) {
                        modernComputations.add(1, ordering: .relaxed)
                        return Domainpart.enforce(UnicodeText.scalars(bytes) ?? [], base: 0)
                    }
                    let legacy = DomainMemo.current.legacy(bytes, mode: .stored) {
                        legacyComputations.add(1, ordering: .relaxed)
                        return .success((unicode: "unicode-\(unique)", ascii: "ascii-\(unique)"))
                    }
                    let modern = (try? outcome.result.get()).map { "\($0.unicode) \($0.ascii)" } ?? "invalid"
                    let stored = (try? legacy.get()).map { "\($0.unicode) \($0.ascii)" } ?? "invalid"
                    answers.withLock { $0.append(modern + " / " + stored) }
                }
            }
        }
        #expect(modernComputations.load(ordering: .relaxed) == 1)
        #expect(legacyComputations.load(ordering: .relaxed) == 1)
        let all = answers.withLock { $0 }
        #expect(all.count == 3 && Set(all).count == 1, "\(all)")
        #expect(all.first?.hasPrefix("bücher-\(unique).example xn--bcher-") == true, "\(all)")
        #expect(all.first?.hasSuffix(" / unicode-\(unique) ascii-\(unique)") == true, "\(all)")
    }
}
