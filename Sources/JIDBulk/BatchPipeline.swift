import Dispatch
import JIDCore
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads the input and splits it into batches on a thread of its own and checks them on `threads` threads of their
/// own, or lets each of `threads` threads, the caller of `next()` among them, read its next block of lines itself
/// (``LineBlocks``), and hands the results back in input order. At most `window` batches are between reading and
/// `next()`, so memory is bounded whatever the thread count, and no worker waits for a slower one to finish a round.
final class BatchPipeline<Output: Sendable>: Sendable {
    private struct State {
        var queue: [(index: Int, batch: LineBatch)] = []
        var head = 0
        /// Batches read, once the reader has ended.
        var total: Int?
        var failure: (any Error)?
        var results: [Int: Output] = [:]
        var next = 0
    }

    /// With blocks: the input and the work, for the caller of `next()` to check blocks itself while it waits.
    private let checking: (blocks: LineBlocks, work: @Sendable (LineBatch) -> Output)?

    /// Batches the reader may still read; raised by `next()` as results are taken.
    private let window = DispatchSemaphore(value: 0)
    /// One signal per batch queued, and one per worker at the end.
    private let available = DispatchSemaphore(value: 0)
    /// One signal per result, and one when the reader ends.
    private let completed = DispatchSemaphore(value: 0)
    private let exited = DispatchSemaphore(value: 0)
    private let state = Mutex<State>(State())
    private let stopped = Atomic<Bool>(false)
    /// Worker threads running, and whether the reader is: fewer than asked for when the system would not start
    /// more (the run then goes on with those, or fails with the system's reason when none started).
    private let workers = Atomic<Int>(0)
    private let readerRunning = Atomic<Bool>(false)

    // Semaphores are created at 0 and raised: libdispatch traps when a semaphore is freed below its initial value,
    // as these are when a run stops early.
    init(
        source: any ByteSource, format: InputLayout, threads: Int, window size: Int,
        batchBytes: Int = MigrationEngine.batchBytes, spool: (@Sendable ([UInt8]) -> Void)?,
        work: @escaping @Sendable (LineBatch) -> Output
    ) {
        checking = nil
        for _ in 0..<size { window.signal() }
        let (started, workerRefusal) = startWorkers(threads, work: work) { [self] in
            available.wait()
            if stopped.load(ordering: .relaxed) { return nil }
            return state.withLock { state -> (index: Int, batch: LineBatch)? in
                guard state.head < state.queue.count else { return nil }  // the end of the input
                let item = state.queue[state.head]
                state.queue[state.head].batch = LineBatch()
                state.head += 1
                if state.head > 64 && state.head * 2 > state.queue.count {
                    state.queue.removeFirst(state.head)
                    state.head = 0
                }
                return item
            }
        }
        var refusal = workerRefusal
        if started > 0 {
            refusal = startThread { [self, started] in
                var count = 0
                do {
                    try read(source, format, batchBytes, spool, count: &count)
                } catch {
                    state.withLock { $0.failure = error }
                }
                state.withLock { $0.total = count }
                for _ in 0..<started { available.signal() }
                completed.signal()
                exited.signal()
            }
        }
        readerRunning.store(started > 0 && refusal == 0, ordering: .relaxed)
        if started == 0 || refusal != 0 {
            refuse(refusal)
            for _ in 0..<started { available.signal() }
        }
    }

    /// Checks the blocks of `blocks` on `threads` threads, each reading the next block itself when it is free (no
    /// reader thread), and hands the results back in input order; at most `window` blocks are between being taken
    /// and `next()`. The caller of `next()` is one of the threads: it checks a block itself whenever the result it
    /// waits for is not ready, so `threads` 2 starts one thread, and no third thread wakes at each result on two
    /// cores. Threads the system will not start leave their blocks to the others.
    init(blocks: LineBlocks, threads: Int, window size: Int, work: @escaping @Sendable (LineBatch) -> Output) {
        checking = (blocks, work)
        for _ in 0..<size { window.signal() }
        _ = startWorkers(max(0, threads - 1), work: work) { [self] in
            if case .block(let index, let batch) = take(blocks, waiting: true) { return (index, batch) }
            return nil
        }
    }

    private enum Taken {
        case block(index: Int, batch: LineBatch)
        /// The window is full: results wait to be taken.
        case full
        /// The end of the input, or of the run.
        case end
    }

    /// The next block of `blocks` once the window has room: waiting for it, or not (`full`).
    private func take(_ blocks: LineBlocks, waiting: Bool) -> Taken {
        if waiting {
            window.wait()
        } else if window.wait(timeout: .now()) == .timedOut {
            return .full
        }
        if stopped.load(ordering: .relaxed) { return .end }
        do {
            if let taken = try blocks.next() { return .block(index: taken.index, batch: taken.batch) }
        } catch {
            state.withLock { $0.failure = error }
        }
        // The end of the input (or its failure): said once, then the other threads pass too.
        let total = blocks.count
        state.withLock { if $0.total == nil { $0.total = total } }
        completed.signal()
        window.signal()
        return .end
    }

    /// Starts up to `threads` worker threads. Each checks what `take` gives it until `take` gives nothing, and
    /// leaves each result for `next()`. Returns the threads started and, when fewer than asked, the system's reason.
    private func startWorkers(
        _ threads: Int, work: @escaping @Sendable (LineBatch) -> Output,
        take: @escaping @Sendable () -> (index: Int, batch: LineBatch)?
    ) -> (started: Int, refusal: Int32) {
        var started = 0
        var refusal: Int32 = 0
        for _ in 0..<threads {
            refusal = startThread { [self] in
                while let (index, batch) = take() {
                    let result = work(batch)
                    state.withLock { $0.results[index] = result }
                    completed.signal()
                }
                exited.signal()
            }
            if refusal != 0 { break }
            started += 1
        }
        workers.store(started, ordering: .relaxed)
        return (started, refusal)
    }

    /// The run fails before it starts: the system would not start a thread.
    private func refuse(_ refusal: Int32) {
        let reason = String(cString: strerror(refusal))
        state.withLock {
            $0.failure = FileError(message: "cannot start a thread: \(reason)")
            $0.total = 0
        }
    }

    private func read(
        _ input: any ByteSource, _ format: InputLayout, _ batchBytes: Int,
        _ spool: (@Sendable ([UInt8]) -> Void)?, count: inout Int
    ) throws {
        var splitter = LineSplitter(format: format)
        var buffer = [UInt8](repeating: 0, count: MigrationEngine.readSize)
        var pending = LineBatch()
        var finished = false
        while !finished {
            let read = try buffer.withUnsafeMutableBufferPointer { try input.read(into: $0) }
            if read == 0 {
                try splitter.finish(into: &pending)
                finished = true
            } else {
                spool?(Array(buffer[0..<read]))
                try buffer.withUnsafeBufferPointer { (all) throws(LineSplitter.Failure) in
                    try splitter.feed(UnsafeBufferPointer(rebasing: all[0..<read]), into: &pending)
                }
            }
            if pending.count >= MigrationEngine.batchLines || pending.storage.count >= batchBytes
                || (finished && pending.count > 0)
            {
                window.wait()
                if stopped.load(ordering: .relaxed) { return }
                let batch = pending
                state.withLock { $0.queue.append((count, batch)) }
                count += 1
                available.signal()
                pending = LineBatch()
                pending.reserve(lines: 2_048, bytes: batchBytes + MigrationEngine.readSize)
            }
        }
    }

    private enum Step {
        case result(Output)
        case failure(any Error)
        case end
        case wait
        /// The input goes on: check a block of `blocks` with `work` while waiting.
        case help(LineBlocks, @Sendable (LineBatch) -> Output)
    }

    /// The next batch's result in input order, or nil at the end of the input; throws the reader's error. With
    /// blocks, checks the next block itself while the result it waits for is not ready and the window has room.
    func next() throws -> Output? {
        while true {
            let step = state.withLock { state -> Step in
                if let result = state.results.removeValue(forKey: state.next) {
                    state.next += 1
                    return .result(result)
                }
                if let failure = state.failure { return .failure(failure) }
                if let total = state.total, state.next >= total { return .end }
                if let checking, state.total == nil { return .help(checking.blocks, checking.work) }
                return .wait
            }
            switch step {
            case .result(let result):
                window.signal()
                return result
            case .failure(let error): throw error
            case .end: return nil
            case .help(let blocks, let work):
                switch take(blocks, waiting: false) {
                case .block(let index, let batch):
                    let result = work(batch)
                    state.withLock { $0.results[index] = result }
                case .full: completed.wait()
                case .end: continue
                }
            case .wait: completed.wait()
            }
        }
    }

    /// Stops reading and checking and waits for every thread to end. Call once, after the last `next()`.
    func stop() {
        stopped.store(true, ordering: .relaxed)
        let workers = workers.load(ordering: .relaxed)
        // The reader, or workers that read for themselves, wait on the window.
        for _ in 0..<max(1, workers) { window.signal() }
        for _ in 0..<workers { available.signal() }
        for _ in 0..<(workers + (readerRunning.load(ordering: .relaxed) ? 1 : 0)) { exited.wait() }
    }
}
