import CUnicode

/// One reason an input is not a valid XMPP address, with where it is and what to do about it.
///
/// Errors compare by all their fields; ``Code`` is the stable, documented part a program should branch on.
public struct JIDError: Error, Sendable, Hashable {
    /// A stable error code such as `localpart.disallowed-codepoint`. The README lists them all.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        // Whole input.
        public static let empty = Code(rawValue: "jid.empty")
        public static let tooLong = Code(rawValue: "jid.too-long")
        public static let invalidUTF8 = Code(rawValue: "jid.invalid-utf8")
        /// More than 30 combining marks in a row (UAX #15 §13 Stream-Safe Text Format).
        public static let notStreamSafe = Code(rawValue: "jid.not-stream-safe")

        // Any part (prefixed with the part's name).
        static func partEmpty(_ part: JIDPart) -> Code { Code(rawValue: part.rawValue + ".empty") }
        static func partTooLong(_ part: JIDPart) -> Code { Code(rawValue: part.rawValue + ".too-long") }
        static func disallowed(_ part: JIDPart) -> Code { Code(rawValue: part.rawValue + ".disallowed-codepoint") }
        static func unassigned(_ part: JIDPart) -> Code { Code(rawValue: part.rawValue + ".unassigned-codepoint") }
        static func contextRule(_ part: JIDPart) -> Code { Code(rawValue: part.rawValue + ".context-rule") }
        static func bidiRule(_ part: JIDPart) -> Code { Code(rawValue: part.rawValue + ".bidi-rule") }
        static func notIdempotent(_ part: JIDPart) -> Code { Code(rawValue: part.rawValue + ".not-idempotent") }

        // Localpart only.
        public static let localpartExcludedCharacter = Code(rawValue: "localpart.excluded-character")

        // Domainpart only.
        public static let domainEmptyLabel = Code(rawValue: "domainpart.empty-label")
        public static let domainLabelTooLong = Code(rawValue: "domainpart.label-too-long")
        public static let domainNonLDHCharacter = Code(rawValue: "domainpart.non-ldh-character")
        public static let domainHyphenStartEnd = Code(rawValue: "domainpart.hyphen-start-end")
        public static let domainReservedLabel = Code(rawValue: "domainpart.reserved-label")
        public static let domainInvalidALabel = Code(rawValue: "domainpart.invalid-a-label")
        public static let domainLeadingCombiningMark = Code(rawValue: "domainpart.leading-combining-mark")
        public static let domainNumericTLD = Code(rawValue: "domainpart.numeric-tld")
        public static let domainInvalidIPv4 = Code(rawValue: "domainpart.invalid-ipv4")
        public static let domainInvalidIPv6 = Code(rawValue: "domainpart.invalid-ipv6")
        public static let domainIPv6ZoneID = Code(rawValue: "domainpart.ipv6-zone-id")
        public static let domainInvalidIPLiteral = Code(rawValue: "domainpart.invalid-ip-literal")
        public static let domainIDNAError = Code(rawValue: "domainpart.idna-error")
        /// The domain is longer than DNS can carry (253 octets in A-label form; RFC 7622 §3.2, RFC 1034 §3.1).
        public static let domainDNSTooLong = Code(rawValue: "domainpart.dns-too-long")

        /// Every code the parsers of both RFCs give (RFC 6122's `*.prohibited-codepoint` and
        /// `domainpart.idna2003-error` included), in the README's order: what a message catalog must cover.
        public static let all: [Code] = {
            var codes: [Code] = [.empty, .tooLong, .invalidUTF8, .notStreamSafe]
            for part in JIDPart.allCases {
                codes += [
                    .partEmpty(part), .partTooLong(part), .disallowed(part), .unassigned(part), .contextRule(part),
                    .bidiRule(part), .notIdempotent(part), .prohibited(part),
                ]
            }
            codes += [
                .localpartExcludedCharacter, .domainEmptyLabel, .domainLabelTooLong, .domainNonLDHCharacter,
                .domainHyphenStartEnd, .domainReservedLabel, .domainInvalidALabel, .domainLeadingCombiningMark,
                .domainNumericTLD, .domainInvalidIPv4, .domainInvalidIPv6, .domainIPv6ZoneID, .domainInvalidIPLiteral,
                .domainIDNAError, .domainDNSTooLong, Code(rawValue: "domainpart.idna2003-error"),
            ]
            return codes
        }()
    }

    /// What went wrong, as a stable code.
    public let code: Code
    /// The part at fault; nil when the fault is the whole input's.
    public let part: JIDPart?
    /// Position of the character at fault, in Unicode scalars from the start of the whole input.
    public let offset: Int?
    /// The character at fault, as the rule saw it (after the part's mappings).
    public let codePoint: Unicode.Scalar?
    /// For disallowed code points, the RFC 8264 §9 category that rules them out ("has-compat", "symbols", ...).
    public let category: String?
    /// A sentence a signup form can show.
    public let message: String
    /// A corrected form of the part, when there is an obvious one (e.g. its NFKC or XEP-0106 escaped form).
    public let suggestion: String?

    init(
        _ code: Code, part: JIDPart?, offset: Int? = nil, codePoint: Unicode.Scalar? = nil, category: String? = nil,
        message: String, suggestion: String? = nil
    ) {
        self.code = code
        self.part = part
        self.offset = offset
        self.codePoint = codePoint
        self.category = category
        self.message = message
        self.suggestion = suggestion
    }

    /// The Unicode name of ``codePoint`` ("ROMAN NUMERAL FOUR").
    public var codePointName: String? { codePoint?.icuName }

    func with(suggestion: String?) -> JIDError {
        JIDError(
            code, part: part, offset: offset, codePoint: codePoint, category: category, message: message,
            suggestion: suggestion)
    }
}

extension Unicode.Scalar {
    /// "'Ⅳ' (U+2163 ROMAN NUMERAL FOUR)": how messages quote a character; invisible ones are not shown raw.
    var quoted: String {
        let label = "\(codePointNotation) \(icuName)"
        switch Int(cu_general_category(value)) {
        case CU_GC_Cc, CU_GC_Cf, CU_GC_Zs, CU_GC_Zl, CU_GC_Zp, CU_GC_Cs, CU_GC_Cn, CU_GC_Co, CU_GC_Mn, CU_GC_Me:
            return label
        default:
            return "'\(Character(self))' (\(label))"
        }
    }
}
