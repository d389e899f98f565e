import HTTPTypes
import NIOCore
import NIOHTTP1

/// Connection-level HTTP/1.x rules that the router never sees, enforced on the event loop between NIO's HTTP/1
/// decoder and Hummingbird:
///
/// - **Upgrade and CONNECT** (RFC 9110 §7.8, §9.3.6): the service speaks plain HTTP/1.1 only. NIO's decoder stops
///   parsing after such a request and would buffer whatever follows without bound, so reading stops at once, the
///   request is answered (a CONNECT with 405, an upgrade as if it had not asked) and the connection is closed.
/// - **Host** (RFC 9112 §3.2): an HTTP/1.1 request without one, or any request with more than one, is a 400.
/// - **Persistence** (RFC 9112 §9.3): HTTP/1.0 without `keep-alive`, or any `Connection: close`, closes the
///   connection after the response.
/// - **`Expect: 100-continue`** (RFC 9110 §10.1.1) is answered with `100 Continue` (ignored from HTTP/1.0); any
///   other expectation is a 417.
/// - **A response that ends before its request's body** closes the connection instead of draining a body nobody
///   wants (a 413 on a declared length, for instance).
/// - **Requests answered on the event loop** (health probes and `GET /v1/jid/parse`, with nothing else in flight;
///   see ``EventLoopAnswers``) are answered here and never reach the router.
/// - **Idle connections** (no request in flight and nothing read for the idle timeout) are closed. This is here, not
///   in Hummingbird's connection state handler, because requests answered here never reach that handler: a client
///   that sends only those would look idle to it, and be cut off while it sends.
final class HTTP1ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private enum Reading {
        /// Forwarding requests to the application.
        case forwarding
        /// A request was answered here; its end is dropped, then forwarding goes on.
        case answeredHere
        /// A request was refused here; everything after it is dropped until the connection closes.
        case discarding
    }

    private let tracker: ConnectionTracker?
    private let answers: EventLoopAnswers
    private let idleTimeout: TimeAmount?
    private var lastActivity = NIODeadline.now()
    private var idleCheck: Scheduled<Void>?
    private var reading = Reading.forwarding
    /// Requests whose head was forwarded and whose response has not ended.
    private var inFlight = 0
    /// Request heads and request ends forwarded, and responses ended, since the connection opened.
    private var requestsStarted = 0
    private var requestsEnded = 0
    private var responsesEnded = 0
    /// Whether the response to the request at this position (1-based) must close the connection.
    private var closeAfterResponse: Set<Int> = []
    /// A refusal waiting for the responses in flight before it.
    private var pendingRefusal: Refusal?
    /// Whether reading has been stopped for good (upgrade or CONNECT seen, or the connection is closing).
    private var readingStopped = false

    init(tracker: ConnectionTracker?, answers: EventLoopAnswers, idleTimeout: TimeAmount?) {
        self.tracker = tracker
        self.answers = answers
        self.idleTimeout = idleTimeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        tracker?.opened(context.channel)
        if context.channel.isActive { scheduleIdleCheck(context: context, at: .now()) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        idleCheck?.cancel()
        idleCheck = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        scheduleIdleCheck(context: context, at: .now())
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        idleCheck?.cancel()
        idleCheck = nil
        tracker?.closed(context.channel)
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        lastActivity = .now()
        switch reading {
        case .forwarding: break
        case .answeredHere:
            if case .end = part { reading = .forwarding }
            return
        case .discarding: return
        }
        switch part {
        case .head(var head):
            if let refusal = refusal(for: head) {
                reading = .discarding
                stopReading(context: context)
                // A refusal waits for the responses to earlier pipelined requests, so answers stay in order.
                if inFlight == 0 {
                    refuse(context: context, refusal)
                } else {
                    pendingRefusal = refusal
                }
                return
            }
            if inFlight == 0, let answer = answers.answer(head) {
                reading = .answeredHere
                let close = !head.isKeepAlive
                var headers = answer.headers
                if close { headers.add(name: "connection", value: "close") }
                respondThenMaybeClose(
                    context: context,
                    head: HTTPResponseHead(version: .http1_1, status: .ok, headers: headers),
                    body: answer.body, close: close)
                tracker?.idle(context.channel)
                return
            }
            requestsStarted += 1
            inFlight += 1
            tracker?.busy(context.channel)
            let upgrade = head.headers.contains(name: "upgrade") || head.method == .CONNECT
            if upgrade {
                // NIO's decoder has stopped parsing: nothing more on this connection can be read as HTTP.
                stopReading(context: context)
                head.headers.remove(name: "upgrade")
            }
            if upgrade || !head.isKeepAlive {
                closeAfterResponse.insert(requestsStarted)
                // Hummingbird ends its request loop on exactly this value.
                head.headers.replaceOrAdd(name: "connection", value: "close")
            }
            // An HTTP/1.0 client is sent no 1xx: its 100-continue is ignored (RFC 9110 §10.1.1, §15.2).
            if let expect = head.headers.first(name: "expect"), expect.lowercased() == "100-continue", inFlight == 1,
                head.version != .http1_0
            {
                context.writeAndFlush(
                    wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: .continue))), promise: nil)
            }
            head.headers.remove(name: "expect")
            context.fireChannelRead(wrapInboundOut(.head(head)))
        case .body:
            context.fireChannelRead(data)
        case .end:
            requestsEnded += 1
            context.fireChannelRead(data)
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var head) where head.status.code >= 200:
            let position = responsesEnded + 1
            if closeAfterResponse.contains(position) || requestsEnded < position {
                head.headers.replaceOrAdd(name: "connection", value: "close")
            }
            context.write(wrapOutboundOut(.head(head)), promise: promise)
        case .end:
            responsesEnded += 1
            inFlight -= 1
            lastActivity = .now()
            if inFlight == 0 { tracker?.idle(context.channel) }
            let position = responsesEnded
            let close = closeAfterResponse.remove(position) != nil || requestsEnded < position
            guard close else {
                context.write(data, promise: promise)
                if inFlight == 0, let refusal = pendingRefusal {
                    pendingRefusal = nil
                    refuse(context: context, refusal)
                }
                return
            }
            stopReading(context: context)
            let written = context.eventLoop.makePromise(of: Void.self)
            written.futureResult.cascade(to: promise)
            context.writeAndFlush(data, promise: written)
            written.futureResult.whenComplete { _ in context.close(promise: nil) }
        default:
            context.write(data, promise: promise)
        }
    }

    /// No more reads once the connection is on its way out: what a client sends then is never buffered.
    func read(context: ChannelHandlerContext) {
        if !readingStopped { context.read() }
    }

    private func stopReading(context: ChannelHandlerContext) {
        readingStopped = true
        context.channel.setOption(ChannelOptions.autoRead, value: false).whenFailure { _ in }
    }

    // MARK: Refusals

    private struct Refusal {
        let kind: Problem.Kind
        let detail: String
        let path: String
        var allow: String?
    }

    private func refusal(for head: HTTPRequestHead) -> Refusal? {
        var path: String { String(head.uri.prefix { $0 != "?" }) }
        let hosts = head.headers["host"].count
        if hosts > 1 {
            return Refusal(
                kind: .badRequest, detail: "The request has \(hosts) Host fields; it must have one.", path: path)
        }
        if hosts == 0 && (head.version.major, head.version.minor) >= (1, 1) {
            return Refusal(
                kind: .badRequest, detail: "An HTTP/1.1 request must have a Host field (RFC 9112 §3.2).", path: path)
        }
        if head.method == .CONNECT {
            return Refusal(
                kind: .methodNotAllowed, detail: "This service is not a proxy; CONNECT is not supported.",
                path: head.uri, allow: "GET, HEAD, POST, OPTIONS")
        }
        if let expect = head.headers.first(name: "expect"), expect.lowercased() != "100-continue" {
            return Refusal(
                kind: .expectationFailed, detail: "The only expectation this service meets is 100-continue.",
                path: path)
        }
        return nil
    }

    /// Answers a refused request with a problem document and closes the connection once it is written.
    private func refuse(context: ChannelHandlerContext, _ refusal: Refusal) {
        stopReading(context: context)
        let problem = Problem(refusal.kind, refusal.detail)
        var headers = EventLoopAnswers.headers(
            contentType: "application/problem+json", id: RequestIDMiddleware.generate())
        headers.add(name: "connection", value: "close")
        if let allow = refusal.allow { headers.add(name: "allow", value: allow) }
        let body = problem.document(instance: refusal.path)
        headers.add(name: "content-length", value: String(body.count))
        let status = HTTPResponseStatus(statusCode: problem.status.code)
        respondThenMaybeClose(
            context: context, head: HTTPResponseHead(version: .http1_1, status: status, headers: headers),
            body: body, close: true)
    }

    // MARK: Idle connections

    /// Checks at `now + idleTimeout` (once per connection at a time) whether the connection has been idle that long.
    private func scheduleIdleCheck(context: ChannelHandlerContext, at now: NIODeadline) {
        guard let idleTimeout, idleCheck == nil else { return }
        idleCheck = context.eventLoop.assumeIsolatedUnsafeUnchecked().scheduleTask(deadline: now + idleTimeout) {
            self.idleCheck = nil
            self.checkIdle(context: context, timeout: idleTimeout)
        }
    }

    /// Closes the connection when nothing has been read or answered for the timeout and no response is on its
    /// way; a request whose body stalls counts as idle (reading it is waiting for the client).
    private func checkIdle(context: ChannelHandlerContext, timeout: TimeAmount) {
        let now = NIODeadline.now()
        let responding = inFlight > 0 && requestsEnded >= requestsStarted
        if !responding && now >= lastActivity + timeout {
            context.close(promise: nil)
            return
        }
        scheduleIdleCheck(context: context, at: responding ? now : lastActivity)
    }

    /// Writes a whole response that the application never saw (so it is not counted as a response of its own). Its
    /// version is HTTP/1.1 whatever the request's, as the router's are (RFC 9110 §6.2: the highest version the
    /// server conforms to).
    private func respondThenMaybeClose(
        context: ChannelHandlerContext, head: HTTPResponseHead, body: [UInt8], close: Bool
    ) {
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if !body.isEmpty {
            context.write(
                wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: body)))), promise: nil)
        }
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: written)
        if close {
            stopReading(context: context)
            written.futureResult.whenComplete { _ in context.close(promise: nil) }
        }
    }
}
