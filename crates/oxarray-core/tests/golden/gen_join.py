#!/usr/bin/env python3
"""Writes join.json: NumPy's results for the shape and selection functions of oxarray-core
(joining, splitting, tile/repeat/roll/rot90, pad, where/select/choose/clip, the nonzero
family, along-axis indexing, diagonals and triangles, grids, and the float range functions).

    python3 -m venv /tmp/np && /tmp/np/bin/pip install numpy
    /tmp/np/bin/python crates/oxarray-core/tests/golden/gen_join.py

Every case names an operation, the dtype of its main arrays, its inputs and its arguments;
tests/join_golden.rs builds the same inputs and compares. An input is a base array (dtype,
shape, values in C order) and a view taken of it: "" (the array), "T" (transposed), "rev"
(every axis reversed: negative strides) or "step" (every other row: a strided view). Values
are strings so that nan, inf and -0.0 survive JSON ("1"/"0" for bools, "re,im" for complex).
An expected result is a list of arrays (with their dtype), or the class of the exception
NumPy raised.
"""
import json
import os

import numpy as np

CASES = []
DTYPES = ["bool", "int64", "int32", "uint8", "float16", "float32", "float64", "complex128"]
NUMERIC = [d for d in DTYPES if d != "bool"]
ORDERED = [d for d in NUMERIC if d != "complex128"]


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
    elif dtype in ("int64", "int32"):
        a = (r * 7 % 11 - 5).astype(dtype)
    elif dtype == "uint8":
        a = (r * 37 % 256).astype(dtype)
    elif dtype == "complex128":
        a = ((r % 5) - 2.5) + 1j * (r % 3)
    else:
        a = ((r * 7 % 11) - 5) * 0.75
        a = a.astype(dtype)
        if n > 3:
            a[2] = np.nan
        if n > 5:
            a[5] = -0.0
    return np.asarray(a, dtype=dtype).reshape(shape)


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


def inp(shape, dtype, kind="", seed=0, data=None):
    b = np.asarray(data, dtype=dtype).reshape(shape) if data is not None else base(shape, dtype, seed)
    return {"dtype": dtype, "shape": list(b.shape), "values": values_of(b), "view": kind}, view(b, kind)


def out(arrays):
    return {
        "arrays": [
            {"dtype": str(np.asarray(x).dtype), "shape": list(np.shape(x)), "values": values_of(x)}
            for x in arrays
        ]
    }


def case(name, op, dtype, inputs, args, fn):
    """inputs: a dict role -> list of (json, array); fn(arrays by role) -> result(s)."""
    js = {role: [j for j, _ in items] for role, items in inputs.items()}
    arrs = {role: [a for _, a in items] for role, items in inputs.items()}
    try:
        r = fn(arrs)
        if isinstance(r, (list, tuple)):
            expected = out([np.asarray(x) for x in r])
        else:
            expected = out([np.asarray(r)])
    except (ValueError, IndexError, TypeError, np.exceptions.AxisError) as e:
        expected = {"error": type(e).__name__}
    CASES.append({"name": name, "op": op, "dtype": dtype, "inputs": js, "args": args,
                  "expected": expected})


# ---- concatenate / stack family ----
for dt in DTYPES:
    for kind in ["", "T", "rev"]:
        a, b = inp([2, 3], dt, kind), inp([2, 3], dt, kind, seed=5)
        for axis in [0, 1, -1, -2, None]:
            case(f"concat_{dt}_{kind}_{axis}", "concatenate", dt, {"a": [a, b]}, {"axis": axis},
                 lambda x, axis=axis: np.concatenate(x["a"], axis=axis))
        for axis in [0, 1, 2, -1, -3]:
            case(f"stack_{dt}_{kind}_{axis}", "stack", dt, {"a": [a, b]}, {"axis": axis},
                 lambda x, axis=axis: np.stack(x["a"], axis=axis))
    c = inp([4, 3], dt, "step", seed=2)
    e = inp([0, 3], dt)
    a3 = inp([2, 3], dt)
    for name, fn in [("vstack", np.vstack), ("hstack", np.hstack), ("dstack", np.dstack),
                     ("column_stack", np.column_stack)]:
        case(f"{name}_{dt}_2d", name, dt, {"a": [a3, c]}, {}, lambda x, fn=fn: fn(x["a"]))
        v1, v2 = inp([3], dt), inp([3], dt, "rev", seed=1)
        case(f"{name}_{dt}_1d", name, dt, {"a": [v1, v2]}, {}, lambda x, fn=fn: fn(x["a"]))
        s1, s2 = inp([], dt), inp([], dt, seed=1)
        case(f"{name}_{dt}_0d", name, dt, {"a": [s1, s2]}, {}, lambda x, fn=fn: fn(x["a"]))
    case(f"concat_{dt}_empty", "concatenate", dt, {"a": [e, a3, e]}, {"axis": 0},
         lambda x: np.concatenate(x["a"], axis=0))
    three = inp([2, 2, 2], dt, "T")
    case(f"concat_{dt}_3d_mid", "concatenate", dt, {"a": [three, three]}, {"axis": 1},
         lambda x: np.concatenate(x["a"], axis=1))

# errors
f = "float64"
case("concat_err_shape", "concatenate", f, {"a": [inp([2, 3], f), inp([2, 2], f)]}, {"axis": 0},
     lambda x: np.concatenate(x["a"], axis=0))
case("concat_err_ndim", "concatenate", f, {"a": [inp([2, 3], f), inp([3], f)]}, {"axis": 0},
     lambda x: np.concatenate(x["a"], axis=0))
case("concat_err_axis", "concatenate", f, {"a": [inp([2, 3], f), inp([2, 3], f)]}, {"axis": 2},
     lambda x: np.concatenate(x["a"], axis=2))
case("concat_err_0d", "concatenate", f, {"a": [inp([], f), inp([], f)]}, {"axis": 0},
     lambda x: np.concatenate(x["a"], axis=0))
case("concat_err_none", "concatenate", f, {"a": []}, {"axis": 0},
     lambda x: np.concatenate([], axis=0))
case("stack_err_shape", "stack", f, {"a": [inp([2, 3], f), inp([3, 2], f)]}, {"axis": 0},
     lambda x: np.stack(x["a"], axis=0))
case("stack_err_axis", "stack", f, {"a": [inp([2, 3], f), inp([2, 3], f)]}, {"axis": 3},
     lambda x: np.stack(x["a"], axis=3))

# ---- split family ----
for dt in ["bool", "int32", "float16", "complex128"]:
    for kind in ["", "rev", "T"]:
        a = inp([6, 4], dt, kind)
        for sections in [1, 2, 3, [1, 3], [-2], [0, 10], [4, 2]]:
            for axis in [0, -1]:
                case(f"split_{dt}_{kind}_{sections}_{axis}", "split", dt, {"a": [a]},
                     {"sections": sections, "axis": axis},
                     lambda x, s=sections, ax=axis: np.split(x["a"][0], s, axis=ax))
                case(f"array_split_{dt}_{kind}_{sections}_{axis}", "array_split", dt, {"a": [a]},
                     {"sections": sections, "axis": axis},
                     lambda x, s=sections, ax=axis: np.array_split(x["a"][0], s, axis=ax))
        for sections in [4, 5]:
            case(f"array_split_{dt}_{kind}_{sections}", "array_split", dt, {"a": [a]},
                 {"sections": sections, "axis": 0},
                 lambda x, s=sections: np.array_split(x["a"][0], s, axis=0))
    b = inp([2, 4, 6], dt)
    for name, fn in [("hsplit", np.hsplit), ("vsplit", np.vsplit), ("dsplit", np.dsplit)]:
        case(f"{name}_{dt}", name, dt, {"a": [b]}, {"sections": 2},
             lambda x, fn=fn: fn(x["a"][0], 2))
        case(f"{name}_{dt}_idx", name, dt, {"a": [b]}, {"sections": [1]},
             lambda x, fn=fn: fn(x["a"][0], [1]))
    case(f"hsplit_{dt}_1d", "hsplit", dt, {"a": [inp([6], dt)]}, {"sections": 3},
         lambda x: np.hsplit(x["a"][0], 3))
    case(f"vsplit_{dt}_err", "vsplit", dt, {"a": [inp([6], dt)]}, {"sections": 3},
         lambda x: np.vsplit(x["a"][0], 3))
case("split_err_unequal", "split", f, {"a": [inp([5], f)]}, {"sections": 2, "axis": 0},
     lambda x: np.split(x["a"][0], 2))
case("split_err_zero", "array_split", f, {"a": [inp([5], f)]}, {"sections": 0, "axis": 0},
     lambda x: np.array_split(x["a"][0], 0))
case("split_err_axis", "split", f, {"a": [inp([4], f)]}, {"sections": 2, "axis": 1},
     lambda x: np.split(x["a"][0], 2, axis=1))

# ---- tile / repeat / roll / rot90 ----
for dt in DTYPES:
    for kind in ["", "T", "rev"]:
        a = inp([2, 3], dt, kind)
        for reps in [[2], [2, 1], [1, 3], [2, 2, 2], [0, 2]]:
            case(f"tile_{dt}_{kind}_{reps}", "tile", dt, {"a": [a]}, {"reps": reps},
                 lambda x, r=reps: np.tile(x["a"][0], r))
        for rep, axis in [(2, None), (3, 0), (2, -1), ([1, 0, 2], 1), ([2], 0), ([1, 2], 0)]:
            case(f"repeat_{dt}_{kind}_{rep}_{axis}", "repeat", dt, {"a": [a]},
                 {"repeats": rep, "axis": axis},
                 lambda x, r=rep, ax=axis: np.repeat(x["a"][0], r, axis=ax))
        for shift, axis in [([1], None), ([-4], None), ([1], [0]), ([2], [-1]), ([1, -1], [0, 1]),
                            ([1, 2], [1, 1]), ([5], [0, 1])]:
            case(f"roll_{dt}_{kind}_{shift}_{axis}", "roll", dt, {"a": [a]},
                 {"shift": shift, "axis": axis},
                 lambda x, s=shift, ax=axis: np.roll(x["a"][0], s if len(s) > 1 else s[0],
                                                     axis=None if ax is None else tuple(ax)))
        for k in [0, 1, 2, 3, -1, 5]:
            case(f"rot90_{dt}_{kind}_{k}", "rot90", dt, {"a": [a]}, {"k": k, "axes": [0, 1]},
                 lambda x, k=k: np.rot90(x["a"][0], k, axes=(0, 1)))
    b = inp([2, 3, 4], dt, "rev")
    case(f"rot90_{dt}_3d", "rot90", dt, {"a": [b]}, {"k": 1, "axes": [2, 0]},
         lambda x: np.rot90(x["a"][0], 1, axes=(2, 0)))
    case(f"tile_{dt}_0d", "tile", dt, {"a": [inp([], dt)]}, {"reps": [3]},
         lambda x: np.tile(x["a"][0], [3]))
    case(f"repeat_{dt}_0d", "repeat", dt, {"a": [inp([], dt)]}, {"repeats": 3, "axis": None},
         lambda x: np.repeat(x["a"][0], 3))
    case(f"roll_{dt}_empty", "roll", dt, {"a": [inp([0, 3], dt)]}, {"shift": [1], "axis": [1]},
         lambda x: np.roll(x["a"][0], 1, axis=1))
case("repeat_err_len", "repeat", f, {"a": [inp([2, 3], f)]}, {"repeats": [1, 2], "axis": 1},
     lambda x: np.repeat(x["a"][0], [1, 2], axis=1))
case("roll_err_len", "roll", f, {"a": [inp([2, 3], f)]}, {"shift": [1, 2, 3], "axis": [0, 1]},
     lambda x: np.roll(x["a"][0], (1, 2, 3), axis=(0, 1)))
case("rot90_err_same", "rot90", f, {"a": [inp([2, 3], f)]}, {"k": 1, "axes": [1, 1]},
     lambda x: np.rot90(x["a"][0], 1, axes=(1, 1)))
case("rot90_err_1d", "rot90", f, {"a": [inp([3], f)]}, {"k": 1, "axes": [0, 1]},
     lambda x: np.rot90(x["a"][0], 1, axes=(0, 1)))

# ---- pad ----
WIDTHS = [2, [1, 2], [[1, 0], [2, 3]], [[0, 0], [0, 0]], [[3], [1]], [[7, 5], [4, 6]]]
for dt in DTYPES:
    for kind in ["", "rev"]:
        a = inp([2, 3], dt, kind)
        for w in WIDTHS:
            for mode in ["edge", "wrap", "reflect", "symmetric"]:
                case(f"pad_{dt}_{kind}_{w}_{mode}", "pad", dt, {"a": [a]},
                     {"pad_width": w, "mode": mode},
                     lambda x, w=w, m=mode: np.pad(x["a"][0], w, mode=m))
            cv = [[1, 2], [3, 4]] if dt != "bool" else [[1, 0], [0, 1]]
            case(f"pad_{dt}_{kind}_{w}_constant", "pad", dt, {"a": [a]},
                 {"pad_width": w, "mode": "constant", "values": cv},
                 lambda x, w=w, cv=cv: np.pad(x["a"][0], w, mode="constant",
                                              constant_values=np.array(cv, dtype=dt)))
            if dt in ("int64", "int32", "uint8", "float32", "float64", "float16"):
                ev = [[7, 1], [2, 9]]
                case(f"pad_{dt}_{kind}_{w}_linear_ramp", "pad", dt, {"a": [a]},
                     {"pad_width": w, "mode": "linear_ramp", "values": ev},
                     lambda x, w=w, ev=ev: np.pad(x["a"][0], w, mode="linear_ramp",
                                                  end_values=np.array(ev, dtype=dt)))
    one = inp([1, 4], dt)
    case(f"pad_{dt}_reflect_len1", "pad", dt, {"a": [one]}, {"pad_width": 2, "mode": "reflect"},
         lambda x: np.pad(x["a"][0], 2, mode="reflect"))
    z = inp([], dt)
    case(f"pad_{dt}_0d", "pad", dt, {"a": [z]}, {"pad_width": 1, "mode": "edge"},
         lambda x: np.pad(x["a"][0], 1, mode="edge"))
    e = inp([0, 2], dt)
    case(f"pad_{dt}_empty_constant", "pad", dt, {"a": [e]},
         {"pad_width": 1, "mode": "constant", "values": 0},
         lambda x: np.pad(x["a"][0], 1, mode="constant"))
    case(f"pad_{dt}_empty_edge", "pad", dt, {"a": [e]}, {"pad_width": 1, "mode": "edge"},
         lambda x: np.pad(x["a"][0], 1, mode="edge"))
    case(f"pad_{dt}_empty_edge_ok", "pad", dt, {"a": [e]},
         {"pad_width": [[0, 0], [1, 1]], "mode": "edge"},
         lambda x: np.pad(x["a"][0], [[0, 0], [1, 1]], mode="edge"))
for w in [-1, [[1, 2, 3]], [[1, 2], [3, 4], [5, 6]], [[[1]]]]:
    case(f"pad_err_{w}", "pad", f, {"a": [inp([2, 3], f)]}, {"pad_width": w, "mode": "edge"},
         lambda x, w=w: np.pad(x["a"][0], w, mode="edge"))

# ---- where / select / choose / clip ----
for dt in DTYPES:
    for kind in ["", "T", "rev"]:
        c = inp([3, 3], "bool", kind, seed=1)
        x, y = inp([3, 3], dt, kind), inp([3], dt, seed=4)
        case(f"where_{dt}_{kind}", "where", dt, {"cond": [c], "a": [x, y]}, {},
             lambda v: np.where(v["cond"][0], v["a"][0], v["a"][1]))
        row = inp([3, 1], "bool", seed=2)
        case(f"where_{dt}_{kind}_bcast", "where", dt, {"cond": [row], "a": [x, inp([], dt)]}, {},
             lambda v: np.where(v["cond"][0], v["a"][0], v["a"][1]))
        c2 = inp([3, 3], "bool", kind, seed=2)
        case(f"select_{dt}_{kind}", "select", dt, {"cond": [c, c2], "a": [x, y, inp([], dt, seed=3)]},
             {}, lambda v: np.select(v["cond"], v["a"][:2], v["a"][2][()]))
        for mode in ["raise", "wrap", "clip"]:
            idx = inp([3, 3], "int64", kind, data=[0, 1, 2, 2, 1, 0, 1, 1, 0] if mode == "raise"
                      else [0, 4, -1, 2, 1, -7, 3, 1, 0])
            case(f"choose_{dt}_{kind}_{mode}", "choose", dt, {"idx": [idx], "a": [x, y, x]},
                 {"mode": mode}, lambda v, m=mode: np.choose(v["idx"][0], v["a"], mode=m))
    case(f"where_{dt}_empty", "where", dt, {"cond": [inp([0], "bool")], "a": [inp([0], dt), inp([], dt)]},
         {}, lambda v: np.where(v["cond"][0], v["a"][0], v["a"][1]))
    case(f"where_{dt}_0d", "where", dt, {"cond": [inp([], "bool")], "a": [inp([], dt), inp([], dt, seed=1)]},
         {}, lambda v: np.where(v["cond"][0], v["a"][0], v["a"][1]))
case("where_err", "where", f, {"cond": [inp([2], "bool")], "a": [inp([3], f), inp([], f)]}, {},
     lambda v: np.where(v["cond"][0], v["a"][0], v["a"][1]))
case("choose_err", "choose", f, {"idx": [inp([2], "int64", data=[0, 3])], "a": [inp([2], f), inp([2], f)]},
     {"mode": "raise"}, lambda v: np.choose(v["idx"][0], v["a"], mode="raise"))
case("select_err_len", "select", f, {"cond": [inp([2], "bool")], "a": [inp([2], f), inp([2], f), inp([], f)]},
     {}, lambda v: np.select(v["cond"], v["a"][:2], 0.0))
for dt in ORDERED:
    for kind in ["", "T", "rev"]:
        a = inp([3, 4], dt, kind)
        lo, hi = inp([], dt, data=1), inp([4], dt, data=[0, 1, 2, 3])
        case(f"clip_{dt}_{kind}", "clip", dt, {"a": [a, lo, hi]}, {"lo": True, "hi": True},
             lambda v: np.clip(v["a"][0], v["a"][1], v["a"][2]))
        case(f"clip_{dt}_{kind}_lo", "clip", dt, {"a": [a, lo]}, {"lo": True, "hi": False},
             lambda v: np.clip(v["a"][0], v["a"][1], None))
        case(f"clip_{dt}_{kind}_hi", "clip", dt, {"a": [a, hi]}, {"lo": False, "hi": True},
             lambda v: np.clip(v["a"][0], None, v["a"][1]))
        case(f"clip_{dt}_{kind}_crossed", "clip", dt, {"a": [a, inp([], dt, data=3), inp([], dt, data=1)]},
             {"lo": True, "hi": True}, lambda v: np.clip(v["a"][0], v["a"][1], v["a"][2]))
for dt in ["float32", "float64", "float16"]:
    a = inp([3], dt, data=[1.0, 2.0, 3.0])
    case(f"clip_{dt}_nan_bound", "clip", dt, {"a": [a, inp([], dt, data=np.nan), inp([], dt, data=2.0)]},
         {"lo": True, "hi": True}, lambda v: np.clip(v["a"][0], v["a"][1], v["a"][2]))

# ---- nonzero family, extract / place / putmask ----
for dt in DTYPES:
    for kind in ["", "T", "rev"]:
        a = inp([3, 4], dt, kind)
        case(f"argwhere_{dt}_{kind}", "argwhere", dt, {"a": [a]}, {}, lambda v: np.argwhere(v["a"][0]))
        case(f"flatnonzero_{dt}_{kind}", "flatnonzero", dt, {"a": [a]}, {},
             lambda v: np.flatnonzero(v["a"][0]))
        for axis, keep in [(None, False), ([0], False), ([-1], True), ([0, 1], True)]:
            case(f"count_nonzero_{dt}_{kind}_{axis}_{keep}", "count_nonzero", dt, {"a": [a]},
                 {"axis": axis, "keepdims": keep},
                 lambda v, ax=axis, k=keep: np.asarray(np.count_nonzero(
                     v["a"][0], axis=None if ax is None else tuple(ax), keepdims=k), dtype=np.int64))
        m = inp([3, 4], "bool", kind, seed=1)
        case(f"extract_{dt}_{kind}", "extract", dt, {"cond": [m], "a": [a]}, {},
             lambda v: np.extract(v["cond"][0], v["a"][0]))
        vals = inp([2], dt, seed=7)

        def place(v):
            t = v["a"][0].copy()
            np.place(t, v["cond"][0], v["a"][1])
            return t

        def putmask(v):
            t = v["a"][0].copy()
            np.putmask(t, v["cond"][0], v["a"][1])
            return t
        case(f"place_{dt}_{kind}", "place", dt, {"cond": [m], "a": [a, vals]}, {}, place)
        case(f"putmask_{dt}_{kind}", "putmask", dt, {"cond": [m], "a": [a, vals]}, {}, putmask)
    z = inp([], dt, seed=1)
    case(f"argwhere_{dt}_0d", "argwhere", dt, {"a": [z]}, {}, lambda v: np.argwhere(v["a"][0]))
    case(f"argwhere_{dt}_empty", "argwhere", dt, {"a": [inp([0, 2], dt)]}, {},
         lambda v: np.argwhere(v["a"][0]))
case("place_err_size", "place", f, {"cond": [inp([3], "bool")], "a": [inp([4], f), inp([1], f)]}, {},
     lambda v: np.place(v["a"][0].copy(), v["cond"][0], v["a"][1]))

# ---- take / put along axis ----
for dt in DTYPES:
    for kind in ["", "T", "rev"]:
        a = inp([3, 4], dt, kind)
        for axis, ishape, data in [(0, [2, 4], [0, 2, 1, -1, 2, 0, 0, 1]),
                                   (1, [3, 2], [3, 0, -1, 1, 2, 2]),
                                   (-1, [3, 1], [1, 0, 3]),
                                   (0, [1, 1], [2])]:
            idx = inp(ishape, "int64", data=data)
            case(f"take_along_{dt}_{kind}_{axis}_{ishape}", "take_along_axis", dt,
                 {"a": [a], "idx": [idx]}, {"axis": axis},
                 lambda v, ax=axis: np.take_along_axis(v["a"][0], v["idx"][0], axis=ax))
            vals = inp([], dt, seed=3)

            def put(v, ax=axis):
                t = v["a"][0].copy()
                np.put_along_axis(t, v["idx"][0], v["a"][1], axis=ax)
                return t
            case(f"put_along_{dt}_{kind}_{axis}_{ishape}", "put_along_axis", dt,
                 {"a": [a, vals], "idx": [idx]}, {"axis": axis}, put)
    idx = inp([3], "int64", data=[11, 0, -2])
    case(f"take_along_{dt}_none", "take_along_axis", dt, {"a": [inp([3, 4], dt, "T")], "idx": [idx]},
         {"axis": None}, lambda v: np.take_along_axis(v["a"][0], v["idx"][0], axis=None))
case("take_along_err_ndim", "take_along_axis", f, {"a": [inp([3, 4], f)], "idx": [inp([2], "int64", data=[0, 1])]},
     {"axis": 0}, lambda v: np.take_along_axis(v["a"][0], v["idx"][0], axis=0))
case("take_along_err_bounds", "take_along_axis", f,
     {"a": [inp([3, 4], f)], "idx": [inp([1, 1], "int64", data=[3])]},
     {"axis": 0}, lambda v: np.take_along_axis(v["a"][0], v["idx"][0], axis=0))

# ---- diagonals and triangles ----
for dt in DTYPES:
    for kind in ["", "T", "rev"]:
        a = inp([3, 4], dt, kind)
        for k in [0, 1, -1, 3, -3, 5]:
            case(f"diag_{dt}_{kind}_{k}", "diag", dt, {"a": [a]}, {"k": k},
                 lambda v, k=k: np.diag(v["a"][0], k))
            case(f"tril_{dt}_{kind}_{k}", "tril", dt, {"a": [a]}, {"k": k},
                 lambda v, k=k: np.tril(v["a"][0], k))
            case(f"triu_{dt}_{kind}_{k}", "triu", dt, {"a": [a]}, {"k": k},
                 lambda v, k=k: np.triu(v["a"][0], k))
        b = inp([2, 3, 4], dt, kind)
        for off, a1, a2 in [(0, 0, 1), (1, 1, 2), (-1, -1, 0), (2, 2, 0), (0, 0, -1)]:
            case(f"diagonal_{dt}_{kind}_{off}_{a1}_{a2}", "diagonal", dt, {"a": [b]},
                 {"offset": off, "axis1": a1, "axis2": a2},
                 lambda v, o=off, x=a1, y=a2: np.diagonal(v["a"][0], o, x, y))
    v1 = inp([3], dt, "rev")
    for k in [0, 2, -1]:
        case(f"diag_{dt}_1d_{k}", "diag", dt, {"a": [v1]}, {"k": k}, lambda v, k=k: np.diag(v["a"][0], k))
        case(f"tril_{dt}_1d_{k}", "tril", dt, {"a": [v1]}, {"k": k}, lambda v, k=k: np.tril(v["a"][0], k))
    case(f"tril_{dt}_3d", "tril", dt, {"a": [inp([2, 3, 3], dt)]}, {"k": 0},
         lambda v: np.tril(v["a"][0], 0))
    for n, m, k in [(3, None, 0), (2, 4, 1), (4, 2, -1), (0, 3, 0)]:
        case(f"tri_{dt}_{n}_{m}_{k}", "tri", dt, {}, {"n": n, "m": m, "k": k},
             lambda v, n=n, m=m, k=k: np.tri(n, m, k, dtype=dt))
case("diag_err_3d", "diag", f, {"a": [inp([2, 2, 2], f)]}, {"k": 0}, lambda v: np.diag(v["a"][0]))
case("diagonal_err_same", "diagonal", f, {"a": [inp([2, 2], f)]}, {"offset": 0, "axis1": 1, "axis2": -1},
     lambda v: np.diagonal(v["a"][0], 0, 1, -1))
case("diagonal_err_1d", "diagonal", f, {"a": [inp([2], f)]}, {"offset": 0, "axis1": 0, "axis2": 1},
     lambda v: np.diagonal(v["a"][0], 0, 0, 1))

# ---- grids ----
for dt in ["int64", "float32", "complex128", "bool"]:
    x, y, z = inp([3], dt), inp([2], dt, "rev", seed=3), inp([2, 2], dt, seed=1)
    for indexing in ["xy", "ij"]:
        for sparse in [False, True]:
            case(f"meshgrid_{dt}_{indexing}_{sparse}", "meshgrid", dt, {"a": [x, y, z]},
                 {"indexing": indexing, "sparse": sparse},
                 lambda v, i=indexing, s=sparse: np.meshgrid(*v["a"], indexing=i, sparse=s))
            case(f"meshgrid1_{dt}_{indexing}_{sparse}", "meshgrid", dt, {"a": [x]},
                 {"indexing": indexing, "sparse": sparse},
                 lambda v, i=indexing, s=sparse: np.meshgrid(*v["a"], indexing=i, sparse=s))
for dims in [[2, 3], [3], [2, 0, 2], []]:
    case(f"indices_{dims}", "indices", "int64", {}, {"dims": dims},
         lambda v, d=dims: np.indices(d, dtype=np.int64))
    case(f"indices_sparse_{dims}", "indices_sparse", "int64", {}, {"dims": dims},
         lambda v, d=dims: np.indices(d, dtype=np.int64, sparse=True))
case("ix_", "ix_", "int64", {"a": [inp([2], "int64", data=[0, 1]), inp([3], "int64", "rev", data=[2, 4, 5])]},
     {}, lambda v: np.ix_(*v["a"]))

# ---- ranges ----
for dt, start, stop, step in [("float64", -1.0, 1.0, 0.3), ("float64", 0.0, 1.0, 0.1),
                              ("float64", 10.0, -3.0, -0.7), ("float64", 1e16, 1e16 + 10, 3.0),
                              ("float32", -3.3, -12.6, -0.3), ("float32", 0.0, 1.0, 0.1),
                              ("float32", 0.5, 100.0, 0.37), ("float16", 0.0, 3.0, 0.1),
                              ("float16", -2.0, 2.0, 0.3), ("float64", 0.0, 0.0, 1.0),
                              ("float64", 1.0, 0.0, 0.5)]:
    t = getattr(np, dt)
    case(f"arange_{dt}_{start}_{stop}_{step}", "arange", dt, {},
         {"start": repr(float(t(start))), "stop": repr(float(t(stop))), "step": repr(float(t(step)))},
         lambda v, t=t, a=start, b=stop, s=step: np.arange(t(a), t(b), t(s), dtype=t))
for dt in ["float64", "float32"]:
    for start, stop, num, endpoint, b in [(0.0, 3.0, 4, True, 10.0), (-1.0, 2.5, 7, False, 2.0),
                                          (1.0, 1.0, 1, True, 10.0), (0.5, 3.0, 0, True, 10.0)]:
        case(f"logspace_{dt}_{start}_{stop}_{num}_{endpoint}_{b}", "logspace", dt, {},
             {"start": start, "stop": stop, "num": num, "endpoint": endpoint, "base": b},
             lambda v, a=start, s=stop, n=num, e=endpoint, b=b, dt=dt:
             np.logspace(a, s, n, endpoint=e, base=b, dtype=dt))
    for start, stop, num, endpoint in [(1.0, 1000.0, 4, True), (-1.0, -1000.0, 5, True),
                                       (2.0, 3.0, 6, False), (1.0, 256.0, 9, True),
                                       (5.0, 0.5, 3, True)]:
        case(f"geomspace_{dt}_{start}_{stop}_{num}_{endpoint}", "geomspace", dt, {},
             {"start": start, "stop": stop, "num": num, "endpoint": endpoint},
             lambda v, a=start, s=stop, n=num, e=endpoint, dt=dt:
             np.geomspace(a, s, n, endpoint=e, dtype=dt))
case("geomspace_err_zero", "geomspace", f, {}, {"start": 0.0, "stop": 1.0, "num": 3, "endpoint": True},
     lambda v: np.geomspace(0.0, 1.0, 3))
for n in [0, 1, 3]:
    case(f"identity_{n}", "identity", "float64", {}, {"n": n}, lambda v, n=n: np.identity(n))

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "join.json")
with open(path, "w") as fh:
    json.dump({"numpy_version": np.__version__, "cases": CASES}, fh, separators=(",", ":"))
    fh.write("\n")
print(f"{len(CASES)} cases -> {path} ({os.path.getsize(path)} bytes)")
