import ScenarioFormat

/// Scenario files (shipped folders, `PUT /api/scenarios/{slug}`, `parlons scenarios check`): the
/// parser must answer every input with a scenario or with problems a trainer can find, and what
/// it accepts must read the same again.
public enum ScenarioFuzzTarget {
    /// Runs one fuzz input through `ScenarioParser`; traps only on a bug.
    public static func run(_ bytes: [UInt8]) {
        // The server refuses bodies that are not UTF-8 before the parser sees them.
        guard let source = String(validating: bytes, as: UTF8.self) else { return }
        let lineCount = source.split(separator: "\n", omittingEmptySubsequences: false).count
        let scenario: Scenario
        do {
            scenario = try ScenarioParser.parse(source)
        } catch {
            check(!error.problems.isEmpty, "a refusal without a problem")
            for problem in error.problems {
                check((1...max(1, lineCount)).contains(problem.line), "line \(problem.line) of a \(lineCount)-line file: \(problem.reason)")
                check(!problem.reason.isEmpty, "a problem without a reason on line \(problem.line)")
            }
            return
        }
        // Parsing is a function of the text.
        check((try? ScenarioParser.parse(source)) == scenario, "the same file parses differently twice")
        // A copy (the same file under its own slug, as `POST …/copy` writes it) reads as the same scenario.
        let copy = ScenarioParser.replacingSlug(in: source, with: scenario.slug)
        check((try? ScenarioParser.parse(copy, expectedSlug: scenario.slug)) == scenario, "the file with its own slug set again reads differently")
        check(scenario.steps.count <= ScenarioParser.maximumSteps, "\(scenario.steps.count) steps accepted")
        check(ScenarioParser.isSlug(scenario.slug), "the slug '\(scenario.slug)' is accepted but not valid")
    }

    static func check(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { fatalError("scenario fuzz invariant: \(message())") }
    }
}
