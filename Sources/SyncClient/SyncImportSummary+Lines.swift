import Services

extension SyncImportSummary {
    /// What the bundle added, changed and removed, in one line.
    public var counts: String {
        "\(recordingsAdded) recordings, \(attemptsAdded) attempts, \(revisionsAdded) transcript revisions, "
            + "\(scenarioRevisionsAdded) scenario revisions and \(stepsDone) scenario steps added; \(edited) edits and \(labelsChanged) spoken labels taken; "
            + "\(recordingsWithdrawn) recordings withdrawn, \(deleted) deleted"
    }

    /// What a trainer has to look at, one line each, saying on which side (`side`: "here" or
    /// "there").
    public func notes(side: String) -> [String] {
        var notes: [String] = []
        if missedEarlier {
            notes.append("an earlier bundle never arrived \(side): it is sent again with the next exchange")
        }
        for conflict in conflicts {
            notes.append("conflict \(side): transcript \(conflict) was edited on both sides; the later edit is current, a trainer should check it")
        }
        for slug in scenarioConflicts {
            notes.append("conflict \(side): scenario \(slug) was edited on both sides; its editor shows the other text until a trainer saves it")
        }
        for slug in scenariosNotTaken {
            notes.append("not taken \(side): scenario \(slug), because that name is another group's scenario or a shipped file "
                         + "\(side); rename it on one side (copy it under a new name) and it travels")
        }
        return notes
    }
}
