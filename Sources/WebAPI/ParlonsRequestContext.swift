import Foundation
import Hummingbird

/// The request context every Parlons route receives.
public struct ParlonsRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// JSON bodies (PATCH and the like) are small; audio is streamed and limited separately.
    public var maxUploadSize: Int { 64 * 1_024 }

    /// Stable key order and plain slashes in URLs (`/media/…`, not `\/media\/…`).
    public var responseEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
