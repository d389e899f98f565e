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
            let curl = Process()
            curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
            curl.arguments = ["-sf", "http://127.0.0.1:\(port)/openapi.yaml"]
            let output = Pipe()
            curl.standardOutput = output
            try curl.run()
            served = output.fileHandleForReading.readDataToEndOfFile()
            curl.waitUntilExit()
            if curl.terminationStatus == 0 { break }
            usleep(100_000)
        }
        #expect(server.isRunning, "the copied binary exited with status \(server.terminationStatus)")
        let document = try Data(contentsOf: Self.root.appendingPathComponent("openapi.yaml"))
        #expect(!document.isEmpty)
        #expect(served == document)
        // The web page too: every file byte for byte as in the repository.
        let ui = Self.root.appendingPathComponent("Sources/JIDServer/Resources/ui")
        for (path, file) in [
            ("/", "index.html"), ("/ui/playground.js", "playground.js"), ("/ui/playground.css", "playground.css"),
            ("/ui/jid-username.js", "jid-username.js"), ("/ui/widget-demo.html", "widget-demo.html"),
            ("/ui/icon.svg", "icon.svg"),
        ] {
            let curl = Process()
            curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
            curl.arguments = ["-sf", "http://127.0.0.1:\(port)\(path)"]
            let output = Pipe()
            curl.standardOutput = output
            try curl.run()
            let page = output.fileHandleForReading.readDataToEndOfFile()
            curl.waitUntilExit()
            #expect(curl.terminationStatus == 0, "\(path)")
            #expect(page == (try Data(contentsOf: ui.appendingPathComponent(file))), "\(path)")
        }
    }
}
