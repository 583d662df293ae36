import Foundation
import Testing
import TestSupport

/// The camp kiosk's picture of its sync: `GET /api/kiosk/exchange` says, for the kiosk's paired
/// groups, when they last exchanged with the other server and whether anything waits to go.
@Suite("Kiosk exchange status", .serialized)
struct KioskExchangeTests {
    @Test("a kiosk sees nothing before pairing, then what waits, then the exchange it made; other callers get 404")
    func exchangeStatus() async throws {
        let server = try await ServerProcess.start()
        defer { server.stop(); server.removeMediaRoot() }
        let scratch = try ExternalTool.temporaryDirectory("parlons-kiosk-sync")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let json = [("Content-Type", "application/json")]
        let made = try await server.client.send("POST", "/api/groups", headers: json, body: .bytes(Array(#"{"name":"Aire des Saules"}"#.utf8)))
        let group = try #require(try made.json()["id"] as? String, "\(made.text)")
        let enrolled = try await server.client.send("POST", "/api/kiosks", headers: json,
                                                    body: .bytes(Array(#"{"name":"Camp kiosk","groupIds":["\#(group)"]}"#.utf8)))
        let cookie = try #require(enrolled.cookies["parlons_kiosk"], "\(enrolled.text)")
        let kiosk = server.anonymous.adding([("Cookie", "parlons_kiosk=\(cookie)")])

        let notKiosk = try await server.client.get("/api/kiosk/exchange")
        #expect(notKiosk.status == 404 && notKiosk.text.contains("kiosk enrolment"), "\(notKiosk.text)")
        let unpaired = try await kiosk.get("/api/kiosk/exchange")
        #expect(unpaired.status == 200)
        #expect((try unpaired.json()["groups"] as? [Any])?.isEmpty == true, "\(unpaired.text)")

        let media = ["--media", server.mediaRoot.path]
        let pair = try await ExternalTool.run(ServerProcess.binaryPath, ["sync", "pair", "--group", group] + media, requireSuccess: false)
        #expect(pair.status == 0, "\(pair.stderr)")
        let paired = try #require((try await kiosk.get("/api/kiosk/exchange").json()["groups"] as? [[String: Any]])?.first)
        #expect(paired["groupId"] as? String == group)
        #expect(paired["lastExchangeAt"] == nil || paired["lastExchangeAt"] is NSNull, "never exchanged yet")
        #expect((paired["waiting"] as? Int ?? 0) > 0, "the group itself waits to go: \(paired)")
        #expect(paired["unconfirmed"] as? Bool == false)

        let export = try await ExternalTool.run(ServerProcess.binaryPath, ["sync", "export", "--group", group, scratch.path] + media, requireSuccess: false)
        #expect(export.status == 0, "\(export.stderr)")
        let exchanged = try #require((try await kiosk.get("/api/kiosk/exchange").json()["groups"] as? [[String: Any]])?.first)
        let at = try #require(exchanged["lastExchangeAt"] as? String)
        let when = try Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(at)
        #expect(abs(when.timeIntervalSinceNow) < 120, "exchanged just now: \(at)")
        #expect(exchanged["waiting"] as? Int == 0, "everything went in the bundle: \(exchanged)")
        #expect(exchanged["unconfirmed"] as? Bool == true, "the other side has not confirmed it yet: \(exchanged)")
    }
}
