import ArgumentParser
import JIDCore

struct Escape: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Escape the localpart of addresses as XEP-0106 describes.",
        discussion: """
            The localpart is everything before the last '@' (a domain has no '@'); with --localpart the whole input \
            is a localpart. Exit status: 0 on success, 1 if an input cannot be escaped (it begins or ends with a \
            space), 2 on a usage error, 3 if standard output cannot be written.

            Examples:
              jid escape "d'artagnan@musketeers.lit"      # d\\27artagnan@musketeers.lit
              jid escape 'user@host@example.com'          # user\\40host@example.com
              jid escape --localpart 'space cadet'        # space\\20cadet
            """)

    @Flag(help: "Treat each input as a localpart only.")
    var localpart = false

    @Argument(help: "Addresses to escape. Without any, read standard input.")
    var addresses: [String] = []

    func run() throws {
        try transform(addresses) { text throws(JIDEscaping.Failure) in
            localpart ? try JIDEscaping.escape(localpart: text) : try JIDEscaping.escape(address: text)
        }
    }
}

struct Unescape: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Unescape the localpart of addresses for display (XEP-0106).",
        discussion: """
            Only the ten sequences \\20 \\22 \\26 \\27 \\2f \\3a \\3c \\3e \\40 \\5c are unescaped; anything else \
            is left as it is. Exit status: 0 on success, 1 if an input cannot be unescaped, 2 on a usage error, \
            3 if standard output cannot be written.

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
            localpart ? try JIDEscaping.unescape(localpart: text) : try JIDEscaping.unescape(address: text)
        }
    }
}

/// Applies `body` to each input, printing results and reporting failures on standard error.
func transform(_ arguments: [String], _ body: (String) throws(JIDEscaping.Failure) -> String) throws {
    var failed = false
    var output = OutputBuffer()
    for bytes in inputs(arguments) {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            FileHandle.standardError.write("error: input is not valid UTF-8\n")
            failed = true
            continue
        }
        do {
            output.write(try body(text) + "\n")
        } catch {
            FileHandle.standardError.write("error: \(text): \(error.message) [\(error.code)]\n")
            failed = true
        }
    }
    try output.finish()
    if failed { throw ExitCode(1) }
}
