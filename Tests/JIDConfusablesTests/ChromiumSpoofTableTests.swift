import JIDConfusables
import JIDCore
import Testing

/// Chromium's IDN spoof-checker table, on the rows that judge the name alone (no TLD or top-domain list).
/// Each hostname is scored as a domain-only JID; `review` and `block` count as unsafe, Chromium's `invalid`
/// counts as unsafe too (a browser refuses to show it). Rows that are not valid IDNA2008 domainparts are
/// left out and counted.
@Suite struct ChromiumSpoofTableTests {
    struct Outcome {
        var truePositive = 0, falseNegative = 0, trueNegative = 0, falsePositive = 0, excluded = 0
        var total: Int { truePositive + falseNegative + trueNegative + falsePositive }
    }

    static func evaluate() -> (overall: Outcome, byCategory: [String: Outcome], misses: [String]) {
        var overall = Outcome()
        var byCategory: [String: Outcome] = [:]
        var misses: [String] = []
        for record in Fixtures.records("chromium-idn-spoof-cases.jsonl") {
            guard (record["depends_on"] as! [String]).isEmpty else { continue }
            let category = record["category"] as! String
            let input = record["input"] as! String
            var outcome = byCategory[category, default: Outcome()]
            defer { byCategory[category] = outcome }
            guard !input.contains("@"), !input.contains("/"), let jid = JID.parse(input).jid else {
                outcome.excluded += 1
                overall.excluded += 1
                continue
            }
            let unsafe = record["expected"] as! String != "safe"
            let score = ConfusableScorer.score(jid)
            let flagged = score.verdict != .ok
            switch (unsafe, flagged) {
            case (true, true):
                outcome.truePositive += 1
                overall.truePositive += 1
            case (true, false):
                outcome.falseNegative += 1
                overall.falseNegative += 1
                misses.append("missed \(category) \(jid.domainpart)")
            case (false, false):
                outcome.trueNegative += 1
                overall.trueNegative += 1
            case (false, true):
                outcome.falsePositive += 1
                overall.falsePositive += 1
                misses.append(
                    "false positive \(category) \(jid.domainpart): \(score.reasons.map(\.code.rawValue))")
            }
        }
        return (overall, byCategory, misses)
    }

    @Test func balancedAccuracyAndFalsePositiveRate() {
        let (overall, byCategory, misses) = Self.evaluate()
        let tpr = Double(overall.truePositive) / Double(overall.truePositive + overall.falseNegative)
        let tnr = Double(overall.trueNegative) / Double(overall.trueNegative + overall.falsePositive)
        let fpr = 1 - tnr
        print("chromium table: \(overall.total) scored, \(overall.excluded) not valid IDNA2008 domainparts")
        print(
            "TP \(overall.truePositive) FN \(overall.falseNegative) TN \(overall.trueNegative) FP \(overall.falsePositive)"
        )
        print("balanced accuracy \((tpr + tnr) / 2), false-positive rate \(fpr)")
        for (category, outcome) in byCategory.sorted(by: { $0.key < $1.key }) {
            print(
                "  \(category): TP \(outcome.truePositive) FN \(outcome.falseNegative) TN \(outcome.trueNegative) "
                    + "FP \(outcome.falsePositive) excluded \(outcome.excluded)")
        }
        for miss in misses { print("  \(miss)") }
        #expect((tpr + tnr) / 2 >= 0.95)
        #expect(fpr <= 0.02)
    }
}
