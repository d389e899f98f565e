public import JIDConfusables
public import JIDCore

/// Messages for people: every error code and confusable reason in plain words, in their language, without
/// RFC numbers or escape sequences. The `message` of a ``JIDError`` stays the operators' text.
public enum UserMessages {
    /// Catalog keys besides the error codes: confusable reasons are `confusable.<code>`, the registry's answers
    /// `signup.taken` and `signup.lookalike`, and `<part>.invalid` the fallback for a code without a message.
    public static func key(for reason: ConfusableReason.Code) -> String { "confusable." + reason.rawValue }
    public static let takenKey = "signup.taken"
    public static let lookalikeKey = "signup.lookalike"
    public static let availableKey = "signup.available"

    /// The catalog of `language`: key → ICU MessageFormat pattern.
    public static func catalog(_ language: Language) -> [String: String] {
        switch language {
        case .english: Catalogs.english
        case .french: Catalogs.french
        case .german: Catalogs.german
        case .spanish: Catalogs.spanish
        case .russian: Catalogs.russian
        case .simplifiedChinese: Catalogs.simplifiedChinese
        }
    }

    /// Every key a catalog must have: each error code the parsers give, each confusable reason, the registry's
    /// answers and the fallbacks.
    public static var keys: [String] {
        JIDError.Code.all.map(\.rawValue) + ConfusableReason.Code.allCases.map(key(for:))
            + [takenKey, lookalikeKey, availableKey] + fallbackKeys + pageKeys
    }

    /// The web page's texts (`ui.*`): labels and sentences without arguments.
    public static let pageKeys = [
        "ui.title", "ui.intro", "ui.language", "ui.check.heading", "ui.check.label", "ui.check.valid",
        "ui.check.invalid", "ui.check.use", "ui.part.localpart", "ui.part.domainpart", "ui.part.domainAscii",
        "ui.part.resourcepart", "ui.compare.heading", "ui.compare.first", "ui.compare.second", "ui.compare.button",
        "ui.compare.equal", "ui.compare.bareEqual", "ui.compare.different", "ui.confusable.heading",
        "ui.confusable.button", "ui.confusable.yes", "ui.confusable.no", "ui.confusable.position",
        "ui.confusable.looksLike", "ui.confusable.score", "ui.migration.heading", "ui.migration.label",
        "ui.migration.button", "ui.migration.line", "ui.migration.before", "ui.migration.after",
        "ui.migration.status", "ui.migration.reasons", "ui.migration.collision", "ui.tls.heading", "ui.tls.domain",
        "ui.tls.pem", "ui.tls.verify", "ui.tls.verdict", "ui.tls.probeDomain", "ui.tls.probe", "ui.tls.grade",
        "ui.checking", "ui.error.unreachable", "ui.error.refused", "ui.widget.heading", "ui.widget.intro",
        "ui.widget.demo", "ui.api",
    ]

    /// The web page's texts in `language` (English where its catalog lacks one), key → text.
    public static func pageMessages(in language: Language) -> [(key: String, text: String)] {
        pageKeys.map { key in (key, catalog(language)[key] ?? Catalogs.english[key] ?? key) }
    }

    static let fallbackKeys = ["jid.invalid", "localpart.invalid", "domainpart.invalid", "resourcepart.invalid"]

    /// The arguments a message may use, by name: `character` (the character, or its U+ code for an invisible
    /// one), `name` (its Unicode name), `position` (1 for the first character) and `limit`.
    static let argumentNames: Set<String> = ["character", "name", "position", "limit"]

    /// The error's message for people, in `language` (English if the catalog lacks the key, and the part's
    /// general message if the error lacks what the message names).
    public static func message(for error: JIDError, in language: Language) -> String {
        var arguments: [(name: String, value: MessageFormat.Argument)] = []
        if let scalar = error.codePoint {
            arguments.append(("character", .text(display(scalar))))
            arguments.append(("name", .text(error.codePointName ?? scalar.codePointNotation)))
        }
        if let offset = error.offset { arguments.append(("position", .number(offset + 1))) }
        arguments.append(("limit", .number(limit(for: error.code))))
        let fallback = (error.part?.rawValue ?? "jid") + ".invalid"
        return format(error.code.rawValue, language: language, arguments: arguments)
            ?? format(fallback, language: language, arguments: [])
            ?? error.message
    }

    /// The reason's message for people, in `language`.
    public static func message(for reason: ConfusableReason, in language: Language) -> String {
        format(key(for: reason.code), language: language, arguments: []) ?? reason.message
    }

    /// A catalog message without arguments (`signup.taken`, ...), in `language`.
    public static func message(_ key: String, in language: Language) -> String {
        format(key, language: language, arguments: []) ?? key
    }

    /// Formats `key` of `language`'s catalog (English when that catalog lacks it); nil when the message names
    /// an argument that is not given.
    static func format(
        _ key: String, language: Language, arguments: [(name: String, value: MessageFormat.Argument)]
    ) -> String? {
        var used = language
        var pattern = catalog(language)[key]
        if pattern == nil {
            used = .english
            pattern = Catalogs.english[key]
        }
        guard let pattern, let needed = MessageFormat.arguments(of: pattern) else { return nil }
        let given = Set(arguments.map(\.name))
        guard needed.allSatisfy({ given.contains(String($0.prefix { $0 != "," })) }) else { return nil }
        return MessageFormat.format(pattern, language: used, arguments: arguments)
    }

    /// How a message shows a character: itself, unless it would be invisible or combine with the quotes around
    /// it (then its U+ code).
    static func display(_ scalar: Unicode.Scalar) -> String {
        switch scalar.properties.generalCategory {
        case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator, .surrogate, .unassigned,
            .privateUse, .nonspacingMark, .enclosingMark, .spacingMark:
            return scalar.codePointNotation
        default:
            return scalar.properties.isDefaultIgnorableCodePoint ? scalar.codePointNotation : String(scalar)
        }
    }

    /// The length limit a `*.too-long` message may name: octets per part, labels, DNS names.
    static func limit(for code: JIDError.Code) -> Int {
        switch code {
        case .domainLabelTooLong: 63
        case .domainDNSTooLong: 253
        default: JID.maximumPartOctets
        }
    }
}
