import HTTPTypes
import JIDConfusables
import JIDStore

/// How a route's use of the store becomes a problem: a name that cannot be registered is 400, a store that cannot
/// be reached or written 503 with Retry-After (the one place that says so).
enum StoreAccess {
    static func run<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as ConfusableRegistry.EntryError {
            guard case .invalid(let message) = error else { throw error }
            throw Problem(.invalidParameter, "This name cannot be registered: \(message)")
        } catch let error as StoreError {
            var headers = HTTPFields()
            headers[.retryAfter] = "5"
            throw Problem(.storeUnavailable, "The store cannot be used now: \(error.description)", headers: headers)
        }
    }
}
