// libFuzzer target: RFC 6122 (stringprep) parsing in both modes.
// Invariants: no trap; the fast paths (ASCII shortcuts, the domain memo) give the same JSON as the general path;
// a valid result's canonical form parses to itself in the same mode; anything valid in
// stored mode is valid in query mode, for the same domain in A-label form (query mode may decode an A-label
// that stored mode keeps, when it holds code points unassigned in Unicode 3.2).
import CFuzz
import JIDCore

let stored = LegacyJIDParser(mode: .stored)
let query = LegacyJIDParser(mode: .query)
let storedGeneral = LegacyAddressParser<GeneralPathOnly>(mode: .stored)
let queryGeneral = LegacyAddressParser<GeneralPathOnly>(mode: .query)

@_cdecl("FuzzLegacy_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    cfuzz_run(argc, argv) { data, size in fuzz(data!, size) }
}

func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let strict = stored.parse(utf8: bytes)
    let lenient = query.parse(utf8: bytes)
    require(strict.json == storedGeneral.parse(utf8: bytes).json, "stored: fast and general paths differ")
    require(lenient.json == queryGeneral.parse(utf8: bytes).json, "query: fast and general paths differ")
    if let jid = strict.jid {
        require(
            lenient.jid?.domainAscii == jid.domainAscii && lenient.jid?.localpart == jid.localpart
                && lenient.jid?.resourcepart == jid.resourcepart,
            "stored-valid input differs in query mode: \(strict.json) vs \(lenient.json)")
        let again = stored.parse(jid.description)
        require(again.jid == jid, "not idempotent: \(jid) → \(again.json)")
    }
    if let jid = lenient.jid {
        require(query.parse(jid.description).jid == jid, "not idempotent in query mode: \(jid)")
    }
    return 0
}

/// A failed invariant, with its message (release builds drop `precondition` messages).
func require(_ condition: Bool, _ message: @autoclosure () -> String = "") {
    if !condition { fatalError(message()) }
}
