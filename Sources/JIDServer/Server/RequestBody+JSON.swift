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

    /// Parses bytes as a JSON object, telling ill-formed UTF-8 and lone surrogates apart from other errors.
    static func parseObject(_ data: Data) throws -> [String: Any] {
        guard String(validating: data, as: UTF8.self) != nil else {
            throw Problem(.invalidUTF8, "The request body is not valid UTF-8.")
        }
        if let offset = loneSurrogateEscape(data) {
            throw Problem(
                .invalidUTF8,
                "The JSON string escape at byte \(offset) is a lone surrogate (\\uD800–\\uDFFF without its pair), "
                    + "which is not a Unicode character.")
        }
        let value: Any
        do {
            value = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            throw Problem(.malformedJSON, "The request body is not well-formed JSON.")
        }
        guard let object = value as? [String: Any] else {
            throw Problem(.wrongType, "The request body must be a JSON object.")
        }
        if let key = duplicateKey(data) {
            throw Problem(
                .malformedJSON,
                "The request body has the key \(key.debugDescription) twice; which one is meant is ambiguous "
                    + "(RFC 8259 §4).")
        }
        return object
    }

    /// A key that appears twice in the top-level object of well-formed JSON (compared after unescaping).
    static func duplicateKey(_ data: Data) -> String? {
        let bytes = [UInt8](data)
        var seen = Set<String>()
        var depth = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            case UInt8(ascii: "\""):
                let start = index
                index += 1
                while index < bytes.count && bytes[index] != UInt8(ascii: "\"") {
                    index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
                }
                guard depth == 1 else { break }
                var next = index + 1
                while next < bytes.count && [0x20, 0x09, 0x0A, 0x0D].contains(bytes[next]) { next += 1 }
                guard next < bytes.count && bytes[next] == UInt8(ascii: ":") else { break }
                let token = Data(bytes[start...min(index, bytes.count - 1)])
                guard let key = (try? JSONSerialization.jsonObject(with: token, options: .fragmentsAllowed)) as? String
                else { break }
                if !seen.insert(key).inserted { return key }
            default: break
            }
            index += 1
        }
        return nil
    }

    /// The byte offset of a `\uXXXX` escape that is an unpaired surrogate, if any.
    static func loneSurrogateEscape(_ data: Data) -> Int? {
        let bytes = [UInt8](data)
        var index = 0
        var inString = false
        func hex(at position: Int) -> UInt32? {
            guard position + 4 <= bytes.count else { return nil }
            return UInt32(String(decoding: bytes[position..<(position + 4)], as: UTF8.self), radix: 16)
        }
        while index < bytes.count {
            let byte = bytes[index]
            if !inString {
                if byte == 0x22 { inString = true }
                index += 1
                continue
            }
            if byte == 0x22 {
                inString = false
                index += 1
            } else if byte == 0x5C, index + 1 < bytes.count {
                if bytes[index + 1] == 0x75, let unit = hex(at: index + 2) {
                    if (0xD800...0xDBFF).contains(unit) {
                        let next = index + 6
                        if next + 1 < bytes.count, bytes[next] == 0x5C, bytes[next + 1] == 0x75,
                            let low = hex(at: next + 2), (0xDC00...0xDFFF).contains(low)
                        {
                            index = next + 6
                            continue
                        }
                        return index
                    }
                    if (0xDC00...0xDFFF).contains(unit) { return index }
                    index += 6
                } else {
                    index += 2
                }
            } else {
                index += 1
            }
        }
        return nil
    }

    /// A required string field.
    static func string(_ object: [String: Any], _ key: String) throws -> String {
        guard let value = object[key] else { throw Problem(.missingField, "The field '\(key)' is required.") }
        guard let string = value as? String, !(value is NSNumber) else {
            throw Problem(.wrongType, "The field '\(key)' must be a string.")
        }
        return string
    }

    /// An optional boolean field (JSON `true`/`false` only, not numbers).
    static func optionalBool(_ object: [String: Any], _ key: String) throws -> Bool? {
        guard let value = object[key] else { return nil }
        // JSONSerialization gives booleans as NSNumber with objCType "c"; 0 and 1 would also cast to Bool.
        guard let number = value as? NSNumber, String(cString: number.objCType) == "c" else {
            throw Problem(.wrongType, "The field '\(key)' must be true or false.")
        }
        return number.boolValue
    }

    /// An optional string field; `null` is not a string, so it is refused like any other wrong type.
    static func optionalString(_ object: [String: Any], _ key: String) throws -> String? {
        guard object[key] != nil else { return nil }
        return try string(object, key)
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
