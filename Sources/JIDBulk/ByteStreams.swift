import Synchronization

/// Where a bulk run reads its bytes: a file, standard input, memory.
public protocol ByteSource: AnyObject, Sendable {
    /// Reads up to `buffer.count` bytes; returns 0 at the end of the input.
    func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int
    /// The size in bytes, when known (for progress).
    var size: Int? { get }
    /// Bytes read so far; any thread may ask.
    var bytesRead: Int { get }
    /// The same bytes from the start again, or nil when they can be read only once (a pipe).
    func reopen() throws -> (any ByteSource)?
}

/// Where a bulk run writes: a file, standard output, memory. Written from one thread at a time.
public protocol ByteSink: AnyObject {
    func write(_ bytes: [UInt8]) throws
}

/// Bytes in memory as a source, read in pieces of at most `pieceSize` (to exercise line splitting across reads).
public final class MemorySource: ByteSource, @unchecked Sendable {
    private let bytes: [UInt8]
    private let pieceSize: Int
    private var position = 0
    private let lock = Mutex(0)

    public init(_ bytes: [UInt8], pieceSize: Int = 1 << 16) {
        self.bytes = bytes
        self.pieceSize = max(1, pieceSize)
    }

    public var size: Int? { bytes.count }
    public var bytesRead: Int { lock.withLock { $0 } }

    public func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int {
        let count = min(buffer.count, pieceSize, bytes.count - position)
        guard count > 0 else { return 0 }
        _ = bytes.withUnsafeBufferPointer { all in
            buffer.update(fromContentsOf: UnsafeBufferPointer(rebasing: all[position..<(position + count)]))
        }
        position += count
        lock.withLock { $0 = position }
        return count
    }

    public func reopen() throws -> (any ByteSource)? { MemorySource(bytes, pieceSize: pieceSize) }
}

/// A sink that keeps what is written.
public final class MemorySink: ByteSink, @unchecked Sendable {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public func write(_ bytes: [UInt8]) throws { self.bytes += bytes }
}
