import CFuzz
// libFuzzer target: confusable scoring, comparison and the registry.
// Invariants: no trap; a score is within 0...100 and its verdict matches its reasons; an address compared with
// itself is identical; a registered name is found as identical and its skeleton-equal twin as a lookalike.
import JIDConfusables
import JIDCore

@_cdecl("FuzzConfusables_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    cfuzz_run(argc, argv) { data, size in fuzz(data!, size) }
}

func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let jid = JID.parse(utf8: bytes).jid else { return 0 }
    let score = ConfusableScorer.score(jid, includeResource: true)
    require((0...100).contains(score.score))
    require(
        score.verdict
            == (score.reasons.map(\.severity).max().map { $0 == .high ? .block : $0 == .medium ? .review : .ok } ?? .ok)
    )
    require(ConfusableComparer.compare(jid, jid, includeResource: true).relation == .identical)
    let text = String(decoding: bytes, as: UTF8.self)
    _ = ConfusableComparer.compare(text: text, jid.description)
    if jid.localpart != nil {
        let registry = ConfusableRegistry()
        let bare = jid.bare.description
        if (try? registry.add(bare)) == true {
            require(registry.conflicts(for: jid).contains(RegistryConflict(name: bare, relation: .identical)))
            require((try? registry.remove(bare)) == true && registry.count == 0)
        }
    }
    return 0
}

/// A failed invariant, with its message (release builds drop `precondition` messages).
func require(_ condition: Bool, _ message: @autoclosure () -> String = "") {
    if !condition { fatalError(message()) }
}
