// libFuzzer target: XEP-0106 escaping.
// Invariants: no trap; unescape(escape(x)) == x, without a warning, for every localpart that escapes; escaping an
// unescaped localpart gives back a string that unescapes to the same text; unescaping always gives text.
import CFuzz
import JIDCore

@_cdecl("FuzzEscaping_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    cfuzz_run(argc, argv) { data, size in fuzz(data!, size) }
}

func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard let text = String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self) else { return 0 }
    if let escaped = try? JIDEscaping.escape(localpart: text) {
        let back = JIDEscaping.unescape(localpart: escaped)
        require(
            back == .init(text: text, warning: nil),
            "unescape(escape(\(text.debugDescription))) = \(String(describing: back))")
    }
    let unescaped = JIDEscaping.unescape(localpart: text).text
    if let again = try? JIDEscaping.escape(localpart: unescaped) {
        require(
            JIDEscaping.unescape(localpart: again).text == unescaped,
            "escape does not round-trip \(unescaped.debugDescription)")
    }
    _ = try? JIDEscaping.escape(address: text)
    _ = JIDEscaping.unescape(address: text)
    return 0
}

/// A failed invariant, with its message (release builds drop `precondition` messages).
func require(_ condition: Bool, _ message: @autoclosure () -> String = "") {
    if !condition { fatalError(message()) }
}
