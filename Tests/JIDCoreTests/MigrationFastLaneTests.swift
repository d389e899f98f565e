import JIDCorpus
import Testing

@testable import JIDCore

/// With every shortcut (the plain-line lane and the parsers' lanes), batches must come out exactly as with the
/// general path alone: the same bytes from the one record writer, the same hashes and counts.
@Suite struct MigrationFastLaneTests {
    static func batch(_ lines: [String]) -> LineBatch {
        var batch = LineBatch()
        for (index, line) in lines.enumerated() {
            Array(line.utf8).withUnsafeBufferPointer { batch.append(line: index + 1, $0) }
        }
        return batch
    }

    static let edgeLines = [
        "a@b.c", "A@B.C/D", "a\\\"b@example.com", "x@example.com/\"quoted\", with comma\\", "example.com.",
        "a@example.com./r", "@example.com", "a@example.com/", "a@1.2.3.4", "a@ab--cd.com", "a@xn--bcher-kva.de",
        "a@-x.com", "a b@c.d", "a@" + String(repeating: "x", count: 64) + ".com",
        "a@b.c/" + String(repeating: "r", count: 1024),
        String(repeating: "l", count: 1024) + "@b.c", "a,b@c.d", "\\5c@example.com", "a@b.c/ x ",
    ]

    @Test(arguments: [MigrationOutputFormat.jsonl, .csv], [false, true])
    func fastLaneIsByteIdenticalToTheGeneralPath(_ format: MigrationOutputFormat, _ full: Bool) {
        var corpus = JIDCorpus(seed: 3, mix: .mixed)
        var edges = JIDCorpus(seed: 4, mix: .asciiEdgeCases)
        let lines = corpus.make(20_000) + edges.make(10_000) + Self.edgeLines
        let batch = Self.batch(lines)
        // Full records of typed addresses; compact ones; compact ones of stored names (whose lane also checks
        // that a line is its own canonical form without "ss").
        let variants = StringprepMode.allCases.flatMap { mode in
            [(mode, false, false), (mode, false, true), (mode, true, true)]
        }
        // The compact and stored variants on a fifth of the corpus and every edge: the general path is slow in
        // debug builds.
        let smaller = Self.batch(Array(lines[0..<4_000] + lines[20_000..<22_000]) + Self.edgeLines)
        for (mode, stored, compact) in variants {
            let batch = stored || compact ? smaller : batch
            let checker = MigrationChecker(mode: mode, stored: stored)
            let options = MigrationRecordOptions(format: format, fullJIDs: full, collisions: true, compact: compact)
            let fast = checker.process(batch, options: options)
            let general = checker.process(batch, options: options, lanes: GeneralPathOnly.self)
            #expect(fast.output == general.output)
            #expect(fast.hashes.map(\.line) == general.hashes.map(\.line))
            #expect(fast.hashes.map(\.legacy) == general.hashes.map(\.legacy))
            #expect(fast.hashes.map(\.modern) == general.hashes.map(\.modern))
            #expect(fast.summary.counts == general.summary.counts)
            if fast.output != general.output {
                let a = String(decoding: fast.output, as: UTF8.self).split(separator: "\n")
                let b = String(decoding: general.output, as: UTF8.self).split(separator: "\n")
                if let first = zip(a, b).first(where: { $0 != $1 }) { Issue.record("\(first.0)\n vs \n\(first.1)") }
            }
        }
    }
}
