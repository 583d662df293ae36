import ScenarioFuzzTargets

/// libFuzzer's entry point for the scenario file parser (see WAV.swift for why each binary has one).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    ScenarioFuzzTarget.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
