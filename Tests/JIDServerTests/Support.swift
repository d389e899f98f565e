import Foundation
import Hummingbird
import HummingbirdTesting
import JIDConfusables
import Logging
import NIOCore
import Prometheus
import Synchronization

@testable import JIDServer

#if canImport(Glibc)
    import Glibc
#endif

/// An application for tests, on a free port, with its own metrics registry.
func makeApplication(
    registry: ConfusableRegistry = ConfusableRegistry(), _ configure: (inout ServerConfiguration) -> Void = { _ in }
) -> some ApplicationProtocol {
    var configuration = ServerConfiguration()
    configuration.port = 0
    configure(&configuration)
    var logger = Logger(label: "jid-service-tests")
    logger.logLevel = .warning
    return JIDService.makeApplication(
        configuration: configuration, metrics: JIDMetrics(registry: PrometheusCollectorRegistry()), logger: logger,
        registry: registry)
}

func json(_ text: String) -> (HTTPFields, ByteBuffer) {
    var headers = HTTPFields()
    headers[.contentType] = "application/json"
    return (headers, ByteBuffer(string: text))
}

extension TestResponse {
    /// The body as a JSON object.
    var object: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:]
    }
    var text: String { String(buffer: body) }
}

/// Runs blocking work (socket reads) on a thread of its own, not on the cooperative pool the server's tasks
/// need: with two processors, two tests blocked in `recv` on pool threads would starve the server they wait for.
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

/// A raw TCP connection, for what an HTTP client library will not do: trickle bytes, pipeline, sit idle.
final class RawConnection: @unchecked Sendable {
    let descriptor: Int32

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        if result != 0 { throw POSIXError(.ECONNREFUSED) }
        var timeout = timeval(tv_sec: 15, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        // A send blocked on a full window returns every 100 ms, so that `reset()` can stop it (see there).
        var sendTimeout = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &sendTimeout, socklen_t(MemoryLayout<timeval>.size))
    }

    /// False once reset: sends stop.
    private let isOpen = Atomic<Bool>(true)
    private let isClosed = Atomic<Bool>(false)
    /// Sends in progress on other threads.
    private let sending = Atomic<Int>(0)

    deinit { if !isClosed.exchange(true, ordering: .relaxed) { close(descriptor) } }

    /// Closes with a TCP reset (SO_LINGER 0), as a client that goes away part way does. A thread blocked in
    /// send(2) on this socket would keep it alive after close(2) (Linux releases the socket, and sends the reset,
    /// only when that call returns, which it does not while the server reads nothing), so sends are stopped first.
    func reset() {
        guard isOpen.exchange(false, ordering: .relaxed) else { return }
        var option = linger(l_onoff: 1, l_linger: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
        while sending.load(ordering: .relaxed) > 0 { usleep(1000) }
        if !isClosed.exchange(true, ordering: .relaxed) { close(descriptor) }
    }

    func send(_ text: String) { send(Array(text.utf8)) }

    /// Sends every byte (blocking), or stops when the peer goes away.
    func send(_ bytes: [UInt8]) {
        sending.add(1, ordering: .relaxed)
        defer { sending.subtract(1, ordering: .relaxed) }
        var offset = 0
        while offset < bytes.count && isOpen.load(ordering: .relaxed) {
            let sent = bytes.withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) { continue }
            if sent <= 0 { return }
            offset += sent
        }
    }

    /// Reads until the peer closes or `done` says so, handing each piece to `consume`.
    func stream(consume: ([UInt8]) -> Bool) {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count <= 0 { return }
            if consume(Array(buffer[0..<count])) { return }
        }
    }

    /// Reads until `count` responses' status lines have been seen or the peer closes; returns all text read.
    func receive(until predicate: (String) -> Bool) -> String {
        var text = ""
        var buffer = [UInt8](repeating: 0, count: 65536)
        while !predicate(text) {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count <= 0 { break }
            text += String(decoding: buffer[0..<count], as: UTF8.self)
        }
        return text
    }

    /// Whether the peer has closed the connection, without waiting: a non-blocking read sees end of stream or a
    /// reset.
    func peerHasClosed() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(descriptor, &buffer, buffer.count, Int32(MSG_DONTWAIT))
        return count == 0 || (count < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
    }

    /// Whether the peer has closed the connection (reads end of stream within the receive timeout).
    func isClosedByPeer() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count == 0 { return true }
            if count < 0 { return false }
        }
    }
}
