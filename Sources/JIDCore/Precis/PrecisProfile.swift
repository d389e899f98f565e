/// A PRECIS profile: a string class plus the five rules of RFC 8264 §5.2, applied in the order of §7.
///
/// The profiles are those of RFC 8265 (UsernameCaseMapped, UsernameCasePreserved, OpaqueString) and RFC 8266
/// (Nickname). Each offers the three operations the RFCs define: ``prepare(_:)``, ``enforce(_:)`` and
/// ``compare(_:_:)``. Enforcement checks the string class after all mappings (RFC 8264 §7), so a character
/// that mapping turns into an allowed one (fullwidth `Ａ`, `Ω` OHM SIGN in a case-mapped profile) is accepted.
public struct PrecisProfile: Sendable, Hashable {
    /// What the Additional Mapping Rule does.
    enum AdditionalMapping: Sendable, Hashable {
        case none
        /// Non-ASCII spaces to U+0020 (RFC 8265 §4.2.1).
        case nonASCIISpaces
        /// Non-ASCII spaces to U+0020, trim, collapse runs of spaces (RFC 8266 §2.1).
        case nicknameSpaces
    }

    /// The profile's registered name.
    public let name: String
    /// The string class the profile builds on.
    public let stringClass: PrecisStringClass
    let widthMapping: Bool
    let additionalMapping: AdditionalMapping
    let caseMapping: Bool
    let normalization: UnicodeText.Form
    let directionality: Bool
    /// The profile used for ``compare(_:_:)``: the same profile, except for Nickname (RFC 8266 §2.4).
    private let comparisonCaseMapping: Bool

    /// RFC 8265 §3.3: usernames compared without regard to case. XMPP localparts use it (RFC 7622 §3.3).
    public static let usernameCaseMapped = PrecisProfile(
        name: "UsernameCaseMapped", stringClass: .identifier, widthMapping: true, additionalMapping: .none,
        caseMapping: true, normalization: .nfc, directionality: true, comparisonCaseMapping: true)

    /// RFC 8265 §3.4: usernames that keep their case.
    public static let usernameCasePreserved = PrecisProfile(
        name: "UsernameCasePreserved", stringClass: .identifier, widthMapping: true, additionalMapping: .none,
        caseMapping: false, normalization: .nfc, directionality: true, comparisonCaseMapping: false)

    /// RFC 8265 §4.2: passwords and other opaque strings. XMPP resourceparts use it (RFC 7622 §3.4).
    public static let opaqueString = PrecisProfile(
        name: "OpaqueString", stringClass: .freeform, widthMapping: false, additionalMapping: .nonASCIISpaces,
        caseMapping: false, normalization: .nfc, directionality: false, comparisonCaseMapping: false)

    /// RFC 8266: nicknames. Enforcement keeps case; comparison maps it (§2.3, §2.4).
    public static let nickname = PrecisProfile(
        name: "Nickname", stringClass: .freeform, widthMapping: false, additionalMapping: .nicknameSpaces,
        caseMapping: false, normalization: .nfkc, directionality: false, comparisonCaseMapping: true)

    /// All profiles, by name.
    public static let all: [PrecisProfile] = [usernameCaseMapped, usernameCasePreserved, opaqueString, nickname]

    /// The profile used to compare strings: Nickname with its Case Mapping Rule on.
    var comparisonProfile: PrecisProfile {
        guard comparisonCaseMapping != caseMapping else { return self }
        return PrecisProfile(
            name: name, stringClass: stringClass, widthMapping: widthMapping, additionalMapping: additionalMapping,
            caseMapping: comparisonCaseMapping, normalization: normalization, directionality: directionality,
            comparisonCaseMapping: comparisonCaseMapping)
    }

    /// Enforcement (RFC 8265 §3.3.3, §4.2.3; RFC 8266 §2.3): the canonical form of `string`.
    ///
    /// - Throws: ``PrecisError`` saying which rule the string breaks and where.
    public func enforce(_ string: String) throws(PrecisError) -> String {
        UnicodeText.string(try enforce(scalars: UnicodeText.scalars(string)))
    }

    /// Enforcement of UTF-8 bytes, which may be ill-formed.
    ///
    /// - Throws: ``PrecisError`` with reason ``PrecisError/Reason/invalidUTF8`` for ill-formed UTF-8 (including
    ///   encoded surrogates), otherwise as ``enforce(_:)``.
    public func enforce(utf8 bytes: [UInt8]) throws(PrecisError) -> String {
        guard let scalars = bytes.withUnsafeBufferPointer({ UnicodeText.scalars($0) }) else {
            throw PrecisError(reason: .invalidUTF8, offset: nil, codePoint: nil)
        }
        return UnicodeText.string(try enforce(scalars: scalars))
    }

    /// Preparation (RFC 8265 §3.3.2): the width mapping, if the profile has one, then a check that every code
    /// point is allowed by the string class. Returns the width-mapped string.
    ///
    /// - Throws: ``PrecisError`` for the first code point the string class does not allow.
    public func prepare(_ string: String) throws(PrecisError) -> String {
        var text = MappedText(UnicodeText.scalars(string))
        if widthMapping { text = text.widthMapped() }
        try stringClass.check(text)
        return UnicodeText.string(text.scalars)
    }

    /// Comparison (RFC 8265 §3.3.4; RFC 8266 §2.4): whether two strings are the same under the profile, that
    /// is, whether their comparison forms are equal octet for octet.
    ///
    /// - Throws: ``PrecisError`` if either string fails the profile.
    public func compare(_ a: String, _ b: String) throws(PrecisError) -> Bool {
        let profile = comparisonProfile
        return try profile.enforce(scalars: UnicodeText.scalars(a)) == profile.enforce(scalars: UnicodeText.scalars(b))
    }

    /// The form two strings are compared in (for Nickname, the case-mapped form).
    public func comparisonForm(_ string: String) throws(PrecisError) -> String {
        try comparisonProfile.enforce(string)
    }

    /// Enforcement on scalar values: the general path, used for all text and the reference for fast paths.
    func enforce(scalars: [UInt32]) throws(PrecisError) -> [UInt32] {
        try enforceMapped(scalars).scalars
    }

    /// Enforcement that keeps, for each output scalar, the index of the input scalar it came from.
    func enforceMapped(_ scalars: [UInt32]) throws(PrecisError) -> MappedText {
        let input = MappedText(scalars)
        var text = try applyRules(input)
        if additionalMapping == .nicknameSpaces && text != input {
            // RFC 8266 §2.1: the Nickname rules are applied again until the output is stable.
            text = try applyRules(text)
        }
        if text != input, try applyRules(text) != text {
            throw PrecisError(reason: .notIdempotent, offset: nil, codePoint: nil)
        }
        if text.scalars.isEmpty { throw PrecisError(reason: .empty, offset: nil, codePoint: nil) }
        try stringClass.check(text)
        return text
    }

    /// The five rules of RFC 8264 §5.2 in the order of §7: width, additional, case, normalization, directionality.
    private func applyRules(_ input: MappedText) throws(PrecisError) -> MappedText {
        var text = input
        if widthMapping { text = text.widthMapped() }
        switch additionalMapping {
        case .none: break
        case .nonASCIISpaces: text = text.spacesMapped()
        case .nicknameSpaces: text = text.spacesMapped().spacesCollapsed()
        }
        if caseMapping { text = text.lowercased() }
        text = text.normalized(normalization)
        if directionality && BidiRule.containsRightToLeft(text.scalars),
            let (condition, index) = BidiRule.violation(text.scalars)
        {
            throw PrecisError(
                reason: .bidiRule(condition: condition), offset: Int(text.origins[index]),
                codePoint: Unicode.Scalar(text.scalars[index]))
        }
        return text
    }
}
