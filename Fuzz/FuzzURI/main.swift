// libFuzzer target: RFC 5122 URI/IRI parsing.
// Invariants: no trap; the address of a parsed URI, turned back into URI form, parses to the same address.
import CFuzz
import JIDCore

@_cdecl("FuzzURI_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    cfuzz_run(argc, argv) { data, size in fuzz(data!, size) }
}

func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard let text = String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self) else { return 0 }
    guard let parsed = try? XMPPURI.parse(text), let jid = parsed.jid.jid else { return 0 }
    let forms = XMPPURI.forms(for: jid)
    for form in [forms.iri, forms.uri, forms.asciiURI] {
        let again = try? XMPPURI.parse(form)
        require(
            again?.jid.jid == jid,
            "\(form) does not parse back to \(jid) (from \(parsed.jid.json)); it gives \(again?.jid.json ?? "nothing")")
    }
    return 0
}

/// A failed invariant, with its message (release builds drop `precondition` messages).
func require(_ condition: Bool, _ message: @autoclosure () -> String = "") {
    if !condition { fatalError(message()) }
}
