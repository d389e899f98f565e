import Foundation
import Testing

@Suite struct MigrateCommandTests {
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("jid-migrate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func everyInputLineGivesOneRecordInOrder() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("in.txt")
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("Fußball@example.com\r\nfussball@example.com\n\n".utf8)
        bytes +=
            [0xFF, 0x0A] + Array(String(repeating: "x", count: 20_000).utf8) + [0x0A] + Array("henriⅣ@example.com".utf8)
        try Data(bytes).write(to: input)
        let output = directory.appendingPathComponent("out.jsonl").path
        let collisions = directory.appendingPathComponent("col.jsonl").path
        let summary = directory.appendingPathComponent("sum.json").path
        let outcome = try JIDExecutable.run([
            "migrate", input.path, "-o", output, "--collisions", collisions, "--summary", summary,
        ])
        #expect(outcome.status == 0, "\(outcome.error)")
        let records = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
        #expect(records.count == 6)
        let objects = try records.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(objects.map { $0["line"] as? Int } == [1, 2, 3, 4, 5, 6])
        #expect(
            objects.map { $0["status"] as? String } == [
                "canonical-changed", "unchanged", "invalid-both", "invalid-both", "invalid-both", "newly-invalid",
            ])
        #expect((objects[0]["input"] as? String) == "Fußball@example.com")  // BOM and CR removed
        let groups = try String(contentsOfFile: collisions, encoding: .utf8)
        #expect(
            groups
                == "{\"kind\":\"split\",\"key\":\"fussball@example.com\",\"lines\":[1,2],\"inputs\":[\"Fußball@example.com\",\"fussball@example.com\"]}\n"
        )
        #expect(try String(contentsOfFile: summary, encoding: .utf8).contains("\"splitGroups\":1"))
        #expect(outcome.error.contains("6 lines"))
    }

    @Test func csvInputUsesTheNamedColumnAndCSVOutputQuotes() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("users.csv")
        try Data("id,jid\r\n1,\"Juliet@Example.com\"\r\n2,\"a,b@example.com\"\r\n".utf8).write(to: input)
        let outcome = try JIDExecutable.run(["migrate", input.path, "--column", "jid", "--format", "csv"])
        #expect(outcome.status == 0, "\(outcome.error)")
        let rows = outcome.output.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.count == 3)
        #expect(rows[1] == "2,Juliet@Example.com,unchanged,true,juliet@example.com,true,juliet@example.com,")
        #expect(rows[2].hasPrefix("3,\"a,b@example.com\",unchanged,"))
        let missing = try JIDExecutable.run(["migrate", input.path, "--column", "address"])
        #expect(missing.status == 1)
        #expect(missing.error.contains("no column 'address'"))
    }

    @Test func sigintLeavesNoFileUnderTheFinalNamesAndPrintsASummary() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("big.txt")
        let line = Array("someone@example.com/resource\n".utf8)
        try Data(Array(repeatElement(line, count: 2_000_000).joined())).write(to: input)
        let output = directory.appendingPathComponent("out.jsonl")
        let process = Process()
        process.executableURL = JIDExecutable.url
        process.arguments = [
            "migrate", input.path, "-o", output.path, "--summary", directory.appendingPathComponent("s.json").path,
        ]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 0.4)
        kill(process.processIdentifier, SIGINT)
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(stderr.contains("Interrupted"))
        let left = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(left == ["big.txt"])
    }
}
