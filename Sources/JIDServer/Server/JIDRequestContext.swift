import Hummingbird
import Logging

/// The per-request context: Hummingbird's core context plus the request ID.
public struct JIDRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The request's ID: the client's `X-Request-ID` when it is reasonable, otherwise generated.
    public var requestID = ""

    public init(source: Source) {
        self.coreContext = .init(source: source)
    }

    /// Bodies are read explicitly by each route, with the route's own limit.
    public var maxUploadSize: Int { .max }
}
