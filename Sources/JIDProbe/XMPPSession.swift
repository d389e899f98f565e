import Foundation
internal import NIOConcurrencyHelpers
internal import NIOCore
internal import NIOPosix
internal import NIOSSL
internal import NIOTLS

/// The TLS settings of one handshake.
struct HandshakeSettings: Sendable {
    var minimum: TLSVersion = .tlsv12
    var maximum: TLSVersion = .tlsv13
    /// BoringSSL cipher list for TLS 1.2 and below; nil for the library's defaults.
    var ciphers: String?

    static let modern = HandshakeSettings()
    static let legacyOnly = HandshakeSettings(minimum: .tlsv1, maximum: .tlsv11, ciphers: "ALL")
    static let tls12Only = HandshakeSettings(minimum: .tlsv12, maximum: .tlsv12, ciphers: "ALL")
}

/// What one connection to one endpoint found.
struct SessionResult: Sendable {
    enum Unreachable: Sendable, Equatable {
        case refused(String)
        case timedOut(String)
        case notXMPP(String)
    }

    var unreachable: Unreachable?
    /// Features before TLS (nil with direct TLS or when none came).
    var featuresBeforeTLS: XMLElement?
    /// A stream error the server sent (its condition) and when.
    var streamError: (condition: String, text: String?, stage: String)?
    /// `<failure/>` in answer to `<starttls/>`.
    var starttlsRefused = false
    var tlsNegotiated = false
    /// Why the handshake failed: the library's error and the server's alert, if any.
    var handshakeError: String?
    var serverAlert: UInt8?
    var serverHello: ServerHello?
    var alpn: String?
    var chain: [[UInt8]] = []
    var featuresAfterTLS: XMLElement?
}

/// One XMPP connection, driven step by step: stream header, features, `<starttls/>` (sent whatever the features
/// said, RFC 7590 §3.1), the TLS handshake, and the stream restart after it. It never authenticates. Every step
/// has `timeout`; the server's bytes go through ``XMPPStreamParser``.
struct XMPPSession {
    let address: SocketAddress
    /// The domain in ASCII (A-labels), for SNI.
    let domain: String
    /// The domain as the stream's `to` (RFC 6120 §4.7.2).
    let streamTo: String
    let service: XMPPProbeService
    let directTLS: Bool
    let settings: HandshakeSettings
    /// Whether to restart the stream after TLS and read its features.
    let readFeaturesAfterTLS: Bool
    let timeout: TimeAmount
    var group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton

    private var streamHeader: String {
        "<?xml version='1.0'?><stream:stream to='\(Self.escape(streamTo))' version='1.0' xml:lang='en' "
            + "xmlns='\(service.namespace)' xmlns:stream='http://etherx.jabber.org/streams'>"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "'", with: "&apos;")
            .replacingOccurrences(of: "<", with: "&lt;")
    }

    func run() async -> SessionResult {
        var result = SessionResult()
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: group)
                .connectTimeout(timeout)
                .connect(to: address) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch let error as ChannelError where error == .connectTimeout(timeout) {
            result.unreachable = .timedOut(
                "no TCP connection to \(Self.describe(address)) within \(Self.seconds(timeout))")
            return result
        } catch {
            result.unreachable = .refused("cannot connect to \(Self.describe(address)): \(Self.describeConnect(error))")
            return result
        }
        let deadline = Deadline(channel: channel.channel, timeout: timeout)
        do {
            try await channel.executeThenClose { inbound, outbound in
                var reader = StreamReader(iterator: inbound.makeAsyncIterator(), deadline: deadline)
                try await converse(channel.channel, &reader, outbound, &result)
                try? await outbound.write(ByteBuffer(string: "</stream:stream>"))
            }
        } catch let failure as SessionFailure {
            result.unreachable = result.unreachable ?? failure.unreachable
        } catch {
            if result.unreachable == nil && !result.tlsNegotiated && result.handshakeError == nil {
                result.unreachable =
                    deadline.fired
                    ? .timedOut("no answer within \(Self.seconds(timeout))") : .notXMPP("\(error)")
            }
        }
        deadline.cancel()
        return result
    }

    private func converse(
        _ channel: any Channel, _ reader: inout StreamReader, _ outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>,
        _ result: inout SessionResult
    ) async throws {
        if directTLS {
            guard try await handshake(channel, &result) else { return }
        } else {
            try await outbound.write(ByteBuffer(string: streamHeader))
            try await reader.openStream(stage: "opening the stream")
            guard let features = try await reader.element(stage: "waiting for stream features", &result) else {
                return
            }
            guard features.name == "features" && features.namespace == XMPPStreamParser.streamsNamespace else {
                throw SessionFailure(.notXMPP("the first element after the stream header is <\(features.name)>"))
            }
            result.featuresBeforeTLS = features
            // Always ask for TLS, advertised or not: a stripped <starttls/> must not downgrade the probe.
            try await outbound.write(ByteBuffer(string: "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"))
            guard let answer = try await reader.element(stage: "answering <starttls/>", &result) else { return }
            guard answer.namespace == "urn:ietf:params:xml:ns:xmpp-tls" else {
                throw SessionFailure(.notXMPP("the answer to <starttls/> is <\(answer.name)>"))
            }
            if answer.name == "failure" {
                result.starttlsRefused = true
                return
            }
            guard answer.name == "proceed" else {
                throw SessionFailure(.notXMPP("the answer to <starttls/> is <\(answer.name)>"))
            }
            guard try await handshake(channel, &result) else { return }
        }
        guard readFeaturesAfterTLS else { return }
        reader.restart()
        try await outbound.write(ByteBuffer(string: streamHeader))
        try await reader.openStream(stage: "opening the stream after TLS")
        if let features = try await reader.element(stage: "waiting for stream features after TLS", &result),
            features.name == "features"
        {
            result.featuresAfterTLS = features
        }
    }

    /// Adds TLS to the connection and waits for the handshake; false when it failed (recorded in `result`).
    private func handshake(_ channel: any Channel, _ result: inout SessionResult) async throws -> Bool {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = settings.minimum
        configuration.maximumTLSVersion = settings.maximum
        if let ciphers = settings.ciphers { configuration.cipherSuites = ciphers }
        // The chain is checked by JIDTLS after the handshake; the library only hands it over.
        configuration.certificateVerification = .noHostnameVerification
        if directTLS { configuration.applicationProtocols = [service.alpn] }
        let context = try NIOSSLContext(configuration: configuration)
        let serverName = Self.isIPLiteral(domain) ? nil : domain
        let capture = NIOLockedValueBox(Capture())
        let completed = channel.eventLoop.makePromise(of: String?.self)
        try await channel.eventLoop.submit {
            let tls = try NIOSSLClientHandler(
                context: context, serverHostname: serverName,
                customVerificationCallback: { certificates, promise in
                    capture.withLockedValue { $0.chain = certificates.compactMap { try? $0.toDERBytes() } }
                    promise.succeed(.certificateVerified)
                })
            try channel.pipeline.syncOperations.addHandlers(
                [HelloTap(capture: capture), tls, HandshakeWatcher(completed: completed)], position: .first)
        }.get()
        do {
            result.alpn = try await completed.futureResult.get()
            result.tlsNegotiated = true
        } catch {
            result.handshakeError = Self.describe(error)
        }
        let captured = capture.withLockedValue { $0 }
        result.serverHello = captured.hello.hello
        result.serverAlert = captured.hello.alert
        result.chain = captured.chain
        return result.tlsNegotiated
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? NIOSSLError {
            if case .handshakeFailed(let inner) = error { return "handshake failed: \(inner)" }
            return "\(error)"
        }
        return "\(error)"
    }

    static func describe(_ address: SocketAddress) -> String {
        let ip = address.ipAddress ?? "\(address)"
        return (ip.contains(":") ? "[\(ip)]" : ip) + ":\(address.port ?? 0)"
    }

    /// The system's reason a connection failed ("Connection refused"), without the library's wrapping.
    static func describeConnect(_ error: any Error) -> String {
        var errors: [any Error] = [error]
        if let multiple = error as? NIOConnectionError { errors = multiple.connectionErrors.map(\.error) }
        for error in errors {
            if let io = error as? IOError { return String(cString: strerror(io.errnoCode)).lowercased() }
        }
        return "\(error)"
    }

    static func isIPLiteral(_ host: String) -> Bool {
        (try? SocketAddress(ipAddress: host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")), port: 0))
            != nil
    }

    static func seconds(_ amount: TimeAmount) -> String {
        let milliseconds = amount.nanoseconds / 1_000_000
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000) s" : "\(milliseconds) ms"
    }
}

/// The ways a connection ends before the probe is done, carried out of the conversation.
struct SessionFailure: Error {
    let unreachable: SessionResult.Unreachable
    init(_ unreachable: SessionResult.Unreachable) { self.unreachable = unreachable }
}

/// Closes the channel when a step takes longer than the timeout; each step re-arms it.
final class Deadline: Sendable {
    private let channel: any Channel
    private let timeout: TimeAmount
    private let state = NIOLockedValueBox<(task: Scheduled<Void>?, fired: Bool)>((nil, false))

    init(channel: any Channel, timeout: TimeAmount) {
        self.channel = channel
        self.timeout = timeout
        arm()
    }

    var fired: Bool { state.withLockedValue { $0.fired } }

    func arm() {
        let channel = self.channel
        let task = channel.eventLoop.scheduleTask(in: timeout) { [state] in
            state.withLockedValue { $0.fired = true }
            channel.close(promise: nil)
        }
        state.withLockedValue {
            $0.task?.cancel()
            $0.task = task
        }
    }

    func cancel() { state.withLockedValue { $0.task?.cancel() } }
}

/// The server's stream, parsed as it arrives.
struct StreamReader {
    var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    let deadline: Deadline
    let parser = XMPPStreamParser(maximumBytes: 64 << 10)
    var pending: [XMPPStreamEvent] = []

    mutating func restart() {
        parser.restart()
        pending = []
    }

    private mutating func next(stage: String) async throws -> XMPPStreamEvent {
        deadline.arm()
        while pending.isEmpty {
            guard let buffer = try await iterator.next() else {
                throw SessionFailure(
                    deadline.fired
                        ? .timedOut("no answer within the timeout while \(stage)")
                        : .notXMPP("the server closed the connection while \(stage)"))
            }
            do {
                pending += try buffer.withUnsafeReadableBytes { try parser.feed($0) }
            } catch {
                throw SessionFailure(
                    .notXMPP("the server \((error as? XMPPStreamParser.Failure)?.description ?? "\(error)")"))
            }
        }
        return pending.removeFirst()
    }

    /// Reads the server's stream header; anything else first is not XMPP.
    mutating func openStream(stage: String) async throws {
        switch try await next(stage: stage) {
        case .opened: return
        case .closed: throw SessionFailure(.notXMPP("the server closed the stream while \(stage)"))
        case .element(let element):
            throw SessionFailure(.notXMPP("the server sent <\(element.name)> before its stream header"))
        }
    }

    /// The next first-level element; a stream error is recorded and ends the conversation (nil).
    mutating func element(stage: String, _ result: inout SessionResult) async throws -> XMLElement? {
        switch try await next(stage: stage) {
        case .element(let element):
            if element.name == "error" && element.namespace == XMPPStreamParser.streamsNamespace {
                let condition =
                    element.children.first {
                        $0.namespace == "urn:ietf:params:xml:ns:xmpp-streams" && $0.name != "text"
                    }
                result.streamError = (
                    condition?.name ?? "undefined-condition",
                    element.child("text")?.text, stage
                )
                return nil
            }
            return element
        case .opened: throw SessionFailure(.notXMPP("the server opened a second stream while \(stage)"))
        case .closed: throw SessionFailure(.notXMPP("the server closed the stream while \(stage)"))
        }
    }
}

/// What the TLS handlers saw, shared with the event loop.
struct Capture: Sendable {
    var hello = ServerHelloReader()
    var chain: [[UInt8]] = []
}

/// Reads the server's plaintext handshake records on their way to the TLS handler, and passes them on.
final class HelloTap: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    private let capture: NIOLockedValueBox<Capture>

    init(capture: NIOLockedValueBox<Capture>) { self.capture = capture }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        capture.withLockedValue { capture in
            if !capture.hello.done { capture.hello.feed(buffer.readableBytesView) }
        }
        context.fireChannelRead(data)
    }
}

/// Completes a promise when the TLS handshake ends, with the ALPN protocol or the error.
final class HandshakeWatcher: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    private let completed: EventLoopPromise<String?>

    init(completed: EventLoopPromise<String?>) { self.completed = completed }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .handshakeCompleted(let negotiated) = event as? TLSUserEvent { completed.succeed(negotiated) }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        completed.fail(error)
        context.fireErrorCaught(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        completed.fail(ChannelError.eof)
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) { completed.fail(ChannelError.ioOnClosedChannel) }
}
