import Hummingbird

/// `POST /api/groups/{id}/sync`: the one-time code the other server's admin enters.
struct PairingCodeResponse: ResponseEncodable {
    let groupId: String
    /// Shown once; never stored (both sides keep only the key made from it).
    let code: String
}
