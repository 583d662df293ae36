/// Holds tasks until `count` of them wait, then lets them all go at once: a burst whose calls
/// reach the store together, as far as the machine allows, instead of one after another as the
/// tasks happen to start. Nothing is asserted about timing; the gate only makes overlap likely.
actor StartingGate {
    private let count: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(count: Int) {
        self.count = count
    }

    func wait() async {
        await withCheckedContinuation { continuation in
            waiting.append(continuation)
            if waiting.count == count {
                for task in waiting { task.resume() }
                waiting = []
            }
        }
    }
}
