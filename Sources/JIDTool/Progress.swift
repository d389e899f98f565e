import Dispatch
import Foundation
import JIDBulk

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns SIGINT and SIGTERM into a cancellation that a run checks between rounds.
final class Interruption {
    let cancellation = Cancellation()
    private var sources: [any DispatchSourceSignal] = []

    init() {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [cancellation] in cancellation.cancel() }
            source.resume()
            sources.append(source)
        }
    }
}

/// A progress line on standard error: lines, rate, share of the input and time left.
struct Progress {
    let enabled: Bool
    let totalBytes: Int?
    private let start = DispatchTime.now().uptimeNanoseconds
    private var lastDraw: UInt64 = 0

    init(enabled: Bool, totalBytes: Int?) {
        self.enabled = enabled
        self.totalBytes = totalBytes
    }

    mutating func update(lines: Int, bytes: Int) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        guard now - lastDraw > 200_000_000 else { return }
        lastDraw = now
        draw(lines: lines, bytes: bytes, now: now)
    }

    mutating func finish(lines: Int, bytes: Int) {
        guard enabled else { return }
        draw(lines: lines, bytes: bytes, now: DispatchTime.now().uptimeNanoseconds)
        FileHandle.standardError.write("\n")
    }

    private func draw(lines: Int, bytes: Int, now: UInt64) {
        let seconds = max(Double(now - start) / 1e9, 0.001)
        let rate = Double(lines) / seconds
        var text = "\r\(grouped(lines)) lines  \(String(format1: rate / 1e6))M lines/s"
        if let totalBytes, totalBytes > 0 {
            let fraction = min(1, Double(bytes) / Double(totalBytes))
            let width = 30
            let filled = Int(fraction * Double(width))
            let remaining = fraction > 0 ? seconds * (1 - fraction) / fraction : 0
            text +=
                "  [" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
                + "] \(Int(fraction * 100))%  ETA \(Int(remaining) / 60):\(String(format2: Int(remaining) % 60))"
        }
        FileHandle.standardError.write(text + "   ")
    }

    private func grouped(_ number: Int) -> String {
        var digits = Array(String(number))
        var index = digits.count - 3
        while index > 0 {
            digits.insert(",", at: index)
            index -= 3
        }
        return String(digits)
    }
}

extension String {
    /// One decimal place.
    init(format1 value: Double) {
        let tenths = Int((value * 10).rounded())
        self = "\(tenths / 10).\(tenths % 10)"
    }

    /// Two digits, zero-padded.
    init(format2 value: Int) { self = value < 10 ? "0\(value)" : "\(value)" }
}
