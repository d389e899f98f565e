#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Standard streams at the edge of the tool.
enum FileHandle {
    struct Stream {
        let descriptor: Int32
        func write(_ text: String) {
            var text = text
            text.withUTF8 { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                    if written <= 0 { return }
                    offset += written
                }
            }
        }
    }
    static var standardError: Stream { Stream(descriptor: 2) }
}

/// Reads lines as raw bytes (so ill-formed UTF-8 reaches the parser intact), without the line terminator
/// (LF or CRLF).
struct LineReader: Sequence, IteratorProtocol {
    private let file: UnsafeMutablePointer<FILE>
    private var buffer: UnsafeMutablePointer<CChar>?
    private var capacity = 0

    /// Reads standard input.
    init() { self.file = fdopen(0, "r") }

    /// Reads an open file.
    init(file: UnsafeMutablePointer<FILE>) { self.file = file }

    /// The next line in place, without its terminator: valid until the next call.
    mutating func nextLine() -> UnsafeBufferPointer<UInt8>? {
        let length = getline(&buffer, &capacity, file)
        guard length >= 0, let buffer else {
            self.buffer.map { free($0) }
            self.buffer = nil
            return nil
        }
        var count = length
        if count > 0 && buffer[count - 1] == 0x0A { count -= 1 }
        if count > 0 && buffer[count - 1] == 0x0D { count -= 1 }
        return UnsafeBufferPointer(start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self), count: count)
    }

    mutating func next() -> [UInt8]? {
        nextLine().map { Array($0) }
    }
}

/// The inputs of a command: its arguments, or else the lines of standard input (empty lines skipped).
func inputs(_ arguments: [String]) -> AnySequence<[UInt8]> {
    if !arguments.isEmpty { return AnySequence(arguments.lazy.map { Array($0.utf8) }) }
    return AnySequence(LineReader().lazy.filter { !$0.isEmpty })
}
