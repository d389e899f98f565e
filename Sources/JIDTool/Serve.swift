import ArgumentParser
import Foundation
import JIDConfusables
import JIDServer

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP/1.1 JSON API.",
        discussion: """
            Every option can also be set with a JID_* environment variable (JID_HOST, JID_PORT, JID_BODY_LIMIT, \
            JID_BATCH_BODY_LIMIT, JID_BATCH_LINE_LIMIT, JID_BATCH_WORKERS, JID_HEADER_LIMIT, JID_IDLE_TIMEOUT, JID_BODY_TIMEOUT, \
            JID_BATCH_TIMEOUT, JID_MAX_CONNECTIONS, JID_REGISTRY_CHECK_RATE, JID_SIGNUP_RATE, JID_STATE_DIR, JID_DATABASE_URL, JID_ADMIN_TOKEN_FILE, \
            JID_REGISTRY_CHECK_REQUIRES_TOKEN, JID_PROBE_ALLOW_PRIVATE, JID_PROBE_RATE, JID_PROBE_CONCURRENCY, \
            JID_PROBE_CACHE_SECONDS, JID_PROBE_TIMEOUT, JID_PROBE_DNS_SERVER, JID_PROBE_CA, JID_WATCH_FILE, \
            JID_WATCH_INTERVAL, JID_WATCH_CONCURRENCY, JID_CORS_ORIGINS (comma-separated), JID_UI, JID_LOG_LEVEL, JID_LOG_FORMAT, \
            JID_LOG_ADDRESSES, JID_REGISTRY); an option given on the command line wins. SIGTERM or SIGINT stops accepting connections and lets requests in flight \
            finish. The API is described at /openapi.yaml.

            --watch FILE probes each listed domain every --watch-interval seconds (±10%, at most \
            --watch-concurrency at once, with the probe settings above), records its certificate as a pin (see \
            jid tls pins) and exports jid_tls_grade (4 A, 3 B, 2 T, 1 F, 0 unreachable), \
            jid_tls_certificate_expiry_seconds (notAfter as Unix time), jid_tls_last_probe_seconds and \
            jid_tls_pin_changes_total{change} per domain and service in /metrics. Replicas sharing a PostgreSQL \
            store elect one prober (an advisory lock); the others take over when it stops.

            Exit status: 0 after a clean shutdown, 1 if the server cannot run (e.g. the port is in use or the \
            registry file cannot be read), 2 on a usage error (including a JID_* variable with an unusable value).

            Examples:
              jid serve --port 8080
              JID_CORS_ORIGINS=https://signup.example.com jid serve --host 0.0.0.0 --log-format json
            """)

    @Option(help: "Address to bind (default 127.0.0.1).") var host: String?
    @Option(help: "Port (default 8080; 0 for any free port).") var port: Int?
    @Option(help: "Largest request body for single-address routes, in bytes (default 65536).") var bodyLimit: Int?
    @Option(help: "Largest /v1/batch body, in bytes (default 1 GiB).") var batchBodyLimit: Int?
    @Option(help: "Largest line in a /v1/batch body, in bytes (default 16384).") var batchLineLimit: Int?
    @Option(help: "Chunks of one /v1/batch enforced at once (default: the number of processors).")
    var batchWorkers: Int?
    @Option(help: "Largest request head, in bytes (default 16384).") var headerLimit: Int?
    @Option(help: "Seconds before an idle connection is closed (default 30).") var idleTimeout: Int?
    @Option(help: "Seconds allowed to deliver a request body, or between pieces of a batch (default 10).")
    var bodyTimeout: Int?
    @Option(help: "Longest a /v1/batch request may take in all, in seconds (default 600).") var batchTimeout: Int?
    @Option(help: "Most connections open at once (default 4096, or the file-descriptor limit less 64).")
    var maxConnections: Int?
    @Option(help: "/v1/confusables/check requests per client address per minute; 0 for no limit (default 60).")
    var registryCheckRate: Int?
    @Option(help: "/v1/signup/check requests per client address per minute; 0 for no limit (default 120).")
    var signupRate: Int?
    @Option(
        help: ArgumentHelp(
            "The embedded store's directory (state.sqlite; default: none, or systemd's STATE_DIRECTORY).",
            valueName: "dir"))
    var stateDir: String?
    @Option(help: ArgumentHelp("A PostgreSQL URL for a store shared by several replicas.", valueName: "url"))
    var database: String?
    @Option(help: ArgumentHelp("A file holding the bearer token for admin-only endpoints.", valueName: "file"))
    var adminTokenFile: String?
    @Flag(help: "Make /v1/confusables/check need the admin token (Authorization: Bearer ...).")
    var registryCheckRequiresToken = false
    @Flag(help: "Let /v1/tls/probe connect to loopback, private, link-local and reserved addresses.")
    var probeAllowPrivate = false
    @Option(help: "/v1/tls/probe requests per client address per minute; 0 for no limit (default 10).")
    var probeRate: Int?
    @Option(help: "Probes running at once over all clients; more are answered 429 (default 8).")
    var probeConcurrency: Int?
    @Option(help: "Seconds a probe report is reused for the same target; 0 to turn off (default 300).")
    var probeCacheSeconds: Int?
    @Option(help: "Seconds each step of a probe may take (default 5).") var probeTimeout: Int?
    @Option(help: ArgumentHelp("The IPv4 name server probes ask instead of the system's.", valueName: "address:port"))
    var probeDNSServer: String?
    @Option(help: ArgumentHelp("Trust anchors (PEM) probes use instead of the system bundle.", valueName: "file"))
    var probeCa: String?
    @Option(
        help: ArgumentHelp(
            "Domains to probe on an interval (one per line: DOMAIN [client|server] [HOST:PORT] [direct-tls]); "
                + "pins are recorded and grade and expiry exported in /metrics. Needs a store.",
            valueName: "file"))
    var watch: String?
    @Option(help: "Seconds between probes of the watch list, ±10% (default 600).") var watchInterval: Int?
    @Option(help: "Watched domains probed at once (default 4).") var watchConcurrency: Int?
    @Option(name: .customLong("cors-origin"), help: "An origin allowed to call the API from browsers (repeatable).")
    var corsOrigins: [String] = []
    @Flag(help: "Do not serve the web page (the playground at /, the signup widget and its demo under /ui/).")
    var noUi = false
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical (default info).")
    var logLevel: String?
    @Option(help: "Log format: text or json (default text).") var logFormat: String?
    @Flag(help: "Allow addresses in info-level logs (off by default: they are personal data).")
    var logAddresses = false
    @Option(
        help: ArgumentHelp(
            "Registered names for /v1/confusables/check: one bare JID or localpart per line.",
            valueName: "file"))
    var registry: String?

    func run() async throws {
        var environment = ProcessInfo.processInfo.environment
        // Flags win over the environment: fold them in as if they were variables.
        func set(_ name: String, _ value: (any CustomStringConvertible)?) {
            if let value { environment[name] = value.description }
        }
        set("JID_HOST", host)
        set("JID_PORT", port)
        set("JID_BODY_LIMIT", bodyLimit)
        set("JID_BATCH_BODY_LIMIT", batchBodyLimit)
        set("JID_BATCH_LINE_LIMIT", batchLineLimit)
        set("JID_BATCH_WORKERS", batchWorkers)
        set("JID_HEADER_LIMIT", headerLimit)
        set("JID_IDLE_TIMEOUT", idleTimeout)
        set("JID_BODY_TIMEOUT", bodyTimeout)
        set("JID_BATCH_TIMEOUT", batchTimeout)
        set("JID_MAX_CONNECTIONS", maxConnections)
        set("JID_REGISTRY_CHECK_RATE", registryCheckRate)
        set("JID_SIGNUP_RATE", signupRate)
        set("JID_ADMIN_TOKEN_FILE", adminTokenFile)
        set("JID_STATE_DIR", stateDir)
        set("JID_DATABASE_URL", database)
        if registryCheckRequiresToken { environment["JID_REGISTRY_CHECK_REQUIRES_TOKEN"] = "true" }
        if probeAllowPrivate { environment["JID_PROBE_ALLOW_PRIVATE"] = "true" }
        set("JID_PROBE_RATE", probeRate)
        set("JID_PROBE_CONCURRENCY", probeConcurrency)
        set("JID_PROBE_CACHE_SECONDS", probeCacheSeconds)
        set("JID_PROBE_TIMEOUT", probeTimeout)
        set("JID_PROBE_DNS_SERVER", probeDNSServer)
        set("JID_PROBE_CA", probeCa)
        set("JID_WATCH_FILE", watch)
        set("JID_WATCH_INTERVAL", watchInterval)
        set("JID_WATCH_CONCURRENCY", watchConcurrency)
        if !corsOrigins.isEmpty { environment["JID_CORS_ORIGINS"] = corsOrigins.joined(separator: ",") }
        set("JID_LOG_LEVEL", logLevel)
        set("JID_LOG_FORMAT", logFormat)
        set("JID_REGISTRY", registry)
        if logAddresses { environment["JID_LOG_ADDRESSES"] = "true" }
        if noUi { environment["JID_UI"] = "false" }
        let configuration: ServerConfiguration
        do {
            configuration = try ServerConfiguration.from(environment: environment)
        } catch {
            throw ValidationError("\(error)")
        }
        let names = ConfusableRegistry()
        if let path = environment["JID_REGISTRY"], !path.isEmpty {
            guard let file = fopen(path, "r") else {
                FileHandle.standardError.write("jid: cannot read \(path): \(String(cString: strerror(errno)))\n")
                throw ExitCode(1)
            }
            let (_, refused) = names.load(lines: LineReader(file: file))
            fclose(file)
            for (line, message) in refused.prefix(20) {
                FileHandle.standardError.write("jid: \(path):\(line): skipped: \(message)\n")
            }
            if refused.count > 20 {
                FileHandle.standardError.write("jid: \(path): \(refused.count - 20) more lines skipped\n")
            }
        }
        try await JIDService.run(configuration: configuration, registry: names)
    }
}
