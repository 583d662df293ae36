import Hummingbird

extension Request {
    /// The revision an `If-Match: "rN"` header names (transcripts and scenarios tag revisions
    /// so), nil without the header; `412 revision_changed` when it is not such a tag.
    func expectedRevision() throws -> Int? {
        guard let tag = headers[.ifMatch] else { return nil }
        guard tag.hasPrefix("\"r"), tag.hasSuffix("\""), let revision = Int(tag.dropFirst(2).dropLast()) else {
            throw APIError(.preconditionFailed, code: "revision_changed", message: "If-Match must be a revision tag such as \"r3\"")
        }
        return revision
    }
}
