import Foundation
import S3Storage
import Storage
import Testing

/// Answers a real S3 never gives but a broken proxy, a cut connection or a half-compatible store
/// may: each becomes a clear error, never a crash or a wrong blob.
@Suite("S3 answers that are not S3")
struct S3BrokenAnswerTests {
    static func client(_ server: CannedHTTPServer) throws(S3Error) -> S3Client {
        S3Client(location: try S3Location(parsing: "s3://parlons-tests?endpoint=\(server.endpoint)"),
                 credentials: AWSCredentials(accessKeyID: "key", secretAccessKey: "secret"), requestTimeout: .seconds(10))
    }

    static func malformed(_ body: () throws(S3Error) -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            guard case .malformedResponse(_, let reason) = error else { return "not malformed: \(error)" }
            return reason
        }
    }

    @Test("a truncated XML error body")
    func truncatedError() throws {
        let server = try CannedHTTPServer(status: "403 Forbidden", headers: [("Content-Type", "application/xml")],
                                          body: #"<?xml version="1.0" encoding="UTF-8"?><Error><Code>SignatureDoes"#)
        defer { server.stop() }
        let reason = Self.malformed { () throws(S3Error) in try Self.client(server).checkBucket() }
        #expect(reason?.contains("HTTP 403") == true && reason?.contains("<Error><Code>SignatureDoes") == true, "\(reason ?? "no error")")
    }

    @Test("an HTML error page in place of an S3 error")
    func htmlError() throws {
        let server = try CannedHTTPServer(status: "502 Bad Gateway", body: "<html><body>Bad gateway</body></html>")
        defer { server.stop() }
        let reason = Self.malformed { () throws(S3Error) in try Self.client(server).put("k", bytes: [1]) }
        #expect(reason?.contains("HTTP 502") == true, "\(reason ?? "no error")")
    }

    @Test("a listing cut short, and one that says there is more without saying where")
    func garbledListing() throws {
        let cut = try CannedHTTPServer(status: "200 OK", body: "<ListBucketResult><IsTruncated>false</IsTruncated><Contents><Key>recordings/a")
        defer { cut.stop() }
        #expect(Self.malformed { () throws(S3Error) in _ = try Self.client(cut).list(prefix: "recordings/") } == "an incomplete ListBucketResult")
        let endless = try CannedHTTPServer(status: "200 OK", body: "<ListBucketResult><IsTruncated>true</IsTruncated></ListBucketResult>")
        defer { endless.stop() }
        #expect(Self.malformed { () throws(S3Error) in _ = try Self.client(endless).list(prefix: "") }?.contains("NextContinuationToken") == true)
    }

    @Test("a ranged answer shorter than the range it claims")
    func shortRange() throws {
        let server = try CannedHTTPServer(status: "206 Partial Content", headers: [("Content-Range", "bytes 0-9/100")], body: "12345")
        defer { server.stop() }
        #expect(Self.malformed { () throws(S3Error) in _ = try Self.client(server).get("k", range: 0..<10) } == "5 bytes where 10 were due")
        let elsewhere = try CannedHTTPServer(status: "206 Partial Content", headers: [("Content-Range", "bytes 50-54/100")], body: "12345")
        defer { elsewhere.stop() }
        #expect(Self.malformed { () throws(S3Error) in _ = try Self.client(elsewhere).get("k", range: 0..<5) } == "206 without the range asked")
    }

    @Test("a completed upload whose answer is an error, in a 200")
    func completeWithError() throws {
        let server = try CannedHTTPServer(status: "200 OK", body: "<Error><Code>InternalError</Code><Message>We encountered an internal error.</Message></Error>")
        defer { server.stop() }
        do {
            try Self.client(server).completeMultipart("k", uploadID: "u", etags: ["\"e\""])
            Issue.record("completed")
        } catch {
            guard case .failed(_, _, "InternalError", let message) = error else { Issue.record("\(error)"); return }
            #expect(message == "We encountered an internal error.")
        }
    }
}
