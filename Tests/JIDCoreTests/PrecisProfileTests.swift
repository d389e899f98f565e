import Testing

@testable import JIDCore

@Suite struct PrecisProfileTests {
    /// RFC 8266 §3 Table 1: nicknames and their output for comparison.
    static let nicknameExamples: [(String, String)] = [
        ("Foo", "foo"), ("foo", "foo"), ("Foo Bar", "foo bar"), ("foo bar", "foo bar"), ("Σ", "σ"), ("σ", "σ"),
        ("ς", "ς"), ("ϔ", "ϋ"), ("∞", "∞"), ("Richard Ⅳ", "richard iv"),
    ]

    @Test(arguments: nicknameExamples)
    func nicknameComparisonForms(_ example: (String, String)) throws {
        #expect(try PrecisProfile.nickname.comparisonForm(example.0) == example.1)
    }

    @Test func nicknameComparisonMatchesSigmasAsTheRFCSays() throws {
        #expect(try PrecisProfile.nickname.compare("Σ", "σ"))
        #expect(try !PrecisProfile.nickname.compare("Σ", "ς"))
        #expect(try !PrecisProfile.nickname.compare("σ", "ς"))
    }

    @Test func nicknameEnforcementKeepsCaseAndCollapsesSpaces() throws {
        #expect(try PrecisProfile.nickname.enforce("  Swan  of\u{3000}Avon ") == "Swan of Avon")
    }

    @Test func preparationWidthMapsAndChecksTheClassWithoutCaseMapping() throws {
        #expect(try PrecisProfile.usernameCaseMapped.prepare("ＡＢ") == "AB")
        #expect(throws: PrecisError.self) { try PrecisProfile.usernameCaseMapped.prepare("♚") }
        #expect(try PrecisProfile.opaqueString.prepare("♚ x") == "♚ x")
        // Preparation does not map spaces: U+2000 is FREE_PVAL, so allowed in the FreeformClass as it is.
        #expect(try PrecisProfile.opaqueString.prepare("\u{2000}") == "\u{2000}")
    }

    @Test func usernameComparisonIsByEnforcedBytes() throws {
        #expect(try PrecisProfile.usernameCaseMapped.compare("Juliet", "ｊｕｌｉｅｔ"))
        #expect(try !PrecisProfile.usernameCasePreserved.compare("Juliet", "juliet"))
        #expect(try PrecisProfile.usernameCasePreserved.compare("e\u{301}", "\u{e9}"))
    }

    @Test func errorsPointAtTheInputCharacter() throws {
        do {
            _ = try PrecisProfile.usernameCaseMapped.enforce("abcⅣ")
            Issue.record("accepted")
        } catch {
            #expect(error.offset == 3)
            #expect(error.reason == .disallowed(.hasCompat))
        }
    }
}
