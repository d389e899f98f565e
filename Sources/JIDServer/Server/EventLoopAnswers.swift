import Dispatch
import Hummingbird
import Logging
import NIOHTTP1
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The requests the connection guard answers itself, on the event loop, instead of handing them to the router on
/// the task pool:
///
/// - **health probes** (`GET`/`HEAD /healthz`), so that a liveness probe never waits behind CPU-bound work;
/// - **`GET /v1/jid/parse`**: parsing an address takes a few microseconds, the hand-over to the task pool and back,
///   the router and its middleware many times that.
///
/// Only a request with nothing else in flight on its connection is answered here (answers stay in order), and only
/// one the router would answer in exactly the same way: the route's own code makes the body (``JIDRoutes``), and
/// the same request ID (``RequestIDMiddleware``), access log line (``AccessLogMiddleware``), request metrics
/// (``RequestMetrics``) and `Date` and `Server` fields go with it. Everything else goes to the router untouched:
/// another method or path, a request with a body, one with an `Origin` (CORS is the router's), and a query the
/// route refuses (the problem document is the router's to write; nothing has been counted or logged for it here).
/// Health probes answered here are neither logged nor counted: a probe every few seconds is not traffic.
struct EventLoopAnswers: Sendable {
    /// The `Server` field of every response.
    static let serverName = "jid-service"

    /// The parse route; nil to answer health probes only.
    let jidRoutes: JIDRoutes?
    let metrics: RequestMetrics
    /// The application's logger, which each request's logger starts from.
    let logger: Logger

    /// A whole `200 OK` response (anything else is the router's to answer).
    struct Answer {
        var headers: HTTPHeaders
        var body: [UInt8]
    }

    /// The answer to a request with nothing else in flight on its connection, or nil to hand it to the router.
    func answer(_ head: HTTPRequestHead) -> Answer? {
        guard head.method == .GET || head.method == .HEAD,
            !head.headers.contains(name: "content-length"), !head.headers.contains(name: "transfer-encoding"),
            !head.headers.contains(name: "upgrade"), !head.headers.contains(name: "expect")
        else { return nil }
        if head.uri == "/healthz" { return health(head) }
        guard head.method == .GET, let jidRoutes, let query = Self.query(head.uri, path: JIDRoutes.parsePath),
            !head.headers.contains(name: "origin")
        else { return nil }
        let start = DispatchTime.now().uptimeNanoseconds
        let id = RequestIDMiddleware.id(given: Self.field(head.headers, RequestIDMiddleware.fieldName))
        var logger = self.logger
        // All this path logs is at info (the access log, and the address when `logAddresses` is on): at a higher
        // level the metadata would never be read.
        if logger.logLevel <= .info {
            logger[metadataKey: "hb.request.id"] = .stringConvertible(RequestID())
            logger[metadataKey: RequestIDMiddleware.metadataKey] = .string(id)
        }
        guard
            let parsed = try? jidRoutes.parseQuery(
                String(query), acceptLanguage: Self.field(head.headers, "accept-language"), logger: logger)
        else { return nil }
        let started = metrics.start(method: "GET", at: start)
        var answer = Answer(headers: Self.headers(contentType: "application/json", id: id), body: parsed.body)
        if let language = parsed.language { answer.headers.add(name: "content-language", value: language) }
        answer.headers.add(name: "Content-Length", value: String(parsed.body.count))
        metrics.finish(started, route: JIDRoutes.parsePath, status: 200, failed: false)
        AccessLogMiddleware.log(logger, method: "GET", route: JIDRoutes.parsePath, status: 200, since: start)
        return answer
    }

    private func health(_ head: HTTPRequestHead) -> Answer {
        let id = RequestIDMiddleware.id(given: Self.field(head.headers, RequestIDMiddleware.fieldName))
        var headers = Self.headers(contentType: "application/json", id: id)
        headers.add(name: "Content-Length", value: String(HealthProbe.body.count))
        return Answer(headers: headers, body: head.method == .HEAD ? [] : HealthProbe.body)
    }

    /// The fields every answer has; the guard's refusals have them too.
    static func headers(contentType: String, id: String) -> HTTPHeaders {
        HTTPHeaders([
            ("Content-Type", contentType), (RequestIDMiddleware.fieldName, id), ("Date", HTTPDate.now),
            ("Server", serverName),
        ])
    }

    /// A field's value as the router sees it: every line of it joined with ", " (RFC 9110 §5.3); nil when absent.
    static func field(_ headers: HTTPHeaders, _ name: String) -> String? {
        let values = headers[name]
        return values.isEmpty ? nil : values.joined(separator: ", ")
    }

    /// The query of a request target that is exactly `path` with an optional query, as the router would route
    /// it; nil for any other target (another path, a fragment, an absolute form).
    static func query(_ target: String, path: String) -> Substring? {
        let bytes = target.utf8
        guard bytes.starts(with: path.utf8), !bytes.contains(UInt8(ascii: "#")) else { return nil }
        let rest = bytes.dropFirst(path.utf8.count)
        if rest.isEmpty { return Substring(rest) }
        return rest.first == UInt8(ascii: "?") ? Substring(rest.dropFirst()) : nil
    }
}

/// `Date` field values (RFC 9110 §5.6.7, IMF-fixdate), formatted once a second.
enum HTTPDate {
    private static let cache = Mutex<(second: Int, text: String)>((-1, ""))

    /// The current time.
    static var now: String {
        let second = time(nil)
        return cache.withLock { cache in
            if cache.second != second { cache = (second, format(second)) }
            return cache.text
        }
    }

    /// `seconds` since the epoch, e.g. "Sun, 06 Nov 1994 08:49:37 GMT".
    static func format(_ seconds: Int) -> String {
        var time = seconds
        var parts = tm()
        gmtime_r(&time, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return
            "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }
}
