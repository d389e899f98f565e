public import JIDProbe
import JIDTLS

/// `jid serve --watch FILE`: the domains whose TLS the server probes on an interval.
///
/// One domain per line, optionally followed by its service and an endpoint, separated by white space:
///
///     # domain        service   endpoint (instead of SRV)   direct TLS
///     example.org
///     example.org     server
///     chat.example    client    xmpp.chat.example:5223      direct-tls
///
/// The service is `client` (default) or `server` (`xmpp-client`/`xmpp-server` also); `#` starts a comment. A
/// domain and service listed twice is an error, since they name one set of metrics.
public struct WatchTarget: Sendable, Hashable {
    /// The canonical domainpart.
    public var domain: String
    public var service: XMPPProbeService
    public var connect: ProbeEndpoint?
    public var directTLS = false

    /// The service as metrics and pins name it: `xmpp-client` or `xmpp-server`.
    public var serviceLabel: String { service == .client ? "xmpp-client" : "xmpp-server" }

    public static func == (left: WatchTarget, right: WatchTarget) -> Bool {
        left.domain == right.domain && left.service == right.service
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(domain)
        hasher.combine(service)
    }
}

public enum WatchList {
    /// A line that cannot be used, with its number.
    public struct Invalid: Error, CustomStringConvertible {
        public let line: Int
        public let message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// The most domains one server watches.
    public static let maximumTargets = 10_000

    public static func parse(_ text: String) throws(Invalid) -> [WatchTarget] {
        var targets: [WatchTarget] = []
        var seen: Set<WatchTarget> = []
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = index + 1
            let content = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let fields = content.split(whereSeparator: \.isWhitespace).map(String.init)
            guard let first = fields.first else { continue }
            guard let domain = PinObservation.domainKey(first), !first.contains("@"), !first.contains("/") else {
                throw Invalid(line: line, message: "'\(first)' is not a domain")
            }
            var target = WatchTarget(domain: domain, service: .client)
            var rest = fields.dropFirst()
            if let service = rest.first {
                switch service.lowercased() {
                case "client", "xmpp-client": target.service = .client
                case "server", "xmpp-server": target.service = .server
                default: throw Invalid(line: line, message: "the service is client or server, not '\(service)'")
                }
                rest = rest.dropFirst()
            }
            if rest.last?.lowercased() == "direct-tls" {
                target.directTLS = true
                rest = rest.dropLast()
            }
            if let endpoint = rest.first {
                guard let parsed = ProbeEndpoint.parse(endpoint, directTLS: target.directTLS) else {
                    throw Invalid(line: line, message: "'\(endpoint)' is not HOST:PORT")
                }
                target.connect = parsed
                rest = rest.dropFirst()
            }
            guard rest.isEmpty else {
                throw Invalid(line: line, message: "unexpected '\(rest.joined(separator: " "))'")
            }
            guard seen.insert(target).inserted else {
                throw Invalid(line: line, message: "\(domain) \(target.service.rawValue) is listed twice")
            }
            targets.append(target)
            guard targets.count <= maximumTargets else {
                throw Invalid(line: line, message: "more than \(maximumTargets) domains")
            }
        }
        return targets
    }
}
