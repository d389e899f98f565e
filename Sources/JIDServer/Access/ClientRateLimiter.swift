import Dispatch
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// A token bucket per client address: `perMinute` requests a minute on average, bursts of up to `perMinute`.
///
/// The table holds at most ``maximumClients`` addresses; when it is full, buckets that have refilled completely
/// (clients idle for a minute or more) are dropped first, then the oldest half, so memory stays bounded however
/// many addresses call.
final class ClientRateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: UInt64
    }

    static let maximumClients = 65_536

    let perMinute: Int
    private let buckets = Mutex<[String: Bucket]>([:])

    init(perMinute: Int) { self.perMinute = perMinute }

    /// Takes a token for `client`; nil when allowed, otherwise the seconds until the next token.
    func acquire(client: String, now: UInt64 = DispatchTime.now().uptimeNanoseconds) -> Int? {
        guard perMinute > 0 else { return nil }
        let capacity = Double(perMinute)
        let perNanosecond = capacity / 60e9
        return buckets.withLock { table -> Int? in
            if table[client] == nil && table.count >= Self.maximumClients {
                Self.evict(&table, now: now, rate: perNanosecond, capacity: capacity)
            }
            var bucket = table[client] ?? Bucket(tokens: capacity, updated: now)
            bucket.tokens = min(capacity, bucket.tokens + Double(now &- bucket.updated) * perNanosecond)
            bucket.updated = now
            defer { table[client] = bucket }
            guard bucket.tokens >= 1 else {
                return max(1, Int(((1 - bucket.tokens) / perNanosecond / 1e9).rounded(.up)))
            }
            bucket.tokens -= 1
            return nil
        }
    }

    /// Takes a token for the request's client, or throws the 429 problem with Retry-After: "At most N `what` a
    /// minute are answered per client".
    func enforce(_ context: JIDRequestContext, _ what: String) throws {
        let client = context.channel.remoteAddress?.ipAddress ?? "unknown"
        guard let wait = acquire(client: client) else { return }
        var headers = HTTPFields()
        headers[.retryAfter] = String(wait)
        throw Problem(
            .tooManyRequests, "At most \(perMinute) \(what) a minute are answered per client; try again in \(wait) s.",
            headers: headers)
    }

    private static func evict(_ table: inout [String: Bucket], now: UInt64, rate: Double, capacity: Double) {
        table = table.filter { capacity > $0.value.tokens + Double(now &- $0.value.updated) * rate }
        guard table.count >= maximumClients else { return }
        let oldest = table.sorted { $0.value.updated < $1.value.updated }.prefix(table.count / 2).map(\.key)
        for key in oldest { table[key] = nil }
    }
}
