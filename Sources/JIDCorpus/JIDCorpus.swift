/// A deterministic generator of realistic XMPP addresses for benchmarks and equivalence tests.
///
/// The mix follows what public servers hold: mostly ASCII addresses, about 13% with non-ASCII text (Latin with
/// diacritics, Greek, Cyrillic, Han, kana, Hangul, Arabic, Hebrew, Devanagari; emoji in resources) and about 3%
/// invalid ones. User names are made of syllables and common names, so a million addresses hold hundreds of
/// thousands of distinct user names; domains come from a pool of thousands, a few of them popular. The same seed
/// always gives the same addresses, on every platform.
///
/// ``Mix/bestCase`` is the earlier, flattering corpus (25 user names, 12 domains, 12 resources): memos and branch
/// predictors see the same strings over and over. It is kept only to show the best case, labelled as such.
public struct JIDCorpus: Sendable {
    /// The kinds of address the generator can be limited to.
    public enum Mix: Sendable {
        /// ~84% ASCII, ~13% non-ASCII, ~3% invalid, distinct names on thousands of domains.
        case mixed
        /// Only addresses with non-ASCII text (valid ones), distinct names.
        case nonASCII
        /// Short strings over an alphabet of delimiters, case, digits, hyphens and "xn--", to probe the edges of
        /// the ASCII fast paths.
        case asciiEdgeCases
        /// The best case: ~85% ASCII, ~12% non-ASCII, ~3% invalid, drawn from a few dozen fixed strings.
        case bestCase
    }

    private var state: UInt64
    private let mix: Mix
    /// The domains addresses are drawn from (beyond the popular ones), made from the seed.
    private var asciiDomainPool: [String] = []
    private var nonASCIIDomainPool: [String] = []

    /// Domains in the realistic pools.
    public static let asciiDomainCount = 4_000
    public static let nonASCIIDomainCount = 1_000

    public init(seed: UInt64 = 0x5EED_1D5, mix: Mix = .mixed) {
        self.state = seed
        self.mix = mix
        if mix == .mixed || mix == .nonASCII {
            asciiDomainPool = (0..<Self.asciiDomainCount).map { _ in makeASCIIDomain() }
            nonASCIIDomainPool = (0..<Self.nonASCIIDomainCount).map { _ in makeNonASCIIDomain() }
        }
    }

    /// SplitMix64: small, fast and identical everywhere.
    private mutating func nextRandom() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func below(_ bound: Int) -> Int { Int(nextRandom() % UInt64(bound)) }
    private mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    private mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    /// An index below `count` that favours small ones (a few popular servers, a long tail of small ones).
    private mutating func skewed(_ count: Int) -> Int {
        let unit = Double(nextRandom() >> 11) / Double(1 << 53)
        return min(count - 1, Int(unit * unit * Double(count)))
    }

    /// The next address.
    public mutating func next() -> String {
        switch mix {
        case .mixed:
            let roll = below(100)
            if roll < 3 { return invalid() }
            if roll < 16 { return nonASCII() }
            return ascii()
        case .nonASCII: return nonASCII()
        case .asciiEdgeCases: return edgeCase()
        case .bestCase:
            let roll = below(100)
            if roll < 3 { return bestCaseInvalid() }
            if roll < 15 { return bestCaseNonASCII() }
            return bestCaseASCII()
        }
    }

    /// `count` addresses.
    public mutating func make(_ count: Int) -> [String] { (0..<count).map { _ in next() } }

    // MARK: - Realistic addresses

    private static let commonGivenNames = [
        "juliet", "romeo", "alice", "bob", "carol", "dave", "eve", "anna", "maria", "john", "james", "linda", "peter",
        "sam", "kim", "lee", "max", "nina", "omar", "paul", "laura", "lucas", "emma", "noah", "olivia", "liam", "mia",
        "leon", "sofia", "ben", "clara", "felix", "hannah", "jonas", "lena", "tom", "sara", "david", "julia", "mark",
        "eric", "ivan", "olga", "yuki", "chen", "raj", "ali", "fatima", "pedro", "lucia", "marco", "elena", "igor",
        "jan", "eva", "karl", "ines", "hugo", "alex", "chris", "daniel", "michael", "thomas", "andreas", "stefan",
    ]
    private static let commonFamilyNames = [
        "smith", "jones", "miller", "davis", "garcia", "wilson", "moore", "taylor", "brown", "martin", "schmidt",
        "schneider", "fischer", "weber", "meyer", "wagner", "becker", "rossi", "russo", "ferrari", "dubois", "bernard",
        "petit", "novak", "kowalski", "nowak", "ivanov", "petrov", "silva", "santos", "lopez", "gonzalez", "kim",
        "park", "nguyen", "tanaka", "suzuki", "sato", "khan", "singh", "cohen", "levi", "jensen", "hansen", "larsen",
    ]
    private static let syllables = [
        "ka", "ki", "ko", "la", "le", "li", "lo", "ma", "me", "mi", "mo", "na", "ne", "ni", "no", "ra", "re", "ri",
        "ro", "sa", "se", "si", "so", "ta", "te", "ti", "to", "va", "ve", "vi", "da", "de", "di", "do", "ba", "be",
        "bo", "ga", "go", "ha", "he", "ja", "jo", "pa", "pe", "po", "za", "an", "el", "en", "in", "on", "ar", "er",
        "or", "us", "mar", "tor", "ven", "son", "ber", "lin", "dor", "kas", "tin", "ric", "lan", "mon", "nik", "sha",
        "tha", "chr", "ste", "wil", "hel", "ger", "fra", "bru", "gun", "har",
    ]
    private static let topLevelDomains = [
        "com", "org", "net", "de", "fr", "im", "is", "jp", "ru", "nl", "se", "it", "es", "eu", "io", "me", "chat",
        "social", "uk", "ch", "at", "pl", "cz", "fi", "no", "be", "ca", "us", "br", "in",
    ]
    private static let popularDomains = [
        "jabber.org", "conversations.im", "xmpp.jp", "jabber.ccc.de", "404.city", "trashserver.net", "xmpp.is",
        "disroot.org", "jabber.de", "yax.im", "magicbroccoli.de", "jabber.fr", "chat.example.net", "Example.COM",
    ]
    private static let clients = [
        "Conversations", "gajim", "mobile", "home", "work", "Psi+", "dino", "laptop", "Monal-iOS", "profanity",
        "Cheogram", "Siskin", "pidgin", "Movim", "blabber", "desktop", "phone", "converse.js", "Kaidan", "poezio",
    ]
    private static let suffixAlphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")

    private mutating func syllableName(_ minimum: Int = 2, _ maximum: Int = 3) -> String {
        var name = ""
        for _ in 0..<(minimum + below(maximum - minimum + 1)) { name += pick(Self.syllables) }
        return name
    }

    private mutating func givenName() -> String {
        chance(40) ? pick(Self.commonGivenNames) : syllableName()
    }

    private mutating func familyName() -> String {
        chance(30) ? pick(Self.commonFamilyNames) : syllableName(2, 4)
    }

    private mutating func suffix(_ length: Int) -> String {
        var text = ""
        for _ in 0..<length { text.append(pick(Self.suffixAlphabet)) }
        return text
    }

    private static func capitalized(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }

    private mutating func realisticASCIILocalpart() -> String {
        switch below(9) {
        case 0: return givenName()
        case 1: return givenName() + "." + familyName()
        case 2: return givenName() + String(below(10_000))
        case 3: return String(givenName().prefix(1)) + familyName()
        case 4: return Self.capitalized(givenName()) + "_" + Self.capitalized(familyName())
        case 5: return givenName() + familyName()
        case 6: return givenName() + "-" + familyName() + String(below(100))
        case 7: return syllableName(3, 5)
        default: return givenName() + "." + familyName() + String(1950 + below(60))
        }
    }

    private mutating func makeASCIIDomain() -> String {
        let prefixes = ["", "", "", "xmpp.", "chat.", "jabber.", "im.", "muc."]
        var label = syllableName(2, 4)
        if chance(15) { label += "-" + syllableName(1, 2) }
        if chance(5) { label += String(below(1_000)) }
        return pick(prefixes) + label + "." + pick(Self.topLevelDomains)
    }

    private mutating func asciiDomain() -> String {
        if chance(25) { return pick(Self.popularDomains) }
        return asciiDomainPool[skewed(asciiDomainPool.count)]
    }

    private mutating func resource() -> String {
        switch below(3) {
        case 0: return pick(Self.clients)
        case 1: return pick(Self.clients) + "." + suffix(4)
        default: return pick(Self.clients) + "." + suffix(8 + below(8))
        }
    }

    private mutating func ascii() -> String {
        var text = chance(95) ? realisticASCIILocalpart() + "@" : ""
        text += asciiDomain()
        if chance(40) { text += "/" + resource() }
        return text
    }

    // Non-ASCII text, script by script.
    private static let accented: [Character: [String]] = [
        "a": ["á", "à", "ä", "å", "ã", "â"], "e": ["é", "è", "ë", "ê", "ě"], "i": ["í", "ï", "î", "ı"],
        "o": ["ó", "ö", "ø", "ô", "õ"], "u": ["ú", "ü", "ů", "û"], "n": ["ñ", "ń"], "c": ["ç", "č", "ć"],
        "s": ["š", "ś", "ş"], "z": ["ž", "ż"], "l": ["ł"], "r": ["ř"], "g": ["ğ"],
    ]
    private static let greekSyllables = [
        "κα", "λο", "μι", "ρα", "νε", "σω", "θε", "δη", "πο", "τι", "ξα", "γι", "ωρ", "ελ", "αν", "νί", "κό", "ρά",
        "τή",
        "μέ", "στα", "φι", "χρι", "ψα", "βα",
    ]
    private static let cyrillicSyllables = [
        "ка", "ло", "ми", "ра", "не", "ва", "ди", "ан", "ол", "ен", "ко", "ма", "ри", "та", "ся", "ий", "на", "сер",
        "гей", "ов", "ев", "ин", "ша", "жа", "лю", "дми", "тр", "ёл", "щу", "ыр",
    ]
    private static let hanCharacters = Array(
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛"
            + "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉建国红文云飞"
    ).map(String.init)
    private static let kana = Array(
        "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをんがぎぐげござじずぜぞだでどばびぶべぼ"
    ).map(String.init)
    private static let katakana = Array("アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン")
        .map(String.init)

    private mutating func latinName() -> String {
        var name = Array(givenName())
        var changed = false
        for _ in 0..<(1 + below(2)) {
            let position = below(name.count)
            if let options = Self.accented[name[position]] {
                name.replaceSubrange(position...position, with: Array(pick(options)))
                changed = true
            }
        }
        var text = String(name)
        if !changed { text += pick(["é", "ø", "ü", "ñ"]) }
        return text
    }

    private mutating func greekName() -> String {
        var name = ""
        for _ in 0..<(2 + below(3)) { name += pick(Self.greekSyllables) }
        if chance(30) { name += "ς" }
        return name
    }

    private mutating func cyrillicName() -> String {
        var name = ""
        for _ in 0..<(2 + below(3)) { name += pick(Self.cyrillicSyllables) }
        return name
    }

    private mutating func hanName() -> String {
        var name = ""
        for _ in 0..<(2 + below(2)) { name += pick(Self.hanCharacters) }
        return name
    }

    private mutating func kanaName() -> String {
        let letters = chance(70) ? Self.kana : Self.katakana
        var name = ""
        for _ in 0..<(2 + below(4)) { name += pick(letters) }
        return name
    }

    private mutating func hangulName() -> String {
        var name = ""
        for _ in 0..<(2 + below(2)) {
            let trailing = chance(50) ? 0 : 1 + below(27)
            let value = 0xAC00 + (below(19) * 21 + below(21)) * 28 + trailing
            name.unicodeScalars.append(Unicode.Scalar(UInt32(value))!)
        }
        return name
    }

    private mutating func scalars(_ ranges: [ClosedRange<UInt32>], length: Int) -> String {
        var text = ""
        for _ in 0..<length {
            let range = pick(ranges)
            let value = range.lowerBound + UInt32(below(Int(range.upperBound - range.lowerBound) + 1))
            text.unicodeScalars.append(Unicode.Scalar(value)!)
        }
        return text
    }

    private mutating func arabicName() -> String { scalars([0x0628...0x063A, 0x0641...0x064A], length: 3 + below(5)) }
    private mutating func hebrewName() -> String { scalars([0x05D0...0x05EA], length: 3 + below(4)) }

    private mutating func devanagariName() -> String {
        var name = ""
        for _ in 0..<(2 + below(3)) {
            name += scalars([0x0915...0x0939], length: 1)
            if chance(60) { name += scalars([0x093E...0x0948], length: 1) }
        }
        return name
    }

    /// A non-ASCII user name; some in capitals, which case mapping folds.
    private mutating func nonASCIILocalpart() -> String {
        switch below(20) {
        case 0..<6:
            let name = latinName()
            return chance(15) ? Self.capitalized(name) : name
        case 6..<8:
            let name = greekName()
            return chance(15) ? name.uppercased() : name
        case 8..<11:
            let name = cyrillicName()
            return chance(15) ? Self.capitalized(name) : name
        case 11..<13: return hanName()
        case 13: return kanaName()
        case 14: return hangulName()
        case 15..<17: return arabicName()
        case 17: return hebrewName()
        case 18: return devanagariName()
        default: return latinName() + "." + familyName()
        }
    }

    private mutating func makeNonASCIIDomain() -> String {
        switch below(10) {
        case 0..<3: return latinName() + "." + pick(["de", "fr", "es", "com", "org", "se", "pl", "cz"])
        case 3..<5: return cyrillicName() + "." + pick(["рф", "com", "ru", "бел"])
        case 5: return greekName() + "." + pick(["ελ", "gr", "eu"])
        case 6: return hanName() + "." + pick(["中国", "cn", "jp", "com"])
        case 7: return kanaName() + "." + pick(["jp", "com"])
        case 8: return hangulName() + "." + pick(["한국", "kr"])
        default: return pick(["xmpp.", "chat.", ""]) + latinName() + "." + pick(["example", "net", "eu"])
        }
    }

    private mutating func nonASCIIResource() -> String {
        switch below(5) {
        case 0: return pick(["📱 phone", "💻", "🏠", "téléphone", "домашний", "手机", "بيت", "בית", "ノート"])
        case 1: return nonASCIILocalpart()
        case 2: return pick(["📱", "💻", "téléphone", "ordinateur"]) + "." + suffix(4)
        default: return resource()
        }
    }

    private mutating func nonASCII() -> String {
        var text = ""
        switch below(3) {
        case 0: text = nonASCIILocalpart() + "@" + asciiDomain()
        case 1: text = realisticASCIILocalpart() + "@" + nonASCIIDomainPool[skewed(nonASCIIDomainPool.count)]
        default: text = nonASCIILocalpart() + "@" + nonASCIIDomainPool[skewed(nonASCIIDomainPool.count)]
        }
        if chance(40) { text += "/" + nonASCIIResource() }
        return text
    }

    private mutating func invalid() -> String {
        let domain = asciiDomain()
        switch below(10) {
        case 0: return givenName() + " " + familyName() + "@" + domain
        case 1: return pick(["♚", "☺", "★"]) + givenName() + "@" + domain
        case 2: return givenName() + "@@" + domain
        case 3: return givenName() + "@" + domain + "/"
        case 4: return givenName() + "@mail_" + domain
        case 5: return givenName() + pick(["Ⅳ", "ǅ", "ﬁ"]) + "@" + domain
        case 6: return "@" + domain
        case 7: return givenName() + "@" + domain + "..com"
        case 8: return givenName() + "\u{7}@" + domain
        default: return givenName() + "@" + String(repeating: "a", count: 64) + "." + domain
        }
    }

    // MARK: - The best case (few distinct strings)

    private static let givenNames = [
        "juliet", "romeo", "alice", "bob", "carol", "dave", "eve", "mallory", "peggy", "trent", "victor", "walter",
        "anna", "maria", "john", "james", "linda", "peter", "sam", "kim", "lee", "max", "nina", "omar", "paul",
    ]
    private static let familyNames = ["smith", "jones", "miller", "davis", "garcia", "wilson", "moore", "taylor"]
    private static let asciiDomains = [
        "example.com", "jabber.org", "xmpp.jp", "conversations.im", "chat.example.net", "im.example.org",
        "jabber.ccc.de", "404.city", "trashserver.net", "xmpp.is", "Example.COM", "muc.example.com",
    ]
    private static let resources = [
        "Conversations.x7Kd", "gajim.AB12CD", "mobile", "home", "work", "Psi+", "dino.f00ba4", "laptop",
        "Monal-iOS.9f3e", "profanity", "Balcony", "orchard",
    ]
    private static let nonASCIILocalparts = [
        "josé", "müller", "çağrı", "françois", "søren", "łukasz", "ñandú", "σωκράτης", "αλέξανδρος", "егор",
        "наталья", "张伟", "王芳", "たなか", "김민준", "محمد", "فاطمة", "דוד", "שרה", "राम", "सीता", "Jürgen",
        "ÉLODIE", "ΣΟΦΙΑ", "ДМИТРИЙ",
    ]
    private static let nonASCIIDomains = ["bücher.de", "пример.рф", "例え.jp", "münchen.example", "ελλάδα.example"]
    private static let nonASCIIResources = ["📱 phone", "💻", "téléphone", "домашний", "手机", "بيت", "בית"]

    private mutating func bestCaseLocalpart() -> String {
        switch below(4) {
        case 0: return pick(Self.givenNames)
        case 1: return pick(Self.givenNames) + "." + pick(Self.familyNames)
        case 2: return pick(Self.givenNames) + String(below(10000))
        default:
            let name = pick(Self.givenNames)
            return name.prefix(1).uppercased() + name.dropFirst() + "_" + pick(Self.familyNames)
        }
    }

    private mutating func bestCaseASCII() -> String {
        var text = chance(95) ? bestCaseLocalpart() + "@" : ""
        text += pick(Self.asciiDomains)
        if chance(40) { text += "/" + pick(Self.resources) }
        return text
    }

    private mutating func bestCaseNonASCII() -> String {
        var text = ""
        switch below(3) {
        case 0: text = pick(Self.nonASCIILocalparts) + "@" + pick(Self.asciiDomains)
        case 1: text = bestCaseLocalpart() + "@" + pick(Self.nonASCIIDomains)
        default: text = pick(Self.nonASCIILocalparts) + "@" + pick(Self.nonASCIIDomains)
        }
        if chance(40) { text += "/" + (chance(50) ? pick(Self.nonASCIIResources) : pick(Self.resources)) }
        return text
    }

    private mutating func bestCaseInvalid() -> String {
        let domain = pick(Self.asciiDomains)
        switch below(8) {
        case 0: return pick(Self.givenNames) + " " + pick(Self.familyNames) + "@" + domain
        case 1: return "♚" + pick(Self.givenNames) + "@" + domain
        case 2: return pick(Self.givenNames) + "@@" + domain
        case 3: return pick(Self.givenNames) + "@" + domain + "/"
        case 4: return pick(Self.givenNames) + "@mail_" + domain
        case 5: return "henriⅣ@" + domain
        case 6: return "@" + domain
        default: return pick(Self.givenNames) + "\u{7}@" + domain
        }
    }

    private static let edgeAlphabet: [String] = [
        "a", "b", "z", "A", "Z", "0", "9", "-", ".", "@", "/", " ", "_", "\"", "&", "'", ":", "<", ">", "\\", "~",
        "xn--", "XN--", "[", "]", "::1", "%", "\t", "\u{7F}", "1.2.3.4", "256", "é", "ß", "Σ", "ｆ", "．",
    ]

    private mutating func edgeCase() -> String {
        var text = ""
        for _ in 0..<(1 + below(24)) { text += pick(Self.edgeAlphabet) }
        return text
    }
}
