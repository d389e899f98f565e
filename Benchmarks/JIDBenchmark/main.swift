// Release-mode micro-benchmark of full JID enforcement on one thread.
//
//   JID_BENCHMARKS=1 swift run -c release --static-swift-stdlib jid-benchmark [--count N] [--rounds R]
//       [--mix mixed|non-ascii|best-case] [--file CORPUS] [--rfc6122]
//
// `mixed` and `non-ascii` are the realistic corpora (distinct user names, thousands of domains); `best-case` is the
// earlier corpus of a few dozen fixed strings, which flatters every memo and branch predictor.
import Dispatch
import Foundation
import JIDCore
import JIDCorpus

#if canImport(Glibc)
    import Glibc
#endif

var count = 200_000
var rounds = 5
var corpusMix = JIDCorpus.Mix.mixed
var file: String?
var legacy = false

/// The corpus named on the command line.
func mix(named name: String?) -> JIDCorpus.Mix {
    switch name {
    case "non-ascii": .nonASCII
    case "best-case": .bestCase
    default: .mixed
    }
}

// `jid-benchmark corpus N [mixed|non-ascii|best-case]` writes a corpus of N addresses to standard output, one per
// line.
if CommandLine.arguments.count > 2 && CommandLine.arguments[1] == "corpus" {
    var generator = JIDCorpus(
        seed: 0x5EED_1D5, mix: mix(named: CommandLine.arguments.count > 3 ? CommandLine.arguments[3] : nil))
    var buffer = ""
    for _ in 0..<(Int(CommandLine.arguments[2]) ?? 0) {
        buffer += generator.next()
        buffer += "\n"
        if buffer.utf8.count > 1 << 20 {
            print(buffer, terminator: "")
            buffer = ""
        }
    }
    print(buffer, terminator: "")
    exit(0)
}

var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--count": count = Int(arguments.next() ?? "") ?? count
    case "--rounds": rounds = Int(arguments.next() ?? "") ?? rounds
    case "--mix": corpusMix = mix(named: arguments.next())
    case "--file": file = arguments.next()
    case "--rfc6122": legacy = true
    default:
        print(
            "usage: jid-benchmark [--count N] [--rounds R] [--mix mixed|non-ascii|best-case] [--file CORPUS] [--rfc6122]"
        )
        exit(2)
    }
}

var generator = JIDCorpus(seed: 0x5EED_1D5, mix: corpusMix)
let corpus: [String]
if let file {
    // A corpus file (one address per line), so peers and we parse exactly the same bytes.
    corpus = try! String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map(String.init)
    count = corpus.count
} else {
    corpus = generator.make(count)
}
let nonASCII = corpus.filter { !$0.utf8.allSatisfy { $0 < 0x80 } }.count
_ = PrecisDerivedProperties.shared  // build the property table outside the timed region

/// One timed pass over the corpus: the number of valid addresses and the seconds taken. A plain function, so the
/// loop carries none of the main-actor checks that closures formed in top-level code get.
nonisolated func pass(_ corpus: [String], legacy: LegacyJIDParser?) -> (valid: Int, seconds: Double) {
    var valid = 0
    let start = DispatchTime.now().uptimeNanoseconds
    if let legacy {
        for input in corpus where legacy.parse(input).isValid { valid += 1 }
    } else {
        for input in corpus where JID.parse(input).isValid { valid += 1 }
    }
    return (valid, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}

// RFC 7622 (PRECIS, IDNA2008), or with --rfc6122 the stringprep profiles and IDNA2003 (stored mode).
let legacyParser = legacy ? LegacyJIDParser(mode: .stored) : nil
_ = pass(Array(corpus.prefix(10_000)), legacy: legacyParser)  // warm-up
var valid = 0
var best = Double.infinity
var total = 0.0
for _ in 0..<rounds {
    let (count, seconds) = pass(corpus, legacy: legacyParser)
    valid = count
    best = min(best, seconds)
    total += seconds
}
let versions = UnicodeVersions.current
print(
    "\(legacy ? "RFC 6122 (stringprep)" : "full JID") enforcement, one thread, "
        + (file.map { "corpus \($0)" } ?? "\(corpusMix) corpus"))
let percent = { (part: Int) in String(format: "%.1f%%", Double(part) * 100 / Double(count)) }
print("  corpus: \(count) addresses, \(percent(nonASCII)) non-ASCII, \(percent(count - valid)) invalid")
print("  ICU \(versions.icu), Unicode \(versions.unicode), libidn2 \(versions.libidn2)")
print(
    "  best of \(rounds): \(Int(Double(count) / best)) JIDs/s (\(String(format: "%.0f", best / Double(count) * 1e9)) ns/JID); mean \(Int(Double(count * rounds) / total)) JIDs/s"
)
