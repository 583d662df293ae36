import Foundation
import Testing
import TestSupport

/// `parlons sync` from the command line: pairing by the printed code, a bundle carried from the
/// centre's server to a new camp server, and refusals as a message and exit status 1.
@Suite("Sync commands", .serialized)
struct SyncCommandTests {
    static func cli(_ arguments: [String]) async throws -> ExternalTool.Output {
        try await ExternalTool.run(ServerProcess.binaryPath, arguments, requireSuccess: false)
    }

    @Test("pair, export and import move a group to a new server; a changed byte or an unpaired group is refused with exit status 1")
    func pairExportImport() async throws {
        let server = try await ServerProcess.start()
        defer { server.stop(); server.removeMediaRoot() }
        let scratch = try ExternalTool.temporaryDirectory("parlons-sync")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let made = try await server.client.send("POST", "/api/groups", headers: [("Content-Type", "application/json")],
                                                body: .bytes(Array(#"{"name":"Aire des Saules"}"#.utf8)))
        let group = try #require(try made.json()["id"] as? String, "\(made.text)")
        let centre = ["--media", server.mediaRoot.path], camp = ["--media", scratch.appendingPathComponent("camp").path]
        let usb = scratch.appendingPathComponent("usb").path

        let unpaired = try await Self.cli(["sync", "export", "--group", group, usb] + centre)
        #expect(unpaired.status == 1 && unpaired.stderr.contains("is not paired"), "\(unpaired.stderr)")
        let code = try await Self.cli(["sync", "pair", "--group", group] + centre)
        #expect(code.status == 0, "\(code.stderr)")
        let typed = code.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(typed.count == 39)
        let wrong = try await Self.cli(["sync", "pair", "--group", group, "--code", "ABCD"] + camp)
        #expect(wrong.status == 1 && wrong.stderr.contains("pairing code is not right"), "\(wrong.stderr)")
        #expect(try await Self.cli(["sync", "pair", "--group", group, "--code", typed] + camp).status == 0)

        let blocked = scratch.appendingPathComponent("a-file")
        try Data("not a folder".utf8).write(to: blocked)
        let unwritable = try await Self.cli(["sync", "export", "--group", group, blocked.appendingPathComponent("usb").path] + centre)
        #expect(unwritable.status == 1 && unwritable.stderr.contains("cannot write a bundle in"), "\(unwritable.stderr)")
        let export = try await Self.cli(["sync", "export", "--group", group, usb] + centre)
        #expect(export.status == 0, "\(export.stderr)")
        let bundle = try #require(try FileManager.default.contentsOfDirectory(atPath: usb).first { $0.hasSuffix(".parlons-sync") })
        let path = "\(usb)/\(bundle)"
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        var changed = original
        changed[changed.count - 3] ^= 0x20
        try changed.write(to: URL(fileURLWithPath: path))
        let tampered = try await Self.cli(["sync", "import", usb] + camp)
        #expect(tampered.status == 1 && tampered.stderr.contains("was changed after it was written"), "\(tampered.stderr)")
        let stranger = try await Self.cli(["sync", "import", usb, "--media", scratch.appendingPathComponent("other").path])
        #expect(stranger.status == 1 && stranger.stderr.contains("not paired with this server"), "\(stranger.stderr)")

        try original.write(to: URL(fileURLWithPath: path))
        let imported = try await Self.cli(["sync", "import", usb] + camp)
        #expect(imported.status == 0 && imported.stdout.contains("recordings"), "\(imported.stderr)")
        let again = try await Self.cli(["sync", "import", path] + camp)
        #expect(again.status == 0 && again.stdout.contains("already imported"), "\(again.stdout)")
    }

    @Test("pair --peer and sync now move a group over HTTP; an unreachable peer is exit status 1; serve --sync-every keeps exchanging")
    func overHTTP() async throws {
        let centre = try await ServerProcess.start()
        defer { centre.stop(); centre.removeMediaRoot() }
        let campRoot = try ExternalTool.temporaryDirectory("parlons-camp")
        defer { try? FileManager.default.removeItem(at: campRoot) }
        let admin = centre.client
        func create(_ path: String, _ json: String) async throws -> String {
            let made = try await admin.send("POST", path, headers: [("Content-Type", "application/json")], body: .bytes(Array(json.utf8)))
            return try #require(try made.json()["id"] as? String, "\(made.text)")
        }
        func join(_ group: String, _ name: String) async throws {
            let person = try await create("/api/people", #"{"name":"\#(name)","displayName":"\#(name)","role":"learner"}"#)
            let added = try await admin.send("POST", "/api/groups/\(group)/members", headers: [("Content-Type", "application/json")],
                                             body: .bytes(Array(#"{"personId":"\#(person)"}"#.utf8)))
            #expect(added.status == 204, "\(added.text)")
        }
        let group = try await create("/api/groups", #"{"name":"Aire des Saules"}"#)
        try await join(group, "mina")
        let camp = ["--media", campRoot.path]
        let code = try await Self.cli(["sync", "pair", "--group", group, "--media", centre.mediaRoot.path]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        // A bad address is refused before pairing, so the same code can be entered again.
        let refused = try await Self.cli(["sync", "pair", "--group", group, "--code", code, "--peer", "ftp://centre"] + camp)
        #expect(refused.status == 1 && refused.stderr.contains("not an http:// or https:// address"), "\(refused.stderr)")
        let paired = try await Self.cli(["sync", "pair", "--group", group, "--code", code, "--peer", "http://127.0.0.1:1/"] + camp)
        #expect(paired.status == 0 && paired.stdout.contains("sync now"), "\(paired.stderr)")
        let unreachable = try await Self.cli(["sync", "now", "--group", group] + camp)
        #expect(unreachable.status == 1 && unreachable.stderr.contains("cannot reach http://127.0.0.1:1"), "\(unreachable.stderr)")
        let badPeer = try await Self.cli(["sync", "now", "--group", group, "--peer", "ftp://centre"] + camp)
        #expect(badPeer.status == 1 && badPeer.stderr.contains("not an http:// or https:// address"), "\(badPeer.stderr)")

        let now = try await Self.cli(["sync", "now", "--group", group, "--peer", "http://127.0.0.1:\(centre.port)/"] + camp)
        #expect(now.status == 0 && now.stdout.contains("on the wire"), "\(now.stdout) \(now.stderr)")
        let status = try await Self.cli(["sync", "status", "--group", group] + camp)
        #expect(status.status == 0 && !status.stdout.contains("never"), "\(status.stdout)")

        // The camp serves, exchanging every second: a learner added at the centre arrives there.
        let campServer = try await ServerProcess.start(mediaRoot: campRoot, arguments: ["--sync-every", "1"])
        defer { campServer.stop() }
        func members() async throws -> String { try await campServer.client.get("/api/groups/\(group)/members").text }
        #expect(try await members().contains("mina"))
        try await join(group, "noe")
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, !(try await members().contains("noe")) { try await Task.sleep(for: .milliseconds(200)) }
        #expect(try await members().contains("noe"), "\(campServer.log)")
    }
}
