import Foundation
import Logging
import PostgresNIO
import Storage

/// Every metadata store on one PostgreSQL database, through a pool of connections (postgres-nio's
/// `PostgresClient`). Values always travel as bound parameters.
///
/// The rows read on nearly every request are kept in memory (``PostgresReadCaches``); several
/// Parlons nodes share the database, so every committed change to their tables is announced by
/// the database to every node (`LISTEN`/`NOTIFY`), which empties them: a withdrawal or a revoked
/// token on one node holds on all within the notification's delay (milliseconds).
///
/// Where a protocol promises one serialised write, it is serialised on the database, so it holds
/// across nodes: writes that publish or remove blobs hold a session advisory lock until the blobs
/// are removed after the commit; sign-in slots, progress, transcripts and scenarios take a
/// transaction advisory lock on what they count or number.
public final class PostgresMetadataStore: RecordingStore, PeopleStore, CredentialStore, SessionStore, TranscriptStore, ProgressStore,
    ScenarioStore, LabelStore, PhotoStore {
    let client: PostgresClient
    let logger: Logger
    let caches = PostgresReadCaches()
    private let running: Task<Void, Never>
    private let listening: Task<Void, Never>

    /// Connects to the database at `location`, checks the server, and brings the schema up to date
    /// (creating the tables on an empty database).
    ///
    /// `maximumConnections` bounds the pool's connections for queries; one more listens for changes.
    ///
    /// - Throws: ``PostgresOpenError`` when the server cannot be reached, refuses the credentials,
    ///   is older than ``minimumServerVersion``, or the schema cannot be made.
    public static func open(_ location: PostgresLocation, maximumConnections: Int = 20,
                            logger: Logger = Logger(label: "parlons.postgres")) async throws -> PostgresMetadataStore {
        try await PostgresBootstrap(location: location, logger: logger).prepare()
        let tls: PostgresClient.Configuration.TLS = switch (location.tls, try location.tlsConfiguration()) {
        case (_, nil): .disable
        case (.prefer, let settings?): .prefer(settings)
        case (_, let settings?): .require(settings)
        }
        return PostgresMetadataStore(location: location, tls: tls, maximumConnections: maximumConnections, logger: logger)
    }

    private init(location: PostgresLocation, tls: PostgresClient.Configuration.TLS, maximumConnections: Int, logger: Logger) {
        var configuration = PostgresClient.Configuration(host: location.host, port: location.port, username: location.user,
                                                         password: location.password, database: location.database, tls: tls)
        // One more than asked for: the change listener holds one for as long as the store lives.
        configuration.options.maximumConnections = maximumConnections + 1
        // The pool's own log says, at warning level, that it was used before its run loop started
        // (the loop starts in a task, just below; the lease waits for it): noise on every command.
        // Its errors reach the queries that meet them.
        var background = logger
        background.logLevel = .error
        let client = PostgresClient(configuration: configuration, backgroundLogger: background)
        self.client = client
        self.logger = logger
        running = Task { await client.run() }
        listening = Task { [caches] in await PostgresChangeListener.run(client: client, caches: caches, logger: logger) }
    }

    deinit {
        // Ends the pool's run loop, which closes its connections.
        listening.cancel()
        running.cancel()
    }

    /// The oldest server the schema and the search need (trusted `unaccent`, `ts_headline` on
    /// `unaccent`-mapped configurations).
    public static let minimumServerVersion = 130_000
}

extension PostgresMetadataStore {
    /// Every store: the metadata ones on this database, the blobs in the given blob stores.
    public func stores(audio: any BlobStore, peaks: any BlobStore, pictures: any BlobStore) -> Stores {
        Stores(recordings: self, people: self, credentials: self, sessions: self, transcripts: self, progress: self, scenarios: self,
               labels: self, photos: self, sync: self, audio: audio, peaks: peaks, pictures: pictures)
    }
}
