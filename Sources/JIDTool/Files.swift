import CPlatform
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A failure to read or write a file, with the system's reason.
struct FileError: Error, CustomStringConvertible {
    let description: String

    init(_ action: String, _ path: String, errno code: Int32 = errno) {
        description = "cannot \(action) '\(path)': \(String(cString: strerror(code)))"
    }
}

/// Reads a file descriptor in large blocks. One thread reads; any thread may ask how far it has got.
final class InputFile: @unchecked Sendable {
    let descriptor: Int32
    let path: String
    /// Size in bytes when the input is a regular file (for progress and ETA), else nil.
    let size: Int?
    private let consumed = Atomic<Int>(0)

    /// Bytes read so far.
    var bytesRead: Int { consumed.load(ordering: .relaxed) }

    init(path: String?) throws {
        if let path, path != "-" {
            descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else { throw FileError("open", path) }
            self.path = path
        } else {
            descriptor = 0
            self.path = "standard input"
        }
        var status = stat()
        size = fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG ? Int(status.st_size) : nil
    }

    deinit { if descriptor > 0 { close(descriptor) } }

    /// Reads up to `buffer.count` bytes; returns 0 at the end of the input.
    func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int {
        while true {
            let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 {
                consumed.add(count, ordering: .relaxed)
                return count
            }
            if errno != EINTR { throw FileError("read", path) }
        }
    }
}

/// Writes an output file under a temporary name in the same directory and renames it over the final name only
/// when complete, so that an interrupted or failed run never leaves a partial file under the final name.
final class AtomicOutputFile {
    let path: String
    let temporaryPath: String
    private var descriptor: Int32
    private var finished = false
    private var written = 0
    private var writebackStart = 0
    /// Writeback is started every this many bytes, so that the final fsync has little left to wait for.
    private static let writebackStep = 64 << 20

    /// Standard output when `path` is nil or "-".
    static func make(_ path: String?) throws -> AtomicOutputFile? {
        guard let path, path != "-" else { return nil }
        return try AtomicOutputFile(path: path)
    }

    init(path: String) throws {
        self.path = path
        temporaryPath = path + ".partial-\(getpid())"
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileError("create", temporaryPath) }
        TemporaryFiles.shared.register(temporaryPath)
    }

    func write(_ bytes: [UInt8]) throws {
        try writeAll(descriptor, bytes, path: temporaryPath)
        written += bytes.count
        if written - writebackStart >= Self.writebackStep {
            _ = cs_start_writeback(descriptor, Int64(writebackStart), Int64(written - writebackStart))
            writebackStart = written
        }
    }

    /// Flushes to disk and renames to the final name.
    func commit() throws {
        guard !finished else { return }
        finished = true
        if fsync(descriptor) != 0 && errno != EINVAL { throw FileError("write", temporaryPath) }
        if close(descriptor) != 0 { throw FileError("write", temporaryPath) }
        descriptor = -1
        guard rename(temporaryPath, path) == 0 else { throw FileError("rename to", path) }
        TemporaryFiles.shared.unregister(temporaryPath)
    }

    /// Removes the temporary file.
    func discard() {
        guard !finished else { return }
        finished = true
        if descriptor >= 0 { close(descriptor) }
        unlink(temporaryPath)
        TemporaryFiles.shared.unregister(temporaryPath)
    }

    deinit { discard() }
}

/// Writes every byte, retrying short writes.
func writeAll(_ descriptor: Int32, _ bytes: [UInt8], path: String) throws {
    try bytes.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw FileError("write", path)
            }
            offset += written
        }
    }
}

/// Temporary files to remove if the process is interrupted.
final class TemporaryFiles: Sendable {
    static let shared = TemporaryFiles()
    private let paths = Mutex<Set<String>>([])

    func register(_ path: String) { paths.withLock { _ = $0.insert(path) } }

    func unregister(_ path: String) { paths.withLock { _ = $0.remove(path) } }

    func removeAll() {
        paths.withLock { paths in
            for path in paths { unlink(path) }
            paths.removeAll()
        }
    }
}
