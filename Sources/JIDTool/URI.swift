import ArgumentParser
import JIDCore

struct URI: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert between addresses and xmpp: IRIs/URIs (RFC 5122).",
        discussion: """
            An input that begins with 'xmpp:' is parsed as an IRI or URI and its address printed; any other input \
            is checked as an address and its IRI, URI and A-label URI are printed. Exit status: 0 if every input \
            converts, 1 otherwise, 2 on a usage error.

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
                do {
                    let parsed = try XMPPURI.parse(text)
                    failed = failed || !parsed.jid.isValid || !(parsed.authority?.isValid ?? true)
                    output.write(json ? URIOutput.json(parsed, input: text) : URIOutput.describe(parsed, input: text))
                } catch {
                    failed = true
                    output.write(
                        json
                            ? URIOutput.json(error, input: text)
                            : "invalid  \(text)\n  \(error.message) [\(error.code)]\n")
                }
            } else {
                let result = JID.parse(utf8: bytes)
                guard let jid = result.jid else {
                    failed = true
                    output.write(json ? result.json + "\n" : HumanReadable.describe(result))
                    continue
                }
                let forms = XMPPURI.forms(for: jid)
                output.write(
                    json
                        ? URIOutput.json(forms, result: result)
                        : "\(jid)\n  IRI:  \(forms.iri)\n  URI:  \(forms.uri)\n  URI with A-labels: \(forms.asciiURI)\n"
                )
            }
        }
        output.flush()
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

    static func json(_ parsed: XMPPURI.Parsed, input: String) -> String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.string("input", input)
        parsed.jid.write(to: &writer, key: "jid")
        if let authority = parsed.authority {
            authority.write(to: &writer, key: "authority")
        } else {
            writer.string("authority", nil)
        }
        writer.string("query", parsed.query)
        writer.string("fragment", parsed.fragment)
        writer.endObject()
        return writer.text + "\n"
    }

    static func json(_ error: XMPPURI.Failure, input: String) -> String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.string("input", input)
        writer.beginObject("error")
        writer.string("code", error.code)
        writer.string("message", error.message)
        writer.endObject()
        writer.endObject()
        return writer.text + "\n"
    }

    static func json(_ forms: XMPPURI.Forms, result: JIDResult) -> String {
        var writer = JSONWriter()
        writer.beginObject()
        writer.string("input", result.input)
        writer.string("jid", result.jid?.description)
        writer.string("iri", forms.iri)
        writer.string("uri", forms.uri)
        writer.string("asciiUri", forms.asciiURI)
        writer.endObject()
        return writer.text + "\n"
    }
}
