import FuzzTargets

/// libFuzzer's entry point for the MP4 target. Built by Fuzz/run with the sanitizers, outside SwiftPM
/// (every fuzzer binary defines this same symbol, so each gets exactly one of these files).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    MP4FuzzTarget.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
