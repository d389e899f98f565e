import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The store as operators run it: `jid serve` processes on one PostgreSQL, `jid registry import` killed part way,
/// the database stopped under load. PostgreSQL comes from `Lab/postgres.sh run` (`JID_TEST_DATABASE_URL`);
/// `JID_REQUIRE_POSTGRES=1` makes its absence a failure.
@Suite(.serialized) struct StoreCommandTests {
    static var postgresURL: String? {
        let url = ProcessInfo.processInfo.environment["JID_TEST_DATABASE_URL"]
        if url == nil {
            precondition(
                ProcessInfo.processInfo.environment["JID_REQUIRE_POSTGRES"] != "1",
                "JID_REQUIRE_POSTGRES=1 but JID_TEST_DATABASE_URL is not set: run under Lab/postgres.sh run")
        }
        return url
    }

    /// A new, empty database on the test server, and its URL (through psql, which the postgresql package has).
    static func newDatabase() throws -> String? {
        guard let url = postgresURL else { return nil }
        let name = "jid_cli_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12)
        let psql = try run("/usr/bin/psql", [url, "-qc", "CREATE DATABASE \(name)"])
        #expect(psql.status == 0, "\(psql.error)")
        return url.replacingOccurrences(of: "/postgres", with: "/\(name)")
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> JIDExecutable.Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return .init(
            status: process.terminationStatus, output: String(decoding: out, as: UTF8.self),
            error: String(decoding: err, as: UTF8.self))
    }

    /// Runs a lab script through the C library's `system`: a server it leaves running in the background inherits
    /// the descriptors of its parent, and Foundation's `Process` learns of an exit through one of them.
    static func script(_ path: String, _ arguments: [String]) throws -> Int32 {
        let command = ([path] + arguments).map { "'\($0)'" }.joined(separator: " ") + " >/dev/null 2>&1"
        let status = system(command)
        return status == -1 ? -1 : (status >> 8) & 0xFF
    }

    /// A running `jid serve`, stopped when released.
    final class Server {
        let process = Process()
        let port = StandaloneBinaryTests.freePort()

        init(_ arguments: [String]) throws {
            process.executableURL = JIDExecutable.url
            process.arguments = ["serve", "--port", "\(port)", "--log-level", "error"] + arguments
            process.standardError = FileHandle.nullDevice
            try process.run()
            for _ in 0..<200 {
                if (try? request("GET", "/healthz").status) == 200 { return }
                usleep(50_000)
            }
            Issue.record("jid serve did not start")
        }

        deinit {
            process.terminate()
            process.waitUntilExit()
        }

        /// One HTTP request through curl: the status and the body.
        func request(_ method: String, _ path: String, body: String? = nil, headers: [String] = []) throws -> (
            status: Int, body: String
        ) {
            var arguments = ["-s", "-o", "-", "-w", "\n%{http_code}", "-X", method, "http://127.0.0.1:\(port)\(path)"]
            for header in headers { arguments += ["-H", header] }
            if let body { arguments += ["--data-binary", body] }
            let outcome = try StoreCommandTests.run("/usr/bin/curl", arguments)
            let lines = outcome.output.split(separator: "\n", omittingEmptySubsequences: false)
            return (Int(lines.last ?? "") ?? 0, lines.dropLast().joined(separator: "\n"))
        }
    }

    static func tokenFile() throws -> (path: String, header: String) {
        let token = "replica-admin-token-\(UUID().uuidString)"
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("jid-token-\(UUID().uuidString)").path
        try token.write(toFile: path, atomically: true, encoding: .utf8)
        return (path, "Authorization: Bearer \(token)")
    }

    /// Two replicas on one PostgreSQL: names imported through one are a conflict on the other within a second.
    @Test func aNameImportedThroughOneReplicaIsSeenByTheOther() throws {
        guard let database = try Self.newDatabase() else { return }
        let (token, auth) = try Self.tokenFile()
        let first = try Server(["--database", database, "--admin-token-file", token])
        let second = try Server(["--database", database, "--admin-token-file", token])
        let names = (0..<500).map { "member\($0)" } + ["apple"]
        let imported = try first.request(
            "POST", "/v1/registry/import", body: names.joined(separator: "\n"),
            headers: [auth, "Content-Type: text/plain"])
        #expect(imported.status == 200, "\(imported.body)")
        let committed = ContinuousClock.now
        var seen: Duration?
        while ContinuousClock.now - committed < .seconds(5) {
            let answer = try second.request("GET", "/v1/signup/check?username=%D0%B0pple&domain=chat.example")
            if answer.body.contains(#""lookalike":true"#) {
                seen = ContinuousClock.now - committed
                break
            }
            usleep(20_000)
        }
        let delay = try #require(seen, "the second replica never saw the import")
        #expect(delay < .seconds(1), "seen after \(delay)")
        let count = try second.request("GET", "/v1/registry/count", headers: [auth])
        #expect(count.body == #"{"count":501}"#)
    }

    /// `jid registry import` killed with SIGKILL part way through: after it, the store holds every name of the
    /// file or none, on both backends.
    @Test func aKilledImportLeavesAllOrNothing() throws {
        let directory = try MigrateCommandTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("names.txt")
        try (0..<150_000).map { "killed\($0)" }.joined(separator: "\n").write(
            to: file, atomically: true, encoding: .utf8)
        for delay: useconds_t in [300_000, 900_000] {
            var stores = [["--state-dir", directory.appendingPathComponent("state-\(delay)").path]]
            if let database = try Self.newDatabase() { stores.append(["--database", database]) }
            for store in stores {
                #expect(try JIDExecutable.run(["registry", "add"] + store + ["before"]).status == 0)
                let process = Process()
                process.executableURL = JIDExecutable.url
                process.arguments = ["registry", "import"] + store + [file.path]
                process.standardError = FileHandle.nullDevice
                try process.run()
                usleep(delay)
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                let count = try JIDExecutable.run(["registry", "count"] + store).output
                #expect(["1\n", "150001\n"].contains(count), "\(store[0]): \(count) after a kill at \(delay) µs")
            }
        }
    }

    /// PostgreSQL stopped under load and started again: no answer but 200, 201 and the registry's documented 503,
    /// readiness follows the database, and writes work again without restarting jid.
    @Test func stoppingPostgreSQLUnderLoadGivesOnlyDocumented503s() throws {
        guard Self.postgresURL != nil else { return }
        let script = StandaloneBinaryTests.root.appendingPathComponent("Lab/postgres.sh").path
        let cluster = try MigrateCommandTests.temporaryDirectory().appendingPathComponent("cluster").path
        let port = StandaloneBinaryTests.freePort()
        #expect(try Self.script(script, ["start", cluster, "\(port)"]) == 0)
        defer {
            _ = try? Self.script(script, ["stop", cluster])
            try? FileManager.default.removeItem(atPath: cluster)
        }
        let (token, auth) = try Self.tokenFile()
        let server = try Server([
            "--database", "postgres://jid@127.0.0.1:\(port)/postgres", "--admin-token-file", token,
        ])
        var statuses: [String: [Int]] = [:]
        var serial = 0
        func load(rounds: Int) throws {
            for _ in 0..<rounds {
                serial += 1
                statuses["PUT", default: []].append(
                    try server.request("PUT", "/v1/registry/names/load\(serial)", headers: [auth]).status)
                statuses["signup", default: []].append(
                    try server.request("GET", "/v1/signup/check?username=load\(serial)&domain=x.example").status)
                statuses["parse", default: []].append(
                    try server.request("GET", "/v1/jid/parse?jid=a%40b.example").status)
            }
        }
        try load(rounds: 5)
        #expect(try server.request("GET", "/readyz").status == 200)
        #expect(try Self.script(script, ["stop", cluster]) == 0)
        try load(rounds: 4)
        #expect(try server.request("GET", "/readyz").status == 503)
        #expect(try Self.script(script, ["resume", cluster, "\(port)"]) == 0)
        var recovered = false
        for _ in 0..<100 {
            serial += 1
            let status = try server.request("PUT", "/v1/registry/names/after\(serial)", headers: [auth]).status
            statuses["PUT", default: []].append(status)
            if status == 201 {
                recovered = true
                break
            }
            usleep(100_000)
        }
        #expect(recovered, "writes did not come back after PostgreSQL did")
        for _ in 0..<50 where try server.request("GET", "/readyz").status != 200 { usleep(100_000) }
        #expect(try server.request("GET", "/readyz").status == 200)
        #expect(Set(statuses["PUT"] ?? []).isSubset(of: [201, 503]), "\(statuses["PUT"] ?? [])")
        #expect(statuses["PUT"]?.contains(503) == true)
        #expect(Set(statuses["signup"] ?? []) == [200])
        #expect(Set(statuses["parse"] ?? []) == [200])
    }

    /// The embedded store on a full disk (a 1 MiB tmpfs; needs root, skipped otherwise): an import that does not
    /// fit fails with a clear message and changes nothing, the file passes SQLite's integrity check, and the names
    /// stored before are all there.
    @Test func aFullDiskGivesAClearErrorAndAnIntactFile() throws {
        guard getuid() == 0 else { return }
        let directory = try MigrateCommandTests.temporaryDirectory()
        let mountPoint = directory.appendingPathComponent("full").path
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        guard system("mount -t tmpfs -o size=1m tmpfs '\(mountPoint)' >/dev/null 2>&1") == 0 else {
            Issue.record("cannot mount a tmpfs as root")
            return
        }
        defer {
            _ = system("umount '\(mountPoint)'")
            try? FileManager.default.removeItem(at: directory)
        }
        let added = try JIDExecutable.run(["registry", "add", "--state-dir", mountPoint, "juliet", "romeo"])
        #expect(added.status == 0, "\(added.error)")
        let names = directory.appendingPathComponent("names.txt")
        try (0..<100_000).map { "member\($0)" }.joined(separator: "\n").write(
            to: names, atomically: true, encoding: .utf8)
        let imported = try JIDExecutable.run(["registry", "import", "--state-dir", mountPoint, names.path])
        #expect(imported.status == 1)
        #expect(imported.error.contains("the disk is full"), "\(imported.error)")
        let check = try Self.run(
            "/usr/bin/python3",
            [
                "-c",
                "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); "
                    + "print(c.execute('PRAGMA integrity_check').fetchone()[0], "
                    + "c.execute('SELECT count(*) FROM registry_names WHERE deleted = 0').fetchone()[0])",
                mountPoint + "/state.sqlite",
            ])
        #expect(check.output == "ok 2\n", "\(check.error)")
        let count = try JIDExecutable.run(["registry", "count", "--state-dir", mountPoint])
        #expect(count.status == 0 && count.output == "2\n", "\(count.error)")
    }
}
