import Storage

/// The last status counted per group, with what it was counted from (the pair's row and the
/// change log's last number). Every change to what travels is logged, so while neither moves
/// the count cannot change. Kiosks ask every minute, and counting builds the next bundle's
/// payload, which costs about what an export does.
actor SyncStatusMemo {
    struct Basis: Equatable {
        let pair: SyncPair
        let lastSeq: Int64
    }

    private var kept: [String: (basis: Basis, status: SyncStatus)] = [:]

    func status(groupId: String, basis: Basis) -> SyncStatus? {
        guard let entry = kept[groupId], entry.basis == basis else { return nil }
        return entry.status
    }

    func keep(_ status: SyncStatus, basis: Basis) {
        kept[status.groupId] = (basis, status)
    }
}
