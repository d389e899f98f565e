/// One byte for each of the 1,114,112 code points, in blocks of 256: most blocks hold one value throughout (the
/// unassigned planes, the CJK and Hangul ranges) and are shared, so a table of the PRECIS properties takes about
/// 50 KiB instead of 1.1 MiB, and a process that reads a few code points touches a few pages, not the whole table.
struct CodePointTable: Sendable {
    /// The block of each 256 code points.
    private var index: [UInt16] = []
    /// The blocks, 256 bytes each.
    private var blocks: [UInt8] = []
    /// The shared block of each value that fills a whole block.
    private var uniform: [UInt8: UInt16] = [:]
    /// The block being filled, and how many of its bytes are.
    private var pending = [UInt8](repeating: 0, count: 256)
    private var filled = 0

    static let count = 0x110000

    /// An empty table, for ``append(_:count:)`` to fill from code point 0.
    init() { index.reserveCapacity(Self.count >> 8) }

    /// The table holding `values`, one per code point.
    init(_ values: UnsafeBufferPointer<UInt8>) {
        precondition(values.count == Self.count)
        self.init()
        var start = 0
        while start < values.count {
            var end = start + 1
            while end < values.count && values[end] == values[start] { end += 1 }
            append(values[start], count: end - start)
            start = end
        }
    }

    /// Whether every code point has its value.
    var isComplete: Bool { index.count == Self.count >> 8 }

    /// Gives the next `count` code points `value`.
    mutating func append(_ value: UInt8, count: Int) {
        var remaining = count
        while remaining > 0 {
            if filled == 0 && remaining >= 256 {
                let whole = remaining >> 8
                let block = uniformBlock(value)
                index.append(contentsOf: repeatElement(block, count: whole))
                remaining -= whole << 8
                continue
            }
            let taken = min(256 - filled, remaining)
            pending.withUnsafeMutableBufferPointer { _ = $0[filled..<(filled + taken)].update(repeating: value) }
            filled += taken
            remaining -= taken
            if filled == 256 {
                if pending.allSatisfy({ $0 == pending[0] }) {
                    index.append(uniformBlock(pending[0]))
                } else {
                    index.append(UInt16(blocks.count >> 8))
                    blocks.append(contentsOf: pending)
                }
                filled = 0
            }
        }
    }

    private mutating func uniformBlock(_ value: UInt8) -> UInt16 {
        if let block = uniform[value] { return block }
        let block = UInt16(blocks.count >> 8)
        blocks.append(contentsOf: repeatElement(value, count: 256))
        uniform[value] = block
        return block
    }

    @inline(__always)
    subscript(_ codePoint: Int) -> UInt8 {
        blocks[Int(index[codePoint &>> 8]) &<< 8 | (codePoint & 0xFF)]
    }

    /// Whether both tables give every code point the same value.
    func sameValues(as other: CodePointTable) -> Bool {
        (0..<Self.count).allSatisfy { self[$0] == other[$0] }
    }
}
