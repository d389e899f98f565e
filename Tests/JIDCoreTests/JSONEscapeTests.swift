import Testing

@testable import JIDCore

/// The JSON writer escapes strings eight bytes at a time: the bytes must be exactly those of escaping byte by byte
/// (RFC 8259 §7), wherever in a string the byte to escape falls.
@Suite struct JSONEscapeTests {
    /// Byte-by-byte escaping, the reference.
    static func reference(_ text: String) -> [UInt8] {
        var output: [UInt8] = [0x22]
        for byte in text.utf8 {
            switch byte {
            case 0x22: output += Array("\\\"".utf8)
            case 0x5C: output += Array("\\\\".utf8)
            case 0x0A: output += Array("\\n".utf8)
            case 0x0D: output += Array("\\r".utf8)
            case 0x09: output += Array("\\t".utf8)
            case 0..<0x20:
                let digits = Array("0123456789abcdef".utf8)
                output += Array("\\u00".utf8) + [digits[Int(byte >> 4)], digits[Int(byte & 0xF)]]
            default: output.append(byte)
            }
        }
        return output + [0x22]
    }

    @Test func everyEscapedCharacterAtEveryPositionOfStringsUpTo40Bytes() {
        let specials: [Character] = [
            "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1}", "\u{1F}", "\u{7F}", "é", "€", "😀", " ",
        ]
        var failures: [String] = []
        for length in 0..<40 {
            for special in specials {
                for position in 0..<max(length, 1) {
                    var characters = Array(repeating: Character("a"), count: length)
                    if length > 0 { characters[position] = special } else { characters = [special] }
                    let text = String(characters)
                    var writer = JSONWriter()
                    writer.string(nil, text)
                    if writer.bytes != Self.reference(text) { failures.append(text.debugDescription) }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) differ: \(failures.prefix(5))")
    }

    /// Integers are written digit by digit into the output: exactly what `String(value)` spells, at the limits
    /// and every power of ten.
    @Test func integersAreWrittenAsSwiftSpellsThem() {
        var values: [Int] = [0, 1, 9, 10, 11, 99, 100, -1, -9, -10, Int.max, Int.min, Int.max - 1, Int.min + 1]
        var power = 1
        for _ in 0..<18 {
            power *= 10
            values += [power - 1, power, power + 1, -power + 1, -power, -power - 1]
        }
        for value in values {
            var writer = JSONWriter()
            writer.beginObject()
            writer.integer("n", value)
            writer.endObject()
            #expect(writer.text == "{\"n\":\(value)}")
        }
    }
}
