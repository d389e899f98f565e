import NIOCore
import NIOEmbedded
import Testing

@testable import JIDServer

/// Which idle connection makes way for a new one, with connections on two event loops: each loop opens the
/// connections it was given in the order they were accepted, but one loop may run behind the other.
@Suite struct ConnectionTrackerTests {
    /// An open connection on `loop`, opened in `tracker`.
    static func connection(on loop: EmbeddedEventLoop, in tracker: ConnectionTracker) throws -> EmbeddedChannel {
        let channel = EmbeddedChannel(loop: loop)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        tracker.opened(channel)
        return channel
    }

    /// `count` connections opened one after the other on `loop`.
    static func connections(_ count: Int, on loop: EmbeddedEventLoop, in tracker: ConnectionTracker) throws
        -> [EmbeddedChannel]
    {
        try (0..<count).map { _ in try connection(on: loop, in: tracker) }
    }

    /// What the server saw when a probe connected right after twenty idle connections, and the event loop given
    /// half of them opened its ten only after the other loop had opened the probe: the probe was the oldest idle
    /// connection left by then, and was closed before its request was read.
    @Test func aFreshConnectionIsNotClosedForOneOpenedLaterOnALoopRunningBehind() throws {
        let (a, b) = (EmbeddedEventLoop(), EmbeddedEventLoop())
        let tracker = ConnectionTracker(maxConnections: 8)
        let onA = try Self.connections(10, on: a, in: tracker)
        let probe = try Self.connection(on: a, in: tracker)
        let onB = try Self.connections(10, on: b, in: tracker)
        #expect(probe.isActive)
        #expect(tracker.count == 6)
        // A's own made way oldest first while A opened them; B's first took A's oldest (B had no other), each
        // after that B's own oldest.
        #expect(onA.map(\.isActive) == [false, false, false, false, false, false, true, true, true, true])
        #expect(onB.map(\.isActive) == [false, false, false, false, false, false, false, false, false, true])
    }

    /// Connections that have had an answer are compared by how long they have been idle, whatever their loop: a
    /// keep-alive connection idle on one loop makes way before fresh ones on the other.
    @Test func anAnsweredConnectionIdleLongestMakesWayWhateverItsLoop() throws {
        let (a, b) = (EmbeddedEventLoop(), EmbeddedEventLoop())
        let tracker = ConnectionTracker(maxConnections: 8)
        let keptAlive = try Self.connection(on: a, in: tracker)
        tracker.busy(keptAlive)
        tracker.idle(keptAlive)
        let fresh = try Self.connection(on: a, in: tracker)
        let onB = try Self.connections(5, on: b, in: tracker)
        #expect(!keptAlive.isActive)
        #expect(fresh.isActive && onB.allSatisfy(\.isActive))
        // The fresh one on A makes way for a newer one on A; a busy connection never makes way.
        let busy = try Self.connection(on: a, in: tracker)
        #expect(!fresh.isActive)
        tracker.busy(busy)
        _ = try Self.connection(on: a, in: tracker)
        #expect(busy.isActive)
        #expect(onB.map(\.isActive) == [false, true, true, true, true])
    }
}
