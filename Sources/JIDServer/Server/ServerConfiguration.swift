public import Foundation
public import Logging

/// Everything `jid serve` can be told, with the defaults a public-facing deployment wants.
///
/// Each setting has a `jid serve` flag and a `JID_*` environment variable (the flag wins).
public struct ServerConfiguration: Sendable {
    /// Address to bind. Default `127.0.0.1`; use `0.0.0.0` to listen on every interface.
    public var host = "127.0.0.1"
    /// Port. Default 8080; 0 picks a free port.
    public var port = 8080
    /// Largest request body for the single-address routes. Default 64 KiB.
    public var bodyLimit = 64 * 1024
    /// Largest request body for `/v1/batch`, which is streamed and never held whole. Default 1 GiB.
    public var batchBodyLimit = 1 << 30
    /// How many chunks of one `/v1/batch` are enforced at once. Default: the number of processors.
    public var batchWorkers = ProcessInfo.processInfo.activeProcessorCount
    /// Largest single line in a `/v1/batch` body. Default 16 KiB.
    public var batchLineLimit = 16 * 1024
    /// Largest request head (request line and headers together). Default 16 KiB.
    public var headerLimit = 16 * 1024
    /// Most header fields in one request. Default 100.
    public var headerCountLimit = 100
    /// Seconds a connection may sit idle before it is closed. Default 30.
    public var idleTimeout = 30
    /// Seconds a client has to deliver a whole request body on the single-address routes, and the longest
    /// pause between two pieces of a `/v1/batch` body. Guards against bodies trickled byte by byte. Default 10.
    public var bodyTimeout = 10
    /// Longest a `/v1/batch` request may take from its first byte to its last, in seconds, however steadily the
    /// client sends. Default 600.
    public var batchTimeout = 600
    /// Most connections open at once; more wait in the listen backlog. Default: 4096, or fewer when the process's
    /// file-descriptor limit is lower (64 descriptors are kept for everything else), so the server never runs out
    /// of descriptors and spins on a failing accept.
    public var maxConnections = ServerConfiguration.defaultMaxConnections()
    /// `/v1/confusables/check` requests allowed per client address per minute (a token bucket); 0 turns the limit
    /// off. Default 60. Any lookalike answer tells the caller that *some* lookalike name is registered.
    public var registryCheckRate = 60
    /// `/v1/signup/check` requests allowed per client address per minute; 0 turns the limit off. Default 120: a
    /// form that checks as a person types (debounced) stays well within it.
    public var signupRate = 120
    /// The directory of the embedded store (`state.sqlite`): the registered names outlast a restart. Unset by
    /// default (systemd's `StateDirectory=` sets it through `STATE_DIRECTORY`); without it and without
    /// ``databaseURL`` the registry lives in memory only.
    public var stateDirectory: String?
    /// A PostgreSQL URL (`postgres://user:password@host:5432/database`) for a store shared by several replicas;
    /// wins over ``stateDirectory``.
    public var databaseURL: String?
    /// A file holding the bearer token for admin-only endpoints. Unset by default.
    public var adminTokenFile: String?
    /// Whether `/v1/confusables/check` needs the admin token. Default false (public, rate limited).
    public var registryCheckRequiresToken = false
    /// Whether `POST /v1/tls/probe` may connect to loopback, private, link-local, multicast and reserved
    /// addresses. Off by default: a probe must not reach into the network the service runs in.
    public var probeAllowPrivate = false
    /// `/v1/tls/probe` requests allowed per client address per minute; 0 turns the limit off. Default 10.
    public var probeRate = 10
    /// Probes running at once, over all clients; more are answered 429. Default 8.
    public var probeConcurrency = 8
    /// Seconds a probe's report is reused for the same domain, service and endpoint; 0 turns caching off.
    /// Default 300.
    public var probeCacheSeconds = 300
    /// Seconds each step of a probe may take (DNS, connecting, each answer, each handshake). Default 5.
    public var probeTimeout = 5
    /// The IPv4 name server probes ask (`ADDRESS:PORT`), instead of the system's. Unset by default.
    public var probeDNSServer: String?
    /// Trust anchors (PEM) probes check certificates against instead of the system bundle, read from
    /// `JID_PROBE_CA` / `--probe-ca` at start. Unset by default.
    public var probeTrustAnchors: [UInt8]?
    /// A watch list (``WatchList``): domains probed on an interval, their pins recorded and their grade and
    /// expiry exported in `/metrics`. Needs a store. Unset by default.
    public var watchFile: String?
    /// Seconds between two probes of the watch list (±10%). Default 600.
    public var watchInterval = 600
    /// Watched domains probed at once. Default 4.
    public var watchConcurrency = 4
    /// Origins allowed to call the API from a browser (CORS). Empty by default: no cross-origin access.
    public var corsOrigins: [String] = []
    /// Whether the web page (`/`, `/ui/…`: the playground, the signup widget and its demo) is served. Default on.
    public var ui = true
    /// Log level. Default `info`.
    public var logLevel = Logger.Level.info
    /// Log format: human-readable `text` (default) or one JSON object per line.
    public var logFormat = LogFormat.text
    /// Whether each address checked by a single-address route is logged at `info` level (batch lines never are).
    /// Off by default: addresses are personal data.
    public var logAddresses = false

    public enum LogFormat: String, Sendable, CaseIterable {
        case text, json
    }

    public init() {}

    /// 4096 connections, or the file-descriptor limit less 64 when that is lower (at least 16).
    public static func defaultMaxConnections() -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max else {
            return 4096
        }
        return max(16, min(4096, Int(limit.rlim_cur) - 64))
    }
}
