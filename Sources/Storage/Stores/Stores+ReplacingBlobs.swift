extension Stores {
    /// The same metadata stores with the blobs kept elsewhere (an object store instead of the
    /// media folder, say): rows and files are chosen separately.
    public func replacingBlobs(audio: any BlobStore, peaks: any BlobStore, pictures: any BlobStore) -> Stores {
        Stores(recordings: recordings, people: people, credentials: credentials, sessions: sessions, transcripts: transcripts,
               progress: progress, scenarios: scenarios, labels: labels, photos: photos, sync: sync, audio: audio, peaks: peaks, pictures: pictures)
    }
}
