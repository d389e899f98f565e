import Dispatch
import JIDCore
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Settings of one `jid migrate` run.
struct MigrationSettings {
    var input: String?
    var output: String?
    var format: MigrationOutputFormat
    var collisions: String?
    var summary: String?
    var fullJIDs: Bool
    var mode: StringprepMode
    var lineFormat: LineSplitter.Format
    var detectCollisions: Bool
    var threads: Int
    var progress: Bool
}

/// Turns SIGINT and SIGTERM into a flag the run checks between batches.
final class Interruption: @unchecked Sendable {
    private let flag = Atomic<Bool>(false)
    private var sources: [any DispatchSourceSignal] = []

    init() {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [weak self] in self?.flag.store(true, ordering: .relaxed) }
            source.resume()
            sources.append(source)
        }
    }

    var isSet: Bool { flag.load(ordering: .relaxed) }
}

/// The I/O side of a migration run: reading, parallel batches, ordered writing, collisions, progress.
final class MigrationRun {
    let settings: MigrationSettings
    let checker: MigrationChecker
    let interruption = Interruption()

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

    init(settings: MigrationSettings) {
        self.settings = settings
        self.checker = MigrationChecker(mode: settings.mode)
    }

    struct Outcome {
        var summary: MigrationSummary
        var interrupted: Bool
    }

    func run() throws -> Outcome {
        let input = try InputFile(path: settings.input)
        let output = try AtomicOutputFile.make(settings.output)
        // Standard input can be read only once; the collision pass needs the candidate lines again.
        let spool: AtomicOutputFile? =
            settings.detectCollisions && input.descriptor == 0
            ? try AtomicOutputFile(path: "jid-migrate-input-\(getpid()).spool") : nil
        defer { spool?.discard() }
        let writer = OrderedWriter(output: output, spool: spool)
        var progress = Progress(enabled: settings.progress, totalBytes: input.size)

        if settings.format == .csv { writer.enqueue(Array(MigrationRecord.csvHeader.utf8), spool: nil) }
        var summary = MigrationSummary()
        var index = CollisionIndex()
        var interrupted = false
        // Reading and splitting run on their own thread, a few rounds ahead of the workers.
        let spoolChunk: (@Sendable ([UInt8]) -> Void)? =
            spool == nil ? nil : { @Sendable [writer] (chunk: [UInt8]) in writer.enqueue(nil, spool: chunk) }
        let reader = BatchReader(
            input: input, format: settings.lineFormat, batchesPerRound: settings.threads * 6, spool: spoolChunk)
        var readerStopped = false
        defer { if !readerStopped { reader.stop() } }
        while let round = try reader.next() {
            if interruption.isSet {
                interrupted = true
                break
            }
            for result in process(round) {
                writer.enqueue(result.output, spool: nil)
                if settings.detectCollisions {
                    for entry in result.hashes {
                        index.add(line: entry.line, legacyHash: entry.legacy, modernHash: entry.modern)
                    }
                }
                summary.merge(result.summary)
            }
            try writer.check()
            progress.update(lines: summary.records, bytes: input.bytesRead)
        }
        reader.stop()
        readerStopped = true
        try writer.finish()
        progress.finish(lines: summary.records, bytes: input.bytesRead)

        if interrupted {
            output?.discard()
            return Outcome(summary: summary, interrupted: true)
        }
        if settings.detectCollisions {
            let groups = try collisionGroups(index, from: spool?.temporaryPath ?? input.path, spooled: spool != nil)
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
            if let path = settings.collisions {
                let file = try AtomicOutputFile(path: path)
                var bytes: [UInt8] = []
                for group in groups {
                    bytes += group.json
                    bytes.append(0x0A)
                }
                try file.write(bytes)
                try file.commit()
            }
        }
        if interruption.isSet {
            output?.discard()
            return Outcome(summary: summary, interrupted: true)
        }
        try output?.commit()
        return Outcome(summary: summary, interrupted: false)
    }

    /// Processes batches on all cores; results come back in batch order.
    /// Processes batches with `settings.threads` workers, each taking the next unprocessed batch; results come
    /// back in batch order.
    private func process(_ batches: [LineBatch]) -> [MigrationBatchResult] {
        guard !batches.isEmpty else { return [] }
        nonisolated(unsafe) var results = [MigrationBatchResult](
            repeating: MigrationBatchResult(), count: batches.count)
        let checker = self.checker
        let settings = self.settings
        let next = Atomic<Int>(0)
        results.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: min(settings.threads, batches.count)) { _ in
                while true {
                    let index = next.add(1, ordering: .relaxed).oldValue
                    guard index < batches.count else { return }
                    slots[index] = checker.process(
                        batches[index], format: settings.format, fullJIDs: settings.fullJIDs,
                        collisions: settings.detectCollisions)
                }
            }
        }
        return results
    }

    /// Second pass: fetches the candidate lines again and decides the exact groups.
    private func collisionGroups(_ index: CollisionIndex, from path: String, spooled: Bool) throws -> [CollisionGroup] {
        let candidates = index.candidates()
        let wanted = Set(candidates.merges.joined()).union(candidates.splits.joined())
        guard !wanted.isEmpty else { return [] }
        let input = try InputFile(path: path)
        var splitter = LineSplitter(format: settings.lineFormat)
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
                let keys = record.keys(full: settings.fullJIDs)
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

    init(input: InputFile, format: LineSplitter.Format, batchesPerRound: Int, spool: (@Sendable ([UInt8]) -> Void)?) {
        free.signal()
        free.signal()
        DispatchQueue.global().async { [self] in
            do {
                try read(input, format, batchesPerRound, spool)
            } catch {
                state.withLock { $0.failure = error }
            }
            state.withLock { $0.rounds.append(nil) }  // end of input
            ready.signal()
            exited.signal()
        }
    }

    private func read(
        _ input: InputFile, _ format: LineSplitter.Format, _ batchesPerRound: Int,
        _ spool: (@Sendable ([UInt8]) -> Void)?
    ) throws {
        var splitter = LineSplitter(format: format)
        var buffer = [UInt8](repeating: 0, count: MigrationRun.readSize)
        var pending = LineBatch()
        var finished = false
        while !finished {
            free.wait()
            if stopped.load(ordering: .relaxed) { return }
            var round: [LineBatch] = []
            var roundBytes = 0
            while round.count < batchesPerRound && roundBytes < MigrationRun.roundBytes && !finished {
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
                if pending.count >= MigrationRun.batchLines || pending.storage.count >= MigrationRun.batchBytes
                    || (finished && pending.count > 0)
                {
                    roundBytes += pending.storage.count
                    round.append(pending)
                    pending = LineBatch()
                    pending.reserve(lines: MigrationRun.batchLines + 4096, bytes: MigrationRun.batchLines * 48)
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
    private let output: AtomicOutputFile?
    private let spool: AtomicOutputFile?
    private let failure = Mutex<(any Error)?>(nil)

    init(output: AtomicOutputFile?, spool: AtomicOutputFile?) {
        self.output = output
        self.spool = spool
        for _ in 0..<8 { slots.signal() }
    }

    func enqueue(_ bytes: [UInt8]?, spool spoolBytes: [UInt8]?) {
        slots.wait()
        queue.async { [self] in
            defer { slots.signal() }
            guard failure.withLock({ $0 == nil }) else { return }
            do {
                if let bytes {
                    if let output { try output.write(bytes) } else { try writeAll(1, bytes, path: "standard output") }
                }
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

/// A progress line on standard error: lines, rate, share of the input and time left.
struct Progress {
    let enabled: Bool
    let totalBytes: Int?
    private let start = DispatchTime.now().uptimeNanoseconds
    private var lastDraw: UInt64 = 0

    init(enabled: Bool, totalBytes: Int?) {
        self.enabled = enabled
        self.totalBytes = totalBytes
    }

    mutating func update(lines: Int, bytes: Int) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        guard now - lastDraw > 200_000_000 else { return }
        lastDraw = now
        draw(lines: lines, bytes: bytes, now: now)
    }

    mutating func finish(lines: Int, bytes: Int) {
        guard enabled else { return }
        draw(lines: lines, bytes: bytes, now: DispatchTime.now().uptimeNanoseconds)
        FileHandle.standardError.write("\n")
    }

    private func draw(lines: Int, bytes: Int, now: UInt64) {
        let seconds = max(Double(now - start) / 1e9, 0.001)
        let rate = Double(lines) / seconds
        var text = "\r\(grouped(lines)) lines  \(String(format1: rate / 1e6))M lines/s"
        if let totalBytes, totalBytes > 0 {
            let fraction = min(1, Double(bytes) / Double(totalBytes))
            let width = 30
            let filled = Int(fraction * Double(width))
            let remaining = fraction > 0 ? seconds * (1 - fraction) / fraction : 0
            text +=
                "  [" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
                + "] \(Int(fraction * 100))%  ETA \(Int(remaining) / 60):\(String(format2: Int(remaining) % 60))"
        }
        FileHandle.standardError.write(text + "   ")
    }

    private func grouped(_ number: Int) -> String {
        var digits = Array(String(number))
        var index = digits.count - 3
        while index > 0 {
            digits.insert(",", at: index)
            index -= 3
        }
        return String(digits)
    }
}

extension String {
    /// One decimal place.
    init(format1 value: Double) {
        let tenths = Int((value * 10).rounded())
        self = "\(tenths / 10).\(tenths % 10)"
    }

    /// Two digits, zero-padded.
    init(format2 value: Int) { self = value < 10 ? "0\(value)" : "\(value)" }
}
