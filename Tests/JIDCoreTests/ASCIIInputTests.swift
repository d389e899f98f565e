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
