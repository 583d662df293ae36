import Foundation

extension S3Client {
    /// A URL anyone may GET the object with for `expires` seconds (at most a week): for a
    /// short-lived redirect, so that the object store sends the bytes instead of Parlons.
    public func presignedGET(_ key: String, expires: Int, date: Date = Date()) -> String {
        signer.presignedURL(method: "GET", base: location.endpoint, host: location.host,
                            path: "/\(location.bucket)/\(location.prefix)\(key)", expires: expires, date: date)
    }
}
