#!/usr/bin/env python3
"""Writes the NumPy golden files of the elementwise ufunc tests.

Run from anywhere with a Python that has NumPy 2.x:

    python3 -m venv /tmp/npvenv-ufunc && /tmp/npvenv-ufunc/bin/pip install numpy
    /tmp/npvenv-ufunc/bin/python crates/oxarray-ufunc/tests/golden/gen_ufunc.py

Output directory: tests/golden/ufunc_npy/ (next to this script), rewritten from scratch.

* `in_{dtype}_x.npy`: the edge values of a dtype (NaN, +-inf, -0.0, extremes, ...), the input
  of every unary ufunc; `in_{dtype}_a.npy` / `in_{dtype}_b.npy`: every pair of edge values
  (a grid, raveled), the inputs of every binary ufunc. `in_{ufunc}_{dtype}_b.npy` replaces the
  shared `b` where NumPy rejects some values (negative integer powers).
* `out_{ufunc}_{dtype}.npy`: NumPy's result. A missing file means NumPy has no loop for that
  dtype (the test then expects an UnsupportedDType error).
* `layout_{case}_{a,b}.npy` and `layout_{case}_{ufunc}.npy`: layouts (F order, negative and
  zero strides, size-1 axes, steps, empty and 0-d arrays) for a few ufuncs; the test applies
  the same view transform as `LAYOUT_CASES` below before calling the ufunc.
* `manifest.json`: what was written, with the NumPy version.
"""

import json
import os
import shutil
import warnings

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "ufunc_npy")

DTYPES = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
          "float16", "float32", "float64", "complex64", "complex128"]

UNARY = ["negative", "absolute", "sign", "sqrt", "cbrt", "square", "reciprocal", "exp", "exp2",
         "expm1", "log", "log2", "log10", "log1p", "sin", "cos", "tan", "arcsin", "arccos",
         "arctan", "sinh", "cosh", "tanh", "floor", "ceil", "trunc", "rint", "isnan", "isinf",
         "isfinite", "conjugate", "logical_not", "invert", "real", "imag", "angle"]

BINARY = ["add", "subtract", "multiply", "divide", "floor_divide", "remainder", "power",
          "maximum", "minimum", "fmax", "fmin", "arctan2", "hypot", "copysign", "equal",
          "not_equal", "less", "less_equal", "greater", "greater_equal", "logical_and",
          "logical_or", "logical_xor", "bitwise_and", "bitwise_or", "bitwise_xor", "left_shift",
          "right_shift"]

# Functions that are not ufuncs in NumPy.
FUNCS = {"real": np.real, "imag": np.imag, "angle": np.angle}


def edge_values(dtype):
    dt = np.dtype(dtype)
    if dt.kind == "b":
        return np.array([False, True])
    if dt.kind in "iu":
        info = np.iinfo(dt)
        vals = [0, 1, 2, 3, 7, 100, info.max, info.max - 1]
        if dt.kind == "i":
            vals += [-1, -3, -7, info.min, info.min + 1]
        return np.array(vals, dtype=dt)
    if dt.kind == "f":
        big = 60000.0 if dt == np.float16 else (1e30 if dt == np.float32 else 1e300)
        vals = [0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 2.5, -3.75, 7.0, 0.1, big, -big, np.inf,
                -np.inf, np.nan]
        return np.array(vals, dtype=dt)
    # complex: finite values only (branch cuts at inf/nan differ between libms)
    vals = [0, 1, -1, 1j, -1j, 1 + 2j, -3.5 + 0.5j, 0.25 - 0.75j, 2 - 2j]
    return np.array(vals, dtype=dt)


def unary_values(dtype):
    x = edge_values(dtype)
    return x


def grid(dtype):
    v = edge_values(dtype)
    a, b = np.meshgrid(v, v, indexing="ij")
    return a.ravel(), b.ravel()


def call(name, *args):
    f = FUNCS.get(name) or getattr(np, name)
    return np.asarray(f(*args))


def save(name, arr, manifest):
    np.save(os.path.join(OUT, name + ".npy"), arr)
    manifest.append(name)


# (name, shape of a, shape of b, how the test transforms a before the call)
LAYOUT_CASES = [
    ("c", (3, 4, 5), (3, 4, 5), "none"),
    ("f", (3, 4, 5), (3, 4, 5), "none"),          # a stored in F order
    ("neg", (3, 4, 5), (3, 4, 5), "flip02"),      # a[::-1, :, ::-1]
    ("step", (6, 4, 10), (3, 4, 5), "step"),      # a[::2, :, 1::2]
    ("bcast_row", (3, 4, 5), (5,), "none"),        # b broadcast: zero strides
    ("bcast_mid", (3, 4, 5), (1, 4, 1), "none"),
    ("size1", (3, 1, 5), (3, 4, 5), "none"),
    ("scalar", (3, 4, 5), (), "none"),             # b is 0-d
    ("empty", (0, 4), (0, 4), "none"),
    ("zerod", (), (), "none"),
    ("transposed", (5, 4, 3), (3, 4, 5), "transpose"),  # a.T
]
LAYOUT_UFUNCS = ["add", "subtract", "multiply", "divide", "maximum", "less", "sqrt", "negative"]
LAYOUT_DTYPES = ["float64", "int32"]


def transform(a, how):
    if how == "flip02":
        return a[::-1, :, ::-1]
    if how == "step":
        return a[::2, :, 1::2]
    if how == "transpose":
        return a.T
    return a


def main():
    warnings.simplefilter("ignore")
    np.seterr(all="ignore")
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    manifest = []
    for dt in DTYPES:
        x = unary_values(dt)
        save(f"in_{dt}_x", x, manifest)
        a, b = grid(dt)
        save(f"in_{dt}_a", a, manifest)
        save(f"in_{dt}_b", b, manifest)
        for name in UNARY:
            try:
                r = call(name, x)
            except TypeError:
                continue
            save(f"out_{name}_{dt}", r, manifest)
        for name in BINARY:
            bb = b
            if name == "power" and np.dtype(dt).kind in "iub":
                # NumPy raises for negative integer exponents: use small non-negative ones.
                bb = (np.abs(b.astype(np.int64)) % 9).astype(dt)
                save(f"in_{name}_{dt}_b", bb, manifest)
            try:
                r = call(name, a, bb)
            except (TypeError, ValueError):
                continue
            save(f"out_{name}_{dt}", r, manifest)
    rng = np.random.default_rng(1234)
    for case, sa, sb, how in LAYOUT_CASES:
        for dt in LAYOUT_DTYPES:
            a = (rng.integers(-20, 20, size=sa) + 0.5 * (dt == "float64")).astype(dt)
            b = (rng.integers(1, 20, size=sb)).astype(dt)
            if case == "f":
                a = np.asfortranarray(a)
            save(f"layout_{case}_{dt}_a", a, manifest)
            save(f"layout_{case}_{dt}_b", b, manifest)
            av = transform(a, how)
            for name in LAYOUT_UFUNCS:
                if name in UNARY:
                    r = call(name, av)
                else:
                    r = call(name, av, b)
                save(f"layout_{case}_{dt}_{name}", r, manifest)
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump({"numpy": np.__version__, "files": manifest}, f, indent=0)
        f.write("\n")
    total = sum(os.path.getsize(os.path.join(OUT, n)) for n in os.listdir(OUT))
    print(f"wrote {len(manifest)} files, {total} bytes, to {OUT}")


if __name__ == "__main__":
    main()
