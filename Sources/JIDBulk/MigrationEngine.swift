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
    public var lineFormat: LineSplitter.Format
    public var detectCollisions: Bool
    /// Worker threads; at least 1.
    public var threads: Int
    /// Where standard input is spooled for the collision pass, which reads the candidate lines again.
    public var spoolDirectory: String

    public init(
        format: MigrationOutputFormat = .jsonl, fullJIDs: Bool = false, mode: StringprepMode = .stored,
        lineFormat: LineSplitter.Format = .lines, detectCollisions: Bool = true, threads: Int = 1,
        spoolDirectory: String = "."
    ) {
        self.format = format
        self.fullJIDs = fullJIDs
        self.mode = mode
        self.lineFormat = lineFormat
        self.detectCollisions = detectCollisions
        self.threads = max(1, threads)
        self.spoolDirectory = spoolDirectory
    }
}

/// A request to stop, checked between rounds of batches: a run stops at the next round and says it was
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
    static let readSize = 1 << 19
    /// A batch also ends once it holds this many bytes, and a round once its batches do, so that memory is bounded
    /// by bytes whatever the lines are like (20,000 lines of 9,200 bytes are 184 MB, not 20,000 short lines):
    /// about three rounds of input and one round's results are in memory at once, whatever the thread count.
    /// Results can be 25 times their input (a line of NUL bytes is echoed, escaped, in both RFCs' records), so a
    /// round is kept to 4 MiB; with ordinary lines (8,192 lines are about 200 KB) that is still 20 batches a round.
    static let batchBytes = 256 << 10
    static let roundBytes = 4 << 20

    public init(options: MigrationOptions) {
        self.options = options
        self.checker = MigrationChecker(mode: options.mode)
    }

    public struct Outcome: Sendable {
        public var summary: MigrationSummary
        /// The collision groups found (empty when collisions were not looked for or the run was interrupted).
        public var collisions: [CollisionGroup]
        /// Whether the run stopped early on `cancellation`; its outputs are then incomplete.
        public var interrupted: Bool
    }

    /// Runs over `source`: records to `records` (CSV with its header row, or JSON Lines), collision groups as
    /// JSON Lines to `collisions`. `progress` is called after every round with the lines and bytes done so far.
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

        if options.format == .csv { writer.enqueue(Array(MigrationRecord.csvHeader.utf8), spool: nil) }
        var summary = MigrationSummary()
        var index = CollisionIndex()
        var interrupted = false
        // Reading and splitting run on their own thread, a few rounds ahead of the workers.
        let spoolChunk: (@Sendable ([UInt8]) -> Void)? =
            spool == nil ? nil : { @Sendable [writer] (chunk: [UInt8]) in writer.enqueue(nil, spool: chunk) }
        let reader = BatchReader(
            source: source, format: options.lineFormat, batchesPerRound: options.threads * 6, spool: spoolChunk)
        var readerStopped = false
        defer { if !readerStopped { reader.stop() } }
        while let round = try reader.next() {
            if cancellation.isCancelled {
                interrupted = true
                break
            }
            for result in process(round) {
                writer.enqueue(result.output, spool: nil)
                if detect {
                    for entry in result.hashes {
                        index.add(line: entry.line, legacyHash: entry.legacy, modernHash: entry.modern)
                    }
                }
                summary.merge(result.summary)
            }
            try writer.check()
            progress?(summary.records, source.bytesRead)
        }
        reader.stop()
        readerStopped = true
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
        return Outcome(summary: summary, collisions: groups, interrupted: cancellation.isCancelled)
    }

    /// Processes batches with `options.threads` workers, each taking the next unprocessed batch; results come
    /// back in batch order.
    private func process(_ batches: [LineBatch]) -> [MigrationBatchResult] {
        guard !batches.isEmpty else { return [] }
        nonisolated(unsafe) var results = [MigrationBatchResult](
            repeating: MigrationBatchResult(), count: batches.count)
        let checker = self.checker
        let options = self.options
        let next = Atomic<Int>(0)
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: min(options.threads, batches.count)) { _ in
                while true {
                    let index = next.add(1, ordering: .relaxed).oldValue
                    guard index < batches.count else { return }
                    slots[index] = checker.process(
                        batches[index], format: options.format, fullJIDs: options.fullJIDs,
                        collisions: options.detectCollisions)
                }
            }
        }
        return results
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
                let record = batch.withLine(line) { checker.check(line: batch.lineNumbers[line], utf8: $0) }
                let keys = record.keys(full: options.fullJIDs)
                entries[record.line] = (record.input, keys.legacy, keys.modern)
            }
        }
        return CollisionIndex.groups(candidates: candidates, entries: entries)
    }
}

/// Reads the input and splits it into rounds of line batches on a background thread, at most two rounds ahead.
final class BatchReader: Sendable {
    private let ready = DispatchSemaphore(value: 0)
    /// Rounds the reader may prepare ahead. Created at 0 and raised below: libdispatch traps when a semaphore
    /// is freed below its initial value, as this one is when the consumer stops early.
    private let free = DispatchSemaphore(value: 0)
    /// Rounds read (nil marks the end) and the reader's error, if any.
    private let state = Mutex<(rounds: [[LineBatch]?], failure: (any Error)?)>(([], nil))
    private let stopped = Atomic<Bool>(false)
    private let exited = DispatchSemaphore(value: 0)

    init(
        source: any ByteSource, format: LineSplitter.Format, batchesPerRound: Int,
        spool: (@Sendable ([UInt8]) -> Void)?
    ) {
        free.signal()
        free.signal()
        DispatchQueue.global().async { [self] in
            do {
                try read(source, format, batchesPerRound, spool)
            } catch {
                state.withLock { $0.failure = error }
            }
            state.withLock { $0.rounds.append(nil) }  // end of input
            ready.signal()
            exited.signal()
        }
    }

    private func read(
        _ input: any ByteSource, _ format: LineSplitter.Format, _ batchesPerRound: Int,
        _ spool: (@Sendable ([UInt8]) -> Void)?
    ) throws {
        var splitter = LineSplitter(format: format)
        var buffer = [UInt8](repeating: 0, count: MigrationEngine.readSize)
        var pending = LineBatch()
        var finished = false
        while !finished {
            free.wait()
            if stopped.load(ordering: .relaxed) { return }
            var round: [LineBatch] = []
            var roundBytes = 0
            while round.count < batchesPerRound && roundBytes < MigrationEngine.roundBytes && !finished {
                let count = try buffer.withUnsafeMutableBufferPointer { try input.read(into: $0) }
                if count == 0 {
                    try splitter.finish(into: &pending)
                    finished = true
                } else {
                    spool?(Array(buffer[0..<count]))
                    try buffer.withUnsafeBufferPointer { (all) throws(LineSplitter.Failure) in
                        try splitter.feed(UnsafeBufferPointer(rebasing: all[0..<count]), into: &pending)
                    }
                }
                if pending.count >= MigrationEngine.batchLines || pending.storage.count >= MigrationEngine.batchBytes
                    || (finished && pending.count > 0)
                {
                    roundBytes += pending.storage.count
                    round.append(pending)
                    pending = LineBatch()
                    pending.reserve(lines: MigrationEngine.batchLines + 4096, bytes: MigrationEngine.batchLines * 48)
                }
            }
            state.withLock { $0.rounds.append(round) }
            ready.signal()
        }
    }

    /// The next round of batches, or nil at the end of the input; throws the reader's error.
    func next() throws -> [LineBatch]? {
        ready.wait()
        let (round, failure) = state.withLock { ($0.rounds.removeFirst(), $0.failure) }
        free.signal()
        if let failure { throw failure }
        return round
    }

    /// Stops reading and waits for the reading thread to end. Call once, after the last `next()`.
    func stop() {
        stopped.store(true, ordering: .relaxed)
        free.signal()
        exited.wait()
    }
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
        for _ in 0..<8 { slots.signal() }
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
