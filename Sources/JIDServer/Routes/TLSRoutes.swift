import Foundation
import Hummingbird
import JIDCore
import JIDTLS

/// `POST /v1/tls/verify`: does a certificate chain authenticate an XMPP domain (RFC 7590, RFC 9525)?
struct TLSRoutes {
    let configuration: ServerConfiguration

    func register(on router: Router<JIDRequestContext>) {
        router.post("/v1/tls/verify") { request, context in
            let object = try await JSONBody.object(
                request, channel: context.channel, limit: Self.bodyLimit, timeout: configuration.bodyTimeout)
            var verification = TLSVerificationRequest(
                domain: try JSONBody.string(object, "domain"),
                chain: Array(try JSONBody.string(object, "chainPem").utf8))
            if let anchors = try JSONBody.optionalString(object, "trustAnchorsPem") {
                verification.trustAnchors = Array(anchors.utf8)
            }
            if let service = try JSONBody.optionalString(object, "service") {
                guard let value = XMPPService(rawValue: service) else {
                    throw Problem(.invalidParameter, "'service' is 'xmpp-client' or 'xmpp-server', not '\(service)'.")
                }
                verification.service = value
            }
            if let policy = try JSONBody.optionalString(object, "policy") {
                guard let value = IdentityPolicy(rawValue: policy) else {
                    throw Problem(.invalidParameter, "'policy' is 'rfc9525' or 'rfc6125', not '\(policy)'.")
                }
                verification.policy = value
            }
            if let at = try JSONBody.optionalString(object, "at") {
                guard let instant = try? Date(at, strategy: .iso8601),
                    (Self.earliest...Self.latest).contains(instant)
                else {
                    throw Problem(
                        .invalidParameter,
                        "'at' must be an RFC 3339 time between 1950 and 9999, such as 2026-12-01T12:00:00Z.")
                }
                verification.at = instant
            }
            do {
                return Response.json(try await TLSVerifier.verify(verification).json)
            } catch let error as TLSVerifier.InputError {
                throw Problem(.invalidParameter, "\(error.description) [\(error.code)]")
            }
        }
    }

    /// Chains and their anchors are a few kilobytes of PEM; a request may carry up to 1 MiB of them.
    static let bodyLimit = 1 << 20
    /// RFC 5280 §4.1.2.5 times run from 1950 (UTCTime) to 9999 (GeneralizedTime).
    static let earliest = Date(timeIntervalSince1970: -631_152_000)
    static let latest = Date(timeIntervalSince1970: 253_402_300_799)
}
