import Dispatch
import Foundation
import HTTPTypes
import Hummingbird
import JIDCore
import NIOCore
import Synchronization

/// `/v1/batch`: NDJSON in, NDJSON out, streamed both ways with bounded memory.
///
/// Each non-empty input line is a JSON string (`"juliet@example.com"`) or an object with a `jid` string. Each
/// gives one output line, in order: `{"line": N, "result": <JID result>}`, or `{"line": N, "error": <problem>}`
/// for a line that is not one of those. Empty lines are skipped (their numbers still count). A problem with the
/// stream itself after the response has started (body over the limit, a line over the line limit, a pause
/// longer than the body timeout) ends the output with a line `{"error": <problem>}`; a client that stops sending
/// for longer than the body timeout has its connection closed, since a stalled read cannot be interrupted.
struct BatchRoute {
    let configuration: ServerConfiguration
    let metrics: JIDMetrics

    static let mediaTypes: Set<String> = ["application/x-ndjson", "application/ndjson", "application/jsonl"]

    func register(on router: Router<JIDRequestContext>) {
        router.post("/v1/batch") { request, context in
            let mediaType = request.headers[.contentType]?.split(separator: ";").first.map {
                $0.trimmingCharacters(in: .whitespaces).lowercased()
            }
            guard let mediaType, Self.mediaTypes.contains(mediaType) else {
                throw Problem(
                    .unsupportedMediaType,
                    "Send the batch as application/x-ndjson: one JSON string or {\"jid\": ...} object per line.")
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
                    var stream = BatchStream(configuration: configuration, metrics: metrics)
                    let watchdog = Watchdog(timeout: configuration.bodyTimeout, channel: context.channel)
                    defer { watchdog.stop() }
                    do {
                        for try await buffer in request.body {
                            watchdog.progress()
                            try stream.feed(buffer)
                            if stream.output.bytes.count >= 1 << 16 {
                                try await writer.write(stream.takeOutput())
                                watchdog.progress()
                            }
                        }
                        stream.finish()
                    } catch let problem as Problem {
                        stream.fail(problem)
                    }
                    try await writer.write(stream.takeOutput())
                    try await writer.finish(nil)
                })
        }
    }
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

/// The line-by-line state of one batch.
struct BatchStream {
    let configuration: ServerConfiguration
    let metrics: JIDMetrics
    private(set) var output = JSONWriter()
    private var pending: [UInt8] = []
    private var line = 0
    private var received = 0
    private var failed = false

    init(configuration: ServerConfiguration, metrics: JIDMetrics) {
        self.configuration = configuration
        self.metrics = metrics
        output.reserve(1 << 17)
    }

    mutating func takeOutput() -> ByteBuffer {
        let buffer = ByteBuffer(bytes: output.bytes)
        output.removeAll()
        return buffer
    }

    mutating func feed(_ buffer: ByteBuffer) throws {
        guard !failed else { return }
        received += buffer.readableBytes
        if received > configuration.batchBodyLimit {
            throw Problem(.bodyTooLarge, "The batch is larger than \(configuration.batchBodyLimit) bytes.")
        }
        try buffer.withUnsafeReadableBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var start = 0
            while let newline = UnsafeBufferPointer(rebasing: bytes[start...]).firstIndex(of: 0x0A) {
                let end = start + newline
                if pending.isEmpty {
                    try handle(UnsafeBufferPointer(rebasing: bytes[start..<end]))
                } else {
                    pending.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
                    let whole = pending
                    pending = []
                    try whole.withUnsafeBufferPointer { try handle($0) }
                }
                start = end + 1
            }
            pending.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
            if pending.count > configuration.batchLineLimit {
                throw Problem(
                    .lineTooLong, "Line \(line + 1) is longer than \(configuration.batchLineLimit) bytes.")
            }
        }
    }

    mutating func finish() {
        guard !failed, !pending.isEmpty else { return }
        let whole = pending
        pending = []
        try? whole.withUnsafeBufferPointer { try handle($0) }
    }

    mutating func fail(_ problem: Problem) {
        failed = true
        output.beginObject()
        writeProblem(problem, key: "error")
        output.endObject()
        output.endRecord()
    }

    private mutating func handle(_ raw: UnsafeBufferPointer<UInt8>) throws {
        line += 1
        var bytes = raw
        if bytes.last == 0x0D { bytes = UnsafeBufferPointer(rebasing: bytes.dropLast()) }
        if bytes.count > configuration.batchLineLimit {
            throw Problem(.lineTooLong, "Line \(line) is longer than \(configuration.batchLineLimit) bytes.")
        }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
        output.beginObject()
        output.integer("line", line)
        do {
            let input = try Self.address(Data(bytes))
            let result = JID.parse(input)
            metrics.record(result)
            result.write(to: &output, key: "result")
        } catch let problem as Problem {
            writeProblem(problem, key: "error")
        }
        output.endObject()
        output.endRecord()
    }

    /// A line's address: a JSON string, or an object with a `jid` string.
    static func address(_ data: Data) throws -> String {
        if data.first == UInt8(ascii: "\"") {
            guard String(validating: data, as: UTF8.self) != nil else {
                throw Problem(.invalidUTF8, "The line is not valid UTF-8.")
            }
            if JSONBody.loneSurrogateEscape(data) != nil {
                throw Problem(.invalidUTF8, "The line has a lone surrogate escape.")
            }
            guard let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as? String
            else {
                throw Problem(.malformedJSON, "The line is not a well-formed JSON string.")
            }
            return value
        }
        return try JSONBody.string(try JSONBody.parseObject(data), "jid")
    }

    private mutating func writeProblem(_ problem: Problem, key: StaticString) {
        output.beginObject(key)
        output.string("type", problem.kind.type)
        output.string("title", problem.kind.title)
        output.integer("status", problem.status.code)
        output.string("detail", problem.detail)
        output.endObject()
    }
}
