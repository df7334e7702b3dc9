#!/usr/bin/env python3
"""SciPy side of `bench filtfilt`: times scipy.signal.filtfilt on the same shapes as the Java side.

Usage: scipy_filtfilt_bench.py ORDER F1 F2 FS MIN_SECONDS single:N1,N2,... batch:LEN:B1,B2,...
Prints one JSON object per line: {"experiment", "length", "batch", "seconds"} (median of repeats).
"""
import json
import sys
import time

import numpy as np
import scipy
import scipy.signal as sg


def median_time(fn, min_seconds):
    fn()  # warm-up
    times = []
    start = time.perf_counter()
    while len(times) < 3 or (time.perf_counter() - start < min_seconds and len(times) < 50):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return float(np.median(times))


def main():
    order, f1, f2, fs, min_seconds = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
    b, a = sg.butter(order, [f1, f2], btype='bandpass', fs=fs)
    rng = np.random.default_rng(0)
    print(json.dumps({"scipy": scipy.__version__, "numpy": np.__version__}), flush=True)
    for spec in sys.argv[6:]:
        parts = spec.split(':')
        if parts[0] == 'single':
            for n in map(int, parts[1].split(',')):
                x = rng.standard_normal(n)
                s = median_time(lambda: sg.filtfilt(b, a, x), min_seconds)
                print(json.dumps({"experiment": "single", "length": n, "batch": 1, "seconds": s}), flush=True)
        else:
            n = int(parts[1])
            for rows in map(int, parts[2].split(',')):
                x = rng.standard_normal((rows, n))
                s = median_time(lambda: sg.filtfilt(b, a, x, axis=-1), min_seconds)
                print(json.dumps({"experiment": "batch", "length": n, "batch": rows, "seconds": s}), flush=True)


if __name__ == '__main__':
    main()
