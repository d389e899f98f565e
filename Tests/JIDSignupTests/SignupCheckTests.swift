import JIDConfusables
import JIDCore
import Testing

@testable import JIDSignup

@Suite struct SignupCheckTests {
    static func registry(_ names: String...) throws -> ConfusableRegistry {
        let registry = ConfusableRegistry()
        for name in names { try registry.add(name) }
        return registry
    }

    @Test func aFreeNameMayBeRegistered() throws {
        let check = SignupCheck(
            username: "Juliet", domain: "chat.example", language: .english, registry: try Self.registry("romeo"))
        #expect(check.ok)
        #expect(check.result.jid?.description == "juliet@chat.example")
        #expect(check.registry == .init(taken: false, lookalike: nil))
        #expect(check.userMessage == "This username is available.")
        #expect(check.suggestion == nil)
    }

    /// The issue's cases: Cyrillic а against a registered `apple` is a lookalike, `Apple` is taken.
    @Test func lookalikesAndTakenNames() throws {
        let registry = try Self.registry("apple")
        let lookalike = SignupCheck(
            username: "\u{430}pple", domain: "chat.example", language: .english, registry: registry)
        #expect(!lookalike.ok)
        #expect(lookalike.registry == .init(taken: false, lookalike: .skeleton))
        #expect(
            lookalike.userMessage
                == "This username looks too much like one that is already taken. Please choose another.")
        let taken = SignupCheck(username: "Apple", domain: "chat.example", language: .english, registry: registry)
        #expect(!taken.ok)
        #expect(taken.registry == .init(taken: true, lookalike: nil))
        #expect(taken.userMessage == "This username is already taken.")
        let folded = SignupCheck(username: "äpple", domain: "chat.example", language: .german, registry: registry)
        #expect(folded.registry?.lookalike == .folded)
        // A registered full address counts for its own domain only.
        let elsewhere = try Self.registry("apple@other.example")
        #expect(SignupCheck(username: "apple", domain: "chat.example", language: .english, registry: elsewhere).ok)
        #expect(!SignupCheck(username: "apple", domain: "other.example", language: .english, registry: elsewhere).ok)
    }

    /// `henriⅣ` in French: a French message naming the character and its position, and a suggestion a person can
    /// type.
    @Test func invalidNamesGetAMessageAndATypeableSuggestion() throws {
        let check = SignupCheck(username: "henriⅣ", domain: "chat.example", language: .french, registry: nil)
        #expect(!check.ok)
        #expect(check.result.errors.map(\.code.rawValue) == ["localpart.disallowed-codepoint"])
        #expect(
            check.userMessage
                == "Un nom d’utilisateur ne peut pas contenir « Ⅳ » (ROMAN NUMERAL FOUR), caractère 6.")
        #expect(check.suggestion == "henriiv")
        #expect(check.registry == nil && check.score == nil)

        let slash = SignupCheck(username: "nick/home", domain: "chat.example.com", language: .english, registry: nil)
        #expect(slash.result.errors.map(\.code) == [.localpartExcludedCharacter])
        #expect(slash.userMessage == "Usernames cannot contain “/” (character 5).")
        #expect(slash.suggestion == "nickhome")
        #expect(slash.result.errors.first?.suggestion == "nick\\2fhome")  // the operators' form stays

        let space = SignupCheck(username: "space cadet", domain: "chat.example", language: .spanish, registry: nil)
        #expect(space.suggestion == "spacecadet")
        #expect(space.userMessage.hasPrefix("Los nombres de usuario no pueden contener «U+0020» (SPACE)"))
        let empty = SignupCheck(username: "", domain: "chat.example", language: .russian, registry: nil)
        #expect(empty.userMessage == "Введите имя пользователя.")
        #expect(empty.suggestion == nil)
        let chinese = SignupCheck(username: "a@b", domain: "chat.example", language: .simplifiedChinese, registry: nil)
        #expect(chinese.userMessage == "用户名不能包含“@”（第 2 个字符）。")
    }

    @Test func aBadDomainIsAnErrorOfTheDomain() {
        let check = SignupCheck(username: "juliet", domain: "chat example", language: .english, registry: nil)
        #expect(!check.ok)
        #expect(check.result.errors.map(\.part) == [.domainpart])
        #expect(check.suggestion == nil)
    }

    @Test func typeableSuggestions() {
        #expect(JID.typeableLocalpart(for: "juliet") == nil)
        #expect(JID.typeableLocalpart(for: "ＪＵＬＩＥＴ") == nil)  // valid already: width-mapped
        #expect(JID.typeableLocalpart(for: "henriⅣ") == "henriiv")
        #expect(JID.typeableLocalpart(for: "a\u{200B}b") == "ab")
        #expect(JID.typeableLocalpart(for: "\"quoted\"") == "quoted")
        #expect(JID.typeableLocalpart(for: "@/") == nil)
        #expect(JID.typeableLocalpart(for: "café au lait") == "caféaulait")
    }

    @Test func theAnswerAsJSON() throws {
        let registry = try Self.registry("apple")
        var writer = JSONWriter()
        SignupCheck(username: "\u{430}pple", domain: "chat.example", language: .english, registry: registry)
            .write(to: &writer)
        #expect(writer.text.hasPrefix(#"{"ok":false,"language":"en","username":"аpple","jid":"аpple@chat.example","#))
        #expect(writer.text.hasSuffix(#""registry":{"taken":false,"lookalike":true,"relation":"skeleton"}}"#))
        #expect(writer.text.contains(#""userMessage":"This name mixes letters of different alphabets"#))
        var invalid = JSONWriter()
        SignupCheck(username: "henriⅣ", domain: "chat.example", language: .german, registry: registry).write(
            to: &invalid)
        #expect(
            invalid.text.contains(
                #""userMessage":"Benutzernamen dürfen „Ⅳ“ (ROMAN NUMERAL FOUR) nicht enthalten, Zeichen 6.","userSuggestion":"henriiv"}"#
            ))
        #expect(invalid.text.hasSuffix(#""confusable":null,"registry":null}"#))
    }
}
