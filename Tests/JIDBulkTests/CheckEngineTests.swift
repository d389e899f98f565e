import JIDBulk
import JIDCore
import JIDCorpus
import Testing

/// `jid check`'s engine: block reads, lines split in place, batches on any number of threads, output in input
/// order — byte for byte what checking each line on its own gives.
@Suite struct CheckEngineTests {
    /// Realistic and edge-case addresses, with an empty line, a CRLF line, a line that is not UTF-8 and a line
    /// longer than any address.
    static let lines: [[UInt8]] = {
        var mixed = JIDCorpus(seed: 7, mix: .mixed)
        var nonASCII = JIDCorpus(seed: 8, mix: .nonASCII)
        var edges = JIDCorpus(seed: 9, mix: .asciiEdgeCases)
        var lines: [[UInt8]] = []
        for index in 0..<6_000 {
            lines.append(Array(mixed.next().utf8))
            if index % 3 == 0 { lines.append(Array(nonASCII.next().utf8)) }
            if index % 5 == 0 { lines.append(Array(edges.next().utf8)) }
        }
        lines.insert([], at: 10)
        lines.insert([0x66, 0xFF, 0x40, 0x78], at: 20)
        lines.insert(Array(repeating: UInt8(ascii: "a"), count: 5_000) + Array("@example.com".utf8), at: 30)
        return lines
    }()
    static let input: [UInt8] = lines.enumerated().flatMap {
        $0.offset == 40 ? $0.element + [0x0D, 0x0A] : $0.element + [0x0A]
    }

    /// Each non-empty line checked on its own through the general path (`JID.parse` of a String when the line is
    /// UTF-8), as JSON Lines, and the totals.
    static func expected(domain: String? = nil) -> (json: [UInt8], totals: CheckEngine.Totals) {
        var json: [UInt8] = []
        var totals = CheckEngine.Totals()
        for line in lines where !line.isEmpty {
            let kept = Array(line.prefix(LineSplitter.maximumKept))
            let result: JIDResult
            if let text = String(validating: kept, as: UTF8.self) {
                result =
                    domain.map { JID.parse(localpart: text, domainpart: $0, resourcepart: nil) } ?? JID.parse(text)
            } else {
                result = kept.withUnsafeBufferPointer { CheckEngine.check($0, domain: domain, resource: nil) }
            }
            if result.isValid { totals.valid += 1 } else { totals.invalid += 1 }
            json += Array(result.json.utf8) + [0x0A]
        }
        return (json, totals)
    }

    static func run(_ engine: CheckEngine, input: [UInt8] = input, pieceSize: Int) throws -> (
        [UInt8], CheckEngine.Totals
    ) {
        var output: [UInt8] = []
        let totals = try engine.run(MemorySource(input, pieceSize: pieceSize)) { output += Array($0) }
        return (output, totals)
    }

    @Test(arguments: [1, 2, 3], [7, 1 << 16])
    func jsonIsTheGeneralPathsInInputOrder(threads: Int, pieceSize: Int) throws {
        let expected = Self.expected()
        let (output, totals) = try Self.run(CheckEngine(output: .json, threads: threads), pieceSize: pieceSize)
        #expect(totals == expected.totals)
        #expect(output == expected.json)
    }

    @Test(arguments: [1, 2])
    func countWritesNothingAndCountsTheSame(threads: Int) throws {
        let (output, totals) = try Self.run(CheckEngine(output: .count, threads: threads), pieceSize: 1 << 15)
        #expect(output.isEmpty)
        #expect(totals == Self.expected().totals)
        #expect(totals.valid > 7_000 && totals.invalid > 500)
    }

    @Test func textComesFromTheCallerInOrder() throws {
        let engine = CheckEngine(output: .text({ "\($0.isValid ? "+" : "-") \($0.input)\n" }), threads: 2)
        let (output, _) = try Self.run(engine, pieceSize: 1 << 12)
        let lines = String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(lines.count == Self.lines.count - 1)
        #expect(lines.first == "+ " + String(decoding: Self.lines[0], as: UTF8.self))
    }

    @Test func userNamesAtADomainAreCheckedByTheirParts() throws {
        let input = Array("nick/home\nhenriⅣ\nJuliet\nnick@other\n".utf8)
        let engine = CheckEngine(output: .json, domain: "chat.example", threads: 2)
        let (output, totals) = try Self.run(engine, input: input, pieceSize: 3)
        var expected: [UInt8] = []
        for name in ["nick/home", "henriⅣ", "Juliet", "nick@other"] {
            expected +=
                Array(JID.parse(localpart: name, domainpart: "chat.example", resourcepart: nil).json.utf8) + [0x0A]
        }
        #expect(output == expected)
        #expect(totals.valid == 1 && totals.invalid == 3)
    }

    @Test func aByteOrderMarkAtTheStartIsNotPartOfTheFirstAddress() throws {
        let input: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("juliet@example.com\r\n".utf8)
        let (output, totals) = try Self.run(CheckEngine(output: .json), input: input, pieceSize: 2)
        #expect(totals.valid == 1 && totals.invalid == 0)
        #expect(output == Array(JID.parse("juliet@example.com").json.utf8) + [0x0A])
    }

    struct Refused: Error {}

    @Test(arguments: [1, 2])
    func aFailedWriteStopsTheRun(threads: Int) throws {
        var writes = 0
        #expect(throws: Refused.self) {
            _ = try CheckEngine(output: .json, threads: threads).run(MemorySource(Self.input, pieceSize: 1 << 12)) {
                _ in
                writes += 1
                if writes == 2 { throw Refused() }
            }
        }
        #expect(writes == 2)
    }
}
