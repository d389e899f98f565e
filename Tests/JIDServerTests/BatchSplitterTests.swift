import NIOCore
import Testing

@testable import JIDServer

/// `BatchSplitter` cuts a body that arrives in pieces of any size into chunks of whole lines: every line once, in
/// order, numbered from 1, without its line break (LF or CRLF), whatever the pieces' boundaries.
struct BatchSplitterTests {
    /// The lines and their numbers of every chunk, in order.
    static func lines(of chunks: [BatchChunk]) -> [(Int, [UInt8])] {
        var lines: [(Int, [UInt8])] = []
        for chunk in chunks { chunk.forEachLine { lines.append(($0, Array($1))) } }
        return lines
    }

    /// A body of `count` random lines (empty, short, CRLF, a lone CR inside, long) and the lines it means.
    static func body(lines count: Int, using random: inout some RandomNumberGenerator) -> ([UInt8], [[UInt8]]) {
        var body: [UInt8] = []
        var lines: [[UInt8]] = []
        for _ in 0..<count {
            var line: [UInt8]
            switch Int.random(in: 0..<6, using: &random) {
            case 0: line = []
            case 1: line = Array(#""a@b.c""#.utf8)
            case 2: line = Array("x\r y".utf8)
            default:
                line = (0..<Int.random(in: 1...90, using: &random)).map { _ in
                    UInt8.random(in: 0x20...0x7E, using: &random)
                }
            }
            lines.append(line)
            body += line
            body += Bool.random(using: &random) ? [0x0D, 0x0A] : [0x0A]
        }
        return (body, lines)
    }

    /// Feeds `body` in pieces cut at random places and gathers the chunks, as the route does.
    static func split(_ body: [UInt8], lineLimit: Int, using random: inout some RandomNumberGenerator) throws
        -> [BatchChunk]
    {
        var configuration = ServerConfiguration()
        configuration.batchLineLimit = lineLimit
        var splitter = BatchSplitter(configuration: configuration)
        var chunks: [BatchChunk] = []
        var start = 0
        while start < body.count {
            let end = min(body.count, start + Int.random(in: 1...3_000, using: &random))
            try splitter.feed(ByteBuffer(bytes: body[start..<end]))
            chunks += splitter.takeReady()
            start = end
        }
        if let last = splitter.finish() { chunks.append(last) }
        return chunks
    }

    @Test func everyLineOnceInOrderWhateverThePieces() throws {
        var random = SplitMix64(seed: 1)
        for _ in 0..<10 {
            let (body, expected) = Self.body(lines: 3_000, using: &random)
            let chunks = try Self.split(body, lineLimit: 100, using: &random)
            let lines = Self.lines(of: chunks)
            #expect(lines.map(\.0) == Array(1...expected.count))
            #expect(lines.map(\.1) == expected)
            #expect(chunks.allSatisfy { $0.count <= BatchSplitter.chunkLines })
            #expect(chunks.count >= expected.count / BatchSplitter.chunkLines)
        }
    }

    @Test func aLastLineWithoutABreakIsALine() throws {
        var random = SplitMix64(seed: 2)
        let chunks = try Self.split(Array("a\r\n\nb@c.d\r".utf8), lineLimit: 100, using: &random)
        let lines = Self.lines(of: chunks)
        #expect(lines.map(\.0) == [1, 2, 3])
        #expect(lines.map(\.1) == [Array("a".utf8), [], Array("b@c.d".utf8)])
    }

    /// A line over the limit stops the split with a problem naming it; every line before it is in a chunk.
    @Test(arguments: [false, true])
    func aLineOverTheLimitLeavesTheLinesBeforeIt(crlf: Bool) throws {
        var random = SplitMix64(seed: 3)
        for _ in 0..<10 {
            let (head, expected) = Self.body(lines: Int.random(in: 0...1_500, using: &random), using: &random)
            // Exactly at the limit is allowed (the CR does not count); one more byte is not.
            let body =
                head + [UInt8](repeating: 0x61, count: 100) + (crlf ? [0x0D, 0x0A] : [0x0A])
                + [UInt8](repeating: 0x62, count: 101) + Array("\nnever\n".utf8)
            var configuration = ServerConfiguration()
            configuration.batchLineLimit = 100
            var splitter = BatchSplitter(configuration: configuration)
            var chunks: [BatchChunk] = []
            var failure: Problem?
            var start = 0
            while start < body.count {
                let end = min(body.count, start + Int.random(in: 1...3_000, using: &random))
                do {
                    try splitter.feed(ByteBuffer(bytes: body[start..<end]))
                } catch let problem as Problem {
                    failure = problem
                    break
                }
                chunks += splitter.takeReady()
                start = end
            }
            // What the route does after a problem.
            chunks += splitter.takeReady()
            if let partial = splitter.flush() { chunks.append(partial) }
            #expect(failure?.kind == .lineTooLong)
            #expect(failure?.detail.contains("Line \(expected.count + 2) ") == true, "\(String(describing: failure))")
            let lines = Self.lines(of: chunks)
            #expect(lines.map(\.0) == Array(1...(expected.count + 1)))
            #expect(lines.map(\.1) == expected + [[UInt8](repeating: 0x61, count: 100)])
        }
    }

    /// The CR of a CRLF line at the limit is not part of the line, also when a piece ends between the CR and LF.
    @Test func aCRAtTheEndOfAPieceDoesNotCountTowardsTheLimit() throws {
        var configuration = ServerConfiguration()
        configuration.batchLineLimit = 10
        var splitter = BatchSplitter(configuration: configuration)
        try splitter.feed(ByteBuffer(bytes: Array("0123456789\r".utf8)))
        try splitter.feed(ByteBuffer(bytes: Array("\nabc".utf8)))
        var chunks = splitter.takeReady()
        if let last = splitter.finish() { chunks.append(last) }
        let lines = Self.lines(of: chunks)
        #expect(lines.map(\.0) == [1, 2])
        #expect(lines.map(\.1) == [Array("0123456789".utf8), Array("abc".utf8)])
    }
}

/// A fast generator with a fixed seed (SplitMix64), so that a failure can be run again as it was.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
