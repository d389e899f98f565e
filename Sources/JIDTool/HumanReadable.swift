import JIDCore

/// The default, human-readable rendering of results.
enum HumanReadable {
    static func describe(_ result: JIDResult) -> String {
        guard let jid = result.jid else {
            var text = "invalid  \(result.input)\n"
            for error in result.errors {
                let place = [error.part?.rawValue, error.offset.map { "character \($0 + 1)" }]
                    .compactMap { $0 }.joined(separator: ", ")
                text += "  \(place.isEmpty ? "" : place + ": ")\(error.message) [\(error.code)]\n"
                if let suggestion = error.suggestion, result.suggestion == nil {
                    text += "  suggestion for the \(error.part?.rawValue ?? "address"): \(suggestion)\n"
                }
            }
            if let suggestion = result.suggestion { text += "  did you mean: \(suggestion)\n" }
            return text
        }
        var text = "valid    \(result.input)"
        if jid.description != result.input { text += "  →  \(jid.description)" }
        text += "\n"
        if jid.domainAscii != jid.domainpart { text += "  domain in A-labels: \(jid.domainAscii)\n" }
        for warning in result.warnings { text += "  warning: \(warning.message) [\(warning.code)]\n" }
        return text
    }
}

/// Buffers output and writes it in large blocks.
struct OutputBuffer {
    private var buffer = ""

    mutating func write(_ text: String) {
        buffer += text
        if buffer.utf8.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        print(buffer, terminator: "")
        buffer = ""
    }
}
