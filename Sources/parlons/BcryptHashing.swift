import HummingbirdBcrypt
import Services

extension PasswordHashing {
    /// bcrypt (hummingbird-auth's C implementation): how the server and the command line hash
    /// passwords and picture codes.
    static let bcrypt = PasswordHashing(hash: { Bcrypt.hash($0, cost: $1) }, verify: { Bcrypt.verify($0, hash: $1) })
}
