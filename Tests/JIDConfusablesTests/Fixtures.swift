import Foundation

/// Loads the JSON-lines fixtures (see Fixtures/README.md).
enum Fixtures {
    static func records(_ name: String) -> [[String: Any]] {
        let url = Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil)!
        let text = try! String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").map {
            (try! JSONSerialization.jsonObject(with: Data($0.utf8))) as! [String: Any]
        }
    }
}
