#!/usr/bin/env python3
"""Independent decoder of MIT-format WFDB annotation files (annotation(5)), used to cross-check
the Java AnnotationReader. Prints per-record beat counts and rhythm aux strings.

Usage: atr_beat_counts.py [MITDB_DIR]   (default: /work/shared/data/mitdb)
"""
import os
import sys

import numpy as np

BEATS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 25, 30, 34, 35, 38, 41}
SKIP, NUM, SUB, CHN, AUX = 59, 60, 61, 62, 63


def decode(path):
    """Returns a list of (time, code, aux) for the annotations of one file."""
    words = np.fromfile(path, dtype="<u2")
    raw = open(path, "rb").read()
    anns = []
    t = 0
    i = 0
    while i < len(words):
        w = int(words[i])
        a, d = w >> 10, w & 0x3FF
        i += 1
        if w == 0:
            break
        if a <= 49:
            t += d
            anns.append([t, a, ""])
        elif a == SKIP:
            hi, lo = int(words[i]), int(words[i + 1])
            t += np.int32(np.uint32((hi << 16) | lo))
            i += 2
        elif a == AUX:
            start = 2 * i
            text = raw[start:start + d].split(b"\0")[0].decode("latin-1")
            if anns:
                anns[-1][2] = text
            i += (d + 1) // 2
        # NUM, SUB, CHN do not change times or codes
    return anns


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data/mitdb"
    names = sorted(f[:-4] for f in os.listdir(folder) if f.endswith(".atr"))
    total = 0
    for name in names:
        anns = decode(os.path.join(folder, name + ".atr"))
        beats = sum(1 for _, a, _ in anns if a in BEATS)
        rhythms = sorted({aux for _, a, aux in anns if a == 28})
        total += beats
        print(f"{name} annotations={len(anns)} beats={beats} rhythms={' '.join(rhythms)}")
    print(f"total beats={total}")


if __name__ == "__main__":
    main()
