public import Logging

/// swift-log's text format on standard error (`StreamLogHandler`), with the handler's metadata kept as it is set
/// and formatted only when a record is written: `StreamLogHandler` formats its whole metadata again each time a
/// key is set, which the request path (a request ID for every request) paid even when nothing was logged.
public struct TextLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    private var stream: StreamLogHandler

    public init(label: String, level: Logger.Level) {
        self.init(StreamLogHandler.standardError(label: label), level: level)
    }

    /// Around a given stream handler (tests write to a buffer).
    init(_ stream: StreamLogHandler, level: Logger.Level) {
        self.stream = stream
        self.stream.logLevel = level
    }

    public var logLevel: Logger.Level {
        get { stream.logLevel }
        set { stream.logLevel = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var event = event
        if !metadata.isEmpty { event.metadata = metadata.merging(event.metadata ?? [:]) { $1 } }
        stream.log(event: event)
    }
}
