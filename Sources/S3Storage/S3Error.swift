import Storage

/// What went wrong talking to an S3-compatible store, in words that name the bucket, the endpoint
/// or the setting to fix.
public enum S3Error: Error, Equatable, CustomStringConvertible, StorageFailure {
    /// The `s3://` location cannot be used as written.
    case invalidLocation(String, reason: String)
    /// `AWS_ACCESS_KEY_ID` or `AWS_SECRET_ACCESS_KEY` is not set.
    case missingCredentials([String])
    /// The endpoint did not answer (refused, timed out, unknown host).
    case unreachable(endpoint: String, reason: String)
    /// The bucket does not exist on that endpoint.
    case noSuchBucket(String)
    /// The store refused the key or its signature (`InvalidAccessKeyId`, `SignatureDoesNotMatch`,
    /// `AccessDenied`).
    case accessDenied(code: String, message: String)
    /// Any other error answer: the HTTP status and S3's code and message, when it gave them.
    case failed(operation: String, status: Int, code: String, message: String)
    /// An answer that is not what S3 sends (a truncated or garbled XML body, a missing header).
    case malformedResponse(operation: String, reason: String)

    public var description: String {
        switch self {
        case .invalidLocation(let location, let reason):
            "invalid S3 location \(location): \(reason) (expected s3://bucket[/prefix]?endpoint=http://host:port&region=us-east-1)"
        case .missingCredentials(let names):
            "S3 credentials missing: set \(names.joined(separator: " and "))"
        case .unreachable(let endpoint, let reason):
            "the S3 endpoint \(endpoint) cannot be reached: \(reason)"
        case .noSuchBucket(let bucket):
            "the S3 bucket \(bucket) does not exist"
        case .accessDenied(let code, let message):
            "the S3 store refused the credentials (\(code)): \(message)"
        case .failed(let operation, let status, let code, let message):
            "S3 \(operation) failed with HTTP \(status)" + (code.isEmpty ? "" : " \(code)") + (message.isEmpty ? "" : ": \(message)")
        case .malformedResponse(let operation, let reason):
            "S3 \(operation) answered something that is not S3: \(reason)"
        }
    }

    /// Every S3 failure is a storage failure to the services: the store cannot be read or written.
    public var storageError: StorageError? {
        switch self {
        case .accessDenied, .noSuchBucket: StorageError(code: .notWritable, message: description)
        default: StorageError(code: .io, message: description)
        }
    }
}
