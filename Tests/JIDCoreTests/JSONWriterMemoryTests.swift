import Testing

@testable import JIDCore

/// `JSONWriter.write(into:)` writes into the caller's memory what a writer of its own would write, moves to
/// storage of its own when the memory is full, and once the writer is copied, neither writes into that memory.
@Suite struct JSONWriterMemoryTests {
    /// Records enough to fill `count` bytes several times over.
    static func records(_ writer: inout JSONWriter, count: Int) {
        for index in 0..<count {
            writer.beginObject()
            writer.integer("line", index)
            writer.string("input", "juliet\(index)@example.com/\"balcony\"")
            writer.bool("valid", index % 3 != 0)
            writer.endObject()
            writer.endRecord()
        }
    }

    static func expected(_ count: Int) -> [UInt8] {
        var writer = JSONWriter()
        records(&writer, count: count)
        return writer.bytes
    }

    @Test(arguments: [0, 1, 10, 200])
    func whatFitsIsWrittenInPlace(records count: Int) {
        let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 8)
        defer { memory.deallocate() }
        let (written, overflow) = JSONWriter.write(into: memory) { Self.records(&$0, count: count) }
        #expect(overflow == nil)
        #expect(Array(memory[0..<written]) == Self.expected(count))
    }

    @Test(arguments: [0, 1, 60, 4096])
    func whatDoesNotFitMovesToTheWritersOwnStorage(bytes size: Int) {
        let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 8)
        defer { memory.deallocate() }
        memory.initializeMemory(as: UInt8.self, repeating: 0xEE)
        let (written, overflow) = JSONWriter.write(into: memory) { Self.records(&$0, count: 200) }
        #expect(written == 0)
        #expect(overflow?.bytes == Self.expected(200))
    }

    /// What became of 64 KiB of sentinel-filled memory written through a writer that wrote five records, was copied,
    /// and then went through `afterTheCopy` (the writer, its copy): the bytes written in place, the writer's
    /// answer when it moved out, whether the memory after the five records kept its sentinel bytes, and the
    /// copy's bytes.
    static func copied(
        _ afterTheCopy: (inout JSONWriter, inout JSONWriter) -> Void
    ) -> (written: Int, overflow: [UInt8]?, untouched: Bool, copy: [UInt8]) {
        let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 8)
        defer { memory.deallocate() }
        memory.initializeMemory(as: UInt8.self, repeating: 0xEE)
        var copyBytes: [UInt8] = []
        let (written, overflow) = JSONWriter.write(into: memory) { writer in
            Self.records(&writer, count: 5)
            var copy = writer
            afterTheCopy(&writer, &copy)
            copyBytes = copy.bytes
        }
        return (written, overflow?.bytes, memory[expected(5).count...].allSatisfy { $0 == 0xEE }, copyBytes)
    }

    /// Once the writer is copied, neither the copy nor the writer writes into the memory again, whichever writes
    /// first: each moves to storage of its own at its next write (the answer comes back as `overflow`), and the
    /// memory after what was written before the copy keeps its sentinel bytes.
    @Test(arguments: [true, false])
    func afterACopyNeitherWritesIntoTheMemory(copyWritesFirst: Bool) {
        let outcome = Self.copied { writer, copy in
            if copyWritesFirst { Self.records(&copy, count: 20) }
            Self.records(&writer, count: 5)
            if !copyWritesFirst { Self.records(&copy, count: 20) }
        }
        #expect(outcome.written == 0)
        #expect(outcome.overflow == Self.expected(5) + Self.expected(5))
        #expect(outcome.untouched)
        #expect(outcome.copy == Self.expected(5) + Self.expected(20))
    }
}

extension JSONWriterMemoryTests {
    /// A writer emptied while a copy holds the memory's token keeps the token, so the copy still moves to storage
    /// of its own at its next write rather than writing into the memory.
    @Test func aWriterEmptiedAfterACopyLeavesTheMemoryAlone() {
        let outcome = Self.copied { writer, copy in
            writer.removeAll()
            Self.records(&writer, count: 5)
            Self.records(&copy, count: 20)
        }
        #expect(outcome.written == 0)
        #expect(outcome.overflow == Self.expected(5))
        #expect(outcome.untouched)
        #expect(outcome.copy == Self.expected(5) + Self.expected(20))
    }
}
