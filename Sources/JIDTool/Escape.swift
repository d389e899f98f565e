import ArgumentParser
import JIDCore

struct Escape: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "escape",
        abstract: "Escape the localpart of addresses as XEP-0106 describes.",
        discussion: """
            The localpart is what comes before the domain: the domain follows the first '@' after which no other \
            '@' comes before a '/' or the end (a domain holds neither; an '@' in the resource stays there). With \
            --localpart the whole input is a localpart. Exit status: 0 on success, 1 if an input cannot be escaped (it begins or ends with a \
            space), 2 on a usage error, 3 if standard output cannot be written.

            Examples:
              jid escape "d'artagnan@musketeers.lit"      # d\\27artagnan@musketeers.lit
              jid escape 'user@host@example.com'          # user\\40host@example.com
              jid escape 'room@conference.example/user@host'  # unchanged: the second '@' is the resource's
              jid escape --localpart 'space cadet'        # space\\20cadet
            """)

    @Flag(help: "Treat each input as a localpart only.")
    var localpart = false

    @Argument(help: "Addresses to escape. Without any, read standard input.")
    var addresses: [String] = []

    func run() throws {
        try transform(addresses) { text throws(JIDEscaping.Failure) in
            .init(
                text: localpart ? try JIDEscaping.escape(localpart: text) : try JIDEscaping.escape(address: text),
                warning: nil)
        }
    }
}

struct Unescape: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unescape",
        abstract: "Unescape the localpart of addresses for display (XEP-0106).",
        discussion: """
            Only the ten sequences \\20 \\22 \\26 \\27 \\2f \\3a \\3c \\3e \\40 \\5c are unescaped; anything else \
            is left as it is. Unescaping is for display, so every input gives text: a localpart that begins or ends \
            with \\20 (which escaping never makes) is unescaped with a warning on standard error. Exit status: 0 on \
            success, 1 if an input is not UTF-8, 2 on a usage error, 3 if standard output cannot be written.

            Examples:
              jid unescape 'd\\27artagnan@musketeers.lit'     # d'artagnan@musketeers.lit
              jid unescape 'c\\3a\\5c5commas@example.com'     # c:\\5commas@example.com
            """)

    @Flag(help: "Treat each input as a localpart only.")
    var localpart = false

    @Argument(help: "Addresses to unescape. Without any, read standard input.")
    var addresses: [String] = []

    func run() throws {
        try transform(addresses) { text throws(JIDEscaping.Failure) in
            localpart ? JIDEscaping.unescape(localpart: text) : JIDEscaping.unescape(address: text)
        }
    }
}

/// Applies `body` to each input, printing results and reporting failures on standard error.
func transform(_ arguments: [String], _ body: (String) throws(JIDEscaping.Failure) -> JIDEscaping.Unescaped) throws {
    var failed = false
    var output = OutputBuffer()
    for bytes in inputs(arguments) {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            FileHandle.standardError.write("error: input is not valid UTF-8\n")
            failed = true
            continue
        }
        do {
            let result = try body(text)
            output.write(result.text + "\n")
            if let warning = result.warning {
                FileHandle.standardError.write("warning: \(text): \(warning.message) [\(warning.code)]\n")
            }
        } catch {
            FileHandle.standardError.write("error: \(text): \(error.message) [\(error.code)]\n")
            failed = true
        }
    }
    try output.finish()
    if failed { throw ExitCode(1) }
}
