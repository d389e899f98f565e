public import Foundation
public import HTTPTypes
public import Hummingbird
public import JIDCore

/// A client error rendered as `application/problem+json` (RFC 9457).
public struct Problem: HTTPResponseError, Equatable {
    /// The kinds of problem the API reports, each with a stable `type` URI.
    public enum Kind: String, Sendable, CaseIterable {
        case malformedJSON = "malformed-json"
        case invalidUTF8 = "invalid-utf8"
        case unsupportedMediaType = "unsupported-media-type"
        case missingField = "missing-field"
        case wrongType = "wrong-type"
        case invalidParameter = "invalid-parameter"
        case bodyTooLarge = "body-too-large"
        case lineTooLong = "line-too-long"
        case requestTimeout = "request-timeout"
        case notFound = "not-found"
        case methodNotAllowed = "method-not-allowed"
        case badRequest = "bad-request"
        case expectationFailed = "expectation-failed"
        case tooManyRequests = "too-many-requests"
        case unauthorized = "unauthorized"
        case forbidden = "forbidden"
        case targetNotAllowed = "target-not-allowed"

        var status: HTTPResponse.Status {
            switch self {
            case .unsupportedMediaType: .unsupportedMediaType
            case .bodyTooLarge: .contentTooLarge
            case .lineTooLong: .contentTooLarge
            case .requestTimeout: .requestTimeout
            case .notFound: .notFound
            case .methodNotAllowed: .methodNotAllowed
            case .expectationFailed: .expectationFailed
            case .tooManyRequests: .tooManyRequests
            case .unauthorized: .unauthorized
            case .forbidden, .targetNotAllowed: .forbidden
            case .malformedJSON, .invalidUTF8, .missingField, .wrongType, .invalidParameter, .badRequest: .badRequest
            }
        }

        var title: String {
            switch self {
            case .malformedJSON: "Malformed JSON"
            case .invalidUTF8: "Invalid UTF-8"
            case .unsupportedMediaType: "Unsupported media type"
            case .missingField: "Missing field"
            case .wrongType: "Wrong type"
            case .invalidParameter: "Invalid parameter"
            case .bodyTooLarge: "Request body too large"
            case .lineTooLong: "Batch line too long"
            case .requestTimeout: "Request timeout"
            case .notFound: "Not found"
            case .methodNotAllowed: "Method not allowed"
            case .badRequest: "Bad request"
            case .expectationFailed: "Expectation failed"
            case .tooManyRequests: "Too many requests"
            case .unauthorized: "Unauthorized"
            case .forbidden: "Forbidden"
            case .targetNotAllowed: "Probe target not allowed"
            }
        }

        /// The `type` URI, relative to the service (RFC 9457 §3.1.1); the README documents each.
        var type: String { "/problems/" + rawValue }
    }

    public let kind: Kind
    public let detail: String
    /// Extra headers, such as `Allow` on a 405.
    public var headers: HTTPFields = [:]

    public init(_ kind: Kind, _ detail: String, headers: HTTPFields = [:]) {
        self.kind = kind
        self.detail = detail
        self.headers = headers
    }

    public var status: HTTPResponse.Status { kind.status }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = self.headers
        headers[.contentType] = "application/problem+json"
        return Response(
            status: status, headers: headers,
            body: .init(byteBuffer: ByteBuffer(bytes: document(instance: request.uri.path))))
    }

    /// The problem document (RFC 9457 §3): the one writer of it, for responses and for batch lines.
    func document(instance: String?) -> [UInt8] {
        var writer = JSONWriter()
        write(to: &writer, key: nil, instance: instance)
        return writer.bytes
    }

    /// Writes the problem as an object, under `key` when given.
    func write(to writer: inout JSONWriter, key: StaticString?, instance: String?) {
        writer.beginObject(key)
        writer.string("type", kind.type)
        writer.string("title", kind.title)
        writer.integer("status", status.code)
        writer.string("detail", detail)
        if let instance { writer.string("instance", instance) }
        writer.endObject()
    }

    public static func == (lhs: Problem, rhs: Problem) -> Bool { lhs.kind == rhs.kind && lhs.detail == rhs.detail }
}
