import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import JIDServer

/// Behaviour that only shows on a real socket: limits, keep-alive, pipelining, slow clients, big streams.
@Suite(.serialized) struct LiveTests {
    @Test func bodyOverTheLimitIs413OnTheWire() async throws {
        try await makeApplication { $0.bodyLimit = 4096 }.test(.live) { client in
            let (headers, _) = json("")
            let body = ByteBuffer(string: #"{"jid":""# + String(repeating: "a", count: 10_000) + #""}"#)
            try await client.execute(uri: "/v1/jid/parse", method: .post, headers: headers, body: body) { response in
                #expect(response.status == .contentTooLarge)
                #expect(response.headers[.contentType] == "application/problem+json")
            }
            // The server keeps serving.
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
        }
    }

    @Test func keepAliveAndPipelinedRequestsAreAnsweredInOrder() async throws {
        try await makeApplication().test(.live) { client in
            let connection = try RawConnection(port: client.port!)
            let request =
                "GET /v1/jid/parse?jid=a%40b.c HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET /v1/jid/parse?jid=c%40d.e HTTP/1.1\r\nHost: x\r\n\r\n"
            connection.send(request)
            let text = connection.receive {
                $0.components(separatedBy: "HTTP/1.1 200 OK").count == 3 && $0.contains("c@d.e\",\"valid")
            }
            let first = text.range(of: "\"a@b.c\"")
            let second = text.range(of: "\"c@d.e\"")
            #expect(first != nil && second != nil && first!.lowerBound < second!.lowerBound)
            // The same connection takes a third request.
            connection.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(connection.receive { $0.contains("\"ok\"") }.contains("HTTP/1.1 200 OK"))
        }
    }

    @Test func http10RequestIsAnswered() async throws {
        try await makeApplication().test(.live) { client in
            let connection = try RawConnection(port: client.port!)
            connection.send("GET /healthz HTTP/1.0\r\n\r\n")
            let text = connection.receive { $0.contains("\"ok\"") }
            #expect(text.hasPrefix("HTTP/1.0 200") || text.hasPrefix("HTTP/1.1 200"))
        }
    }

    @Test func aTrickledBodyTimesOutWith408AndOthersAreStillServed() async throws {
        try await makeApplication { $0.bodyTimeout = 1 }.test(.live) { client in
            let slow = try RawConnection(port: client.port!)
            slow.send(
                "POST /v1/jid/parse HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"ji"
            )
            // While the slow client holds its connection, another is served.
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
            let started = Date()
            let text = slow.receive { $0.contains("request-timeout") }
            #expect(text.hasPrefix("HTTP/1.1 408"))
            #expect(Date().timeIntervalSince(started) < 5)
        }
    }

    @Test func anIdleConnectionIsClosed() async throws {
        try await makeApplication { $0.idleTimeout = 1 }.test(.live) { client in
            let idle = try RawConnection(port: client.port!)
            let started = Date()
            #expect(idle.isClosedByPeer())
            #expect(Date().timeIntervalSince(started) < 5)
        }
    }

    @Test func oversizedHeadersAreRefused() async throws {
        try await makeApplication().test(.live) { client in
            let connection = try RawConnection(port: client.port!)
            connection.send(
                "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "a", count: 40_000) + "\r\n\r\n")
            let text = connection.receive { _ in false }
            // The connection is refused or closed; it is never a 2xx or a 5xx.
            #expect(!text.contains("HTTP/1.1 2") && !text.contains("HTTP/1.1 5"))
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }
        }
    }

    /// Full duplex, as streaming clients (curl, browsers' fetch with streams) do: the body is sent on one thread
    /// while results are read on another, so neither side buffers the whole batch.
    @Test func aBatchOfOneMillionAddressesStreamsThrough() async throws {
        try await makeApplication().test(.live) { client in
            let connection = try RawConnection(port: client.port!)
            var body: [UInt8] = []
            body.reserveCapacity(24_000_000)
            for index in 0..<1_000_000 { body += Array("\"user\(index)@example.com\"\n".utf8) }
            connection.send(
                "POST /v1/batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-ndjson\r\n"
                    + "Content-Length: \(body.count)\r\n\r\n")
            let payload = body
            let sender = Thread { connection.send(payload) }
            sender.start()
            let (lines, sawLast) = try await offPool { () -> (Int, Bool) in
                let marker = Array("{\"line\":".utf8)
                let last = Array("{\"line\":1000000,".utf8)
                var lines = 0
                var sawLast = false
                var carry: [UInt8] = []
                connection.stream { piece in
                    let bytes = carry + piece
                    var index = 0
                    while index + marker.count <= bytes.count {
                        if bytes[index] == marker[0], Array(bytes[index..<(index + marker.count)]) == marker {
                            lines += 1
                            if index + last.count <= bytes.count, Array(bytes[index..<(index + last.count)]) == last {
                                sawLast = true
                            }
                            index += marker.count
                        } else {
                            index += 1
                        }
                    }
                    carry = Array(bytes.suffix(last.count - 1))
                    // Whatever of a marker straddles the cut is in `carry`; make sure it is not counted twice.
                    if carry.count >= marker.count, let position = carry.lastIndex(of: marker[0]),
                        carry.count - position >= marker.count
                    {
                        carry = Array(carry[(position + 1)...])
                    }
                    return sawLast && String(decoding: bytes.suffix(7), as: UTF8.self) == "\r\n0\r\n\r\n"
                }
                return (lines, sawLast)
            }
            #expect(lines == 1_000_000)
            #expect(sawLast)
        }
    }
}
