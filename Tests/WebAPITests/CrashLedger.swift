import Foundation
import TestSupport

/// What the crash harness's clients sent and were told, and what the checks found.
final class CrashLedger: @unchecked Sendable {
    enum UploadState: Equatable {
        case acknowledged(id: String)
        case refused(status: Int)
        /// The connection died before the whole body was sent: the server cannot have stored it.
        case cutWhileSending
        /// The whole body was sent but no answer came: stored or not, both are honest.
        case lostAfterSending
    }

    enum Counter: String, CaseIterable {
        case started, acknowledged, refused, cutWhileSending, lostAfterSending, committedWithoutAnswer
        case deletesSent, deleted, deleteRefused, deleteLost
        case temporaryFilesAfterKill, orphanFilesAfterKill
        case filesHashed, filesDecoded, filesServed
    }

    private let lock = NSLock()
    private var uploads: [String: UploadState] = [:]
    private var counters: [Counter: Int] = [:]
    /// Acknowledged (or found committed) and not deleted: id → (title, sha256).
    private(set) var live: [String: (title: String, sha256: String)] = [:]
    private var deleting: [String: (title: String, sha256: String)] = [:]
    /// Deletions whose answer was lost: resolved by the next listing.
    private(set) var uncertainDeletes: [String: (title: String, sha256: String)] = [:]
    private(set) var deleted: Set<String> = []
    /// Recordings already decoded once (their bytes are checked by hash every round after).
    var decoded: Set<String> = []
    private(set) var violations: [String] = []
    var integrityChecks = 0

    func locked<T>(_ body: () throws -> T) rethrows -> T { lock.lock(); defer { lock.unlock() }; return try body() }

    func count(_ counter: Counter) -> Int { locked { counters[counter, default: 0] } }
    func add(_ counter: Counter, _ amount: Int = 1) { locked { counters[counter, default: 0] += amount } }
    func violation(_ text: String) { locked { violations.append(text) } }

    func finished(title: String, outcome: HTTPTestClient.Outcome) {
        locked {
            if case .notConnected = outcome { return }
            counters[.started, default: 0] += 1
            switch outcome {
            case .notConnected:
                break
            case .answered(let response) where response.status == 201:
                guard let json = try? response.json(), let id = json["id"] as? String, let sha = json["sha256"] as? String else {
                    violations.append("\(title): 201 without id and sha256: \(response.text.prefix(200))")
                    return
                }
                uploads[title] = .acknowledged(id: id)
                live[id] = (title, sha)
                counters[.acknowledged, default: 0] += 1
            case .answered(let response):
                uploads[title] = .refused(status: response.status)
                counters[.refused, default: 0] += 1
                violations.append("\(title): answered \(response.status) \(response.text.prefix(200))")
            case .cutWhileSending:
                uploads[title] = .cutWhileSending
                counters[.cutWhileSending, default: 0] += 1
            case .lostAfterSending:
                uploads[title] = .lostAfterSending
                counters[.lostAfterSending, default: 0] += 1
            }
        }
    }

    /// A live recording to delete, taken out of `live` until the answer comes.
    func randomLiveRecording() -> String? {
        locked {
            guard let id = live.keys.randomElement() else { return nil }
            deleting[id] = live.removeValue(forKey: id)
            return id
        }
    }

    func recordDelete(_ id: String, outcome: HTTPTestClient.Outcome) {
        locked {
            guard let entry = deleting.removeValue(forKey: id) else { return }
            counters[.deletesSent, default: 0] += 1
            switch outcome {
            case .answered(let response) where response.status == 204:
                deleted.insert(id)
                counters[.deleted, default: 0] += 1
            case .answered(let response):
                live[id] = entry
                counters[.deleteRefused, default: 0] += 1
                violations.append("DELETE \(id): answered \(response.status) \(response.text.prefix(200))")
            case .notConnected:
                live[id] = entry
                counters[.deletesSent, default: 0] -= 1
            case .cutWhileSending, .lostAfterSending:
                uncertainDeletes[id] = entry
                counters[.deleteLost, default: 0] += 1
            }
        }
    }

    /// After a restart: a deletion whose answer was lost either happened or not, as the listing says.
    func resolveUncertainDeletes(listed: Set<String>) {
        locked {
            for (id, entry) in uncertainDeletes {
                if listed.contains(id) { live[id] = entry } else { deleted.insert(id) }
            }
            uncertainDeletes = [:]
        }
    }

    func state(ofTitle title: String) -> UploadState? { locked { uploads[title] } }

    /// A row found for an upload whose answer was lost: it was committed, so it must stay safe too.
    func adoptCommitted(title: String, id: String, sha256: String) {
        locked {
            uploads[title] = .acknowledged(id: id)
            live[id] = (title, sha256)
            counters[.committedWithoutAnswer, default: 0] += 1
        }
    }

    func summary(rounds: Int, concurrency: Int) -> String {
        let c = { (counter: Counter) in self.count(counter) }
        return """
            crash safety: \(rounds) rounds of SIGKILL under \(concurrency) concurrent uploads (WAV and WebM, 0.3-20 s)
              uploads started \(c(.started)): acknowledged 201 \(c(.acknowledged)), refused \(c(.refused)), \
            cut off while sending \(c(.cutWhileSending)), sent whole but unanswered \(c(.lostAfterSending)) \
            (of which committed before the kill \(c(.committedWithoutAnswer)))
              deletes sent \(c(.deletesSent)): 204 \(c(.deleted)), refused \(c(.deleteRefused)), unanswered \(c(.deleteLost))
              left by the kills: \(c(.temporaryFilesAfterKill)) temporary files, \(c(.orphanFilesAfterKill)) files without a row \
            (all removed at start-up)
              checks over all rounds: \(c(.filesHashed)) stored files hashed, \(c(.filesServed)) served and compared, \
            \(c(.filesDecoded)) decoded by opusdec, integrity_check ok \(integrityChecks)/\(rounds)
              recordings alive at the end \(locked { live.count }), deleted \(locked { deleted.count })
              violations: \(locked { violations.count })
            """
    }
}
