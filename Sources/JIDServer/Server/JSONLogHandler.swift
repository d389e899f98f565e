import Foundation
import JIDCore
import Logging

/// Writes each log record as one JSON object on standard error: time, level, label, message and metadata.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    private let label: String
    private static let timestamp = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)

    public init(label: String, level: Logger.Level) {
        self.label = label
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var writer = JSONWriter()
        writer.beginObject()
        // RFC 3339 in UTC, with the zone ("Z") so that a reader need not guess it.
        writer.string("time", Date().formatted(Self.timestamp))
        writer.string("level", event.level.rawValue)
        writer.string("label", label)
        writer.string("message", event.message.description)
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) {
            // Numbers stay numbers, so that log queries can compare them.
            if case .stringConvertible(let convertible) = value,
                convertible is any BinaryInteger || convertible is Double
            {
                writer.rawKey(key, json: convertible.description)
            } else {
                writer.rawKey(key, value.description)
            }
        }
        writer.endObject()
        writer.endRecord()
        FileHandle.standardError.write(Data(writer.bytes))
    }
}
