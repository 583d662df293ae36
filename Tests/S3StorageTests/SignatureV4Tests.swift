import Foundation
import S3Storage
import Testing

/// The signer against the worked examples AWS publishes, each with the signature AWS printed.
///
/// - S3 API Reference, "Signature Calculations for the Authorization Header: Transferring Payload
///   in a Single Chunk (AWS Signature Version 4)" (docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html):
///   GET Object with `Range: bytes=0-9`, PUT Object `test$file.text`, GET Bucket Lifecycle, GET
///   Bucket (List Objects); bucket `examplebucket`, key AKIAIOSFODNN7EXAMPLE, 2013-05-24.
/// - S3 API Reference, "Authenticating Requests: Using Query Parameters (AWS Signature Version 4)"
///   (docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html): the presigned GET of
///   `examplebucket/test.txt` for 86400 seconds.
/// - IAM User Guide, "Create a signed AWS API request" (docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html,
///   formerly General Reference "sigv4-calculate-signature"): `GET https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08`,
///   key AKIDEXAMPLE, 2015-08-30T12:36:00Z, with its canonical request hash and signing key.
@Suite("Signature V4 on AWS's published examples")
struct SignatureV4Tests {
    static let s3Example = SignatureV4(
        credentials: AWSCredentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        region: "us-east-1", service: "s3")
    /// 2013-05-24T00:00:00Z.
    static let may24 = Date(timeIntervalSince1970: 1_369_353_600)
    static let emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    static let host = ("host", "examplebucket.s3.amazonaws.com")

    static func value(_ name: String, in headers: [(name: String, value: String)]) -> String? {
        headers.first { $0.name.lowercased() == name }?.value
    }

    @Test("GET Object with a Range: canonical request, string to sign, Authorization")
    func getObjectWithRange() throws {
        let request = SignatureV4.Request(method: "GET", path: "/test.txt", headers: [Self.host, ("Range", "bytes=0-9")],
                                          payloadHash: Self.emptyHash)
        let sent = Self.s3Example.signedHeaders(request, date: Self.may24)
        #expect(Self.value("x-amz-date", in: sent) == "20130524T000000Z")
        #expect(Self.value("x-amz-content-sha256", in: sent) == Self.emptyHash)
        var signed = request
        signed.headers = sent.filter { $0.name != "Authorization" }
        let canonical = Self.s3Example.canonicalRequest(signed)
        #expect(canonical == """
            GET
            /test.txt

            host:examplebucket.s3.amazonaws.com
            range:bytes=0-9
            x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            x-amz-date:20130524T000000Z

            host;range;x-amz-content-sha256;x-amz-date
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
        #expect(Self.s3Example.stringToSign(canonicalRequest: canonical, date: Self.may24) == """
            AWS4-HMAC-SHA256
            20130524T000000Z
            20130524/us-east-1/s3/aws4_request
            7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972
            """)
        #expect(Self.value("authorization", in: sent) == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
            + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
    }

    @Test("PUT Object: a key with '$', a signed payload and extra headers")
    func putObject() {
        let payloadHash = SignatureV4.hexSHA256(Array("Welcome to Amazon S3.".utf8))
        #expect(payloadHash == "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072")
        let request = SignatureV4.Request(method: "PUT", path: "/test$file.text",
                                          headers: [Self.host, ("Date", "Fri, 24 May 2013 00:00:00 GMT"), ("x-amz-storage-class", "REDUCED_REDUNDANCY")],
                                          payloadHash: payloadHash)
        let authorization = Self.value("authorization", in: Self.s3Example.signedHeaders(request, date: Self.may24))
        #expect(authorization?.contains("SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,") == true)
        #expect(authorization?.hasSuffix("Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd") == true)
    }

    @Test("GET Bucket Lifecycle and List Objects: query parameters with and without values")
    func bucketQueries() {
        let lifecycle = SignatureV4.Request(method: "GET", path: "/", query: [("lifecycle", "")], headers: [Self.host], payloadHash: Self.emptyHash)
        #expect(Self.value("authorization", in: Self.s3Example.signedHeaders(lifecycle, date: Self.may24))?
            .hasSuffix("Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543") == true)
        // Given out of order: the canonical query sorts them.
        let list = SignatureV4.Request(method: "GET", path: "/", query: [("prefix", "J"), ("max-keys", "2")], headers: [Self.host],
                                       payloadHash: Self.emptyHash)
        #expect(Self.value("authorization", in: Self.s3Example.signedHeaders(list, date: Self.may24))?
            .hasSuffix("Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7") == true)
    }

    @Test("a presigned GET URL for examplebucket/test.txt")
    func presignedURL() {
        let url = Self.s3Example.presignedURL(method: "GET", base: "https://examplebucket.s3.amazonaws.com", host: "examplebucket.s3.amazonaws.com",
                                              path: "/test.txt", expires: 86_400, date: Self.may24)
        #expect(url == "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256"
            + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z"
            + "&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404")
        // Its canonical request's hash, printed in the same example's string to sign.
        let canonical = Self.s3Example.canonicalRequest(SignatureV4.Request(
            method: "GET", path: "/test.txt",
            query: [("X-Amz-Algorithm", "AWS4-HMAC-SHA256"), ("X-Amz-Credential", "AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request"),
                    ("X-Amz-Date", "20130524T000000Z"), ("X-Amz-Expires", "86400"), ("X-Amz-SignedHeaders", "host")],
            headers: [Self.host], payloadHash: SignatureV4.unsignedPayload))
        #expect(SignatureV4.hexSHA256(Array(canonical.utf8)) == "3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04")
    }

    @Test("IAM ListUsers: canonical request hash, signing key, Authorization header")
    func iamListUsers() {
        let signer = SignatureV4(credentials: AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
                                 region: "us-east-1", service: "iam")
        let date = Date(timeIntervalSince1970: 1_440_938_160)  // 2015-08-30T12:36:00Z
        let request = SignatureV4.Request(method: "GET", path: "/", query: [("Action", "ListUsers"), ("Version", "2010-05-08")],
                                          headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"), ("Host", "iam.amazonaws.com")],
                                          payloadHash: Self.emptyHash)
        let sent = signer.signedHeaders(request, date: date)
        // No x-amz-content-sha256 outside S3.
        #expect(Self.value("x-amz-content-sha256", in: sent) == nil)
        var signed = request
        signed.headers = sent.filter { $0.name != "Authorization" }
        let canonical = signer.canonicalRequest(signed)
        #expect(canonical == """
            GET
            /
            Action=ListUsers&Version=2010-05-08
            content-type:application/x-www-form-urlencoded; charset=utf-8
            host:iam.amazonaws.com
            x-amz-date:20150830T123600Z

            content-type;host;x-amz-date
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
            """)
        #expect(SignatureV4.hexSHA256(Array(canonical.utf8)) == "f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59")
        let key = signer.signingKey(date: date).withUnsafeBytes { Array($0) }
        #expect(key.map { String(format: "%02x", $0) }.joined() == "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9")
        #expect(Self.value("authorization", in: sent) == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "
            + "SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7")
    }

    @Test("encoding keeps only the unreserved characters, in UTF-8, uppercase hex")
    func encoding() {
        #expect(SignatureV4.encode("a b+c*~_-.") == "a%20b%2Bc%2A~_-.")
        #expect(SignatureV4.encode("é/x", keepingSlash: true) == "%C3%A9/x")
        #expect(SignatureV4.encode("é/x") == "%C3%A9%2Fx")
    }
}
