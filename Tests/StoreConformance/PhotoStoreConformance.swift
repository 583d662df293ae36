import Foundation
import Storage
import Testing

/// `PhotoStore`: which photo a person or group shows, and when a photo's file may go.
public enum PhotoStoreConformance {
    public static let cases: [ConformanceCase] = [
        ConformanceCase("a photo set for a person or a group is published first and read back", setAndRead),
        ConformanceCase("a replaced or cleared photo is handed back after the change, once nobody uses it", previousPhotoReleased),
        ConformanceCase("an unknown person or group: false, nothing published or handed back", unknownOwner),
        ConformanceCase("a failing publish changes nothing; a failing release keeps the change", failures),
        ConformanceCase("setting a photo and dropping its last use never interleave", setAgainstClear),
    ]

    static func picture(_ bytes: Int = 3) -> Picture {
        Picture(sha256: Seed.fakeHash(), contentType: "image/png", byteSize: bytes, createdAt: Date(timeIntervalSince1970: 1_800_000_000))
    }

    public static func setAndRead(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let files = FileLedger()
        let person = try await Seed.person(stores, "amina")
        let group = try await Seed.group(stores, "Classe")
        let face = picture(1_234)
        #expect(try await stores.photos.setPhoto(face, for: .person(person.id), publish: files.publisher(face.sha256), unreferenced: files.photoRemover))
        #expect(files.events == ["publish:\(face.sha256)"])
        #expect(try await stores.photos.picture(sha256: face.sha256) == face)
        #expect(try await stores.people.person(id: person.id)?.avatarPhoto == face.sha256)
        let team = picture()
        #expect(try await stores.photos.setPhoto(team, for: .group(group.id), publish: files.publisher(team.sha256), unreferenced: files.photoRemover))
        #expect(try await stores.people.group(id: group.id)?.picturePhoto == team.sha256)
        #expect(try await stores.photos.referencedPictureHashes() == [face.sha256, team.sha256])
        #expect(try await stores.photos.picture(sha256: Seed.fakeHash()) == nil)
        // The same photo again: published again (harmless), never handed back.
        #expect(try await stores.photos.setPhoto(face, for: .person(person.id), publish: files.publisher(face.sha256), unreferenced: files.photoRemover))
        #expect(files.removals(of: face.sha256) == 0 && files.isPresent(face.sha256))
        #expect(try await stores.photos.picture(sha256: face.sha256) == face)
        // Saving the person keeps their photo.
        var renamed = try #require(try await stores.people.person(id: person.id))
        renamed.displayName = "Amina K."
        try await stores.people.save(renamed)
        #expect(try await stores.people.person(id: person.id)?.avatarPhoto == face.sha256)
    }

    public static func previousPhotoReleased(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let files = FileLedger()
        let amina = try await Seed.person(stores, "amina")
        let yusuf = try await Seed.person(stores, "yusuf")
        let group = try await Seed.group(stores, "Classe")
        let shared = picture()
        for owner in [PhotoOwner.person(amina.id), .group(group.id)] {
            _ = try await stores.photos.setPhoto(shared, for: owner, publish: files.publisher(shared.sha256), unreferenced: files.photoRemover)
        }
        // The group still uses it: nothing is handed back.
        let own = picture()
        _ = try await stores.photos.setPhoto(own, for: .person(amina.id), publish: files.publisher(own.sha256), unreferenced: files.photoRemover)
        #expect(files.removals(of: shared.sha256) == 0)
        #expect(try await stores.photos.picture(sha256: shared.sha256) == shared)
        // Its last use goes: handed back once, after the change.
        #expect(try await stores.photos.setPhoto(nil, for: .group(group.id), publish: files.publisher(), unreferenced: files.photoRemover))
        #expect(files.removals(of: shared.sha256) == 1)
        #expect(try await stores.photos.picture(sha256: shared.sha256) == nil)
        #expect(try await stores.people.group(id: group.id)?.picturePhoto == nil)
        // A replacement: the new one is published before the old one is handed back.
        let newer = picture()
        _ = try await stores.photos.setPhoto(newer, for: .person(amina.id), publish: files.publisher(newer.sha256), unreferenced: files.photoRemover)
        #expect(Array(files.events.suffix(2)) == ["publish:\(newer.sha256)", "remove:\(own.sha256)"])
        // Clearing what is already clear hands back nothing.
        let before = files.events
        #expect(try await stores.photos.setPhoto(nil, for: .person(yusuf.id), publish: files.publisher(), unreferenced: files.photoRemover))
        #expect(files.events == before)
        #expect(try await stores.photos.referencedPictureHashes() == [newer.sha256])
    }

    public static func unknownOwner(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let files = FileLedger()
        let photo = picture()
        for owner in [PhotoOwner.person(ResourceID.generate()), .group(ResourceID.generate())] {
            #expect(try await !stores.photos.setPhoto(photo, for: owner, publish: files.publisher(photo.sha256), unreferenced: files.photoRemover))
            #expect(try await !stores.photos.setPhoto(nil, for: owner, publish: files.publisher(), unreferenced: files.photoRemover))
        }
        #expect(files.events.isEmpty)
        #expect(try await stores.photos.picture(sha256: photo.sha256) == nil)
        #expect(try await stores.photos.referencedPictureHashes().isEmpty)
    }

    public static func failures(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let files = FileLedger()
        let person = try await Seed.person(stores, "amina")
        let first = picture()
        _ = try await stores.photos.setPhoto(first, for: .person(person.id), publish: files.publisher(first.sha256), unreferenced: files.photoRemover)
        let second = picture()
        await #expect(throws: InjectedFailure.self) {
            try await stores.photos.setPhoto(second, for: .person(person.id), publish: { throw InjectedFailure() }, unreferenced: files.photoRemover)
        }
        #expect(try await stores.people.person(id: person.id)?.avatarPhoto == first.sha256)
        #expect(try await stores.photos.picture(sha256: second.sha256) == nil)
        #expect(files.removals(of: first.sha256) == 0 && files.isPresent(first.sha256))
        // The release may fail: the photo was changed before it, and stays changed.
        let third = picture()
        _ = try? await stores.photos.setPhoto(third, for: .person(person.id), publish: files.publisher(third.sha256), unreferenced: { sha in
            files.remove(sha)
            throw InjectedFailure()
        })
        #expect(files.removals(of: first.sha256) == 1)
        #expect(try await stores.people.person(id: person.id)?.avatarPhoto == third.sha256)
        #expect(try await stores.photos.picture(sha256: third.sha256) == third)
        #expect(try await stores.photos.picture(sha256: first.sha256) == nil)
    }

    public static func setAgainstClear(_ factory: StoreFactory) async throws {
        let stores = try await factory()
        let files = FileLedger()
        var rounds: [(clearing: Person, setting: Person, photo: Picture)] = []
        for index in 0..<10 {
            let clearing = try await Seed.person(stores, "a\(index)")
            let setting = try await Seed.person(stores, "b\(index)")
            let photo = picture()
            _ = try await stores.photos.setPhoto(photo, for: .person(clearing.id), publish: files.publisher(photo.sha256), unreferenced: files.photoRemover)
            rounds.append((clearing, setting, photo))
        }
        let gate = StartingGate(count: rounds.count * 2)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for round in rounds {
                group.addTask {
                    await gate.wait()
                    let publish: @Sendable () throws -> Void = {
                        files.publish([round.photo.sha256])
                        usleep(2_000)
                    }
                    _ = try await stores.photos.setPhoto(round.photo, for: .person(round.setting.id), publish: publish, unreferenced: files.photoRemover)
                }
                group.addTask {
                    await gate.wait()
                    _ = try await stores.photos.setPhoto(nil, for: .person(round.clearing.id), publish: files.publisher(), unreferenced: files.photoRemover)
                }
            }
            try await group.waitForAll()
        }
        for round in rounds {
            #expect(try await stores.people.person(id: round.setting.id)?.avatarPhoto == round.photo.sha256)
            #expect(files.isPresent(round.photo.sha256))
            #expect(try await stores.photos.picture(sha256: round.photo.sha256) == round.photo)
        }
    }
}
