// libFuzzer target: RFC 7622 parsing and enforcement of arbitrary bytes.
// Invariants: no trap; the fast paths and the general path give the same JSON, also when the result object is
// written straight from the bytes by a whole-address lane (after `JID.parse` has left the domain in the memo, as in
// `jid check --json` and `/v1/batch`); a valid result's canonical form parses to itself (enforcement is idempotent).
import CFuzz
import JIDCore

@_cdecl("FuzzJID_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    cfuzz_run(argc, argv) { data, size in fuzz(data!, size) }
}

func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let fast = JID.parse(utf8: bytes)
    let general = ReferenceJIDParser.standard.parse(utf8: bytes)
    require(fast.json == general.json, "fast and general paths differ: \(fast.json) vs \(general.json)")
    var scratch: [UInt8] = []
    var writer = JSONWriter()
    let wrote = bytes.withUnsafeBufferPointer { JIDResult.writeFromBytes($0, scratch: &scratch, to: &writer) }
    require(
        wrote ? writer.text == general.json : writer.bytes.isEmpty,
        "written from bytes: \(writer.text) vs \(general.json)")
    if let jid = fast.jid {
        let again = JID.parse(jid.description)
        require(again.jid == jid, "not idempotent: \(jid) → \(again.json)")
        require(JID.parse(jid.bare.description).jid == jid.bare, "bare form does not re-parse: \(jid)")
    }
    return 0
}

/// A failed invariant, with its message (release builds drop `precondition` messages).
func require(_ condition: Bool, _ message: @autoclosure () -> String = "") {
    if !condition { fatalError(message()) }
}
