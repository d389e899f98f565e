/// Visual lookalikes that Unicode's confusables.txt (as shipped in ICU 72) does not map to the character they
/// imitate. Each entry was judged on common sans-serif and CJK fonts; they extend the skeleton (UTS #39 §4) so
/// that `七est` meets `test` and `੨੨੨` meets `222`. Only characters that are valid in some JID part are listed.
enum Lookalikes {
    /// Character → the ASCII text it imitates. Applied before the UTS #39 skeleton mapping.
    static let supplementary: [UInt32: String] = {
        var table: [UInt32: String] = [:]
        func add(_ text: String, _ scalars: String) {
            for scalar in scalars.unicodeScalars { table[scalar.value] = text }
        }
        // Letters with a stroke or bar that reads as another letter.
        add("t", "\u{0142}\u{0167}")  // ł ŧ: the crossed stem reads as t
        add("P", "\u{13B5}")  // Cherokee LI
        // Dashes and one-stroke ideographs that read as a hyphen.
        add("-", "\u{2014}\u{2015}\u{2500}\u{2501}\u{23AF}\u{2E3A}\u{2E3B}\u{4E00}\u{30FC}\u{3127}\u{2CBB}")
        // Ideographs and Bopomofo built from one or two strokes.
        add("t", "\u{4E03}\u{4E05}\u{4E06}\u{4E01}")  // 七 丅 丆 丁
        add("y", "\u{4E2B}")  // 丫
        add("x", "\u{4E42}\u{3128}")  // 乂 ㄨ
        add("4", "\u{4E29}\u{3110}")  // 丩 ㄐ
        add("l", "\u{4E28}")  // 丨
        add("T", "\u{3112}")  // ㄒ
        add("Y", "\u{311A}")  // ㄚ
        add("I", "\u{5DE5}")  // 工
        add("+", "\u{5341}")  // 十
        add("O", "\u{3007}")  // 〇
        add("/", "\u{4E3F}\u{30CE}")  // 丿 ノ
        // Digits and letters of other scripts that read as ASCII digits.
        add("o", "\u{0966}\u{09E6}\u{0A66}\u{0AE6}\u{0B30}\u{0B66}\u{0CE6}\u{1005}")
        add("0", "\u{03B8}")
        add("2", "\u{0968}\u{09E8}\u{0A68}\u{0AE8}\u{0E52}")
        add("3", "\u{0437}\u{0499}\u{04E1}\u{0909}\u{0993}\u{0A24}\u{0A69}\u{0AE9}\u{0C69}\u{1012}\u{10D5}\u{10DE}")
        add("3", "\u{0A5C}\u{10D9}")
        add("4", "\u{0A6B}")
        add("6", "\u{0573}")
        add("2", "\u{0577}")
        add("8", "\u{09EA}\u{0A6A}\u{0B6B}")
        add("9", "\u{0AED}\u{0B68}\u{0C68}")
        add("q", "\u{09ED}\u{0A67}\u{0AE7}")
        add("d", "\u{0503}\u{10EB}")
        add("w", "\u{03C9}\u{0448}\u{0449}\u{0E1F}\u{0E9F}")
        add("n", "\u{014B}\u{043F}\u{0525}\u{0E01}")
        add("k", "\u{0138}\u{03BA}\u{043A}\u{049B}\u{049D}\u{049F}\u{04A1}\u{04C4}")
        add("h", "\u{0127}\u{043D}\u{045B}\u{04A3}\u{04A5}\u{04C8}\u{04CA}\u{050B}")
        add("b", "\u{0185}\u{044C}\u{048D}\u{0432}")
        add("m", "\u{043C}\u{04CE}")
        add("e", "\u{0454}\u{04BD}\u{04BF}")
        add("r", "\u{0491}")
        add("f", "\u{0493}\u{04FB}")
        add("c", "\u{04AB}")
        add("y", "\u{04B1}")
        add("x", "\u{03C7}\u{04B3}\u{04FD}\u{04FF}")
        add("g", "\u{050D}")
        add("u", "\u{0E1A}\u{0E9A}")
        add("s", "\u{0D1F}\u{0E23}\u{0EA3}")
        return table
    }()

    /// Characters whose UTS #39 image is an ASCII letter other than the one they pass for in names: the small
    /// Cyrillic palochka is a bare vertical stroke, like its capital (whose image is `l`), not a dotted `i`.
    static func asciiOverride(_ scalar: UInt32) -> UInt32 { hasASCIIOverride(scalar) ? 0x6C : scalar }
    static func hasASCIIOverride(_ scalar: UInt32) -> Bool { scalar == 0x04CF }

    /// CJK and kana characters of one or two strokes that pass for ASCII punctuation or letters when they
    /// stand next to Latin letters (`ip一address`, `google丶com`). Between two ideographs they are ordinary.
    static let strokeLikeCJK: Set<UInt32> = [
        0x4E00, 0x4E01, 0x4E03, 0x4E05, 0x4E06, 0x4E28, 0x4E29, 0x4E2B, 0x4E36, 0x4E3F, 0x4E40, 0x4E41, 0x4E42,
        0x4E5B, 0x5341, 0x5DE5, 0x8BA0, 0x3007, 0x30CE, 0x30FC, 0x3108, 0x3110, 0x3112, 0x311A, 0x311F, 0x3127,
        0x3128, 0x3129, 0x31B3, 0x31BA, 0x30FB, 0x3099, 0x309A, 0x309B, 0x309C, 0x30FD, 0x30FE, 0x309D, 0x309E,
    ]

    /// Letters with a stroke or bar that canonical decomposition does not remove; the folded key (diacritics
    /// removed) maps them to the base letter. All are between U+0080 and U+0300.
    static let strokeFolding: [UInt32: UInt32] = [
        0x0142: 0x6C, 0x00F8: 0x6F, 0x0111: 0x64, 0x0127: 0x68, 0x0167: 0x74, 0x0180: 0x62, 0x0268: 0x69,
        0x01B6: 0x7A, 0x01E5: 0x67, 0x024D: 0x72, 0x0289: 0x75, 0x023C: 0x63, 0x0247: 0x65, 0x0249: 0x6A,
        0x0131: 0x69, 0x0237: 0x6A,
    ]

    /// Modifier letters that pass for an apostrophe or quotation mark. (Hebrew geresh and gershayim are
    /// ordinary among Hebrew letters; next to another script the mixed-script check sees them.)
    static let quoteLike: Set<UInt32> = [0x02B9, 0x02BA, 0x02BB, 0x02BC, 0x02BD, 0x02C8, 0xA78C]

    /// IDNA2008/IDNA2003 deviation characters (UTS #46 §4.4): the two standards send them to different hosts.
    static let idnaDeviations: Set<UInt32> = [0x00DF, 0x03C2, 0x200C, 0x200D]
}
