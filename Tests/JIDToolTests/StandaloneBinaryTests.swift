import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The `jid` binary carries everything it serves: copied alone into an empty directory, it still serves the OpenAPI
/// document and the web page, byte for byte the files in the repository.
@Suite struct StandaloneBinaryTests {
    /// The repository root, from this file's place in it.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A port nothing listens on right now.
    static func freePort() -> Int {
        let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socketDescriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(socketDescriptor, pointer, length)
                return getsockname(socketDescriptor, pointer, &length)
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    @Test func aCopiedBinaryAloneServesTheOpenAPIDocumentAndTheWebPage() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/curl") else { return }
        let directory = try MigrateCommandTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let copy = directory.appendingPathComponent("jid")
        try FileManager.default.copyItem(at: JIDExecutable.url, to: copy)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["jid"])

        let port = Self.freePort()
        let server = Process()
        server.executableURL = copy
        server.currentDirectoryURL = directory
        server.arguments = ["serve", "--port", "\(port)", "--log-level", "error"]
        try server.run()
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        var served = Data()
        for _ in 0..<100 where server.isRunning {
            let fetched = try Self.fetch(port: port, path: "/openapi.yaml")
            served = fetched.body
            if fetched.succeeded { break }
            usleep(100_000)
        }
        #expect(server.isRunning, "the copied binary exited with status \(server.terminationStatus)")
        let document = try Data(contentsOf: Self.root.appendingPathComponent("openapi.yaml"))
        #expect(!document.isEmpty)
        #expect(served == document)
        // The web page too: every file of its directory, byte for byte (index.html at /, the others under /ui/).
        let ui = Self.root.appendingPathComponent("Sources/JIDServer/Resources/ui")
        let files = try FileManager.default.contentsOfDirectory(atPath: ui.path).sorted()
        #expect(files.count == 6)
        for file in files {
            let path = file == "index.html" ? "/" : "/ui/\(file)"
            let fetched = try Self.fetch(port: port, path: path)
            #expect(fetched.succeeded, "\(path)")
            #expect(fetched.body == (try Data(contentsOf: ui.appendingPathComponent(file))), "\(path)")
        }
    }

    /// A GET with curl: whether it succeeded (2xx) and the body.
    static func fetch(port: Int, path: String) throws -> (succeeded: Bool, body: Data) {
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        curl.arguments = ["-sf", "http://127.0.0.1:\(port)\(path)"]
        let output = Pipe()
        curl.standardOutput = output
        try curl.run()
        let body = output.fileHandleForReading.readDataToEndOfFile()
        curl.waitUntilExit()
        return (curl.terminationStatus == 0, body)
    }
}
