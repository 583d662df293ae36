import Foundation
import Services
import Storage
import Testing

/// Scenarios of the paired group travel with their revisions, merged like transcripts.
@Suite("Sync of scenarios")
struct SyncScenarioTests {
    @Test("a group's scenario travels with its revisions; two saves apart are one conflict on both sides, the same one current, until a save settles it everywhere")
    func scenarioConflict() async throws {
        let servers = try await PairedServers()
        let (centre, camp, group) = (servers.centre, servers.camp, servers.groupId)
        try await centre.createScenario("marche", group: group, author: servers.trainer)
        _ = try await servers.send(from: centre, to: camp)
        #expect(try await camp.scenarioBody("marche") == SyncSide.scenarioBody("marche", "first"))
        #expect(try await camp.stores.scenarios.scenario(slug: "marche")?.groupId == group)
        let start = Date()
        try await centre.editScenario("marche", title: "centre", author: servers.trainer, at: start)
        try await camp.editScenario("marche", title: "camp", author: servers.trainer, at: start.addingTimeInterval(1))
        _ = try await servers.send(from: centre, to: camp)
        _ = try await servers.send(from: camp, to: centre)
        for side in [centre, camp] {
            #expect(try await side.scenarioBody("marche") == SyncSide.scenarioBody("marche", "camp"), "\(side.name)")
            let conflicts = try await side.stores.scenarios.scenarioSeedConflicts()
            #expect(conflicts.map(\.slug) == ["marche"] && conflicts.first?.isFromSync == true, "\(side.name)")
            #expect(conflicts.first?.fileBody == SyncSide.scenarioBody("marche", "centre"), "\(side.name)")
            #expect(try await side.stores.sync!.scenarioRevisions(slug: "marche").count == 3)
        }
        try await centre.editScenario("marche", title: "both", author: servers.trainer)
        _ = try await servers.send(from: centre, to: camp)
        for side in [centre, camp] {
            #expect(try await side.scenarioBody("marche") == SyncSide.scenarioBody("marche", "both"), "\(side.name)")
            #expect(try await side.stores.scenarios.scenarioSeedConflicts().isEmpty, "\(side.name)")
        }
        // Nothing new: nothing about scenarios travels again.
        let quiet = try await servers.send(from: camp, to: centre)
        #expect(quiet.items == 0)
    }

    @Test("a bundle whose items.json holds a malformed scenario (not a scenario file, a bad slug) is refused saying so, and changes nothing")
    func malformedScenario() async throws {
        let servers = try await PairedServers()
        let (centre, camp, group) = (servers.centre, servers.camp, servers.groupId)
        try await centre.createScenario("marche", group: group, author: servers.trainer)
        let report = try await centre.service.export(groupId: group, to: servers.exchange)
        let original = try Data(contentsOf: report.file)
        let key = try await camp.service.pair(groupId: group).key
        let before = try await camp.snapshot(group: group)
        func refused(_ reason: String, _ edit: (inout [String: Any]) -> Void) async throws {
            try original.write(to: report.file)
            try SignedBundleEditor.rewriteItems(of: report.file, key: key) { items in edit(&items) }
            let error = await #expect(throws: SyncError.self) { try await camp.service.importBundle(at: report.file) }
            if case .malformed(_, let found) = error { #expect(found.contains(reason), "\(found)") } else { Issue.record("\(String(describing: error))") }
            #expect(error?.description.contains("nothing was imported") == true)
            #expect(try await camp.snapshot(group: group) == before)
            #expect(try await camp.stores.scenarios.scenario(slug: "marche") == nil)
        }
        func editRevision(_ items: inout [String: Any], _ key: String, _ value: Any) {
            var revisions = items["scenarioRevisions"] as! [[String: Any]]
            revisions[0][key] = value
            items["scenarioRevisions"] = revisions
        }
        try await refused("is not a scenario file") { editRevision(&$0, "body", "just some words") }
        try await refused("is not lowercase letters, digits and '-'") { editRevision(&$0, "slug", "Le Marché") }
        try await refused("has an id") { editRevision(&$0, "syncId", "x y") }
        try await refused("a scenario's slug") { items in
            var scenarios = items["scenarios"] as! [[String: Any]]
            scenarios[0]["slug"] = "../etc"
            items["scenarios"] = scenarios
        }
        try await refused("a step done names") { items in
            items["stepsDone"] = [["step": ["personId": servers.learners[0], "slug": "marche", "stepId": "a b", "doneAt": 0], "shipped": false]]
        }
        // The bundle as written goes in.
        try original.write(to: report.file)
        _ = try await camp.service.importBundle(at: report.file)
        #expect(try await camp.scenarioBody("marche") == SyncSide.scenarioBody("marche", "first"))
    }
}
