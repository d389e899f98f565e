import JIDCore
import Synchronization
import Testing

@testable import JIDBulk

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `LineBlocks` (each worker reads its own block, `jid check`) gives exactly the lines of `LineSplitter`
/// (`jid migrate`, and what `jid check` used before) whatever the reads are like.
@Suite struct LineBlocksTests {
    static let kept = LineSplitter.maximumKept
    static func text(_ string: String) -> [UInt8] { Array(string.utf8) }
    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Inputs at the edges: byte-order marks whole and split, CR before LF, no line end at the end, empty lines,
    /// and lines longer than any address ending just before, at and after what is kept of them, with and
    /// without a CR there.
    static let inputs: [[UInt8]] = {
        var inputs: [[UInt8]] = [
            [], text("\n"), text("\n\n\n"), text("a"), text("a\r"), text("\r\n"), bom, [0xEF, 0xBB], bom + text("x"),
            bom + text("juliet@example.com\r\nromeo@example.net\n"), [0xEF, 0xBB] + text("x\n"), bom + bom + text("\n"),
            text("juliet@example.com\nromeo@example.net"), text("a\n\nb\r\n\r\nc"),
        ]
        let a = UInt8(ascii: "a")
        for length in [kept - 2, kept - 1, kept, kept + 1, kept + 2, 3 * kept, 70_000] {
            let line = [UInt8](repeating: a, count: length)
            inputs.append(line + text("\nnext\n"))
            inputs.append(line + text("\r\nnext\n"))
            inputs.append(bom + line + text("\r\nnext"))
            inputs.append(text("first\n") + line)
            var withCR = line
            withCR[min(kept, length - 1)] = 0x0D
            inputs.append(withCR + text("\nnext\n"))
        }
        // Lines of every length up to well past what is kept, some with CR, some empty, across many blocks.
        var generator = SystemRandomNumberGenerator()
        var mixed: [UInt8] = []
        for index in 0..<400 {
            let length = index % 7 == 0 ? Int.random(in: 0...(3 * kept), using: &generator) : index % 40
            mixed += [UInt8](repeating: UInt8(ascii: "b") &+ UInt8(index % 20), count: length)
            mixed += index % 3 == 0 ? text("\r\n") : text("\n")
        }
        inputs.append(mixed)
        inputs.append(CheckEngineTests.input)
        return inputs
    }()

    static func splitterLines(_ input: [UInt8], pieceSize: Int) throws -> [[UInt8]] {
        var splitter = LineSplitter(format: .lines)
        var batch = LineBatch()
        var offset = 0
        while offset < input.count {
            let piece = Array(input[offset..<min(offset + pieceSize, input.count)])
            try piece.withUnsafeBufferPointer { (bytes) throws(LineSplitter.Failure) in
                try splitter.feed(bytes, into: &batch)
            }
            offset += pieceSize
        }
        try splitter.finish(into: &batch)
        return (0..<batch.count).map { index in batch.withLine(index) { Array($0) } }
    }

    static func blockLines(_ input: [UInt8], pieceSize: Int) throws -> (lines: [[UInt8]], blocks: Int) {
        let blocks = LineBlocks(source: MemorySource(input, pieceSize: pieceSize), readBytes: 1 << 14)
        var lines: [[UInt8]] = []
        var expectedIndex = 0
        while let (index, batch) = try blocks.next() {
            #expect(index == expectedIndex)
            expectedIndex += 1
            lines += (0..<batch.count).map { line in batch.withLine(line) { Array($0) } }
        }
        #expect(try blocks.next() == nil)
        return (lines, blocks.count)
    }

    @Test(arguments: [1, 2, 3, 7, 4_096, 1 << 16])
    func linesAreTheSplittersWhateverTheReads(pieceSize: Int) throws {
        for (number, input) in Self.inputs.enumerated() {
            let expected = try Self.splitterLines(input, pieceSize: pieceSize)
            let (lines, _) = try Self.blockLines(input, pieceSize: pieceSize)
            #expect(lines == expected, "input \(number) (\(input.count) bytes), pieces of \(pieceSize)")
            #expect(lines.allSatisfy { $0.count <= Self.kept })
        }
    }

    /// The splitter used to drop a second mark right after the first when a read ended between them.
    @Test(arguments: [1, 3, 4, 1 << 16])
    func onlyTheFirstByteOrderMarkIsDropped(pieceSize: Int) throws {
        let input = Self.bom + Self.bom + Self.text("\n")
        #expect(try Self.splitterLines(input, pieceSize: pieceSize) == [Self.bom])
        #expect(try Self.blockLines(input, pieceSize: pieceSize).lines == [Self.bom])
    }

    @Test func blocksEndWithWholeLinesAndStayNearTheReadSize() throws {
        let input = CheckEngineTests.input
        let blocks = LineBlocks(source: MemorySource(input, pieceSize: 1 << 16), readBytes: 1 << 14)
        var sizes: [Int] = []
        var endings: [UInt8?] = []
        while let (_, batch) = try blocks.next() {
            sizes.append(batch.storage.count)
            endings.append(batch.storage.last)
        }
        #expect(sizes.count > 3)
        // Every block ends with a line feed (the input does too): no line is split between two blocks.
        #expect(endings.allSatisfy { $0 == 0x0A })
        #expect(sizes.allSatisfy { $0 <= (1 << 14) + Self.kept + 1 })
        #expect(sizes.reduce(0, +) == input.count)
    }

    /// A source that fails after some bytes.
    final class FailingSource: ByteSource, @unchecked Sendable {
        struct Broken: Error {}
        let inner: MemorySource
        let limit: Int
        init(_ bytes: [UInt8], failingAfter limit: Int) {
            inner = MemorySource(bytes, pieceSize: 1 << 12)
            self.limit = limit
        }
        var size: Int? { nil }
        var bytesRead: Int { inner.bytesRead }
        func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int {
            if inner.bytesRead >= limit { throw Broken() }
            return try inner.read(into: buffer)
        }
        func reopen() throws -> (any ByteSource)? { nil }
    }

    @Test(arguments: [1, 2, 3])
    func aReadErrorEndsTheRunWithThatError(threads: Int) throws {
        let source = FailingSource(CheckEngineTests.input, failingAfter: 100_000)
        #expect(throws: FailingSource.Broken.self) {
            _ = try CheckEngine(output: .json, threads: threads).run(source) { _ in }
        }
        // Once failed, the input has ended.
        let blocks = LineBlocks(source: FailingSource(CheckEngineTests.input, failingAfter: 0), readBytes: 1 << 14)
        #expect(throws: FailingSource.Broken.self) { _ = try blocks.next() }
        #expect(try blocks.next() == nil)
    }

    /// The caller of `next()` is one of the pipeline's threads: with one thread it checks every block itself and
    /// no thread is started; with more, at most that many threads (the caller among them) check the blocks, and
    /// the results come back in input order.
    @Test(arguments: [1, 2, 3])
    func theCallerOfNextChecksBlocksToo(threads: Int) throws {
        let input = (0..<20_000).flatMap { Self.text("user\($0)@example.com\n") }
        var expected: [[UInt8]] = []
        let single = LineBlocks(source: MemorySource(input, pieceSize: 1 << 16), readBytes: 1 << 12)
        while let (_, batch) = try single.next() { expected.append(batch.storage) }
        #expect(expected.count > 40)

        let checkers = Mutex<Set<String>>([])
        let blocks = LineBlocks(source: MemorySource(input, pieceSize: 1 << 16), readBytes: 1 << 12)
        let pipeline = BatchPipeline(blocks: blocks, threads: threads, window: MigrationEngine.window(threads: threads))
        { batch in
            _ = checkers.withLock { $0.insert(Self.threadName()) }
            return batch.storage
        }
        var results: [[UInt8]] = []
        while let result = try pipeline.next() { results.append(result) }
        pipeline.stop()
        #expect(results == expected)
        let seen = checkers.withLock { $0 }
        #expect(seen.count <= threads)
        if threads == 1 { #expect(seen == [Self.threadName()]) }
    }

    static func threadName() -> String { "\(pthread_self())" }
}
