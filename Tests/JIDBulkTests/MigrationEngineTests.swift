import Foundation
import JIDBulk
import JIDCore
import Testing

/// The bulk engine in process: no subprocess, no sleeps.
@Suite struct MigrationEngineTests {
    /// Lines with every status, an empty line, a line that is not UTF-8, and two collisions.
    static let lines: [[UInt8]] = [
        Array("juliet@example.com".utf8),
        Array("Juliet@Example.com".utf8),  // the same account as line 1 under both RFCs
        Array("fußball@example.com".utf8),  // RFC 6122 folds ß to ss: merges with line 4 no more
        Array("fussball@example.com".utf8),
        Array("henriⅣ@example.com".utf8),  // newly invalid
        [],
        [0x66, 0xFF, 0x40, 0x78],
        Array("romeo@example.net/balcony".utf8),
    ]
    static let input: [UInt8] = lines.flatMap { $0 + [0x0A] }

    /// What the checker writes for each line on its own, in order: the records the engine must reproduce.
    static func expectedRecords(_ format: MigrationOutputFormat) -> [UInt8] {
        let checker = MigrationChecker(mode: .stored)
        var output = format == .csv ? Array(MigrationRecord.csvHeader.utf8) : []
        for (offset, line) in lines.enumerated() {
            let record = line.withUnsafeBufferPointer { checker.check(line: offset + 1, utf8: $0) }
            switch format {
            case .jsonl:
                var writer = JSONWriter()
                record.write(to: &writer)
                output += writer.bytes + [0x0A]
            case .csv:
                record.appendCSV(to: &output)
            }
        }
        return output
    }

    @Test(arguments: MigrationOutputFormat.allCases, [1, 3])
    func recordsComeOutInInputOrderOnAnyNumberOfThreads(format: MigrationOutputFormat, threads: Int) throws {
        let records = MemorySink()
        let engine = MigrationEngine(options: MigrationOptions(format: format, threads: threads))
        // Pieces of 3 bytes: lines are split across reads.
        let outcome = try engine.run(source: MemorySource(Self.input, pieceSize: 3), records: records)
        #expect(!outcome.interrupted)
        #expect(outcome.summary.records == Self.lines.count)
        #expect(
            String(decoding: records.bytes, as: UTF8.self)
                == String(decoding: Self.expectedRecords(format), as: UTF8.self))
    }

    @Test func collisionsAreFoundWithoutTheCallerReplayingAnything() throws {
        let collisions = MemorySink()
        let outcome = try MigrationEngine(options: MigrationOptions()).run(
            source: MemorySource(Self.input), records: MemorySink(), collisions: collisions)
        #expect(outcome.summary.collisionsChecked)
        let text = String(decoding: collisions.bytes, as: UTF8.self)
        #expect(text.split(separator: "\n").count == outcome.collisions.count)
        // fußball and fussball: one account under RFC 6122 (ß folds to ss), two under RFC 7622.
        #expect(outcome.collisions.contains { $0.kind == .split && $0.lines == [3, 4] }, "\(outcome.collisions)")
        #expect(outcome.summary.splits == outcome.collisions.filter { $0.kind == .split }.count)
    }

    /// A source that can be read only once is spooled for the collision pass, and the spool is removed.
    @Test func aSourceReadOnceIsSpooledAndTheSpoolRemoved() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("jid-bulk-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let once = ReadOnce(Self.input)
        let outcome = try MigrationEngine(options: MigrationOptions(spoolDirectory: directory.path)).run(
            source: once, records: MemorySink())
        let reopened = try MigrationEngine(options: MigrationOptions()).run(
            source: MemorySource(Self.input), records: MemorySink())
        #expect(outcome.collisions == reopened.collisions)
        #expect(!outcome.collisions.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test func aCancelledRunStopsAndSaysSo() throws {
        let cancellation = Cancellation()
        cancellation.cancel()
        let many = [UInt8](repeating: 0, count: 0) + (0..<50_000).flatMap { Array("user\($0)@example.com\n".utf8) }
        let outcome = try MigrationEngine(options: MigrationOptions(threads: 2)).run(
            source: MemorySource(many), records: MemorySink(), cancellation: cancellation)
        #expect(outcome.interrupted)
        #expect(outcome.summary.records < 50_000)
        #expect(outcome.collisions.isEmpty)
    }

    @Test func progressIsReportedUpToTheWholeInput() throws {
        var reports: [(Int, Int)] = []
        _ = try MigrationEngine(options: MigrationOptions()).run(
            source: MemorySource(Self.input), records: MemorySink(), progress: { reports.append(($0, $1)) })
        #expect(reports.last?.0 == Self.lines.count)
        #expect(reports.last?.1 == Self.input.count)
    }

    /// Memory is bounded by bytes whatever the lines are like: while the output cannot be written, the engine reads
    /// only a few batches ahead (records can be 25 times their input, so every batch held counts).
    @Test(arguments: [1, 2, 4])
    func readingStaysABoundedDistanceAheadOfAStalledWriter(threads: Int) throws {
        let line = Array("juliet@example.com\n".utf8)
        var input: [UInt8] = []
        input.reserveCapacity(line.count * 500_000)  // 9.5 MB
        for _ in 0..<500_000 { input.append(contentsOf: line) }
        let source = MemorySource(input)
        let sink = StalledSink()
        let done = DispatchSemaphore(value: 0)
        let cancellation = Cancellation()
        nonisolated(unsafe) var outcome: MigrationEngine.Outcome?
        Thread.detachNewThread {
            outcome = try? MigrationEngine(options: MigrationOptions(detectCollisions: false, threads: threads)).run(
                source: source, records: sink, cancellation: cancellation)
            done.signal()
        }
        Thread.sleep(forTimeInterval: 1)
        let ahead = source.bytesRead
        cancellation.cancel()
        sink.release()
        done.wait()
        #expect(outcome?.interrupted == true)
        // The window, the writer's slots and the batch being split, each at most a batch of 64 KiB plus a line.
        #expect(ahead <= (threads * 2 + 2 + 4 + 2) * 80 << 10, "read \(ahead) bytes ahead of a stalled writer")
    }

    /// A failing sink's error reaches the caller.
    @Test func aWriteFailureIsThrown() {
        #expect(throws: FileError.self) {
            try MigrationEngine(options: MigrationOptions()).run(
                source: MemorySource(Self.input), records: FailingSink())
        }
    }
}

/// Bytes that can be read once, like a pipe.
final class ReadOnce: ByteSource, @unchecked Sendable {
    let memory: MemorySource
    init(_ bytes: [UInt8]) { memory = MemorySource(bytes) }
    var size: Int? { nil }
    var bytesRead: Int { memory.bytesRead }
    func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int { try memory.read(into: buffer) }
    func reopen() throws -> (any ByteSource)? { nil }
}

/// A sink whose first write waits until `release()`.
final class StalledSink: ByteSink, @unchecked Sendable {
    private let gate = DispatchSemaphore(value: 0)
    private var released = false
    func release() { gate.signal() }
    func write(_ bytes: [UInt8]) throws {
        if !released {
            gate.wait()
            released = true
        }
    }
}

final class FailingSink: ByteSink {
    func write(_ bytes: [UInt8]) throws { throw FileError(message: "disk full") }
}
