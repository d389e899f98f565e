/// A strict RFC 8259 check of a request body, in one pass, before any value is read from it.
///
/// Foundation's parser is lenient where this service must not be: it accepts trailing commas, and guesses UTF-16
/// and UTF-32 from the first bytes, which let a body skip the checks below. This validator accepts exactly the
/// JSON-text grammar of RFC 8259 §2–7 over UTF-8 (the caller has already checked that the bytes are UTF-8), and
/// also refuses what RFC 8259 leaves to the receiver but makes an address ambiguous: a `\u` escape that is a lone
/// surrogate (§8.2) and a name that appears twice in one object (§4).
enum JSONValidator {
    /// Why a body is refused.
    enum Failure: Error, Equatable {
        /// A UTF-8 byte order mark, or the NUL bytes of UTF-16 or UTF-32 text (RFC 8259 §8.1 asks for UTF-8).
        case notUTF8JSON
        /// Not JSON at this byte offset; `expected` says what would have been.
        case syntax(offset: Int, expected: String)
        /// A `\uD800`–`\uDFFF` escape without its pair, at this byte offset.
        case loneSurrogate(offset: Int)
        /// An object with this name twice.
        case duplicateKey(String)
        /// Arrays and objects nested deeper than ``maximumDepth``.
        case tooDeep
    }

    /// Deepest nesting accepted (as deep as Foundation's parser goes); deeper bodies are refused as malformed.
    static let maximumDepth = 512

    static func validate(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) || bytes.contains(0) { throw .notUTF8JSON }
        var parser = Parser(bytes: bytes)
        parser.skipWhitespace()
        try parser.value(depth: 0)
        parser.skipWhitespace()
        if parser.index < bytes.count { throw .syntax(offset: parser.index, expected: "the end of the body") }
    }

    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipWhitespace() {
            while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
        }

        mutating func expect(_ byte: UInt8, _ description: String) throws(Failure) {
            guard current == byte else { throw .syntax(offset: index, expected: description) }
            index += 1
        }

        mutating func value(depth: Int) throws(Failure) {
            guard depth < JSONValidator.maximumDepth else { throw .tooDeep }
            guard let byte = current else { throw .syntax(offset: index, expected: "a value") }
            switch byte {
            case UInt8(ascii: "{"): try object(depth: depth + 1)
            case UInt8(ascii: "["): try array(depth: depth + 1)
            case UInt8(ascii: "\""): _ = try string(collect: false)
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
            default: throw .syntax(offset: index, expected: "a value")
            }
        }

        mutating func literal(_ word: StaticString) throws(Failure) {
            let start = index
            for byte in UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount) {
                guard current == byte else { throw .syntax(offset: start, expected: "a value") }
                index += 1
            }
        }

        /// RFC 8259 §6: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
        mutating func number() throws(Failure) {
            if current == UInt8(ascii: "-") { index += 1 }
            if current == UInt8(ascii: "0") {
                index += 1
            } else {
                try digits()
            }
            if current == UInt8(ascii: ".") {
                index += 1
                try digits()
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                index += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
                try digits()
            }
        }

        mutating func digits() throws(Failure) {
            let start = index
            while let byte = current, byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") { index += 1 }
            if index == start { throw .syntax(offset: start, expected: "a digit") }
        }

        mutating func array(depth: Int) throws(Failure) {
            index += 1
            skipWhitespace()
            if current == UInt8(ascii: "]") {
                index += 1
                return
            }
            while true {
                skipWhitespace()
                try value(depth: depth)
                skipWhitespace()
                if current == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                try expect(UInt8(ascii: "]"), "',' or ']'")
                return
            }
        }

        mutating func object(depth: Int) throws(Failure) {
            index += 1
            skipWhitespace()
            if current == UInt8(ascii: "}") {
                index += 1
                return
            }
            var names = Set<[UInt8]>()
            while true {
                skipWhitespace()
                guard current == UInt8(ascii: "\"") else { throw .syntax(offset: index, expected: "a name in quotes") }
                let name = try string(collect: true)
                if !names.insert(name).inserted { throw .duplicateKey(String(decoding: name, as: UTF8.self)) }
                skipWhitespace()
                try expect(UInt8(ascii: ":"), "':'")
                skipWhitespace()
                try value(depth: depth)
                skipWhitespace()
                if current == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                try expect(UInt8(ascii: "}"), "',' or '}'")
                return
            }
        }

        /// A string (RFC 8259 §7); with `collect`, its value as UTF-8 (used for names, which are short).
        mutating func string(collect: Bool) throws(Failure) -> [UInt8] {
            index += 1
            var value: [UInt8] = []
            while true {
                guard let byte = current else { throw .syntax(offset: index, expected: "a closing quote") }
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    return value
                case UInt8(ascii: "\\"):
                    let start = index
                    index += 1
                    guard let escape = current else { throw .syntax(offset: index, expected: "an escape") }
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"):
                        if collect { value.append(escape) }
                    case UInt8(ascii: "b"): if collect { value.append(0x08) }
                    case UInt8(ascii: "f"): if collect { value.append(0x0C) }
                    case UInt8(ascii: "n"): if collect { value.append(0x0A) }
                    case UInt8(ascii: "r"): if collect { value.append(0x0D) }
                    case UInt8(ascii: "t"): if collect { value.append(0x09) }
                    case UInt8(ascii: "u"):
                        var unit = try hex4()
                        if (0xDC00...0xDFFF).contains(unit) { throw .loneSurrogate(offset: start) }
                        if (0xD800...0xDBFF).contains(unit) {
                            guard current == UInt8(ascii: "\\"), index + 1 < bytes.count,
                                bytes[index + 1] == UInt8(ascii: "u")
                            else { throw .loneSurrogate(offset: start) }
                            index += 2
                            let low = try hex4()
                            guard (0xDC00...0xDFFF).contains(low) else { throw .loneSurrogate(offset: start) }
                            unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                        }
                        if collect, let scalar = Unicode.Scalar(unit) {
                            value.append(contentsOf: Array(String(scalar).utf8))
                        }
                    default:
                        throw .syntax(
                            offset: start, expected: "one of the escapes \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u")
                    }
                case 0x00..<0x20:
                    throw .syntax(offset: index, expected: "a control character written as an escape")
                default:
                    if collect { value.append(byte) }
                    index += 1
                }
            }
        }

        mutating func hex4() throws(Failure) -> UInt32 {
            var unit: UInt32 = 0
            for _ in 0..<4 {
                guard let byte = current, let digit = JIDRoutes.hexValue(byte) else {
                    throw .syntax(offset: index, expected: "four hex digits")
                }
                unit = unit << 4 | UInt32(digit)
                index += 1
            }
            return unit
        }
    }
}
