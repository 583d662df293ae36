import APIFuzzTargets

/// libFuzzer's entry point for the API's JSON request bodies (see WAV.swift for why each binary has one).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    APIBodyFuzzTarget.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
