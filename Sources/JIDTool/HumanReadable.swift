import ArgumentParser
import Foundation
import JIDBulk
import JIDCore

#if canImport(Glibc)
    import Glibc
#endif

/// The default, human-readable rendering of results.
enum HumanReadable {
    static func describe(_ result: JIDResult) -> String {
        guard let jid = result.jid else {
            var text = "invalid  \(result.input)\n"
            for error in result.errors {
                let place = [error.part?.rawValue, error.offset.map { "character \($0 + 1)" }]
                    .compactMap { $0 }.joined(separator: ", ")
                text += "  \(place.isEmpty ? "" : place + ": ")\(error.message) [\(error.code)]\n"
                if let suggestion = error.suggestion, result.suggestion == nil {
                    text += "  suggestion for the \(error.part?.rawValue ?? "address"): \(suggestion)\n"
                }
            }
            if let suggestion = result.suggestion { text += "  did you mean: \(suggestion)\n" }
            return text
        }
        var text = "valid    \(result.input)"
        if jid.description != result.input { text += "  →  \(jid.description)" }
        text += "\n"
        if jid.domainAscii != jid.domainpart { text += "  domain in A-labels: \(jid.domainAscii)\n" }
        for warning in result.warnings { text += "  warning: \(warning.message) [\(warning.code)]\n" }
        return text
    }
}

/// Buffers standard output and writes it in large blocks; the one writer of every command's standard output.
///
/// On a terminal, control characters and bidirectional overrides from the input are shown as `<U+XXXX>`, so an
/// address cannot retitle the window, clear the screen or reorder what is shown. A failed write (a full disk, a
/// closed pipe) is remembered, and ``finish()`` turns it into exit status 3.
struct OutputBuffer {
    private var buffer: [UInt8] = []
    private var failure: FileError?
    private let terminal = isatty(1) == 1
    private static let blockSize = 1 << 16

    mutating func write(_ text: String) {
        buffer.append(contentsOf: terminal ? TerminalText.visible(text).utf8 : text.utf8)
        if buffer.count >= Self.blockSize { flush() }
    }

    /// Writes UTF-8 text; a large block goes out as it is, without a copy.
    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        if terminal { return write(String(decoding: bytes, as: UTF8.self)) }
        if buffer.isEmpty && bytes.count >= Self.blockSize { return put(bytes) }
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.blockSize { flush() }
    }

    mutating func write(_ bytes: [UInt8]) { bytes.withUnsafeBufferPointer { write($0) } }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBufferPointer { put($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard failure == nil else { return }
        do { try writeAll(1, bytes, path: "standard output") } catch { failure = error as? FileError }
    }

    /// Flushes, then exits with status 3 and a message if anything could not be written.
    mutating func finish() throws {
        flush()
        if let failure {
            FileHandle.standardError.write("jid: \(failure)\n")
            throw ExitCode(3)
        }
    }
}

/// Text made safe for a terminal.
enum TerminalText {
    /// `text` with C0 and C1 controls (but line feed and tab), DEL and the bidirectional embedding, override and
    /// isolate controls written as `<U+XXXX>`.
    static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: false
        case 0x00..<0x20, 0x7F..<0xA0, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
        default: false
        }
    }
}
