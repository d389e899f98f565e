// libFuzzer target: RFC 5122 URI/IRI parsing.
// Invariants: no trap; the address and query action of a parsed URI, turned back into URI form, parse to the same
// address and action.
import CFuzz
import JIDCore

@_cdecl("FuzzURI_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    cfuzz_run(argc, argv) { data, size in fuzz(data!, size) }
}

func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard let text = String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self) else { return 0 }
    guard let parsed = try? XMPPURI.parse(text), let result = parsed.jid, let jid = result.jid else { return 0 }
    let forms = XMPPURI.forms(for: jid, query: parsed.action)
    for form in [forms.iri, forms.uri, forms.asciiURI] {
        let again = try? XMPPURI.parse(form)
        require(
            again?.jid?.jid == jid,
            "\(form) does not parse back to \(jid) (from \(result.json)); it gives \(again?.jid?.json ?? "nothing")")
        require(
            again?.action == parsed.action,
            "\(form) does not parse back to the action \(String(describing: parsed.action))")
    }
    return 0
}

/// A failed invariant, with its message (release builds drop `precondition` messages).
func require(_ condition: Bool, _ message: @autoclosure () -> String = "") {
    if !condition { fatalError(message()) }
}
