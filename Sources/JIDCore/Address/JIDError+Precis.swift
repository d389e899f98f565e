extension JIDError {
    /// Translates a PRECIS failure in a localpart or resourcepart into an error about the input.
    ///
    /// - Parameters:
    ///   - error: the profile's error, with an offset relative to the part.
    ///   - part: the part being enforced.
    ///   - base: the part's offset in the input, in scalars.
    ///   - input: the part as the user wrote it; errors name the character typed, not its mapped form.
    static func precis(_ error: PrecisError, part: JIDPart, base: Int, input: [UInt32]) -> JIDError {
        let offset = error.offset.map { $0 + base }
        let typed = error.offset.flatMap { input.indices.contains($0) ? Unicode.Scalar(input[$0]) : nil }
        let scalar = typed ?? error.codePoint
        let character = scalar?.quoted ?? "a character"
        let place = part.userFacingName
        switch error.reason {
        case .empty:
            return JIDError(.partEmpty(part), part: part, message: "\(place.capitalizedFirst) is empty.")
        case .invalidUTF8:
            return JIDError(.invalidUTF8, part: part, message: "The text is not valid UTF-8.")
        case .notIdempotent:
            return JIDError(
                .notIdempotent(part), part: part,
                message: "\(place.capitalizedFirst) changes again when its canonical form is computed a second "
                    + "time (RFC 8264 §7), so it has no stable form.")
        case .bidiRule(let condition):
            return JIDError(
                .bidiRule(part), part: part, offset: offset, codePoint: scalar,
                message: "\(place.capitalizedFirst) contains right-to-left text and breaks the Bidi Rule "
                    + "(RFC 5893 condition \(condition)): \(bidiExplanation(condition, character)).")
        case .context(let rule):
            return JIDError(
                .contextRule(part), part: part, offset: offset, codePoint: scalar,
                message: "\(character) is allowed only \(rule.requirement) (RFC 5892 Appendix A).")
        case .disallowed(.unassigned):
            return JIDError(
                .unassigned(part), part: part, offset: offset, codePoint: scalar, category: "unassigned",
                message: "\(scalar.map(\.codePointNotation) ?? "A code point") is not assigned to any character "
                    + "in Unicode \(UnicodeVersions.current.unicode), so it cannot be used in \(place).")
        case .disallowed(let category):
            return JIDError(
                .disallowed(part), part: part, offset: offset, codePoint: scalar, category: category.identifier,
                message: "\(character) \(category.explanation(in: part)).")
        }
    }

    private static func bidiExplanation(_ condition: Int, _ character: String) -> String {
        switch condition {
        case 1: "it must begin with a letter written left-to-right or right-to-left, not with \(character)"
        case 2, 5: "\(character) cannot be mixed with text of the other direction"
        case 3, 6: "it cannot end with \(character)"
        default: "European and Arabic-Indic digits cannot be mixed in right-to-left text"
        }
    }
}

extension PrecisCategory {
    /// Completes "<character> …" with why the category is not allowed in a part.
    func explanation(in part: JIDPart) -> String {
        let place = part.userFacingName
        switch self {
        case .hasCompat:
            return "is a compatibility variant of another character and is not allowed in \(place); "
                + "use the standard character instead"
        case .spaces:
            return part == .localpart
                ? "is a space; spaces are not allowed in \(place) (XEP-0106 writes a space as \\20)"
                : "is a space character that is not allowed in \(place)"
        case .symbols: return "is a symbol; symbols are not allowed in \(place)"
        case .punctuation: return "is punctuation; only ASCII punctuation is allowed in \(place)"
        case .controls: return "is a control character and cannot appear in an address"
        case .precisIgnorableProperties:
            return "is an invisible (default-ignorable) or noncharacter code point and cannot appear in an address"
        case .oldHangulJamo:
            return "is a conjoining Hangul jamo; write the syllable with precomposed Hangul instead"
        case .otherLetterDigits:
            return "is a titlecase letter, letter-like number or enclosing mark; these are not allowed in \(place)"
        case .exceptions: return "is excluded from identifiers by RFC 5892 §2.6"
        case .unassigned: return "is not an assigned character"
        case .ascii7, .letterDigits, .joinControl: return "is not allowed here"
        case .other:
            return "is a format, private-use, surrogate or separator code point and cannot appear in an address"
        }
    }
}

extension ContextRule {
    /// Completes "… is allowed only …".
    var requirement: String {
        switch self {
        case .zeroWidthNonJoiner: "after a virama or between letters that join (as in Persian or Arabic)"
        case .zeroWidthJoiner: "directly after a virama"
        case .middleDot: "between two 'l' letters, as in Catalan 'l·l'"
        case .greekKeraia: "before a Greek letter"
        case .hebrewPunctuation: "after a Hebrew letter"
        case .katakanaMiddleDot: "in text that also has Hiragana, Katakana or Han characters"
        case .arabicIndicDigits: "when no Extended Arabic-Indic digits (U+06F0–U+06F9) are mixed in"
        case .extendedArabicIndicDigits: "when no Arabic-Indic digits (U+0660–U+0669) are mixed in"
        }
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
