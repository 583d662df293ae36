import ArgumentParser

/// The `parlons` command: a thin shell over the libraries.
@main
struct Parlons: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parlons",
        abstract: "Parlons: an audio-first learning server for oral cultures.",
        subcommands: [ServeCommand.self, EncodeCommand.self, DecodeCommand.self, ImportCommand.self, UserCommand.self, TokenCommand.self,
                      ScenariosCommand.self, BackupCommand.self, RestoreCommand.self, SyncCommand.self,
                      MigrateStoreCommand.self],
        defaultSubcommand: ServeCommand.self
    )
}
