import Services

extension SyncExchangeReport {
    /// One line: what went each way.
    public var summary: String {
        let sent = pushed.filter(\.applied)
        let recordings = sent.reduce(0) { $0 + $1.recordingsAdded }, attempts = sent.reduce(0) { $0 + $1.attemptsAdded }
        let revisions = sent.reduce(0) { $0 + $1.revisionsAdded }
        var line = "sent \(bytesSent) bytes (\(recordings) recordings, \(attempts) attempts, \(revisions) transcript revisions added there)"
        if let pulled {
            line += "; received \(bytesReceived) bytes (\(pulled.applied ? pulled.recordingsAdded : 0) recordings, "
                + "\(pulled.applied ? pulled.attemptsAdded : 0) attempts, \(pulled.applied ? pulled.revisionsAdded : 0) transcript revisions added here)"
        }
        return line
    }

    /// A line for each thing a trainer should look at, on either side.
    public var notes: [String] {
        pushed.flatMap { $0.notes(side: "there") } + (pulled?.notes(side: "here") ?? [])
    }
}
