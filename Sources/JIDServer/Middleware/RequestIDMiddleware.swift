public import HTTPTypes
public import Hummingbird
public import Logging
import Synchronization

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
        context.logger[metadataKey: Self.metadataKey] = .string(id)
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
    /// The key of the ID in a request's log metadata.
    static let metadataKey = "request_id"

    /// The client's ID when it is 1–128 visible ASCII characters, otherwise a new one.
    static func id(given: String?) -> String {
        if let given, (1...128).contains(given.utf8.count), given.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) {
            return given
        }
        return generate()
    }

    /// 32 hexadecimal digits: 64 random bits drawn once per process, then the process's request number through
    /// a bijection of 64-bit words keyed by another 64 random bits (splitmix64's finalizer). IDs never repeat
    /// within a process, meet another replica's with probability 2⁻⁶⁴, and cost no system call (drawing 128
    /// random bits per request did: two `getrandom` calls).
    static func generate() -> String {
        let number = sequence.wrappingAdd(1, ordering: .relaxed).newValue
        var word = number &+ processSeed.key
        word = (word ^ (word >> 30)) &* 0xBF58_476D_1CE4_E5B9
        word = (word ^ (word >> 27)) &* 0x94D0_49BB_1331_11EB
        word ^= word >> 31
        return String(unsafeUninitializedCapacity: 32) { buffer in
            let digits: StaticString = "0123456789abcdef"
            digits.withUTF8Buffer { digits in
                for index in 0..<16 {
                    let shift = UInt64(60 - 4 * index)
                    buffer[index] = digits[Int((processSeed.prefix >> shift) & 0xF)]
                    buffer[16 + index] = digits[Int((word >> shift) & 0xF)]
                }
            }
            return 32
        }
    }

    private static let processSeed: (prefix: UInt64, key: UInt64) = {
        var generator = SystemRandomNumberGenerator()
        return (generator.next(), generator.next())
    }()
    private static let sequence = Atomic<UInt64>(0)
}
