import CUnicode
import JIDCore

/// Skeletons (UTS #39 §4) and the diacritic-folded form, on UTF-32 text.
///
/// `skeleton` is ICU's skeleton after the supplementary lookalikes of `Lookalikes.supplementary` are replaced by
/// the ASCII they imitate. For ASCII input it comes from a 128-entry table filled from ICU itself, so both paths
/// give the same result (a test checks every ASCII character and random ASCII strings).
public enum Skeleton {
    /// ICU's skeleton of each ASCII character, four slots per character: the length (1 to 3; `%` is "º/₀"),
    /// then the scalars.
    private static let asciiTable: [UInt32] = (0..<128).flatMap { character -> [UInt32] in
        let image = icuSkeleton([UInt32(character)])
        precondition((1...3).contains(image.count), "ASCII skeletons are one to three characters")
        return [UInt32(image.count)] + image + Array(repeating: 0, count: 3 - image.count)
    }

    /// The supplementary lookalikes keyed by their ICU skeleton image, so that everything ICU already treats
    /// as the same glyph follows (`в` and `ʙ` share the image `ʙ`; mapping the image keeps them together).
    /// Images are packed into one word (`packed`), so looking one up allocates nothing.
    private static let supplementaryImages: [UInt64: [UInt32]] = {
        var table: [UInt64: [UInt32]] = [:]
        for (scalar, text) in Lookalikes.supplementary {
            let image = icuSkeleton([scalar])
            guard !isASCII(image), image.count <= maximumImageLength else { continue }
            table[packed(image[...])] = icuSkeleton(text.unicodeScalars.map(\.value))
        }
        return table
    }()
    private static let maximumImageLength = 3

    /// Up to three scalars (21 bits each) in one word; images never hold U+0000, so lengths stay apart.
    private static func packed(_ image: ArraySlice<UInt32>) -> UInt64 {
        var word: UInt64 = 0
        for (position, scalar) in image.enumerated() { word |= UInt64(scalar) << UInt64(21 * position) }
        return word
    }
    /// The lengths of the keys of `supplementaryImages` that start with each BMP scalar (bit n − 1 for length n;
    /// keys starting beyond the BMP share the last entry): a cheap test before building keys to look up, and
    /// only the lengths that exist are looked up.
    private static let supplementaryLengths: [UInt8] = {
        var lengths = [UInt8](repeating: 0, count: 0x10001)
        for key in supplementaryImages.keys {
            var length = 1
            while length < maximumImageLength && key >> UInt64(21 * length) != 0 { length += 1 }
            lengths[Int(min(key & 0x1F_FFFF, 0x10000))] |= 1 << UInt8(length - 1)
        }
        return lengths
    }()

    private static func supplementaryImageLengths(startingWith scalar: UInt32) -> UInt8 {
        supplementaryLengths[Int(min(scalar, 0x10000))]
    }

    /// The skeleton of `scalars` (NFD → confusable mapping → NFD), with the supplementary lookalikes.
    public static func skeleton(_ scalars: [UInt32]) -> [UInt32] {
        if isASCII(scalars) { return asciiSkeleton(scalars, uppercased: false) }
        // Characters whose ICU image is ASCII but the wrong letter are replaced before the mapping.
        let mapped =
            scalars.contains(where: Lookalikes.hasASCIIOverride) ? scalars.map(Lookalikes.asciiOverride) : scalars
        let image = concatenatedImages(mapped) ?? icuSkeleton(mapped)
        if !image.contains(where: { supplementaryImageLengths(startingWith: $0) != 0 }) { return image }
        var result: [UInt32] = []
        result.reserveCapacity(image.count)
        var index = 0
        outer: while index < image.count {
            let lengths = supplementaryImageLengths(startingWith: image[index])
            if lengths != 0 {
                for length in stride(from: min(maximumImageLength, image.count - index), through: 1, by: -1)
                where lengths & 1 << UInt8(length - 1) != 0 {
                    if let replacement = supplementaryImages[packed(image[index..<index + length])] {
                        result.append(contentsOf: replacement)
                        index += length
                        continue outer
                    }
                }
            }
            result.append(image[index])
            index += 1
        }
        return result
    }

    /// For parts compared without case: the skeleton in lower case, so that `d4ooo` meets `d4000` (skeleton
    /// `d4OOO`) as it would when displayed in capitals.
    public static func lowercasedSkeleton(_ scalars: [UInt32]) -> [UInt32] { lowercase(skeleton(scalars)) }

    static func lowercase(_ image: [UInt32]) -> [UInt32] {
        func lower(_ scalar: UInt32) -> UInt32 {
            scalar < 0x80 ? (scalar >= 0x41 && scalar <= 0x5A ? scalar | 0x20 : scalar) : cu_simple_lower(scalar)
        }
        // Most skeletons are already in lower case: then the key is the skeleton itself, not a copy.
        guard let first = image.firstIndex(where: { lower($0) != $0 }) else { return image }
        var result = image
        for index in first..<result.count { result[index] = lower(result[index]) }
        return result
    }

    /// ICU's skeleton of each BMP code point, flat: `bmpOffsets[c]` and `bmpOffsets[c + 1]` bound its image in
    /// `bmpData`. The high bit of `bmpOffsets[c]` marks code points the concatenation shortcut cannot take.
    private static let bmp: (offsets: [UInt32], data: [UInt32]) = {
        var offsets: [UInt32] = []
        offsets.reserveCapacity(0x10001)
        var data: [UInt32] = []
        data.reserveCapacity(0x12000)
        for scalar in UInt32(0)..<0x10000 {
            let surrogate = (0xD800...0xDFFF).contains(scalar)
            let image = surrogate ? [] : icuSkeleton([scalar])
            let eligible =
                !surrogate && cu_combining_class(scalar) == 0 && !image.isEmpty && cu_combining_class(image[0]) == 0
            offsets.append(UInt32(data.count) | (eligible ? 0 : ineligible))
            data.append(contentsOf: image)
        }
        offsets.append(UInt32(data.count))
        return (offsets, data)
    }()
    private static let ineligible: UInt32 = 0x8000_0000

    /// The skeleton as the concatenation of each character's skeleton, when that equals ICU's: every character
    /// is a BMP starter whose image starts with a starter, so each image is in NFD, no canonical reordering can
    /// cross from one image into the next, and NFD(map(NFD(x))) is the concatenation. Nil otherwise (a test
    /// compares the two on every BMP character and on generated names).
    public static func concatenatedImages(_ scalars: [UInt32]) -> [UInt32]? { concatenate(scalars, bmp) }

    /// NFD of each BMP code point, flat as in `bmp`, with the same high-bit mark for code points that are not
    /// starters or whose decomposition does not start with one.
    private static let bmpDecompositions: (offsets: [UInt32], data: [UInt32]) = {
        var offsets: [UInt32] = []
        offsets.reserveCapacity(0x10001)
        var data: [UInt32] = []
        data.reserveCapacity(0x11000)
        for scalar in UInt32(0)..<0x10000 {
            let surrogate = (0xD800...0xDFFF).contains(scalar)
            let decomposition = surrogate ? [] : UnicodeText.normalize([scalar][...], .nfd)
            let eligible =
                !surrogate && cu_combining_class(scalar) == 0 && !decomposition.isEmpty
                && cu_combining_class(decomposition[0]) == 0
            offsets.append(UInt32(data.count) | (eligible ? 0 : ineligible))
            data.append(contentsOf: decomposition)
        }
        offsets.append(UInt32(data.count))
        return (offsets, data)
    }()

    /// NFD as the concatenation of each character's NFD, under the same conditions as `concatenatedImages`
    /// (a test compares it with ICU's NFD).
    public static func concatenatedDecompositions(_ scalars: [UInt32]) -> [UInt32]? {
        concatenate(scalars, bmpDecompositions)
    }

    private static func concatenate(_ scalars: [UInt32], _ table: (offsets: [UInt32], data: [UInt32])) -> [UInt32]? {
        table.offsets.withUnsafeBufferPointer { offsets -> [UInt32]? in
            table.data.withUnsafeBufferPointer { data -> [UInt32]? in
                var result: [UInt32] = []
                result.reserveCapacity(scalars.count + 4)
                for scalar in scalars {
                    guard scalar < 0x10000 else { return nil }
                    let start = offsets[Int(scalar)]
                    guard start & ineligible == 0 else { return nil }
                    let end = offsets[Int(scalar) + 1] & ~ineligible
                    // Element by element: images are one to a few scalars, for which `append(contentsOf:)` of a
                    // slice costs several times the copy.
                    for position in Int(start)..<Int(end) { result.append(data[position]) }
                }
                return result
            }
        }
    }

    /// The skeleton of the upper-case form: for parts that compare without case, `ᏚᎢᎵᎬᎢᎬᏒ` (enforced to small
    /// Cherokee letters) and `stpeter` meet here as `STPETER`.
    /// `skeleton`, when given, is the skeleton of `scalars`, taken as it is when upper case changes nothing
    /// (caseless scripts, names already in capitals).
    public static func upperSkeleton(_ scalars: [UInt32], skeleton known: [UInt32]? = nil) -> [UInt32] {
        if isASCII(scalars) {
            // The table's images of the capitals, read in one pass (no upper-case copy).
            if let known, !scalars.contains(where: { $0 >= 0x61 && $0 <= 0x7A }) { return known }
            return asciiSkeleton(scalars, uppercased: true)
        }
        // Simple (one-to-one) mappings: a comparison key, computed the same way on both sides.
        let upper = scalars.map { $0 < 0x80 ? ($0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0) : cu_simple_upper($0) }
        if let known, upper == scalars { return known }
        return skeleton(upper)
    }

    /// Diacritics removed: NFD, nonspacing marks dropped, stroked letters (ł ø đ ħ …) to their base letter,
    /// NFC again. `tést` and `łukasz` fold to `test` and `lukasz`.
    public static func folded(_ scalars: [UInt32]) -> [UInt32] {
        guard let stripped = strippedDecomposition(scalars) else { return scalars }
        return UnicodeText.normalize(stripped[...], .nfc)
    }

    /// The skeleton of the folded form. The skeleton starts with NFD, so the NFC step of `folded` is skipped.
    /// `skeleton`, when given, is the skeleton of `scalars`, taken as it is when folding changes nothing.
    public static func foldedSkeleton(_ scalars: [UInt32], skeleton known: [UInt32]? = nil) -> [UInt32] {
        guard let stripped = strippedDecomposition(scalars) else { return known ?? skeleton(scalars) }
        return skeleton(stripped)
    }

    /// NFD without nonspacing marks and with stroked letters replaced; nil when that changes nothing. Without
    /// `shortcuts`, the decomposition is always ICU's and always built (for equivalence tests).
    private static func strippedDecomposition(_ scalars: [UInt32], shortcuts: Bool = true) -> [UInt32]? {
        if shortcuts && !mayFold(scalars) { return nil }
        let decomposed =
            (shortcuts ? concatenatedDecompositions(scalars) : nil) ?? UnicodeText.normalize(scalars[...], .nfd)
        var stripped: [UInt32] = []
        stripped.reserveCapacity(decomposed.count)
        var changed = false
        for scalar in decomposed {
            if scalar >= 0x300 && cu_general_category(scalar) == CU_GC_Mn {
                changed = true
            } else if scalar >= 0x80 && scalar < 0x300, let base = Lookalikes.strokeFolding[scalar] {
                stripped.append(base)
                changed = true
            } else {
                stripped.append(scalar)
            }
        }
        return changed ? stripped : nil
    }

    /// False when folding certainly changes nothing, found without building the decomposition: every scalar is
    /// ASCII, or a BMP starter that is its own decomposition, neither a nonspacing mark nor a stroked letter.
    /// (Then the NFD is the text itself and nothing in it is dropped or replaced.) True means "look".
    private static func mayFold(_ scalars: [UInt32]) -> Bool {
        bmpDecompositions.offsets.withUnsafeBufferPointer { offsets in
            bmpDecompositions.data.withUnsafeBufferPointer { data in
                for scalar in scalars where scalar >= 0x80 {
                    guard scalar < 0x10000 else { return true }
                    let start = offsets[Int(scalar)]
                    guard start & ineligible == 0 else { return true }
                    let end = offsets[Int(scalar) + 1] & ~ineligible
                    guard end == start + 1, data[Int(start)] == scalar else { return true }
                    let folds =
                        scalar >= 0x300
                        ? cu_general_category(scalar) == CU_GC_Mn : Lookalikes.strokeFolding[scalar] != nil
                    if folds { return true }
                }
                return false
            }
        }
    }

    /// The skeleton of a string, as a string.
    public static func skeleton(_ text: String) -> String {
        UnicodeText.string(skeleton(text.unicodeScalars.map(\.value)))
    }

    /// ICU's skeleton without the supplementary lookalikes or shortcuts, for equivalence tests.
    public static func icuSkeletonForTesting(_ scalars: [UInt32]) -> [UInt32] { icuSkeleton(scalars) }

    /// The folded form without the shortcuts (`mayFold`, per-character decompositions), for equivalence tests.
    public static func foldedWithoutShortcutsForTesting(_ scalars: [UInt32]) -> [UInt32] {
        guard let stripped = strippedDecomposition(scalars, shortcuts: false) else { return scalars }
        return UnicodeText.normalize(stripped[...], .nfc)
    }

    /// ICU's NFD, for equivalence tests.
    public static func icuDecompositionForTesting(_ scalars: [UInt32]) -> [UInt32] {
        UnicodeText.normalize(scalars[...], .nfd)
    }

    static func icuSkeleton(_ scalars: [UInt32]) -> [UInt32] {
        UnicodeText.transform(scalars[...]) { cu_confusable_skeleton($0, $1, $2, $3) }
    }

    /// The skeleton of one character, as text, when it differs from the character's NFD.
    static func image(of scalar: UInt32) -> String? {
        if scalar < 0x80 { return asciiImages[Int(scalar)] }
        if scalar < 0x10000 { return bmpImages[scalar] }
        return computeImage(scalar)
    }

    private static func computeImage(_ scalar: UInt32) -> String? {
        let image = skeleton([scalar])
        guard image != UnicodeText.normalize([scalar][...], .nfd) else { return nil }
        return UnicodeText.string(image)
    }

    private static let asciiImages: [String?] = (0..<128).map { computeImage(UInt32($0)) }

    /// The images of the Basic Multilingual Plane, computed once (about 60 ms): scoring asks for the image of
    /// most characters it sees.
    private static let bmpImages: [UInt32: String] = {
        var table: [UInt32: String] = [:]
        for scalar in UInt32(0x80)..<0x10000 where !(0xD800...0xDFFF).contains(scalar) {
            if let image = computeImage(scalar) { table[scalar] = image }
        }
        return table
    }()

    static func isASCII(_ scalars: [UInt32]) -> Bool { scalars.allSatisfy { $0 < 0x80 } }

    /// The skeleton of ASCII `scalars` from the table, of their capitals when `uppercased` (a–z read as A–Z).
    private static func asciiSkeleton(_ scalars: [UInt32], uppercased: Bool) -> [UInt32] {
        // (`reserveCapacity` and `append`: `Array(unsafeUninitializedCapacity:)` takes an unspecialized path that
        // costs more than the whole loop.)
        var result: [UInt32] = []
        result.reserveCapacity(scalars.count + 4)
        asciiTable.withUnsafeBufferPointer { table in
            for scalar in scalars {
                let character = uppercased && scalar >= 0x61 && scalar <= 0x7A ? scalar &- 0x20 : scalar
                let base = Int(character & 0x7F) &* 4
                result.append(table[base + 1])
                if table[base] > 1 {
                    result.append(table[base + 2])
                    if table[base] > 2 { result.append(table[base + 3]) }
                }
            }
        }
        return result
    }
}
