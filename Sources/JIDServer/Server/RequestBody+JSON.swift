import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// Reading and checking JSON request bodies.
enum JSONBody {
    /// Media types accepted for JSON bodies.
    static func isJSON(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        let parts = contentType.lowercased().split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.first == "application/json" else { return false }
        // A charset, if given, must be UTF-8 (RFC 8259 §8.1).
        return parts.dropFirst().allSatisfy {
            !$0.hasPrefix("charset=") || $0 == "charset=utf-8" || $0 == "charset=\"utf-8\""
        }
    }

    /// Collects the body within `limit` bytes and `timeout` seconds.
    ///
    /// A read blocked on a client that trickles bytes does not end when its task is cancelled, and Hummingbird
    /// reads the connection's next request through the same iterator, so the read must end before the handler
    /// returns. On timeout the connection's input is shut down, which ends the read; then 408 is answered and the
    /// connection closed.
    static func collect(_ request: Request, channel: any Channel, limit: Int, timeout: Int) async throws -> ByteBuffer {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw Problem(.bodyTooLarge, "The request body is \(length) bytes; this route accepts at most \(limit).")
        }
        let timedOut = Flag()
        let timer = Task {
            try await Task.sleep(for: .seconds(timeout))
            timedOut.value.store(true, ordering: .relaxed)
            channel.close(mode: .input, promise: nil)
        }
        defer { timer.cancel() }
        do {
            return try await request.body.collect(upTo: limit)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw Problem(.bodyTooLarge, "The request body is larger than \(limit) bytes, this route's limit.")
        } catch is NIOTooManyBytesError {
            // A chunked body has no Content-Length to check first; it is cut off when it passes the limit.
            throw Problem(.bodyTooLarge, "The request body is larger than \(limit) bytes, this route's limit.")
        } catch {
            guard timedOut.value.load(ordering: .relaxed) else { throw error }
            var headers = HTTPFields()
            headers[.connection] = "close"
            throw Problem(
                .requestTimeout, "The request body did not arrive within \(timeout) seconds.", headers: headers)
        }
    }

    /// Reads a JSON object body for the single-address routes.
    static func object(_ request: Request, channel: any Channel, limit: Int, timeout: Int) async throws -> [String: Any]
    {
        guard isJSON(request.headers[.contentType]) else {
            throw Problem(
                .unsupportedMediaType,
                "Send the request body as application/json (UTF-8); got \(request.headers[.contentType] ?? "no Content-Type")."
            )
        }
        let buffer = try await collect(request, channel: channel, limit: limit, timeout: timeout)
        return try parseObject(Data(buffer.readableBytesView))
    }

    /// Parses bytes as a JSON object after the strict checks of ``JSONValidator``: UTF-8 only (RFC 8259 §8.1), the
    /// exact grammar (no trailing commas), no lone surrogate escapes, no name twice in an object.
    static func parseObject(_ data: Data) throws -> [String: Any] {
        let value = try parseValue(data)
        guard let object = value as? [String: Any] else {
            throw Problem(.wrongType, "The request body must be a JSON object.")
        }
        return object
    }

    /// Any JSON value, after the same checks.
    static func parseValue(_ data: Data) throws -> Any {
        try validate(data)
        do {
            return try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw Problem(.malformedJSON, "The request body is not well-formed JSON.")
        }
    }

    /// The checks of ``JSONValidator``, as problems a client can act on.
    static func validate(_ data: Data) throws {
        guard String(validating: data, as: UTF8.self) != nil else {
            throw Problem(.invalidUTF8, "The request body is not valid UTF-8.")
        }
        let failure: JSONValidator.Failure? = data.withUnsafeBytes { raw in
            do throws(JSONValidator.Failure) {
                try JSONValidator.validate(raw.bindMemory(to: UInt8.self))
                return nil
            } catch {
                return error
            }
        }
        switch failure {
        case nil: return
        case .notUTF8JSON:
            throw Problem(
                .unsupportedMediaType,
                "The body is not UTF-8 JSON: it starts with a byte order mark or holds NUL bytes, as UTF-16 and "
                    + "UTF-32 text does. Send JSON as UTF-8 without a byte order mark (RFC 8259 §8.1).")
        case .syntax(let offset, let expected)?:
            throw Problem(
                .malformedJSON, "The request body is not well-formed JSON: byte \(offset) should be \(expected).")
        case .loneSurrogate(let offset)?:
            throw Problem(
                .invalidUTF8,
                "The JSON string escape at byte \(offset) is a lone surrogate (\\uD800–\\uDFFF without its pair), "
                    + "which is not a Unicode character.")
        case .duplicateKey(let key)?:
            throw Problem(
                .malformedJSON,
                "The request body has the key \(key.debugDescription) twice; which one is meant is ambiguous "
                    + "(RFC 8259 §4).")
        case .tooDeep?:
            throw Problem(
                .malformedJSON, "The request body nests deeper than \(JSONValidator.maximumDepth) arrays and objects.")
        }
    }
}

/// A flag set by one task and read by another.
final class Flag: Sendable {
    let value = Atomic<Bool>(false)
}

extension Response {
    /// A 200 response with a JSON body.
    static func json(_ bytes: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
