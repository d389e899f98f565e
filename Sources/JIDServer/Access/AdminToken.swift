import Foundation
import HTTPTypes

/// The bearer token that admin-only endpoints require, read once from a file (surrounding white space ignored).
struct AdminToken: Sendable {
    private let token: [UInt8]

    /// Why the token file cannot be used.
    struct Unusable: Error, CustomStringConvertible {
        let description: String
    }

    init(file path: String) throws(Unusable) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Unusable(description: "cannot read the admin token file \(path)")
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.utf8.count >= 16 else {
            throw Unusable(description: "the admin token in \(path) is shorter than 16 characters")
        }
        token = Array(text.utf8)
    }

    /// Checks `Authorization: Bearer <token>`: a 401 problem without one, a 403 with a wrong one. The comparison
    /// takes the same time wherever the first difference is.
    func authorize(_ fields: HTTPFields) throws {
        guard let value = fields[.authorization], value.lowercased().hasPrefix("bearer ") else {
            var headers = HTTPFields()
            headers[.wwwAuthenticate] = "Bearer"
            throw Problem(
                .unauthorized, "This endpoint needs the admin token: Authorization: Bearer <token>.", headers: headers)
        }
        guard Self.constantTimeEqual(Array(value.utf8.dropFirst(7)), token) else {
            throw Problem(.forbidden, "The admin token is not the one configured.")
        }
    }

    /// Checks the token for an admin-only feature: off (403) when no token is configured.
    static func require(_ token: AdminToken?, _ fields: HTTPFields, for feature: String) throws {
        guard let token else { throw Problem(.forbidden, "\(feature) are off: no admin token is configured.") }
        try token.authorize(fields)
    }

    /// Whether `given` equals `token`, in a time that depends on the token's length only: every byte of the token is
    /// compared, whatever the first difference (and whatever `given`'s length), with no early exit or branch on
    /// the bytes.
    static func constantTimeEqual(_ given: [UInt8], _ token: [UInt8]) -> Bool {
        var difference = UInt8(given.count == token.count ? 0 : 1)
        for index in 0..<token.count { difference |= token[index] ^ (index < given.count ? given[index] : 0) }
        return difference == 0
    }
}
