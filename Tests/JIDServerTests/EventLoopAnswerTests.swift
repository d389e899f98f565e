import Foundation
import Hummingbird
import HummingbirdTesting
import JIDConfusables
import Logging
import NIOCore
import NIOHTTP1
import Prometheus
import Synchronization
import Testing

@testable import JIDServer

/// The requests the connection guard answers on the event loop (``EventLoopAnswers``) are answered exactly as the
/// router answers them: the same status, fields and body, the same log records and the same metrics.
@Suite(.serialized) struct EventLoopAnswerTests {
    /// Requests to `GET /v1/jid/parse`, as sent on the wire (each closes its connection), and whether the guard
    /// answers each itself.
    static let requests: [(request: String, answeredHere: Bool)] = [
        ("GET /v1/jid/parse?jid=Juliet%40Example.COM%2FBalcony HTTP/1.1\r\nHost: x\r\n", true),
        ("GET /v1/jid/parse?jid=jos%C3%A9%40b%C3%BCcher.de HTTP/1.1\r\nHost: x\r\n", true),
        ("GET /v1/jid/parse?jid=%D0%B0pple%40example.com HTTP/1.1\r\nHost: x\r\n", true),
        ("GET /v1/jid/parse?jid=a%40b%40c HTTP/1.1\r\nHost: x\r\n", true),
        ("GET /v1/jid/parse?jid= HTTP/1.1\r\nHost: x\r\n", true),
        ("GET /v1/jid/parse?jid=a+b%40c.example HTTP/1.1\r\nHost: x\r\n", true),
        ("GET /v1/jid/parse?jid=x%40y&jid=z HTTP/1.1\r\nHost: x\r\n", true),
        ("GET /v1/jid/parse?other=1&jid=bad%20name%40example.com&lang=de HTTP/1.1\r\nHost: x\r\n", true),
        (
            "GET /v1/jid/parse?lang=auto&jid=%40example.com HTTP/1.1\r\nHost: x\r\n"
                + "Accept-Language: xx\r\nAccept-Language: fr;q=0.5, de\r\n", true
        ),
        ("GET /v1/jid/parse?jid=a%40b.example HTTP/1.1\r\nHost: x\r\nX-Request-ID: client-chosen-42\r\n", true),
        ("GET /v1/jid/parse?jid=a%40b.example HTTP/1.1\r\nHost: x\r\nX-Request-ID: a\r\nX-Request-ID: b\r\n", true),
        ("GET /v1/jid/parse?jid=a%40b.example HTTP/1.0\r\n", true),
        ("GET /v1/jid/parse?jid=a%40b.example HTTP/1.1\r\nHost: x\r\nConnection: keep-alive, close\r\n", true),
        // The route's problems are the router's to write.
        ("GET /v1/jid/parse HTTP/1.1\r\nHost: x\r\n", false),
        ("GET /v1/jid/parse? HTTP/1.1\r\nHost: x\r\n", false),
        ("GET /v1/jid/parse?jid=%ZZ HTTP/1.1\r\nHost: x\r\n", false),
        ("GET /v1/jid/parse?jid=%FF HTTP/1.1\r\nHost: x\r\n", false),
        ("GET /v1/jid/parse?jid=a%40b&lang=%G HTTP/1.1\r\nHost: x\r\n", false),
        // Other targets, methods, bodies and CORS go to the router.
        ("GET /v1/jid/parse/ HTTP/1.1\r\nHost: x\r\n", false),
        ("GET /v1/jid/parsed?jid=a%40b HTTP/1.1\r\nHost: x\r\n", false),
        ("GET /v1/jid/parse?jid=a%40b#f HTTP/1.1\r\nHost: x\r\n", false),
        ("HEAD /v1/jid/parse?jid=a%40b HTTP/1.1\r\nHost: x\r\n", false),
        ("GET /v1/jid/parse?jid=a%40b HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n", false),
        ("GET /v1/jid/parse?jid=a%40b HTTP/1.1\r\nHost: x\r\nOrigin: https://signup.example\r\n", false),
    ]

    @Test func theGuardAnswersExactlyTheRequestsItCanAnswerAsTheRouterWould() throws {
        let metrics = JIDMetrics(registry: PrometheusCollectorRegistry())
        var configuration = ServerConfiguration()
        configuration.port = 0
        let answers = EventLoopAnswers(
            jidRoutes: JIDRoutes(configuration: configuration, metrics: metrics), metrics: RequestMetrics(),
            logger: Logger(label: "test"))
        for (request, answeredHere) in Self.requests {
            let head = try #require(Self.head(request))
            #expect((answers.answer(head) != nil) == answeredHere, "\(request)")
        }
        let health = try #require(Self.head("GET /healthz HTTP/1.1\r\nHost: x\r\n"))
        #expect(answers.answer(health)?.body == HealthProbe.body)
        // Without the parse route (the comparison below), only health probes.
        let probesOnly = EventLoopAnswers(jidRoutes: nil, metrics: RequestMetrics(), logger: Logger(label: "test"))
        #expect(probesOnly.answer(try #require(Self.head(Self.requests[0].request))) == nil)
        #expect(probesOnly.answer(health) != nil)
    }

    @Test func answersLogRecordsAndMetricsAreTheRouters() async throws {
        let here = Server(answeringParseOnEventLoop: true)
        let routed = Server(answeringParseOnEventLoop: false)
        let requests = Self.requests.map(\.request) + ["GET /healthz HTTP/1.1\r\nHost: x\r\n"]
        var answers: [[[String]]] = []
        for server in [here, routed] {
            answers.append(
                try await server.application.test(.live) { client in
                    let port = client.port!
                    var texts: [[String]] = []
                    for request in requests {
                        let text = try await offPool {
                            let connection = try RawConnection(port: port)
                            connection.send(request + "Connection: close\r\n\r\n")
                            return connection.receive { _ in false }
                        }
                        texts.append(Self.normalized(text))
                    }
                    return texts
                })
        }
        for (request, (ours, theirs)) in zip(requests, zip(answers[0], answers[1])) {
            #expect(ours == theirs, "\(request)")
            #expect(ours.first?.hasPrefix("HTTP/1.") == true, "\(request)")
        }
        // 13 answered here, 3 more by the router (with a body, an Origin, a fragment), the HEAD and the health probe.
        #expect(answers[0].filter { $0.first?.hasPrefix("HTTP/1.1 200") == true }.count == 18)
        #expect(here.records.records == routed.records.records)
        #expect(here.records.records.filter { $0.hasPrefix("info GET /v1/jid/parse 200") }.count == 16)
        #expect(here.records.records.filter { $0.hasPrefix("info address checked") }.count == 17)
        #expect(here.metricsText == routed.metricsText)
        #expect(
            here.metricsText.contains(
                #"hb_requests{http_route="/v1/jid/parse",http_request_method="GET",http_response_status_code="200"} 16"#
            ))
        #expect(here.metricsText.contains("jid_processed_total 17"))
    }

    /// IMF-fixdate (RFC 9110 §5.6.7), on the RFC's own example and on dates with one-digit days and hours.
    @Test func datesAreIMFFixdate() {
        #expect(HTTPDate.format(784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.format(0) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(HTTPDate.format(1_803_877_205) == "Mon, 01 Mar 2027 05:00:05 GMT")
        #expect(HTTPDate.now.count == 29)
    }

    /// A client that keeps a connection busy with requests answered on the event loop is not cut off as idle;
    /// once it stops, the connection is closed after the idle timeout.
    @Test func aConnectionAnsweredOnTheEventLoopIsNotIdle() async throws {
        try await makeApplication { $0.idleTimeout = 1 }.test(.live) { client in
            let port = client.port!
            let (answered, closed, seconds) = try await offPool {
                let connection = try RawConnection(port: port)
                var answered = 0
                for index in 0..<10 {
                    let target = index.isMultiple(of: 2) ? "/healthz" : "/v1/jid/parse?jid=a%40b.example"
                    connection.send("GET \(target) HTTP/1.1\r\nHost: x\r\n\r\n")
                    if connection.receive(until: { $0.contains("}") }).hasPrefix("HTTP/1.1 200") { answered += 1 }
                    usleep(300_000)
                }
                let started = Date()
                return (answered, connection.isClosedByPeer(), Date().timeIntervalSince(started))
            }
            #expect(answered == 10)
            #expect(closed)
            #expect(seconds < 3)
        }
    }

    // MARK: Support

    /// An application with its own log records and metrics, logging addresses (to compare those records too).
    final class Server: Sendable {
        let records = Records()
        let registry = PrometheusCollectorRegistry()
        let application: any ApplicationProtocol

        init(answeringParseOnEventLoop: Bool) {
            var configuration = ServerConfiguration()
            configuration.port = 0
            configuration.logAddresses = true
            let records = self.records
            var logger = Logger(label: "jid-service") { _ in RecordingLogHandler(records: records) }
            logger.logLevel = .info
            application = JIDService.makeApplication(
                configuration: configuration, metrics: JIDMetrics(registry: registry), logger: logger,
                registry: ConfusableRegistry(), names: nil,
                requestMetrics: RequestMetrics(factory: PrometheusMetricsFactory(registry: registry)),
                answeringParseOnEventLoop: answeringParseOnEventLoop)
        }

        /// The metrics, without durations (which differ from run to run).
        var metricsText: [String] {
            var buffer: [UInt8] = []
            registry.emit(into: &buffer)
            return String(decoding: buffer, as: UTF8.self).split(separator: "\n").map(String.init).filter {
                !$0.hasPrefix("#") && !$0.contains("_bucket") && !$0.contains("_sum")
            }.sorted()
        }
    }

    /// Log records as text: level, message and metadata, without the values that differ between runs.
    final class Records: Sendable {
        private let stored = Mutex<[String]>([])
        /// The records, without the server's start (its port differs).
        var records: [String] { stored.withLock { $0 }.filter { !$0.hasPrefix("info Server started") } }
        func append(_ record: String) { stored.withLock { $0.append(record) } }
    }

    struct RecordingLogHandler: LogHandler {
        let records: Records
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { $1 }
            let varying: Set = ["duration_us", "hb.request.id"]
            let fields = all.keys.sorted().map { key in
                let value = "\(all[key]!)"
                return varying.contains(key) || (key == "request_id" && value.count == 32) ? key : "\(key)=\(value)"
            }
            records.append("\(event.level) \(event.message) \(fields.joined(separator: " "))")
        }
    }

    /// A response as lines: the status line, the fields (names lower-cased, sorted, `Date` and generated request
    /// IDs without their values) and the body.
    static func normalized(_ text: String) -> [String] {
        let parts = text.components(separatedBy: "\r\n\r\n")
        var lines = parts[0].components(separatedBy: "\r\n")
        let status = lines.removeFirst()
        let fields = lines.map { line -> String in
            let name = line.prefix { $0 != ":" }.lowercased()
            let value = line.drop { $0 != ":" }.dropFirst().trimmingCharacters(in: .whitespaces)
            if name == "date" {
                return "date: (\(value.hasSuffix(" GMT") && value.count == 29 ? "IMF-fixdate" : value))"
            }
            if name == "x-request-id" && value.count == 32 && value.allSatisfy(\.isHexDigit) {
                return "x-request-id: (generated)"
            }
            return "\(name): \(value)"
        }
        return [status] + fields.sorted() + [parts.dropFirst().joined(separator: "\r\n\r\n")]
    }

    /// The request head NIO's decoder makes of `request` (a request line and fields, without the empty line).
    static func head(_ request: String) -> HTTPRequestHead? {
        var lines = request.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let line = lines.removeFirst().split(separator: " ")
        guard line.count == 3 else { return nil }
        let version: HTTPVersion = line[2] == "HTTP/1.0" ? .http1_0 : .http1_1
        let headers = HTTPHeaders(
            lines.map { line in
                (
                    String(line.prefix { $0 != ":" }),
                    line.drop { $0 != ":" }.dropFirst().trimmingCharacters(in: .whitespaces)
                )
            })
        return HTTPRequestHead(
            version: version, method: HTTPMethod(rawValue: String(line[0])), uri: String(line[1]), headers: headers)
    }
}
