import Foundation
import S3Storage
import TestSupport
import Testing

/// `parlons serve --blobs s3://…` end to end: the real binary on loopback, its blobs in moto.
@Suite("parlons serve with its blobs in S3")
struct ServeOnS3Tests {
    static func environment(_ moto: MotoServer) -> [String: String] {
        ["AWS_ACCESS_KEY_ID": moto.accessKeyID, "AWS_SECRET_ACCESS_KEY": moto.secretAccessKey]
    }

    /// A 4 × 4 PNG made by Python's zlib.
    static func png() throws -> [UInt8] {
        let directory = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("p.png")
        let script = """
        import struct, sys, zlib
        def chunk(kind, data):
            return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)
        raw = b''.join(b'\\x00' + bytes([40, 128, 215]) * 4 for _ in range(4))
        sys.stdout.buffer.write(b'\\x89PNG\\r\\n\\x1a\\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 4, 4, 8, 2, 0, 0, 0))
                                + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))
        """
        try ExternalTool.run("sh", ["-c", "python3 -c \"$0\" > \(file.path)", script])
        return [UInt8](try Data(contentsOf: file))
    }

    @Test("an upload lands in the bucket, not the media root, and plays back whole and by range; a photo too")
    func uploadAndPlay() async throws {
        let moto = try await S3TestStores.server()
        let prefix = UUID().uuidString
        let location = "s3://\(S3TestStores.bucket)/\(prefix)?endpoint=\(moto.endpoint)&region=us-east-1"
        // No memory cache: every read is a ranged GET streamed through.
        let server = try await ServerProcess.start(arguments: ["--blobs", location, "--media-cache", "0"], environment: Self.environment(moto))
        defer { server.stop(); server.removeMediaRoot() }
        let wav = TestWAV.make(Signals.sine(frequency: 330, sampleRate: 16_000, seconds: 2), sampleRate: 16_000)
        let created = try await server.client.send("POST", "/api/recordings?title=S3", headers: [("Content-Type", "audio/wav")], body: .bytes(wav))
        #expect(created.status == 201, "\(created.text)")
        let json = try created.json()
        let id = try #require(json["id"] as? String), sha = try #require(json["sha256"] as? String)

        // The bucket holds the recording and its peaks; the media root holds no blob.
        let client = try S3TestStores.client(moto, prefix: prefix)
        let key = "recordings/\(sha.prefix(2))/\(sha.dropFirst(2).prefix(2))/\(sha).opus"
        let size = try #require(try client.size(of: key))
        #expect(size == json["bytes"] as? Int)
        #expect(try client.list(prefix: "peaks/").count == 1)
        let localFiles = FileManager.default.enumerator(atPath: server.mediaRoot.appendingPathComponent("recordings").path)?
            .compactMap { $0 as? String }.filter { $0.hasSuffix(".opus") } ?? []
        #expect(localFiles.isEmpty)

        let stored = try client.get(key, range: 0..<size)
        let whole = try await server.client.get("/media/\(id).opus")
        #expect(whole.status == 200 && whole.body == stored)
        let part = try await server.client.get("/media/\(id).opus", headers: [("Range", "bytes=100-299")])
        #expect(part.status == 206 && part.body == Array(stored[100..<300]))
        let peaks = try await server.client.get("/api/recordings/\(id)/peaks.json")
        #expect(peaks.status == 200, "\(peaks.text)")
        let wavBack = try await server.client.get("/media/\(id).wav")
        #expect(wavBack.status == 200 && wavBack.body.count > 44)

        // A photo goes to the bucket's pictures and comes back from it.
        let people = try await server.client.get("/api/people").json(array: true)
        let admin = try #require(people.first { $0["name"] as? String == "tester" }?["id"] as? String)
        let png = try Self.png()
        #expect(try await server.client.send("PUT", "/api/people/\(admin)/avatar", body: .bytes(png)).status == 204)
        #expect(try client.list(prefix: "pictures/").count == 1)
        let avatar = try await server.client.get("/api/people/\(admin)/avatar")
        #expect(avatar.status == 200 && avatar.body == png)

        // Deleting the recording deletes its object.
        let deleted = try await server.client.send("DELETE", "/api/recordings/\(id)")
        #expect(deleted.status == 204, "\(deleted.text)")
        #expect(try client.size(of: key) == nil)
    }

    @Test("backup refuses a library whose blobs are in S3 rather than copy its database alone")
    func backupRefused() throws {
        let destination = try ExternalTool.temporaryDirectory("parlons-s3-backup")
        defer { try? FileManager.default.removeItem(at: destination) }
        let media = destination.appendingPathComponent("media").path
        let result = try ExternalTool.run(ServerProcess.binaryPath, ["backup", destination.appendingPathComponent("copy").path, "--media", media,
                                                                     "--blobs", "s3://parlons-tests"], requireSuccess: false)
        #expect(result.status != 0)
        #expect(result.stderr.contains("blobs kept in S3 (--blobs) are not supported yet"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: destination.appendingPathComponent("copy").path))
    }

    @Test("a missing bucket, missing credentials or a malformed location stop start-up with a message")
    func badConfiguration() async throws {
        let moto = try await S3TestStores.server()
        let cases: [(arguments: [String], environment: [String: String], message: String)] = [
            (["--blobs", "s3://no-such-bucket-here?endpoint=\(moto.endpoint)"], Self.environment(moto), "bucket no-such-bucket-here does not exist"),
            (["--blobs", "s3://\(S3TestStores.bucket)?endpoint=\(moto.endpoint)"], ["AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": ""],
             "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"),
            (["--blobs", "s3://Bad_Bucket"], Self.environment(moto), "not a valid bucket name"),
        ]
        for (arguments, environment, message) in cases {
            do {
                let server = try await ServerProcess.start(arguments: arguments, environment: environment, bootstrapAdmin: false)
                await server.stop()
                Issue.record("started with \(arguments)")
            } catch let failure as ServerProcess.Failure {
                #expect("\(failure)".contains(message), "\(failure)")
            }
        }
    }

    /// moto's open server: the one that checks signatures refuses any signed query value holding a
    /// '/' (moto 5.2), and a server lists its prefixes at start-up. The presigned URL's signature is
    /// checked against AWS's own example in SignatureV4Tests.
    @Test("with --public-redirect, public audio is a 307 to a presigned URL the object store answers; other audio is sent by Parlons")
    func publicRedirect() async throws {
        let moto = try await S3TestStores.server()
        let prefix = UUID().uuidString
        let location = "s3://\(S3TestStores.bucket)/\(prefix)?endpoint=\(moto.endpoint)&region=us-east-1"
        let server = try await ServerProcess.start(arguments: ["--blobs", location, "--public-redirect", "300"], environment: Self.environment(moto))
        defer { server.stop(); server.removeMediaRoot() }
        let wav = TestWAV.make(Signals.sine(frequency: 440, sampleRate: 16_000, seconds: 2), sampleRate: 16_000)
        let created = try await server.client.send("POST", "/api/recordings?title=R", headers: [("Content-Type", "audio/wav")], body: .bytes(wav))
        let id = try #require(try created.json()["id"] as? String), sha = try #require(try created.json()["sha256"] as? String)
        let key = "recordings/\(sha.prefix(2))/\(sha.dropFirst(2).prefix(2))/\(sha).opus"
        let client = try S3Client(location: S3TestStores.location(moto, prefix: prefix), credentials: S3TestStores.credentials(moto))
        let stored = try client.get(key, range: 0..<(try #require(try client.size(of: key))))

        // Private: Parlons sends the bytes itself.
        let privately = try await server.client.get("/media/\(id).opus")
        #expect(privately.status == 200 && privately.body == stored)

        let consent = try await server.client.send("POST", "/api/recordings/\(id)/consent",
                                                   body: .bytes(Array(#"{"visibility":"public","method":"tap"}"#.utf8)))
        #expect(consent.status == 201, "\(consent.text)")
        let redirect = try await server.anonymous.get("/media/\(id).opus")
        #expect(redirect.status == 307)
        #expect(redirect.header("Cache-Control") == "public, max-age=150")
        let target = try #require(redirect.header("Location").flatMap(URLComponents.init(string:)))
        #expect("\(target.scheme ?? "")://\(target.host ?? ""):\(target.port ?? 0)" == moto.endpoint)
        #expect(target.queryItems?.first { $0.name == "X-Amz-Expires" }?.value == "300")
        let objectStore = HTTPTestClient(port: try #require(target.port))
        let path = target.percentEncodedPath + "?" + (target.percentEncodedQuery ?? "")
        let whole = try await objectStore.get(path)
        #expect(whole.status == 200 && whole.body == stored)
        let part = try await objectStore.get(path, headers: [("Range", "bytes=10-99")])
        #expect(part.status == 206 && part.body == Array(stored[10..<100]))
        #expect(target.queryItems?.contains { $0.name == "X-Amz-Signature" && $0.value?.count == 64 } == true)

        // Withdrawn: no redirect any more, for anyone.
        #expect(try await server.client.send("DELETE", "/api/recordings/\(id)").status == 204)
        #expect(try await server.anonymous.get("/media/\(id).opus").status == 404)
    }

    @Test("--public-redirect without --blobs, or outside 60 s to a week, is refused at start-up")
    func publicRedirectRefused() throws {
        for arguments in [["--public-redirect", "300"], ["--public-redirect", "10", "--blobs", "s3://parlons-tests"]] {
            let result = try ExternalTool.run(ServerProcess.binaryPath, ["serve", "--port", "0"] + arguments, requireSuccess: false)
            #expect(result.status != 0)
            #expect(result.stderr.contains("--public-redirect"), "\(result.stderr)")
        }
    }
}
