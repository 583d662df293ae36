import Foundation
import Testing
import TestSupport

/// Photos of learners and groups: the faces and pictures tapped on sign-in screens.
@Suite("Photos")
struct PhotoTests {
    /// A real PNG made by Python's zlib (an independent encoder), `size` × `size` pixels.
    static func png(size: Int, shade: Int) throws -> [UInt8] {
        let script = """
        import struct, sys, zlib
        w = h = \(size)
        def chunk(kind, data):
            return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)
        raw = b''.join(b'\\x00' + bytes([\(shade), 128, 255 - \(shade)]) * w for _ in range(h))
        sys.stdout.buffer.write(b'\\x89PNG\\r\\n\\x1a\\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
                                + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))
        """
        return try pngBytes(script)
    }

    /// Runs the script again capturing raw bytes (stdout as text would mangle binary).
    static func pngBytes(_ script: String) throws -> [UInt8] {
        let directory = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("p.png")
        try ExternalTool.run("sh", ["-c", "python3 -c \"$0\" > \(file.path)", script])
        return [UInt8](try Data(contentsOf: file))
    }

    static func photoFile(_ world: TestWorld, _ sha: String) -> URL {
        world.server.mediaRoot.appendingPathComponent("pictures/\(sha.prefix(2))/\(sha.dropFirst(2).prefix(2))/\(sha).img")
    }

    static func sha256(_ bytes: [UInt8]) throws -> String {
        let directory = try ExternalTool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("f")
        try Data(bytes).write(to: file)
        return String(try ExternalTool.run("sha256sum", [file.path]).stdout.prefix(64))
    }

    @Test("a learner's photo: who may set it, who sees it, replacing and removing it")
    func avatars() async throws {
        let world = try await TestWorld.make()
        defer { world.stop() }
        let owner = world.clients[.owner]!, ownerId = world.ids["owner"]!
        let first = try Self.png(size: 16, shade: 10), second = try Self.png(size: 24, shade: 200)
        #expect(first.count > 50 && first != second)
        #expect(try await world.clients[.peer]!.send("PUT", "/api/people/\(ownerId)/avatar", body: .bytes(first)).status == 404)
        #expect(try await owner.send("PUT", "/api/people/\(ownerId)/avatar", body: .bytes(first)).status == 204)
        let shown = try await owner.get("/api/people/\(ownerId)").json()
        #expect(shown["avatarUrl"] as? String == "/api/people/\(ownerId)/avatar")
        for (role, status) in [(TestWorld.Role.owner, 200), (.trainerOfGroup, 200), (.admin, 200), (.kiosk, 200),
                               (.peer, 404), (.outsider, 404), (.trainerOfOtherGroup, 404), (.anonymous, 404)] {
            let response = try await world.clients[role]!.get("/api/people/\(ownerId)/avatar")
            #expect(response.status == status, "\(role)")
            if status == 200 {
                #expect(response.body == first && response.header("Content-Type") == "image/png")
                #expect(response.header("Cache-Control") == "private, no-cache")
            }
        }
        let listed = try await world.clients[.kiosk]!.get("/api/signin/groups/\(world.ids["g1"]!)/learners").json(array: true)
        #expect(listed.first { $0["id"] as? String == ownerId }?["avatarUrl"] as? String == "/api/people/\(ownerId)/avatar")

        let firstFile = Self.photoFile(world, try Self.sha256(first))
        #expect(FileManager.default.fileExists(atPath: firstFile.path))
        #expect(try await world.clients[.trainerOfGroup]!.send("PUT", "/api/people/\(ownerId)/avatar", body: .bytes(second)).status == 204)
        #expect(try await owner.get("/api/people/\(ownerId)/avatar").body == second)
        #expect(!FileManager.default.fileExists(atPath: firstFile.path), "the replaced photo is deleted")
        #expect(try await owner.send("DELETE", "/api/people/\(ownerId)/avatar").status == 204)
        #expect(try await owner.get("/api/people/\(ownerId)/avatar").status == 404)
        #expect(!FileManager.default.fileExists(atPath: Self.photoFile(world, try Self.sha256(second)).path))
    }

    @Test("group pictures: managed by its trainers, shown to members and its kiosks")
    func groupPictures() async throws {
        let world = try await TestWorld.make()
        defer { world.stop() }
        let g1 = world.ids["g1"]!
        let picture = try Self.png(size: 8, shade: 99)
        #expect(try await world.clients[.peer]!.send("PUT", "/api/groups/\(g1)/picture", body: .bytes(picture)).status == 403)
        #expect(try await world.clients[.trainerOfGroup]!.send("PUT", "/api/groups/\(g1)/picture", body: .bytes(picture)).status == 204)
        for (role, status) in [(TestWorld.Role.peer, 200), (.kiosk, 200), (.admin, 200), (.outsider, 404), (.anonymous, 404)] {
            #expect(try await world.clients[role]!.get("/api/groups/\(g1)/picture").status == status, "\(role)")
        }
        let groups = try await world.clients[.kiosk]!.get("/api/signin/groups").json(array: true)
        #expect(groups.first?["pictureUrl"] as? String == "/api/groups/\(g1)/picture")
    }

    @Test("broken, foreign and oversized photos are refused with a clear error")
    func badPhotos() async throws {
        let world = try await TestWorld.make()
        defer { world.stop() }
        let path = "/api/people/\(world.ids["owner"]!)/avatar"
        let owner = world.clients[.owner]!
        let png = try Self.png(size: 16, shade: 1)
        var zeroWidth = png
        zeroWidth.replaceSubrange(16..<20, with: [0, 0, 0, 0])
        let cases: [([UInt8], Int, String)] = [
            ([], 400, "empty_body"),
            (Array(png.prefix(png.count - 10)), 400, "invalid_image"),
            (Array(png.prefix(20)), 400, "invalid_image"),
            (zeroWidth, 400, "invalid_image"),
            ([0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 1, 2, 3], 400, "invalid_image"),
            (Array("RIFF".utf8) + [100, 0, 0, 0] + Array("WEBPVP8 ".utf8) + [0, 0, 0, 0], 400, "invalid_image"),
            (Array("GIF89a".utf8) + [1, 0, 1, 0, 0, 0, 0, 59], 415, "unsupported_media_type"),
            (Array("<svg xmlns='http://www.w3.org/2000/svg'/>".utf8), 415, "unsupported_media_type"),
            ([UInt8](repeating: 0xFF, count: 2 * 1_024 * 1_024 + 1), 413, "payload_too_large"),
        ]
        for (body, status, code) in cases {
            let response = try await owner.send("PUT", path, body: .bytes(body))
            #expect(response.status == status && response.errorCode == code, "\(body.prefix(8)): \(response.status) \(response.text)")
        }
        let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16] + Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xFF, 0xD9]
        #expect(try await owner.send("PUT", path, body: .bytes(jpeg)).status == 204)
        #expect(try await owner.get(path).header("Content-Type") == "image/jpeg")
        #expect(try FileManager.default.contentsOfDirectory(atPath: world.server.mediaRoot.appendingPathComponent("pictures/.incoming").path).isEmpty)
    }
}
