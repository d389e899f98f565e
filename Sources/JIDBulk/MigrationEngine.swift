import Dispatch
public import JIDCore
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a migration run checks and how it writes records.
public struct MigrationOptions: Sendable {
    public var format: MigrationOutputFormat
    /// Whether account keys for collisions are full JIDs (otherwise bare JIDs).
    public var fullJIDs: Bool
    public var mode: StringprepMode
    public var lineFormat: InputLayout
    public var detectCollisions: Bool
    /// Whether unchanged lines without reasons get compact JSON records (`jid migrate` does by default).
    public var compact: Bool
    /// Whether the inputs are names as an RFC 6122 server stored them (`MigrationChecker.stored`).
    public var stored: Bool
    /// Whether to make the rename plan (needs collision detection and bare keys).
    public var plan = false
    /// Worker threads, 1 to 256.
    public var threads: Int
    /// Where standard input is spooled for the collision pass, which reads the candidate lines again.
    public var spoolDirectory: String

    public init(
        format: MigrationOutputFormat = .jsonl, fullJIDs: Bool = false, mode: StringprepMode = .stored,
        lineFormat: InputLayout = .lines, detectCollisions: Bool = true, compact: Bool = false,
        stored: Bool = false, threads: Int = 1, spoolDirectory: String = "."
    ) {
        self.compact = compact
        self.stored = stored
        self.format = format
        self.fullJIDs = fullJIDs
        self.mode = mode
        self.lineFormat = lineFormat
        self.detectCollisions = detectCollisions
        self.threads = min(256, max(1, threads))
        self.spoolDirectory = spoolDirectory
    }
}

/// A request to stop, checked between batches: a run stops at the next batch and says it was
/// interrupted. Signal handlers, a deadline or a closed connection set it.
public final class Cancellation: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    public func cancel() { flag.store(true, ordering: .relaxed) }

    public var isCancelled: Bool { flag.load(ordering: .relaxed) }
}

/// The bulk migration engine: reads lines from a source, checks them on every core, writes one record per line in
/// input order to a sink, finds the collisions (both passes: candidates by hash, then the exact groups from the
/// candidate lines read again) and counts everything in the summary. Memory is bounded by bytes whatever the
/// lines are like.
public final class MigrationEngine {
    public let options: MigrationOptions
    let checker: MigrationChecker

    /// Lines per batch handed to a worker.
    static let batchLines = 8_192
    /// Bytes per read.
    static let readSize = 32 << 10
    /// A batch also ends once it holds this many bytes (it then holds at most this plus one read and one line),
    /// so that memory is bounded by bytes whatever the lines are like: 20,000 lines of 9,200 bytes are 184 MB, not
    /// 20,000 short lines. A batch's records can be 25 times its input (a line of NUL bytes is echoed, escaped, in
    /// both RFCs' records), so batches are small: with ordinary lines 32 KiB are still about 1,300 lines.
    static let batchBytes = 32 << 10
    /// Batches between the reader and the writer: read, being checked, or checked and waiting for their turn.
    static func window(threads: Int) -> Int { threads * 2 + 2 }

    public init(options: MigrationOptions) {
        self.options = options
        self.checker = MigrationChecker(mode: options.mode, stored: options.stored)
    }

    public struct Outcome: Sendable {
        public var summary: MigrationSummary
        /// The collision groups found (empty when collisions were not looked for or the run was interrupted).
        public var collisions: [CollisionGroup]
        /// Whether the run stopped early on `cancellation`; its outputs are then incomplete.
        public var interrupted: Bool
        /// The rename plan, when asked for and the run completed.
        public var plan: RenamePlan? = nil
    }

    /// Runs over `source`: records to `records` (CSV with its header row, or JSON Lines), collision groups as
    /// JSON Lines to `collisions`. `progress` is called after every batch with the lines and bytes done so far.
    /// The caller commits or discards its output files by the outcome.
    public func run(
        source: any ByteSource, records: any ByteSink, collisions: (any ByteSink)? = nil,
        cancellation: Cancellation = Cancellation(), progress: ((_ lines: Int, _ bytes: Int) -> Void)? = nil
    ) throws -> Outcome {
        let detect = options.detectCollisions
        // A source that can be read only once (standard input) is spooled for the collision pass.
        let reread = detect ? try source.reopen() : nil
        let spool: AtomicOutputFile? =
            detect && reread == nil
            ? try AtomicOutputFile(path: "\(options.spoolDirectory)/jid-migrate-input-\(getpid()).spool") : nil
        defer { spool?.discard() }
        let writer = OrderedWriter(records: records, spool: spool)

        if options.format == .csv {
            writer.enqueue(MigrationRecord.csvHeader(keep: options.lineFormat.keep), spool: nil)
        }
        var summary = MigrationSummary()
        var index = CollisionIndex()
        var interrupted = false
        // Reading and splitting run on a thread of their own, checking on `threads` more; this thread takes the
        // results in input order, indexes them and hands them to the writer.
        let spoolChunk: (@Sendable ([UInt8]) -> Void)? =
            spool == nil ? nil : { @Sendable [writer] (chunk: [UInt8]) in writer.enqueue(nil, spool: chunk) }
        let checker = self.checker
        let options = self.options
        var recordOptions = MigrationRecordOptions(
            format: options.format, fullJIDs: options.fullJIDs, collisions: options.detectCollisions,
            compact: options.compact, keep: options.lineFormat.keep)
        recordOptions.planCandidates = options.plan
        let planOptions = recordOptions
        var candidates: [(line: Int, input: String)] = []
        let pipeline = BatchPipeline(
            source: source, format: options.lineFormat, threads: options.threads,
            window: Self.window(threads: options.threads), spool: spoolChunk
        ) { batch in
            checker.process(batch, options: planOptions)
        }
        var pipelineStopped = false
        defer { if !pipelineStopped { pipeline.stop() } }
        while let result = try pipeline.next() {
            if cancellation.isCancelled {
                interrupted = true
                break
            }
            writer.enqueue(result.output, spool: nil)
            if detect {
                for entry in result.hashes {
                    index.add(line: entry.line, legacyHash: entry.legacy, modernHash: entry.modern)
                }
            }
            summary.merge(result.summary)
            candidates += result.planCandidates
            try writer.check()
            progress?(summary.records, source.bytesRead)
        }
        pipeline.stop()
        pipelineStopped = true
        try writer.finish()
        progress?(summary.records, source.bytesRead)

        if interrupted { return Outcome(summary: summary, collisions: [], interrupted: true) }
        var groups: [CollisionGroup] = []
        if detect {
            let again: any ByteSource
            if let reread {
                again = reread
            } else {
                again = try InputFile(path: spool!.temporaryPath)
            }
            groups = try collisionGroups(index, from: again)
            summary.collisionsChecked = true
            for group in groups {
                if group.kind == .merge {
                    summary.merges += 1
                    summary.inputsInMerges += group.lines.count
                } else {
                    summary.splits += 1
                    summary.inputsInSplits += group.lines.count
                }
            }
            if let collisions {
                var bytes: [UInt8] = []
                for group in groups {
                    bytes += group.json
                    bytes.append(0x0A)
                }
                try collisions.write(bytes)
            }
        }
        var plan: RenamePlan?
        if options.plan && detect {
            plan = RenamePlan(
                candidates: candidates, groups: groups, taken: index.sortedModernHashes(), checker: checker)
        }
        return Outcome(summary: summary, collisions: groups, interrupted: cancellation.isCancelled, plan: plan)
    }

    /// Second pass: fetches the candidate lines again and decides the exact groups.
    private func collisionGroups(_ index: CollisionIndex, from input: any ByteSource) throws -> [CollisionGroup] {
        let candidates = index.candidates()
        let wanted = Set(candidates.merges.joined()).union(candidates.splits.joined())
        guard !wanted.isEmpty else { return [] }
        var splitter = LineSplitter(format: options.lineFormat)
        var entries: [Int: (input: String, legacy: String?, modern: String?)] = [:]
        var buffer = [UInt8](repeating: 0, count: Self.readSize)
        var finished = false
        while !finished {
            var batch = LineBatch()
            let count = try buffer.withUnsafeMutableBufferPointer { try input.read(into: $0) }
            if count == 0 {
                try splitter.finish(into: &batch)
                finished = true
            } else {
                try buffer.withUnsafeBufferPointer { (all) throws(LineSplitter.Failure) in
                    try splitter.feed(UnsafeBufferPointer(rebasing: all[0..<count]), into: &batch)
                }
            }
            for line in 0..<batch.count where wanted.contains(batch.lineNumbers[line]) {
                let record = batch.withLine(line) {
                    checker.check(
                        line: batch.lineNumbers[line], utf8: $0, localpartLength: batch.localpartLengths[line],
                        lanes: FastLanes.self)
                }
                let keys = record.keys(full: options.fullJIDs)
                entries[record.line] = (record.input, keys.legacy, keys.modern)
            }
        }
        return CollisionIndex.groups(candidates: candidates, entries: entries)
    }
}

/// Runs `body` on a thread of its own: the pipeline's threads block on each other, which must not hold threads
/// of a shared pool. Returns 0, or the error pthread_create(3) gave.
func startThread(_ body: @escaping @Sendable () -> Void) -> Int32 {
    final class Body {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }
    let attributes = UnsafeMutablePointer<pthread_attr_t>.allocate(capacity: 1)
    pthread_attr_init(attributes)
    defer {
        pthread_attr_destroy(attributes)
        attributes.deallocate()
    }
    pthread_attr_setdetachstate(attributes, Int32(PTHREAD_CREATE_DETACHED))
    let context = Unmanaged.passRetained(Body(body)).toOpaque()
    #if canImport(Darwin)
        var thread: pthread_t?
    #else
        var thread = pthread_t()
    #endif
    let status = pthread_create(
        &thread, attributes,
        { context in
            Unmanaged<Body>.fromOpaque(context!).takeRetainedValue().run()
            return nil
        }, context)
    if status != 0 { Unmanaged<Body>.fromOpaque(context).release() }
    return status
}

/// Writes outputs in the order given, on its own thread, with at most a few batches in flight.
final class OrderedWriter: @unchecked Sendable {
    private let queue = DispatchQueue(label: "jid.migrate.writer")
    /// Batches in flight; created at 0 and raised in `init` (see `BatchReader.free`).
    private let slots = DispatchSemaphore(value: 0)
    private let records: any ByteSink
    private let spool: AtomicOutputFile?
    private let failure = Mutex<(any Error)?>(nil)

    init(records: any ByteSink, spool: AtomicOutputFile?) {
        self.records = records
        self.spool = spool
        for _ in 0..<4 { slots.signal() }
    }

    func enqueue(_ bytes: [UInt8]?, spool spoolBytes: [UInt8]?) {
        slots.wait()
        queue.async { [self] in
            defer { slots.signal() }
            guard failure.withLock({ $0 == nil }) else { return }
            do {
                if let bytes { try records.write(bytes) }
                if let spoolBytes, let spool { try spool.write(spoolBytes) }
            } catch {
                failure.withLock { $0 = $0 ?? error }
            }
        }
    }

    /// Throws the first write error, if any.
    func check() throws {
        if let failure = failure.withLock({ $0 }) { throw failure }
    }

    /// Waits for every write, then throws the first error, if any.
    func finish() throws {
        queue.sync {}
        try check()
    }
}
