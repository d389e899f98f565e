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
        case storeUnavailable = "store-unavailable"

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
            case .storeUnavailable: .serviceUnavailable
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
            case .storeUnavailable: "State store unavailable"
            }
        }

        /// The `type` URI, relative to the service (RFC 9457 §3.1.1); the README documents each, and the service
        /// serves a page for each at that path.
        var type: String { "/problems/" + rawValue }

        /// What the problem means and what a client does about it: the page at ``type`` (RFC 9457 §3.1.1: the
        /// type URI should resolve to documentation for people).
        var explanation: (meaning: String, remedy: String) {
            switch self {
            case .malformedJSON:
                (
                    "The request body is not JSON in the exact grammar of RFC 8259: a syntax error, a trailing comma, "
                        + "a key given twice in one object, or nesting too deep.",
                    "Fix the JSON at the byte the detail names; serialize with a JSON library rather than by hand."
                )
            case .invalidUTF8:
                (
                    "Text in the request is not UTF-8: bytes that do not decode, a percent-encoded parameter that does "
                        + "not decode to UTF-8, or a JSON \\u escape of a lone surrogate.",
                    "Send UTF-8. In JSON, escape characters outside the Basic Multilingual Plane as surrogate pairs."
                )
            case .unsupportedMediaType:
                (
                    "The Content-Type of the request body is not one this route takes, or the body is UTF-16 or UTF-32 "
                        + "text or starts with a byte order mark.",
                    "Send application/json (UTF-8) to the JSON routes; /v1/batch takes application/x-ndjson or "
                        + "text/plain; /v1/signup/check also takes application/x-www-form-urlencoded."
                )
            case .missingField:
                ("A field or query parameter the route needs is absent.", "Add the field the detail names.")
            case .wrongType:
                (
                    "A field has the wrong JSON type, such as a number where a string is needed, or null.",
                    "Send the type the API description (/openapi.yaml) gives for that field."
                )
            case .invalidParameter:
                (
                    "A field or parameter has a value the route does not accept.",
                    "Use one of the values the detail or the API description lists."
                )
            case .bodyTooLarge:
                (
                    "The request body is larger than this route accepts.",
                    "Send less: split large address lists into several requests, or stream them to /v1/batch."
                )
            case .lineTooLong:
                (
                    "A line of a /v1/batch body is longer than the line limit.",
                    "No address needs that much; check that the lines are separated by line feeds."
                )
            case .requestTimeout:
                (
                    "The request body did not arrive in time: the client paused too long or sent too slowly.",
                    "Send the whole body promptly; the connection was closed."
                )
            case .notFound: ("No route has this path.", "See /openapi.yaml for the routes.")
            case .methodNotAllowed:
                ("The path exists, but not with this method.", "Use a method the Allow header lists.")
            case .badRequest:
                ("The server could not process the request as sent.", "Check the request against /openapi.yaml.")
            case .expectationFailed:
                ("The request has an Expect header other than 100-continue.", "Send no Expect header, or 100-continue.")
            case .tooManyRequests:
                (
                    "This client has sent more requests to a rate-limited route than the operator allows.",
                    "Wait the number of seconds the Retry-After header gives; a form should check as the person "
                        + "types only after a pause."
                )
            case .unauthorized:
                (
                    "This route needs the admin token and the request has none.",
                    "Send Authorization: Bearer followed by the token the operator configured."
                )
            case .forbidden:
                (
                    "The admin token sent is not the one configured, or the route is turned off.",
                    "Use the operator's token; without a configured token, admin routes are off."
                )
            case .targetNotAllowed:
                (
                    "The probe would connect to a loopback, private, link-local, multicast or reserved address, which "
                        + "the service refuses unless its operator allows it.",
                    "Probe a public server, or run the service with --probe-allow-private in a lab."
                )
            case .storeUnavailable:
                (
                    "The request needs the service's database (the registered names), which cannot be reached or "
                        + "written now. Nothing was changed. Everything that does not need the database keeps working.",
                    "Try again after the seconds the Retry-After header gives."
                )
            }
        }
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
