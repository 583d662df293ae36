import AsyncHTTPClient
import Foundation
import NIOHTTP1

extension S3Client {
    /// Checks that the bucket exists and the credentials open it: what start-up calls so that a
    /// wrong setting is told at once, not at the first upload.
    public func checkBucket() throws(S3Error) {
        let response = try send(.GET, key: nil, query: [("list-type", "2"), ("max-keys", "1")], operation: "list \(location.bucket)")
        guard response.status == 200 else { throw failure(response, operation: "list \(location.bucket)") }
    }

    /// Creates the bucket (for tests and first set-ups); an existing bucket of ours is fine.
    public func createBucket() throws(S3Error) {
        let response = try send(.PUT, key: nil, operation: "create bucket \(location.bucket)")
        guard response.status == 200 || response.status == 409 && S3XML(response.body).value("Code") == "BucketAlreadyOwnedByYou" else {
            throw failure(response, operation: "create bucket \(location.bucket)")
        }
    }

    /// The object's size, or nil when there is no such object.
    public func size(of key: String) throws(S3Error) -> Int? {
        let response = try send(.HEAD, key: key, operation: "HEAD \(key)")
        switch response.status {
        case 200:
            guard let length = response.headers.first(name: "content-length").flatMap(Int.init), length >= 0 else {
                throw .malformedResponse(operation: "HEAD \(key)", reason: "no Content-Length")
            }
            return length
        case 404: return nil
        default: throw failure(response, operation: "HEAD \(key)")
        }
    }

    /// Bytes `range` of the object: a ranged GET. A range starting at or past the end is empty
    /// (S3 answers 416 there), one running past the end stops at it.
    public func get(_ key: String, range: Range<Int>) throws(S3Error) -> [UInt8] {
        guard !range.isEmpty else { return [] }
        let operation = "GET \(key) bytes \(range.lowerBound)-\(range.upperBound - 1)"
        let response = try send(.GET, key: key, headers: [("range", "bytes=\(range.lowerBound)-\(range.upperBound - 1)")], operation: operation)
        switch response.status {
        case 206:
            // The range answered must be the one asked: `bytes first-last/total`.
            guard let contentRange = response.headers.first(name: "content-range"), contentRange.hasPrefix("bytes \(range.lowerBound)-"),
                  let total = contentRange.split(separator: "/").last.flatMap({ Int($0) }) else {
                throw .malformedResponse(operation: operation, reason: "206 without the range asked")
            }
            let expected = min(range.upperBound, total) - range.lowerBound
            guard response.body.count == expected else {
                throw .malformedResponse(operation: operation, reason: "\(response.body.count) bytes where \(expected) were due")
            }
            return response.body
        case 200:
            // A store that ignores ranges sends everything.
            guard range.lowerBound < response.body.count else { return [] }
            return Array(response.body[range.lowerBound..<min(range.upperBound, response.body.count)])
        case 416:
            return []
        default:
            throw failure(response, operation: operation)
        }
    }

    /// Stores `bytes` under `key` in one PUT, its SHA-256 signed.
    public func put(_ key: String, bytes: [UInt8], sha256: String? = nil) throws(S3Error) {
        let response = try send(.PUT, key: key, body: bytes, payloadHash: sha256, operation: "PUT \(key)")
        guard response.status == 200 else { throw failure(response, operation: "PUT \(key)") }
    }

    /// Deletes the object; deleting what is not there is no error (S3 answers 204 either way).
    public func delete(_ key: String) throws(S3Error) {
        let response = try send(.DELETE, key: key, operation: "DELETE \(key)")
        guard response.status == 204 || response.status == 200 || response.status == 404 && S3XML(response.body).value("Code") == "NoSuchKey" else {
            throw failure(response, operation: "DELETE \(key)")
        }
    }

    /// Every key under `prefix` (after the location's own prefix, which is taken off again):
    /// ListObjectsV2, page after page.
    public func list(prefix: String) throws(S3Error) -> [String] {
        try objects(prefix: prefix).map(\.key)
    }

    /// Every object under `prefix`, with when it was last written (ListObjectsV2, page after page).
    public func objects(prefix: String) throws(S3Error) -> [S3Object] {
        var objects: [S3Object] = []
        var token: String?
        let operation = "list \(location.bucket)/\(location.prefix)\(prefix)"
        repeat {
            var query: [(name: String, value: String)] = [("list-type", "2"), ("prefix", location.prefix + prefix)]
            if let token { query.append(("continuation-token", token)) }
            let response = try send(.GET, key: nil, query: query, operation: operation)
            guard response.status == 200 else { throw failure(response, operation: operation) }
            let xml = S3XML(response.body)
            guard xml.isComplete(root: "ListBucketResult") else {
                throw .malformedResponse(operation: operation, reason: "an incomplete ListBucketResult")
            }
            for entry in xml.elements("Contents") {
                guard let key = entry.value("Key"), let modified = entry.value("LastModified").flatMap(S3XML.time) else {
                    throw .malformedResponse(operation: operation, reason: "an object without its Key or LastModified")
                }
                objects.append(S3Object(key: String(key.dropFirst(location.prefix.count)), lastModified: modified))
            }
            let truncated = xml.value("IsTruncated") == "true"
            token = truncated ? xml.value("NextContinuationToken") : nil
            if truncated && token == nil {
                throw .malformedResponse(operation: operation, reason: "a truncated listing without NextContinuationToken")
            }
        } while token != nil
        return objects
    }
}

/// An object of a listing: its key (after the location's prefix) and when it was last written.
public struct S3Object: Sendable, Equatable {
    public let key: String
    public let lastModified: Date
}
