import Testing

@testable import JIDCore

/// The libidn2 error codes the domainpart rules explain are the ones libidn2 itself names so.
@Suite struct IDN2ErrorTests {
    @Test func everyNamedCaseIsLibidn2sOwnName() {
        let expected: [(IDN2Error, String)] = [
            (.twoHyphens, "IDN2_2HYPHEN"), (.hyphenStartEnd, "IDN2_HYPHEN_STARTEND"),
            (.leadingCombining, "IDN2_LEADING_COMBINING"), (.disallowed, "IDN2_DISALLOWED"),
            (.contextJ, "IDN2_CONTEXTJ"), (.contextJNoRule, "IDN2_CONTEXTJ_NO_RULE"), (.contextO, "IDN2_CONTEXTO"),
            (.contextONoRule, "IDN2_CONTEXTO_NO_RULE"), (.unassigned, "IDN2_UNASSIGNED"), (.bidi, "IDN2_BIDI"),
            (.labelTooBig, "IDN2_TOO_BIG_LABEL"),
        ]
        for (error, name) in expected {
            #expect(error.name == name)
            #expect(IDN2Error(code: error.code) == error)
        }
        #expect(IDN2Error(code: -100) == .other(-100))
        #expect(IDN2Error(code: -100).name == "IDN2_MALLOC")
    }

    @Test func lookupReportsTypedErrors() {
        #expect(IDN2.lookup("\u{E4}b--cd") == .failure(.twoHyphens))
        #expect(IDN2.lookup("\u{0301}a") == .failure(.leadingCombining))
        #expect(IDN2.lookup("bücher") == .success("xn--bcher-kva"))
    }
}
