// libFuzzer target: XEP-0106 escaping.
// Invariants: no trap; unescape(escape(x)) == x for every localpart that escapes; escaping an unescaped
// localpart gives back a string that unescapes to the same text.
import CFuzz
import JIDCore

@_cdecl("FuzzEscaping_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    cfuzz_run(argc, argv) { data, size in fuzz(data!, size) }
}

func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard let text = String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self) else { return 0 }
    if let escaped = try? JIDEscaping.escape(localpart: text) {
        let back = try? JIDEscaping.unescape(localpart: escaped)
        require(back == text, "unescape(escape(\(text.debugDescription))) = \(String(describing: back))")
    }
    if let unescaped = try? JIDEscaping.unescape(localpart: text),
        let again = try? JIDEscaping.escape(localpart: unescaped)
    {
        require(
            (try? JIDEscaping.unescape(localpart: again)) == unescaped,
            "escape does not round-trip \(unescaped.debugDescription)")
    }
    _ = try? JIDEscaping.escape(address: text)
    _ = try? JIDEscaping.unescape(address: text)
    return 0
}

/// A failed invariant, with its message (release builds drop `precondition` messages).
func require(_ condition: Bool, _ message: @autoclosure () -> String = "") {
    if !condition { fatalError(message()) }
}
