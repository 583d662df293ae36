import ArgumentParser
import Foundation
import Services

/// `parlons scenarios check [DIR]`: the scenario files as the server would load them.
struct ScenariosCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenarios",
        abstract: "Work with scenario files.",
        subcommands: [Check.self, Media.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate every scenario file (fields, steps, YAML, media); print each problem as FILE:LINE: REASON and exit 1 if any."
        )

        @Argument(help: "The scenarios folder.") var directory = "Scenarios"
        @Option(name: .long, help: "Folder the scenarios' media paths are in.") var media = "media/scenarios"

        func run() throws {
            let folder = ScenarioFolder(directory: URL(fileURLWithPath: directory, isDirectory: true),
                                        mediaDirectory: URL(fileURLWithPath: media, isDirectory: true))
            let (entries, problems) = folder.read(decodingAudio: true)
            for problem in problems { print("\(directory)/\(problem)") }
            let files = Set(problems.map(\.file)).count
            print("\(entries.count) scenarios ok, \(files) files with \(problems.count) problems")
            if !problems.isEmpty { throw ExitCode(1) }
        }
    }

    struct Media: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the audio files the scenarios name with the text each says, as PATH<TAB>LANGUAGE<TAB>TEXT (for scripts that record prompts)."
        )

        @Argument(help: "The scenarios folder.") var directory = "Scenarios"

        func run() throws {
            let folder = ScenarioFolder(directory: URL(fileURLWithPath: directory, isDirectory: true), mediaDirectory: URL(fileURLWithPath: "/"))
            var seen: Set<String> = []
            for (path, language, text) in folder.spokenFiles() where seen.insert(path).inserted {
                print("\(path)\t\(language)\t\(text.replacingOccurrences(of: "\n", with: " "))")
            }
        }
    }
}
