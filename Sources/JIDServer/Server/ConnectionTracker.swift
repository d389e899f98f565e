import Dispatch
import NIOCore
import Synchronization

/// The open connections and whether each is idle (no request in progress), so that connections sitting idle make
/// way for new ones before the connection cap is reached: the way nginx reuses keep-alive connections.
///
/// The cap itself (``ServerConfiguration/maxConnections``) stops accepting; without this, a few hundred idle
/// connections would fill it and a liveness probe would wait in the backlog until their idle timeout.
final class ConnectionTracker: Sendable {
    private struct Entry {
        let channel: any Channel
        /// When the connection last became idle; nil while a request is in progress.
        var idleSince: UInt64?
    }

    /// Above this many open connections, each new one closes the connection that has been idle longest.
    let reuseThreshold: Int
    private let entries = Mutex<[ObjectIdentifier: Entry]>([:])

    init(maxConnections: Int) { reuseThreshold = max(1, maxConnections * 3 / 4) }

    var count: Int { entries.withLock { $0.count } }

    func opened(_ channel: any Channel) {
        let now = DispatchTime.now().uptimeNanoseconds
        let victim: (any Channel)? = entries.withLock { table in
            table[ObjectIdentifier(channel)] = Entry(channel: channel, idleSince: now)
            guard table.count > reuseThreshold else { return nil }
            let oldest = table.filter { $0.key != ObjectIdentifier(channel) && $0.value.idleSince != nil }
                .min { $0.value.idleSince! < $1.value.idleSince! }
            guard let oldest else { return nil }
            table[oldest.key] = nil
            return oldest.value.channel
        }
        victim?.close(promise: nil)
    }

    func closed(_ channel: any Channel) { entries.withLock { $0[ObjectIdentifier(channel)] = nil } }

    func busy(_ channel: any Channel) { entries.withLock { $0[ObjectIdentifier(channel)]?.idleSince = nil } }

    func idle(_ channel: any Channel) {
        let now = DispatchTime.now().uptimeNanoseconds
        entries.withLock { $0[ObjectIdentifier(channel)]?.idleSince = now }
    }
}
