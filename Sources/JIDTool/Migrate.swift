public import ArgumentParser
import CPlatform
import JIDBulk
public import JIDCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Report what moving from RFC 6122 (stringprep) to RFC 7622 (PRECIS) changes, for every address.",
        discussion: """
            Reads one address per line (or one column of a CSV/TSV file with a header row) and writes one record \
            per input line, in input order: both results, a status (unchanged, canonical-changed, newly-invalid, \
            newly-valid, invalid-both) and the reasons. Then finds accounts that collide: merge groups (different \
            accounts under RFC 6122 that become one) and split groups (one account that becomes several). A summary \
            goes to standard error (and, with --summary, to a JSON file).

            Every input line gives exactly one record: empty lines, lines that are not UTF-8 and lines over the \
            length limit are reported, never dropped. Output files are written under a temporary name and renamed \
            when complete; an interrupted run (Ctrl-C, SIGTERM) leaves no file under the final names and prints \
            a summary of what it did.

            Exit status: 0 when the run completed (whatever it found), 1 if it could not run (unreadable input, \
            unwritable output, a missing column), 2 on a usage error (including an output that is the input or \
            another output), 130 when interrupted. An output that is not a regular file (/dev/null, a FIFO) is \
            written straight through; a symbolic link is followed and its target replaced when the run completes.

            Examples:
              jid migrate accounts.txt -o report.jsonl --collisions collisions.jsonl --summary summary.json
              jid migrate users.csv --column jid --format csv -o report.csv
              mysql -N -e 'select jid from users' | jid migrate --full > report.jsonl
            """)

    enum InputFormat: String, ExpressibleByArgument, CaseIterable {
        case lines, csv, tsv
    }

    @Argument(help: "Input file; '-' or nothing for standard input.")
    var input: String?

    @Option(name: .shortAndLong, help: "Output file (default: standard output).")
    var output: String?

    @Option(help: "Output format: jsonl or csv.")
    var format: MigrationOutputFormat = .jsonl

    @Option(help: "Write collision groups (JSON Lines) to this file.")
    var collisions: String?

    @Option(help: "Write the summary as JSON to this file.")
    var summary: String?

    @Flag(help: "Compare full JIDs (with resourceparts) instead of bare JIDs when looking for collisions.")
    var full = false

    @Option(help: "RFC 6122 mode: 'stored' (unassigned code points of Unicode 3.2 are errors) or 'query'.")
    var mode: StringprepMode = .stored

    @Option(help: "Input format: lines, csv or tsv (default: from the file name, else lines).")
    var inputFormat: InputFormat?

    @Option(help: "The column that holds the address, for CSV and TSV input.")
    var column: String?

    @Flag(help: "Skip collision detection.")
    var noCollisions = false

    @Option(help: "Worker threads, 1 to 256 (default: one per core).")
    var threads: Int?

    @Flag(inversion: .prefixedNo, help: "Show a progress bar (default: when standard error is a terminal).")
    var progress: Bool?

    func validate() throws {
        let format = resolvedInputFormat
        if format != .lines && column == nil { throw ValidationError("--column is required for \(format) input.") }
        if format == .lines && column != nil { throw ValidationError("--column applies to CSV and TSV input only.") }
        if let threads, !(1...256).contains(threads) { throw ValidationError("--threads must be 1 to 256.") }
        if noCollisions && collisions != nil {
            throw ValidationError("--collisions cannot be used with --no-collisions.")
        }
        do {
            try OutputPaths.check(
                input: input, outputs: [("--output", output), ("--collisions", collisions), ("--summary", summary)])
        } catch {
            throw ValidationError(error.description)
        }
    }

    private var resolvedInputFormat: InputFormat {
        if let inputFormat { return inputFormat }
        if input?.lowercased().hasSuffix(".csv") == true { return .csv }
        if input?.lowercased().hasSuffix(".tsv") == true { return .tsv }
        return .lines
    }

    func run() throws {
        // Batches allocate and free large buffers continuously; keep freed memory rather than fault it in again.
        cs_keep_freed_memory()
        let lineFormat: LineSplitter.Format =
            switch resolvedInputFormat {
            case .lines: .lines
            case .csv: .delimited(separator: UInt8(ascii: ","), column: column ?? "")
            case .tsv: .delimited(separator: 0x09, column: column ?? "")
            }
        let options = MigrationOptions(
            format: format, fullJIDs: full, mode: mode, lineFormat: lineFormat, detectCollisions: !noCollisions,
            threads: threads ?? Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        let interruption = Interruption()
        let outcome: MigrationEngine.Outcome
        do {
            let source = try InputFile(path: input)
            let output = try AtomicOutputFile.make(self.output)
            let collisionFile = try collisions.map { try AtomicOutputFile(path: $0) }
            var bar = Progress(enabled: progress ?? (isatty(2) == 1), totalBytes: source.size)
            outcome = try MigrationEngine(options: options).run(
                source: source, records: output ?? StandardOutput(), collisions: collisionFile,
                cancellation: interruption.cancellation, progress: { bar.update(lines: $0, bytes: $1) })
            bar.finish(lines: outcome.summary.records, bytes: source.bytesRead)
            if outcome.interrupted {
                output?.discard()
                collisionFile?.discard()
            } else {
                try output?.commit()
                try collisionFile?.commit()
            }
        } catch {
            TemporaryFiles.shared.removeAll()
            FileHandle.standardError.write("error: \(error)\n")
            throw ExitCode(1)
        }
        let report = outcome.summary.report(interrupted: outcome.interrupted)
        FileHandle.standardError.write(isatty(2) == 1 ? TerminalText.visible(report) : report)
        if let path = summary {
            do {
                let file = try AtomicOutputFile(path: path)
                try file.write(outcome.summary.json(interrupted: outcome.interrupted) + [0x0A])
                if outcome.interrupted { file.discard() } else { try file.commit() }
            } catch {
                FileHandle.standardError.write("error: \(error)\n")
                throw ExitCode(1)
            }
        }
        if outcome.interrupted { throw ExitCode(130) }
    }
}

extension MigrationOutputFormat: ExpressibleByArgument {}
extension StringprepMode: ExpressibleByArgument {}
