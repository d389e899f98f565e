import Dispatch
import Foundation
import HTTPTypes
import Hummingbird
import JIDCore
import NIOCore
import Synchronization

/// `/v1/batch`: NDJSON (or plain text) in, NDJSON out, streamed both ways with bounded memory.
///
/// In NDJSON each non-blank input line is a JSON string (`"juliet@example.com"`) or an object with a `jid`
/// string and optionally an `id` (a string or an integer) that is echoed back; in `text/plain` each non-empty
/// line is a raw address. Each gives one output line, in order: `{"line": N, "result": <JID result>}` (with
/// `"id"` after `line` when the input had one), or `{"line": N, "error": <problem>}` for a line that is not one
/// of those. Skipped lines still count in the numbering. A problem with the
/// stream itself after the response has started (body over the limit, a line over the line limit, a pause
/// longer than the body timeout) ends the output with a line `{"error": <problem>}`; a client that stops sending
/// for longer than the body timeout has its connection closed, since a stalled read cannot be interrupted.
struct BatchRoute {
    let configuration: ServerConfiguration
    let metrics: JIDMetrics

    static let mediaTypes: Set<String> = ["application/x-ndjson", "application/ndjson", "application/jsonl"]

    /// How the lines of a batch are written.
    enum LineFormat: Sendable {
        /// A JSON string or an object with `jid` (and `id`) per line.
        case ndjson
        /// A raw address per line (`text/plain`, UTF-8).
        case text
    }

    /// The line format a `Content-Type` names, if it is one the route takes.
    static func lineFormat(_ contentType: String?) -> LineFormat? {
        guard let contentType else { return nil }
        let parts = contentType.lowercased().split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let mediaType = parts.first else { return nil }
        if mediaTypes.contains(mediaType) { return .ndjson }
        guard mediaType == "text/plain" else { return nil }
        let charsets = parts.dropFirst().filter { $0.hasPrefix("charset=") }
        return charsets.allSatisfy({ $0 == "charset=utf-8" || $0 == "charset=\"utf-8\"" }) ? .text : nil
    }

    func register(on router: Router<JIDRequestContext>) {
        router.post("/v1/batch") { request, context in
            guard let format = Self.lineFormat(request.headers[.contentType]) else {
                throw Problem(
                    .unsupportedMediaType,
                    "Send the batch as application/x-ndjson (one JSON string or {\"jid\": ..., \"id\": ...} object "
                        + "per line) or as text/plain in UTF-8 (one address per line).")
            }
            if let length = request.headers[.contentLength].flatMap(Int.init), length > configuration.batchBodyLimit {
                throw Problem(
                    .bodyTooLarge, "The batch is \(length) bytes; at most \(configuration.batchBodyLimit) are accepted."
                )
            }
            var headers = HTTPFields()
            headers[.contentType] = "application/x-ndjson"
            let configuration = self.configuration
            let metrics = self.metrics
            return Response(
                status: .ok, headers: headers,
                body: ResponseBody { writer in
                    try await Self.stream(
                        request.body, to: &writer, configuration: configuration, metrics: metrics,
                        channel: context.channel, format: format)
                })
        }
    }

    /// Input bytes of the chunks one batch may hold at once (running, or done and waiting for an earlier one to be
    /// written), whatever `batchWorkers` is. Results are about twelve times their input, so a client that never
    /// reads its answers holds about 1 MiB of the server's memory, not a multiple of the worker count.
    static let heldInputBudget = 64 * 1024

    /// Splits the body into chunks of lines as it arrives, enforces the chunks on up to `batchWorkers` tasks at
    /// once (so one batch uses every core, and `batchWorkers` 1 uses one), and writes their results in input
    /// order. The chunks held stay within ``heldInputBudget`` (or one chunk), so memory stays bounded when the
    /// client reads slowly or not at all; a chunk ends where an incoming piece of the body ends, so a client that
    /// sends a line at a time gets each answer at once. The whole batch must arrive within `batchTimeout`.
    static func stream(
        _ body: RequestBody, to writer: inout any ResponseBodyWriter, configuration: ServerConfiguration,
        metrics: JIDMetrics, channel: (any Channel)?, format: LineFormat = .ndjson,
        statistics: BatchStatistics? = nil
    ) async throws {
        var splitter = BatchSplitter(configuration: configuration, format: format)
        let watchdog = channel.map { Watchdog(timeout: configuration.bodyTimeout, channel: $0) }
        defer { watchdog?.stop() }
        let deadline = ContinuousClock.now + .seconds(configuration.batchTimeout)
        let workers = max(1, configuration.batchWorkers)
        var failure: Problem?
        try await withThrowingTaskGroup(of: (Int, ByteBuffer).self) { group in
            var submitted = 0
            var completed = 0
            var written = 0
            var finished: [Int: ByteBuffer] = [:]
            var sizes: [Int: Int] = [:]
            var held = 0
            func submit(_ chunk: BatchChunk) {
                let index = submitted
                submitted += 1
                sizes[index] = chunk.storage.count
                held += chunk.storage.count
                statistics?.observe(heldInputBytes: held)
                group.addTask { (index, chunk.results(metrics: metrics)) }
            }
            func collectOne() async throws {
                guard let (index, output) = try await group.next() else { return }
                completed += 1
                finished[index] = output
                while let output = finished.removeValue(forKey: written) {
                    try await writer.write(output)
                    held -= sizes.removeValue(forKey: written) ?? 0
                    written += 1
                    watchdog?.progress()
                }
            }
            /// Waits until `chunk` fits: a free worker, and the held chunks within the budget (or none held).
            func makeRoom(for chunk: BatchChunk) async throws {
                while submitted - completed >= workers
                    || (submitted > written && held + chunk.storage.count > Self.heldInputBudget)
                {
                    try await collectOne()
                }
            }
            do {
                for try await buffer in body {
                    watchdog?.progress()
                    if ContinuousClock.now > deadline {
                        throw Problem(
                            .requestTimeout,
                            "The batch did not arrive within \(configuration.batchTimeout) seconds; send large batches "
                                + "faster or split them.")
                    }
                    try splitter.feed(buffer)
                    for chunk in splitter.takeReady() {
                        try await makeRoom(for: chunk)
                        submit(chunk)
                    }
                }
                if let last = splitter.finish() {
                    try await makeRoom(for: last)
                    submit(last)
                }
            } catch let problem as Problem {
                // Lines before the problem are still answered, then the stream ends with it.
                failure = problem
                for chunk in splitter.takeReady() {
                    try await makeRoom(for: chunk)
                    submit(chunk)
                }
                if let partial = splitter.flush() {
                    try await makeRoom(for: partial)
                    submit(partial)
                }
            }
            while written < submitted { try await collectOne() }
        }
        if let failure {
            var output = JSONWriter()
            output.beginObject()
            BatchChunk.writeProblem(failure, key: "error", to: &output)
            output.endObject()
            output.endRecord()
            try await writer.write(ByteBuffer(json: output))
        }
        try await writer.finish(nil)
    }
}

/// What a batch held at most, for tests and diagnostics.
final class BatchStatistics: Sendable {
    private let maximum = Atomic<Int>(0)

    /// The largest number of input bytes held at once.
    var maximumHeldInputBytes: Int { maximum.load(ordering: .relaxed) }

    func observe(heldInputBytes: Int) { _ = maximum.max(heldInputBytes, ordering: .relaxed) }
}

/// Closes a connection whose request body stalls: no new bytes for `timeout` seconds.
final class Watchdog: Sendable {
    /// When the body or the response last moved, shared with the watching task.
    private final class Mark: Sendable {
        let nanoseconds = Atomic<UInt64>(DispatchTime.now().uptimeNanoseconds)
    }

    private let mark: Mark
    private let task: Task<Void, Never>

    init(timeout: Int, channel: any Channel) {
        let mark = Mark()
        self.mark = mark
        let limit = UInt64(timeout) * 1_000_000_000
        task = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(250))
                if DispatchTime.now().uptimeNanoseconds - mark.nanoseconds.load(ordering: .relaxed) > limit {
                    channel.close(promise: nil)
                    return
                }
            }
        }
    }

    func progress() { mark.nanoseconds.store(DispatchTime.now().uptimeNanoseconds, ordering: .relaxed) }

    func stop() { task.cancel() }
}

/// Cuts a batch body into chunks of whole lines, numbering them and enforcing the body and line limits.
///
/// Lines are found with `memchr` and copied into their chunk a run at a time, line breaks included; the chunk
/// keeps where each line feed is and strips a line's CR when it is read (``BatchChunk/forEachLine(_:)``).
struct BatchSplitter {
    let configuration: ServerConfiguration
    let format: BatchRoute.LineFormat
    /// A chunk ends at this many lines or bytes, or where an incoming piece of the body ends.
    static let chunkLines = 512
    static let chunkBytes = 16 * 1024
    private var chunk: BatchChunk
    /// Chunks completed and not yet taken.
    private var ready: [BatchChunk] = []
    /// The start of a line whose line feed has not arrived yet.
    private var pending: [UInt8] = []
    private var line = 0
    private var received = 0

    init(configuration: ServerConfiguration, format: BatchRoute.LineFormat = .ndjson) {
        self.configuration = configuration
        self.format = format
        chunk = BatchChunk(firstLine: 1, format: format)
    }

    /// Adds a piece of the body; the chunks it completes (the last ending with the piece) wait in `takeReady()`,
    /// also when a limit is broken part way through.
    mutating func feed(_ buffer: ByteBuffer) throws {
        received += buffer.readableBytes
        if received > configuration.batchBodyLimit {
            throw Problem(.bodyTooLarge, "The batch is larger than \(configuration.batchBodyLimit) bytes.")
        }
        try buffer.withUnsafeReadableBytes { raw in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
            let count = raw.count
            let limit = configuration.batchLineLimit
            var start = 0  // where the next line starts in the piece
            var copied = 0  // the piece's bytes before this are in the chunk
            /// Copies the lines found since the last copy into the chunk.
            func copyLines() {
                chunk.storage.append(contentsOf: UnsafeBufferPointer(start: base + copied, count: start - copied))
                copied = start
            }
            while start < count, let found = memchr(base + start, 0x0A, count - start) {
                let newline = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
                line += 1
                let endsWithCR = newline > start ? base[newline - 1] == 0x0D : pending.last == 0x0D
                if pending.count + newline - start - (endsWithCR ? 1 : 0) > limit {
                    copyLines()
                    throw Problem(.lineTooLong, "Line \(line) is longer than \(limit) bytes.")
                }
                if !pending.isEmpty {
                    // The line's start came in an earlier piece (so this is the piece's first line).
                    chunk.storage += pending
                    pending = []
                }
                chunk.lineFeeds.append(chunk.storage.count + newline - copied)
                start = newline + 1
                if chunk.count >= Self.chunkLines || chunk.storage.count + start - copied >= Self.chunkBytes {
                    copyLines()
                    if let done = flush() { ready.append(done) }
                }
            }
            copyLines()
            pending.append(contentsOf: UnsafeBufferPointer(start: base + start, count: count - start))
            // A CR at the end of a piece may be the line break's first half.
            if pending.count - (pending.last == 0x0D ? 1 : 0) > limit {
                throw Problem(.lineTooLong, "Line \(line + 1) is longer than \(limit) bytes.")
            }
        }
        if let done = flush() { ready.append(done) }
    }

    mutating func takeReady() -> [BatchChunk] {
        defer { ready = [] }
        return ready
    }

    /// The last line, when the body does not end with a line feed.
    mutating func finish() -> BatchChunk? {
        if !pending.isEmpty {
            line += 1
            chunk.storage += pending
            chunk.storage.append(0x0A)
            chunk.lineFeeds.append(chunk.storage.count - 1)
            pending = []
        }
        return flush()
    }

    /// The lines gathered so far, as a chunk (nil if there are none).
    mutating func flush() -> BatchChunk? {
        guard chunk.count > 0 else { return nil }
        let done = chunk
        chunk = BatchChunk(firstLine: line + 1, format: format)
        return done
    }
}

/// Consecutive lines of a batch, from `firstLine` on (blank lines included, so the numbers stay right), as they
/// came with their line breaks; ``BatchSplitter`` fills it.
struct BatchChunk: Sendable {
    let firstLine: Int
    let format: BatchRoute.LineFormat
    /// The lines, each ending with a line feed (LF or CR LF).
    fileprivate(set) var storage: [UInt8] = []
    /// Where each line's line feed is in `storage`.
    fileprivate var lineFeeds: [Int] = []

    init(firstLine: Int, format: BatchRoute.LineFormat = .ndjson) {
        self.firstLine = firstLine
        self.format = format
    }

    /// A line's `id`, echoed back as it was given.
    enum LineID: Sendable, Equatable {
        case string(String)
        case integer(Int)
    }

    var count: Int { lineFeeds.count }

    /// Calls `body` with each line's number and bytes (without its line break), in order.
    func forEachLine(_ body: (Int, UnsafeBufferPointer<UInt8>) -> Void) {
        storage.withUnsafeBufferPointer { all in
            var start = 0
            for (offset, lineFeed) in lineFeeds.enumerated() {
                let end = lineFeed > start && all[lineFeed - 1] == 0x0D ? lineFeed - 1 : lineFeed
                body(firstLine + offset, UnsafeBufferPointer(rebasing: all[start..<end]))
                start = lineFeed + 1
            }
        }
    }

    /// One output line per non-blank input line: `{"line": N, "result": …}` or `{"line": N, "error": …}`.
    func results(metrics: JIDMetrics) -> ByteBuffer {
        var tally = JIDMetrics.Tally()
        defer { metrics.record(tally) }
        // An answer is about twelve times its lines (more for short ones), written in place into the response's
        // buffer; one that outgrows it (long errors) is written on and copied in.
        var buffer = ByteBufferAllocator().buffer(capacity: storage.count * 12 + 4_096)
        var overflow: JSONWriter?
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: 0) { memory in
            let (written, rest) = JSONWriter.write(into: memory) { write(to: &$0, tally: &tally) }
            overflow = rest
            return written
        }
        if let overflow { overflow.withUnsafeBytes { _ = buffer.writeBytes($0) } }
        return buffer
    }

    /// Writes the output lines of ``results(metrics:)``.
    private func write(to output: inout JSONWriter, tally: inout JIDMetrics.Tally) {
        var scratch: [UInt8] = []
        forEachLine { number, bytes in
            if format == .text {
                if bytes.isEmpty { return }
                output.beginObject()
                output.integer("line", number)
                if JIDResult.writeFromBytes(bytes, scratch: &scratch, to: &output, key: "result") {
                    tally.countValid()
                    output.endObject()
                    output.endRecord()
                    return
                }
                let result = JID.parse(utf8: bytes)
                tally.count(result)
                result.write(to: &output, key: "result")
                output.endObject()
                output.endRecord()
                return
            }
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
            output.beginObject()
            output.integer("line", number)
            // A JSON string without escapes whose address a whole-address lane takes: written from its bytes
            // (found by `plainStringBytes` to need no escaping).
            if let inner = Self.plainStringBytes(bytes),
                JIDResult.writeFromBytes(
                    inner, scratch: &scratch, to: &output, key: "result", needsNoEscaping: true)
            {
                tally.countValid()
                output.endObject()
                output.endRecord()
                return
            }
            do {
                let (input, id) = try BatchChunk.line(bytes)
                switch id {
                case .string(let text)?: output.string("id", text)
                case .integer(let number)?: output.integer("id", number)
                case nil: break
                }
                let result = JID.parse(input)
                tally.count(result)
                result.write(to: &output, key: "result")
            } catch let problem as Problem {
                Self.writeProblem(problem, key: "error", to: &output)
            } catch {
                Self.writeProblem(Problem(.badRequest, "The line could not be read."), key: "error", to: &output)
            }
            output.endObject()
            output.endRecord()
        }
    }
    /// A line's address: a JSON string, or an object with a `jid` string.
    static func address(_ bytes: UnsafeBufferPointer<UInt8>) throws -> String { try line(bytes).address }

    /// A line's address and `id`: a JSON string, or an object with a `jid` string and an optional `id`.
    static func line(_ bytes: UnsafeBufferPointer<UInt8>) throws -> (address: String, id: LineID?) {
        if let plain = plainString(bytes) { return (plain, nil) }
        return try line(Data(bytes))
    }

    /// The value of a line that is a JSON string with nothing to unescape: a quote, then valid UTF-8 with no
    /// quote, backslash or control character, then a quote, and nothing else. Such a line means exactly its
    /// inner bytes, so the JSON parser is skipped; anything else (escapes, whitespace around the string, bad
    /// bytes) takes the full path and its errors. `BatchRouteTests` checks the two agree.
    static func plainString(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard let inner = plainStringBytes(bytes) else { return nil }
        // Not `String(validating:as:)`, whose encoding-generic code looks its metadata up at each line.
        guard UnicodeText.isValidUTF8(inner) else { return nil }
        return String(decoding: inner, as: UTF8.self)
    }

    /// The inner bytes of a line that is a quote, bytes without a quote, backslash or control character, and a
    /// quote; not yet checked to be UTF-8.
    static func plainStringBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        guard bytes.count >= 2, bytes.first == UInt8(ascii: "\""), bytes.last == UInt8(ascii: "\"") else {
            return nil
        }
        let inner = UnsafeBufferPointer(rebasing: bytes[1..<(bytes.count - 1)])
        return JSONWriter.needsNoEscaping(inner) ? inner : nil
    }

    static func address(_ data: Data) throws -> String { try line(data).address }

    static func line(_ data: Data) throws -> (address: String, id: LineID?) {
        let value = try JSONBody.parseValue(data)
        if let string = value as? String, !(value is NSNumber) { return (string, nil) }
        guard let object = value as? [String: Any] else {
            throw Problem(.wrongType, "The line must be a JSON string or an object with a 'jid' string.")
        }
        let address = try JSONFields(object: object).string("jid")
        guard let id = object["id"] else { return (address, nil) }
        if let text = id as? String, !(id is NSNumber) { return (address, .string(text)) }
        // An integer only: JSONSerialization gives booleans and fractions as NSNumber too.
        if let number = id as? NSNumber, String(cString: number.objCType) != "c",
            number.doubleValue.rounded() == number.doubleValue,
            let integer = Int(exactly: number.doubleValue), abs(integer) < 1 << 53
        {
            return (address, .integer(integer))
        }
        throw Problem(.wrongType, "A line's 'id' must be a string or an integer (of at most 53 bits).")
    }

    static func writeProblem(_ problem: Problem, key: StaticString, to output: inout JSONWriter) {
        problem.write(to: &output, key: key, instance: nil)
    }
}

extension ByteBuffer {
    /// The JSON a writer holds, copied once (its `bytes` would be a copy of its own to copy again).
    init(json writer: JSONWriter) { self = writer.withUnsafeBytes { ByteBuffer(bytes: $0) } }
}
