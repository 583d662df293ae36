import S3Storage
import Testing

/// `s3://bucket[/prefix]?endpoint=…&region=…` as written on the command line.
@Suite("S3 locations")
struct S3LocationTests {
    @Test("a bucket, a prefix, an endpoint and a region")
    func parses() throws {
        let local = try S3Location(parsing: "s3://media-a/centre/lyon/?endpoint=http://127.0.0.1:9000&region=eu-west-3")
        #expect(local.bucket == "media-a" && local.prefix == "centre/lyon/" && local.region == "eu-west-3")
        #expect(local.endpoint == "http://127.0.0.1:9000" && local.host == "127.0.0.1:9000")
        // The scheme's own port is not part of the signed Host; AWS when no endpoint is given.
        let aws = try S3Location(parsing: "s3://media.b?region=eu-central-1")
        #expect(aws.endpoint == "https://s3.eu-central-1.amazonaws.com" && aws.host == "s3.eu-central-1.amazonaws.com" && aws.prefix == "")
        #expect(try S3Location(parsing: "s3://abc?endpoint=https://garage.example:443/").host == "garage.example")
        #expect(try S3Location(parsing: "s3://abc").region == "us-east-1")
    }

    @Test("malformed locations say what is wrong", arguments: [
        ("http://bucket", "not an s3:// URL"),
        ("s3:///prefix", "no bucket name"),
        ("s3://", "no bucket name"),
        ("s3://ab", "not a valid bucket name"),
        ("s3://My_Bucket", "not a valid bucket name"),
        ("s3://-bucket", "not a valid bucket name"),
        ("s3://bucket?endpoint=ftp://host", "http:// or https://"),
        ("s3://bucket?endpoint=http://", "http:// or https://"),
        ("s3://bucket?endpoint=http://host/path", "no path"),
        ("s3://bucket?endpoint=127.0.0.1:9000", "http:// or https://"),
        ("s3://bucket?region=", "empty region"),
        ("s3://bucket?colour=red", "unknown parameter colour"),
        ("s3://bucket name", "not an s3:// URL"),
    ])
    func malformed(_ text: String, _ reason: String) {
        do {
            _ = try S3Location(parsing: text)
            Issue.record("accepted \(text)")
        } catch {
            guard case .invalidLocation(let location, let why) = error else { Issue.record("\(error)"); return }
            #expect(location == text)
            #expect(why.contains(reason), "\(why)")
            #expect(error.description.contains("expected s3://bucket"))
        }
    }
}
