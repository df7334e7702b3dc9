#!/usr/bin/env python3
"""Interoperability check: opens a dataset written by `ecg-workbench pack` with h5py and prints its layout.

Usage: python3 check_h5py.py FILE.h5
Needs h5py (Debian: apt-get install python3-h5py). Not run by the Java tests; run it by hand.
It also re-checks offsets, labels and split, reads the first item's signal through the offsets and, for schema
version 2, checks that no source record has items on both sides of the split.
"""
import sys

import h5py
import numpy as np


def text(v):
    return v.decode("utf-8") if isinstance(v, bytes) else str(v)


def main(path):
    with h5py.File(path, "r") as f:
        print("root attributes:")
        for k, v in f.attrs.items():
            if isinstance(v, np.ndarray):
                v = [text(x) for x in v]
            elif isinstance(v, bytes):
                v = text(v)
            print(f"  {k} = {v!r}")
        print("datasets:")
        for k in f:
            d = f[k]
            attrs = ", ".join(f"{a}[{len(d.attrs[a])}]" for a in d.attrs)
            print(f"  /{k}: {d.dtype} {d.shape}" + (f" attrs: {attrs}" if attrs else ""))
        n = f["record_names"].shape[0]
        offsets = f["offsets"][()]
        labels = f["labels"][()]
        split = f["split"][()]
        classes = [text(c) for c in f.attrs["class_names"]]
        assert offsets.shape == (n + 1,) and offsets[0] == 0 and np.all(np.diff(offsets) >= 0)
        assert offsets[-1] == f["signals"].shape[0]
        assert labels.min() >= 0 and labels.max() < len(classes)
        assert set(np.unique(split)) <= {0, 1}
        assert f["features"].shape == (n, len(f["features"].attrs["names"]))
        name = text(f["record_names"][0])
        sig = f["signals"][offsets[0]:offsets[1]]
        print(f"record 0: {name}, label {classes[labels[0]]}, {sig.shape[0]} samples at {f['fs'][0]} Hz, "
              f"first values {np.round(sig[:4], 4).tolist()} mV, sha256 {text(f['sha256'][0])[:16]}...")
        for c, cname in enumerate(classes):
            m = labels == c
            print(f"  class {cname}: train {int(np.sum(m & (split == 0)))}, test {int(np.sum(m & (split == 1)))}")
        if "sources" in f:
            sources = f["sources"].asstr()[()]
            sides = {}
            for src, side in zip(sources, split):
                sides.setdefault(src, set()).add(int(side))
            assert all(len(v) == 1 for v in sides.values()), "a source record is on both sides of the split"
            train = sum(1 for v in sides.values() if v == {0})
            print(f"{text(f.attrs['item_kind'])}: {n} items from {len(sides)} source records, "
                  f"train {train}, test {len(sides) - train}")
        print("h5py check passed")


if __name__ == "__main__":
    main(sys.argv[1])
