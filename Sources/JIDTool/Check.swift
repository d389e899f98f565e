import ArgumentParser
import JIDCore

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check XMPP addresses and print their canonical form or what is wrong.",
        discussion: """
            Reads the addresses given as arguments, or else one per line from standard input (empty lines are \
            skipped; CRLF line ends are accepted; lines that are not UTF-8 are reported as invalid).

            With --domain, each argument or line is a user name (a localpart) at that domain, enforced as a \
            localpart: an '@' or '/' in it is an error of the user name, never a split. --localpart and --resource \
            build one address from its parts.

            Exit status: 0 if every address is valid, 1 if any is invalid, 2 on a usage error, 3 if standard output \
            cannot be written. On a terminal, control characters in the input are shown as <U+XXXX>.

            Examples:
              jid check 'Juliet@Example.COM/Balcony' 'henriⅣ@example.com'
              jid check --json < addresses.txt > results.jsonl
              jid check --count < addresses.txt
              jid check --domain chat.example 'nick/home' 'henriⅣ'
              jid check --localpart Juliet --domain capulet.example --resource balcony
            """)

    @Flag(name: .long, help: "Print one JSON result object per line.")
    var json = false

    @Flag(name: .long, help: "Print only '<N> valid, <M> invalid'.")
    var count = false

    @Option(help: "Check user names at this domain: each input is a localpart.")
    var domain: String?

    @Option(help: "With --domain: the localpart of the one address to check.")
    var localpart: String?

    @Option(help: "With --domain: a resourcepart for the address (or for each user name).")
    var resource: String?

    @Argument(help: "Addresses (with --domain: user names) to check. Without any, read standard input.")
    var addresses: [String] = []

    func validate() throws {
        if json && count { throw ValidationError("--json and --count cannot be used together.") }
        if domain == nil && (localpart != nil || resource != nil) {
            throw ValidationError("--localpart and --resource need --domain.")
        }
        if localpart != nil && !addresses.isEmpty {
            throw ValidationError("--localpart checks one address; give no other arguments.")
        }
    }

    /// The result for one input: a whole address, or with `domain` a user name at that domain.
    private static func check(_ bytes: [UInt8], domain: String?, resource: String?) -> JIDResult {
        guard let domain else { return JID.parse(utf8: bytes) }
        guard let username = String(validating: bytes, as: UTF8.self) else { return JID.parse(utf8: bytes) }
        return JID.parse(localpart: username, domainpart: domain, resourcepart: resource)
    }

    func run() throws {
        var valid = 0
        var invalid = 0
        var output = OutputBuffer()
        // The options are read once: each read of a property wrapper's value looks up generic metadata.
        let (countOnly, json, domain, resource) = (self.count, self.json, self.domain, self.resource)
        func record(_ result: JIDResult) {
            if result.isValid { valid += 1 } else { invalid += 1 }
            if countOnly { return }
            output.write(json ? result.json + "\n" : HumanReadable.describe(result))
        }
        func take(_ bytes: [UInt8]) { record(Self.check(bytes, domain: domain, resource: resource)) }
        if let localpart {
            take(Array(localpart.utf8))
        } else if !addresses.isEmpty {
            for address in addresses { take(Array(address.utf8)) }
        } else {
            var lines = LineReader()
            while let line = lines.nextLine() {
                guard !line.isEmpty else { continue }
                // Whole addresses are parsed where the line was read; user names need a String anyway.
                if domain == nil { record(JID.parse(utf8: line)) } else { take(Array(line)) }
            }
        }
        if countOnly { output.write("\(valid) valid, \(invalid) invalid\n") }
        try output.finish()
        if invalid > 0 { throw ExitCode(1) }
    }
}
