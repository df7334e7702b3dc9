#!/usr/bin/env python3
"""Golden values for the feature tests, computed independently with NumPy/SciPy.

Writes golden_features.json beside this script: the inputs (an RR series and a generated signal) and the
expected values. Run: python3 make_golden.py
"""
import json
import os

import numpy as np
from scipy.signal import welch

rng = np.random.default_rng(20240601)

# An RR series (s): 0.8 s with respiratory modulation, noise and a few ectopic-like jumps.
n = 300
t = np.arange(n)
rr = 0.8 + 0.04 * np.sin(2 * np.pi * t / 4.5) + 0.02 * rng.standard_normal(n)
rr[50] -= 0.25
rr[51] += 0.25
rr = np.round(rr, 6)

# A generated signal (mV) at 250 Hz: sines at 1.2, 8 and 25 Hz plus noise.
fs = 250.0
ts = np.arange(int(20 * fs)) / fs
sig = (0.5 * np.sin(2 * np.pi * 1.2 * ts) + 0.3 * np.sin(2 * np.pi * 8 * ts)
       + 0.1 * np.sin(2 * np.pi * 25 * ts) + 0.05 * rng.standard_normal(ts.size))
sig = np.round(sig, 9)


def sampen(x, m, r):
    """Richman-Moorman sample entropy, written straight from the definition (Chebyshev distance <= r)."""
    x = np.asarray(x, float)
    nt = len(x) - m
    tm = np.array([x[i:i + m] for i in range(nt)])
    tm1 = np.array([x[i:i + m + 1] for i in range(nt)])
    b = a = 0
    for i in range(nt):
        dm = np.max(np.abs(tm[i + 1:] - tm[i]), axis=1) <= r
        dm1 = np.max(np.abs(tm1[i + 1:] - tm1[i]), axis=1) <= r
        b += int(np.sum(dm))
        a += int(np.sum(dm1))
    return float(-np.log(a / b))


d = np.diff(rr)
sdnn = float(np.std(rr, ddof=1))
rr_expected = {
    "mean_rr_s": float(np.mean(rr)),
    "sdnn_s": sdnn,
    "rmssd_s": float(np.sqrt(np.mean(d ** 2))),
    "pnn50": float(np.mean(np.abs(d) > 0.05)),
    "cv_rr": sdnn / float(np.mean(rr)),
    "median_hr_bpm": float(np.median(60.0 / rr)),
    "sampen_rr": sampen(rr, 2, 0.2 * sdnn),
    "cosen": sampen(rr, 1, 0.03) + float(np.log(0.06)) - float(np.log(np.mean(rr))),
}

# Welch PSD as the engine computes it for the ECG: 4 s Hann segments, half overlap, constant detrend.
f, p = welch(sig, fs=fs, window="hann", nperseg=int(round(4 * fs)), noverlap=None, detrend="constant",
             scaling="density")
df = f[1] - f[0]


def band(lo, hi):
    return float(np.sum(p[(f >= lo) & (f < hi)]) * df)


mask = (f >= 0.5) & (f < 40)
total = band(0.5, 40)
spectral = {
    "ecg_power_mv2": total,
    "ecg_rel_power_0_5_5hz": band(0.5, 5) / total,
    "ecg_rel_power_5_15hz": band(5, 15) / total,
    "ecg_rel_power_15_40hz": band(15, 40) / total,
    "ecg_dominant_hz": float(f[mask][np.argmax(p[mask])]),
}

# An odd segment length too, to check the one-sided scaling without a Nyquist bin.
f_odd, p_odd = welch(sig[:1001], fs=fs, window="hann", nperseg=333, detrend="constant", scaling="density")

# Tachogram: RR k at the time of the beat ending it, linear interpolation at 4 Hz, Welch with 256 samples.
beats = np.concatenate([[0.0], np.cumsum(rr)])
tk = beats[1:]
grid = tk[0] + np.arange(int(np.floor((tk[-1] - tk[0]) * 4.0)) + 1) / 4.0
tach = np.interp(grid, tk, rr)
fh, ph = welch(tach, fs=4.0, window="hann", nperseg=min(256, len(tach)), detrend="constant", scaling="density")
dfh = fh[1] - fh[0]
lf = float(np.sum(ph[(fh >= 0.04) & (fh < 0.15)]) * dfh)
hf = float(np.sum(ph[(fh >= 0.15) & (fh < 0.40)]) * dfh)

golden = {
    "rr": rr.tolist(),
    "rr_expected": rr_expected,
    "fs": fs,
    "signal": sig.tolist(),
    "psd_f": f.tolist(),
    "psd_p": p.tolist(),
    "psd_odd_p": p_odd.tolist(),
    "spectral_expected": spectral,
    "beats_s": beats.tolist(),
    "tachogram": tach.tolist(),
    "hrv_expected": {"hrv_lf_s2": lf, "hrv_hf_s2": hf, "hrv_lf_hf": lf / hf},
}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden_features.json"), "w") as fh_out:
    json.dump(golden, fh_out)
print("wrote golden_features.json:", rr_expected, spectral, golden["hrv_expected"])
