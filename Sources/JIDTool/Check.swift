import ArgumentParser
import JIDBulk
import JIDCore

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check XMPP addresses and print their canonical form or what is wrong.",
        discussion: """
            Reads the addresses given as arguments, or else one per line from standard input (empty lines are \
            skipped; CRLF line ends are accepted; lines that are not UTF-8 are reported as invalid; a byte-order \
            mark at the start is ignored). Standard input is checked on every core, and the results are written in \
            input order.

            With --domain, each argument or line is a user name (a localpart) at that domain, enforced as a \
            localpart: an '@' or '/' in it is an error of the user name, never a split. --localpart and --resource \
            build one address from its parts.

            Exit status: 0 if every address is valid, 1 if any is invalid, 2 on a usage error or when standard input \
            cannot be read, 3 if standard output \
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

    @Option(help: "Threads checking standard input, 1 to 256 (default: one per core this process may use).")
    var threads: Int?

    @Argument(help: "Addresses (with --domain: user names) to check. Without any, read standard input.")
    var addresses: [String] = []

    func validate() throws {
        if json && count { throw ValidationError("--json and --count cannot be used together.") }
        if domain == nil && (localpart != nil || resource != nil) {
            throw ValidationError("--localpart and --resource need --domain.")
        }
        if let threads, !(1...256).contains(threads) { throw ValidationError("--threads must be 1 to 256.") }
        if localpart != nil && !addresses.isEmpty {
            throw ValidationError("--localpart checks one address; give no other arguments.")
        }
    }

    func run() throws {
        let engine = CheckEngine(
            output: count ? .count : json ? .json : .text(HumanReadable.describe), domain: domain, resource: resource,
            threads: threads ?? availableCores())
        try Self.run(engine, arguments: localpart.map { [$0] } ?? addresses)
    }

    /// Checks `arguments`, or standard input when there are none, writes the results and exits as documented.
    static func run(_ engine: CheckEngine, arguments: [String]) throws {
        var output = OutputBuffer()
        var totals = CheckEngine.Totals()
        if !arguments.isEmpty {
            for argument in arguments {
                let (isValid, bytes) = engine.check(argument: argument)
                if isValid { totals.valid += 1 } else { totals.invalid += 1 }
                output.write(bytes)
            }
        } else {
            do {
                totals = try engine.run(try InputFile(path: nil)) { output.write($0) }
            } catch let error as FileError {
                try output.finish()
                FileHandle.standardError.write("jid: \(error)\n")
                throw ExitCode(2)
            }
        }
        if case .count = engine.output { output.write("\(totals.valid) valid, \(totals.invalid) invalid\n") }
        try output.finish()
        if totals.invalid > 0 { throw ExitCode(1) }
    }

    /// `jid check ADDRESS…` without options, the commonest one-off call: the addresses, or nil when the arguments
    /// need the argument parser (an option, `--`, `-`, or no address). Checked this way, a start does not build
    /// the parser's command tree, whose reflection costs more than the check itself; the results are the same.
    static func plainAddresses(_ arguments: ArraySlice<String>) -> [String]? {
        guard arguments.first == "check", arguments.count > 1 else { return nil }
        let addresses = arguments.dropFirst()
        guard addresses.allSatisfy({ !$0.hasPrefix("-") }) else { return nil }
        return Array(addresses)
    }
}
