import Foundation
import Hummingbird
import JIDCore
import JIDTLS

/// `POST /v1/tls/verify`: does a certificate chain authenticate an XMPP domain (RFC 7590, RFC 9525)?
struct TLSRoutes {
    let configuration: ServerConfiguration

    func register(on router: Router<JIDRequestContext>) {
        router.post("/v1/tls/verify") { request, context in
            let verification = try await JSONBody.decode(
                TLSVerifyBody.self, request, context, limit: Self.bodyLimit, timeout: configuration.bodyTimeout
            ).verification
            do {
                return Response.json(try await TLSVerifier.verify(verification).json)
            } catch let error as TLSVerifier.InputError {
                throw Problem(.invalidParameter, "\(error.description) [\(error.code)]")
            }
        }
    }

    /// Chains and their anchors are a few kilobytes of PEM; a request may carry up to 1 MiB of them.
    static let bodyLimit = 1 << 20
}
