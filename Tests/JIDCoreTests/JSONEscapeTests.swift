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
        values += Array(-1_000...100_000)
        // Spread over the whole range (a fixed sequence, so a failure repeats).
        values += (1...10_000).map { Int(bitPattern: UInt($0) &* 0x9E37_79B9_7F4A_7C15) }
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

    /// Bytes copied as they are (keys, text that needs no escaping, serialized JSON) are copied in pieces that
    /// depend on their length: every length up to 64, at every alignment of the output, comes out byte for byte.
    @Test func verbatimCopiesOfEveryLengthAtEveryOffset() {
        var failures: [String] = []
        for length in 0...64 {
            let bytes = (0..<length).map { UInt8(ascii: "a") + UInt8($0 % 26) }
            for offset in 0..<8 {
                let prefix = [UInt8](repeating: UInt8(ascii: "1"), count: offset + 1)
                var writer = JSONWriter()
                writer.beginArray()
                writer.raw(nil, prefix)
                writer.raw(nil, bytes)
                writer.endArray()
                let expected = [UInt8(ascii: "[")] + prefix + [UInt8(ascii: ",")] + bytes + [UInt8(ascii: "]")]
                if writer.bytes != expected { failures.append("length \(length), offset \(offset)") }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) differ: \(failures.prefix(5))")
    }
}

/// The JID result object byte for byte (`JIDResult` in openapi.yaml): keys in order, absent values `null`, written
/// by the general writer and by the whole-address lanes alike (ASCII; stable non-ASCII with the domain from the memo).
@Suite struct JIDResultJSONTests {
    static let valid =
        #"{"input":"Juliet@Example.COM/Balcony","valid":true,"jid":"juliet@example.com/Balcony","#
        + #""bare":"juliet@example.com","localpart":"juliet","domainpart":"example.com","#
        + #""domainAscii":"example.com","resourcepart":"Balcony","errors":[],"warnings":[],"suggestion":null}"#
    static let domainOnly =
        #"{"input":"example.com","valid":true,"jid":"example.com","bare":"example.com","localpart":null,"#
        + #""domainpart":"example.com","domainAscii":"example.com","resourcepart":null,"errors":[],"#
        + #""warnings":[],"suggestion":null}"#
    static let invalid =
        #"{"input":"@example.com","valid":false,"jid":null,"bare":null,"localpart":null,"domainpart":null,"#
        + #""domainAscii":null,"resourcepart":null,"errors":[{"code":"localpart.empty","part":"localpart","#
        + #""offset":0,"codePoint":null,"name":null,"category":null,"message":"The user name before the '@' "#
        + #"is empty; leave out the '@' for a domain-only address.","suggestion":null}],"warnings":[],"#
        + #""suggestion":null}"#
    static let nonASCII =
        #"{"input":"JÖsé@Bücher.Example/Ä \"x\"","valid":true,"jid":"jösé@bücher.example/Ä \"x\"","#
        + #""bare":"jösé@bücher.example","localpart":"jösé","domainpart":"bücher.example","#
        + #""domainAscii":"xn--bcher-kva.example","resourcepart":"Ä \"x\"","errors":[],"warnings":[],"#
        + #""suggestion":null}"#

    @Test(arguments: [
        ("Juliet@Example.COM/Balcony", valid), ("example.com", domainOnly), ("@example.com", invalid),
        (#"JÖsé@Bücher.Example/Ä "x""#, nonASCII),
    ])
    func theResultObjectIsExactly(_ input: String, _ expected: String) {
        // The first parse also leaves the domain in this thread's memo, where the stable lane finds it.
        #expect(JID.parse(input).json == expected)
        var writer = JSONWriter()
        var scratch: [UInt8] = []
        let taken = Array(input.utf8).withUnsafeBufferPointer {
            JIDResult.writeFromBytes($0, scratch: &scratch, to: &writer)
        }
        #expect(taken == (expected != Self.invalid))
        if taken { #expect(writer.text == expected) }
    }

    /// Inside an object (as `/v1/batch` writes it), a result without findings closes its own object only.
    @Test func aResultInsideARecordClosesOnlyItself() {
        var writer = JSONWriter()
        writer.beginObject()
        writer.integer("line", 1)
        JID.parse("example.com").write(to: &writer, key: "result")
        writer.endObject()
        writer.endRecord()
        #expect(writer.text == #"{"line":1,"result":"# + Self.domainOnly + "}\n")
    }
}
