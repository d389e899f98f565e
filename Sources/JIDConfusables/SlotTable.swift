#if canImport(Glibc)
    import Glibc
#endif

/// A fixed-size table of 64-bit words, zeroed, for the registry's hash index.
///
/// A large table (hundreds of MiB at ten million names) is probed at random, so nearly every lookup misses the
/// processor's address translation cache as well as its data cache. On Linux a table of 2 MiB or more is mapped on
/// its own and advised to use transparent huge pages (`madvise(MADV_HUGEPAGE)`, honoured when the system's
/// setting is `madvise` or `always`): one translation entry then covers 2 MiB instead of 4 KiB. Elsewhere, or if
/// the mapping fails, it is ordinary allocated memory. Not thread-safe; the registry's lock guards it.
final class SlotTable: @unchecked Sendable {
    let count: Int
    private let words: UnsafeMutablePointer<UInt64>
    private let mapped: Bool

    private static let hugePage = 2 << 20

    /// `count` zeroed words; `count` is a power of two.
    init(count: Int) {
        self.count = count
        let bytes = count * MemoryLayout<UInt64>.stride
        #if canImport(Glibc)
            if bytes >= Self.hugePage,
                let address = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
                address != MAP_FAILED
            {
                // Advice only: without huge pages the table works the same, a little slower.
                _ = madvise(address, bytes, MADV_HUGEPAGE)
                words = address.bindMemory(to: UInt64.self, capacity: count)
                mapped = true
                return
            }
        #endif
        words = .allocate(capacity: count)
        words.initialize(repeating: 0, count: count)
        mapped = false
    }

    deinit {
        #if canImport(Glibc)
            if mapped {
                munmap(words, count * MemoryLayout<UInt64>.stride)
                return
            }
        #endif
        words.deallocate()
    }

    /// The word at `index` (`0..<count`; the registry masks every index it computes).
    subscript(index: Int) -> UInt64 {
        get {
            precondition(index >= 0 && index < count)
            return words[index]
        }
        set {
            precondition(index >= 0 && index < count)
            words[index] = newValue
        }
    }

    /// Calls `body` with every word, in order.
    func forEach(_ body: (UInt64) -> Void) {
        for index in 0..<count { body(words[index]) }
    }
}
