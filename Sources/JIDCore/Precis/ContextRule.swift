import CUnicode

/// The contextual rules of RFC 5892 Appendix A that PRECIS applies to CONTEXTJ and CONTEXTO code points.
public enum ContextRule: String, Sendable, Hashable, CaseIterable {
    case zeroWidthNonJoiner = "zero_width_nonjoiner"  // A.1
    case zeroWidthJoiner = "zero_width_joiner"  // A.2
    case middleDot = "middle_dot"  // A.3
    case greekKeraia = "greek_keraia"  // A.4
    case hebrewPunctuation = "hebrew_punctuation"  // A.5, A.6
    case katakanaMiddleDot = "katakana_middle_dot"  // A.7
    case arabicIndicDigits = "arabic_indic"  // A.8
    case extendedArabicIndicDigits = "extended_arabic_indic"  // A.9

    /// The rule that governs a CONTEXTJ or CONTEXTO code point, or nil if there is none.
    static func governing(_ cp: UInt32) -> ContextRule? {
        switch cp {
        case 0x200C: .zeroWidthNonJoiner
        case 0x200D: .zeroWidthJoiner
        case 0x00B7: .middleDot
        case 0x0375: .greekKeraia
        case 0x05F3, 0x05F4: .hebrewPunctuation
        case 0x30FB: .katakanaMiddleDot
        case 0x0660...0x0669: .arabicIndicDigits
        case 0x06F0...0x06F9: .extendedArabicIndicDigits
        default: nil
        }
    }

    /// Whether the code point at `index` satisfies this rule within `scalars`.
    func isSatisfied(at index: Int, in scalars: [UInt32]) -> Bool {
        let before: UInt32? = index > 0 ? scalars[index - 1] : nil
        let after: UInt32? = index + 1 < scalars.count ? scalars[index + 1] : nil
        switch self {
        case .zeroWidthNonJoiner:
            if let before, cu_combining_class(before) == 9 { return true }  // Virama
            return Self.joinsOnBothSides(index, scalars)
        case .zeroWidthJoiner:
            if let before { return cu_combining_class(before) == 9 }
            return false
        case .middleDot:
            return before == 0x6C && after == 0x6C
        case .greekKeraia:
            return after.map { Int(cu_script($0)) == CU_SCRIPT_GREEK } ?? false
        case .hebrewPunctuation:
            return before.map { Int(cu_script($0)) == CU_SCRIPT_HEBREW } ?? false
        case .katakanaMiddleDot:
            return scalars.contains { scalar in
                let script = Int(cu_script(scalar))
                return script == CU_SCRIPT_HIRAGANA || script == CU_SCRIPT_KATAKANA || script == CU_SCRIPT_HAN
            }
        case .arabicIndicDigits:
            return !scalars.contains { (0x06F0...0x06F9).contains($0) }
        case .extendedArabicIndicDigits:
            return !scalars.contains { (0x0660...0x0669).contains($0) }
        }
    }

    /// RFC 5892 A.1: (Joining_Type:{L,D})(Joining_Type:T)*\u200C(Joining_Type:T)*(Joining_Type:{R,D}).
    private static func joinsOnBothSides(_ index: Int, _ scalars: [UInt32]) -> Bool {
        func scan(_ indices: some Sequence<Int>, accepting side: Int) -> Bool {
            for position in indices {
                let type = Int(cu_joining_type(scalars[position]))
                if type == side || type == CU_JT_D { return true }
                if type != CU_JT_T { return false }
            }
            return false
        }
        return scan(stride(from: index - 1, through: 0, by: -1), accepting: CU_JT_L)
            && scan((index + 1)..<scalars.count, accepting: CU_JT_R)
    }
}
