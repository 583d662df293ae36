import AsyncHTTPClient
import Foundation
import NIOHTTP1

extension S3Client {
    /// Starts a multipart upload and returns its id.
    public func startMultipart(_ key: String) throws(S3Error) -> String {
        let operation = "start multipart upload \(key)"
        let response = try send(.POST, key: key, query: [("uploads", "")], operation: operation)
        guard response.status == 200 else { throw failure(response, operation: operation) }
        guard let id = S3XML(response.body).value("UploadId"), !id.isEmpty else {
            throw .malformedResponse(operation: operation, reason: "no UploadId")
        }
        return id
    }

    /// Sends part `number` (from 1) and returns its ETag, which completing the upload names.
    public func uploadPart(_ key: String, uploadID: String, number: Int, bytes: [UInt8]) throws(S3Error) -> String {
        let operation = "upload part \(number) of \(key)"
        let response = try send(.PUT, key: key, query: [("partNumber", String(number)), ("uploadId", uploadID)], body: bytes, operation: operation)
        guard response.status == 200 else { throw failure(response, operation: operation) }
        guard let tag = response.headers.first(name: "etag"), !tag.isEmpty else {
            throw .malformedResponse(operation: operation, reason: "no ETag")
        }
        return tag
    }

    /// Joins the parts: the object appears whole, at once.
    public func completeMultipart(_ key: String, uploadID: String, etags: [String]) throws(S3Error) {
        let operation = "complete multipart upload \(key)"
        let parts = etags.enumerated().map { "<Part><PartNumber>\($0.offset + 1)</PartNumber><ETag>\(Self.escapeXML($0.element))</ETag></Part>" }
        let body = Array("<CompleteMultipartUpload>\(parts.joined())</CompleteMultipartUpload>".utf8)
        let response = try send(.POST, key: key, query: [("uploadId", uploadID)], body: body, operation: operation)
        // S3 may answer 200 and put the error in the body, once the parts were joined.
        guard response.status == 200, !S3XML(response.body).isComplete(root: "Error") else {
            throw failure(Response(status: response.status == 200 ? 500 : response.status, headers: response.headers, body: response.body),
                          operation: operation)
        }
    }

    /// Gives up an upload: its parts are deleted.
    public func abortMultipart(_ key: String, uploadID: String) throws(S3Error) {
        let operation = "abort multipart upload \(key)"
        let response = try send(.DELETE, key: key, query: [("uploadId", uploadID)], operation: operation)
        guard response.status == 204 || response.status == 200 || response.status == 404 else { throw failure(response, operation: operation) }
    }

    /// When the upload's latest part was sent (ListParts, page after page), nil when none was:
    /// an upload started long ago may still be sending.
    public func lastPartWritten(_ key: String, uploadID: String) throws(S3Error) -> Date? {
        var latest: Date?
        var marker: String?
        let operation = "list parts of \(key)"
        repeat {
            var query: [(name: String, value: String)] = [("uploadId", uploadID)]
            if let marker { query.append(("part-number-marker", marker)) }
            let response = try send(.GET, key: key, query: query, operation: operation)
            guard response.status == 200 else { throw failure(response, operation: operation) }
            let xml = S3XML(response.body)
            // AWS's root element; moto names it ListPartsResponse.
            guard xml.isComplete(root: "ListPartsResult") || xml.isComplete(root: "ListPartsResponse") else {
                throw .malformedResponse(operation: operation, reason: "an incomplete ListPartsResult")
            }
            for part in xml.elements("Part") {
                guard let written = part.value("LastModified").flatMap(S3XML.time) else {
                    throw .malformedResponse(operation: operation, reason: "a part without its LastModified")
                }
                latest = max(latest ?? written, written)
            }
            marker = nil
            if xml.value("IsTruncated") == "true" {
                guard let next = xml.value("NextPartNumberMarker") else {
                    throw .malformedResponse(operation: operation, reason: "a truncated listing without NextPartNumberMarker")
                }
                marker = next
            }
        } while marker != nil
        return latest
    }

    static func escapeXML(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

extension S3Client {
    /// The multipart uploads started under `prefix` and neither completed nor aborted (what a
    /// crash in the middle of one leaves: parts that are stored, and paid for, but never seen),
    /// with when each was started.
    public func unfinishedMultiparts(prefix: String) throws(S3Error) -> [S3MultipartUpload] {
        var uploads: [S3MultipartUpload] = []
        var markers: (key: String, uploadID: String)?
        let operation = "list multipart uploads \(location.bucket)/\(location.prefix)\(prefix)"
        repeat {
            var query: [(name: String, value: String)] = [("uploads", ""), ("prefix", location.prefix + prefix)]
            if let markers { query += [("key-marker", markers.key), ("upload-id-marker", markers.uploadID)] }
            let response = try send(.GET, key: nil, query: query, operation: operation)
            guard response.status == 200 else { throw failure(response, operation: operation) }
            let xml = S3XML(response.body)
            guard xml.isComplete(root: "ListMultipartUploadsResult") else {
                throw .malformedResponse(operation: operation, reason: "an incomplete ListMultipartUploadsResult")
            }
            for upload in xml.elements("Upload") {
                guard let key = upload.value("Key"), let id = upload.value("UploadId") else {
                    throw .malformedResponse(operation: operation, reason: "uploads without their ids")
                }
                guard let initiated = upload.value("Initiated").flatMap(S3XML.time) else {
                    throw .malformedResponse(operation: operation, reason: "an upload without the time it was initiated")
                }
                uploads.append(S3MultipartUpload(key: String(key.dropFirst(location.prefix.count)), uploadID: id, initiated: initiated))
            }
            markers = nil
            if xml.value("IsTruncated") == "true" {
                guard let key = xml.value("NextKeyMarker"), let id = xml.value("NextUploadIdMarker") else {
                    throw .malformedResponse(operation: operation, reason: "a truncated listing without its next markers")
                }
                markers = (key, id)
            }
        } while markers != nil
        return uploads
    }
}

/// A multipart upload neither completed nor aborted: its key (after the location's prefix), its
/// id, and when it was started.
public struct S3MultipartUpload: Sendable, Equatable {
    public let key: String
    public let uploadID: String
    public let initiated: Date
}
