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
        for mode in StringprepMode.allCases {
            let checker = MigrationChecker(mode: mode)
            let fast = checker.process(batch, format: format, fullJIDs: full, collisions: true)
            let general = checker.process(
                batch, format: format, fullJIDs: full, collisions: true, lanes: GeneralPathOnly.self)
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
