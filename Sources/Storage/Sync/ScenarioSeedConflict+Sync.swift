extension ScenarioSeedConflict {
    /// What a conflict left by sync names in place of a shipped file: two trainers saved the
    /// scenario apart (here and on the paired server); `fileBody` is the other head's Markdown.
    public static let otherServer = "(saved on the paired server)"

    /// True when sync left this conflict (two heads), not a shipped file that changed on disk.
    public var isFromSync: Bool { seedFile == Self.otherServer }
}
