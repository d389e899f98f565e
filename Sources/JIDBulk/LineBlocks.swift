import JIDCore
import Synchronization

/// An input of one address per line, handed out in blocks of whole lines, in input order, to whichever thread asks
/// next. The thread that asks reads the block itself, so the bytes it checks arrive in its own core's cache and
/// are split there, in place: no reader thread copies them into batches first.
///
/// Lines are those of ``LineSplitter`` with ``InputLayout/lines``: a UTF-8 byte-order mark at the start is
/// dropped, and of a line longer than any address only its first ``LineSplitter/maximumKept`` + 1 bytes are kept
/// (``LineBatch/init(unnumberedLinesOf:)`` then cuts it as the splitter does). `LineBlocksTests` compare the two.
final class LineBlocks: Sendable {
    private struct State {
        let source: any ByteSource
        /// The start of a line not yet ended, read with the last block.
        var carry: [UInt8] = []
        /// Whether the rest of an over-long line is being skipped (its kept start is in `carry`).
        var skipping = false
        var atStart = true
        var ended = false
        /// Blocks handed out so far.
        var count = 0
    }

    private let state: Mutex<State>
    /// Bytes read at a time; a block holds about this much.
    let readBytes: Int

    init(source: any ByteSource, readBytes: Int) {
        state = Mutex(State(source: source))
        self.readBytes = max(readBytes, LineSplitter.maximumKept + 2)
    }

    /// Blocks handed out; final once `next()` has returned nil.
    var count: Int { state.withLock { $0.count } }

    /// The next block's index and lines, or nil at the end of the input. Throws what the source throws; the
    /// input has ended then.
    func next() throws -> (index: Int, batch: LineBatch)? {
        let taken = try state.withLock { state -> (Int, [UInt8])? in
            guard !state.ended else { return nil }
            do {
                guard let block = try Self.read(&state, readBytes: readBytes) else { return nil }
                state.count += 1
                return (state.count - 1, block)
            } catch {
                state.ended = true
                throw error
            }
        }
        return taken.map { ($0.0, LineBatch(unnumberedLinesOf: $0.1)) }
    }

    /// Reads until the bytes held end with a whole line, or the input ends; keeps what follows the last line
    /// feed for the next block.
    private static func read(_ state: inout State, readBytes: Int) throws -> [UInt8]? {
        let kept = LineSplitter.maximumKept + 1
        var block = [UInt8](repeating: 0, count: state.carry.count + readBytes)
        var filled = state.carry.count
        block.withUnsafeMutableBufferPointer { $0.update(fromContentsOf: state.carry) }
        state.carry = []
        while true {
            let read = try block.withUnsafeMutableBufferPointer {
                try state.source.read(into: UnsafeMutableBufferPointer(rebasing: $0[filled...]))
            }
            if read == 0 {
                state.ended = true
                if state.atStart { Self.dropByteOrderMark(&block, &filled) }
                block.removeSubrange(filled...)
                return block.isEmpty ? nil : block
            }
            var fresh = filled..<(filled + read)
            if state.skipping {
                // The rest of an over-long line: dropped up to its line feed.
                guard let lineFeed = block[fresh].firstIndex(of: 0x0A) else { continue }
                block.removeSubrange(filled..<lineFeed)
                block.append(contentsOf: repeatElement(0, count: lineFeed - filled))
                fresh = filled..<(fresh.upperBound - (lineFeed - filled))
                state.skipping = false
            }
            filled = fresh.upperBound
            // The bytes before this read hold no line feed: only the new ones are searched (all of them once a
            // byte-order mark has moved them).
            var searchFrom = fresh.lowerBound
            if state.atStart {
                // A byte-order mark may be split across reads: decide once three bytes are in.
                if filled < 3 { continue }
                Self.dropByteOrderMark(&block, &filled)
                state.atStart = false
                searchFrom = 0
            }
            if let lastLineFeed = block[searchFrom..<filled].lastIndex(of: 0x0A) {
                state.carry = Array(block[(lastLineFeed + 1)..<filled].prefix(kept))
                state.skipping = filled - (lastLineFeed + 1) > kept
                block.removeSubrange((lastLineFeed + 1)...)
                return block
            }
            // One line so far, with no end yet: keep its start only.
            if filled > kept {
                filled = kept
                state.skipping = true
            }
        }
    }

    private static func dropByteOrderMark(_ block: inout [UInt8], _ filled: inout Int) {
        guard filled >= 3, block[0] == 0xEF, block[1] == 0xBB, block[2] == 0xBF else { return }
        block.removeSubrange(0..<3)
        block.append(contentsOf: [0, 0, 0])
        filled -= 3
    }
}
