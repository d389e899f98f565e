import Foundation
import Testing

/// The web page and the signup widget driven in Debian's headless Chromium by `Tests/Browser/ui.py` (Selenium,
/// axe-core): as-you-type checks, the suggestion, French, lookalikes against a registry, the widget from another
/// origin with and without CORS, the keyboard alone, phone width, no console errors, no serious or critical
/// accessibility violation. The script starts its own servers from the `jid` binary under test.
@Suite struct BrowserTests {
    static let chromedriver = ["/usr/bin/chromedriver"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Whether `python3` on the PATH (the README's virtual environment) has Selenium and axe-selenium-python.
    static func pythonHasSelenium() throws -> Bool {
        let probe = try StoreCommandTests.run(
            "/usr/bin/env", ["python3", "-c", "import selenium, axe_selenium_python"])
        return probe.status == 0
    }

    @Test(.timeLimit(.minutes(5))) func thePageAndTheWidgetWorkInARealBrowser() throws {
        guard MigrateStorageTests.chromium != nil, Self.chromedriver != nil, try Self.pythonHasSelenium() else {
            #expect(
                !MigrateStorageTests.requireLab,
                "JID_REQUIRE_LAB=1 but Chromium, chromedriver or Selenium with axe-selenium-python is missing")
            return
        }
        let script = StandaloneBinaryTests.root.appendingPathComponent("Tests/Browser/ui.py").path
        let run = try StoreCommandTests.run("/usr/bin/env", ["python3", script, "test", JIDExecutable.url.path])
        // The checks that failed come first, on the line that records the issue; the whole report after them.
        let failed = run.output.split(separator: "\n").filter { $0.hasPrefix("FAIL ") }.joined(separator: " | ")
        #expect(run.status == 0, "\(failed)\n\(run.output)\n\(run.error)")
        #expect(run.output.contains(" 0 failed"), "\(failed)\n\(run.output)")
    }
}
