import CUnicode

/// A set of ICU script codes (UScriptCode), as a 256-bit set.
struct ScriptSet: Hashable, Sendable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    static let all: ScriptSet = {
        var set = ScriptSet()
        set.words = (.max, .max, .max, .max)
        return set
    }()

    init() {}
    init(_ codes: [Int32]) { for code in codes { insert(code) } }

    mutating func insert(_ code: Int32) {
        guard code >= 0 && code < 256 else { return }
        let bit = UInt64(1) << UInt64(code & 63)
        switch code >> 6 {
        case 0: words.0 |= bit
        case 1: words.1 |= bit
        case 2: words.2 |= bit
        default: words.3 |= bit
        }
    }

    func contains(_ code: Int32) -> Bool {
        guard code >= 0 && code < 256 else { return false }
        let bit = UInt64(1) << UInt64(code & 63)
        switch code >> 6 {
        case 0: return words.0 & bit != 0
        case 1: return words.1 & bit != 0
        case 2: return words.2 & bit != 0
        default: return words.3 & bit != 0
        }
    }

    var isEmpty: Bool { words.0 | words.1 | words.2 | words.3 == 0 }
    var isAll: Bool { self == .all }

    func intersection(_ other: ScriptSet) -> ScriptSet {
        var result = ScriptSet()
        result.words = (
            words.0 & other.words.0, words.1 & other.words.1, words.2 & other.words.2, words.3 & other.words.3
        )
        return result
    }

    func subtracting(_ other: ScriptSet) -> ScriptSet {
        var result = ScriptSet()
        result.words = (
            words.0 & ~other.words.0, words.1 & ~other.words.1, words.2 & ~other.words.2, words.3 & ~other.words.3
        )
        return result
    }

    var codes: [Int32] { (0..<256).map(Int32.init).filter(contains) }

    static func == (lhs: ScriptSet, rhs: ScriptSet) -> Bool {
        lhs.words.0 == rhs.words.0 && lhs.words.1 == rhs.words.1 && lhs.words.2 == rhs.words.2
            && lhs.words.3 == rhs.words.3
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }
}

/// Script facts used by UTS #39 §5: Script_Extensions, the augmented sets of §5.1 and the recommended scripts
/// of UAX #31 Table 5.
enum Scripts {
    static let common: Int32 = 0
    static let inherited: Int32 = 1
    static let latin = code("Latn")
    static let greek = code("Grek")
    static let cyrillic = code("Cyrl")
    static let han = code("Hani")
    static let hiragana = code("Hira")
    static let katakana = code("Kana")
    static let hangul = code("Hang")
    static let bopomofo = code("Bopo")
    static let hanb = code("Hanb")
    static let jpan = code("Jpan")
    static let kore = code("Kore")

    /// UAX #31 Table 5, Recommended Scripts (Unicode 15.0).
    static let recommended: ScriptSet = ScriptSet(
        [
            "Zyyy", "Zinh", "Arab", "Armn", "Beng", "Bopo", "Cyrl", "Deva", "Ethi", "Geor", "Grek", "Gujr", "Guru",
            "Hang", "Hani", "Hebr", "Hira", "Knda", "Kana", "Khmr", "Laoo", "Latn", "Mlym", "Mymr", "Orya", "Sinh",
            "Taml", "Telu", "Thaa", "Thai", "Tibt",
        ].map(code))

    /// UAX #31 Table 7, Limited Use Scripts (Unicode 15.0): living scripts with few users in identifiers.
    static let limitedUse: ScriptSet = ScriptSet(
        [
            "Adlm", "Bali", "Bamu", "Batk", "Cakm", "Cans", "Cham", "Cher", "Hmnp", "Java", "Kali", "Lana",
            "Lepc", "Limb", "Lisu", "Mand", "Mtei", "Mong", "Newa", "Nkoo", "Olck", "Osge", "Plrd", "Rohg", "Saur",
            "Sund", "Sylo", "Syrc", "Tale", "Talu", "Tavt", "Tfng", "Vaii", "Wcho", "Yiii",
        ].map(code)
    ).intersection(ScriptSet.all.subtracting(recommended))

    /// Scripts used with Latin in East Asian writing (UTS #39 §5.2, Highly Restrictive).
    static let eastAsian: ScriptSet = ScriptSet([hanb, jpan, kore])
    static let cjk: ScriptSet = ScriptSet([han, hiragana, katakana, hangul, bopomofo])

    private static let names: [String] = (0..<256).map { code -> String in
        var buffer = [CChar](repeating: 0, count: 16)
        let length = buffer.withUnsafeMutableBufferPointer { cu_script_code_name(Int32(code), $0.baseAddress, 16) }
        return length > 0 ? String(decoding: buffer[0..<Int(length)].map { UInt8(bitPattern: $0) }, as: UTF8.self) : ""
    }

    static func code(_ name: String) -> Int32 { Int32(names.firstIndex(of: name) ?? 255) }
    static func name(_ code: Int32) -> String { code >= 0 && code < 256 ? names[Int(code)] : "Zzzz" }

    /// Script_Extensions of a scalar; Common and Inherited are returned as themselves.
    static func extensions(_ scalar: UInt32) -> ScriptSet {
        if scalar < 0x80 {
            let isLetter = (scalar | 0x20) >= 0x61 && (scalar | 0x20) <= 0x7A
            return ScriptSet([isLetter ? latin : common])
        }
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: 16) { codes in
            let count = Int(min(cu_script_extensions(scalar, codes.baseAddress, 16), 16))
            var set = ScriptSet()
            for index in 0..<count { set.insert(codes[index]) }
            return set
        }
    }

    /// The augmented script set of UTS #39 §5.1 (Han adds Hanb, Jpan and Kore; kana add Jpan; Hangul adds
    /// Kore; Bopomofo adds Hanb), or `.all` for Common and Inherited.
    static func augmented(_ set: ScriptSet) -> ScriptSet {
        if set.contains(common) || set.contains(inherited) { return .all }
        var result = set
        if set.contains(han) {
            result.insert(hanb)
            result.insert(jpan)
            result.insert(kore)
        }
        if set.contains(hiragana) || set.contains(katakana) { result.insert(jpan) }
        if set.contains(hangul) { result.insert(kore) }
        if set.contains(bopomofo) { result.insert(hanb) }
        return result
    }

    /// The long name of the first script of a set, for messages ("Cyrillic").
    static func longName(_ set: ScriptSet) -> String {
        if set.contains(common) || set.contains(inherited) { return "Common" }
        guard let code = set.codes.first else { return "Unknown" }
        var buffer = [CChar](repeating: 0, count: 64)
        let length = buffer.withUnsafeMutableBufferPointer { cu_script_long_name(code, $0.baseAddress, 64) }
        return String(decoding: buffer[0..<Int(length)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            .replacingUnderscores()
    }

    /// The first script of a set, for evidence ("Cyrl").
    static func primaryName(_ set: ScriptSet) -> String {
        if set.contains(common) { return "Zyyy" }
        if set.contains(inherited) { return "Zinh" }
        return set.codes.first.map(name) ?? "Zzzz"
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String { String(map { $0 == "_" ? " " : $0 }) }
}
