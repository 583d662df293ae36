import FuzzTargets
import Transcripts

/// libFuzzer's entry point for the transcript JSON reader (see WAV.swift for why each binary has one).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    TranscriptFuzzTarget.run(Array(UnsafeBufferPointer(start: data, count: size)), as: .json)
    return 0
}
