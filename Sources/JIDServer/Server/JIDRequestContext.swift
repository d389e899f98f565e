public import Hummingbird
public import Logging
public import NIOCore

/// The per-request context: Hummingbird's core context plus the request ID.
public struct JIDRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The request's ID: the client's `X-Request-ID` when it is reasonable, otherwise generated.
    public var requestID = ""
    /// The connection, so that a stalled upload can be cut off (a blocked body read cannot be cancelled).
    public let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }

    /// Bodies are read explicitly by each route, with the route's own limit.
    public var maxUploadSize: Int { .max }
}
