import JIDCorpus
import Testing

@testable import JIDCore

/// The ASCII fast paths must give byte-identical results to the general path.
@Suite struct FastPathEquivalenceTests {
    static func compare(_ inputs: [String]) -> [String] {
        var differences: [String] = []
        for input in inputs {
            let fast = JIDParser.standard.parse(input).json
            let general = JIDParser.generalOnly.parse(input).json
            if fast != general { differences.append("\(input.debugDescription): \(fast) vs \(general)") }
        }
        return differences
    }

    @Test func mixedCorpusOf50000AddressesIsIdentical() {
        var corpus = JIDCorpus(seed: 1, mix: .mixed)
        let differences = Self.compare(corpus.make(50_000))
        #expect(differences.isEmpty, "\(differences.count) differ: \(differences.prefix(5))")
    }

    @Test func asciiEdgeCasesOf50000StringsAreIdentical() {
        var corpus = JIDCorpus(seed: 2, mix: .asciiEdgeCases)
        let differences = Self.compare(corpus.make(50_000))
        #expect(differences.isEmpty, "\(differences.count) differ: \(differences.prefix(5))")
    }
}
