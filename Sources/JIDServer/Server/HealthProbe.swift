#if canImport(Glibc)
    import Glibc
    import SwiftOverlayShims
#elseif canImport(Darwin)
    import Darwin
#endif

/// A minimal HTTP/1.0 GET, for health checks in images that carry no HTTP client.
public enum HealthProbe {
    /// The body of a healthy `/healthz` answer.
    static let body = Array(#"{"status":"ok"}"#.utf8)

    /// Why a probe failed.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// GETs an `http://host[:port]/path` URL and returns its status code.
    ///
    /// - Throws: ``Failure`` if the URL is not of that form or no HTTP response arrives within `timeout` seconds.
    public static func status(of url: String, timeout: Int = 3) throws(Failure) -> Int {
        guard url.hasPrefix("http://") else { throw Failure(description: "only http:// URLs are supported") }
        let rest = url.dropFirst(7)
        let authority = rest.prefix { $0 != "/" }
        let path = rest.dropFirst(authority.count)
        let host = authority.split(separator: ":").first.map(String.init) ?? "127.0.0.1"
        let port = authority.split(separator: ":").dropFirst().first.flatMap { Int($0) } ?? 80

        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &result) == 0, let info = result else {
            throw Failure(description: "cannot resolve \(host)")
        }
        defer { freeaddrinfo(info) }
        let descriptor = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
        guard descriptor >= 0 else { throw Failure(description: "cannot create a socket") }
        defer { close(descriptor) }
        var limit = Glibc.timeval()
        limit.tv_sec = timeout
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        guard connect(descriptor, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else {
            throw Failure(description: "cannot connect to \(host):\(port)")
        }
        let request = "GET \(path.isEmpty ? "/" : String(path)) HTTP/1.0\r\nHost: \(authority)\r\n\r\n"
        _ = request.withCString { send(descriptor, $0, strlen($0), 0) }
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = recv(descriptor, &buffer, buffer.count, 0)
        let head = count > 0 ? String(decoding: buffer[0..<count], as: UTF8.self) : ""
        // "HTTP/1.1 200 OK"
        let fields = head.split(separator: " ")
        guard fields.count >= 2, fields[0].hasPrefix("HTTP/"), let status = Int(fields[1]) else {
            throw Failure(description: "no HTTP response from \(url)")
        }
        return status
    }
}
