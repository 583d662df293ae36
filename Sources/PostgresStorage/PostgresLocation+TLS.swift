import NIOSSL

extension PostgresLocation {
    /// The TLS settings for `tls`: nil for plain connections.
    ///
    /// - Throws: ``PostgresOpenError`` when `rootCertificate` cannot be read.
    func tlsConfiguration() throws -> TLSConfiguration? {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch tls {
        case .disable:
            return nil
        case .prefer, .require:
            configuration.certificateVerification = .none
        case .verifyFull:
            configuration.certificateVerification = .fullVerification
        }
        if let rootCertificate {
            do {
                configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(rootCertificate))
            } catch {
                throw PostgresOpenError(reason: .tls, message: "cannot read the certificate authorities in \(rootCertificate): \(error)")
            }
        }
        return configuration
    }
}
