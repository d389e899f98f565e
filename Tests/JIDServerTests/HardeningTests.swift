import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Metrics
import NIOCore
import Prometheus
import Synchronization
import Testing

@testable import JIDServer

#if canImport(Glibc)
    import Glibc
#endif

/// What an attack on a running server found, each on a real socket; every test failed before its fix.
@Suite(.serialized) struct HardeningTests {
    /// Sends up to `total` bytes of filler after `head`, stopping when the server closes or stops taking them for
    /// five seconds; returns how many bytes it took.
    static func flood(_ connection: RawConnection, head: String, total: Int) -> Int {
        var timeout = timeval()
        timeout.tv_sec = 5
        setsockopt(connection.descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        connection.send(head)
        let block = [UInt8](repeating: UInt8(ascii: "A"), count: 1 << 16)
        var sent = 0
        while sent < total {
            let count = block.withUnsafeBytes {
                Glibc.send(connection.descriptor, $0.baseAddress!, $0.count, Int32(MSG_NOSIGNAL))
            }
            if count <= 0 { break }
            sent += count
        }
        return sent
    }

    @Test(arguments: [
        "GET /v1/info HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n",
        "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n",
    ])
    func whatFollowsAnUpgradeOrConnectIsNeverBuffered(_ head: String) async throws {
        try await makeApplication().test(.live) { client in
            let port = client.port!
            let connection = try RawConnection(port: port)
            let sent = try await offPool { Self.flood(connection, head: head, total: 256 << 20) }
            // The server stops reading and closes: far less than the 256 MiB offered gets through.
            #expect(sent < 32 << 20, "the server took \(sent) bytes")
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
        }
    }

    @Test func anUpgradeRequestIsAnsweredAsPlainHTTPAndClosed() async throws {
        try await makeApplication().test(.live) { client in
            let connection = try RawConnection(port: client.port!)
            connection.send("GET /v1/info HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n")
            let text = try await offPool { connection.receive { _ in false } }  // to the end: the server closes
            #expect(text.hasPrefix("HTTP/1.1 200"))
            #expect(text.lowercased().contains("connection: close"))
        }
    }

    @Test func anHTTP10RequestWithoutKeepAliveIsClosedAfterItsResponse() async throws {
        try await makeApplication().test(.live) { client in
            let connection = try RawConnection(port: client.port!)
            let started = Date()
            connection.send("GET /v1/info HTTP/1.0\r\n\r\n")
            let text = try await offPool { connection.receive { _ in false } }
            #expect(text.contains("\"service\":\"jid-service\""))
            #expect(Date().timeIntervalSince(started) < 3)
        }
    }

    @Test func expectContinueIsAnsweredBeforeTheBody() async throws {
        try await makeApplication().test(.live) { client in
            let connection = try RawConnection(port: client.port!)
            let body = #"{"jid":"juliet@example.com"}"#
            connection.send(
                "POST /v1/jid/parse HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: \(body.utf8.count)\r\nExpect: 100-continue\r\n\r\n")
            let interim = try await offPool { connection.receive { $0.contains("\r\n\r\n") } }
            #expect(interim.hasPrefix("HTTP/1.1 100 Continue"))
            connection.send(body)
            let text = try await offPool { connection.receive { $0.contains("\"valid\":true") } }
            #expect(text.contains("HTTP/1.1 200"))
        }
    }

    /// RFC 9110 §10.1.1: a 100-continue expectation in an HTTP/1.0 request is ignored (no 1xx to an HTTP/1.0
    /// client, §15.2).
    @Test func expectContinueFromAnHTTP10ClientIsIgnored() async throws {
        try await makeApplication().test(.live) { client in
            let connection = try RawConnection(port: client.port!)
            let body = #"{"jid":"juliet@example.com"}"#
            connection.send(
                "POST /v1/jid/parse HTTP/1.0\r\nContent-Type: application/json\r\n"
                    + "Content-Length: \(body.utf8.count)\r\nExpect: 100-continue\r\n\r\n" + body)
            let text = try await offPool { connection.receive { _ in false } }
            #expect(text.hasPrefix("HTTP/1.1 200"))
            #expect(!text.contains("100 Continue"))
            #expect(text.contains("\"valid\":true"))
        }
    }

    @Test func headOnAGetRouteHasTheHeadersAndNoBody() async throws {
        try await makeApplication().test(.live) { client in
            try await client.execute(uri: "/v1/info", method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.body.readableBytes == 0)
                #expect(response.headers[.contentType] == "application/json")
            }
            try await client.execute(uri: "/healthz", method: .head) { #expect($0.status == .ok) }
        }
    }

    @Test func aResponseThatEndsBeforeItsRequestBodyClosesTheConnection() async throws {
        try await makeApplication { $0.bodyLimit = 1024 }.test(.live) { client in
            let connection = try RawConnection(port: client.port!)
            connection.send(
                "POST /v1/jid/parse HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000000\r\n\r\n"
            )
            let started = Date()
            let text = try await offPool { connection.receive { _ in false } }
            #expect(text.hasPrefix("HTTP/1.1 413"))
            #expect(Date().timeIntervalSince(started) < 3)
        }
    }

    /// A liveness probe is answered on the event loop, not behind CPU-bound requests on the task pool.
    @Test func healthProbesAreAnsweredWhileTheWorkersAreBusy() async throws {
        try await makeApplication().test(.live) { client in
            let port = client.port!
            let done = Atomic<Bool>(false)
            // Six clients send the most expensive single-address requests there are, without pause.
            let marks = String(repeating: "\u{301}", count: 30)
            let address = String(repeating: "a" + marks, count: 120) + "@example.com"
            let body = #"{"jid":""# + address + #""}"#
            let request = Array(
                ("POST /v1/jid/parse HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: \(body.utf8.count)\r\n\r\n" + body).utf8)
            var workers: [Thread] = []
            for _ in 0..<6 {
                let thread = Thread {
                    while !done.load(ordering: .relaxed) { _ = try? BadInputCatalogueTests.exchange(port, request) }
                }
                thread.start()
                workers.append(thread)
            }
            try await Task.sleep(for: .milliseconds(300))
            var times: [Double] = []
            for _ in 0..<20 {
                let started = Date()
                let status = try await offPool {
                    try BadInputCatalogueTests.exchange(port, BadInputCatalogueTests.get("/healthz"))
                }.status
                times.append(Date().timeIntervalSince(started))
                #expect(status == 200)
            }
            done.store(true, ordering: .relaxed)
            times.sort()
            // Before the fix the p50 was about 1.5 s. This is a debug build sharing two cores with the other suites;
            // the 50 ms figure is checked on the release build by Load/hardening.sh.
            #expect(times[times.count / 2] < 0.25, "p50 \(times[times.count / 2]) s")
        }
    }

    @Test func connectionsIdleLongestMakeWayBeforeTheCapIsReached() async throws {
        try await makeApplication { $0.maxConnections = 8 }.test(.live) { client in
            let port = client.port!
            var idle: [RawConnection] = []
            for _ in 0..<20 { idle.append(try RawConnection(port: port)) }
            let started = Date()
            let status = try await offPool {
                try BadInputCatalogueTests.exchange(port, BadInputCatalogueTests.get("/healthz"))
            }.status
            #expect(status == 200)
            #expect(Date().timeIntervalSince(started) < 2)
            try await Task.sleep(for: .milliseconds(200))
            #expect(idle.prefix(10).allSatisfy { $0.peerHasClosed() })
        }
    }

    /// A keep-alive client whose requests are all answered on the event loop (parse requests, health probes) is
    /// as busy as any other: connections that have been idle longer make way first, not it.
    @Test func aClientAnsweredOnTheEventLoopIsNotTheIdleLongest() async throws {
        try await makeApplication { $0.maxConnections = 8 }.test(.live) { client in
            let port = client.port!
            let parse = BadInputCatalogueTests.get("/v1/jid/parse?jid=juliet%40example.com")
            let health = BadInputCatalogueTests.get("/healthz")
            let result: (active: [Int], kept: [Bool]) = try await offPool {
                let active = try RawConnection(port: port)
                var statuses = [BadInputCatalogueTests.exchange(on: active, parse).status]
                // Each of these has had an answer, so the server has taken it before the next one opens.
                var kept: [RawConnection] = []
                for _ in 0..<3 {
                    kept.append(try RawConnection(port: port))
                    _ = BadInputCatalogueTests.exchange(on: kept.last!, health)
                }
                statuses.append(BadInputCatalogueTests.exchange(on: active, parse).status)
                // Eight open: above six (three quarters of the cap), each new one closes the idle longest.
                for _ in 0..<4 {
                    kept.append(try RawConnection(port: port))
                    _ = BadInputCatalogueTests.exchange(on: kept.last!, health)
                }
                statuses.append(BadInputCatalogueTests.exchange(on: active, parse).status)
                return (statuses, kept.map { $0.peerHasClosed() })
            }
            #expect(result.active == [200, 200, 200])
            #expect(result.kept == [true, true, false, false, false, false, false])
        }
    }

    @Test func aBatchMustArriveWithinTheBatchTimeout() async throws {
        try await makeApplication {
            $0.batchTimeout = 1
            $0.bodyTimeout = 5
        }.test(.live) { client in
            let connection = try RawConnection(port: client.port!)
            connection.send(
                "POST /v1/batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n"
            )
            let started = Date()
            let sender = Thread {
                for _ in 0..<8 {
                    connection.send("1\r\n\n\r\n")  // one newline at a time, always within the body timeout
                    Thread.sleep(forTimeInterval: 0.4)
                }
            }
            sender.start()
            let text = try await offPool { connection.receive { $0.contains("request-timeout") } }
            #expect(text.contains("/problems/request-timeout"))
            #expect(Date().timeIntervalSince(started) < 3)
        }
    }

    /// A batch client that never reads: what the server holds for it does not grow with the worker count.
    @Test(arguments: [1, 16])
    func aBatchHoldsABoundedAmountWhateverTheWorkers(_ workers: Int) async throws {
        var configuration = ServerConfiguration()
        configuration.batchWorkers = workers
        let line = Array(#""juliet.capulet.of.verona@example.com""#.utf8) + [0x0A]
        var body = ByteBuffer()
        for _ in 0..<40_000 { body.writeBytes(line) }
        let statistics = BatchStatistics()
        var writer: any ResponseBodyWriter = SlowWriter()
        try await BatchRoute.stream(
            RequestBody(buffer: body), to: &writer, configuration: configuration,
            metrics: JIDMetrics(registry: .init()), channel: nil, statistics: statistics)
        #expect(statistics.maximumHeldInputBytes <= BatchRoute.heldInputBudget + BatchSplitter.chunkBytes)
        #expect(statistics.maximumHeldInputBytes > 0)
    }

    /// The process-wide metrics system (it can be set up once per process), for the route metrics.
    static let processMetrics: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()

    @Test func activeRequestsGoBackToZeroWhenAClientResetsMidResponse() async throws {
        _ = Self.processMetrics
        try await makeApplication().test(.live) { client in
            let connection = try RawConnection(port: client.port!)
            var body: [UInt8] = []
            for index in 0..<200_000 { body += Array("\"user\(index)@example.com\"\n".utf8) }
            connection.send(
                "POST /v1/batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-ndjson\r\nContent-Length: \(body.count)\r\n\r\n"
            )
            let payload = body
            Thread { connection.send(payload) }.start()
            _ = try await offPool { connection.receive { $0.contains("\"line\":1000,") } }
            connection.reset()
            var active = ""
            for _ in 0..<50 {
                try await Task.sleep(for: .milliseconds(100))
                active =
                    String(decoding: Self.processMetrics.emitToBuffer(), as: UTF8.self).split(separator: "\n")
                    .first { $0.hasPrefix("http_server_active_requests{http_request_method=\"POST\"}") }
                    .map(String.init) ?? ""
                if active.hasSuffix(" 0") || active.hasSuffix(" 0.0") { break }
            }
            #expect(active.hasSuffix(" 0") || active.hasSuffix(" 0.0"), "\(active)")
        }
    }

    @Test func registryChecksAreRateLimitedPerClient() async throws {
        try await makeApplication { $0.registryCheckRate = 3 }.test(.live) { client in
            let (headers, _) = json("")
            var statuses: [Int] = []
            for _ in 0..<4 {
                try await client.execute(
                    uri: "/v1/confusables/check", method: .post, headers: headers,
                    body: ByteBuffer(string: #"{"jid":"juliet@example.com"}"#)
                ) { response in
                    statuses.append(response.status.code)
                    if response.status == .tooManyRequests { #expect(response.headers[.retryAfter] != nil) }
                }
            }
            #expect(statuses == [200, 200, 200, 429])
        }
    }

    @Test func registryChecksCanRequireTheAdminToken() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("jid-token-\(UUID().uuidString)")
        try Data("0123456789abcdef0123\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        try await makeApplication {
            $0.adminTokenFile = file.path
            $0.registryCheckRequiresToken = true
        }.test(.live) { client in
            var headers = json("").0
            let body = ByteBuffer(string: #"{"jid":"juliet@example.com"}"#)
            try await client.execute(uri: "/v1/confusables/check", method: .post, headers: headers, body: body) {
                #expect($0.status == .unauthorized)
            }
            headers[.authorization] = "Bearer 0123456789abcdef0124"
            try await client.execute(uri: "/v1/confusables/check", method: .post, headers: headers, body: body) {
                #expect($0.status == .forbidden)
            }
            headers[.authorization] = "Bearer 0123456789abcdef0123"
            try await client.execute(uri: "/v1/confusables/check", method: .post, headers: headers, body: body) {
                #expect($0.status == .ok)
            }
        }
    }

    @Test func theAccessLogNamesTheRouteNeverTheRawPath() async throws {
        let lines = LogCapture()
        var logger = Logger(label: "test") { _ in lines }
        logger.logLevel = .info
        let application = JIDService.makeApplication(
            configuration: {
                var c = ServerConfiguration(); c.port = 0; return c
            }(),
            metrics: JIDMetrics(registry: .init()), logger: logger)
        try await application.test(.live) { client in
            try await client.execute(uri: "/v1/jid/parse/romeo@montague.lit", method: .get) {
                #expect($0.status == .notFound)
            }
            try await client.execute(uri: "/v1/jid/parse?jid=romeo%40montague.lit", method: .get) {
                #expect($0.status == .ok)
            }
        }
        let text = lines.messages.joined(separator: "\n")
        #expect(!text.contains("romeo"))
        #expect(text.contains("GET /v1/jid/parse 200"))
        #expect(!lines.levels.contains(.error))
    }

    @Test func jsonLogsHaveNumbersAndAZone() {
        let line = JSONLogHandler.record(
            label: "l", level: .info, message: "m", metadata: ["duration_us": .stringConvertible(42), "s": "x"],
            date: Date(timeIntervalSince1970: 0))
        let text = String(decoding: line, as: UTF8.self)
        #expect(text.contains("\"duration_us\":42"))
        #expect(text.contains("\"time\":\"1970-01-01T00:00:00.000Z\""))
    }
}

/// A response writer that takes a millisecond per write, as a slow reader does.
struct SlowWriter: ResponseBodyWriter {
    mutating func write(_ buffer: ByteBuffer) async throws { try await Task.sleep(for: .milliseconds(1)) }
    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}

/// Collects log messages, for tests.
final class LogCapture: LogHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [(Logger.Level, String)] = []
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        lock.lock()
        stored.append((event.level, event.message.description))
        lock.unlock()
    }

    var messages: [String] { lock.lock(); defer { lock.unlock() }; return stored.map(\.1) }
    var levels: [Logger.Level] { lock.lock(); defer { lock.unlock() }; return stored.map(\.0) }
}
