import ArgumentParser
import JIDCore

struct URI: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert between addresses and xmpp: IRIs/URIs (RFC 5122).",
        discussion: """
            An input that begins with 'xmpp:' is parsed as an IRI or URI and its address printed; any other input \
            is checked as an address and its IRI, URI and A-label URI are printed. Exit status: 0 if every input \
            converts, 1 otherwise, 2 on a usage error, 3 if standard output cannot be written.

            Examples:
              jid uri 'jiři@čechy.example/v Praze'
              jid uri 'xmpp:ji%C5%99i@%C4%8Dechy.example/v%20Praze'
            """)

    @Flag(name: .long, help: "Print one JSON object per line.")
    var json = false

    @Argument(help: "Addresses or xmpp: URIs. Without any, read standard input.")
    var inputs: [String] = []

    func run() throws {
        var failed = false
        var output = OutputBuffer()
        for bytes in JIDTool.inputs(inputs) {
            let text = String(decoding: bytes, as: UTF8.self)
            if text.lowercased().hasPrefix("xmpp:") {
                if json {
                    var writer = JSONWriter()
                    let parsed = XMPPURI.writeParse(text, to: &writer)
                    failed = failed || !(parsed?.jid.isValid ?? false) || !(parsed?.authority?.isValid ?? true)
                    output.write(writer.text + "\n")
                    continue
                }
                do {
                    let parsed = try XMPPURI.parse(text)
                    failed = failed || !parsed.jid.isValid || !(parsed.authority?.isValid ?? true)
                    output.write(URIOutput.describe(parsed, input: text))
                } catch {
                    failed = true
                    output.write("invalid  \(text)\n  \(error.message) [\(error.code)]\n")
                }
                continue
            }
            let result = JID.parse(utf8: bytes)
            failed = failed || !result.isValid
            if json {
                var writer = JSONWriter()
                XMPPURI.writeForms(for: result, to: &writer)
                output.write(writer.text + "\n")
            } else if let jid = result.jid {
                let forms = XMPPURI.forms(for: jid)
                output.write(
                    "\(jid)\n  IRI:  \(forms.iri)\n  URI:  \(forms.uri)\n  URI with A-labels: \(forms.asciiURI)\n")
            } else {
                output.write(HumanReadable.describe(result))
            }
        }
        try output.finish()
        if failed { throw ExitCode(1) }
    }
}

enum URIOutput {
    static func describe(_ parsed: XMPPURI.Parsed, input: String) -> String {
        var text = HumanReadable.describe(parsed.jid)
        if let authority = parsed.authority { text += "  authority: " + HumanReadable.describe(authority) }
        if let query = parsed.query { text += "  query: \(query)\n" }
        if let fragment = parsed.fragment { text += "  fragment: \(fragment)\n" }
        return "from \(input)\n" + text
    }
}
