/// A deterministic generator of realistic XMPP addresses for benchmarks and equivalence tests.
///
/// The mix follows what public servers hold: mostly ASCII addresses, about 12% with non-ASCII text
/// (Latin with diacritics, Greek, Cyrillic, CJK, Arabic, Hebrew, Devanagari, emoji resources) and about 3%
/// invalid ones. The same seed always gives the same addresses, on every platform.
public struct JIDCorpus: Sendable {
    /// The kinds of address the generator can be limited to.
    public enum Mix: Sendable {
        /// ~85% ASCII, ~12% non-ASCII, ~3% invalid.
        case mixed
        /// Only addresses with non-ASCII text (valid ones).
        case nonASCII
        /// Short strings over an alphabet of delimiters, case, digits, hyphens and "xn--", to probe the edges of
        /// the ASCII fast paths.
        case asciiEdgeCases
    }

    private var state: UInt64
    private let mix: Mix

    public init(seed: UInt64 = 0x5EED_1D5, mix: Mix = .mixed) {
        self.state = seed
        self.mix = mix
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

    /// The next address.
    public mutating func next() -> String {
        switch mix {
        case .mixed:
            let roll = below(100)
            if roll < 3 { return invalid() }
            if roll < 15 { return nonASCII() }
            return ascii()
        case .nonASCII: return nonASCII()
        case .asciiEdgeCases: return edgeCase()
        }
    }

    /// `count` addresses.
    public mutating func make(_ count: Int) -> [String] { (0..<count).map { _ in next() } }

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

    private mutating func asciiLocalpart() -> String {
        switch below(4) {
        case 0: return pick(Self.givenNames)
        case 1: return pick(Self.givenNames) + "." + pick(Self.familyNames)
        case 2: return pick(Self.givenNames) + String(below(10000))
        default:
            let name = pick(Self.givenNames)
            return name.prefix(1).uppercased() + name.dropFirst() + "_" + pick(Self.familyNames)
        }
    }

    private mutating func ascii() -> String {
        var text = chance(95) ? asciiLocalpart() + "@" : ""
        text += pick(Self.asciiDomains)
        if chance(40) { text += "/" + pick(Self.resources) }
        return text
    }

    private mutating func nonASCII() -> String {
        var text = ""
        switch below(3) {
        case 0: text = pick(Self.nonASCIILocalparts) + "@" + pick(Self.asciiDomains)
        case 1: text = asciiLocalpart() + "@" + pick(Self.nonASCIIDomains)
        default: text = pick(Self.nonASCIILocalparts) + "@" + pick(Self.nonASCIIDomains)
        }
        if chance(40) { text += "/" + (chance(50) ? pick(Self.nonASCIIResources) : pick(Self.resources)) }
        return text
    }

    private mutating func invalid() -> String {
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
