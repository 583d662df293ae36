import Storage
import Synchronization

/// What a store did with the files it was handed callbacks for: which are published now, and
/// every publish and removal in the order the store called them. Thread-safe: stores call back
/// from their own threads.
final class FileLedger: Sendable {
    private let state = Mutex<(present: Set<String>, events: [String])>(([], []))

    /// The events so far: `publish:HASH`, `remove:HASH`.
    var events: [String] { state.withLock { $0.events } }

    func isPresent(_ sha256: String) -> Bool { state.withLock { $0.present.contains(sha256) } }

    func removals(of sha256: String) -> Int { events.filter { $0 == "remove:\(sha256)" }.count }

    func publish(_ hashes: [String]) {
        state.withLock { state in
            for hash in hashes {
                state.present.insert(hash)
                state.events.append("publish:\(hash)")
            }
        }
    }

    func remove(_ sha256: String) {
        state.withLock { state in
            state.present.remove(sha256)
            state.events.append("remove:\(sha256)")
        }
    }

    /// A `publishing` callback that publishes these hashes.
    func publisher(_ hashes: String...) -> @Sendable () throws -> Void {
        { [self] in publish(hashes) }
    }

    /// An `unreferenced` callback for recordings: removes the file named.
    var recordingRemover: @Sendable (RecordingBlob) throws -> Void {
        { [self] blob in
            switch blob {
            case .audio(let sha), .peaks(let sha), .picture(let sha): remove(sha)
            }
        }
    }

    /// An `unreferenced` callback for photos.
    var photoRemover: @Sendable (String) throws -> Void {
        { [self] sha in remove(sha) }
    }
}

/// The error a callback throws on purpose.
struct InjectedFailure: Error, Equatable {}
