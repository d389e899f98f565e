/// The languages people get messages in. English is the fallback.
public enum Language: String, Sendable, CaseIterable, Hashable {
    case english = "en"
    case french = "fr"
    case german = "de"
    case spanish = "es"
    case russian = "ru"
    case simplifiedChinese = "zh-Hans"

    /// The BCP 47 tag (`Content-Language`, ICU's locale).
    public var tag: String { rawValue }

    /// The supported language a BCP 47 tag asks for, if any: by primary subtag, with Chinese only when it is
    /// written in Simplified characters (`zh`, `zh-CN`, `zh-SG`, `zh-Hans-…`; not `zh-TW`, `zh-HK`, `zh-Hant`).
    public init?(tag: some StringProtocol) {
        let subtags = tag.lowercased().split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard let primary = subtags.first else { return nil }
        switch primary {
        case "en": self = .english
        case "fr": self = .french
        case "de": self = .german
        case "es": self = .spanish
        case "ru": self = .russian
        case "zh":
            let rest = Set(subtags.dropFirst())
            if rest.contains("hant") || (!rest.contains("hans") && !rest.isDisjoint(with: ["tw", "hk", "mo"])) {
                return nil
            }
            self = .simplifiedChinese
        default: return nil
        }
    }

    /// The language for a request: `lang` when it names a supported language, else the supported language the
    /// `Accept-Language` header (RFC 9110 §12.5.4) prefers most, else English. Ranges with `q=0` are refused
    /// ranges, not preferences; `*` adds nothing English does not.
    public static func negotiate(lang: String?, acceptLanguage: String?) -> Language {
        if let lang, let language = Language(tag: lang.trimmingSpaces) { return language }
        guard let acceptLanguage else { return .english }
        var best: (language: Language, quality: Double)?
        for range in acceptLanguage.split(separator: ",") {
            let fields = range.split(separator: ";")
            guard let tagField = fields.first else { continue }
            var quality = 1.0
            for parameter in fields.dropFirst() {
                let pair = parameter.trimmingSpaces.split(separator: "=", maxSplits: 1)
                if pair.count == 2, pair[0].lowercased() == "q", let value = Double(pair[1]), (0...1).contains(value) {
                    quality = value
                }
            }
            guard quality > 0, let language = Language(tag: tagField.trimmingSpaces) else { continue }
            // The first of equal preferences wins (a stable choice, as listed).
            if best == nil || quality > best!.quality { best = (language, quality) }
        }
        return best?.language ?? .english
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
