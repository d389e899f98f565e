public import JIDCore

/// How alike two names are, strongest first.
public enum ConfusableRelation: String, Sendable, Comparable, CaseIterable {
    /// The same name once enforced: not a lookalike, the same address.
    case identical
    /// Equal skeletons (UTS #39 §4): they can be drawn the same (`paypa1`/`paypal`, `аpple`/`apple`).
    case skeleton
    /// Equal once diacritics are removed (`tést`/`test`).
    case folded
    /// One character apart after folding (`ést`/`test`): a typo, not a lookalike.
    case edit1
    case distinct

    private var rank: Int {
        switch self {
        case .identical: return 0
        case .skeleton: return 1
        case .folded: return 2
        case .edit1: return 3
        case .distinct: return 4
        }
    }

    /// `identical` < `skeleton` < … < `distinct`: smaller is more alike.
    public static func < (lhs: ConfusableRelation, rhs: ConfusableRelation) -> Bool { lhs.rank < rhs.rank }

    /// True for the relations that make two different names lookalikes.
    public var isLookalike: Bool { self == .skeleton || self == .folded }
}

/// Aligned characters that differ between the two names of a pair.
public struct ConfusableDifference: Sendable, Hashable {
    /// Offset in scalars in the first name (for an insertion, where it would go).
    public let index: Int
    /// The character of the first name ("" when the second has one more).
    public let a: String
    /// The character of the second name ("" when the first has one more).
    public let b: String
    /// The skeleton images of the two characters.
    public let aLooksLike: String
    public let bLooksLike: String
}

/// The comparison of one part of two names.
public struct ConfusablePartComparison: Sendable {
    public let part: JIDPart
    public let relation: ConfusableRelation
    public let differences: [ConfusableDifference]
}

/// The comparison of two names: the relation of the whole (that of the least alike part) and of each part.
public struct ConfusableComparison: Sendable {
    public let relation: ConfusableRelation
    public let parts: [ConfusablePartComparison]
}

public enum ConfusableComparer {
    /// Compares two addresses part by part, bare unless `includeResource`. Domains are compared label by label
    /// from the right: a subdomain of the other name is `distinct` (its owner controls it), a subdomain of a
    /// lookalike is as alike as the lookalike.
    public static func compare(_ a: JID, _ b: JID, includeResource: Bool = false) -> ConfusableComparison {
        var parts: [ConfusablePartComparison] = []
        switch (a.localpart, b.localpart) {
        case (nil, nil): break
        case (let x?, let y?): parts.append(compare(x, y, part: .localpart))
        default:
            parts.append(ConfusablePartComparison(part: .localpart, relation: .distinct, differences: []))
        }
        parts.append(compareDomains(a.domainpart, b.domainpart))
        if includeResource {
            switch (a.resourcepart, b.resourcepart) {
            case (nil, nil): break
            case (let x?, let y?): parts.append(compare(x, y, part: .resourcepart))
            default:
                parts.append(ConfusablePartComparison(part: .resourcepart, relation: .distinct, differences: []))
            }
        }
        return ConfusableComparison(relation: parts.map(\.relation).max() ?? .identical, parts: parts)
    }

    /// Compares two strings as they are (NFC, case kept): for text that is not an address.
    public static func compare(text a: String, _ b: String) -> ConfusableComparison {
        let x = UnicodeText.normalize(a.unicodeScalars.map(\.value)[...], .nfc)
        let y = UnicodeText.normalize(b.unicodeScalars.map(\.value)[...], .nfc)
        let result = compare(x, y, part: .resourcepart)
        return ConfusableComparison(relation: result.relation, parts: [result])
    }

    static func compare(_ a: String, _ b: String, part: JIDPart) -> ConfusablePartComparison {
        compare(a.unicodeScalars.map(\.value), b.unicodeScalars.map(\.value), part: part)
    }

    static func compare(_ x: [UInt32], _ y: [UInt32], part: JIDPart) -> ConfusablePartComparison {
        let relation = relation(x, y, caseless: part != .resourcepart)
        let differences = relation == .identical ? [] : align(x, y)
        return ConfusablePartComparison(part: part, relation: relation, differences: differences)
    }

    static func relation(_ x: [UInt32], _ y: [UInt32], caseless: Bool) -> ConfusableRelation {
        if x == y { return .identical }
        if Skeleton.skeleton(x) == Skeleton.skeleton(y) { return .skeleton }
        if caseless
            && (Skeleton.upperSkeleton(x) == Skeleton.upperSkeleton(y)
                || Skeleton.lowercasedSkeleton(x) == Skeleton.lowercasedSkeleton(y))
        {
            return .skeleton
        }
        let fx = Skeleton.foldedSkeleton(x)
        let fy = Skeleton.foldedSkeleton(y)
        if fx == fy { return .folded }
        return withinOneEdit(fx, fy) ? .edit1 : .distinct
    }

    private static func compareDomains(_ a: String, _ b: String) -> ConfusablePartComparison {
        let x = a.unicodeScalars.map(\.value)
        let y = b.unicodeScalars.map(\.value)
        if x == y { return ConfusablePartComparison(part: .domainpart, relation: .identical, differences: []) }
        let xl = x.split(separator: 0x2E, omittingEmptySubsequences: false).map(Array.init)
        let yl = y.split(separator: 0x2E, omittingEmptySubsequences: false).map(Array.init)
        if xl.count == yl.count { return compare(x, y, part: .domainpart) }
        // Right-aligned labels.
        let common = min(xl.count, yl.count)
        let xs = Array(xl.suffix(common)).joined(separator: [0x2E])
        let ys = Array(yl.suffix(common)).joined(separator: [0x2E])
        let aligned = compare(Array(xs), Array(ys), part: .domainpart)
        let relation: ConfusableRelation = aligned.relation == .identical ? .distinct : aligned.relation
        return ConfusablePartComparison(part: .domainpart, relation: relation, differences: aligned.differences)
    }

    private static func withinOneEdit(_ x: [UInt32], _ y: [UInt32]) -> Bool {
        if abs(x.count - y.count) > 1 { return false }
        var i = 0
        var j = 0
        var edits = 0
        while i < x.count && j < y.count {
            if x[i] == y[j] {
                i += 1
                j += 1
                continue
            }
            edits += 1
            if edits > 1 { return false }
            if x.count > y.count {
                i += 1
            } else if y.count > x.count {
                j += 1
            } else {
                i += 1
                j += 1
            }
        }
        return edits + (x.count - i) + (y.count - j) <= 1
    }

    /// The characters that differ, aligned by edit distance (substitutions, insertions and deletions).
    static func align(_ x: [UInt32], _ y: [UInt32]) -> [ConfusableDifference] {
        guard x.count <= 256 && y.count <= 256 else {
            return zip(x.indices, zip(x, y)).filter { $0.1.0 != $0.1.1 }.map { difference($0.0, $0.1.0, $0.1.1) }
        }
        let n = x.count
        let m = y.count
        var cost = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in 0...n { cost[i][0] = i }
        for j in 0...m { cost[0][j] = j }
        if n > 0 && m > 0 {
            for i in 1...n {
                for j in 1...m {
                    let substitute = cost[i - 1][j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)
                    cost[i][j] = min(substitute, cost[i - 1][j] + 1, cost[i][j - 1] + 1)
                }
            }
        }
        var result: [ConfusableDifference] = []
        var i = n
        var j = m
        while i > 0 || j > 0 {
            if i > 0 && j > 0 && cost[i][j] == cost[i - 1][j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1) {
                if x[i - 1] != y[j - 1] { result.append(difference(i - 1, x[i - 1], y[j - 1])) }
                i -= 1
                j -= 1
            } else if i > 0 && cost[i][j] == cost[i - 1][j] + 1 {
                result.append(difference(i - 1, x[i - 1], nil))
                i -= 1
            } else {
                result.append(difference(i, nil, y[j - 1]))
                j -= 1
            }
        }
        return result.reversed()
    }

    private static func difference(_ index: Int, _ a: UInt32?, _ b: UInt32?) -> ConfusableDifference {
        func text(_ scalar: UInt32?) -> String { scalar.map { UnicodeText.string([$0]) } ?? "" }
        func image(_ scalar: UInt32?) -> String { scalar.map { UnicodeText.string(Skeleton.skeleton([$0])) } ?? "" }
        return ConfusableDifference(index: index, a: text(a), b: text(b), aLooksLike: image(a), bLooksLike: image(b))
    }
}
