import CUnicode
import JIDCore

/// Skeletons (UTS #39 §4) and the diacritic-folded form, on UTF-32 text.
///
/// `skeleton` is ICU's skeleton after the supplementary lookalikes of `Lookalikes.supplementary` are replaced by
/// the ASCII they imitate. For ASCII input it comes from a 128-entry table filled from ICU itself, so both paths
/// give the same result (a test checks every ASCII character and random ASCII strings).
public enum Skeleton {
    /// ICU's skeleton of each ASCII character.
    private static let asciiTable: [[UInt32]] = (0..<128).map { icuSkeleton([UInt32($0)]) }

    /// The supplementary lookalikes keyed by their ICU skeleton image, so that everything ICU already treats
    /// as the same glyph follows (`в` and `ʙ` share the image `ʙ`; mapping the image keeps them together).
    private static let supplementaryImages: [[UInt32]: [UInt32]] = {
        var table: [[UInt32]: [UInt32]] = [:]
        for (scalar, text) in Lookalikes.supplementary {
            let image = icuSkeleton([scalar])
            guard !isASCII(image), image.count <= maximumImageLength else { continue }
            table[image] = icuSkeleton(text.unicodeScalars.map(\.value))
        }
        return table
    }()
    private static let maximumImageLength = 3

    /// The skeleton of `scalars` (NFD → confusable mapping → NFD), with the supplementary lookalikes.
    public static func skeleton(_ scalars: [UInt32]) -> [UInt32] {
        if isASCII(scalars) {
            var result: [UInt32] = []
            result.reserveCapacity(scalars.count + 4)
            for scalar in scalars { result.append(contentsOf: asciiTable[Int(scalar)]) }
            return result
        }
        // Characters whose ICU image is ASCII but the wrong letter are replaced before the mapping.
        let image = icuSkeleton(scalars.map { Lookalikes.asciiOverrides[$0] ?? $0 })
        var result: [UInt32] = []
        result.reserveCapacity(image.count)
        var index = 0
        outer: while index < image.count {
            if image[index] >= 0x80 || (index + 1 < image.count && image[index + 1] >= 0x80) {
                for length in stride(from: min(maximumImageLength, image.count - index), through: 1, by: -1) {
                    if let replacement = supplementaryImages[Array(image[index..<index + length])] {
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
    public static func lowercasedSkeleton(_ scalars: [UInt32]) -> [UInt32] {
        let image = skeleton(scalars)
        if isASCII(image) { return image.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 } }
        return UnicodeText.lowercased(image)
    }

    /// The skeleton of the upper-case form: for parts that compare without case, `ᏚᎢᎵᎬᎢᎬᏒ` (enforced to small
    /// Cherokee letters) and `stpeter` meet here as `STPETER`.
    public static func upperSkeleton(_ scalars: [UInt32]) -> [UInt32] {
        let upper: [UInt32]
        if scalars.allSatisfy({ $0 < 0x80 }) {
            upper = scalars.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }
        } else {
            upper = UnicodeText.transform(scalars[...]) { cu_to_upper_string($0, $1, $2, $3) }
        }
        return skeleton(upper)
    }

    /// Diacritics removed: NFD, nonspacing marks dropped, stroked letters (ł ø đ ħ …) to their base letter,
    /// NFC again. `tést` and `łukasz` fold to `test` and `lukasz`.
    public static func folded(_ scalars: [UInt32]) -> [UInt32] {
        if scalars.allSatisfy({ $0 < 0x80 }) { return scalars }
        let decomposed = UnicodeText.normalize(scalars[...], .nfd)
        var stripped: [UInt32] = []
        stripped.reserveCapacity(decomposed.count)
        for scalar in decomposed where cu_general_category(scalar) != CU_GC_Mn {
            stripped.append(Lookalikes.strokeFolding[scalar] ?? scalar)
        }
        return UnicodeText.normalize(stripped[...], .nfc)
    }

    /// The skeleton of a string, as a string.
    public static func skeleton(_ text: String) -> String {
        UnicodeText.string(skeleton(text.unicodeScalars.map(\.value)))
    }

    static func icuSkeleton(_ scalars: [UInt32]) -> [UInt32] {
        UnicodeText.transform(scalars[...]) { cu_confusable_skeleton($0, $1, $2, $3) }
    }

    /// The skeleton of one character, as text, when it differs from the character.
    static func image(of scalar: UInt32) -> String? {
        let image = skeleton([scalar])
        guard image != UnicodeText.normalize([scalar][...], .nfd) else { return nil }
        return UnicodeText.string(image)
    }

    static func isASCII(_ scalars: [UInt32]) -> Bool { scalars.allSatisfy { $0 < 0x80 } }
}
