import ArgumentParser
import JIDBulk
import JIDCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The `jid` executable: parses arguments and calls the library; no logic of its own.
@main
struct JIDCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        let versions = UnicodeVersions.current
        return CommandConfiguration(
            commandName: "jid",
            abstract: "Parse, canonicalize and check XMPP addresses (JIDs, RFC 7622).",
            discussion: """
                Examples:
                  jid check 'Juliet@Example.COM/Balcony'
                  jid check --json < addresses.txt
                  jid escape "d'artagnan@musketeers.lit"
                  jid uri 'jiři@čechy.example/v Praze'
                  jid migrate accounts.txt -o report.jsonl --collisions collisions.jsonl
                  jid serve --port 8080
                """,
            version: "jid \(JIDServiceVersion.current) (ICU \(versions.icu), Unicode \(versions.unicode), "
                + "libidn2 \(versions.libidn2))",
            subcommands: [
                Check.self, Migrate.self, Serve.self, Probe.self, Escape.self, Unescape.self, URI.self,
                Confusables.self, TLS.self, Registry.self,
            ]
        )
    }

    /// Runs the command; usage errors exit with status 2 (as `jid check` documents), not ArgumentParser's 64.
    static func main() async {
        do {
            if let addresses = Check.plainAddresses(CommandLine.arguments.dropFirst()) {
                return try Check.run(CheckEngine(output: .text(HumanReadable.describe)), arguments: addresses)
            }
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let code as ExitCode {
            Glibc.exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(fullMessage(for: error) + "\n")
                Glibc.exit(2)
            }
            exit(withError: error)
        }
    }
}
