import Hummingbird

extension Response {
    /// Runs `completion` once the body has been written or has failed (with the error), exactly once either way.
    ///
    /// A body of known length (every single-address route) has been produced when the handler returns, so it runs
    /// at once with nil; a streamed body (`/v1/batch`) is wrapped so it runs when the stream ends, also when the
    /// client goes away part way, which Hummingbird's post-write hook does not report.
    func onBodyComplete(_ completion: @escaping @Sendable ((any Error)?) -> Void) -> Response {
        guard body.contentLength == nil else {
            completion(nil)
            return self
        }
        var response = self
        let original = body
        response.body = ResponseBody { writer in
            do {
                try await original.write(writer)
                completion(nil)
            } catch {
                completion(error)
                throw error
            }
        }
        return response
    }
}
