/// XEP-0106 JID Escaping: writing the characters RFC 7622 §3.3.1 excludes from localparts as `\xx` sequences.
public enum JIDEscaping {
    /// Why a string cannot be escaped or unescaped.
    public struct Failure: Error, Sendable, Hashable {
        /// Stable code: `escaping.leading-or-trailing-space`.
        public let code: String
        /// A sentence for the user.
        public let message: String
    }

    /// XEP-0106 §3: each character and the two lower-case hex digits of its escape.
    static let table: [(scalar: UInt8, hex: String)] = [
        (0x20, "20"), (0x22, "22"), (0x26, "26"), (0x27, "27"), (0x2F, "2f"), (0x3A, "3a"), (0x3C, "3c"),
        (0x3E, "3e"), (0x40, "40"), (0x5C, "5c"),
    ]

    /// For each ASCII byte, its two hex digits as UTF-8 if it is one of the ten, else (0, 0).
    private static let hexDigits: [(UInt8, UInt8)] = {
        var digits = [(UInt8, UInt8)](repeating: (0, 0), count: 0x80)
        for entry in table {
            let hex = Array(entry.hex.utf8)
            digits[Int(entry.scalar)] = (hex[0], hex[1])
        }
        return digits
    }()

    /// Whether `first` and `second` are the hex digits of one of the ten escape sequences.
    private static func isEscapeHex(_ first: UInt8, _ second: UInt8) -> Bool {
        first != 0 && hexDigits.contains { $0.0 == first && $0.1 == second }
    }

    /// The character an escape sequence's two hex digits stand for, if they are one of the ten.
    private static func unescaped(_ scalars: [Unicode.Scalar], at index: Int) -> Unicode.Scalar? {
        guard index + 1 < scalars.count else { return nil }
        let hex = String(String.UnicodeScalarView([scalars[index], scalars[index + 1]]))
        return table.first { $0.hex == hex }.map { Unicode.Scalar($0.scalar) }
    }

    /// Unescaped text for display, and a warning when the escaped form was not one XEP-0106 produces.
    public struct Unescaped: Sendable, Hashable {
        /// The text with the ten sequences unescaped.
        public let text: String
        /// A finding that does not stop the transformation.
        /// `escaping.leading-or-trailing-space` when the localpart begins or ends with `\20` (no escaping makes
        /// that, XEP-0106 §4), nil otherwise.
        public let warning: Failure?

        public init(text: String, warning: Failure?) {
            self.text = text
            self.warning = warning
        }
    }

    private static let leadingTrailingSpace = Failure(
        code: "escaping.leading-or-trailing-space",
        message: "A localpart cannot begin or end with a space, escaped or not (XEP-0106 §4: \\20 is never the first "
            + "or last character of an escaped localpart).")

    /// Escapes a localpart as the user typed it (XEP-0106 §4 and §5).
    ///
    /// Each of `space " & ' / : < > @` becomes its `\xx` sequence; a backslash becomes `\5c` only where it starts
    /// one of the ten escape sequences, so that the result unescapes back to the input (§5.1 rule 6).
    /// - Throws: ``Failure`` if the localpart begins or ends with a space.
    public static func escape(localpart: String) throws(Failure) -> String {
        // Byte by byte: the ten characters are ASCII, and the bytes of other characters are 0x80 or more, so
        // they neither match nor complete an escape sequence.
        let bytes = Array(localpart.utf8)
        if bytes.first == 0x20 || bytes.last == 0x20 { throw leadingTrailingSpace }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 6)
        for (index, byte) in bytes.enumerated() {
            guard byte < 0x80, case let (first, second) = hexDigits[Int(byte)], first != 0,
                byte != 0x5C || (index + 2 < bytes.count && isEscapeHex(bytes[index + 1], bytes[index + 2]))
            else {
                output.append(byte)
                continue
            }
            output.append(0x5C)
            output.append(first)
            output.append(second)
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static let escapedLeadingTrailingSpace = Failure(
        code: "escaping.leading-or-trailing-space",
        message: "The localpart begins or ends with \\20, which no XEP-0106 escaping produces (§4); it is shown "
            + "unescaped all the same, with the space.")

    /// Unescapes a localpart for display (XEP-0106 §4): only the ten specified sequences, each once, left to
    /// right; anything else, including upper-case hex such as `\2F`, is left as it is (§5.1 rule 3).
    ///
    /// Unescaping is a display function, so it always gives text: a localpart that begins or ends with `\20`
    /// (which escaping never makes) is unescaped too, with a warning.
    public static func unescape(localpart: String) -> Unescaped {
        let warning =
            localpart.unicodeScalars.starts(with: "\\20".unicodeScalars)
                || localpart.unicodeScalars.reversed().starts(with: "02\\".unicodeScalars)
            ? escapedLeadingTrailingSpace : nil
        return Unescaped(text: unescapedText(localpart), warning: warning)
    }

    private static func unescapedText(_ localpart: String) -> String {
        let scalars = Array(localpart.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if scalars[index] == "\\", let scalar = unescaped(scalars, at: index + 1) {
                output.append(scalar)
                index += 3
            } else {
                output.append(scalars[index])
                index += 1
            }
        }
        return String(output)
    }

    /// Escapes an address as a user typed it, unescaped: the localpart may then hold `@` and `/` itself, the
    /// domainpart holds neither, and the resourcepart may hold both. The domainpart therefore follows the first
    /// `@` after which no other `@` comes before a `/` or the end: `user@host@example.com` (XEP-0106 §6.1) has
    /// the localpart `user@host`, `/.fanboy@example.com` has `/.fanboy`, and in
    /// `room@conference.example/user@host` the `@` of the resourcepart stays there. Without such an `@` the whole
    /// input is a localpart. Only the localpart changes.
    /// - Throws: ``Failure`` if the localpart begins or ends with a space.
    public static func escape(address: String) throws(Failure) -> String {
        let scalars = Array(address.unicodeScalars)
        var index = 0
        while index < scalars.count {
            guard scalars[index] == "@" else {
                index += 1
                continue
            }
            var end = index + 1
            while end < scalars.count, scalars[end] != "/", scalars[end] != "@" { end += 1 }
            if end < scalars.count, scalars[end] == "@" {
                index = end  // another "@" before any "/": this one belongs to the localpart
                continue
            }
            let localpart = String(String.UnicodeScalarView(scalars[..<index]))
            return try escape(localpart: localpart) + String(String.UnicodeScalarView(scalars[index...]))
        }
        return try escape(localpart: address)
    }

    /// Unescapes the localpart of an address for display; the split follows RFC 7622 §3.1 (first `/`, then
    /// first `@`), as the address is an escaped, valid one.
    public static func unescape(address: String) -> Unescaped {
        let scalars = address.unicodeScalars
        let slash = scalars.firstIndex(of: "/") ?? scalars.endIndex
        guard let at = scalars[..<slash].firstIndex(of: "@") else { return Unescaped(text: address, warning: nil) }
        let localpart = unescape(localpart: String(scalars[..<at]))
        return Unescaped(text: localpart.text + String(scalars[at...]), warning: localpart.warning)
    }
}
