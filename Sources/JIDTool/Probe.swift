import ArgumentParser
import JIDServer

struct Probe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Check that a jid-service answers (for container health checks).",
        discussion: """
            GETs the URL and exits 0 on a 2xx status, 1 otherwise.

            Example:
              jid probe http://127.0.0.1:8080/healthz
            """)

    @Argument(help: "The URL to GET (http:// only).")
    var url = "http://127.0.0.1:8080/healthz"

    @Option(help: "Seconds to wait for the answer.")
    var timeout = 3

    func run() throws {
        do {
            let status = try HealthProbe.status(of: url, timeout: timeout)
            guard (200..<300).contains(status) else {
                FileHandle.standardError.write("unhealthy: \(url) answered \(status)\n")
                throw ExitCode(1)
            }
        } catch let failure as HealthProbe.Failure {
            FileHandle.standardError.write("unhealthy: \(failure)\n")
            throw ExitCode(1)
        }
    }
}
