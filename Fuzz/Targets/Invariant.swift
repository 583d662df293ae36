/// Checks a fuzz target's own invariant. Unlike `precondition`, whose message an optimized build
/// drops, `fatalError` prints it, and the fuzz binaries are optimized.
func invariant(_ condition: Bool, _ message: @autoclosure () -> String, file: StaticString = #file, line: UInt = #line) {
    if !condition { fatalError(message(), file: file, line: line) }
}
