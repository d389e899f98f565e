import CUnicode

/// A PRECIS derived property value (RFC 8264 §8).
public enum PrecisProperty: UInt8, Sendable, Hashable, CaseIterable {
    case pvalid = 0
    /// ID_DIS or FREE_PVAL: allowed in the FreeformClass, disallowed in the IdentifierClass.
    case freePVal = 1
    case contextJ = 2
    case contextO = 3
    case disallowed = 4
    case unassigned = 5

    /// The name used in RFC 8264 and in the IANA registry.
    public var name: String {
        switch self {
        case .pvalid: "PVALID"
        case .freePVal: "FREE_PVAL"
        case .contextJ: "CONTEXTJ"
        case .contextO: "CONTEXTO"
        case .disallowed: "DISALLOWED"
        case .unassigned: "UNASSIGNED"
        }
    }
}

/// The RFC 8264 §9 category that decided a code point's derived property.
public enum PrecisCategory: UInt8, Sendable, Hashable, CaseIterable {
    case exceptions = 0
    case unassigned
    case ascii7
    case joinControl
    case oldHangulJamo
    case precisIgnorableProperties
    case controls
    case hasCompat
    case letterDigits
    case otherLetterDigits
    case spaces
    case symbols
    case punctuation
    case other

    /// The category's name as RFC 8264 §9 and precis-i18n spell it ("has_compat").
    public var name: String {
        switch self {
        case .exceptions: "exceptions"
        case .unassigned: "unassigned"
        case .ascii7: "ascii7"
        case .joinControl: "join_control"
        case .oldHangulJamo: "old_hangul_jamo"
        case .precisIgnorableProperties: "precis_ignorable_properties"
        case .controls: "controls"
        case .hasCompat: "has_compat"
        case .letterDigits: "letter_digits"
        case .otherLetterDigits: "other_letter_digits"
        case .spaces: "spaces"
        case .symbols: "symbols"
        case .punctuation: "punctuation"
        case .other: "other"
        }
    }

    /// The category as it appears in error reports ("has-compat").
    public var identifier: String {
        switch self {
        case .joinControl: "join-control"
        case .oldHangulJamo: "old-hangul-jamo"
        case .precisIgnorableProperties: "precis-ignorable-properties"
        case .hasCompat: "has-compat"
        case .letterDigits: "letter-digits"
        case .otherLetterDigits: "other-letter-digits"
        default: name
        }
    }
}

/// The derived property and deciding category of every code point, computed once from ICU's character
/// properties by the algorithm of RFC 8264 §8.
public struct PrecisDerivedProperties: Sendable {
    /// One byte per code point: property in the low 3 bits, category above.
    let table: CodePointTable
    /// One byte per code point: the ``Stability`` flags.
    let stability: CodePointTable
    /// Upper- and title-case letters (``Stability/identifier`` but not ``Stability/identifierLowercase``) whose
    /// toLowerCase() is one code point, as long in UTF-8, with both flags: UsernameCaseMapped turns such a letter
    /// into that code point whatever surrounds it, and leaves the result alone.
    let stableLowercase: [UInt32: UInt32]

    /// Whether a code point passes through a profile's rules unchanged, whatever surrounds it.
    ///
    /// A string made only of such code points is already in the profile's canonical form (and idempotent), so
    /// enforcement can return it as it is; ``PrecisProfile`` fast paths rely on this and tests compare them with
    /// the general path.
    struct Stability: OptionSet {
        let rawValue: UInt8
        /// UsernameCaseMapped/CasePreserved: allowed by IdentifierClass, no width mapping, not right-to-left,
        /// NFC_Quick_Check Yes with combining class 0 (so NFC leaves any string of them alone).
        static let identifier = Stability(rawValue: 1)
        /// And lower case under toLowerCase (not U+03A3, whose mapping depends on context).
        static let identifierLowercase = Stability(rawValue: 2)
        /// OpaqueString: allowed by FreeformClass, not a space (which is mapped to U+0020), NFC-stable as above.
        static let freeform = Stability(rawValue: 4)
    }

    /// The table for the Unicode version of the ICU in this process (about 100 KiB): read from the generated resource
    /// when it was derived from this ICU, else derived on first use.
    public static let shared =
        PrecisDerivedProperties(serialized: PackageResources.precis_derived_properties_bin) ?? derived()

    /// The table derived from ICU's character properties now (what the resource holds; tests compare the two).
    static func derived() -> PrecisDerivedProperties { PrecisDerivedProperties() }

    init(table: CodePointTable, stability: CodePointTable, stableLowercase: [UInt32: UInt32]) {
        self.table = table
        self.stability = stability
        self.stableLowercase = stableLowercase
    }

    private init() {
        var table = [UInt8](repeating: 0, count: 0x110000)
        var stability = [UInt8](repeating: 0, count: 0x110000)
        table.withUnsafeMutableBufferPointer { buffer in
            stability.withUnsafeMutableBufferPointer { flags in
                for codePoint in 0..<UInt32(0x110000) {
                    let (property, category) = Self.derive(codePoint)
                    buffer[Int(codePoint)] = property.rawValue | (category.rawValue << 3)
                    if property == .pvalid || property == .freePVal {
                        flags[Int(codePoint)] = Self.stability(codePoint, property, category).rawValue
                    }
                }
            }
        }
        self.table = table.withUnsafeBufferPointer { CodePointTable($0) }
        self.stability = stability.withUnsafeBufferPointer { CodePointTable($0) }
        var lowercase: [UInt32: UInt32] = [:]
        for codePoint in 0..<UInt32(0x110000) where codePoint != 0x03A3 {
            let flags = Stability(rawValue: stability[Int(codePoint)])
            guard flags.contains(.identifier), !flags.contains(.identifierLowercase),
                let scalar = Unicode.Scalar(codePoint)
            else { continue }
            var lower: (UInt32, UInt32, UInt32) = (0, 0, 0)
            let count = withUnsafeMutablePointer(to: &lower) {
                $0.withMemoryRebound(to: UInt32.self, capacity: 3) { cu_to_lower(codePoint, $0) }
            }
            guard count == 1, lower.0 != codePoint, let target = Unicode.Scalar(lower.0),
                UTF8.width(target) == UTF8.width(scalar),
                Stability(rawValue: stability[Int(lower.0)]).isSuperset(of: [.identifier, .identifierLowercase])
            else { continue }
            lowercase[codePoint] = lower.0
        }
        self.stableLowercase = lowercase
    }

    private static func stability(_ cp: UInt32, _ property: PrecisProperty, _ category: PrecisCategory) -> Stability {
        guard cu_nfc_quick_check_yes(cp) == 1, cu_combining_class(cp) == 0 else { return [] }
        var result: Stability = []
        // OpaqueString maps every non-ASCII space (General_Category Zs) to U+0020; the PRECIS category is not the
        // test, since HasCompat is decided before Spaces (U+00A0 is "has_compat").
        if Int(cu_general_category(cp)) != CU_GC_Zs || cp == 0x20 { result.insert(.freeform) }
        let bidi = Int(cu_bidi_class(cp))
        if property == .pvalid, cu_width_mapping(cp) == cp, !BidiRule.isRightToLeft(bidi) {
            result.insert(.identifier)
            var lower: (UInt32, UInt32, UInt32) = (0, 0, 0)
            let count = withUnsafeMutablePointer(to: &lower) {
                $0.withMemoryRebound(to: UInt32.self, capacity: 3) { cu_to_lower(cp, $0) }
            }
            if count == 1 && lower.0 == cp && cp != 0x03A3 { result.insert(.identifierLowercase) }
        }
        return result
    }

    /// The stability flags of a code point.
    @inline(__always)
    func stability(_ codePoint: UInt32) -> Stability { Stability(rawValue: stability[Int(codePoint)]) }

    /// The lower case of an upper- or title-case letter, when UsernameCaseMapped makes it a stable code point of
    /// the same UTF-8 length; nil otherwise.
    func stableLowercase(_ codePoint: UInt32) -> UInt32? { stableLowercase[codePoint] }

    /// The code points ``stableLowercase(_:)`` maps, for tests.
    var stablyLowercasedCodePoints: [UInt32] { stableLowercase.keys.sorted() }

    /// The derived property of a code point.
    @inline(__always)
    public func property(_ codePoint: UInt32) -> PrecisProperty {
        PrecisProperty(rawValue: table[Int(codePoint)] & 0x7)!
    }

    /// The derived property and the category that decided it.
    @inline(__always)
    public func classify(_ codePoint: UInt32) -> (property: PrecisProperty, category: PrecisCategory) {
        let byte = table[Int(codePoint)]
        return (PrecisProperty(rawValue: byte & 0x7)!, PrecisCategory(rawValue: byte >> 3)!)
    }

    /// RFC 8264 §8, in the order the RFC gives.
    static func derive(_ cp: UInt32) -> (PrecisProperty, PrecisCategory) {
        if let exception = exceptions(cp) { return (exception, .exceptions) }
        let category = Int(cu_general_category(cp))
        let noncharacter = cu_has_binary_property(cp, Int32(CU_PROP_NONCHARACTER)) == 1
        // §9.6 Unassigned: General_Category Cn and not a noncharacter.
        if category == CU_GC_Cn && !noncharacter { return (.unassigned, .unassigned) }
        if cp >= 0x21 && cp <= 0x7E { return (.pvalid, .ascii7) }
        if cu_has_binary_property(cp, Int32(CU_PROP_JOIN_CONTROL)) == 1 { return (.contextJ, .joinControl) }
        // §9.9 OldHangulJamo: Hangul_Syllable_Type L, V or T.
        let hangul = Int(cu_hangul_syllable_type(cp))
        if hangul == CU_HST_L || hangul == CU_HST_V || hangul == CU_HST_T { return (.disallowed, .oldHangulJamo) }
        if noncharacter || cu_has_binary_property(cp, Int32(CU_PROP_DEFAULT_IGNORABLE)) == 1 {
            return (.disallowed, .precisIgnorableProperties)
        }
        if category == CU_GC_Cc { return (.disallowed, .controls) }
        if cu_has_compat(cp) == 1 { return (.freePVal, .hasCompat) }
        switch category {
        case CU_GC_Ll, CU_GC_Lu, CU_GC_Lo, CU_GC_Nd, CU_GC_Lm, CU_GC_Mn, CU_GC_Mc: return (.pvalid, .letterDigits)
        case CU_GC_Lt, CU_GC_Nl, CU_GC_No, CU_GC_Me: return (.freePVal, .otherLetterDigits)
        case CU_GC_Zs: return (.freePVal, .spaces)
        case CU_GC_Sm, CU_GC_Sc, CU_GC_Sk, CU_GC_So: return (.freePVal, .symbols)
        case CU_GC_Pc, CU_GC_Pd, CU_GC_Ps, CU_GC_Pe, CU_GC_Pi, CU_GC_Pf, CU_GC_Po: return (.freePVal, .punctuation)
        default: return (.disallowed, .other)
        }
    }

    /// RFC 5892 §2.6 Exceptions, which RFC 8264 §9.6 reuses.
    private static func exceptions(_ cp: UInt32) -> PrecisProperty? {
        switch cp {
        case 0x00DF, 0x03C2, 0x06FD, 0x06FE, 0x0F0B, 0x3007: .pvalid
        case 0x00B7, 0x0375, 0x05F3, 0x05F4, 0x30FB, 0x0660...0x0669, 0x06F0...0x06F9: .contextO
        case 0x0640, 0x07FA, 0x302E, 0x302F, 0x3031...0x3035, 0x303B: .disallowed
        default: nil
        }
    }
}
