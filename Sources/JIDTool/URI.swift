import ArgumentParser
import JIDCore

struct URI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uri",
        abstract: "Convert between addresses and xmpp: IRIs/URIs (RFC 5122, XEP-0147 query actions).",
        discussion: """
            An input that begins with 'xmpp:' is parsed as an IRI or URI and its address, authority, query action \
            and parameters and fragment printed; any other input is checked as an address and its IRI, URI and \
            A-label URI are printed, with --action, --parameter and --fragment added. Exit status: 0 if every \
            input converts, 1 otherwise, 2 on a usage error, 3 if standard output cannot be written.

            Examples:
              jid uri 'jiři@čechy.example/v Praze'
              jid uri 'xmpp:ji%C5%99i@%C4%8Dechy.example/v%20Praze'
              jid uri --action message --parameter 'subject=Hi there' romeo@montague.example
              jid uri 'xmpp:coven@chat.shakespeare.lit?join;password=cauldronburn'
              jid uri 'xmpp://guest@example.com'     # an account and no target (RFC 5122 §2.3)
            """)

    @Flag(name: .long, help: "Print one JSON object per line.")
    var json = false

    @Option(help: "A query action to add to the URIs made, such as message, join, subscribe (XEP-0147).")
    var action: String?

    @Option(
        name: .customLong("parameter"),
        help: ArgumentHelp("A KEY=VALUE pair for the query action, in order; repeat for more.", valueName: "KEY=VALUE"))
    var parameters: [String] = []

    @Option(help: "A fragment to add to the URIs made.")
    var fragment: String?

    @Argument(help: "Addresses or xmpp: URIs. Without any, read standard input.")
    var inputs: [String] = []

    func validate() throws {
        if !parameters.isEmpty && action == nil { throw ValidationError("--parameter needs --action.") }
        for parameter in parameters where !parameter.contains("=") {
            throw ValidationError("--parameter '\(parameter)' is not KEY=VALUE.")
        }
    }

    private var query: XMPPURI.Query? {
        action.map { action in
            XMPPURI.Query(
                action: action,
                parameters: parameters.map { text in
                    let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                    return XMPPURI.Query.Parameter(key: String(parts[0]), value: String(parts[1]))
                })
        }
    }

    func run() throws {
        var failed = false
        var output = OutputBuffer()
        for bytes in JIDTool.inputs(inputs) {
            let text = String(decoding: bytes, as: UTF8.self)
            if text.lowercased().hasPrefix("xmpp:") {
                if json {
                    var writer = JSONWriter()
                    let parsed = XMPPURI.writeParse(text, to: &writer)
                    failed = failed || !(parsed?.isValid ?? false)
                    output.write(writer.text + "\n")
                    continue
                }
                do {
                    let parsed = try XMPPURI.parse(text)
                    failed = failed || !parsed.isValid
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
                XMPPURI.writeForms(for: result, query: query, fragment: fragment, to: &writer)
                output.write(writer.text + "\n")
            } else if let jid = result.jid {
                let forms = XMPPURI.forms(for: jid, query: query, fragment: fragment)
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
        var text = parsed.jid.map { HumanReadable.describe($0) } ?? "no target (the URI names an account only)\n"
        if let authority = parsed.authority { text += "  authority: " + HumanReadable.describe(authority) }
        if let action = parsed.action {
            text += "  action: \(action.action)\n"
            for parameter in action.parameters { text += "    \(parameter.key) = \(parameter.value)\n" }
        }
        if let fragment = parsed.fragment { text += "  fragment: \(fragment)\n" }
        return "from \(input)\n" + text
    }
}
