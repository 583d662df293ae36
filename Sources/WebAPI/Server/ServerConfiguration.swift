import AudioCodec
import Foundation
import Services

/// Everything `parlons serve` can be told, with the embedded defaults.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var encoderSettings: OpusEncoderSettings
    /// Largest upload accepted, counted in bytes of the uploaded body.
    public var maxUploadBytes: Int
    /// Speech loudness (LUFS) recordings are brought to through the OpusHead gain; nil: untouched.
    public var loudnessTarget: Double? = LoudnessNormalization.defaultTarget
    /// Served over TLS (usually behind a proxy): cookies are `Secure` and the server's own origin,
    /// which a change's `Origin` must be, is `https`.
    public var secureCookies: Bool
    public var signInLimits: SignInLimits
    /// The shipped scenarios (`Scenarios/`), loaded and validated at start-up; nil: none.
    public var scenariosDirectory: URL?
    /// Where the paths scenario files name (`prompts/…`, `pictures/…`) are found: a folder of its
    /// own, never one holding the media root's stores (``ScenarioMediaFolder``).
    public var scenarioMediaDirectory = URL(fileURLWithPath: ScenarioMediaFolder.defaultPath, isDirectory: true)
    /// Seconds a connection may send nothing (headers never finished, an upload stalled mid-body,
    /// an idle keep-alive) before it is closed and what it sent is dropped.
    public var readTimeoutSeconds: Double = ServerConfiguration.defaultReadTimeoutSeconds
    /// Memory for stored Opus files served from RAM (files of at most 2 MiB, oldest out first); 0: none.
    public var mediaCacheBytes: Int = ServerConfiguration.defaultMediaCacheBytes
    /// When above 0 and the blobs are in an object store: `GET /media/ID.opus` of a public
    /// recording answers `307` to a presigned URL of its object valid this many seconds, so the
    /// object store (or a CDN before it) sends the bytes. 0: Parlons sends them itself.
    public var publicRedirectSeconds = 0
    /// Threads for CPU-heavy work (encoding uploads, FFmpeg, decoding `/media/ID.wav`, CAF, peaks,
    /// alignment), apart from the threads every request shares; one per core by default.
    public var workThreads: Int = ServerConfiguration.defaultWorkThreads
    /// Requests doing such work that may wait for those threads; one more is refused with
    /// `503 server_busy` and `Retry-After`.
    public var workQueueLength: Int = ServerConfiguration.defaultWorkQueueLength
    /// Where bundles of sync over HTTP wait (the media root's `sync/`): uploads from the paired
    /// server being received, and bundles prepared for it.
    public var syncDirectory = URL(fileURLWithPath: "media/sync", isDirectory: true)

    public static let defaultMaxUploadBytes = 512 * 1_024 * 1_024
    public static let defaultReadTimeoutSeconds = 60.0
    public static let defaultMediaCacheBytes = 64 * 1_024 * 1_024
    public static var defaultWorkThreads: Int { ProcessInfo.processInfo.activeProcessorCount }
    public static let defaultWorkQueueLength = 64

    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        encoderSettings: OpusEncoderSettings = try! OpusEncoderSettings(),
        maxUploadBytes: Int = ServerConfiguration.defaultMaxUploadBytes,
        secureCookies: Bool = false,
        signInLimits: SignInLimits = SignInLimits()
    ) {
        self.secureCookies = secureCookies
        self.signInLimits = signInLimits
        self.host = host
        self.port = port
        self.encoderSettings = encoderSettings
        self.maxUploadBytes = maxUploadBytes
    }
}
