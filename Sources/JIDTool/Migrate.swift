public import ArgumentParser
import CPlatform
import Foundation
import JIDBulk
public import JIDCore
public import JIDStore
import Logging

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Report what moving from RFC 6122 (stringprep) to RFC 7622 (PRECIS) changes, for every account.",
        discussion: """
            Reads addresses (one per line, or a column of a CSV/TSV file with a header row), user names at a \
            domain (--domain, or --localpart-column with --domain-column), or a server's own account storage \
            (--from), and writes one record per input line, in input order: a status (unchanged, \
            canonical-changed, newly-invalid, newly-valid, invalid-both) and the reasons. An unchanged line gets a \
            compact record (line, input, status, jid, columns); --records full gives every line both results. \
            Then finds accounts that collide: merge groups (different accounts under RFC 6122 that become one) and \
            split groups (one account that becomes several). A summary goes to standard error (and, with \
            --summary, to a JSON file).

            Stored names (--stored, the default with --from): the input is what an RFC 6122 server stored, its \
            Nodeprep output, not what people typed. The records then also say when a stored name is not its own \
            RFC 7622 canonical form (stored-not-canonical: the server would no longer find it) and which typed \
            forms reached the account under RFC 6122 but will not under RFC 7622 (typed-forms-lost: a typed 'ß' \
            that was stored as 'ss', a final 'ς' stored as 'σ', a micro sign 'µ' stored as 'μ'), so that aliases \
            can be added or the users told. (--mode is another thing: the stringprep mode of RFC 6122.)

            Server storage (--from KIND LOCATION): prosody-files reads Prosody's data directory \
            (HOST/accounts/USER.dat, every virtual host); prosody-sql reads mod_storage_sql's prosody table and \
            ejabberd-sql ejabberd's users table, from a postgres:// URL or an SQLite file (sqlite:PATH). Nothing \
            is written to the storage. With --from, --domain reads only that host's accounts (and is required for \
            ejabberd's single-host schema, which stores no host); --keep names columns of ejabberd's users table. \
            The accounts are exported to a temporary file in $TMPDIR (else /tmp) for the run, and the record's \
            line is the account's position in host, then user, order.

            Next steps: --plan writes a rename plan (old,new,reason) for every account of a merge group but the \
            one that keeps the name, every account invalid under RFC 7622 and every stored name that is not \
            canonical; each proposed name is valid, canonical and taken by no other account or proposal. \
            --plan-sql writes the SQL statements that carry the plan out in Prosody's or ejabberd's tables (with \
            --from prosody-sql or ejabberd-sql), for review: jid never runs them. --report writes the totals, top \
            reasons, collision groups and plan for people: one self-contained HTML file (.html) or Markdown (.md).

            Every input line gives exactly one record: empty lines, lines that are not UTF-8 and lines over the \
            length limit are reported, never dropped. Output files are written under a temporary name and renamed \
            when complete; an interrupted run (Ctrl-C, SIGTERM) leaves no file under the final names and prints \
            a summary of what it did.

            Exit status: 0 when the run completed (whatever it found), 1 if it could not run (unreadable input or \
            storage, unwritable output, a missing column), 2 on a usage error (including an output that is the \
            input or another output), 130 when interrupted. An output that is not a regular file (/dev/null, a \
            FIFO) is written straight through; a symbolic link is followed and its target replaced when the run \
            completes.

            Examples:
              jid migrate accounts.txt -o report.jsonl --collisions collisions.jsonl --summary summary.json
              jid migrate users.csv --column jid --format csv -o report.csv
              ejabberdctl registered_users example.org | jid migrate --domain example.org --stored -o report.jsonl
              jid migrate users.csv --localpart-column username --domain-column server_host --keep id,created_at
              jid migrate --from prosody-files /var/lib/prosody -o report.jsonl --plan plan.csv --report report.html
              jid migrate --from ejabberd-sql postgres://ejabberd@db/ejabberd --plan-sql rename.sql -o report.jsonl
            """)

    enum InputFormat: String, ExpressibleByArgument, CaseIterable {
        case lines, csv, tsv
    }

    enum RecordDetail: String, ExpressibleByArgument, CaseIterable {
        case compact, full
    }

    @Argument(
        help: "Input file; '-' or nothing for standard input. With --from: the data directory, or the database URL.")
    var input: String?

    @Option(help: "Read a server's account storage: prosody-files, prosody-sql or ejabberd-sql.")
    var from: ServerStorage?

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

    @Option(help: "The column that holds user names (localparts), for CSV and TSV input.")
    var localpartColumn: String?

    @Option(help: "The column that holds each user name's domain (with --localpart-column).")
    var domainColumn: String?

    @Option(
        help: ArgumentHelp(
            "The domain of every user name: lines are user names, or --localpart-column's values.",
            discussion: "With --from: read only this host's accounts."))
    var domain: String?

    @Option(help: "Columns to copy into every record (comma-separated), as a primary key or a creation date.")
    var keep: String?

    @Flag(
        inversion: .prefixedNo,
        help: "The inputs are names as an RFC 6122 server stored them (default: with --from).")
    var stored: Bool?

    @Option(help: "Records of unchanged lines: compact (line, input, status, jid, columns) or full.")
    var records: RecordDetail = .compact

    @Option(help: "Write the rename plan (CSV: old,new,reason) to this file.")
    var plan: String?

    @Option(help: "Write SQL statements that carry out the rename plan (with --from prosody-sql or ejabberd-sql).")
    var planSql: String?

    @Option(help: "Write a report for people to this file: HTML (.html) or Markdown (.md).")
    var report: String?

    @Flag(help: "Skip collision detection.")
    var noCollisions = false

    @Option(help: "Worker threads, 1 to 256 (default: one per core).")
    var threads: Int?

    @Flag(inversion: .prefixedNo, help: "Show a progress bar (default: when standard error is a terminal).")
    var progress: Bool?

    private var keptColumns: [String] {
        (keep ?? "").split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty
        }
    }

    func validate() throws {
        if let threads, !(1...256).contains(threads) { throw ValidationError("--threads must be 1 to 256.") }
        if noCollisions && collisions != nil {
            throw ValidationError("--collisions cannot be used with --no-collisions.")
        }
        if plan != nil || planSql != nil {
            if noCollisions { throw ValidationError("the rename plan needs collisions: drop --no-collisions.") }
            if full { throw ValidationError("the rename plan is of accounts (bare JIDs): drop --full.") }
        }
        if planSql != nil && from != .prosodySQL && from != .ejabberdSQL {
            throw ValidationError(
                "--plan-sql writes Prosody's or ejabberd's SQL: use it with --from prosody-sql or ejabberd-sql.")
        }
        if let report, ReportKind(path: report) == nil {
            throw ValidationError("--report writes HTML (a name ending in .html) or Markdown (.md).")
        }
        if let from {
            guard let input, input != "-" else {
                throw ValidationError("--from \(from.rawValue) needs the storage's location (a directory or a URL).")
            }
            _ = input
            if inputFormat != nil || column != nil || localpartColumn != nil || domainColumn != nil {
                throw ValidationError("--from reads the server's own storage: drop --input-format and the columns.")
            }
            if keep != nil && from != .ejabberdSQL {
                throw ValidationError("--keep with --from reads columns of ejabberd's users table (ejabberd-sql).")
            }
        } else {
            if let problem = layout.problem { throw ValidationError("\(problem).") }
            if resolvedInputFormat == .lines && keep != nil {
                throw ValidationError("--keep applies to CSV and TSV input, or to --from ejabberd-sql.")
            }
        }
        do {
            try OutputPaths.check(
                input: from == nil ? input : sqlitePath,
                outputs: [
                    ("--output", output), ("--collisions", collisions), ("--summary", summary), ("--plan", plan),
                    ("--plan-sql", planSql), ("--report", report),
                ])
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

    /// The SQLite file `--from … sqlite:PATH` reads, which no output may be.
    private var sqlitePath: String? {
        guard let input, from == .prosodySQL || from == .ejabberdSQL, !input.lowercased().hasPrefix("postgres")
        else { return nil }
        if input.lowercased().hasPrefix("sqlite://") { return String(input.dropFirst(9)) }
        if input.lowercased().hasPrefix("sqlite:") { return String(input.dropFirst(7)) }
        return input
    }

    /// Where the addresses are in the input (files and standard input).
    private var layout: InputLayout {
        let format = resolvedInputFormat
        let separator: UInt8? =
            switch format {
            case .lines: nil
            case .csv: UInt8(ascii: ",")
            case .tsv: 0x09
            }
        if separator == nil && (column != nil || localpartColumn != nil || domainColumn != nil) {
            // Reported by `problem`: columns apply to CSV and TSV input only.
            return InputLayout(separator: nil, addressColumn: column, localpartColumn: localpartColumn)
        }
        return InputLayout(
            separator: separator, addressColumn: column, localpartColumn: localpartColumn,
            domainColumn: domainColumn, domain: domain, keep: keptColumns)
    }

    enum ReportKind {
        case html, markdown
        init?(path: String) {
            let lowered = path.lowercased()
            if lowered.hasSuffix(".html") || lowered.hasSuffix(".htm") {
                self = .html
            } else if lowered.hasSuffix(".md") || lowered.hasSuffix(".markdown") {
                self = .markdown
            } else {
                return nil
            }
        }
    }

    func run() async throws {
        // Batches allocate and free large buffers continuously; keep freed memory rather than fault it in again.
        cs_keep_freed_memory(64 << 20, 512 << 20)
        var lineFormat = layout
        var export: AtomicOutputFile?
        defer { export?.discard() }
        // Whether the storage said each account's host (ejabberd's multi-host schema) or --domain gave it.
        var hostsStored = false
        if let from, let input {
            do {
                let exported = try await exportAccounts(from, location: input)
                export = exported.file
                lineFormat = exported.layout
                hostsStored = exported.hostsStored
            } catch {
                FileHandle.standardError.write("error: \(error)\n")
                throw ExitCode(1)
            }
        }
        var options = MigrationOptions(
            format: format, fullJIDs: full, mode: mode, lineFormat: lineFormat, detectCollisions: !noCollisions,
            compact: records == .compact, stored: stored ?? (from != nil),
            threads: threads ?? availableCores())
        options.plan = plan != nil || planSql != nil
        let interruption = Interruption()
        let outcome: MigrationEngine.Outcome
        do {
            let source = try InputFile(path: export?.temporaryPath ?? input)
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
        let summaryText = outcome.summary.report(interrupted: outcome.interrupted)
        FileHandle.standardError.write(isatty(2) == 1 ? TerminalText.visible(summaryText) : summaryText)
        let records = outcome.summary.records
        if !lineFormat.composesAddresses && records > 0 && outcome.summary.userNameLike * 2 > records {
            FileHandle.standardError.write(
                "warning: \(outcome.summary.userNameLike) of \(records) lines look like user names, not addresses "
                    + "(no '@', no '.'), and were checked as domains. For user names, give their domain with "
                    + "--domain.\n")
        }
        var files: [(String, [UInt8])] = []
        if let summary { files.append((summary, outcome.summary.json(interrupted: outcome.interrupted) + [0x0A])) }
        if !outcome.interrupted {
            if let plan, let renames = outcome.plan { files.append((plan, renames.csv)) }

            if let report, let kind = ReportKind(path: report) {
                let document = MigrationReport(
                    source: sourceDescription, summary: outcome.summary, groups: outcome.collisions,
                    plan: outcome.plan)
                files.append((report, Array((kind == .html ? document.html : document.markdown).utf8)))
            }
        }
        for (path, bytes) in files {
            do {
                let file = try AtomicOutputFile(path: path)
                try file.write(bytes)
                if outcome.interrupted { file.discard() } else { try file.commit() }
            } catch {
                FileHandle.standardError.write("error: \(error)\n")
                throw ExitCode(1)
            }
        }
        if let planSql, let renames = outcome.plan, !outcome.interrupted {
            let schema: RenamePlanSQL.Schema =
                from == .prosodySQL ? .prosody : .ejabberd(multiHost: hostsStored)
            do {
                let file = try AtomicOutputFile(path: planSql)
                var pending: [UInt8] = []
                try RenamePlanSQL.write(renames, schema: schema) { text in
                    pending += text.utf8
                    if pending.count >= 1 << 20 {
                        try file.write(pending)
                        pending.removeAll(keepingCapacity: true)
                    }
                }
                try file.write(pending)
                try file.commit()
            } catch {
                TemporaryFiles.shared.removeAll()
                FileHandle.standardError.write("error: \(error)\n")
                throw ExitCode(1)
            }
        }
        if outcome.interrupted { throw ExitCode(130) }
    }

    /// The input as the report names it (a database URL without its password).
    private var sourceDescription: String {
        let location = input ?? "standard input"
        guard let from else { return location == "-" ? "standard input" : location }
        var shown = location
        if var components = URLComponents(string: location), components.password != nil {
            components.password = "***"
            shown = components.string ?? location
        }
        return "\(from.rawValue) \(shown)"
    }

    /// Reads the server's accounts into a temporary CSV file (`localpart,domain` and the kept columns) and
    /// returns it with the layout that reads it.
    private func exportAccounts(_ storage: ServerStorage, location: String) async throws
        -> (file: AtomicOutputFile, layout: InputLayout, hostsStored: Bool)
    {
        let directory = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        let file = try AtomicOutputFile(path: "\(directory)/jid-migrate-accounts-\(getpid()).csv")
        let kept = keptColumns
        for name in kept where name == "localpart" || name == "domain" {
            file.discard()
            throw FileError(message: "the column '\(name)' cannot be kept: the export uses that name")
        }
        let header = (["localpart", "domain"] + kept).joined(separator: ",") + "\r\n"
        try file.write(Array(header.utf8))
        let fixedDomain = domain
        let started = Date()
        let sink = ExportSink(file)
        let read: ServerAccountsRead
        do {
            // The database libraries' own logs (connection retries) are not for this command's user: errors are
            // reported once, by the read's outcome.
            var logger = Logger(label: "jid-service.migrate")
            logger.logLevel = .critical
            read = try await ServerAccounts.read(
                storage, location: location, host: domain, keep: kept, logger: logger
            ) { accounts in
                var bytes: [UInt8] = []
                bytes.reserveCapacity(accounts.count * 48)
                for account in accounts {
                    guard let host = account.host ?? fixedDomain.map({ Array($0.utf8) }) else {
                        throw StoreError(
                            .failed,
                            "the users table has no server_host column (ejabberd's single-host schema): give the "
                                + "host with --domain")
                    }
                    CSVField.append(account.user, to: &bytes)
                    bytes.append(UInt8(ascii: ","))
                    CSVField.append(host, to: &bytes)
                    for value in account.kept {
                        bytes.append(UInt8(ascii: ","))
                        CSVField.append(Array((value ?? "").utf8), to: &bytes)
                    }
                    bytes += [0x0D, 0x0A]
                }
                try sink.file.write(bytes)
            }
        } catch {
            file.discard()
            throw error
        }
        let seconds = Date().timeIntervalSince(started)
        FileHandle.standardError.write(
            "read \(read.accounts) accounts of \(read.hosts.count) hosts from \(storage.rawValue) in "
                + "\(String(format: "%.1f", seconds)) s\n")
        let layout = InputLayout(
            separator: UInt8(ascii: ","), localpartColumn: "localpart", domainColumn: "domain", keep: kept)
        var numbered = layout
        numbered.numbersRecords = true
        return (file, numbered, read.hostsKnown && read.accounts > 0)
    }
}

/// The export file, written from the reader's callback: batches arrive one at a time, in order.
private final class ExportSink: @unchecked Sendable {
    let file: AtomicOutputFile
    init(_ file: AtomicOutputFile) { self.file = file }
}

extension MigrationOutputFormat: ExpressibleByArgument {}
extension StringprepMode: ExpressibleByArgument {}
extension ServerStorage: ExpressibleByArgument {}
