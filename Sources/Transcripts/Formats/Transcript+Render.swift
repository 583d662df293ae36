extension Transcript {
    /// Checks what the timed formats need: every segment timed, the timings consistent.
    func checkRenderable() throws(TranscriptRenderError) {
        if let index = segments.firstIndex(where: { !$0.isTimed }) { throw .untimedSegment(index: index) }
        if let problem = validationProblems().first { throw .invalidTranscript(problem) }
    }
}
