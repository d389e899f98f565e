import CUnicode

/// The Bidi Rule of RFC 5893 §2, which PRECIS profiles apply to strings containing right-to-left characters.
public enum BidiRule {
    /// Whether any scalar has Bidi_Class R, AL or AN (RFC 5893 §1.4: what makes a label an "RTL label").
    public static func containsRightToLeft(_ scalars: [UInt32]) -> Bool {
        scalars.contains { $0 >= 0x0590 && isRightToLeft(Int(cu_bidi_class($0))) }
    }

    @inline(__always)
    static func isRightToLeft(_ bidi: Int) -> Bool {
        bidi == CU_BIDI_R || bidi == CU_BIDI_AL || bidi == CU_BIDI_AN
    }

    private static let leftToRightAllowed: Set<Int> = [
        CU_BIDI_L, CU_BIDI_EN, CU_BIDI_ES, CU_BIDI_CS, CU_BIDI_ET, CU_BIDI_ON, CU_BIDI_BN, CU_BIDI_NSM,
    ]
    private static let rightToLeftAllowed: Set<Int> = [
        CU_BIDI_R, CU_BIDI_AL, CU_BIDI_AN, CU_BIDI_EN, CU_BIDI_ES, CU_BIDI_CS, CU_BIDI_ET, CU_BIDI_ON, CU_BIDI_BN,
        CU_BIDI_NSM,
    ]

    /// The first of the rule's six conditions that `scalars` violates, with the index of the offending scalar,
    /// or nil if the string satisfies the rule. The empty string satisfies it.
    public static func violation(_ scalars: [UInt32]) -> (condition: Int, index: Int)? {
        guard !scalars.isEmpty else { return nil }
        let classes = scalars.map { Int(cu_bidi_class($0)) }
        let isLTR = classes[0] == CU_BIDI_L
        // Condition 1: the first character is L, R or AL.
        guard isLTR || classes[0] == CU_BIDI_R || classes[0] == CU_BIDI_AL else { return (1, 0) }
        // Conditions 2 and 5: only the classes allowed for the label's direction.
        let allowed = isLTR ? leftToRightAllowed : rightToLeftAllowed
        if let bad = classes.firstIndex(where: { !allowed.contains($0) }) { return (isLTR ? 5 : 2, bad) }
        // Conditions 3 and 6: the last character that is not NSM.
        let lastIndex = classes.lastIndex { $0 != CU_BIDI_NSM } ?? 0
        let last = classes[lastIndex]
        let endsWell =
            isLTR
            ? (last == CU_BIDI_L || last == CU_BIDI_EN)
            : (last == CU_BIDI_R || last == CU_BIDI_AL || last == CU_BIDI_EN || last == CU_BIDI_AN)
        if !endsWell { return (isLTR ? 6 : 3, lastIndex) }
        // Condition 4: EN and AN never together in an RTL label.
        if !isLTR, let en = classes.firstIndex(of: CU_BIDI_EN), let an = classes.firstIndex(of: CU_BIDI_AN) {
            return (4, max(en, an))
        }
        return nil
    }
}
