public import Foundation
public import JIDCore
public import Logging

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
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let line = Self.record(
            label: label, level: event.level, message: event.message.description, metadata: merged, date: Date())
        FileHandle.standardError.write(Data(line))
    }

    /// One log record as a JSON line: RFC 3339 time in UTC, level, label, message, metadata (numbers as numbers).
    static func record(
        label: String, level: Logger.Level, message: String, metadata: Logger.Metadata, date: Date
    ) -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.string("time", date.formatted(Self.timestamp))
        writer.string("level", level.rawValue)
        writer.string("label", label)
        writer.string("message", message)
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
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
        return writer.bytes
    }
}
