public import Foundation
public import JIDTLS

extension RegistryStore {
    /// Records the certificate a verification saw (RFC 7590 §3.6) and returns the report with its pin outcome.
    /// A report that holds no certificate is returned as it is.
    public func track(_ report: TLSVerificationReport, at time: Date = Date()) async throws(StoreError)
        -> TLSVerificationReport
    {
        guard let observation = PinObservation(report, seenAt: time) else { return report }
        var tracked = report
        tracked.pin = try await recordPin(observation)
        return tracked
    }
}
