import ArgumentParser
import Foundation
import Storage
import WebAPI

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Store WAV files as recordings and print their new ids (one per line)."
    )

    @Argument(help: "WAV files to import.") var files: [String]
    @Option(name: .long, help: "Language of the recordings (BCP 47).") var language: String?
    @OptionGroup var store: StoreOptions

    func run() async throws {
        let library = try RecordingLibrary.open(root: store.mediaRoot, databasePath: store.databasePath)
        let settings = try store.encoderSettings()
        var failures = 0
        for file in files {
            do {
                guard let source = FileHandle(forReadingAtPath: file) else { throw ValidationError("cannot open \(file)") }
                let title = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
                let ingest = try RecordingIngest(library: library, settings: settings, title: title, language: language, maxBytes: .max)
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
