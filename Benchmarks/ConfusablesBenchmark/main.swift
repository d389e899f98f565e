// Release-mode benchmarks of confusable scoring and the registered-name index.
//
//   JID_BENCHMARKS=1 swift run -c release --static-swift-stdlib jid-confusables-benchmark score [--count N] [--rounds R] [--mix mixed|non-ascii|best-case]
//   JID_BENCHMARKS=1 swift run -c release --static-swift-stdlib jid-confusables-benchmark registry [--count N] [--lookups L]
//   JID_BENCHMARKS=1 swift run -c release --static-swift-stdlib jid-confusables-benchmark registry --state-dir DIR [--lookups L]
//     (the names of an embedded store, as `jid serve --state-dir DIR` loads them)
import Dispatch
import Foundation
import JIDConfusables
import JIDCore
import JIDCorpus
import JIDStore

#if canImport(Glibc)
    import Glibc
#endif

var mode = "score"
var count = 200_000
var rounds = 5
var lookups = 200_000
var mix = JIDCorpus.Mix.mixed
var stateDirectory: String?
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "score", "registry": mode = argument
    case "--count": count = Int(arguments.next() ?? "") ?? count
    case "--rounds": rounds = Int(arguments.next() ?? "") ?? rounds
    case "--lookups": lookups = Int(arguments.next() ?? "") ?? lookups
    case "--mix":
        switch arguments.next() {
        case "non-ascii": mix = .nonASCII
        case "best-case": mix = .bestCase
        default: mix = .mixed
        }
    case "--state-dir": stateDirectory = arguments.next()
    default:
        print(
            "usage: jid-confusables-benchmark score|registry [--count N] [--rounds R] [--lookups L] [--mix mixed|non-ascii|best-case]"
        )
        exit(2)
    }
}

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

/// Resident memory of this process, in bytes.
func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    return (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE)))
}

ConfusableScorer.prepare()
var generator = JIDCorpus(seed: 0x5EED_1D5, mix: mix)
let versions = UnicodeVersions.current

switch mode {
case "score":
    let jids = generator.make(count).compactMap { JID.parse($0).jid }
    let nonASCII = jids.filter { !$0.description.utf8.allSatisfy { $0 < 0x80 } }.count
    for jid in jids.prefix(10_000) { _ = ConfusableScorer.score(jid) }
    var best = Double.infinity
    var flagged = 0
    for _ in 0..<rounds {
        flagged = 0
        let start = now()
        for jid in jids where ConfusableScorer.score(jid).verdict != .ok { flagged += 1 }
        best = min(best, Double(now() - start) / 1e9)
    }
    print("confusable scoring, one thread, \(mix) corpus (valid addresses)")
    print(
        "  \(jids.count) addresses, \(String(format: "%.1f%%", Double(nonASCII) * 100 / Double(jids.count))) non-ASCII, "
            + "\(flagged) flagged; ICU \(versions.icu), Unicode \(versions.unicode)")
    print(
        "  best of \(rounds): \(Int(Double(jids.count) / best)) scores/s "
            + "(\(String(format: "%.0f", best / Double(jids.count) * 1e9)) ns/score)")

default:
    // Registered names: the corpus's localparts made unique with a counter, as a large server's would be.
    var names: [String] = []
    let registry = ConfusableRegistry()
    var added = 0
    var seconds = 0.0
    var before = 0
    var after = 0
    if let stateDirectory {
        // The names of a store, loaded as jid serve loads them at start.
        let store = try await SQLiteStore.open(path: stateDirectory + "/state.sqlite")
        let collected = NameList()
        try await store.forEachName { collected.append($0) }
        names = collected.names
        count = names.count
        before = residentBytes()
        let start = now()
        _ = try await registry.load(from: store)
        seconds = Double(now() - start) / 1e9
        after = residentBytes()
        added = registry.count
        await store.close()
        print(
            "registered-name index loaded from \(stateDirectory) on \(ProcessInfo.processInfo.activeProcessorCount) cores"
        )
    } else {
        names.reserveCapacity(count)
        var taken = Set<String>()
        var index = 0
        while names.count < count {
            if let localpart = JID.parse(generator.next()).jid?.localpart {
                let name = taken.contains(localpart) ? "\(localpart)\(index)" : localpart
                if taken.insert(name).inserted { names.append(name) }
            }
            index += 1
        }
        taken = []
        before = residentBytes()
        let start = now()
        for name in names where (try? registry.add(name)) == true { added += 1 }
        seconds = Double(now() - start) / 1e9
        after = residentBytes()
        print("registered-name index, one thread")
    }
    print(
        "  build: \(added) names (of \(count) generated) in \(String(format: "%.2f", seconds)) s = "
            + "\(Int(Double(added) / seconds)) names/s; resident memory +\((after - before) >> 20) MiB = "
            + "\((after - before) / max(added, 1)) B/name")
    // Lookups: half registered names (hits), half lookalikes or new names.
    var probes: [JID] = []
    var probeGenerator = JIDCorpus(seed: 0xC0FFEE, mix: mix)
    while probes.count < lookups {
        let text =
            probes.count % 2 == 0
            ? names[probes.count * 7919 % names.count].replacingOccurrences(of: "l", with: "1") + "@example.com"
            : probeGenerator.next()
        if let jid = JID.parse(text).jid { probes.append(jid) }
    }
    func percentiles(_ values: [UInt64]) -> String {
        let sorted = values.sorted()
        func at(_ p: Double) -> String {
            String(format: "%.2f µs", Double(sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]) / 1000)
        }
        return "p50 \(at(0.50)), p99 \(at(0.99)), p99.9 \(at(0.999))"
    }
    /// Times `lookup` on every probe after a warm-up; prints the percentiles, all, ASCII and non-ASCII probes.
    func measure(_ title: String, _ lookup: (JID) -> Bool) {
        var latencies: [UInt64] = []
        var asciiLatencies: [UInt64] = []
        var otherLatencies: [UInt64] = []
        latencies.reserveCapacity(probes.count)
        var conflicts = 0
        for jid in probes.prefix(10_000) { _ = lookup(jid) }
        for jid in probes {
            let start = now()
            let found = lookup(jid)
            let elapsed = now() - start
            latencies.append(elapsed)
            if jid.description.utf8.allSatisfy({ $0 < 0x80 }) {
                asciiLatencies.append(elapsed)
            } else {
                otherLatencies.append(elapsed)
            }
            if found { conflicts += 1 }
        }
        print("  \(title), \(probes.count) addresses, \(conflicts) with conflicts: " + percentiles(latencies))
        print("    ASCII addresses (\(asciiLatencies.count)): \(percentiles(asciiLatencies))")
        print("    non-ASCII addresses (\(otherLatencies.count)): \(percentiles(otherLatencies))")
    }
    // What a signup form and `/v1/confusables/check` ask: taken, and the strongest lookalike.
    measure("verdict (keys computed + probe + first confirmation of each strength)") {
        let verdict = registry.verdict(for: $0)
        return verdict.taken || verdict.lookalike != nil
    }
    // What an operator's `jid confusables check --registry` lists: every conflicting name.
    measure("listing every conflict (keys computed + probe + exact confirmation of each)") {
        !registry.conflicts(for: $0).isEmpty
    }
}

/// Names collected from the store's pages.
final class NameList: @unchecked Sendable {
    private(set) var names: [String] = []
    func append(_ batch: [String]) { names += batch }
}
