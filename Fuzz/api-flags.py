#!/usr/bin/env python3
"""Prints, one per line, the flags SwiftPM's debug build passed to swiftc for the WebAPI module
that let it import C modules (module maps and include paths), read from its llbuild manifest:
Fuzz/run compiles WebAPI again with the sanitizers and needs the same imports.

  Fuzz/api-flags.py .build/debug.yaml
"""
import json, re, sys

manifest = open(sys.argv[1]).read()
start = manifest.index('"C.WebAPI-')
block = manifest[start:manifest.index('\n  "', start + 1)]
args = json.loads(re.search(r"^\s*args: (\[.*\])$", block, re.M).group(1))
i = 0
while i < len(args):
    arg = args[i]
    if arg == "-Xcc" and i + 1 < len(args) and (args[i + 1].startswith("-fmodule-map-file=") or args[i + 1] == "-I"):
        # `-Xcc -fmodule-map-file=…`, or `-Xcc -I -Xcc DIR`
        take = 4 if args[i + 1] == "-I" else 2
        print("\n".join(args[i:i + take]))
        i += take
        continue
    if arg.startswith("-I/"):
        print(arg)
    i += 1
