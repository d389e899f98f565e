import Foundation
import Hummingbird
import JIDCore

/// `/v1/migration/check`: RFC 6122 → RFC 7622 for one address or a list, with collisions within the list.
struct MigrationRoutes {
    let configuration: ServerConfiguration
    let metrics: JIDMetrics

    func register(on router: Router<JIDRequestContext>) {
        router.post("/v1/migration/check") { request, context in
            let body = try await JSONBody.decode(
                MigrationCheckBody.self, request, context, limit: configuration.bodyLimit,
                timeout: configuration.bodyTimeout)
            let checker = MigrationChecker(mode: body.mode)
            var writer = JSONWriter()
            let list: [String]
            switch body.input {
            case .one(let jid):
                let record = checker.check(line: 1, jid)
                metrics.record(record.modern)
                record.write(to: &writer)
                return Response.json(writer.bytes)
            case .list(let jids): list = jids
            }
            let (records, collisions) = checker.check(list: list, fullJIDs: body.full)
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
