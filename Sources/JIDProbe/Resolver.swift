internal import CPlatform
import Foundation
internal import NIOCore
internal import NIOPosix

/// A name server to ask instead of the system's (an IPv4 address and a port).
public struct DNSServer: Sendable, Equatable, CustomStringConvertible {
    public let address: String
    public let port: UInt16

    /// Parses `ADDRESS:PORT` or `ADDRESS` (port 53); nil unless the address is IPv4.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2, let address = parts.first.map(String.init),
            (try? SocketAddress(ipAddress: address, port: 0))?.protocol == .inet
        else { return nil }
        guard parts.count == 2 else {
            self.init(address: address, port: 53)
            return
        }
        guard let port = UInt16(parts[1]), port > 0 else { return nil }
        self.init(address: address, port: port)
    }

    public init(address: String, port: UInt16) {
        self.address = address
        self.port = port
    }

    public var description: String { "\(address):\(port)" }
}

/// One SRV record (RFC 2782).
struct SRVRecord: Sendable, Equatable {
    var priority: UInt16
    var weight: UInt16
    var port: UInt16
    var target: String
}

/// Why a look-up gave nothing.
enum DNSFailure: Error, Equatable, CustomStringConvertible {
    /// The name does not exist (NXDOMAIN).
    case noSuchName
    /// The name exists without records of the type.
    case noRecords
    /// The name server did not answer, or answered with an error.
    case noAnswer

    var description: String {
        switch self {
        case .noSuchName: "no such name"
        case .noRecords: "no records of that type"
        case .noAnswer: "no answer from the name server"
        }
    }
}

/// DNS through the system resolver (libresolv's `res_nquery` for SRV, A and AAAA against `server`, or the
/// system's configuration and `getaddrinfo` without one). Look-ups block, so they run on NIO's thread pool.
struct Resolver: Sendable {
    var server: DNSServer?
    var timeoutSeconds: Int32

    func srv(_ name: String) async throws(DNSFailure) -> [SRVRecord] {
        let server = self.server
        let timeout = timeoutSeconds
        let outcome: Result<[SRVRecord], DNSFailure>
        do {
            outcome = try await NIOThreadPool.singleton.runIfActive {
                var records = [cs_srv_record](repeating: cs_srv_record(), count: 16)
                var error: Int32 = 0
                let count = records.withUnsafeMutableBufferPointer { buffer in
                    cs_dns_srv(
                        name, server?.address, server?.port ?? 53, timeout, buffer.baseAddress, Int32(buffer.count),
                        &error)
                }
                guard count >= 0 else { return .failure(Self.failure(error)) }
                return .success(
                    records.prefix(Int(count)).map { record in
                        var record = record
                        let target = withUnsafeBytes(of: &record.target) { raw in
                            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                        }
                        return SRVRecord(
                            priority: record.priority, weight: record.weight, port: record.port,
                            target: target.isEmpty ? "." : target)
                    })
            }
        } catch {
            throw .noAnswer
        }
        return try outcome.get()
    }

    /// The addresses of `host` with `port`: the literal itself for an IP address, else A and AAAA records.
    func addresses(_ host: String, port: Int) async throws(DNSFailure) -> [SocketAddress] {
        let literal = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if let address = try? SocketAddress(ipAddress: literal, port: port) { return [address] }
        let server = self.server
        let timeout = timeoutSeconds
        let outcome: Result<[SocketAddress], DNSFailure>
        do {
            outcome = try await NIOThreadPool.singleton.runIfActive {
                guard let server else {
                    do {
                        return .success([try SocketAddress.makeAddressResolvingHost(host, port: port)])
                    } catch {
                        return .failure(.noSuchName)
                    }
                }
                var found: [SocketAddress] = []
                var lastError: Int32 = 0
                for family: Int32 in [4, 6] {
                    var bytes = [UInt8](repeating: 0, count: 16 * 8)
                    var error: Int32 = 0
                    let count = bytes.withUnsafeMutableBufferPointer { buffer in
                        cs_dns_addresses(
                            host, family, server.address, server.port, timeout, buffer.baseAddress, 8, &error)
                    }
                    if count < 0 { lastError = error }
                    for index in 0..<max(0, Int(count)) {
                        let raw = bytes[(index * 16)..<(index * 16 + (family == 4 ? 4 : 16))]
                        let text =
                            family == 4
                            ? raw.map(String.init).joined(separator: ".")
                            : stride(from: raw.startIndex, to: raw.endIndex, by: 2).map {
                                String(UInt16(raw[$0]) << 8 | UInt16(raw[$0 + 1]), radix: 16)
                            }.joined(separator: ":")
                        if let address = try? SocketAddress(ipAddress: text, port: port) { found.append(address) }
                    }
                }
                return found.isEmpty ? .failure(Self.failure(lastError)) : .success(found)
            }
        } catch {
            throw .noAnswer
        }
        return try outcome.get()
    }

    private static func failure(_ error: Int32) -> DNSFailure {
        switch error {
        case 1: .noSuchName  // HOST_NOT_FOUND
        case 4: .noRecords  // NO_DATA
        default: .noAnswer
        }
    }
}
