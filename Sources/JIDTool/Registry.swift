import ArgumentParser
import Foundation
import JIDConfusables
import JIDServer
import JIDStore
import Logging

/// Where `jid registry` and `jid tls … --track` find the store: the same flags and variables as `jid serve`.
struct StoreOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The embedded store's directory (state.sqlite); JID_STATE_DIR.", valueName: "dir"))
    var stateDir: String?

    @Option(help: ArgumentHelp("A PostgreSQL URL for the shared store; JID_DATABASE_URL.", valueName: "url"))
    var database: String?

    func open() async throws -> any RegistryStore {
        var configuration = try ServerConfiguration.from(environment: ProcessInfo.processInfo.environment)
        if let stateDir { configuration.stateDirectory = stateDir }
        if let database { configuration.databaseURL = database }
        var logger = Logger(label: "jid")
        logger.logLevel = .warning
        guard configuration.stateDirectory != nil || configuration.databaseURL != nil else {
            throw ValidationError(
                "Name the store: --state-dir DIR or --database URL (or JID_STATE_DIR, JID_DATABASE_URL).")
        }
        guard let store = try await JIDService.openStore(configuration, logger: logger) else {
            throw ValidationError("No store is configured.")
        }
        try await store.migrate()
        return store
    }
}

struct Registry: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registry",
        abstract: "Manage the registered names in the store that jid serve follows.",
        discussion: """
            Names are enforced before they are stored (a bare JID, or a localpart); the same name twice is one row. \\
            A running jid serve on the same store sees each change within a second. Exit status: 0 on success, 1 if \\
            a name cannot be registered or the store cannot be used, 2 on a usage error.

            Examples:
              jid registry add --state-dir /var/lib/jid-service juliet romeo@montague.example
              jid registry import --database postgres://jid@db/jid names.txt
              jid registry export --state-dir /var/lib/jid-service > names.txt
            """,
        subcommands: [Add.self, Remove.self, Import.self, Export.self, Count.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Register names.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Names: bare JIDs or localparts.") var names: [String]

        func run() async throws {
            var canonical: [String] = []
            for name in names { canonical.append(try Registry.canonical(name)) }
            let store = try await store.open()
            let added = try await store.add(canonical)
            await store.close()
            print("\(added) added, \(canonical.count - added) already registered")
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove names.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Names: bare JIDs or localparts.") var names: [String]

        func run() async throws {
            var canonical: [String] = []
            for name in names { canonical.append(try Registry.canonical(name)) }
            let store = try await store.open()
            var removed = 0
            for name in canonical where try await store.remove(name) { removed += 1 }
            await store.close()
            print("\(removed) removed, \(names.count - removed) not registered")
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Register every line of a file (or standard input) in one transaction: all or nothing.",
            discussion: "Empty lines and lines starting with '#' are skipped; a line that is not a name is reported "
                + "on standard error and skipped.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "A file of names, one per line; without it, standard input.") var file: String?

        func run() async throws {
            let handle: UnsafeMutablePointer<FILE>
            if let file {
                guard let opened = fopen(file, "r") else {
                    throw ValidationError("cannot read \(file): \(String(cString: strerror(errno)))")
                }
                handle = opened
            } else {
                handle = fdopen(0, "r")
            }
            defer { fclose(handle) }
            let store = try await store.open()
            let batches = FileNameBatches(reader: LineReader(file: handle))
            let started = ContinuousClock.now
            let added = try await store.importNames(batches)
            let seconds = (ContinuousClock.now - started) / .seconds(1)
            let count = try await store.count()
            await store.close()
            FileHandle.standardError.write(
                "\(added) added (\(batches.refusedCount) lines refused) in \(String(format: "%.1f", seconds)) s; "
                    + "\(count) names registered\n")
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export", abstract: "Print every registered name, one per line.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let store = try await store.open()
            let output = OutputSink()
            try await store.forEachName { names in output.write(names) }
            await store.close()
            try output.finish()
        }
    }

    struct Count: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "count", abstract: "Print the number of registered names.")
        @OptionGroup var store: StoreOptions

        func run() async throws {
            let store = try await store.open()
            print(try await store.count())
            await store.close()
        }
    }

    static func canonical(_ name: String) throws -> String {
        do {
            return try RegistryService.canonical(name)
        } catch {
            guard case .invalid(let message) = error else { throw error }
            FileHandle.standardError.write("jid: \(name): cannot be registered: \(message)\n")
            throw ExitCode(1)
        }
    }
}

/// Lines of a file as batches of canonical names; refused lines are reported on standard error.
final class FileNameBatches: AsyncSequence, @unchecked Sendable {
    typealias Element = [String]
    private var reader: LineReader
    private var line = 0
    private(set) var refusedCount = 0

    init(reader: LineReader) { self.reader = reader }

    struct AsyncIterator: AsyncIteratorProtocol {
        let source: FileNameBatches
        mutating func next() async throws -> [String]? { source.nextBatch() }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(source: self) }

    fileprivate func nextBatch() -> [String]? {
        var batch: [String] = []
        while batch.count < 5000, let bytes = reader.next() {
            line += 1
            if bytes.isEmpty || bytes.first == UInt8(ascii: "#") { continue }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                refuse("not valid UTF-8")
                continue
            }
            do {
                batch.append(try RegistryService.canonical(text))
            } catch {
                if case .invalid(let message) = error { refuse(message) }
            }
        }
        return batch.isEmpty ? nil : batch
    }

    private func refuse(_ message: String) {
        refusedCount += 1
        if refusedCount <= 20 { FileHandle.standardError.write("jid: line \(line): skipped: \(message)\n") }
    }
}

/// Names written to standard output in large blocks.
final class OutputSink: @unchecked Sendable {
    private var output = OutputBuffer()
    func write(_ names: [String]) { for name in names { output.write(name + "\n") } }
    func finish() throws { try output.finish() }
}
