import JIDCorpus
import Testing

@testable import JIDCore

/// The ASCII fast paths must give byte-identical results to the general path.
@Suite struct FastPathEquivalenceTests {
    static func compare(_ inputs: [String]) -> [String] {
        var differences: [String] = []
        for input in inputs {
            let fast = JIDParser.standard.parse(input).json
            let general = ReferenceJIDParser.standard.parse(input).json
            if fast != general { differences.append("\(input.debugDescription): \(fast) vs \(general)") }
        }
        return differences
    }

    @Test func mixedCorpusOf50000AddressesIsIdentical() {
        var corpus = JIDCorpus(seed: 1, mix: .mixed)
        let differences = Self.compare(corpus.make(50_000))
        #expect(differences.isEmpty, "\(differences.count) differ: \(differences.prefix(5))")
    }

    /// The validity-only lane (`jid check --count`): `JID.isValid(utf8:)` says what the general path's result says,
    /// and the whole-address lane's check without its strings takes exactly the addresses the lane takes.
    @Test func validityWithoutTheResultIsTheGeneralPaths() {
        var mixed = JIDCorpus(seed: 11, mix: .mixed)
        var nonASCII = JIDCorpus(seed: 12, mix: .nonASCII)
        var edges = JIDCorpus(seed: 13, mix: .asciiEdgeCases)
        var bestCase = JIDCorpus(seed: 14, mix: .bestCase)
        let inputs =
            mixed.make(30_000) + nonASCII.make(20_000) + edges.make(30_000) + bestCase.make(5_000)
            + [
                "a@b", "a@b.", "@b", "a@", "a@b/", "a@-b", "a@b-", "a@1.2.3.4", "a@ab--cd",
                String(repeating: "a", count: 64),
            ]
        var differences: [String] = []
        var taken = 0
        var takenByParts = 0
        // Twice over, so that the second pass finds internationalized domains in the memo.
        for input in inputs + inputs {
            Array(input.utf8).withUnsafeBufferPointer { bytes in
                let general = ReferenceJIDParser.standard.parse(input).isValid
                let lane = JIDParser.plainASCIIAddress(bytes, input: input) != nil
                if lane { taken += 1 }
                let (at, slash) = JIDParser.delimiters(bytes)
                if !lane && UnicodeText.isValidUTF8(bytes) && FastLanes.takesParts(bytes, at: at, slash: slash) {
                    takenByParts += 1
                    if !general { differences.append("parts: " + input.debugDescription) }
                }
                if JID.isValid(utf8: bytes) != general || JIDParser.isPlainASCIIAddress(bytes) != lane {
                    differences.append(input.debugDescription)
                }
            }
        }
        #expect(differences.isEmpty, "\(differences.count) differ: \(differences.prefix(5))")
        #expect(taken > 40_000)
        #expect(takenByParts > 10_000)
    }

    /// The JID result object written from the bytes of an address a whole-address lane takes (`jid check --json`,
    /// `/v1/batch`) is the general path's, byte for byte; nothing is written for an address neither takes. The ASCII
    /// lane takes exactly what `plainASCIIAddress` takes; the stable lane takes non-ASCII addresses too, and ASCII
    /// ones with a domain from the memo. Twice over the corpora, so the second pass finds internationalized domains
    /// in the memo.
    @Test func resultObjectsWrittenFromBytesAreTheGeneralPaths() {
        var mixed = JIDCorpus(seed: 21, mix: .mixed)
        var edges = JIDCorpus(seed: 22, mix: .asciiEdgeCases)
        var nonASCII = JIDCorpus(seed: 23, mix: .nonASCII)
        var differences: [String] = []
        var writtenASCII = 0
        var writtenNonASCII = 0
        var writtenEscaped = 0
        var scratch: [UInt8] = []
        // Quotes and backslashes (in a localpart or a resourcepart) are escaped; lines without them are copied.
        let escaping = [
            #"a\b@example.com"#, #"juliet@example.com/"quoted""#, #"juliet@example.com/back\slash"#,
            #"x@y.example/a"b\c"#, #"Ju\liet@Example.COM/Bal"cony"#, #"romeo@example.net/\"#,
            #"romeo@example.net/""#, #"\\\\\\\\@example.net/"""""""""#, #"Jösé\@bücher.example/"Ä""#,
            "jösé@bücher.example/tab\tin", "jösé@BÜCHER.example", "jösé@xn--bcher-kva.example/R",
        ]
        let inputs = mixed.make(30_000) + edges.make(30_000) + nonASCII.make(20_000) + escaping
        for input in inputs + inputs {
            Array(input.utf8).withUnsafeBufferPointer { bytes in
                var writer = JSONWriter()
                let wrote = JIDResult.writeFromBytes(bytes, scratch: &scratch, to: &writer)
                let asciiLane = JIDParser.plainASCIIAddress(bytes, input: input) != nil
                if wrote && JIDParser.isASCII(bytes) { writtenASCII += 1 }
                if wrote && !JIDParser.isASCII(bytes) { writtenNonASCII += 1 }
                if wrote && !JSONWriter.needsNoEscaping(bytes) { writtenEscaped += 1 }
                // What the callers do next, which keeps the domains it computes in the memo.
                if !wrote { _ = JID.parse(utf8: bytes) }
                if (asciiLane && !wrote) || (wrote && writer.text != ReferenceJIDParser.standard.parse(input).json)
                    || (!wrote && !writer.bytes.isEmpty)
                {
                    differences.append(input.debugDescription)
                }
            }
        }
        #expect(differences.isEmpty, "\(differences.count) differ: \(differences.prefix(5))")
        #expect(writtenASCII > 40_000)
        #expect(writtenNonASCII > 10_000)
        #expect(writtenEscaped >= 2 * 8)
    }

    /// RFC 6122 in both modes: the ASCII shortcuts and the per-thread domain memo against the general path,
    /// twice over the corpora, so the second pass answers repeated domains from the memo.
    @Test(arguments: StringprepMode.allCases)
    func legacyFastPathsAreIdentical(mode: StringprepMode) {
        let fast = LegacyJIDParser(mode: mode)
        let general = LegacyAddressParser<GeneralPathOnly>(mode: mode)
        var mixed = JIDCorpus(seed: 3, mix: .mixed)
        var nonASCII = JIDCorpus(seed: 4, mix: .nonASCII)
        var edges = JIDCorpus(seed: 5, mix: .asciiEdgeCases)
        let inputs = mixed.make(20_000) + nonASCII.make(20_000) + edges.make(10_000)
        var differences: [String] = []
        for input in inputs + inputs where fast.parse(input).json != general.parse(input).json {
            differences.append("\(input.debugDescription): \(fast.parse(input).json) vs \(general.parse(input).json)")
        }
        #expect(differences.isEmpty, "\(differences.count) differ: \(differences.prefix(5))")
    }

    /// Every upper-case letter the localpart fast path lowers itself, alone, between ASCII letters, next to
    /// another such letter and after a Greek capital sigma (whose lower case depends on context), against the
    /// general path.
    @Test func everyStablyLowercasedLetterIsIdentical() throws {
        let codePoints = PrecisDerivedProperties.shared.stablyLowercasedCodePoints
        // Latin, Greek, Cyrillic, Armenian, Georgian, Cherokee, Glagolitic, Deseret, ... : well over a thousand.
        #expect(codePoints.count > 1000)
        #expect(codePoints.contains(0xC9) && codePoints.contains(0x414) && !codePoints.contains(0x3A3))
        var inputs: [String] = []
        for (index, codePoint) in codePoints.enumerated() {
            let letter = String(try #require(Unicode.Scalar(codePoint)))
            let next = String(Unicode.Scalar(codePoints[(index + 1) % codePoints.count])!)
            inputs += [
                "\(letter)@example.com", "a\(letter)Z@example.com/R", "\(letter)\(next)@example.com",
                "\u{3A3}\(letter)@example.com", "\(letter)\u{3A3}@example.com",
            ]
        }
        let differences = Self.compare(inputs)
        #expect(differences.isEmpty, "\(differences.count) differ: \(differences.prefix(5))")
    }

    /// The byte-parallel tests (address split, ASCII domain fast path) against byte-by-byte ones: every byte at
    /// every position of a word, among neighbours of every value (carries between bytes would show here). The
    /// range tests are specified for ASCII words only; equality and the LDH test for any bytes.
    @Test func byteWordTestsAreExactForEveryByteAndNeighbour() {
        var failures: [String] = []
        for byte in UInt8(0)...0xFF {
            for neighbour in UInt8(0)...0xFF {
                for position in 0..<8 {
                    var word = ByteWord.ones &* UInt64(neighbour)
                    word = word & ~(0xFF << (8 * position)) | UInt64(byte) << (8 * position)
                    var expected: [UInt8: UInt64] = [:]
                    var expectedUpper: UInt64 = 0
                    var allowed = true
                    var lowered: UInt64 = 0
                    var expectedEscapes: UInt64 = 0
                    for index in 0..<8 {
                        let value = UInt8(truncatingIfNeeded: word >> (8 * index))
                        let high = UInt64(0x80) << (8 * index)
                        expected[value, default: 0] |= high
                        if (0x41...0x5A).contains(value) { expectedUpper |= high }
                        if value < 0x20 || value == 0x22 || value == 0x5C { expectedEscapes |= high }
                        let isLDHOrDot =
                            (0x61...0x7A).contains(value) || (0x41...0x5A).contains(value)
                            || (0x30...0x39).contains(value) || value == 0x2D || value == 0x2E
                        allowed = allowed && isLDHOrDot
                        let lower = (0x41...0x5A).contains(value) ? value | 0x20 : value
                        lowered |= UInt64(lower) << (8 * index)
                    }
                    var wrong = false
                    for probe: UInt8 in [0x2F, 0x40, 0x2E, 0x2D, 0x00, 0x80, byte, neighbour]
                    where ByteWord.bytes(equalTo: probe, word) != expected[probe, default: 0] {
                        wrong = true
                    }
                    let result = ByteWord.ldhLowered(word)
                    if (result == nil) == allowed
                        || (allowed && (result?.lowered != lowered || result?.dots != expected[0x2E, default: 0]))
                    {
                        wrong = true
                    }
                    if byte < 0x80 && neighbour < 0x80 && ByteWord.bytes(in: 0x41...0x5A, word) != expectedUpper {
                        wrong = true
                    }
                    if ByteWord.needsJSONEscape(word) != expectedEscapes { wrong = true }
                    if wrong { failures.append(String(word, radix: 16)) }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) words: \(failures.prefix(5))")
    }

    @Test func asciiEdgeCasesOf50000StringsAreIdentical() {
        var corpus = JIDCorpus(seed: 2, mix: .asciiEdgeCases)
        let differences = Self.compare(corpus.make(50_000))
        #expect(differences.isEmpty, "\(differences.count) differ: \(differences.prefix(5))")
    }

    /// Random parts over many scripts and categories, so the non-ASCII fast paths (stable code points) meet
    /// every kind of character the general path handles: marks, jamo, right-to-left text, spaces, symbols,
    /// compatibility and case-mapped characters.
    @Test func randomUnicodeAddressesAreIdentical() {
        var state: UInt64 = 0xC0FFEE
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let ranges: [ClosedRange<UInt32>] = [
            0x61...0x7A, 0x41...0x5A, 0x30...0x39, 0xC0...0x24F, 0x300...0x36F, 0x370...0x3FF, 0x400...0x4FF,
            0x590...0x5FF, 0x600...0x6FF, 0x900...0x97F, 0x1100...0x11FF, 0x2000...0x206F, 0x2100...0x218F,
            0x3000...0x30FF, 0x4E00...0x4E80, 0xAC00...0xAC80, 0xFF00...0xFFEF, 0x1D400...0x1D4FF,
            0x1F300...0x1F64F, 0x10000...0x1007F, 0xE000...0xE010,
        ]
        let specials: [UInt32] = [
            0x3A3, 0x3C2, 0x3C3, 0x130, 0xDF, 0x2126, 0x212A, 0x200C, 0x200D, 0xB7, 0xA0, 0x20, 0x40,
        ]
        func part() -> String {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<(1 + Int(next() % 8)) {
                let value: UInt32
                if next() % 5 == 0 {
                    value = specials[Int(next() % UInt64(specials.count))]
                } else {
                    let range = ranges[Int(next() % UInt64(ranges.count))]
                    value = range.lowerBound + UInt32(next() % UInt64(range.count))
                }
                if let scalar = Unicode.Scalar(value), value != 0x2F, value != 0x40 || next() % 4 == 0 {
                    scalars.append(scalar)
                }
            }
            return String(scalars)
        }
        let domains = ["example.com", "bücher.de", "пример.рф", "例え.jp"]
        var inputs: [String] = []
        for _ in 0..<100_000 {
            inputs.append(part() + "@" + domains[Int(next() % 4)] + "/" + part())
        }
        let differences = Self.compare(inputs)
        #expect(differences.isEmpty, "\(differences.count) differ: \(differences.prefix(5))")
    }
}
