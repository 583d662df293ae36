import APIFuzzTargets

/// libFuzzer's entry point for the fast path's request-head reader (see WAV.swift for why each binary has one).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    PlainRequestHeadFuzzTarget.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
