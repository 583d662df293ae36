/// Every table a library's rows live in, in an order where each table comes after those it refers
/// to (a column marked `late` breaks the one cycle, person ⇄ recording). What moves when a library
/// changes engine (`parlons migrate-store`); what stays behind is what only one engine keeps: the
/// embedded store's sync tables and columns (pairs, the change log, revision ids), and each
/// engine's own bookkeeping.
public enum LibrarySchema {
    public static let tables: [PortableTable] = [
        PortableTable("picture", key: ["sha256"], [
            .init("sha256", .text), .init("contentType", .text), .init("byteSize", .integer), .init("createdAt", .integer),
        ]),
        PortableTable("person", key: ["id"], [
            .init("id", .text), .init("name", .text), .init("displayName", .text), .init("role", .text), .init("avatar", .text),
            .init("languages", .text), .init("passwordHash", .text), .init("pictureCodeHash", .text),
            .init("failedCodeAttempts", .integer), .init("lockedUntil", .integer), .init("createdAt", .integer),
            .init("avatarPhoto", .text), .init("nameRecordingId", .text, late: true),
        ]),
        PortableTable("learningGroup", key: ["id"], [
            .init("id", .text), .init("name", .text), .init("picture", .text), .init("openSignIn", .boolean),
            .init("createdAt", .integer), .init("picturePhoto", .text),
        ]),
        PortableTable("recording", key: ["seq"], [
            .init("seq", .integer), .init("id", .text), .init("title", .text), .init("language", .text), .init("durationMs", .integer),
            .init("sampleCount", .integer), .init("inputSampleRate", .integer), .init("inputChannels", .integer),
            .init("bitrate", .integer), .init("byteSize", .integer), .init("sha256", .text), .init("sourceFormat", .text),
            .init("createdAt", .integer), .init("ownerId", .text), .init("groupId", .text), .init("visibility", .text),
            .init("sharedWithMentor", .boolean), .init("loudnessLUFS", .real), .init("truePeakDBTP", .real), .init("gainDB", .real),
            .init("peaksSha256", .text), .init("picture", .text), .init("purpose", .text),
        ]),
        PortableTable("membership", key: ["groupId", "personId"], [
            .init("groupId", .text), .init("personId", .text), .init("addedBy", .text),
        ]),
        PortableTable("network", key: ["id"], [.init("id", .text), .init("name", .text)]),
        PortableTable("networkMember", key: ["networkId", "groupId"], [.init("networkId", .text), .init("groupId", .text)]),
        PortableTable("mentoringPair", key: ["id"], [
            .init("id", .text), .init("mentorId", .text), .init("newcomerId", .text), .init("startsAt", .integer), .init("endsAt", .integer),
        ]),
        PortableTable("apiToken", key: ["id"], [
            .init("id", .text), .init("personId", .text), .init("name", .text), .init("tokenHash", .text), .init("createdAt", .integer),
            .init("lastUsedAt", .integer), .init("revokedAt", .integer),
        ]),
        PortableTable("kiosk", key: ["id"], [
            .init("id", .text), .init("name", .text), .init("tokenHash", .text), .init("enrolledBy", .text),
            .init("idleSeconds", .integer), .init("createdAt", .integer), .init("revokedAt", .integer),
        ]),
        PortableTable("kioskGroup", key: ["kioskId", "groupId"], [.init("kioskId", .text), .init("groupId", .text)]),
        PortableTable("signInAttempt", key: ["id"], [
            .init("id", .integer), .init("personId", .text), .init("name", .text), .init("clientAddress", .text), .init("method", .text),
            .init("succeeded", .boolean), .init("checked", .boolean), .init("at", .integer),
        ]),
        PortableTable("oneTimeLink", key: ["tokenHash"], [
            .init("tokenHash", .text), .init("personId", .text), .init("expiresAt", .integer), .init("usedAt", .integer),
        ]),
        PortableTable("keyValue", key: ["key"], [.init("key", .text), .init("value", .bytes), .init("expiresAt", .integer)]),
        PortableTable("consent", key: ["id"], [
            .init("id", .text), .init("recordingId", .text), .init("personId", .text), .init("visibility", .text), .init("method", .text),
            .init("consentRecordingId", .text), .init("givenAt", .integer),
        ]),
        PortableTable("tombstone", key: ["recordingId"], [
            .init("recordingId", .text), .init("ownerId", .text), .init("withdrawnAt", .integer), .init("withdrawnBy", .text),
        ]),
        PortableTable("transcript", key: ["id"], [
            .init("id", .integer), .init("recordingId", .text), .init("language", .text), .init("currentRevision", .integer),
        ]),
        PortableTable("transcriptRevision", key: ["id"], [
            .init("id", .integer), .init("transcriptId", .integer), .init("revision", .integer), .init("kind", .text), .init("text", .text),
            .init("change", .text), .init("authorId", .text), .init("createdAt", .integer),
        ]),
        PortableTable("transcriptSegment", key: ["revisionId", "position"], [
            .init("revisionId", .integer), .init("position", .integer), .init("text", .text), .init("startMs", .integer),
            .init("endMs", .integer), .init("origin", .text), .init("confidence", .real),
        ]),
        PortableTable("transcriptWord", key: ["revisionId", "segment", "position"], [
            .init("revisionId", .integer), .init("segment", .integer), .init("position", .integer), .init("text", .text),
            .init("charOffset", .integer), .init("length", .integer), .init("startMs", .integer), .init("endMs", .integer),
            .init("origin", .text), .init("confidence", .real),
        ]),
        // The search rows keep their order (newest transcript first is the larger rowId); each
        // engine indexes the text its own way.
        PortableTable("transcriptSearch", key: ["rowId"], [
            .init("rowId", .integer), .init("transcriptId", .integer), .init("segment", .integer), .init("startMs", .integer),
            .init("text", .text),
        ]),
        PortableTable("attempt", key: ["id"], [
            .init("id", .text), .init("personId", .text), .init("recordingId", .text), .init("step", .text), .init("language", .text),
            .init("revision", .integer), .init("kind", .text), .init("segment", .integer), .init("level", .integer),
            .init("answer", .text), .init("marks", .text), .init("score", .integer), .init("tryRecordingId", .text),
            .init("createdAt", .integer),
            // The order attempts were saved in (the embedded store's row id).
            .init("seq", .integer),
        ]),
        PortableTable("attemptWord", key: ["attemptId", "position"], [
            .init("attemptId", .text), .init("position", .integer), .init("word", .text), .init("folded", .text), .init("mark", .text),
        ]),
        PortableTable("progress", key: ["personId", "recordingId", "step"], [
            .init("personId", .text), .init("recordingId", .text), .init("step", .text), .init("level", .integer),
            .init("levelSince", .integer), .init("setBy", .text), .init("updatedAt", .integer),
        ]),
        PortableTable("scenario", key: ["slug"], [
            .init("slug", .text), .init("groupId", .text), .init("visibility", .text), .init("currentRevision", .integer),
            .init("createdBy", .text), .init("createdAt", .integer), .init("copiedFrom", .text), .init("seedFile", .text),
            .init("seedHash", .text), .init("seedRevision", .integer),
        ]),
        PortableTable("scenarioRevision", key: ["slug", "number"], [
            .init("slug", .text), .init("number", .integer), .init("body", .text), .init("authorId", .text), .init("message", .text),
            .init("createdAt", .integer),
        ]),
        PortableTable("scenarioSeedConflict", key: ["slug"], [
            .init("slug", .text), .init("seedFile", .text), .init("fileBody", .text), .init("fileHash", .text),
            .init("currentRevision", .integer), .init("detectedAt", .integer),
        ]),
        PortableTable("scenarioStepDone", key: ["personId", "slug", "stepId"], [
            .init("personId", .text), .init("slug", .text), .init("stepId", .text), .init("recordingId", .text), .init("doneAt", .integer),
        ]),
        PortableTable("shippedMedia", key: ["path"], [
            .init("path", .text), .init("sha256", .text), .init("text", .text), .init("language", .text), .init("recordingId", .text),
            .init("importedAt", .integer),
        ]),
        PortableTable("uploadKey", key: ["ownerId", "key"], [
            .init("ownerId", .text), .init("key", .text), .init("recordingId", .text), .init("createdAt", .integer),
        ]),
        PortableTable("spokenLabel", key: ["language", "key"], [
            .init("language", .text), .init("key", .text), .init("recordingId", .text), .init("recordedBy", .text),
            .init("recordedAt", .integer),
        ]),
        PortableTable("codeGuard", key: ["personId", "source"], [
            .init("personId", .text), .init("source", .text), .init("failures", .integer), .init("lockedUntil", .integer),
        ]),
    ]

    /// The table named `name`.
    public static func table(_ name: String) -> PortableTable? {
        tables.first { $0.name == name }
    }

    /// Tables both engines keep that a move leaves behind: `uploadClaim` says who is storing an
    /// upload with a key right now (a lease of seconds, void once the source server is stopped).
    public static let leftBehind: Set<String> = ["uploadClaim"]
}
