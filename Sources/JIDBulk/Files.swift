import CPlatform
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A failure to read or write a file, with the system's reason.
public struct FileError: Error, CustomStringConvertible {
    public let description: String

    /// `code` defaults to the current `errno`.
    public init(_ action: String, _ path: String, errno code: Int32? = nil) {
        description = "cannot \(action) '\(path)': \(String(cString: strerror(code ?? errno)))"
    }

    public init(message: String) { description = message }
}

/// Reads a file descriptor in large blocks. One thread reads; any thread may ask how far it has got.
public final class InputFile: ByteSource, @unchecked Sendable {
    public let descriptor: Int32
    public let path: String
    /// Size in bytes when the input is a regular file (for progress and ETA), else nil.
    public let size: Int?
    private let consumed = Atomic<Int>(0)

    /// Bytes read so far.
    public var bytesRead: Int { consumed.load(ordering: .relaxed) }

    /// Opens `path`; nil or "-" is standard input.
    public init(path: String?) throws {
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

    /// The same file from its start again; nil for standard input, which can be read only once.
    public func reopen() throws -> (any ByteSource)? { descriptor == 0 ? nil : try InputFile(path: path) }

    /// Reads up to `buffer.count` bytes; returns 0 at the end of the input.
    public func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int {
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
///
/// What the path points at is respected: a symbolic link is followed (the file it names is replaced, the link
/// stays), and anything that is not a regular file (a device such as `/dev/null`, a FIFO, a socket) is written
/// straight through, never replaced by a regular file.
public final class AtomicOutputFile: ByteSink {
    /// The final path, after following symbolic links.
    public let path: String
    /// Where bytes go until `commit`; the final path itself when writing straight through.
    public let temporaryPath: String
    /// Whether the output is written in place (not a regular file), so there is nothing to rename or remove.
    public let writesThrough: Bool
    private var descriptor: Int32
    private var finished = false
    private var written = 0
    private var writebackStart = 0
    /// Writeback is started every this many bytes, so that the final fsync has little left to wait for.
    private static let writebackStep = 64 << 20

    /// Standard output when `path` is nil or "-".
    public static func make(_ path: String?) throws -> AtomicOutputFile? {
        guard let path, path != "-" else { return nil }
        return try AtomicOutputFile(path: path)
    }

    public init(path given: String) throws {
        var status = stat()
        if stat(given, &status) == 0 && (status.st_mode & S_IFMT) != S_IFREG {
            guard (status.st_mode & S_IFMT) != S_IFDIR else {
                throw FileError("write to the directory", given, errno: EISDIR)
            }
            path = given
            temporaryPath = given
            writesThrough = true
            descriptor = open(given, O_WRONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw FileError("open", given) }
            return
        }
        path = OutputPaths.resolved(given)
        temporaryPath = path + ".partial-\(getpid())"
        writesThrough = false
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileError("create", temporaryPath) }
        TemporaryFiles.shared.register(temporaryPath)
    }

    public func write(_ bytes: [UInt8]) throws {
        try writeAll(descriptor, bytes, path: temporaryPath)
        written += bytes.count
        if !writesThrough && written - writebackStart >= Self.writebackStep {
            _ = cs_start_writeback(descriptor, Int64(writebackStart), Int64(written - writebackStart))
            writebackStart = written
        }
    }

    /// Flushes to disk and renames to the final name.
    public func commit() throws {
        guard !finished else { return }
        finished = true
        if writesThrough {
            if close(descriptor) != 0 { throw FileError("write", path) }
            descriptor = -1
            return
        }
        if fsync(descriptor) != 0 && errno != EINVAL { throw FileError("write", temporaryPath) }
        if close(descriptor) != 0 { throw FileError("write", temporaryPath) }
        descriptor = -1
        guard rename(temporaryPath, path) == 0 else { throw FileError("rename to", path) }
        TemporaryFiles.shared.unregister(temporaryPath)
    }

    /// Removes the temporary file (a straight-through output is only closed).
    public func discard() {
        guard !finished else { return }
        finished = true
        if descriptor >= 0 { close(descriptor) }
        if writesThrough { return }
        unlink(temporaryPath)
        TemporaryFiles.shared.unregister(temporaryPath)
    }

    deinit { discard() }
}

/// Checks, before anything is written, that no output is the input or another output.
public enum OutputPaths {
    /// What a path names: a device and inode when it exists, otherwise its resolved path.
    private enum Identity: Hashable {
        case file(device: UInt64, inode: UInt64)
        case path(String)
    }

    /// Refuses outputs that are the same file as the input or as each other. `outputs` pairs each path with the
    /// option that named it, for the message; nil and "-" (standard output) are skipped.
    public static func check(input: String?, outputs: [(option: String, path: String?)]) throws(FileError) {
        var seen: [Identity: String] = [:]
        if let input, input != "-", let identity = identity(input) { seen[identity] = "the input" }
        for (option, path) in outputs {
            guard let path, path != "-", let identity = identity(path) else { continue }
            if case .file = identity, isSpecial(path) { continue }  // /dev/null twice is fine
            if let other = seen[identity] {
                throw FileError(message: "\(option) '\(path)' is the same file as \(other); refusing to overwrite it")
            }
            seen[identity] = option
        }
    }

    private static func identity(_ path: String) -> Identity? {
        var status = stat()
        if stat(path, &status) == 0 { return .file(device: UInt64(status.st_dev), inode: UInt64(status.st_ino)) }
        return .path(resolved(path))
    }

    private static func isSpecial(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) != S_IFREG
    }

    /// The path with symbolic links followed: realpath of the file, or of its directory when it does not exist.
    static func resolved(_ path: String) -> String {
        if let real = realpath(path, nil) {
            defer { free(real) }
            return String(cString: real)
        }
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard let real = realpath(directory.isEmpty ? "/" : directory, nil) else { return path }
        defer { free(real) }
        let base = String(cString: real)
        return (base.hasSuffix("/") ? base : base + "/") + name
    }
}

/// Writes every byte, retrying short writes.
public func writeAll(_ descriptor: Int32, _ bytes: [UInt8], path: String) throws {
    try bytes.withUnsafeBufferPointer { try writeAll(descriptor, $0, path: path) }
}

/// Writes every byte of `bytes` to `descriptor`, retrying after EINTR and short writes.
public func writeAll(_ descriptor: Int32, _ bytes: UnsafeBufferPointer<UInt8>, path: String) throws {
    guard let base = bytes.baseAddress else { return }
    var offset = 0
    while offset < bytes.count {
        let written = Glibc.write(descriptor, base + offset, bytes.count - offset)
        if written < 0 {
            if errno == EINTR { continue }
            throw FileError("write", path)
        }
        offset += written
    }
}

/// Temporary files to remove if the process is interrupted.
public final class TemporaryFiles: Sendable {
    public static let shared = TemporaryFiles()
    private let paths = Mutex<Set<String>>([])

    func register(_ path: String) { paths.withLock { _ = $0.insert(path) } }

    func unregister(_ path: String) { paths.withLock { _ = $0.remove(path) } }

    public func removeAll() {
        paths.withLock { paths in
            for path in paths { unlink(path) }
            paths.removeAll()
        }
    }
}

/// Standard output as a sink.
public final class StandardOutput: ByteSink {
    public init() {}

    public func write(_ bytes: [UInt8]) throws { try writeAll(1, bytes, path: "standard output") }
}

/// The cores this process may run on (its CPU affinity, as `taskset` sets it), at least 1.
public func availableCores() -> Int { Int(cs_available_cores()) }
