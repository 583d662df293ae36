/// Every store Parlons keeps its data in, one per area. The embedded default implements them all
/// with one database file and a media folder (the embedded default); a network of centres can
/// implement the same protocols on other engines.
public struct Stores: Sendable {
    public let recordings: any RecordingStore
    public let people: any PeopleStore
    public let credentials: any CredentialStore
    public let sessions: any SessionStore
    public let transcripts: any TranscriptStore
    public let progress: any ProgressStore
    public let scenarios: any ScenarioStore
    public let labels: any LabelStore
    public let photos: any PhotoStore
    /// Pairs, the change log and bundles applied (sync between servers); nil for stores that keep
    /// no change log (the embedded and the PostgreSQL stores both keep one).
    public let sync: (any SyncStore)?
    /// The recordings' Ogg Opus files.
    public let audio: any BlobStore
    /// The recordings' waveform peaks.
    public let peaks: any BlobStore
    /// Photos of people and groups.
    public let pictures: any BlobStore

    public init(recordings: any RecordingStore, people: any PeopleStore, credentials: any CredentialStore, sessions: any SessionStore,
                transcripts: any TranscriptStore, progress: any ProgressStore, scenarios: any ScenarioStore, labels: any LabelStore,
                photos: any PhotoStore, sync: (any SyncStore)? = nil, audio: any BlobStore, peaks: any BlobStore, pictures: any BlobStore) {
        self.recordings = recordings
        self.people = people
        self.credentials = credentials
        self.sessions = sessions
        self.transcripts = transcripts
        self.progress = progress
        self.scenarios = scenarios
        self.labels = labels
        self.photos = photos
        self.sync = sync
        self.audio = audio
        self.peaks = peaks
        self.pictures = pictures
    }
}
