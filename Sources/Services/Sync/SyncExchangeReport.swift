/// What one exchange over HTTP moved (`parlons sync now`).
public struct SyncExchangeReport: Sendable, Equatable {
    /// The peer's summary of each bundle pushed (a resumed one first).
    public var pushed: [SyncImportSummary] = []
    /// What the bundle pulled from the peer did here.
    public var pulled: SyncImportSummary?
    /// Why the peer refused bundles sent in this exchange (set aside in `sync/refused/GROUP/`;
    /// their changes go again in the next bundle).
    public var refused: [String] = []
    /// Bundle bytes sent in this exchange (resumed uploads: only what was still missing).
    public var bytesSent = 0
    /// Bundle bytes received in this exchange.
    public var bytesReceived = 0

    public init() {}
}
