import JIDConfusables
import JIDCore
import Testing

@testable import JIDSignup

/// The message catalogs: complete in every language, the same arguments as English, and messages for people
/// (no RFC or XEP numbers, no escape sequences).
@Suite struct CatalogTests {
    @Test(arguments: Language.allCases)
    func everyKeyHasAMessage(_ language: Language) {
        let catalog = UserMessages.catalog(language)
        let missing = UserMessages.keys.filter { catalog[$0] == nil }
        #expect(missing.isEmpty, "\(language.tag) lacks \(missing)")
        let unknown = Set(catalog.keys).subtracting(UserMessages.keys)
        #expect(unknown.isEmpty, "\(language.tag) has keys no code uses: \(unknown.sorted())")
    }

    @Test(arguments: Language.allCases)
    func placeholdersAreTheSameAsInEnglish(_ language: Language) throws {
        for key in UserMessages.keys {
            let english = try #require(Catalogs.english[key].flatMap(MessageFormat.arguments(of:)), "\(key)")
            guard let pattern = UserMessages.catalog(language)[key] else { continue }
            let arguments = MessageFormat.arguments(of: pattern)
            #expect(
                arguments == english,
                "\(language.tag) \(key): \(arguments.map { $0.sorted() } ?? []) ≠ \(english.sorted())")
            for argument in arguments ?? [] {
                #expect(
                    UserMessages.argumentNames.contains(String(argument.prefix { $0 != "," })), "\(key): \(argument)")
            }
        }
    }

    /// The check above compares what ICU's own pattern parser finds, so it would see a translation that drops,
    /// renames or retypes an argument.
    @Test func argumentsAreReadFromThePattern() {
        #expect(
            MessageFormat.arguments(
                of: "Usernames cannot contain “{character}” ({name}), character {position, number, integer}.")
                == ["character", "name", "position,number"])
        #expect(MessageFormat.arguments(of: "Il manque {character} et {position}.") == ["character", "position"])
        #expect(MessageFormat.arguments(of: "No arguments, l’apostrophe.") == [])
        #expect(MessageFormat.arguments(of: "Broken {character") == nil)
        #expect(
            MessageFormat.format(
                "{position, number, integer}", language: .english, arguments: [("position", .text("x"))]) == nil)
    }

    @Test(arguments: Language.allCases)
    func everyMessageFormatsAndSpeaksToPeople(_ language: Language) throws {
        let arguments: [(name: String, value: MessageFormat.Argument)] = [
            ("character", .text("Ⅳ")), ("name", .text("ROMAN NUMERAL FOUR")), ("position", .number(1234)),
            ("limit", .number(63)),
        ]
        for key in UserMessages.keys {
            let text = try #require(
                UserMessages.format(key, language: language, arguments: arguments), "\(language.tag) \(key)")
            #expect(!text.contains("{") && !text.contains("}"), "\(language.tag) \(key): \(text)")
            for jargon in ["RFC", "XEP", "\\", "PRECIS", "IDNA", "Unicode", "UTS"] {
                #expect(!text.contains(jargon), "\(language.tag) \(key): \(text)")
            }
        }
    }

    /// ICU formats the numbers for the language: a thousands separator where the language uses one.
    @Test func numbersAreFormattedForTheLanguage() throws {
        let error = try #require(
            JID.parse(localpart: String(repeating: "a", count: 1233) + "Ⅳ", domainpart: "x.example").errors.first)
        #expect(error.offset == 1233)
        #expect(UserMessages.message(for: error, in: .english).contains("character 1,234."))
        #expect(UserMessages.message(for: error, in: .german).contains("Zeichen 1.234."))
        #expect(UserMessages.message(for: error, in: .french).contains("caractère 1\u{202F}234."))
    }

    /// Every error the parsers give for a wide set of bad inputs has a message without a left-over placeholder,
    /// in every language: `JIDError.Code.all` is complete.
    @Test func everyErrorOfTheParsersHasAMessage() {
        let inputs = [
            "", "@example.com", "a@", "a@example.com/", "henriⅣ@example.com", "a b@example.com", "a@ex_ample.com",
            "a@-example.com", "a@example..com", "a@xn--abc.com", "a@1.2.3", "a@256.1.1.1", "a@[::1%eth0]", "a@[v1.x]",
            "a@[12345::]", "a@ab--cd.com", "\u{200D}a@example.com", "a@\u{301}b.com", "\u{5D0}a@example.com",
            "a@example.com/\u{7}", "\u{378}@example.com", "a@example.\u{378}",
            String(repeating: "a", count: 1024) + "@x.org",
            "a@" + String(repeating: "a", count: 64) + ".com",
            "a@" + Array(repeating: "abc", count: 100).joined(separator: "."),
            "a＆b@example.com", "a" + String(repeating: "\u{301}", count: 40) + "@example.com",
        ]
        var codes = Set<String>()
        for input in inputs {
            let parsers: [(String) -> JIDResult] = [{ JID.parse($0) }, { LegacyJIDParser(mode: .stored).parse($0) }]
            for parser in parsers {
                for error in parser(input).errors {
                    codes.insert(error.code.rawValue)
                    #expect(JIDError.Code.all.contains(error.code), "\(error.code) is not in JIDError.Code.all")
                    for language in Language.allCases {
                        let text = UserMessages.message(for: error, in: language)
                        #expect(!text.contains("{") && text != error.message, "\(language.tag) \(error.code): \(text)")
                    }
                }
            }
        }
        #expect(codes.count >= 20)
    }

    @Test func languageNegotiation() {
        #expect(Language.negotiate(lang: nil, acceptLanguage: nil) == .english)
        #expect(Language.negotiate(lang: "fr", acceptLanguage: "de") == .french)
        #expect(Language.negotiate(lang: "FR-ca", acceptLanguage: nil) == .french)
        #expect(Language.negotiate(lang: "pt", acceptLanguage: "de;q=0.5, es;q=0.8") == .spanish)
        #expect(Language.negotiate(lang: nil, acceptLanguage: "pt-BR, ru;q=0.3, *;q=0.1") == .russian)
        #expect(Language.negotiate(lang: nil, acceptLanguage: "zh-CN,zh;q=0.9") == .simplifiedChinese)
        #expect(Language.negotiate(lang: nil, acceptLanguage: "zh-Hans-HK") == .simplifiedChinese)
        #expect(Language.negotiate(lang: nil, acceptLanguage: "zh-TW, zh-Hant;q=0.9") == .english)
        #expect(Language.negotiate(lang: nil, acceptLanguage: "fr;q=0, de") == .german)
        #expect(Language.negotiate(lang: nil, acceptLanguage: "de;q=0.5, fr;q=0.5") == .german)
        #expect(Language.negotiate(lang: nil, acceptLanguage: ";;,=,q=") == .english)
    }
}
