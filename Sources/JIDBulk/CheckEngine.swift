public import JIDCore

/// `jid check` over a stream: each thread reads the next block of whole lines itself (``LineBlocks``), splits it
/// into lines in place, checks them, and the results are written in input order.
///
/// Lines are those of ``LineSplitter`` (LF or CRLF ends, a UTF-8 byte-order mark at the start dropped, a line
/// longer than any address cut to ``LineSplitter/maximumKept`` bytes, which the parser reports as too long); empty
/// lines are skipped. With one thread the same blocks are read and checked on the calling thread.
public struct CheckEngine: Sendable {
    /// What is written for each result.
    public enum Output: Sendable {
        /// Nothing: only the totals.
        case count
        /// The JID result object, one JSON Lines record per input.
        case json
        /// Text made by the caller (the tool's human-readable form).
        case text(@Sendable (JIDResult) -> String)
    }

    /// Valid and invalid inputs.
    public struct Totals: Sendable, Equatable {
        public var valid = 0
        public var invalid = 0
        public init() {}
    }

    /// What one batch gave: its totals and its output (JSON in `json`, text in `text`).
    struct BatchResult: Sendable {
        var totals = Totals()
        var json = JSONWriter()
        var text: [UInt8] = []
    }

    /// With a domain, each line is a user name at that domain, with `resource` if given (see ``check(_:domain:resource:)``).
    public var domain: String?
    public var resource: String?
    public var output: Output
    /// Threads checking batches, 1 to 256.
    public var threads: Int

    /// Input bytes per batch: with short lines about 2,500 of them.
    static let batchBytes = 64 << 10

    public init(output: Output, domain: String? = nil, resource: String? = nil, threads: Int = 1) {
        self.output = output
        self.domain = domain
        self.resource = resource
        self.threads = max(1, min(threads, 256))
    }

    /// The result for one input: a whole address, or with `domain` a user name at that domain (an "@" or "/" in it
    /// is an error of the user name, never a split).
    public static func check(_ bytes: UnsafeBufferPointer<UInt8>, domain: String?, resource: String?) -> JIDResult {
        guard let domain else { return JID.parse(utf8: bytes) }
        // An ill-formed user name is reported by the parse of its bytes.
        guard UnicodeText.isValidUTF8(bytes) else { return JID.parse(utf8: bytes) }
        let username = String(decoding: bytes, as: UTF8.self)
        return JID.parse(localpart: username, domainpart: domain, resourcepart: resource)
    }

    /// Checks one input given whole (a command-line argument): whether it is valid, and what is written for it.
    public func check(argument: String) -> (isValid: Bool, output: [UInt8]) {
        let result = Array(argument.utf8).withUnsafeBufferPointer {
            Self.check($0, domain: domain, resource: resource)
        }
        var writer = JSONWriter()
        var bytes: [UInt8] = []
        render(result, to: &bytes, json: &writer)
        if case .json = output { bytes = writer.bytes }
        return (result.isValid, bytes)
    }

    /// Writes `result` as `output` says: JSON into `writer`, text into `bytes`.
    @inline(__always)
    private func render(_ result: JIDResult, to bytes: inout [UInt8], json writer: inout JSONWriter) {
        switch output {
        case .count: break
        case .json:
            result.write(to: &writer)
            writer.endRecord()
        case .text(let describe):
            bytes.append(contentsOf: describe(result).utf8)
        }
    }

    /// Checks every line of `source`, hands each batch's output to `write` in input order (valid during the call),
    /// and returns the totals. Stops at the first error of `source` or `write`, which it throws.
    public func run(_ source: any ByteSource, write: (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Totals {
        var totals = Totals()
        func take(_ result: BatchResult) throws {
            totals.valid += result.totals.valid
            totals.invalid += result.totals.invalid
            if !result.text.isEmpty { try result.text.withUnsafeBufferPointer(write) }
            try result.json.withUnsafeBytes { bytes in if !bytes.isEmpty { try write(bytes) } }
        }
        let blocks = LineBlocks(source: source, readBytes: Self.batchBytes)
        guard threads > 1 else {
            while let (_, batch) = try blocks.next() { try take(process(batch)) }
            return totals
        }
        let engine = self
        let pipeline = BatchPipeline(blocks: blocks, threads: threads, window: MigrationEngine.window(threads: threads))
        {
            batch in engine.process(batch)
        }
        defer { pipeline.stop() }
        while let result = try pipeline.next() { try take(result) }
        return totals
    }

    /// Checks one batch.
    func process(_ batch: LineBatch) -> BatchResult {
        var result = BatchResult()
        // A JID result object is about ten times its input line.
        if case .json = output { result.json.reserve(batch.storage.count * 12 + 4_096) }
        let (domain, resource) = (self.domain, self.resource)
        var scratch: [UInt8] = []
        let json = if case .json = output { domain == nil } else { false }
        batch.storage.withUnsafeBufferPointer { storage in
            for bounds in batch.bounds where !bounds.isEmpty {
                let line = UnsafeBufferPointer(rebasing: storage[bounds])
                if case .count = output, domain == nil {
                    if JID.isValid(utf8: line) { result.totals.valid += 1 } else { result.totals.invalid += 1 }
                    continue
                }
                if json && JIDResult.writeFromBytes(line, scratch: &scratch, to: &result.json) {
                    result.json.endRecord()
                    result.totals.valid += 1
                    continue
                }
                let checked =
                    domain == nil ? JID.parse(utf8: line) : Self.check(line, domain: domain, resource: resource)
                if checked.isValid { result.totals.valid += 1 } else { result.totals.invalid += 1 }
                render(checked, to: &result.text, json: &result.json)
            }
        }
        return result
    }
}
