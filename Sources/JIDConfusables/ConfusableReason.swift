public import JIDCore

/// What to do with a name: let it through, have a person look at it, or refuse it.
public enum ConfusableVerdict: String, Sendable, Comparable, CaseIterable {
    case ok
    case review
    case block

    private var rank: Int {
        switch self {
        case .ok: return 0
        case .review: return 1
        case .block: return 2
        }
    }

    public static func < (lhs: ConfusableVerdict, rhs: ConfusableVerdict) -> Bool { lhs.rank < rhs.rank }
}

/// How much a reason weighs. Only `high` reasons block; `medium` ones ask for review; `low` ones inform.
public enum ConfusableSeverity: String, Sendable, Comparable, CaseIterable {
    case low
    case medium
    case high

    var verdict: ConfusableVerdict {
        switch self {
        case .low: return .ok
        case .medium: return .review
        case .high: return .block
        }
    }

    var weight: Int {
        switch self {
        case .low: return 5
        case .medium: return 30
        case .high: return 70
        }
    }

    public static func < (lhs: ConfusableSeverity, rhs: ConfusableSeverity) -> Bool { lhs.weight < rhs.weight }
}

/// One character a reason points at.
public struct ConfusableEvidence: Sendable, Hashable {
    /// Offset in Unicode scalars within the enforced part.
    public let index: Int
    /// The character itself.
    public let character: String
    /// "U+0430".
    public let codePoint: String
    /// ISO 15924 code of the character's script ("Cyrl"; "Zyyy" for Common, "Zinh" for Inherited).
    public let script: String
    /// The character's skeleton image when it differs from the character: what it passes for.
    public let looksLike: String?
}

/// One reason a name looks suspicious, with a stable code.
public struct ConfusableReason: Sendable, Hashable {
    public enum Code: String, Sendable, CaseIterable {
        /// Letters of two scripts in one label, and some of them pass for letters of the other (`аpple`).
        case mixedScriptConfusable = "mixed-script-confusable"
        /// Letters of scripts that are not written together (UTS #39 §5.2, below Highly Restrictive).
        case mixedScript = "mixed-script"
        /// A label of one non-Latin script whose skeleton is all ASCII (`егор`, `ᏚᎢᎵᎬᎢᎬᏒ`).
        case wholeScriptConfusable = "whole-script-confusable"
        /// Characters of another script that pass for ASCII among ASCII letters or digits (`ძ4000`).
        case asciiLookalike = "ascii-lookalike"
        /// Characters that pass for ASCII digits (`੨੨੨`, `1շ`).
        case digitLookalike = "digit-lookalike"
        /// Decimal digits of more than one numbering system (`7৪9`).
        case mixedNumbers = "mixed-numbers"
        /// Outside UTS #39 Identifier_Status=Allowed and in no language's exemplar letters (`ɡ`, `ᴡ`).
        case uncommonCharacter = "uncommon-character"
        /// Outside Identifier_Status=Allowed but a letter of some language (`ɛ`, `ɔ`): information only.
        case uncommonLetter = "uncommon-letter"
        /// A letter of a Limited Use script (UAX #31 Table 7: Cherokee, Tifinagh, Yi, …).
        case limitedUseScript = "limited-use-script"
        /// A character of a script no living language writes (UAX #31 Table 4: Coptic, Old Italic, …).
        case excludedScript = "excluded-script"
        /// An invisible character (Default_Ignorable_Code_Point), such as U+200D ZERO WIDTH JOINER.
        case invisibleCharacter = "invisible-character"
        /// The same nonspacing mark twice on one letter (UTS #39 §5.4).
        case repeatedMark = "repeated-mark"
        /// An overlay mark such as U+0338 that can draw a slash or stroke through a letter.
        case overlayMark = "overlay-mark"
        /// A dot above on a letter that already has one, or a mark on dotless ı/ȷ (`pi̇xel`, `pı̇xel`).
        case dotOnDottedLetter = "dot-on-dotted-letter"
        /// A combining mark after a letter of a script that does not use it (`한̇글`, `foogِ`).
        case markAfterUnrelatedScript = "mark-after-unrelated-script"
        /// More than four combining marks on one letter.
        case excessiveMarks = "excessive-marks"
        /// A kana length or iteration mark where it cannot follow (`ー日本`, `aヽ`).
        case kanaOutOfContext = "kana-out-of-context"
        /// A one-stroke ideograph or Bopomofo letter next to Latin, where it passes for punctuation (`ip一address`).
        case cjkLookalike = "cjk-lookalike"
        /// A letter that passes for an apostrophe, quotation mark or other punctuation (`aʼb`, `registeredǃ`).
        case punctuationLookalike = "punctuation-lookalike"
        /// ß, ς, ZWJ or ZWNJ in a domain label: IDNA2003 and IDNA2008 resolve the name to different hosts.
        case idnaDeviation = "idna-deviation"
        /// The name's skeleton equals that of a registered name (`paypa1` and `paypal`).
        case registeredSkeleton = "registered-skeleton"
        /// The name equals a registered name once diacritics are removed (`tést` and `test`).
        case registeredFolded = "registered-folded"
    }

    public let code: Code
    public let severity: ConfusableSeverity
    /// The part the reason is about.
    public let part: JIDPart
    /// What is wrong, in words a user can act on.
    public let message: String
    public let evidence: [ConfusableEvidence]
}
