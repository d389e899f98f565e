import Foundation
import Testing

/// Runs the built `jid` executable as a user would.
enum JIDExecutable {
    static let url = Bundle.main.bundleURL.appendingPathComponent("jid")

    struct Outcome {
        let status: Int32
        let output: String
        let error: String
    }

    static func run(_ arguments: [String], stdin: [UInt8]? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        let output = Pipe()
        let error = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin)) }
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, output: String(decoding: out, as: UTF8.self),
            error: String(decoding: err, as: UTF8.self))
    }
}

@Suite struct CheckCommandTests {
    @Test func validAddressesExitZeroAndShowTheCanonicalForm() throws {
        let outcome = try JIDExecutable.run(["check", "Juliet@Example.COM/Balcony"])
        #expect(outcome.status == 0)
        #expect(outcome.output == "valid    Juliet@Example.COM/Balcony  →  juliet@example.com/Balcony\n")
    }

    @Test func anInvalidAddressExitsOneAndExplains() throws {
        let outcome = try JIDExecutable.run(["check", "juliet@example.com", "henriⅣ@example.com"])
        #expect(outcome.status == 1)
        #expect(outcome.output.contains("U+2163 ROMAN NUMERAL FOUR"))
        #expect(outcome.output.contains("did you mean: henriiv@example.com"))
    }

    /// `jid check ADDRESS…` without options skips building the argument parser's command tree; `--` sends the same
    /// addresses through the parser, and both must print and exit alike. A word that looks like an option still
    /// goes to the parser.
    @Test func plainAddressesGiveWhatTheArgumentParserGives() throws {
        let addresses = ["Juliet@Example.COM/Balcony", "henriⅣ@example.com", "", "a@b@c", "help", "\u{7}@x"]
        let plain = try JIDExecutable.run(["check"] + addresses)
        let parsed = try JIDExecutable.run(["check", "--"] + addresses)
        #expect(plain.status == 1 && parsed.status == 1)
        #expect(plain.output == parsed.output && plain.error == parsed.error)
        #expect(plain.output.hasPrefix("valid    Juliet@Example.COM/Balcony  →  juliet@example.com/Balcony\n"))
        let valid = try JIDExecutable.run(["check", "a@b", "c@d"])
        #expect(valid.status == 0 && valid.output == "valid    a@b\nvalid    c@d\n")
        let option = try JIDExecutable.run(["check", "a@b", "--bogus"])
        #expect(option.status == 2 && option.error.contains("--bogus"))
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try JIDExecutable.run(["check", "--bogus"]).status == 2)
        #expect(try JIDExecutable.run(["check", "--json", "--count", "a@b.c"]).status == 2)
    }

    @Test func standardInputLinesWithCRLFEmptyLinesAndBadUTF8() throws {
        let input = Array("a@example.com\r\n\n".utf8) + [0xFF, 0x40, 0x78, 0x0A] + Array("B@Example.com".utf8)
        let outcome = try JIDExecutable.run(["check", "--json"], stdin: input)
        let lines = outcome.output.split(separator: "\n")
        #expect(outcome.status == 1)
        #expect(lines.count == 3)  // the empty line is skipped, the bad line is reported, the last has no newline
        #expect(lines[0].contains("\"jid\":\"a@example.com\""))
        #expect(lines[1].contains("\"code\":\"jid.invalid-utf8\""))
        #expect(lines[2].contains("\"jid\":\"b@example.com\""))
    }

    @Test func countPrintsOnlyTheTotals() throws {
        let outcome = try JIDExecutable.run(["check", "--count"], stdin: Array("a@b.c\nx y@z.c\n\n".utf8))
        #expect(outcome.output == "1 valid, 1 invalid\n")
        #expect(outcome.status == 1)
    }

    @Test func versionNamesTheUnicodeLibraries() throws {
        let outcome = try JIDExecutable.run(["--version"])
        #expect(outcome.output.contains("ICU 72"))
        #expect(outcome.output.contains("Unicode 15.0"))
        #expect(outcome.output.contains("libidn2"))
    }

    @Test func escapeUnescapeAndURI() throws {
        #expect(
            try JIDExecutable.run(["escape", "d'artagnan@musketeers.lit"]).output == "d\\27artagnan@musketeers.lit\n")
        #expect(
            try JIDExecutable.run(["unescape", "c\\3a\\5c5commas@example.com"]).output == "c:\\5commas@example.com\n")
        let escapeFailure = try JIDExecutable.run(["escape", "--localpart", " x"])
        #expect(escapeFailure.status == 1)
        #expect(escapeFailure.error.contains("escaping.leading-or-trailing-space"))
        let uri = try JIDExecutable.run(["uri", "--json", "jiři@čechy.example/v Praze"])
        #expect(uri.output.contains("\"uri\":\"xmpp:ji%C5%99i@%C4%8Dechy.example/v%20Praze\""))
        let back = try JIDExecutable.run(["uri", "--json", "xmpp:ji%C5%99i@%C4%8Dechy.example/v%20Praze"])
        #expect(back.output.contains("\"jid\":\"jiři@čechy.example/v Praze\""))
        #expect(try JIDExecutable.run(["uri", "mailto:x@y.z"]).status == 1)
    }

    /// `--domain`: user names at a domain, each enforced as a localpart; `--localpart`/`--resource` build one.
    @Test func userNamesAtADomain() throws {
        let names = try JIDExecutable.run(["check", "--domain", "chat.example", "nick/home", "Juliet"])
        #expect(names.status == 1)
        #expect(names.output.hasPrefix("invalid  nick/home@chat.example\n  localpart, character 5:"))
        #expect(names.output.contains("valid    Juliet@chat.example  →  juliet@chat.example\n"))
        let piped = try JIDExecutable.run(
            ["check", "--domain", "chat.example", "--count"], stdin: Array("a\nb/c\nd@e\n".utf8))
        #expect(piped.output == "1 valid, 2 invalid\n")
        let one = try JIDExecutable.run([
            "check", "--localpart", "Juliet", "--domain", "capulet.example", "--resource", "a/b",
        ])
        #expect(one.status == 0)
        #expect(one.output == "valid    Juliet@capulet.example/a/b  →  juliet@capulet.example/a/b\n")
        #expect(try JIDExecutable.run(["check", "--localpart", "x"]).status == 2)
        #expect(try JIDExecutable.run(["check", "--domain", "d.example", "--localpart", "x", "y"]).status == 2)
    }

    /// Found by peer projects' tests: the resourcepart's "@" stays there, unescaping shows "\\20" at an end with
    /// a warning, an authority without a path is a URI, and query actions are built and read.
    @Test func escapingAndURIsAsPeersExpect() throws {
        let escaped = try JIDExecutable.run(["escape", "room@conference.example/user@host"])
        #expect(escaped.output == "room@conference.example/user@host\n" && escaped.status == 0)
        let shown = try JIDExecutable.run(["unescape", "\\20a@example.com"])
        #expect(shown.status == 0)
        #expect(shown.output == " a@example.com\n")
        #expect(shown.error.contains("warning:") && shown.error.contains("escaping.leading-or-trailing-space"))
        let account = try JIDExecutable.run(["uri", "xmpp://guest@example.com"])
        #expect(account.status == 0)
        #expect(account.output.contains("authority: valid    guest@example.com"))
        let built = try JIDExecutable.run([
            "uri", "--action", "message", "--parameter", "subject=Hi there", "--fragment", "x", "romeo@montague.net",
        ])
        #expect(built.output.contains("URI:  xmpp:romeo@montague.net?message;subject=Hi%20there#x\n"))
        let read = try JIDExecutable.run(["uri", "xmpp:coven@chat.shakespeare.lit?join;password=cauldron%20burn"])
        #expect(read.output.contains("  action: join\n    password = cauldron burn\n"))
        #expect(try JIDExecutable.run(["uri", "--parameter", "a=b", "x@example.com"]).status == 2)
    }
}
