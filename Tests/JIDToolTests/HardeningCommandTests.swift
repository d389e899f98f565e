import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// What an attack on `jid migrate` and `jid check` found; every test failed before its fix.
@Suite struct HardeningCommandTests {
    static func directory() throws -> URL { try MigrateCommandTests.temporaryDirectory() }

    @Test func anOutputThatIsTheInputIsRefusedAndTheInputKept() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("accounts.txt")
        try Data("juliet@example.com\nromeo@example.com\n".utf8).write(to: input)
        for option in ["-o", "--collisions", "--summary"] {
            let outcome = try JIDExecutable.run(["migrate", input.path, option, input.path])
            #expect(outcome.status == 2, "\(option): \(outcome.error)")
            #expect(outcome.error.contains("same file as the input"), "\(option): \(outcome.error)")
            #expect(try String(contentsOf: input, encoding: .utf8) == "juliet@example.com\nromeo@example.com\n")
        }
        // Through a symbolic link, too.
        let link = directory.appendingPathComponent("link.jsonl")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: input)
        #expect(try JIDExecutable.run(["migrate", input.path, "-o", link.path]).status == 2)
        #expect(try String(contentsOf: input, encoding: .utf8) == "juliet@example.com\nromeo@example.com\n")
    }

    @Test func twoOutputsThatAreOneFileAreRefused() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("accounts.txt")
        try Data("juliet@example.com\n".utf8).write(to: input)
        let same = directory.appendingPathComponent("out.jsonl").path
        let outcome = try JIDExecutable.run(["migrate", input.path, "-o", same, "--summary", same])
        #expect(outcome.status == 2)
        #expect(outcome.error.contains("same file as --output"))
    }

    @Test func aSymbolicLinkStaysALinkAndItsTargetGetsTheReport() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("accounts.txt")
        try Data("juliet@example.com\n".utf8).write(to: input)
        let target = directory.appendingPathComponent("report.jsonl")
        try Data("old".utf8).write(to: target)
        let link = directory.appendingPathComponent("latest.jsonl")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        #expect(try JIDExecutable.run(["migrate", input.path, "-o", link.path]).status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == target.path)
        #expect(try String(contentsOf: target, encoding: .utf8).contains("\"status\":\"unchanged\""))
    }

    @Test func aFIFOIsWrittenThroughNotReplaced() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("accounts.txt")
        try Data("juliet@example.com\n".utf8).write(to: input)
        let fifo = directory.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = Thread {
            let handle = FileHandle(forReadingAtPath: fifo)
            _ = handle?.readDataToEndOfFile()
        }
        reader.start()
        let outcome = try JIDExecutable.run(["migrate", input.path, "-o", fifo, "--no-collisions"])
        #expect(outcome.status == 0, "\(outcome.error)")
        var status = stat()
        #expect(stat(fifo, &status) == 0 && (status.st_mode & S_IFMT) == S_IFIFO)
    }

    /// /dev/null itself is not a good test subject (a failure would break the machine), so a character device of
    /// the test's own is not possible without root; /dev/null is written through and must still be a device.
    @Test func devNullStaysADevice() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("accounts.txt")
        try Data("juliet@example.com\n".utf8).write(to: input)
        let outcome = try JIDExecutable.run([
            "migrate", input.path, "-o", "/dev/null", "--summary", "/dev/null", "--collisions", "/dev/null",
        ])
        #expect(outcome.status == 0, "\(outcome.error)")
        var status = stat()
        #expect(stat("/dev/null", &status) == 0 && (status.st_mode & S_IFMT) == S_IFCHR)
    }

    @Test func aFailedWriteToStandardOutputIsAnError() throws {
        for arguments in [
            ["check", "juliet@example.com"], ["escape", "juliet smith"], ["confusables", "score", "paypal.com"],
        ] {
            let process = Process()
            process.executableURL = JIDExecutable.url
            process.arguments = arguments
            process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
            let error = Pipe()
            process.standardError = error
            try process.run()
            let message = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 3, "\(arguments): \(message)")
            #expect(message.contains("standard output"))
        }
    }

    @Test func controlCharactersAreShownNotSentToATerminal() throws {
        // script(1) gives the command a terminal; the escape sequences must come out as <U+001B>.
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = [
            // POSIX printf, not bash's $'…': script(1) runs the command with $SHELL, which may be /bin/sh.
            "-qec", "'\(JIDExecutable.url.path)' check \"$(printf '\\033]0;pwned\\007\\033[2J')@example.com\"",
            "/dev/null",
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["SHELL"] = "/bin/sh"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(text.contains("<U+001B>]0;pwned<U+0007><U+001B>[2J@example.com"), "\(text)")
        #expect(!text.contains("\u{1B}]0;"))
    }
}
