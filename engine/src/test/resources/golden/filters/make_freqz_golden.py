#!/usr/bin/env python3
"""Golden values for org.ecgworkbench.engine.filter.Freqz: scipy.signal.freqz(b, a, worN, fs=fs).

Writes freqz.json beside this script: for each case the Butterworth (b, a) from scipy.signal.butter, the
frequencies in Hz, Re/Im of H, 20*log10|H| and numpy.unwrap(angle(H)). Run: python3 make_freqz_golden.py
(SciPy 1.17.1, NumPy 2.4.6 made the committed file).
"""
import json
from pathlib import Path

import numpy as np
import scipy
from scipy import signal

CASES = [
    # order, edges in Hz, btype, fs, worN
    (1, [40.0], "lowpass", 360.0, 64),
    (4, [40.0], "lowpass", 360.0, 512),
    (2, [0.5], "highpass", 360.0, 512),
    (6, [0.67], "highpass", 250.0, 300),
    (3, [5.0, 15.0], "bandpass", 360.0, 512),
    (2, [0.5, 40.0], "bandpass", 500.0, 1000),
    (2, [58.0, 62.0], "bandstop", 360.0, 257),
    (4, [45.0, 55.0], "bandstop", 300.0, 512),
]

out = {"scipy": scipy.__version__, "numpy": np.__version__, "cases": []}
for order, wn, btype, fs, n in CASES:
    b, a = signal.butter(order, wn if len(wn) > 1 else wn[0], btype=btype, fs=fs)
    w, h = signal.freqz(b, a, worN=n, fs=fs)
    with np.errstate(divide="ignore"):
        db = 20 * np.log10(np.abs(h))
    out["cases"].append({
        "order": order, "wn": wn, "btype": btype, "fs": fs, "worN": n,
        "b": b.tolist(), "a": a.tolist(),
        "f": w.tolist(), "re": h.real.tolist(), "im": h.imag.tolist(),
        "db": [float(x) if np.isfinite(x) else None for x in db],
        "phase": np.unwrap(np.angle(h)).tolist(),
    })
# freqz at explicit frequencies in Hz (worN as an array)
b, a = signal.butter(3, [5.0, 15.0], btype="bandpass", fs=360.0)
f = np.array([0.0, 1.0, 5.0, 9.5, 10.0, 15.0, 60.0, 179.9, 180.0])
w, h = signal.freqz(b, a, worN=f, fs=360.0)
out["explicit"] = {"b": b.tolist(), "a": a.tolist(), "fs": 360.0, "f": w.tolist(),
                   "re": h.real.tolist(), "im": h.imag.tolist()}
Path(__file__).with_name("freqz.json").write_text(json.dumps(out))
