import EmbeddedStorage
import Foundation
import Services
import Storage
import TestSupport

/// Services on real embedded stores in a folder of their own, with a password hashing that costs
/// nothing and counts its checks (bcrypt's cost is not what these tests are about).
final class ServiceWorld: Sendable {
    let root: URL
    let stores: Stores
    let checks = Counter()
    let passwords: PasswordHashing

    /// What ends with the world besides its folder (a database of the test cluster).
    private let cleanup: @Sendable () -> Void

    /// Embedded stores in a new folder under `parent` (the system's temporary folder when nil).
    convenience init(under parent: URL? = nil) throws {
        let root = try Self.folder(under: parent)
        self.init(root: root, stores: try EmbeddedStorage.open(root: root))
    }

    /// A new folder for a world under `parent` (the system's temporary folder when nil).
    static func folder(under parent: URL?) throws -> URL {
        guard let parent else { return try ExternalTool.temporaryDirectory("parlons-services") }
        let root = parent.appendingPathComponent("parlons-services-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return root
    }

    /// Services on `stores`, whose files are under `root`; `cleanup` runs when the world ends.
    init(root: URL, stores: Stores, cleanup: @escaping @Sendable () -> Void = {}) {
        self.root = root
        self.stores = stores
        self.cleanup = cleanup
        let checks = self.checks
        passwords = PasswordHashing(hash: { secret, cost in "hashed(\(cost)):\(secret)" },
                                    verify: { secret, hash in
                                        checks.add()
                                        return hash.hasSuffix(":\(secret)")
                                    })
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
        cleanup()
    }

    var library: RecordingLibrary { RecordingLibrary(stores: stores) }
    var people: PeopleService { PeopleService(stores: stores, passwords: passwords) }
    func signIn(_ limits: SignInLimits = SignInLimits()) -> SignInService {
        SignInService(stores: stores, passwords: passwords, limits: limits)
    }
}

/// How many times something happened, from any thread.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
