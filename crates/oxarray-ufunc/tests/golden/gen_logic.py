#!/usr/bin/env python3
"""Writes logic.json: NumPy's results for the logic and comparison functions of oxarray-ufunc
(isclose, allclose, array_equal, array_equiv, round, nan_to_num, signbit, copysign,
heaviside, isposinf/isneginf, isnan/isinf/isfinite, the logical ufuncs, fix, isreal,
iscomplex, cross).

    target/bench-venv/bin/python crates/oxarray-ufunc/tests/golden/gen_logic.py

The format is the one of oxarray-core's tests/golden/gen_join.py: every case names an
operation, the dtype of its arrays, its inputs and its arguments; tests/logic_golden.rs builds
the same inputs and compares. An input is a base array (dtype, shape, values in C order) and a
view taken of it: "" (the array), "T" (transposed), "rev" (every axis reversed: negative
strides) or "step" (every other row). Values are strings so that nan, inf and -0.0 survive
JSON ("1"/"0" for bools, "re,im" for complex). An expected result is a list of arrays, a
bool (the functions that answer one), or the class of the exception NumPy raised.
"""
import json
import os
import warnings

import numpy as np

warnings.simplefilter("ignore")

CASES = []
INTS = ["int8", "int32", "int64", "uint8", "uint64"]
FLOATS = ["float16", "float32", "float64"]
COMPLEX = ["complex64", "complex128"]
REAL = ["bool"] + INTS + FLOATS
ALL = REAL + COMPLEX
VIEWS = ["", "T", "rev", "step"]

POOL = [np.nan, np.inf, -np.inf, -0.0, 0.0, 0.5, 1.5, 2.5, -2.5, 1.25, 2.675, -3.14159, 1e-9,
        123.456, 6.5e4, 1e5, -1e-12, 7.0, -0.125, 0.3]


def values_of(a):
    a = np.asarray(a)
    flat = a.ravel(order="C")
    if a.dtype == np.bool_:
        return ["1" if x else "0" for x in flat]
    if a.dtype.kind in "iu":
        return [str(int(x)) for x in flat]
    if a.dtype.kind == "f":
        return [repr(float(x)) for x in flat]
    if a.dtype.kind == "c":
        return [f"{float(x.real)!r},{float(x.imag)!r}" for x in flat]
    raise TypeError(a.dtype)


def base(shape, dtype, seed=0):
    n = int(np.prod(shape))
    r = np.arange(n) + seed
    if dtype == "bool":
        a = (r % 3) == 0
    elif dtype in ("int8", "int32", "int64"):
        a = (r * 37 % 250 - 125).astype(dtype)
    elif dtype == "uint8":
        a = (r * 37 % 256).astype(dtype)
    elif dtype == "uint64":
        a = (r * 1237 % 5000).astype(dtype)
    elif dtype in COMPLEX:
        re = np.array([POOL[(i * 3) % len(POOL)] for i in r])
        im = np.array([POOL[(i * 7 + 5) % len(POOL)] for i in r])
        a = re + 1j * im
    else:
        a = np.array([POOL[i % len(POOL)] for i in r])
    return np.asarray(a).astype(dtype).reshape(shape)


def near(a, seed):
    """A second operand close to `a` in places, equal in others, far in the rest."""
    a = np.asarray(a)
    flat = a.ravel().copy()
    n = flat.size
    if a.dtype.kind in "fc":
        for i in range(n):
            k = (i + seed) % 5
            if k == 1:
                flat[i] = flat[i] * (1 + 3e-6)
            elif k == 2:
                flat[i] = flat[i] + a.dtype.type(5e-9)
            elif k == 3:
                flat[i] = flat[i] * 1.01
    elif a.dtype.kind in "iu":
        for i in range(n):
            if (i + seed) % 4 == 1:
                flat[i] = flat[i] + 1
    else:
        for i in range(n):
            if (i + seed) % 4 == 1:
                flat[i] = not flat[i]
    return flat.reshape(a.shape)


def view(a, kind):
    if kind == "":
        return a
    if kind == "T":
        return a.T
    if kind == "rev":
        return a[(slice(None, None, -1),) * a.ndim]
    if kind == "step":
        return a[::2]
    raise ValueError(kind)


def inp(b, kind=""):
    b = np.asarray(b)
    return {"dtype": str(b.dtype), "shape": list(b.shape), "values": values_of(b), "view": kind}, view(b, kind)


def out(arrays):
    return {"arrays": [{"dtype": str(np.asarray(x).dtype), "shape": list(np.shape(x)),
                        "values": values_of(x)} for x in arrays]}


def case(name, op, dtype, inputs, args, fn):
    """`inputs`: role -> list of (base, view kind)."""
    js, vs = {}, {}
    for role, items in inputs.items():
        made = [inp(b, k) for b, k in items]
        js[role] = [m[0] for m in made]
        vs[role] = [m[1] for m in made]
    try:
        r = fn(vs)
        if op in ("allclose", "array_equal", "array_equiv"):
            expected = {"bool": bool(r)}
        else:
            expected = out([np.asarray(r)])
    except Exception as e:  # noqa: BLE001 - the class is what the test checks
        expected = {"error": type(e).__name__}
    CASES.append({"name": name, "op": op, "dtype": dtype, "inputs": js, "args": args,
                  "expected": expected})


def unary_cases(op, fn, dtypes, args=None, extra=None):
    args = args or {}
    for dt in dtypes:
        for kind in VIEWS:
            a = base((4, 6), dt, 1)
            case(f"{op}_{dt}_{kind}", op, dt, {"a": [(a, kind)]}, args, lambda v: fn(v["a"][0]))
        a0 = base((), dt, 3)
        case(f"{op}_{dt}_0d", op, dt, {"a": [(a0, "")]}, args, lambda v: fn(v["a"][0]))
        e = base((0, 3), dt)
        case(f"{op}_{dt}_empty", op, dt, {"a": [(e, "")]}, args, lambda v: fn(v["a"][0]))


def binary_cases(op, fn, dtypes, args=None, second=base):
    args = args or {}
    for dt in dtypes:
        for kind in VIEWS:
            a = base((4, 6), dt, 1)
            b = second(a, 2) if second is near else base((4, 6), dt, 7)
            case(f"{op}_{dt}_{kind}", op, dt, {"a": [(a, kind)], "b": [(b, kind)]}, args,
                 lambda v: fn(v["a"][0], v["b"][0]))
        # broadcasting: (4, 6) with (6,) and (4, 1) with (6,)
        a = base((4, 6), dt, 1)
        b = base((6,), dt, 4)
        case(f"{op}_{dt}_bcast", op, dt, {"a": [(a, "")], "b": [(b, "")]}, args,
             lambda v: fn(v["a"][0], v["b"][0]))
        a = base((4, 1), dt, 2)
        case(f"{op}_{dt}_outer", op, dt, {"a": [(a, "")], "b": [(b, "rev")]}, args,
             lambda v: fn(v["a"][0], v["b"][0]))
        a = base((3, 6), dt, 1)
        case(f"{op}_{dt}_mismatch", op, dt, {"a": [(a, "")], "b": [(base((4,), dt), "")]}, args,
             lambda v: fn(v["a"][0], v["b"][0]))


def main():
    for rtol, atol, eq in [(1e-5, 1e-8, False), (1e-5, 1e-8, True), (0.0, 0.0, False), (1e-2, 0.1, True)]:
        tag = f"r{rtol}_a{atol}_{int(eq)}"
        args = {"rtol": rtol, "atol": atol, "equal_nan": eq}
        binary_cases(f"isclose", lambda a, b: np.isclose(a, b, rtol, atol, eq), ALL, args, near)
        for c in CASES[-len(ALL) * 7:]:
            c["name"] += "_" + tag
        binary_cases("allclose", lambda a, b: np.allclose(a, b, rtol, atol, eq), ALL, args, near)
        for c in CASES[-len(ALL) * 7:]:
            c["name"] += "_" + tag
    # allclose on identical / nearly identical data (true answers)
    for dt in ALL:
        a = base((4, 6), dt, 1)
        finite = np.where(np.isfinite(a), a, 1) if dt != "bool" else a
        for eq in (False, True):
            case(f"allclose_same_{dt}_{int(eq)}", "allclose", dt, {"a": [(a, "rev")], "b": [(a, "rev")]},
                 {"rtol": 1e-5, "atol": 1e-8, "equal_nan": eq},
                 lambda v, eq=eq: np.allclose(v["a"][0], v["b"][0], equal_nan=eq))
            case(f"allclose_finite_{dt}_{int(eq)}", "allclose", dt, {"a": [(finite, "T")], "b": [(finite, "T")]},
                 {"rtol": 1e-5, "atol": 1e-8, "equal_nan": eq},
                 lambda v, eq=eq: np.allclose(v["a"][0], v["b"][0], equal_nan=eq))
    for eq in (False, True):
        for dt in ALL:
            a = base((4, 6), dt, 1)
            for kind in VIEWS:
                case(f"array_equal_{dt}_{kind}_{int(eq)}", "array_equal", dt,
                     {"a": [(a, kind)], "b": [(a.copy(), kind)]}, {"equal_nan": eq},
                     lambda v, eq=eq: np.array_equal(v["a"][0], v["b"][0], equal_nan=eq))
            case(f"array_equal_{dt}_diff_{int(eq)}", "array_equal", dt,
                 {"a": [(a, "")], "b": [(near(a, 1), "")]}, {"equal_nan": eq},
                 lambda v, eq=eq: np.array_equal(v["a"][0], v["b"][0], equal_nan=eq))
            case(f"array_equal_{dt}_shape_{int(eq)}", "array_equal", dt,
                 {"a": [(a, "")], "b": [(a, "T")]}, {"equal_nan": eq},
                 lambda v, eq=eq: np.array_equal(v["a"][0], v["b"][0], equal_nan=eq))
    for dt in ALL:
        a = base((3, 4), dt, 2)
        row = a[1].copy()
        tiled = np.tile(row, (3, 1))
        case(f"array_equiv_{dt}_bcast", "array_equiv", dt, {"a": [(tiled, "")], "b": [(row, "")]}, {},
             lambda v: np.array_equiv(v["a"][0], v["b"][0]))
        case(f"array_equiv_{dt}_ne", "array_equiv", dt, {"a": [(a, "")], "b": [(row, "")]}, {},
             lambda v: np.array_equiv(v["a"][0], v["b"][0]))
        case(f"array_equiv_{dt}_shape", "array_equiv", dt, {"a": [(a, "")], "b": [(base((3,), dt), "")]}, {},
             lambda v: np.array_equiv(v["a"][0], v["b"][0]))
        case(f"array_equiv_{dt}_rev", "array_equiv", dt, {"a": [(a, "rev")], "b": [(a.copy(), "rev")]}, {},
             lambda v: np.array_equiv(v["a"][0], v["b"][0]))

    for d in [0, 1, 2, 3, -1, -2, 5, 10, -10]:
        unary_cases("round", lambda a, d=d: np.round(a, d), INTS + FLOATS + COMPLEX, {"decimals": d})
        for c in CASES[-len(INTS + FLOATS + COMPLEX) * 6:]:
            c["name"] += f"_d{d}"
    # halves and big integers, exactly
    for dt in ["float64", "float32", "float16"]:
        a = (np.arange(-20, 21) / 8).astype(dt)
        for d in (0, 1, 2):
            case(f"round_halves_{dt}_{d}", "round", dt, {"a": [(a, "")]}, {"decimals": d},
                 lambda v, d=d: np.round(v["a"][0], d))
    for dt in INTS:
        a = np.array([0, 5, 15, 25, 35, 45, 55, 65, 75, 85, 95, 105, 115, 125, 127, 150, 250, 255]).astype(dt)
        for d in (-1, -2, -3):
            case(f"round_ties_{dt}_{d}", "round", dt, {"a": [(a, "step")]}, {"decimals": d},
                 lambda v, d=d: np.round(v["a"][0], d))

    for nan, posinf, neginf in [(0.0, None, None), (-1.0, 1e300, -1e300), (5.5, 2.0, None), (0.0, None, -7.25)]:
        args = {"nan": nan, "posinf": posinf, "neginf": neginf}
        unary_cases("nan_to_num", lambda a: np.nan_to_num(a, nan=nan, posinf=posinf, neginf=neginf), ALL, args)
        for c in CASES[-len(ALL) * 6:]:
            c["name"] += f"_{nan}_{posinf}_{neginf}"

    for op in ["signbit", "isposinf", "isneginf", "fix"]:
        unary_cases(op, getattr(np, op), REAL)
    for op in ["isnan", "isinf", "isfinite", "logical_not", "isreal", "iscomplex"]:
        unary_cases(op, getattr(np, op), ALL)
    for op in ["copysign", "heaviside"]:
        binary_cases(op, getattr(np, op), REAL)
    for op in ["logical_and", "logical_or", "logical_xor"]:
        binary_cases(op, getattr(np, op), ALL)

    cross_cases()

    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "logic.json")
    with open(path, "w") as f:
        json.dump({"numpy_version": np.__version__, "cases": CASES}, f, separators=(",", ":"))
    print(f"{len(CASES)} cases -> {path}")


def cross_cases():
    nums = [d for d in ALL if d != "bool"]
    for dt in nums:
        combos = [
            ("33", (4, 3), (4, 3), {}),
            ("32", (4, 3), (4, 2), {}),
            ("23", (4, 2), (4, 3), {}),
            ("22", (4, 2), (4, 2), {}),
            ("bc", (5, 1, 3), (2, 3), {}),
            ("1d", (3,), (3,), {}),
            ("1d22", (2,), (2,), {}),
            ("ax0", (3, 4), (3, 4), {"axis": 0}),
            ("abc", (3, 4), (4, 3), {"axisa": 0, "axisb": -1, "axisc": 0}),
            ("axc1", (2, 5, 3), (3,), {"axisc": 1}),
            ("axc-2", (4, 2), (4, 3), {"axisc": -2}),
            ("bad_len", (4, 4), (4, 3), {}),
            ("bad_axis", (4, 3), (4, 3), {"axisa": 2}),
            ("bad_axisc", (4, 3), (4, 3), {"axisc": 2}),
            ("bad_bcast", (4, 3), (5, 3), {}),
        ]
        for tag, sa, sb, kw in combos:
            a = base(sa, dt, 1)
            b = base(sb, dt, 6)
            for kind in ["", "rev"]:
                full = {"axisa": -1, "axisb": -1, "axisc": -1, "axis": None}
                full.update(kw)
                case(f"cross_{dt}_{tag}_{kind}", "cross", dt, {"a": [(a, kind)], "b": [(b, kind)]}, full,
                     lambda v, full=full: np.cross(v["a"][0], v["b"][0], full["axisa"], full["axisb"],
                                                   full["axisc"], full["axis"]))
        a0 = base((), dt)
        case(f"cross_{dt}_0d", "cross", dt, {"a": [(a0, "")], "b": [(base((3,), dt), "")]},
             {"axisa": -1, "axisb": -1, "axisc": -1, "axis": None},
             lambda v: np.cross(v["a"][0], v["b"][0]))


if __name__ == "__main__":
    main()
