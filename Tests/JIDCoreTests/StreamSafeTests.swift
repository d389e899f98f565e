import CUnicode
import Testing

@testable import JIDCore

/// The Stream-Safe Text Format check (UAX #15 §13) and its prefilter: the prefilter skips texts without a long
/// enough streak of non-ASCII code points, which is only right while no code point adds more than three
/// non-starters to a run.
@Suite struct StreamSafeTests {
    @Test func noCodePointAddsMoreThanThreeNonStartersToARun() {
        var worst: (UInt32, Int32) = (0, 0)
        for value in UInt32(0)...0x10FFFF where !(0xD800...0xDFFF).contains(value) {
            var leading: Int32 = 0
            var trailing: Int32 = 0
            _ = cu_nfkd_nonstarters(value, &leading, &trailing)
            if max(leading, trailing) > worst.1 { worst = (value, max(leading, trailing)) }
        }
        #expect(worst.1 <= 3, "U+\(String(worst.0, radix: 16, uppercase: true)) adds \(worst.1)")
    }

    /// UAX #15 §13 written out plainly, for comparison with the shim.
    static func reference(_ text: String, limit: Int = 30) -> Int? {
        var run = 0
        for (index, scalar) in text.unicodeScalars.enumerated() {
            var leading: Int32 = 0
            var trailing: Int32 = 0
            let count = cu_nfkd_nonstarters(scalar.value, &leading, &trailing)
            run += Int(leading)
            if run > limit { return index }
            if leading != count { run = Int(trailing) }
        }
        return nil
    }

    static func shim(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        var index: Int32 = 0
        let offset = bytes.withUnsafeBufferPointer {
            cu_stream_safe_violation($0.baseAddress, Int32($0.count), 30, &index)
        }
        return offset < 0 ? nil : Int(index)
    }

    @Test func theShimWithItsPrefilterAgreesWithThePlainRule() {
        let starters: [Unicode.Scalar] = ["a", "@", ".", "\u{1F82}", "\u{1D5}", "é", "ж", "中", "\u{FF21}", "\u{AC00}"]
        let marks: [Unicode.Scalar] = ["\u{301}", "\u{31B}", "\u{323}", "\u{344}", "\u{0F73}", "\u{0F81}", "\u{E0100}"]
        var generator = SystemRandomNumberGenerator()
        var disagreements: [String] = []
        var violations = 0
        for _ in 0..<5_000 {
            // Segments of a starter and up to 24 marks: long runs are common, and so are near misses.
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                text.append(starters.randomElement(using: &generator)!)
                for _ in 0..<Int.random(in: 0...24, using: &generator) {
                    text.append(marks.randomElement(using: &generator)!)
                }
            }
            let string = String(text)
            let expected = Self.reference(string)
            if expected != nil { violations += 1 }
            if Self.shim(string) != expected { disagreements.append(string) }
        }
        #expect(
            disagreements.isEmpty,
            "\(disagreements.prefix(3).map { $0.unicodeScalars.map { String($0.value, radix: 16) } })")
        #expect(violations > 100)
    }
}
