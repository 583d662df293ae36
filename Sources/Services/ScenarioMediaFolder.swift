import Foundation
import Storage

/// The folder of the audio and pictures that scenario files name by path (`prompts/…`,
/// `pictures/…`): shipped content, kept apart from what people recorded. A path is read only when
/// it resolves (symbolic links followed) to a file inside this folder, and the folder may not
/// hold the stores of user data, so a scenario can never name a stored recording's or photo's file.
public struct ScenarioMediaFolder: Sendable {
    /// Where the shipped scenarios' media live by default (relative to the working directory,
    /// like `Scenarios/`), whatever the media root.
    public static let defaultPath = "media/scenarios"

    public let root: URL
    /// The root with symbolic links resolved, ending with `/`.
    private let resolvedRoot: String

    public init(root: URL) {
        self.root = root.standardizedFileURL
        let resolved = self.root.resolvingSymlinksInPath().path
        resolvedRoot = resolved.hasSuffix("/") ? resolved : resolved + "/"
    }

    /// Refuses a folder that is, or holds, one of the media root's stores or the database: the
    /// configuration `--scenario-media` must name a folder of its own.
    public func checkApart(fromMediaRoot mediaRoot: URL, databasePath: String?) throws {
        var userData = MediaStoreKind.allCases.map { mediaRoot.appendingPathComponent($0.folder, isDirectory: true) }
        userData.append(URL(fileURLWithPath: databasePath ?? mediaRoot.appendingPathComponent("parlons.sqlite").path))
        for place in userData {
            let resolved = place.standardizedFileURL.resolvingSymlinksInPath().path
            if (resolved + "/").hasPrefix(resolvedRoot) {
                throw StorageError(code: .notWritable, message: """
                    the scenario media folder \(root.path) holds user data (\(place.lastPathComponent)): \
                    give --scenario-media a folder of its own (default \(Self.defaultPath))
                    """)
            }
        }
    }

    /// The file at `path` (relative to the folder), or nil when it does not exist, is a folder,
    /// or resolves outside the folder.
    public func url(of path: String) -> URL? {
        let url = root.appendingPathComponent(path)
        let resolved = url.resolvingSymlinksInPath().path
        guard resolved.hasPrefix(resolvedRoot) else { return nil }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
        return URL(fileURLWithPath: resolved)
    }

    /// The bytes of the file at `path`, under the same rules as ``url(of:)``.
    public func contents(of path: String) -> Data? {
        url(of: path).flatMap { FileManager.default.contents(atPath: $0.path) }
    }

    /// `scenarios/` (the folder's name, for messages).
    public var name: String { root.lastPathComponent + "/" }
}
