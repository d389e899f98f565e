import CUnicode

/// The IDNA2008 derived property of a code point (RFC 5892 §3), used to explain which character of a label
/// libidn2 rejected. libidn2 remains the authority on validity; this only points at the culprit.
enum IDNA2008Property {
    case pvalid, contextJ, contextO, disallowed, unassigned

    static func of(_ cp: UInt32) -> IDNA2008Property {
        // §2.6 Exceptions are shared with PRECIS.
        let (precis, category) = PrecisDerivedProperties.shared.classify(cp)
        if category == .exceptions {
            switch precis {
            case .pvalid: return .pvalid
            case .contextO: return .contextO
            default: return .disallowed
            }
        }
        if category == .unassigned { return .unassigned }
        // §2.5 LDH.
        if cp < 0x80 {
            let isLDH = (cp >= 0x61 && cp <= 0x7A) || (cp >= 0x30 && cp <= 0x39) || cp == 0x2D
            return isLDH ? .pvalid : .disallowed
        }
        if category == .joinControl { return .contextJ }
        // §2.2 Unstable, §2.3 IgnorableProperties, §2.4 IgnorableBlocks, §2.9 OldHangulJamo.
        if cu_is_nfkc_casefold_unstable(cp) == 1 { return .disallowed }
        if category == .precisIgnorableProperties || cu_has_binary_property(cp, Int32(CU_PROP_WHITE_SPACE)) == 1 {
            return .disallowed
        }
        if (0x20D0...0x20FF).contains(cp) || (0x1D100...0x1D24F).contains(cp) { return .disallowed }
        if category == .oldHangulJamo { return .disallowed }
        // §2.1 LetterDigits.
        return category == .letterDigits ? .pvalid : .disallowed
    }
}
