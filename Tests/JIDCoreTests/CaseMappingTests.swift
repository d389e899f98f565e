import CUnicode
import JIDCorpus
import Testing

@testable import JIDCore

/// The scalar-by-scalar case mapping (which keeps positions for error reports) must equal ICU's whole-string
/// toLowerCase, Final_Sigma included.
@Suite struct CaseMappingTests {
    @Test func everyCodePointLowercasesAsICUDoes() {
        var mismatches: [UInt32] = []
        for codePoint in UInt32(0)...0x10FFFF where !(0xD800...0xDFFF).contains(codePoint) {
            let mine = MappedText([codePoint]).lowercased().scalars
            if mine != UnicodeText.lowercased([codePoint]) { mismatches.append(codePoint) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10).map { String($0, radix: 16) })")
    }

    static let sigmaContexts: [String] = [
        "Σ", "ΣΣ", "ΑΣ", "ΑΣ.", "ΑΣ Α", "ΑΣ\u{301}", "Α\u{301}Σ", "ΑΣΑ", "Σ'Α", "Α'Σ", "A\u{AD}Σ", "ΑΣ\u{AD}Α",
        "ΌΣΟΣ", "İstanbul", "ΑΣ1", "1Σ", "ǅΣ", "\u{10400}Σ",
    ]

    @Test(arguments: sigmaContexts)
    func finalSigmaContexts(_ text: String) {
        let scalars = UnicodeText.scalars(text)
        #expect(MappedText(scalars).lowercased().scalars == UnicodeText.lowercased(scalars))
    }
}
