/// The version of jid-service.
public enum JIDServiceVersion {
    public static let current = "0.1.0"
}
