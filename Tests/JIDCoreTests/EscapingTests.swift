import Testing

@testable import JIDCore

@Suite struct EscapingTests {
    /// XEP-0106 §6.1 Table: user input, escaped JID (client display equals the input).
    static let nativeExamples: [(String, String)] = [
        ("space cadet@example.com", "space\\20cadet@example.com"),
        ("call me \"ishmael\"@example.com", "call\\20me\\20\\22ishmael\\22@example.com"),
        ("at&t guy@example.com", "at\\26t\\20guy@example.com"),
        ("d'artagnan@example.com", "d\\27artagnan@example.com"),
        ("/.fanboy@example.com", "\\2f.fanboy@example.com"),
        ("::foo::@example.com", "\\3a\\3afoo\\3a\\3a@example.com"),
        ("<foo>@example.com", "\\3cfoo\\3e@example.com"),
        ("user@host@example.com", "user\\40host@example.com"),
        ("c:\\net@example.com", "c\\3a\\net@example.com"),
        ("c:\\\\net@example.com", "c\\3a\\\\net@example.com"),
        ("c:\\cool stuff@example.com", "c\\3a\\cool\\20stuff@example.com"),
        ("c:\\5commas@example.com", "c\\3a\\5c5commas@example.com"),
    ]

    @Test(arguments: nativeExamples)
    func escapesAndUnescapesTheXEPExamples(_ example: (String, String)) throws {
        #expect(try JIDEscaping.escape(address: example.0) == example.1)
        #expect(try JIDEscaping.unescape(address: example.1) == example.0)
        // Every escaped example is a valid JID.
        #expect(JID.parse(example.1).isValid)
    }

    /// XEP-0106 §5.1: partial sequences and sequences for other characters are left alone both ways.
    @Test(arguments: ["\\2plus\\2is\\4", "foo\\bar", "foob\\41r", "\\2F", "\\5C"])
    func leavesOtherSequencesAlone(_ text: String) throws {
        #expect(try JIDEscaping.escape(localpart: text) == text)
        #expect(try JIDEscaping.unescape(localpart: text) == text)
    }

    @Test func wvAddressExampleFromTheXEP() throws {
        // §5.2: wv:\3and\2is\5cool@example.com becomes \5c3and\2is\5c5cool@example.com.
        #expect(
            try JIDEscaping.escape(address: "\\3and\\2is\\5cool@example.com") == "\\5c3and\\2is\\5c5cool@example.com")
        #expect(
            try JIDEscaping.unescape(address: "\\5c3and\\2is\\5c5cool@example.com") == "\\3and\\2is\\5cool@example.com")
    }

    @Test(arguments: [" space", "space ", " "])
    func leadingOrTrailingSpaceCannotBeEscaped(_ localpart: String) {
        #expect(throws: JIDEscaping.Failure.self) { try JIDEscaping.escape(localpart: localpart) }
    }

    @Test(arguments: ["\\20space", "space\\20"])
    func leadingOrTrailingEscapedSpaceIsRefused(_ localpart: String) {
        #expect(throws: JIDEscaping.Failure.self) { try JIDEscaping.unescape(localpart: localpart) }
    }

    @Test func escapingWorksScalarByScalarEvenNextToCombiningMarks() throws {
        #expect(try JIDEscaping.escape(localpart: "a@\u{301}b") == "a\\40\u{301}b")
    }

    @Test func unescapingOnlyTouchesTheLocalpart() throws {
        #expect(try JIDEscaping.unescape(address: "a\\20b@example.com/c\\20d") == "a b@example.com/c\\20d")
        #expect(try JIDEscaping.unescape(address: "example.com/a\\20b") == "example.com/a\\20b")
    }
}
