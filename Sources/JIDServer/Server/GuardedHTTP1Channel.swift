import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1

/// Hummingbird's HTTP/1.1 child channel with ``HTTP1ConnectionGuard`` between NIO's HTTP/1 codec and the
/// conversion to HTTP types, where the request's version and raw header fields are still visible. The guard keeps
/// the idle timeout (see there), so Hummingbird's connection state handler is given none.
struct GuardedHTTP1Channel: ServerChildChannel, HTTPChannelHandler {
    typealias Value = NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>

    let responder: HTTPChannelHandler.Responder
    let configuration: HTTP1Channel.Configuration
    let tracker: ConnectionTracker?
    let answers: EventLoopAnswers

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            var limits = NIOHTTPDecoderLimitConfiguration()
            limits.maxHeaderFieldSize = configuration.httpDecoder.maxHeaderFieldSize
            limits.maxHeaderListSize = configuration.httpDecoder.maxHeaderListSize
            limits.maxHeaderFieldCount = configuration.httpDecoder.maxHeaderFieldCount
            let operations = channel.pipeline.syncOperations
            try operations.configureHTTPServerPipeline(
                withPipeliningAssistance: false, withErrorHandling: false, withOutboundHeaderValidation: false,
                withEncoderConfiguration: .init(), withDecoderLimitConfiguration: limits)
            try operations.addHandler(
                HTTP1ConnectionGuard(
                    tracker: tracker, answers: answers, idleTimeout: configuration.idleTimeout))
            try operations.addHandler(HTTP1ToHTTPServerCodec(secure: false))
            try operations.addHandler(
                HTTPConnectionStateHandler(logger: logger))
            return try Value(
                wrappingChannelSynchronously: channel, configuration: .init(isOutboundHalfClosureEnabled: true))
        }
    }

    func handle(value asyncChannel: NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>, logger: Logger) async {
        await handleHTTP(asyncChannel: asyncChannel, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// HTTP/1.1 with the service's connection guard (see ``HTTP1ConnectionGuard``), which answers `answers`.
    static func guardedHTTP1(
        configuration: HTTP1Channel.Configuration, maxConnections: Int, answers: EventLoopAnswers
    ) -> HTTPServerBuilder {
        let tracker = ConnectionTracker(maxConnections: maxConnections)
        return .init { responder in
            GuardedHTTP1Channel(
                responder: responder, configuration: configuration, tracker: tracker, answers: answers)
        }
    }
}
