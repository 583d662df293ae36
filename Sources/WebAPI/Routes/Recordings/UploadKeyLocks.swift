import Storage

/// One upload at a time per `Idempotency-Key` and uploader: a retry sent while the first try is
/// still being stored waits for it and then gets its answer, instead of storing a second copy.
actor UploadKeyLocks {
    private var held: Set<UploadKey> = []
    private var waiting: [UploadKey: [CheckedContinuation<Void, Never>]] = [:]

    func acquire(_ key: UploadKey) async {
        while held.contains(key) {
            await withCheckedContinuation { waiting[key, default: []].append($0) }
        }
        held.insert(key)
    }

    func release(_ key: UploadKey) {
        held.remove(key)
        for waiter in waiting.removeValue(forKey: key) ?? [] { waiter.resume() }
    }
}
