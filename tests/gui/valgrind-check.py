#!/usr/bin/env python3
# valgrind-check.py — run a program under valgrind and judge its report
#
# Copyright 2026 The Membrane Lab authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   valgrind-check.py --suppressions FILE -- PROGRAM [ARGS…]
#
# Fails (exit 1) when the program fails, or when valgrind's XML report holds
#   - an invalid read, write or free, a mismatched free, a jump to an invalid
#     address or an overlapping copy, in any frame (GTK's own included: a
#     read of a freed window inside GTK is still our bug);
#   - a use of an uninitialised value with a frame in Membrane Lab's code;
#   - a definite leak allocated with a frame in Membrane Lab's code among
#     the ten nearest the allocation (not one at the bottom of every stack,
#     main() or the application's startup).
# The suppressions file silences the rest of what GTK, fontconfig and the X
# server's libraries are known to report.  Each error found is printed with
# its stack.
import argparse
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

ALWAYS = {"InvalidRead", "InvalidWrite", "InvalidFree", "MismatchedFree",
          "InvalidJump", "Overlap", "InvalidMemPool"}
OURS_ONLY = {"UninitCondition", "UninitValue", "SyscallParam",
             "Leak_DefinitelyLost"}


def ours(frame):
    fn = frame.findtext("fn") or ""
    d = frame.findtext("dir") or ""
    return (fn.startswith("ml_") or fn.startswith("_ml_")
            or "/src/core" in d or "/src/gui" in d or "/src/draw" in d
            or "/src/cli" in d)


def describe(error):
    lines = [error.findtext("kind") + ": "
             + (error.findtext("what") or error.findtext("xwhat/text") or "")]
    for stack in error.findall("stack"):
        for frame in stack.findall("frame")[:16]:
            where = frame.findtext("file")
            lines.append("    %s %s" % (frame.findtext("fn") or frame.findtext("ip"),
                                        "(%s:%s)" % (where, frame.findtext("line")) if where else ""))
        lines.append("  --")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--suppressions", required=True)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command

    env = dict(os.environ, G_SLICE="always-malloc", G_DEBUG="gc-friendly")
    with tempfile.TemporaryDirectory() as tmp:
        xml_path = os.path.join(tmp, "valgrind.xml")
        status = subprocess.call(
            ["valgrind", "--xml=yes", "--xml-file=" + xml_path,
             "--suppressions=" + args.suppressions,
             "--leak-check=full", "--show-leak-kinds=definite",
             "--errors-for-leak-kinds=definite", "--num-callers=40",
             "--track-origins=no"] + command, env=env)
        root = ET.parse(xml_path).getroot()

    bad = []
    for error in root.findall("error"):
        kind = error.findtext("kind")
        frames = [f for s in error.findall("stack") for f in s.findall("frame")]
        if kind.startswith("Leak_"):
            frames = frames[:10]
        if kind in ALWAYS or (kind in OURS_ONLY and any(ours(f) for f in frames)):
            bad.append(error)
    for error in bad:
        print(describe(error))
    print("valgrind-check: %d error(s) that count, %d reported, program exit %d"
          % (len(bad), len(root.findall("error")), status))
    return 1 if bad or status != 0 else 0


if __name__ == "__main__":
    sys.exit(main())
