import ArgumentParser
import JIDCore

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check XMPP addresses and print their canonical form or what is wrong.",
        discussion: """
            Reads the addresses given as arguments, or else one per line from standard input (empty lines are \
            skipped; CRLF line ends are accepted; lines that are not UTF-8 are reported as invalid).

            Exit status: 0 if every address is valid, 1 if any is invalid, 2 on a usage error, 3 if standard output \
            cannot be written. On a terminal, control characters in the input are shown as <U+XXXX>.

            Examples:
              jid check 'Juliet@Example.COM/Balcony' 'henriⅣ@example.com'
              jid check --json < addresses.txt > results.jsonl
              jid check --count < addresses.txt
            """)

    @Flag(name: .long, help: "Print one JSON result object per line.")
    var json = false

    @Flag(name: .long, help: "Print only '<N> valid, <M> invalid'.")
    var count = false

    @Argument(help: "Addresses to check. Without any, read standard input.")
    var addresses: [String] = []

    func validate() throws {
        if json && count { throw ValidationError("--json and --count cannot be used together.") }
    }

    func run() throws {
        var valid = 0
        var invalid = 0
        var output = OutputBuffer()
        for bytes in inputs(addresses) {
            let result = JID.parse(utf8: bytes)
            if result.isValid { valid += 1 } else { invalid += 1 }
            if count { continue }
            output.write(json ? result.json + "\n" : HumanReadable.describe(result))
        }
        if count { output.write("\(valid) valid, \(invalid) invalid\n") }
        try output.finish()
        if invalid > 0 { throw ExitCode(1) }
    }
}
