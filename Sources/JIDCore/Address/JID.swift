public enum JID {
    public static func parse(_ s: String) -> JIDResult { fatalError() }
}
public struct JIDResult { public var localpart: String?; public var isValid: Bool }
