import Foundation
import Hummingbird
import JIDCore

/// `/v1/migration/check`: RFC 6122 → RFC 7622 for one address or a list, with collisions within the list.
struct MigrationRoutes {
    let configuration: ServerConfiguration
    let metrics: JIDMetrics
    /// Most addresses in one request; larger sets belong to `jid migrate`.
    static let maximumList = 1000

    func register(on router: Router<JIDRequestContext>) {
        router.post("/v1/migration/check") { request, context in
            let object = try await JSONBody.object(
                request, channel: context.channel, limit: configuration.bodyLimit, timeout: configuration.bodyTimeout)
            let mode: StringprepMode
            switch try JSONBody.optionalString(object, "mode") {
            case nil, "stored": mode = .stored
            case "query": mode = .query
            case let other?:
                throw Problem(.invalidParameter, "'mode' is 'stored' or 'query', not '\(other)'.")
            }
            let full = try JSONBody.optionalBool(object, "full") ?? false
            let checker = MigrationChecker(mode: mode)
            var writer = JSONWriter()
            if object["jid"] != nil, object["jids"] == nil {
                let record = checker.check(line: 1, try JSONBody.string(object, "jid"))
                metrics.record(record.modern)
                record.write(to: &writer)
                return Response.json(writer.bytes)
            }
            guard object["jid"] == nil, let list = object["jids"] else {
                throw Problem(
                    .missingField, "Give 'jid' (one address) or 'jids' (a list of up to \(Self.maximumList)).")
            }
            guard let inputs = list as? [Any], inputs.allSatisfy({ $0 is String && !($0 is NSNumber) }) else {
                throw Problem(.wrongType, "'jids' must be an array of strings.")
            }
            guard inputs.count <= Self.maximumList else {
                throw Problem(
                    .invalidParameter, "'jids' has \(inputs.count) entries; at most \(Self.maximumList) per request.")
            }
            let (records, collisions) = checker.check(list: inputs.compactMap { $0 as? String }, fullJIDs: full)
            writer.beginObject()
            writer.beginArray("records")
            for record in records {
                metrics.record(record.modern)
                record.write(to: &writer)
            }
            writer.endArray()
            writer.beginArray("collisions")
            for group in collisions {
                writer.raw(nil, group.json)
            }
            writer.endArray()
            writer.endObject()
            return Response.json(writer.bytes)
        }
    }
}
