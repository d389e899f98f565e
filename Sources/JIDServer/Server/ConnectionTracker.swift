import Dispatch
import NIOCore
import Synchronization

/// The open connections and whether each is idle (no request in progress), so that connections sitting idle make
/// way for new ones before the connection cap is reached: the way nginx reuses keep-alive connections.
///
/// The cap itself (``ServerConfiguration/maxConnections``) stops accepting; without this, a few hundred idle
/// connections would fill it and a liveness probe would wait in the backlog until their idle timeout.
///
/// A connection's idle time starts when it opens and again after each answer, wherever the answer was made (the
/// router, or the connection guard on the event loop). A connection that has not yet had a request is *fresh*:
/// its request may be on its way, read by its event loop a moment later. Connections are opened on several event
/// loops, each in the order it accepted them, but not in that order across loops: a loop running behind opens
/// connections accepted before a fresh one on another loop after it. So a fresh connection makes way only for a
/// newer one on its own event loop, or when no other connection is idle: a client that connects while a flood of
/// idle connections is being opened is not closed before its request is read.
final class ConnectionTracker: Sendable {
    private struct Entry {
        let channel: any Channel
        let loop: ObjectIdentifier
        /// When the connection last became idle; nil while a request is in progress.
        var idleSince: UInt64?
        /// No request yet.
        var fresh = true
    }

    /// Above this many open connections, each new one closes the connection that has been idle longest.
    let reuseThreshold: Int
    private let entries = Mutex<[ObjectIdentifier: Entry]>([:])

    init(maxConnections: Int) { reuseThreshold = max(1, maxConnections * 3 / 4) }

    var count: Int { entries.withLock { $0.count } }

    func opened(_ channel: any Channel) {
        let now = DispatchTime.now().uptimeNanoseconds
        let key = ObjectIdentifier(channel)
        let loop = ObjectIdentifier(channel.eventLoop)
        let victim: (any Channel)? = entries.withLock { table in
            table[key] = Entry(channel: channel, loop: loop, idleSince: now)
            guard table.count > reuseThreshold else { return nil }
            var oldest: (key: ObjectIdentifier, since: UInt64, preferred: Bool)?
            for (other, entry) in table where other != key {
                guard let since = entry.idleSince else { continue }
                let preferred = !entry.fresh || entry.loop == loop
                if let best = oldest, best.preferred != preferred ? best.preferred : best.since <= since { continue }
                oldest = (other, since, preferred)
            }
            guard let oldest else { return nil }
            return table.removeValue(forKey: oldest.key)?.channel
        }
        victim?.close(promise: nil)
    }

    func closed(_ channel: any Channel) { entries.withLock { $0[ObjectIdentifier(channel)] = nil } }

    /// A request's head was handed to the router.
    func busy(_ channel: any Channel) {
        entries.withLock {
            $0[ObjectIdentifier(channel)]?.idleSince = nil
            $0[ObjectIdentifier(channel)]?.fresh = false
        }
    }

    /// A request was answered: by the router with nothing else in flight, or on the event loop.
    func idle(_ channel: any Channel) {
        let now = DispatchTime.now().uptimeNanoseconds
        entries.withLock {
            $0[ObjectIdentifier(channel)]?.idleSince = now
            $0[ObjectIdentifier(channel)]?.fresh = false
        }
    }
}
