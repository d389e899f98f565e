import Foundation
import JIDProbe
import Logging

extension ServerConfiguration {
    /// A configuration problem, with the variable or flag at fault.
    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    /// The defaults, overridden by any `JID_*` variables set in `environment`.
    ///
    /// - Throws: ``Invalid`` for a variable whose value cannot be used.
    public static func from(environment: [String: String]) throws -> ServerConfiguration {
        var configuration = ServerConfiguration()
        func integer(_ name: String, _ range: ClosedRange<Int>) throws -> Int? {
            guard let text = environment[name] else { return nil }
            guard let value = Int(text), range.contains(value) else {
                throw Invalid(
                    description: "\(name)=\(text) is not a whole number in \(range.lowerBound)...\(range.upperBound).")
            }
            return value
        }
        func boolean(_ name: String, _ flag: String) throws -> Bool {
            switch flag.lowercased() {
            case "1", "true", "yes": return true
            case "0", "false", "no": return false
            default: throw Invalid(description: "\(name)=\(flag) is not true or false.")
            }
        }
        if let host = environment["JID_HOST"], !host.isEmpty { configuration.host = host }
        if let value = try integer("JID_PORT", 0...65535) { configuration.port = value }
        if let value = try integer("JID_BODY_LIMIT", 64...Int(Int32.max)) { configuration.bodyLimit = value }
        if let value = try integer("JID_BATCH_WORKERS", 1...256) { configuration.batchWorkers = value }
        if let value = try integer("JID_BATCH_BODY_LIMIT", 64...Int.max) { configuration.batchBodyLimit = value }
        if let value = try integer("JID_BATCH_LINE_LIMIT", 64...Int(Int32.max)) { configuration.batchLineLimit = value }
        if let value = try integer("JID_HEADER_LIMIT", 1024...(1 << 20)) { configuration.headerLimit = value }
        if let value = try integer("JID_IDLE_TIMEOUT", 1...86400) { configuration.idleTimeout = value }
        if let value = try integer("JID_BODY_TIMEOUT", 1...3600) { configuration.bodyTimeout = value }
        if let value = try integer("JID_BATCH_TIMEOUT", 1...86400) { configuration.batchTimeout = value }
        if let value = try integer("JID_MAX_CONNECTIONS", 1...1_000_000) { configuration.maxConnections = value }
        if let value = try integer("JID_REGISTRY_CHECK_RATE", 0...1_000_000) { configuration.registryCheckRate = value }
        if let value = try integer("JID_SIGNUP_RATE", 0...1_000_000) { configuration.signupRate = value }
        if let path = environment["JID_ADMIN_TOKEN_FILE"], !path.isEmpty { configuration.adminTokenFile = path }
        // systemd's StateDirectory= sets STATE_DIRECTORY; JID_STATE_DIR wins.
        if let path = environment["JID_STATE_DIR"] ?? environment["STATE_DIRECTORY"], !path.isEmpty {
            configuration.stateDirectory = path
        }
        if let url = environment["JID_DATABASE_URL"], !url.isEmpty { configuration.databaseURL = url }
        if let flag = environment["JID_REGISTRY_CHECK_REQUIRES_TOKEN"] {
            configuration.registryCheckRequiresToken = try boolean("JID_REGISTRY_CHECK_REQUIRES_TOKEN", flag)
        }
        if let flag = environment["JID_PROBE_ALLOW_PRIVATE"] {
            configuration.probeAllowPrivate = try boolean("JID_PROBE_ALLOW_PRIVATE", flag)
        }
        if let value = try integer("JID_PROBE_RATE", 0...1_000_000) { configuration.probeRate = value }
        if let value = try integer("JID_PROBE_CONCURRENCY", 1...1024) { configuration.probeConcurrency = value }
        if let value = try integer("JID_PROBE_CACHE_SECONDS", 0...86400) { configuration.probeCacheSeconds = value }
        if let value = try integer("JID_PROBE_TIMEOUT", 1...120) { configuration.probeTimeout = value }
        if let server = environment["JID_PROBE_DNS_SERVER"], !server.isEmpty {
            guard DNSServer(server) != nil else {
                throw Invalid(description: "JID_PROBE_DNS_SERVER=\(server) is not an IPv4 ADDRESS:PORT.")
            }
            configuration.probeDNSServer = server
        }
        if let path = environment["JID_PROBE_CA"], !path.isEmpty {
            guard let data = FileManager.default.contents(atPath: path), !data.isEmpty, data.count <= 1 << 20 else {
                throw Invalid(description: "JID_PROBE_CA=\(path) cannot be read as PEM trust anchors (at most 1 MiB).")
            }
            configuration.probeTrustAnchors = Array(data)
        }
        if let path = environment["JID_WATCH_FILE"], !path.isEmpty { configuration.watchFile = path }
        if let value = try integer("JID_WATCH_INTERVAL", 10...86400) { configuration.watchInterval = value }
        if let value = try integer("JID_WATCH_CONCURRENCY", 1...64) { configuration.watchConcurrency = value }
        if configuration.watchFile != nil && configuration.stateDirectory == nil && configuration.databaseURL == nil {
            throw Invalid(
                description: "A watch list records certificate pins: it needs JID_STATE_DIR or JID_DATABASE_URL.")
        }
        if let origins = environment["JID_CORS_ORIGINS"] {
            configuration.corsOrigins = origins.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
        }
        if let level = environment["JID_LOG_LEVEL"] {
            guard let value = Logger.Level(rawValue: level.lowercased()) else {
                throw Invalid(description: "JID_LOG_LEVEL=\(level) is not a log level.")
            }
            configuration.logLevel = value
        }
        if let format = environment["JID_LOG_FORMAT"] {
            guard let value = LogFormat(rawValue: format.lowercased()) else {
                throw Invalid(description: "JID_LOG_FORMAT=\(format) is not 'text' or 'json'.")
            }
            configuration.logFormat = value
        }
        if let flag = environment["JID_UI"] { configuration.ui = try boolean("JID_UI", flag) }
        if let flag = environment["JID_LOG_ADDRESSES"] {
            configuration.logAddresses = try boolean("JID_LOG_ADDRESSES", flag)
        }
        if configuration.registryCheckRequiresToken && configuration.adminTokenFile == nil {
            throw Invalid(description: "JID_REGISTRY_CHECK_REQUIRES_TOKEN needs JID_ADMIN_TOKEN_FILE.")
        }
        return configuration
    }
}
