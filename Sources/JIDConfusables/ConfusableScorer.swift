import CUnicode
public import JIDCore

/// The confusable score of an address: a verdict, a 0–100 score for sorting, and the reasons.
public struct ConfusableScore: Sendable {
    public let verdict: ConfusableVerdict
    /// 0 for nothing found; each reason adds its weight (low 5, medium 30, high 70), capped at 100.
    public let score: Int
    public let reasons: [ConfusableReason]
    /// The enforced parts that were scored.
    let parts: [JIDPart: String]

    init(reasons: [ConfusableReason], parts: [JIDPart: String]) {
        self.reasons = reasons
        self.verdict = reasons.map(\.severity.verdict).max() ?? .ok
        self.score = min(100, reasons.reduce(0) { $0 + $1.severity.weight })
        self.parts = parts
    }

    /// The skeleton of each enforced part that was scored (absent parts, and the resourcepart unless scored,
    /// have none). Computed when asked for.
    public var skeletons: [JIDPart: String] { parts.mapValues(Skeleton.skeleton) }
}

/// Scores addresses for confusability (UTS #39 plus the checks ICU 72 no longer makes). Stateless and
/// thread-safe; the character data is loaded on first use.
public enum ConfusableScorer {
    /// The data the skeletons come from: ICU's confusables.txt for its Unicode version.
    public static var dataVersion: UnicodeVersions { .current }

    /// Loads the character data (exemplar letters of every locale, the skeleton tables) now rather than on the
    /// first non-ASCII name, which would otherwise wait about 0.2 s.
    public static func prepare() {
        _ = cu_is_exemplar_letter(0x61)
        _ = cu_identifier_allowed(0x61)
        _ = Skeleton.skeleton([0x61, 0x430])
        _ = Skeleton.concatenatedImages([0x430])
        _ = Skeleton.concatenatedDecompositions([0xE9])
        _ = Skeleton.image(of: 0x430)
        // Every other table a score reads (scripts, mixed-script sets, lookalike lists): one mixed-script name.
        _ = score(part: .localpart, "\u{430}ppl\u{E9}1\u{661}")
    }

    /// Scores the localpart, each domain label and, when `includeResource` is set, the resourcepart.
    public static func score(_ jid: JID, includeResource: Bool = false) -> ConfusableScore {
        var reasons: [ConfusableReason] = []
        var parts: [JIDPart: String] = [.domainpart: jid.domainpart]
        if let localpart = jid.localpart {
            parts[.localpart] = localpart
            if !isASCII(localpart) {
                reasons += LabelAnalysis.reasons(localpart.unicodeScalars.map(\.value), base: 0, part: .localpart)
            }
        }
        // IP literals and ASCII names have nothing to confuse.
        if !isASCII(jid.domainpart) {
            let domain = jid.domainpart.unicodeScalars.map(\.value)
            var start = 0
            for index in 0...domain.count where index == domain.count || domain[index] == 0x2E {
                reasons += LabelAnalysis.reasons(Array(domain[start..<index]), base: start, part: .domainpart)
                start = index + 1
            }
        }
        if includeResource, let resource = jid.resourcepart {
            parts[.resourcepart] = resource
            if !isASCII(resource) {
                reasons += LabelAnalysis.reasons(resource.unicodeScalars.map(\.value), base: 0, part: .resourcepart)
            }
        }
        return ConfusableScore(reasons: reasons, parts: parts)
    }

    private static func isASCII(_ text: String) -> Bool { text.utf8.allSatisfy { $0 < 0x80 } }

    /// Scores one string as the given part would hold it (already enforced).
    public static func score(part: JIDPart, _ text: String) -> ConfusableScore {
        let scalars = text.unicodeScalars.map(\.value)
        return ConfusableScore(reasons: LabelAnalysis.reasons(scalars, base: 0, part: part), parts: [part: text])
    }
}
