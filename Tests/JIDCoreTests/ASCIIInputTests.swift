import JIDCorpus
import Testing

@testable import JIDCore

/// `parse(utf8:)` takes plain ASCII input without UTF-8 validation: the test must see every high byte, in the
/// eight-byte steps and in the tail, and the results must be those of the validating path.
@Suite struct ASCIIInputTests {
    @Test func everyHighByteIsSeenWhereverItIs() {
        for length in 0..<40 {
            let ascii = [UInt8]((0..<length).map { UInt8(0x20 + $0 % 0x5F) })
            #expect(ascii.withUnsafeBufferPointer { JIDParser.isASCII($0) }, "\(length)")
            for position in 0..<length {
                for high: UInt8 in [0x80, 0xC3, 0xFF] {
                    var bytes = ascii
                    bytes[position] = high
                    #expect(!bytes.withUnsafeBufferPointer { JIDParser.isASCII($0) }, "\(length) \(position)")
                }
            }
        }
    }

    @Test func bytesAndStringsGiveTheSameResults() {
        var corpus = JIDCorpus(seed: 22)
        var edges = JIDCorpus(seed: 22, mix: .asciiEdgeCases)
        for address in corpus.make(20_000) + edges.make(20_000) {
            #expect(JID.parse(utf8: Array(address.utf8)).json == JID.parse(address).json, "\(address)")
        }
    }
}

/// The UTF-8 check that replaced `String(validating:as:)` on the parser's input decides as it does.
@Suite struct UTF8ValidationTests {
    static func agrees(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { UnicodeText.isValidUTF8($0) }
            == (String(validating: bytes, as: UTF8.self) != nil)
    }

    @Test func everySequenceOfOneAndTwoBytesAndEveryLeadOfLongerOnes() {
        var differences: [[UInt8]] = []
        for first in 0...255 {
            for second in 0...255 {
                let pair = [UInt8(first), UInt8(second)]
                if !Self.agrees(pair) || !Self.agrees([UInt8(first)]) { differences.append(pair) }
                // Every lead and second byte with continuation bytes after, cut short and whole.
                for tail in [[UInt8](), [0x80], [0xBF, 0x80], [0x80, 0x80], [0x41], [0x80, 0x41], [0xC0, 0x80]]
                where !Self.agrees(pair + tail) {
                    differences.append(pair + tail)
                }
            }
        }
        #expect(differences.isEmpty, "\(differences.count) differ: \(differences.prefix(5))")
    }

    @Test func randomStringsAndTheCorpora() {
        var state: UInt64 = 0x0DDB_1A5E
        var differences: [[UInt8]] = []
        for _ in 0..<200_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            var bytes: [UInt8] = []
            for shift in stride(from: 0, to: Int(state >> 61) * 8 + 8, by: 8) {
                let byte = UInt8(truncatingIfNeeded: state >> UInt64(shift % 64))
                bytes.append(shift % 16 == 0 ? byte | 0x80 : byte)
            }
            if !Self.agrees(bytes) { differences.append(bytes) }
        }
        var corpus = JIDCorpus(seed: 31, mix: .nonASCII)
        for address in corpus.make(5_000) where !Self.agrees(Array(address.utf8)) {
            differences.append(Array(address.utf8))
        }
        #expect(differences.isEmpty, "\(differences.count) differ: \(differences.prefix(5))")
    }
}
