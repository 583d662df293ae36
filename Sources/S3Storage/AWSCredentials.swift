/// An access key and its secret, as AWS and every S3-compatible store issue them.
public struct AWSCredentials: Sendable, Equatable {
    public let accessKeyID: String
    public let secretAccessKey: String

    public init(accessKeyID: String, secretAccessKey: String) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
    }

    /// The usual `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` variables; throws
    /// ``S3Error/missingCredentials`` naming what is missing.
    public static func fromEnvironment(_ environment: [String: String]) throws(S3Error) -> AWSCredentials {
        let missing = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"].filter { (environment[$0] ?? "").isEmpty }
        guard missing.isEmpty, let key = environment["AWS_ACCESS_KEY_ID"], let secret = environment["AWS_SECRET_ACCESS_KEY"] else {
            throw .missingCredentials(missing)
        }
        return AWSCredentials(accessKeyID: key, secretAccessKey: secret)
    }
}
