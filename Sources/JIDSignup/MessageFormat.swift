import CUnicode

/// ICU MessageFormat with named arguments (`{character}`, `{position, number, integer}`), through CUnicode.
enum MessageFormat {
    enum Argument: Sendable, Hashable {
        case text(String)
        case number(Int)
    }

    /// The pattern formatted for `language`, or nil when it does not parse or an argument does not fit its
    /// placeholder. Arguments the pattern does not use are ignored; a placeholder without an argument is kept as
    /// written, which the catalog tests rule out.
    static func format(_ pattern: String, language: Language, arguments: [(name: String, value: Argument)]) -> String? {
        var texts = arguments.map { argument -> [UInt8] in
            if case .text(let text) = argument.value { return Array(text.utf8) }
            return []
        }
        let names = arguments.map { Array($0.name.utf8CString) }
        let patternBytes = Array(pattern.utf8)
        var capacity = patternBytes.count * 2 + 256
        while true {
            var output = [UInt8](repeating: 0, count: capacity)
            let length = withArgumentArray(arguments, names: names, texts: &texts) { list in
                patternBytes.withUnsafeBufferPointer { pattern in
                    output.withUnsafeMutableBufferPointer { buffer in
                        cu_format_message(
                            language.tag, pattern.baseAddress, Int32(pattern.count), list.baseAddress,
                            Int32(list.count), buffer.baseAddress, Int32(buffer.count))
                    }
                }
            }
            guard length >= 0 else { return nil }
            if Int(length) <= capacity { return String(decoding: output[..<Int(length)], as: UTF8.self) }
            capacity = Int(length)
        }
    }

    private static func withArgumentArray<Result>(
        _ arguments: [(name: String, value: Argument)], names: [[CChar]], texts: inout [[UInt8]],
        _ body: (UnsafeBufferPointer<cu_message_argument>) -> Result
    ) -> Result {
        // The pointers stay valid for the whole call: every buffer is pinned in turn, then the list is built.
        func pin(_ index: Int, _ list: inout [cu_message_argument]) -> Result {
            guard index < arguments.count else { return list.withUnsafeBufferPointer(body) }
            return names[index].withUnsafeBufferPointer { name in
                texts[index].withUnsafeBufferPointer { text in
                    var argument = cu_message_argument(name: name.baseAddress, text: nil, textLength: 0, number: 0)
                    switch arguments[index].value {
                    case .text:
                        // A non-nil pointer marks text, even for an empty string.
                        argument.text = text.baseAddress ?? UnsafePointer(bitPattern: 1)
                        argument.textLength = Int32(text.count)
                    case .number(let number): argument.number = Int64(number)
                    }
                    list.append(argument)
                    return pin(index + 1, &list)
                }
            }
        }
        var list: [cu_message_argument] = []
        list.reserveCapacity(arguments.count)
        return pin(0, &list)
    }

    /// The arguments a pattern uses, each as `name` or `name,type` (`position,number`); nil if it does not parse.
    static func arguments(of pattern: String) -> Set<String>? {
        let bytes = Array(pattern.utf8)
        var output = [UInt8](repeating: 0, count: bytes.count + 64)
        let length = bytes.withUnsafeBufferPointer { pattern in
            output.withUnsafeMutableBufferPointer { buffer in
                cu_message_arguments(pattern.baseAddress, Int32(pattern.count), buffer.baseAddress, Int32(buffer.count))
            }
        }
        guard length >= 0, Int(length) <= output.count else { return nil }
        return Set(output[..<Int(length)].split(separator: 0).map { String(decoding: $0, as: UTF8.self) })
    }
}
