#!/usr/bin/env python3
"""Generates the SciPy golden files for the engine's filter tests (FilterGoldenTest).

Run from anywhere:  python3 make_golden.py   (needs NumPy and SciPy; prints the versions used)

Inputs are not stored: every input signal is made by `signal(seed, n)` below, an integer-only
recipe that the Java test reproduces bit for bit (EngineTestSignals.golden). Outputs are stored as
float64 triples (row, column, value) in caseNN.npy; long cases keep the first and last 200 samples
of every row plus every 97th sample, so the files stay small while every stretch of the signal is
checked. Filter coefficients go to JSON with Python's repr (round-trips exactly).
"""
import json
import os
import sys

import numpy as np
import scipy
import scipy.signal as sg

HERE = os.path.dirname(os.path.abspath(__file__))
FULL_LIMIT = 20_000  # store every sample of a case up to this many samples in total


def signal(seed, n):
    """Deterministic test signal: LCG noise + sawtooth + square wave, integers then one division."""
    out = np.empty(n)
    s = seed & 0x7FFFFFFF
    for i in range(n):
        s = (1103515245 * s + 12345) & 0x7FFFFFFF
        noise = (s >> 8) - (1 << 22)                 # in [-2^22, 2^22)
        saw = (i * 7919) % 1000 - 500                # period-1000 sawtooth
        square = 400 if (i // 150) % 2 else -400     # 300-sample period square wave
        out[i] = (noise // 4096 + saw + square) / 256.0
    return out


def batch(seed, lengths, dtype):
    rows = [signal(seed + 7 * r, n).astype(dtype) for r, n in enumerate(lengths)]
    return rows


def stored(ys):
    triples = []
    total = sum(len(y) for y in ys)
    for r, y in enumerate(ys):
        n = len(y)
        if total <= FULL_LIMIT:
            cols = np.arange(n)
        else:
            cols = np.unique(np.concatenate([np.arange(min(200, n)), np.arange(max(0, n - 200), n),
                                             np.arange(0, n, 97)]))
        triples.append(np.column_stack([np.full(len(cols), r, dtype=np.float64),
                                        cols.astype(np.float64), np.asarray(y, np.float64)[cols]]))
    return np.concatenate(triples)


CASES = []


def case(op, rows_lengths, seed, dtype='float64', ba=None, sos=None, padtype='odd', padlen=None,
         zi=None, note=''):
    CASES.append(dict(op=op, lengths=list(rows_lengths), seed=seed, dtype=dtype, ba=ba, sos=sos,
                      padtype=padtype, padlen=padlen, zi=zi, note=note))


def ba_of(order, wn, btype, fs):
    b, a = sg.butter(order, wn, btype=btype, fs=fs)
    return [list(map(float, b)), list(map(float, a))]


def sos_of(order, wn, btype, fs):
    return sg.butter(order, wn, btype=btype, fs=fs, output='sos').tolist()


def padlen_default(ba):
    return 3 * max(len(ba[0]), len(ba[1]))


# b, a cases use designs whose transfer-function form is well conditioned. For narrow bands, low
# corner frequencies or high orders, the (b, a) form itself loses digits (SciPy's own lfilter_zi then
# differs from the exact solution by more than 1e-10, e.g. butter(4, 0.5, 'highpass', fs=500) by 5e-7),
# and SciPy recommends second-order sections: those designs are tested as sos.
# --- the cases: orders 1-8; low/high/band pass and stop; fs 200..500; lengths padlen+1..650,000;
# --- batches 1-64; every padtype; float32 and float64; with and without zi.
PT = ba_of(3, [5, 15], 'bandpass', 300)                         # the Pan-Tompkins band-pass
case('filtfilt', [9000], 1, ba=PT, note='Pan-Tompkins band-pass, one CinC-length record')
case('filtfilt', [9000] * 64, 2, ba=PT, note='batch 64')
case('filtfilt', [650000], 3, ba=PT, note='650,000 samples')
case('filtfilt', [7], 4, ba=ba_of(1, 0.5, 'highpass', 360), note='length padlen+1, order 1')
case('filtfilt', [19], 5, ba=ba_of(2, 40, 'lowpass', 250), note='length padlen+1, order 2')
case('filtfilt', [5000] * 8, 6, ba=ba_of(2, 40, 'lowpass', 250), padtype='even')
case('filtfilt', [5000] * 8, 7, ba=ba_of(2, 40, 'lowpass', 250), padtype='constant')
case('filtfilt', [5000] * 8, 8, ba=ba_of(2, 40, 'lowpass', 250), padtype=None)
case('filtfilt', [3000] * 3, 9, ba=ba_of(2, 0.5, 'highpass', 500), padlen=100)
case('filtfilt', [3000] * 3, 10, ba=ba_of(2, 0.5, 'highpass', 500), padlen=0)
case('filtfilt', [12000] * 2, 11, ba=ba_of(8, 100, 'lowpass', 500), note='order 8')
case('filtfilt', [12000] * 2, 12, ba=ba_of(6, 40, 'highpass', 200), note='order 6 high-pass')
case('filtfilt', [10000] * 4, 13, ba=ba_of(2, [45, 55], 'bandstop', 500), note='mains notch')
case('sosfiltfilt', [10000] * 4, 14, sos=sos_of(5, [48, 52], 'bandstop', 250), note='order 5 band-stop')
case('filtfilt', [9000] * 16, 15, ba=PT, dtype='float32', note='float32 batch')
case('filtfilt', [2714, 9000, 18286, 64, 22, 4000], 16, ba=PT, note='ragged batch')
case('filtfilt', [9000] * 4, 17, ba=[[0.25, 0.5, 0.25], [1.0]], note='FIR')
case('filtfilt', [6000] * 2, 18, ba=[[3 * v for v in PT[0]], [3 * v for v in PT[1]]],
     note='a[0] != 1')
case('sosfiltfilt', [30000] * 4, 19, sos=sos_of(7, [1, 40], 'bandpass', 500), dtype='float32',
     padtype='even', note='order 7 band-pass float32')
case('filtfilt', [8000] * 5, 20, ba=ba_of(3, 30, 'lowpass', 200), padtype='constant', padlen=50)
case('lfilter', [9000], 21, ba=PT)
case('lfilter', [9000] * 64, 22, ba=ba_of(4, 20, 'highpass', 250), dtype='float32')
case('lfilter', [5000] * 3, 23, ba=ba_of(2, [8, 20], 'bandpass', 200), zi='random')
case('lfilter', [650000], 24, ba=ba_of(1, 0.67, 'highpass', 360), note='baseline high-pass, long')
case('lfilter', [4000] * 2, 25, ba=[[1.0, 2.0, 0.0, -2.0, -1.0], [8.0]], note='5-point derivative')
case('sosfilt', [3000, 100, 1], 26, sos=sos_of(6, [0.5, 45], 'bandpass', 360), zi='random',
     note='ragged with zi, a length-1 row')
case('lfilter', [5000] * 2, 27, ba=ba_of(8, 30, 'lowpass', 300), zi='steady')
case('sosfilt', [12000] * 2, 28, sos=sos_of(8, [0.5, 40], 'bandpass', 500), note='order 8 sos')
case('sosfilt', [5000] * 3, 29, sos=sos_of(5, 25, 'lowpass', 250), zi='random', note='odd order')
case('sosfiltfilt', [12000] * 2, 30, sos=sos_of(8, [0.5, 40], 'bandpass', 500))
case('sosfiltfilt', [9000] * 32, 31, sos=sos_of(3, [5, 15], 'bandpass', 300), dtype='float32')
case('sosfiltfilt', [650000], 32, sos=sos_of(4, [0.5, 40], 'bandpass', 360), padtype='even')
case('sosfiltfilt', [4000, 900, 31], 33, sos=sos_of(2, [49, 51], 'bandstop', 500), padtype='constant')
case('sosfiltfilt', [4000] * 2, 34, sos=sos_of(1, 1.0, 'highpass', 250), padtype=None)
case('lfilter', [3000, 2999, 1500, 7], 35, ba=ba_of(2, [5, 15], 'bandpass', 360), zi='random',
     note='ragged with zi')
case('sosfiltfilt', [650000], 36, sos=sos_of(3, [5, 15], 'bandpass', 360),
     note='Pan-Tompkins band-pass at 360 Hz, 30-min record')


def run_case(i, c):
    dtype = np.dtype(c['dtype'])
    xs = batch(c['seed'], c['lengths'], dtype)
    ys, zfs = [], []
    rng = np.random.default_rng(1000 + i)
    zi_rows = None
    if c['op'] in ('lfilter', 'sosfilt') and c['zi'] is not None:
        if c['op'] == 'lfilter':
            k = max(len(c['ba'][0]), len(c['ba'][1])) - 1
            base = sg.lfilter_zi(*c['ba'])
        else:
            k = 2 * len(c['sos'])
            base = sg.sosfilt_zi(np.array(c['sos'])).ravel()
        if c['zi'] == 'random':
            zi_rows = rng.standard_normal((len(xs), k)).tolist()
        else:
            zi_rows = [list(base * float(x[0])) for x in xs]
        c['zi_values'] = zi_rows
    for r, x in enumerate(xs):
        if c['op'] == 'filtfilt':
            y = sg.filtfilt(c['ba'][0], c['ba'][1], x, padtype=c['padtype'], padlen=c['padlen'])
        elif c['op'] == 'sosfiltfilt':
            y = sg.sosfiltfilt(np.array(c['sos']), x, padtype=c['padtype'], padlen=c['padlen'])
        elif c['op'] == 'lfilter':
            if zi_rows is None:
                y = sg.lfilter(c['ba'][0], c['ba'][1], x)
            else:
                y, zf = sg.lfilter(c['ba'][0], c['ba'][1], x, zi=np.array(zi_rows[r]))
                zfs.append(zf)
        else:
            sos = np.array(c['sos'])
            if zi_rows is None:
                y = sg.sosfilt(sos, x)
            else:
                y, zf = sg.sosfilt(sos, x, zi=np.array(zi_rows[r]).reshape(len(sos), 2))
                zfs.append(zf.ravel())
        ys.append(y)
    name = f'case{i:02d}'
    np.save(os.path.join(HERE, name + '.npy'), stored(ys))
    if zfs:
        np.save(os.path.join(HERE, name + '_zf.npy'), np.array(zfs, dtype=np.float64))
    c['name'] = name
    c['has_zf'] = bool(zfs)


def butter_table():
    rows = []
    for order in range(1, 9):
        for fs in (200, 250, 300, 360, 500):
            for btype, wn in (('lowpass', [40.0]), ('highpass', [0.5]), ('bandpass', [5.0, 15.0]),
                              ('bandstop', [45.0, 55.0])):
                w = wn[0] if len(wn) == 1 else wn
                b, a = sg.butter(order, w, btype=btype, fs=fs)
                sos = sg.butter(order, w, btype=btype, fs=fs, output='sos')
                zi = sg.lfilter_zi(b, a)
                rows.append(dict(order=order, fs=fs, btype=btype, wn=wn, b=b.tolist(), a=a.tolist(),
                                 sos=sos.tolist(), lfilter_zi=zi.tolist(),
                                 sosfilt_zi=sg.sosfilt_zi(sos).tolist()))
    return rows


def main():
    for i, c in enumerate(CASES, start=1):
        run_case(i, c)
    meta = dict(scipy=scipy.__version__, numpy=np.__version__, python=sys.version.split()[0],
                full_limit=FULL_LIMIT, cases=CASES)
    with open(os.path.join(HERE, 'cases.json'), 'w') as f:
        json.dump(meta, f, indent=1)
    with open(os.path.join(HERE, 'butter.json'), 'w') as f:
        json.dump(dict(scipy=scipy.__version__, filters=butter_table()), f)
    print(f'{len(CASES)} cases, SciPy {scipy.__version__}, NumPy {np.__version__}')


if __name__ == '__main__':
    main()
