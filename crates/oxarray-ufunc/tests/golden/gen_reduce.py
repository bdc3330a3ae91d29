#!/usr/bin/env python3
"""Writes the golden files of the reduction tests (tests/reduce_golden.rs).

Run from the repository root with NumPy 2.x:

    python3 crates/oxarray-ufunc/tests/golden/gen_reduce.py

It writes tests/golden/reduce_data/: one `in_<case>.npy` per input (C order); the expected
results of each input packed by dtype, flattened and concatenated, in `<case>.<kind><size>.npy`
(for example `f64_special.f8.npy`); and `cases.txt`, one line per result:

    case  view  op  axes  keepdims  ddof  expected

* view: `-`, or comma-separated transforms applied in order to the input, in NumPy here and
  in oxarray by the test: `t` transpose, `f` F-order copy, `rK` reverse axis K, `sK:N` step N
  along axis K, `bc:AxBxC` broadcast to that shape (zero strides).
* axes: `none`, `empty` (the empty tuple) or comma-separated integers.
* expected: `file:offset:sSHAPE` (the result is `file[offset:offset + size]` reshaped to SHAPE,
  dimensions joined by `x`, empty for a 0-d result), or `error` when NumPy raises.
"""

import os
import shutil
import warnings

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reduce_data")

AXIS_OPS = ["sum", "prod", "mean", "var", "std", "min", "max", "all", "any",
            "nansum", "nanprod", "nanmean", "nanvar", "nanstd", "nanmin", "nanmax"]
ONE_AXIS_OPS = ["argmin", "argmax", "nanargmin", "nanargmax",
                "cumsum", "cumprod", "nancumsum", "nancumprod"]
ALL_OPS = AXIS_OPS + ONE_AXIS_OPS
INT_OPS = ["sum", "prod", "mean", "var", "std", "min", "max", "all", "any", "argmin",
           "argmax", "cumsum", "cumprod", "nansum", "nanmax", "nanmean"]
CORE_OPS = ["sum", "mean", "std", "max", "argmin", "cumsum", "nanmin"]


def apply_view(a, view):
    if view == "-":
        return a
    for t in view.split(","):
        if t == "t":
            a = a.T
        elif t == "f":
            a = np.asfortranarray(a)
        elif t.startswith("r"):
            a = np.flip(a, int(t[1:]))
        elif t.startswith("bc:"):
            a = np.broadcast_to(a, tuple(int(d) for d in t[3:].split("x")))
        elif t.startswith("s"):
            k, n = (int(x) for x in t[1:].split(":"))
            a = a[(slice(None),) * k + (slice(None, None, n),)]
        else:
            raise ValueError(t)
    return a


def run(op, a, axes, keepdims, ddof):
    f = getattr(np, op)
    if op in ONE_AXIS_OPS:
        ax = None if axes is None else axes[0]
        if op.startswith("arg") or op.startswith("nanarg"):
            return f(a, axis=ax, keepdims=keepdims)
        return f(a, axis=ax)
    kw = dict(axis=axes, keepdims=keepdims)
    if op in ("var", "std", "nanvar", "nanstd"):
        kw["ddof"] = ddof
    return f(a, **kw)


def fmt_axes(axes):
    if axes is None:
        return "none"
    if axes == ():
        return "empty"
    return ",".join(str(x) for x in axes)


def configs(ndim, op):
    """(axes, keepdims, ddof) triples to test for an input of `ndim` dimensions."""
    if op in ONE_AXIS_OPS:
        out = [(None, False, 0)]
        if ndim >= 1:
            out += [((0,), op.startswith("arg") or op.startswith("nanarg"), 0), ((-1,), False, 0)]
        return out
    ddof = 1 if op in ("var", "std", "nanvar", "nanstd") else 0
    out = [(None, False, 0)]
    if ndim >= 1:
        out += [((0,), True, 0), ((-1,), False, ddof)]
    if ndim >= 3:
        out += [((0, 2), False, 0), ((2, 0), True, ddof)]
    if ndim == 2 and op == "sum":
        out += [((), False, 0)]
    return out


def main():
    warnings.simplefilter("ignore")
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    rng = np.random.default_rng(20240501)
    nan, inf = np.nan, np.inf

    inputs = {
        "f64_special": np.array([[1.5, -0.0, nan, 2.0], [inf, -inf, 3.0, -0.0],
                                 [0.25, -2.0, 7.0, 1e300]]),
        "f64_zeros": np.array([[-0.0, -0.0, 1.0], [-0.0, -0.0, 2.0]]),
        "f64_3d": rng.standard_normal((3, 4, 5)),
        "f64_nanrich": np.array([[nan, nan, nan, nan], [1.0, nan, 3.0, 2.0],
                                 [nan, nan, -1.0, 5.0]]),
        "f64_1000": rng.random(1000) * 10.0,
        "f32_1000": (rng.random(1000) * 10.0).astype(np.float32),
        "f32_2d": rng.standard_normal((5, 7)).astype(np.float32),
        "f16_2d": (rng.standard_normal((4, 6)) * 3).astype(np.float16),
        "c128": np.array([[1 + 2j, 3 - 1j, 0.5j], [nan + 1j, 2 + 0j, -1 - 1j],
                          [1 + 1j, 1 + 3j, 2 - 2j]]),
        "c64": (rng.standard_normal((3, 4)) + 1j * rng.standard_normal((3, 4))).astype(np.complex64),
        "i8": np.array([[127, -128, 5, 100], [100, 100, -3, 0], [-128, -128, 1, 2]], dtype=np.int8),
        "i16": rng.integers(-30000, 30000, size=(3, 5)).astype(np.int16),
        "i32": rng.integers(-2**31, 2**31 - 1, size=(4, 3)).astype(np.int32),
        "i64_wrap": np.array([[2**62, 2**62, 3], [2**62, -5, 2**40]], dtype=np.int64),
        "u8": np.array([[255, 255, 1], [0, 7, 255]], dtype=np.uint8),
        "u16": rng.integers(0, 65535, size=(2, 4)).astype(np.uint16),
        "u32": rng.integers(0, 2**32 - 1, size=(3, 3)).astype(np.uint32),
        "u64_wrap": np.array([[2**63, 2**63, 1], [2**64 - 1, 2, 3]], dtype=np.uint64),
        "bool": np.array([[True, False, True, True], [False, False, False, True],
                          [True, True, True, True]]),
        "empty_0x3": np.zeros((0, 3)),
        "empty_3x0": np.zeros((3, 0)),
        "empty_i32": np.zeros((0,), dtype=np.int32),
        "ones_1x5": np.array([[1.0, -2.0, 3.0, nan, 5.0]]),
        "ones_4x1x3": rng.standard_normal((4, 1, 3)),
        "bcast_row": np.array([[1.0, 2.0, -3.0, 4.5]]),
    }
    plan = [
        ("f64_special", ["-", "t"], ALL_OPS),
        ("f64_special", ["r1", "f", "r0,s1:2"], CORE_OPS),
        ("f64_zeros", ["-", "t"], ["sum", "nansum", "mean", "prod", "min", "max"]),
        ("f64_3d", ["-", "f", "r0,s2:2", "t"], ALL_OPS),
        ("f64_nanrich", ["-", "t"], ALL_OPS),
        ("f64_1000", ["-", "r0", "s0:3"], ["sum", "mean", "var", "std", "nansum", "cumsum",
                                          "argmax", "min"]),
        ("f32_1000", ["-", "r0"], ["sum", "mean", "var", "std", "nansum", "prod"]),
        ("f32_2d", ["-", "t", "f"], ALL_OPS),
        ("f16_2d", ["-", "t"], ALL_OPS),
        ("c128", ["-", "t"], ALL_OPS),
        ("c64", ["-", "t"], ["sum", "prod", "mean", "var", "std", "min", "max", "argmin",
                             "argmax", "cumsum", "nanmean", "nanvar"]),
        ("i8", ["-", "t", "r0"], INT_OPS),
        ("i16", ["-"], INT_OPS),
        ("i32", ["-", "f"], INT_OPS),
        ("i64_wrap", ["-", "t"], INT_OPS),
        ("u8", ["-"], INT_OPS),
        ("u16", ["-"], INT_OPS),
        ("u32", ["t"], INT_OPS),
        ("u64_wrap", ["-", "t"], INT_OPS),
        ("bool", ["-", "t"], INT_OPS),
        ("empty_0x3", ["-"], ALL_OPS),
        ("empty_3x0", ["-"], ALL_OPS),
        ("empty_i32", ["-"], INT_OPS),
        ("ones_1x5", ["-", "t"], ALL_OPS),
        ("ones_4x1x3", ["-", "f"], CORE_OPS + ["var", "prod", "argmax", "cumprod"]),
        ("bcast_row", ["bc:3x4", "bc:3x4,t"], CORE_OPS + ["var", "prod", "argmax", "cumprod"]),
    ]
    lines = []
    for name, arr in inputs.items():
        np.save(os.path.join(OUT, f"in_{name}.npy"), np.ascontiguousarray(arr))
    packs = {}  # (case, dtype) -> list of flattened results
    for name, views, ops in plan:
        for view in views:
            a = apply_view(inputs[name], view)
            for op in ops:
                for axes, keepdims, ddof in configs(a.ndim, op):
                    try:
                        r = np.asarray(run(op, a, axes, keepdims, ddof))
                    except ValueError:
                        expected = "error"
                    else:
                        key = (name, r.dtype.kind + str(r.dtype.itemsize))
                        pack = packs.setdefault(key, [])
                        offset = sum(x.size for x in pack)
                        pack.append(r.ravel())
                        shape = "x".join(str(d) for d in r.shape)
                        expected = f"{name}.{key[1]}.npy:{offset}:s{shape}"
                    lines.append(" ".join([name, view, op, fmt_axes(axes),
                                           str(int(keepdims)), str(ddof), expected]))
    for (name, code), pack in packs.items():
        np.save(os.path.join(OUT, f"{name}.{code}.npy"), np.concatenate(pack))
    with open(os.path.join(OUT, "cases.txt"), "w") as f:
        f.write("# generated by gen_reduce.py with NumPy %s\n" % np.__version__)
        f.write("\n".join(lines) + "\n")
    print(len(lines), "cases")


if __name__ == "__main__":
    main()
