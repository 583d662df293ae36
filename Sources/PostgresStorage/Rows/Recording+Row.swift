import Foundation
import Storage

extension Recording {
    /// The columns a recording row is read from (`r` is the recording table).
    static let columns = """
        r.seq, r.id, r.title, r.language, r.durationMs, r.sampleCount, r.inputSampleRate, r.inputChannels, r.bitrate, r.byteSize, \
        r.sha256, r.sourceFormat, r.createdAt, r.ownerId, r.groupId, r.visibility, r.sharedWithMentor, r.loudnessLUFS, \
        r.truePeakDBTP, r.gainDB, r.peaksSha256, r.picture, r.purpose
        """

    init(row: RowReader) throws {
        self.init(id: try row["id"], title: try row["title"], language: try row["language"], durationMs: try row["durationMs"],
                  sampleCount: try row["sampleCount"], inputSampleRate: try row["inputSampleRate"], inputChannels: try row["inputChannels"],
                  bitrate: try row["bitrate"], byteSize: try row["byteSize"], sha256: try row["sha256"], sourceFormat: try row["sourceFormat"],
                  createdAt: try row.date("createdAt"), ownerId: try row["ownerId"], groupId: try row["groupId"],
                  visibility: try row.raw("visibility", Visibility.self), sharedWithMentor: try row["sharedWithMentor"])
        seq = try row["seq"]
        loudnessLUFS = try row["loudnessLUFS"]
        truePeakDBTP = try row["truePeakDBTP"]
        gainDB = try row["gainDB"]
        peaksSha256 = try row["peaksSha256"]
        picture = try row["picture"]
        purpose = try row.raw("purpose", RecordingPurpose.self)
    }

    /// Inserts the row (its `seq` from the table's sequence) and returns it with that `seq`.
    func inserted(_ transaction: Transaction) async throws -> Recording {
        var query = BoundQuery("INSERT INTO recording (id, title, language, durationMs, sampleCount, inputSampleRate, inputChannels, ")
        query.append("bitrate, byteSize, sha256, sourceFormat, createdAt, ownerId, groupId, visibility, sharedWithMentor, loudnessLUFS, ")
        query.append("truePeakDBTP, gainDB, peaksSha256, picture, purpose) VALUES (")
        let values = [
            query.bind(id), query.bind(title), query.bind(language), query.bind(durationMs), query.bind(sampleCount),
            query.bind(inputSampleRate), query.bind(inputChannels), query.bind(bitrate), query.bind(byteSize), query.bind(sha256),
            query.bind(sourceFormat), query.bind(createdAt.millisecondsSince1970), query.bind(ownerId), query.bind(groupId),
            query.bind(visibility.rawValue), query.bind(sharedWithMentor), query.bind(loudnessLUFS), query.bind(truePeakDBTP),
            query.bind(gainDB), query.bind(peaksSha256), query.bind(picture), query.bind(purpose.rawValue),
        ]
        query.append(values.joined(separator: ", ") + ") RETURNING seq")
        var row = self
        row.seq = try await transaction.rows(query).first?["seq", as: Int64.self]
        return row
    }
}
