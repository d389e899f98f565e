import Foundation
import HTTPTypes
import Hummingbird
import JIDConfusables
import JIDCore
import JIDStore
import NIOCore
import Synchronization

/// `/v1/registry/*`: the operator's writes to the registered names, behind the admin token.
struct RegistryRoutes {
    let configuration: ServerConfiguration
    let names: RegistryService
    /// Nil when no token is configured: then the routes are off (403).
    let adminToken: AdminToken?

    func register(on router: Router<JIDRequestContext>) {
        router.put("/v1/registry/names/:name") { request, context in
            try authorize(request)
            let name = try Self.name(context)
            let (canonical, added) = try await StoreAccess.run { try await names.add(name) }
            var writer = JSONWriter()
            writer.beginObject()
            writer.string("name", canonical)
            writer.bool("added", added)
            writer.endObject()
            return Response.json(writer.bytes, status: added ? .created : .ok)
        }
        router.delete("/v1/registry/names/:name") { request, context in
            try authorize(request)
            let name = try Self.name(context)
            let (canonical, removed) = try await StoreAccess.run { try await names.remove(name) }
            var writer = JSONWriter()
            writer.beginObject()
            writer.string("name", canonical)
            writer.bool("removed", removed)
            writer.endObject()
            return Response.json(writer.bytes)
        }
        router.get("/v1/registry/count") { request, _ in
            try authorize(request)
            let count = try await StoreAccess.run { try await names.count() }
            var writer = JSONWriter()
            writer.beginObject()
            writer.integer("count", count)
            writer.endObject()
            return Response.json(writer.bytes)
        }
        router.post("/v1/registry/import") { request, context in
            try authorize(request)
            guard let format = BatchRoute.lineFormat(request.headers[.contentType]) else {
                throw Problem(
                    .unsupportedMediaType,
                    "Send the names as text/plain (one per line) or application/x-ndjson (a JSON string or "
                        + "{\"name\": ...} per line).")
            }
            let refused = RefusedLines()
            let batches = NameBatches(
                body: request.body, format: format, lineLimit: configuration.batchLineLimit,
                bodyLimit: configuration.batchBodyLimit, refused: refused)
            let added = try await StoreAccess.run { try await names.importNames(batches) }
            let count = try await StoreAccess.run { try await names.count() }
            var writer = JSONWriter()
            writer.beginObject()
            writer.integer("added", added)
            writer.integer("count", count)
            let lines = refused.lines
            writer.integer("refused", refused.total)
            writer.beginArray("refusedLines")
            for (line, message) in lines {
                writer.beginObject()
                writer.integer("line", line)
                writer.string("message", message)
                writer.endObject()
            }
            writer.endArray()
            writer.endObject()
            return Response.json(writer.bytes)
        }
    }

    private func authorize(_ request: Request) throws {
        try AdminToken.require(adminToken, request.headers, for: "The registry's admin endpoints")
    }

    private static func name(_ context: JIDRequestContext) throws -> String {
        guard let raw = context.parameters.get("name"), let name = raw.removingPercentEncoding ?? Optional(raw) else {
            throw Problem(.missingField, "The path names no name: /v1/registry/names/{name}.")
        }
        return name
    }
}

/// The lines an import refused: how many, and the first hundred with their reasons.
final class RefusedLines: Sendable {
    private let state = Mutex<(total: Int, lines: [(Int, String)])>((0, []))

    func add(line: Int, _ message: String) {
        state.withLock {
            $0.total += 1
            if $0.lines.count < 100 { $0.lines.append((line, message)) }
        }
    }

    var total: Int { state.withLock { $0.total } }
    var lines: [(Int, String)] { state.withLock { $0.lines } }
}

/// An import body as batches of canonical names, read as it arrives: each line enforced as a registry entry
/// (refused lines are counted and reported, not stored). Over the body or line limit, the sequence throws, which
/// rolls the whole import back.
struct NameBatches: AsyncSequence, Sendable {
    typealias Element = [String]

    let body: RequestBody
    let format: BatchRoute.LineFormat
    let lineLimit: Int
    let bodyLimit: Int
    let refused: RefusedLines

    struct AsyncIterator: AsyncIteratorProtocol {
        var source: RequestBody.AsyncIterator
        let format: BatchRoute.LineFormat
        let lineLimit: Int
        let bodyLimit: Int
        let refused: RefusedLines
        var pending: [UInt8] = []
        var received = 0
        var line = 0
        var finished = false

        mutating func next() async throws -> [String]? {
            var batch: [String] = []
            while batch.count < 1000 {
                if let newline = pending.firstIndex(of: 0x0A) {
                    take(Array(pending[..<newline]), into: &batch)
                    pending.removeSubrange(...newline)
                    continue
                }
                if pending.count > lineLimit {
                    throw Problem(.lineTooLong, "Line \(line + 1) is longer than \(lineLimit) bytes.")
                }
                if finished {
                    if !pending.isEmpty {
                        take(pending, into: &batch)
                        pending = []
                    }
                    break
                }
                guard let buffer = try await source.next() else {
                    finished = true
                    continue
                }
                received += buffer.readableBytes
                if received > bodyLimit {
                    throw Problem(.bodyTooLarge, "The import is larger than \(bodyLimit) bytes.")
                }
                pending.append(contentsOf: buffer.readableBytesView)
            }
            return batch.isEmpty && finished && pending.isEmpty ? nil : batch
        }

        private mutating func take(_ bytes: [UInt8], into batch: inout [String]) {
            line += 1
            var bytes = bytes[...]
            if bytes.last == 0x0D { bytes = bytes.dropLast() }
            if bytes.isEmpty || bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
            if format == .text, bytes.first == UInt8(ascii: "#") { return }
            let text: String
            switch format {
            case .text:
                guard let value = String(validating: bytes, as: UTF8.self) else {
                    return refused.add(line: line, "not valid UTF-8")
                }
                text = value
            case .ndjson:
                do {
                    let value = try JSONBody.parseValue(Data(bytes))
                    if let string = value as? String, !(value is NSNumber) {
                        text = string
                    } else if let object = value as? [String: Any] {
                        text = try JSONFields(object: object).string("name")
                    } else {
                        return refused.add(line: line, "a line is a JSON string or an object with a 'name' string")
                    }
                } catch let problem as Problem {
                    return refused.add(line: line, problem.detail)
                } catch {
                    return refused.add(line: line, "not JSON")
                }
            }
            do {
                batch.append(try RegistryService.canonical(text))
            } catch {
                if case .invalid(let message) = error { refused.add(line: line, message) }
            }
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(
            source: body.makeAsyncIterator(), format: format, lineLimit: lineLimit, bodyLimit: bodyLimit,
            refused: refused)
    }
}
