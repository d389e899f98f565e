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
        #expect(JIDEscaping.unescape(address: example.1).text == example.0)
        // Every escaped example is a valid JID.
        #expect(JID.parse(example.1).isValid)
    }

    /// XEP-0106 §5.1: partial sequences and sequences for other characters are left alone both ways.
    @Test(arguments: ["\\2plus\\2is\\4", "foo\\bar", "foob\\41r", "\\2F", "\\5C"])
    func leavesOtherSequencesAlone(_ text: String) throws {
        #expect(try JIDEscaping.escape(localpart: text) == text)
        #expect(JIDEscaping.unescape(localpart: text) == .init(text: text, warning: nil))
    }

    @Test func wvAddressExampleFromTheXEP() throws {
        // §5.2: wv:\3and\2is\5cool@example.com becomes \5c3and\2is\5c5cool@example.com.
        #expect(
            try JIDEscaping.escape(address: "\\3and\\2is\\5cool@example.com") == "\\5c3and\\2is\\5c5cool@example.com")
        #expect(
            JIDEscaping.unescape(address: "\\5c3and\\2is\\5c5cool@example.com").text == "\\3and\\2is\\5cool@example.com"
        )
    }

    @Test(arguments: [" space", "space ", " "])
    func leadingOrTrailingSpaceCannotBeEscaped(_ localpart: String) {
        #expect(throws: JIDEscaping.Failure.self) { try JIDEscaping.escape(localpart: localpart) }
    }

    /// Unescaping is a display function (XEP-0106 §4): a localpart that begins or ends with `\20`, which escaping
    /// never makes, is still shown, with its space, and a warning.
    @Test(arguments: [("\\20space", " space"), ("space\\20", "space "), ("\\20", " ")])
    func leadingOrTrailingEscapedSpaceIsShownWithAWarning(_ example: (String, String)) {
        let result = JIDEscaping.unescape(localpart: example.0)
        #expect(result.text == example.1)
        #expect(result.warning?.code == "escaping.leading-or-trailing-space")
        let address = JIDEscaping.unescape(address: example.0 + "@example.com/r")
        #expect(address.text == example.1 + "@example.com/r")
        #expect(address.warning?.code == "escaping.leading-or-trailing-space")
        #expect(JIDEscaping.unescape(address: "a\\20b@example.com").warning == nil)
    }

    /// Found by a peer project's tests: escaping an address must not take the `@` of the resourcepart for the
    /// one before the domain; a `/` or `@` typed in the localpart is still escaped.
    @Test func theResourcepartKeepsItsAt() throws {
        #expect(
            try JIDEscaping.escape(address: "room@conference.example/user@host") == "room@conference.example/user@host")
        #expect(
            try JIDEscaping.escape(address: "space cadet@example.com/desk@home")
                == "space\\20cadet@example.com/desk@home")
        #expect(try JIDEscaping.escape(address: "user@host@example.com/a@b") == "user\\40host@example.com/a@b")
        #expect(try JIDEscaping.escape(address: "/.fanboy@example.com/r") == "\\2f.fanboy@example.com/r")
        #expect(try JIDEscaping.escape(address: "no domain here") == "no\\20domain\\20here")
        let escaped = try JIDEscaping.escape(address: "d'art@example.com/user@host")
        #expect(JID.parse(escaped).jid?.resourcepart == "user@host")
    }

    @Test func escapingWorksScalarByScalarEvenNextToCombiningMarks() throws {
        #expect(try JIDEscaping.escape(localpart: "a@\u{301}b") == "a\\40\u{301}b")
    }

    @Test func unescapingOnlyTouchesTheLocalpart() throws {
        #expect(JIDEscaping.unescape(address: "a\\20b@example.com/c\\20d").text == "a b@example.com/c\\20d")
        #expect(JIDEscaping.unescape(address: "example.com/a\\20b").text == "example.com/a\\20b")
    }
}
