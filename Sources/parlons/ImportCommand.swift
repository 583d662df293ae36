import ArgumentParser
import Foundation
import Services
import Storage

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Store WAV files as recordings and print their new ids (one per line)."
    )

    @Argument(help: "WAV files to import.") var files: [String]
    @Option(name: .long, help: "Language of the recordings (BCP 47).") var language: String?
    @Option(name: .long, help: "Sign-in name of the person who owns the recordings.") var owner: String
    @Option(name: .long, help: "Id of the group the recordings belong to (default: the owner's first group).") var group: String?
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let library = try await store.library()
        let settings = try store.encoderSettings()
        guard let person = try await library.stores.people.person(name: owner) else { throw ValidationError("no person named \(owner)") }
        let groups = try await library.stores.people.groupIds(of: person.id)
        if let group, !groups.contains(group) { throw ValidationError("\(owner) is not in group \(group)") }
        let groupId = group ?? groups.sorted().first
        var failures = 0
        for file in files {
            do {
                guard let source = FileHandle(forReadingAtPath: file) else { throw ValidationError("cannot open \(file)") }
                let title = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
                let ingest = try RecordingIngest(library: library, settings: settings, title: title, language: language, maxBytes: .max,
                                             ownerId: person.id, groupId: groupId)
                while let chunk = try source.read(upToCount: 256 * 1_024), !chunk.isEmpty {
                    try chunk.withUnsafeBytes { try ingest.consume($0) }
                }
                let recording = try await ingest.finish()
                print(recording.id)
            } catch {
                failures += 1
                FileHandle.standardError.write(Data("\(file): \(error)\n".utf8))
            }
        }
        if failures > 0 { throw ExitCode(1) }
    }
}
