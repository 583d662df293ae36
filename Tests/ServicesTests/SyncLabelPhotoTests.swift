import Foundation
import Services
import Storage
import Testing

/// Spoken labels and photos between two embedded servers: what travels, the merge, and broken photos refused.
@Suite("Sync between servers, labels and photos")
struct SyncLabelPhotoTests {
    @Test("labels travel on every pair: a centre trainer's voice reaches the camp, a later camp take the centre, a later removal both; the same on both sides")
    func labels() async throws {
        let servers = try await PairedServers()
        let (centre, camp) = (servers.centre, servers.camp)
        // A trainer of the centre's other groups: their voice travels, they do not.
        let voice = try await centre.stores.people.insertPerson(Person(name: "voice", displayName: "Voice", role: .trainer))
        try await centre.recordLabel("record", speaker: voice.id, bytes: SyncServiceTests.bytes(1, count: 900))
        let report = try await servers.send(from: centre, to: camp)
        #expect(report.recordings == 0 && report.audioBytes == 900)
        let centreLabels = try await centre.labels()
        #expect(try await camp.labels() == centreLabels && centreLabels.count == 1)
        let first = try #require(try await camp.stores.labels.spokenLabels(language: "fr").first)
        let copy = try #require(try await camp.stores.recordings.recording(id: first.recordingId))
        #expect(copy.visibility == .public && copy.ownerId == nil && copy.groupId == nil)
        #expect(try camp.holdsAudio(copy.sha256))
        #expect(try await camp.stores.people.person(id: voice.id) == nil)
        // Recorded again at the camp, later: the centre plays the camp's take, its own goes back to its speaker.
        try await camp.recordLabel("record", speaker: servers.trainer, bytes: SyncServiceTests.bytes(2, count: 700))
        #expect(try await camp.stores.recordings.recording(id: copy.id) == nil)  // the copy nobody there owns went
        #expect(try !camp.holdsAudio(copy.sha256))
        let back = try await servers.send(from: camp, to: centre)
        #expect(back.audioBytes == 700)
        let campLabels = try await camp.labels()
        #expect(try await centre.labels() == campLabels)
        #expect(try await centre.stores.recordings.recording(id: copy.id)?.visibility == .private)
        // Removed at the centre, later: the camp is back to the shipped clip too.
        #expect(try await centre.removeLabel("record", actor: servers.trainer))
        _ = try await servers.send(from: centre, to: camp)
        #expect(try await camp.labels().isEmpty)
        #expect(try await centre.labels().isEmpty)
        // Nothing new: nothing moves.
        let quiet = try await servers.send(from: camp, to: centre)
        #expect(quiet.items == 0 && quiet.audioBytes == 0)
    }

    @Test("photos travel with their person and group, checked; the later edit wins and a replaced photo goes on both sides")
    func photos() async throws {
        let servers = try await PairedServers()
        let (centre, camp, group) = (servers.centre, servers.camp, servers.groupId)
        let learner = servers.learners[0]
        try await centre.setPhoto(SyncSide.photo(1), for: .person(learner))
        try await centre.setPhoto(SyncSide.photo(2), for: .group(group))
        _ = try await servers.send(from: centre, to: camp)
        let shown = try #require(try await centre.stores.people.person(id: learner)?.avatarPhoto)
        #expect(try await camp.stores.people.person(id: learner)?.avatarPhoto == shown)
        let groupPhoto = try await centre.stores.people.group(id: group)?.picturePhoto
        #expect(groupPhoto != nil)
        #expect(try await camp.stores.people.group(id: group)?.picturePhoto == groupPhoto)
        let record = try await centre.stores.photos.picture(sha256: shown)
        #expect(try await camp.stores.photos.picture(sha256: shown) == record)
        #expect(camp.photoFiles() == centre.photoFiles() && camp.photoFiles().count == 2)
        // Changed at the camp, later: the centre takes it and its old photo goes.
        try await camp.setPhoto(SyncSide.photo(3), for: .person(learner))
        _ = try await servers.send(from: camp, to: centre)
        let replaced = try await camp.stores.people.person(id: learner)?.avatarPhoto
        #expect(replaced != shown)
        #expect(try await centre.stores.people.person(id: learner)?.avatarPhoto == replaced)
        #expect(!centre.photoFiles().contains(shown) && centre.photoFiles() == camp.photoFiles())
        #expect(try await centre.stores.photos.picture(sha256: shown) == nil)
        // Removed at the centre, later: gone on both sides, the file too.
        try await centre.setPhoto(nil, for: .person(learner))
        _ = try await servers.send(from: centre, to: camp)
        #expect(try await camp.stores.people.person(id: learner)?.avatarPhoto == nil)
        #expect(camp.photoFiles() == centre.photoFiles() && camp.photoFiles().count == 1)
    }

    @Test("a bundle whose photo bytes do not match their hash, size or type is refused with a clear error and changes nothing")
    func brokenPhotos() async throws {
        let servers = try await PairedServers()
        let (centre, camp, group) = (servers.centre, servers.camp, servers.groupId)
        try await centre.setPhoto(SyncSide.photo(5), for: .person(servers.learners[0]))
        let hash = try #require(try await centre.stores.people.person(id: servers.learners[0])?.avatarPhoto)
        let report = try await centre.service.export(groupId: group, to: servers.exchange)
        let original = try Data(contentsOf: report.file)
        let key = try await camp.service.pair(groupId: group).key
        let before = try await camp.snapshot(group: group)
        func refused(_ expected: String, _ edit: () throws -> Void) async throws {
            try original.write(to: report.file)
            try edit()
            let error = await #expect(throws: SyncError.self) { try await camp.service.importBundle(at: report.file) }
            #expect(error?.description.contains(expected) == true, "\(String(describing: error))")
            #expect(error?.description.contains("nothing was imported") == true)
            #expect(try await camp.snapshot(group: group) == before)
        }
        // A changed byte: the manifest's SHA-256 no longer matches.
        try await refused("does not have the SHA-256 its manifest names") {
            var flipped = original
            flipped[flipped.count - 20] ^= 0x01
            try flipped.write(to: report.file)
        }
        // Signed again by a peer gone wrong: the bytes are not the photo they are named after.
        try await refused("has bytes of another SHA-256") {
            try SignedBundleEditor.rewriteFile(named: "pictures/\(hash)", of: report.file, key: key) { $0[$0.count - 20] ^= 0x01 }
        }
        // Its record says another size, or another type.
        try await refused("its record says") {
            try SignedBundleEditor.rewriteItems(of: report.file, key: key) { items in
                var pictures = items["pictures"] as! [[String: Any]]
                pictures[0]["byteSize"] = 7
                items["pictures"] = pictures
            }
        }
        try await refused("is not the image/jpeg its record says") {
            try SignedBundleEditor.rewriteItems(of: report.file, key: key) { items in
                var pictures = items["pictures"] as! [[String: Any]]
                pictures[0]["contentType"] = "image/jpeg"
                items["pictures"] = pictures
            }
        }
        // A person shown with a photo the bundle does not carry (nor is here).
        try await refused("is neither in the bundle nor here") {
            try SignedBundleEditor.rewriteItems(of: report.file, key: key) { items in items["pictures"] = [] }
        }
        // The untouched bundle goes in.
        try original.write(to: report.file)
        _ = try await camp.service.importBundle(at: report.file)
        #expect(try await camp.stores.people.person(id: servers.learners[0])?.avatarPhoto == hash)
        #expect(camp.photoFiles() == [hash])
    }
}
