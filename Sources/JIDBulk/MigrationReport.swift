public import JIDCore

/// The migration report for people: totals per status, the top reasons with examples, the collision groups and the
/// rename plan, as one self-contained HTML file (inline styles and SVG charts, no scripts, nothing fetched) or as
/// Markdown for a ticket.
public struct MigrationReport: Sendable {
    public var source: String
    public var summary: MigrationSummary
    public var groups: [CollisionGroup]
    public var plan: RenamePlan?
    public var interrupted: Bool

    /// Collision groups and plan entries listed in full; the rest are counted.
    public static let listed = 200

    public init(
        source: String, summary: MigrationSummary, groups: [CollisionGroup], plan: RenamePlan?,
        interrupted: Bool = false
    ) {
        self.source = source
        self.summary = summary
        self.groups = groups
        self.plan = plan
        self.interrupted = interrupted
    }

    private static let statusColors: [MigrationStatus: String] = [
        .unchanged: "#2e7d32", .canonicalChanged: "#f9a825", .newlyInvalid: "#c62828", .newlyValid: "#1565c0",
        .invalidBoth: "#6d4c41",
    ]

    private static let meanings: [MigrationStatus: String] = [
        .unchanged: "valid under both, same account",
        .canonicalChanged: "valid under both, the account's identifier changes",
        .newlyInvalid: "valid under RFC 6122, invalid under RFC 7622",
        .newlyValid: "invalid under RFC 6122, valid under RFC 7622",
        .invalidBoth: "invalid under both",
    ]

    // MARK: HTML

    public var html: String {
        let counts = summary.counts
        let total = max(summary.records, 1)
        var page = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>RFC 6122 → RFC 7622 migration report</title>
            <style>
            body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1b1b1b}
            h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}table{border-collapse:collapse;width:100%}
            th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #ddd;vertical-align:top}
            td.n{text-align:right;font-variant-numeric:tabular-nums}code{font-size:.9em;word-break:break-all}
            .note{color:#555}svg text{font:12px system-ui,sans-serif}
            </style></head><body>
            <h1>RFC 6122 → RFC 7622 migration report</h1>

            """
        page += "<p>Source: <code>\(escape(source))</code>. \(grouped(summary.records)) lines"
        page += interrupted ? " — <strong>interrupted: partial results</strong>" : ""
        page += ".</p>\n<h2 id=\"totals\">Totals</h2>\n"
        page += statusChart(counts: counts, total: total)
        page += "<table><thead><tr><th>Status</th><th>Meaning</th><th>Lines</th><th>Share</th></tr></thead><tbody>\n"
        for status in MigrationStatus.allCases {
            let count = counts[status] ?? 0
            page += "<tr><td>\(status.rawValue)</td><td>\(Self.meanings[status] ?? "")</td>"
            page += "<td class=\"n\">\(grouped(count))</td><td class=\"n\">\(percent(count, total))</td></tr>\n"
        }
        page += "</tbody></table>\n"
        if summary.collisionsChecked {
            page += "<p>Collisions: \(summary.merges) merge groups (\(summary.inputsInMerges) inputs), "
            page += "\(summary.splits) split groups (\(summary.inputsInSplits) inputs).</p>\n"
        }
        let reasons = summary.topReasons(20)
        page += "<h2 id=\"reasons\">Top reasons</h2>\n"
        if reasons.isEmpty {
            page += "<p>No line has a reason: nothing changes.</p>\n"
        } else {
            page += reasonChart(reasons)
            page += "<table><thead><tr><th>Reason</th><th>Status</th><th>Lines</th><th>Examples</th></tr></thead>"
            page += "<tbody>\n"
            for (key, tally) in reasons {
                let examples = tally.examples.map { "line \($0.line): <code>\(escape($0.input))</code>" }
                page += "<tr><td><code>\(escape(key.code))</code></td><td>\(key.status.rawValue)</td>"
                page +=
                    "<td class=\"n\">\(grouped(tally.count))</td><td>\(examples.joined(separator: "<br>"))</td></tr>\n"
            }
            page += "</tbody></table>\n"
        }
        page += "<h2 id=\"collisions\">Collision groups</h2>\n"
        if !summary.collisionsChecked {
            page += "<p class=\"note\">Collisions were not looked for.</p>\n"
        } else if groups.isEmpty {
            page += "<p>None: no two accounts become one, and no account becomes several.</p>\n"
        } else {
            page += "<table><thead><tr><th>Kind</th><th>Shared form</th><th>Lines and inputs</th></tr></thead><tbody>\n"
            for group in groups.prefix(Self.listed) {
                let members = zip(group.lines, group.inputs).map { "\($0): <code>\(escape($1))</code>" }
                page += "<tr><td>\(group.kind.rawValue)</td><td><code>\(escape(group.key))</code></td>"
                page += "<td>\(members.joined(separator: "<br>"))</td></tr>\n"
            }
            page += "</tbody></table>\n"
            if groups.count > Self.listed {
                page += "<p class=\"note\">\(groups.count - Self.listed) more groups are in the collisions file.</p>\n"
            }
        }
        if let plan {
            page += "<h2 id=\"plan\">Rename plan</h2>\n"
            if plan.entries.isEmpty {
                page += "<p>No account needs a new name.</p>\n"
            } else {
                page += "<p>\(plan.entries.count) accounts need a new name. Every proposed name is valid, its own "
                page += "canonical form, and taken by no other account or proposal.</p>\n"
                page += "<table><thead><tr><th>Line</th><th>Old</th><th>New</th><th>Why</th></tr></thead><tbody>\n"
                for entry in plan.entries.prefix(Self.listed) {
                    page += "<tr><td class=\"n\">\(entry.line)</td><td><code>\(escape(entry.old))</code></td>"
                    page += "<td><code>\(escape(entry.new ?? "—"))</code></td><td>\(escape(entry.reason))</td></tr>\n"
                }
                page += "</tbody></table>\n"
                if plan.entries.count > Self.listed {
                    page += "<p class=\"note\">\(plan.entries.count - Self.listed) more are in the plan file.</p>\n"
                }
            }
        }
        page += "<h2>What to do next</h2>\n<ul>\n"
        for step in nextSteps { page += "<li>\(escape(step))</li>\n" }
        page += "</ul>\n</body></html>\n"
        return page
    }

    private func statusChart(counts: [MigrationStatus: Int], total: Int) -> String {
        let width = 600.0
        var x = 0.0
        var svg = "<svg role=\"img\" aria-label=\"Lines per status\" viewBox=\"0 0 600 28\" width=\"100%\" "
        svg += "preserveAspectRatio=\"none\" style=\"max-width:600px;height:28px\">"
        for status in MigrationStatus.allCases {
            let count = counts[status] ?? 0
            guard count > 0 else { continue }
            let share = width * Double(count) / Double(total)
            svg += "<rect x=\"\(format(x))\" y=\"0\" width=\"\(format(share))\" height=\"28\" "
            svg += "fill=\"\(Self.statusColors[status] ?? "#999")\"><title>\(status.rawValue): \(count)</title></rect>"
            x += share
        }
        svg += "</svg>\n<p class=\"note\">"
        svg += MigrationStatus.allCases.map { status in
            "<span style=\"color:\(Self.statusColors[status] ?? "#999")\">■</span> \(status.rawValue)"
        }.joined(separator: " &nbsp; ")
        return svg + "</p>\n"
    }

    private func reasonChart(_ reasons: [(key: MigrationSummary.ReasonKey, tally: MigrationSummary.ReasonTally)])
        -> String
    {
        let top = reasons.prefix(10)
        let most = Double(top.map(\.tally.count).max() ?? 1)
        let rowHeight = 22
        // Labels in the left half, bars in 200 units after them, counts after the bars: all inside the 600 wide box.
        var svg = "<svg role=\"img\" aria-label=\"Lines per reason\" viewBox=\"0 0 600 \(top.count * rowHeight)\" "
        svg += "width=\"100%\" style=\"max-width:600px\">"
        for (index, reason) in top.enumerated() {
            let y = index * rowHeight
            let bar = max(200 * Double(reason.tally.count) / most, 1)
            let label = "\(reason.key.code) (\(reason.key.status.rawValue))"
            let shown = label.count > 46 ? String(label.prefix(45)) + "…" : label
            svg +=
                "<text x=\"0\" y=\"\(y + 15)\" font-size=\"11\"><title>\(escape(label))</title>\(escape(shown))</text>"
            svg += "<rect x=\"330\" y=\"\(y + 4)\" width=\"\(format(bar))\" height=\"14\" fill=\"#5c6bc0\"/>"
            svg += "<text x=\"\(format(334 + bar))\" y=\"\(y + 15)\">\(grouped(reason.tally.count))</text>"
        }
        return svg + "</svg>\n"
    }

    // MARK: Markdown

    public var markdown: String {
        let counts = summary.counts
        let total = max(summary.records, 1)
        var text = "# RFC 6122 → RFC 7622 migration report\n\n"
        text += "Source: `\(markdownCode(source))`, \(summary.records) lines"
        text += interrupted ? " (interrupted: partial results)" : ""
        text += ".\n\n## Totals\n\n| Status | Meaning | Lines | Share |\n|---|---|---:|---:|\n"
        for status in MigrationStatus.allCases {
            let count = counts[status] ?? 0
            text += "| \(status.rawValue) | \(Self.meanings[status] ?? "") | \(count) | \(percent(count, total)) |\n"
        }
        if summary.collisionsChecked {
            text += "\nCollisions: \(summary.merges) merge groups (\(summary.inputsInMerges) inputs), "
            text += "\(summary.splits) split groups (\(summary.inputsInSplits) inputs).\n"
        }
        let reasons = summary.topReasons(20)
        if !reasons.isEmpty {
            text += "\n## Top reasons\n\n| Reason | Status | Lines | Examples |\n|---|---|---:|---|\n"
            for (key, tally) in reasons {
                let examples = tally.examples.map { "line \($0.line): `\(markdownCode($0.input))`" }
                text += "| `\(key.code)` | \(key.status.rawValue) | \(tally.count) | "
                text += examples.joined(separator: "<br>") + " |\n"
            }
        }
        if summary.collisionsChecked && !groups.isEmpty {
            text += "\n## Collision groups\n\n| Kind | Shared form | Lines and inputs |\n|---|---|---|\n"
            for group in groups.prefix(Self.listed) {
                let members = zip(group.lines, group.inputs).map { "\($0): `\(markdownCode($1))`" }
                text += "| \(group.kind.rawValue) | `\(markdownCode(group.key))` | "
                text += members.joined(separator: "<br>") + " |\n"
            }
            if groups.count > Self.listed { text += "\n\(groups.count - Self.listed) more in the collisions file.\n" }
        }
        if let plan, !plan.entries.isEmpty {
            text += "\n## Rename plan\n\n| Line | Old | New | Why |\n|---:|---|---|---|\n"
            for entry in plan.entries.prefix(Self.listed) {
                text += "| \(entry.line) | `\(markdownCode(entry.old))` | `\(markdownCode(entry.new ?? "—"))` | "
                text += markdownCell(entry.reason) + " |\n"
            }
            if plan.entries.count > Self.listed {
                text += "\n\(plan.entries.count - Self.listed) more in the plan file.\n"
            }
        }
        text += "\n## What to do next\n\n"
        for step in nextSteps { text += "- \(step)\n" }
        return text
    }

    /// What the operator does next, from what was found.
    var nextSteps: [String] {
        var steps: [String] = []
        let counts = summary.counts
        if summary.merges > 0 {
            steps.append(
                "\(summary.merges) merge groups: accounts that become one under RFC 7622. Rename all but one "
                    + "of each before upgrading (the plan proposes names).")
        }
        if let invalid = counts[.newlyInvalid], invalid > 0 {
            steps.append("\(invalid) accounts are invalid under RFC 7622: rename them (the plan) or tell their users.")
        }
        if let tally = summary.reasons.first(where: { $0.key.code == "typed-forms-lost" })?.value {
            steps.append(
                "\(tally.count) accounts were also reached by typed forms that RFC 7622 keeps apart (ß, final ς, µ): "
                    + "add aliases, or tell those users which name to type.")
        }
        if let changed = counts[.canonicalChanged], changed > 0 {
            steps.append(
                "\(changed) addresses change their canonical form: rosters and stored JIDs that hold the old form "
                    + "need the new one.")
        }
        if steps.isEmpty { steps.append("Nothing to do: every account keeps its address.") }
        return steps
    }

    private func percent(_ count: Int, _ total: Int) -> String {
        let hundredths = Int((Double(count) * 10_000 / Double(total)).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)%"
    }

    /// A count with thousands separators: 1,000,000.
    private func grouped(_ count: Int) -> String {
        let digits = String(count)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result += "," }
            result.append(digit)
        }
        return result
    }

    private func format(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    private func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "&#xFFFD;"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }

    private func markdownCode(_ text: String) -> String {
        markdownCell(text).replacingBackticks
    }

    private func markdownCell(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar == "|" {
                result += "\\|"
            } else if scalar.value < 0x20 || scalar.value == 0x7F {
                result += " "
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

extension String {
    fileprivate var replacingBackticks: String {
        String(unicodeScalars.map { $0 == "`" ? "'" : Character($0) })
    }
}
