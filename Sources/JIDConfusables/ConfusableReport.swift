public import JIDCore

/// The answer for one input: its parse result, its score and, when checked against a registry, the registry's
/// verdict (and, for an operator, the conflicting names).
public struct ConfusableReport: Sendable {
    public let result: JIDResult
    /// Nil when the input is not a valid JID.
    public let score: ConfusableScore?
    /// Nil when no registry was consulted.
    public let registry: RegistryVerdict?
    /// The registered names it conflicts with, strongest first; nil unless they were asked for.
    public let conflicts: [RegistryConflict]?

    /// Parses and scores an input; with a registry, conflicts with registered names add the reasons
    /// `registered-skeleton` (high) and `registered-folded` (medium). Being registered already is not a reason.
    /// `listingConflicts` lists the conflicting names (for an operator); otherwise only the verdict is looked up,
    /// which costs the same however many registered names look alike.
    public init(
        _ result: JIDResult, includeResource: Bool = false, registry: ConfusableRegistry? = nil,
        listingConflicts: Bool = false
    ) {
        self.result = result
        guard let jid = result.jid else {
            self.score = nil
            self.registry = registry == nil ? nil : RegistryVerdict(taken: false, lookalike: nil)
            self.conflicts = registry != nil && listingConflicts ? [] : nil
            return
        }
        let base = ConfusableScorer.score(jid, includeResource: includeResource)
        guard let registry else {
            self.score = base
            self.registry = nil
            self.conflicts = nil
            return
        }
        let conflicts = listingConflicts ? registry.conflicts(for: jid) : nil
        let verdict = conflicts.map(RegistryVerdict.init(conflicts:)) ?? registry.verdict(for: jid)
        var reasons = base.reasons
        let part: JIDPart = jid.localpart == nil ? .domainpart : .localpart
        switch verdict.lookalike {
        case .skeleton:
            reasons.append(
                ConfusableReason(
                    code: .registeredSkeleton, severity: .high, part: part,
                    message: "Looks the same as a name that is already registered.", evidence: []))
        case .folded:
            reasons.append(
                ConfusableReason(
                    code: .registeredFolded, severity: .medium, part: part,
                    message: "Differs from a registered name only in accents or diacritics.", evidence: []))
        default: break
        }
        self.score = ConfusableScore(reasons: reasons, parts: base.parts)
        self.registry = verdict
        self.conflicts = conflicts
    }

    /// Writes the report as one JSON object. Unless the conflicts were listed (an operator's report), the registry
    /// part says only whether a lookalike exists and how strong it is (the public HTTP answer): never which
    /// names, nor whether the name itself is taken.
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.string("input", result.input)
        writer.bool("valid", result.isValid)
        writer.jid("jid", result.jid)
        if let score {
            writer.string("verdict", score.verdict.rawValue)
            writer.integer("score", score.score)
            writer.beginArray("reasons")
            for reason in score.reasons { reason.write(to: &writer) }
            writer.endArray()
            writer.beginObject("skeleton")
            for part in JIDPart.allCases {
                if let text = score.parts[part] { writer.rawKey(part.rawValue, Skeleton.skeleton(text)) }
            }
            writer.endObject()
        } else {
            writer.string("verdict", nil)
            writer.integer("score", nil)
            writer.beginArray("reasons")
            writer.endArray()
        }
        writer.beginArray("errors")
        for error in result.errors { error.write(to: &writer) }
        writer.endArray()
        if let registry {
            writer.beginObject("registry")
            let strongest = registry.lookalike
            writer.bool("conflict", strongest != nil)
            writer.string("relation", strongest?.rawValue)
            writer.string(
                "severity", strongest.map { $0 == .skeleton ? ConfusableSeverity.high : .medium }?.rawValue)
            if let conflicts {
                // Whether the name itself is registered is left out of the public answer: it would make the
                // service an oracle for which accounts exist.
                writer.bool("registered", registry.taken)
                writer.beginArray("conflicts")
                for conflict in conflicts {
                    writer.beginObject()
                    writer.string("name", conflict.name)
                    writer.string("relation", conflict.relation.rawValue)
                    writer.endObject()
                }
                writer.endArray()
            }
            writer.endObject()
        }
        ConfusableReport.writeDataVersion(to: &writer)
        writer.endObject()
    }

    /// `"data": {"icu": "72.1", "unicode": "15.0"}`: the version of the confusables data behind skeletons.
    public static func writeDataVersion(to writer: inout JSONWriter) {
        let versions = ConfusableScorer.dataVersion
        writer.beginObject("data")
        writer.string("icu", versions.icu)
        writer.string("unicode", versions.unicode)
        writer.endObject()
    }
}

extension ConfusableReason {
    public func write(to writer: inout JSONWriter, userMessage: String? = nil) {
        writer.beginObject()
        writer.string("code", code.rawValue)
        writer.string("severity", severity.rawValue)
        writer.string("part", part.rawValue)
        writer.string("message", message)
        if let userMessage { writer.string("userMessage", userMessage) }
        writer.beginArray("evidence")
        for item in evidence {
            writer.beginObject()
            writer.integer("index", item.index)
            writer.string("character", item.character)
            writer.string("codePoint", item.codePoint)
            writer.string("script", item.script)
            writer.string("looksLike", item.looksLike)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
    }
}

extension ConfusableComparison {
    /// Writes the comparison of `a` and `b`.
    public func write(to writer: inout JSONWriter, a: JIDResult, b: JIDResult) {
        writer.beginObject()
        a.write(to: &writer, key: "a")
        b.write(to: &writer, key: "b")
        writer.string("relation", relation.rawValue)
        writer.bool("confusable", relation.isLookalike)
        writer.beginArray("parts")
        for part in parts {
            writer.beginObject()
            writer.string("part", part.part.rawValue)
            writer.string("relation", part.relation.rawValue)
            writer.beginArray("differences")
            for difference in part.differences {
                writer.beginObject()
                writer.integer("index", difference.index)
                writer.string("a", difference.a)
                writer.string("b", difference.b)
                writer.string("aLooksLike", difference.aLooksLike)
                writer.string("bLooksLike", difference.bLooksLike)
                writer.endObject()
            }
            writer.endArray()
            writer.endObject()
        }
        writer.endArray()
        ConfusableReport.writeDataVersion(to: &writer)
        writer.endObject()
    }
}
