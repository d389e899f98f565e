public import HTTPTypes
public import Hummingbird
public import Logging

extension HTTPField.Name {
    /// `X-Request-ID`.
    public static let requestID = Self("X-Request-ID")!
}

/// Takes the client's `X-Request-ID` when it is 1–128 visible ASCII characters, otherwise makes one; puts it in
/// the logger's metadata and echoes it on the response (errors included).
struct RequestIDMiddleware: RouterMiddleware {
    typealias Context = JIDRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        let id = Self.id(given: request.headers[.requestID])
        context.requestID = id
        context.logger[metadataKey: "request_id"] = .string(id)
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers[.requestID] = id
        return response
    }

    /// The header's name, for code below the router.
    static let fieldName = "X-Request-ID"

    /// The client's ID when it is 1–128 visible ASCII characters, otherwise a new one.
    static func id(given: String?) -> String {
        if let given, (1...128).contains(given.utf8.count), given.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) {
            return given
        }
        return generate()
    }

    /// 128 random bits as 32 hexadecimal digits.
    static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64
        let low = generator.next() as UInt64
        let text =
            String(high, radix: 16) + String(repeating: "0", count: 16 - String(low, radix: 16).count)
            + String(low, radix: 16)
        return String(repeating: "0", count: max(0, 32 - text.count)) + text
    }
}
