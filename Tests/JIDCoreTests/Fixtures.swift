import Foundation

/// Loads the JSON-lines fixtures copied from peer projects (see Fixtures/README.md).
enum Fixtures {
    static func url(_ name: String) -> URL {
        Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil)!
    }

    static func lines(_ name: String) -> [String] {
        let text = try! String(contentsOf: url(name), encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    /// Records as dictionaries; lines Foundation cannot decode (lone surrogates) come back as nil.
    static func records(_ name: String) -> [[String: Any]?] {
        lines(name).map { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }
    }

    static func decoded<T: Decodable>(_ name: String, as type: T.Type) -> [T] {
        let decoder = JSONDecoder()
        return lines(name).compactMap { try? decoder.decode(T.self, from: Data($0.utf8)) }
    }
}

/// Bytes from the `hex-bytes (invalid UTF-8)` encoding the fixtures use.
func bytes(fromHex hex: String) -> [UInt8] {
    var result: [UInt8] = []
    var index = hex.startIndex
    while index < hex.endIndex {
        let next = hex.index(index, offsetBy: 2)
        result.append(UInt8(hex[index..<next], radix: 16)!)
        index = next
    }
    return result
}
