import ArgumentParser
import JIDConfusables
import JIDCore

#if canImport(Glibc)
    import Glibc
#endif

struct Confusables: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "confusables",
        abstract: "Score lookalike addresses, compare two, or check names against registered ones.",
        subcommands: [ConfusablesScore.self, ConfusablesCompare.self, ConfusablesCheck.self])
}

/// Options shared by `score` and `check`.
struct ScoringOptions: ParsableArguments {
    @Flag(name: .long, help: "Print one JSON object per line.")
    var json = false

    @Flag(name: .long, help: "Score the resourcepart too (by default only the bare address is scored).")
    var resource = false

    @Option(name: .long, help: "Exit with status 1 when an input gets this verdict or worse: review or block.")
    var failOn: Verdict = .block

    @Argument(help: "Addresses. Without any, read standard input, one per line.")
    var addresses: [String] = []

    enum Verdict: String, ExpressibleByArgument, CaseIterable {
        case review, block
        var verdict: ConfusableVerdict { self == .review ? .review : .block }
    }

    /// Scores every input and prints it; exits 1 if any input is invalid or reaches `--fail-on`.
    func run(registry: ConfusableRegistry?) throws {
        var output = OutputBuffer()
        var failed = false
        for bytes in inputs(addresses) {
            let report = ConfusableReport(
                JID.parse(utf8: bytes), includeResource: resource, registry: registry, listingConflicts: true)
            if let score = report.score {
                if score.verdict >= failOn.verdict { failed = true }
            } else {
                failed = true
            }
            if json {
                var writer = JSONWriter()
                report.write(to: &writer)
                writer.endRecord()
                output.write(writer.text)
            } else {
                output.write(Self.describe(report))
            }
        }
        try output.finish()
        if failed { throw ExitCode(1) }
    }

    static func describe(_ report: ConfusableReport) -> String {
        guard let score = report.score, let jid = report.result.jid else {
            return HumanReadable.describe(report.result)
        }
        let verdict = score.verdict.rawValue + String(repeating: " ", count: 7 - score.verdict.rawValue.count)
        var text = "\(verdict)  \(jid)  (score \(score.score))\n"
        for reason in score.reasons {
            text +=
                "  \(reason.severity.rawValue) \(reason.part.rawValue): \(reason.message) [\(reason.code.rawValue)]\n"
        }
        for conflict in report.conflicts ?? [] {
            text += "  registered: \(conflict.name) (\(conflict.relation.rawValue))\n"
        }
        return text
    }
}

struct ConfusablesScore: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score addresses for lookalike characters (UTS #39 and more).",
        discussion: """
            Each input is parsed as `jid check` parses it, then each part is scored: the localpart, each domain \
            label, and with --resource the resourcepart. The verdict is ok, review (a person should look) or \
            block; the score (0-100) sorts; each reason has a stable code.

            Exit status: 0 if every input is valid and below --fail-on, 1 otherwise, 2 on a usage error, 3 if \
            standard output cannot be written.

            Examples:
              jid confusables score 'аpple@example.com' 'σωκράτης@example.gr'
              jid confusables score --json < signups.txt
            """)

    @OptionGroup var options: ScoringOptions

    func run() throws { try options.run(registry: nil) }
}

struct ConfusablesCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Score addresses and look them up among registered names.",
        discussion: """
            --registry names a file with one registered name per line: a bare JID (user@domain), compared with \
            whole candidate addresses, or a localpart alone, compared with candidates' localparts. Empty lines \
            and lines starting with '#' are skipped; invalid lines are reported on standard error and skipped.

            A candidate whose skeleton equals a registered name's gets the reason registered-skeleton (high, \
            block); one that differs only in diacritics gets registered-folded (medium, review). The output \
            lists the registered names it conflicts with.

            Exit status: 0 if every input is valid and below --fail-on, 1 otherwise (or if the registry cannot \
            be read), 2 on a usage error, 3 if standard output cannot be written.

            Example:
              jid confusables check --registry users.txt 'paypa1@example.com'
            """)

    @Option(name: .long, help: "File of registered names, one bare JID or localpart per line.")
    var registry: String

    @OptionGroup var options: ScoringOptions

    func run() throws {
        guard let file = fopen(registry, "r") else {
            FileHandle.standardError.write("jid: cannot read \(registry): \(String(cString: strerror(errno)))\n")
            throw ExitCode(1)
        }
        defer { fclose(file) }
        let names = ConfusableRegistry()
        let (added, refused) = names.load(lines: LineReader(file: file))
        for (line, message) in refused.prefix(20) {
            FileHandle.standardError.write("jid: \(registry):\(line): skipped: \(message)\n")
        }
        if refused.count > 20 {
            FileHandle.standardError.write("jid: \(registry): \(refused.count - 20) more lines skipped\n")
        }
        if !options.json {
            FileHandle.standardError.write("jid: \(added) registered names loaded from \(registry)\n")
        }
        try options.run(registry: names)
    }
}

struct ConfusablesCompare: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two addresses for lookalikes.",
        discussion: """
            Prints how alike the two are, strongest first: identical (the same address), skeleton (drawn the \
            same), folded (the same without diacritics), edit1 (one character apart), distinct; and, per part, \
            the aligned characters that differ with what each looks like.

            Exit status: 0 if both inputs are valid (or with --text), 1 if one is not, 2 on a usage error, 3 if \
            standard output cannot be written.

            Example:
              jid confusables compare 'paypa1@example.com' 'paypal@example.com'
            """)

    @Flag(name: .long, help: "Print JSON.")
    var json = false

    @Flag(name: .long, help: "Compare the resourceparts too.")
    var resource = false

    @Flag(name: .long, help: "Compare the two arguments as plain text (NFC, case kept), not as addresses.")
    var text = false

    @Argument(help: "The first address.")
    var a: String

    @Argument(help: "The second address.")
    var b: String

    func run() throws {
        let x = JID.parse(a)
        let y = JID.parse(b)
        let comparison: ConfusableComparison
        if text {
            comparison = ConfusableComparer.compare(text: a, b)
        } else if let first = x.jid, let second = y.jid {
            comparison = ConfusableComparer.compare(first, second, includeResource: resource)
        } else {
            var output = OutputBuffer()
            for result in [x, y] where !result.isValid {
                if json {
                    output.write(result.json + "\n")
                } else {
                    output.write(HumanReadable.describe(result))
                }
            }
            try output.finish()
            throw ExitCode(1)
        }
        var output = OutputBuffer()
        if json {
            var writer = JSONWriter()
            comparison.write(to: &writer, a: x, b: y)
            writer.endRecord()
            output.write(writer.text)
        } else {
            output.write("\(comparison.relation.rawValue)\(comparison.relation.isLookalike ? "  (lookalikes)" : "")\n")
            for part in comparison.parts {
                output.write("  \(part.part.rawValue): \(part.relation.rawValue)\n")
                for difference in part.differences {
                    output.write(
                        "    at \(difference.index + 1): '\(difference.a)' (looks like '\(difference.aLooksLike)')"
                            + " vs '\(difference.b)' (looks like '\(difference.bLooksLike)')\n")
                }
            }
        }
        try output.finish()
    }
}
