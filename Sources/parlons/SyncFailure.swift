import ArgumentParser
import Foundation
import Services

/// How the sync commands end on a refusal: the reason on stderr and exit status 1 (a usage error's
/// help text would hide it).
enum SyncFailure {
    static func exitingOnRefusal(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error where error is SyncError || error is SyncTransferError {
            FileHandle.standardError.write(Data("parlons sync: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}
