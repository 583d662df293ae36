import Foundation

/// The other server, as the side that starts an exchange sees it: the four requests sync over
/// HTTP makes (the concrete client lives outside Services, which names no HTTP client).
///
/// Every request is signed with the pair's key (``SyncRequestSignature``).
public protocol SyncPeer: Sendable {
    /// Where the peer is (for messages).
    var address: String { get }
    /// Bytes of the bundle named `name` the peer has received so far.
    func receivedBytes(groupId: String, name: String) async throws -> Int
    /// Sends the file's bytes from `offset` to its end; the peer's import summary once the last
    /// byte arrived. A wrong offset is ``SyncTransferError/wrongOffset(expected:given:)``.
    func upload(groupId: String, name: String, file: URL, offset: Int, size: Int) async throws -> SyncImportSummary?
    /// Asks the peer for a bundle of what this side lacks.
    func prepare(groupId: String) async throws -> SyncOffer
    /// Appends the offered bundle's bytes from `offset` on to `file` (made when missing).
    func download(groupId: String, offer: SyncOffer, into file: URL, from offset: Int) async throws
}
