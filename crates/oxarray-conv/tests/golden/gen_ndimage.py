"""Golden cases for oxarray-conv's `ndimage` module, made by scipy.ndimage itself and
written to ndimage.json beside this script.

Run with the project's Python (target/bench-venv, numpy 2.4.6 and scipy 1.17.1):

    target/bench-venv/bin/python crates/oxarray-conv/tests/golden/gen_ndimage.py

Every case records the function, the input's dtype, shape and values, the options (weights,
mode, cval, origin, axes, axis, size, sigma, truncate, radius, order) and either SciPy's
result or the kind of error it raised. Covered: every mode, origins at both limits, odd and
even kernels, 1-D / 2-D / 3-D inputs, inputs of one element and inputs smaller than the
kernel, `axes`, all integer widths (integer weights there, so that SciPy's double sums are
exact and its truncating casts deterministic), float32 and float64.
"""

import json
from pathlib import Path

import numpy as np
import scipy
import scipy.ndimage as nd

HERE = Path(__file__).resolve().parent
RNG = np.random.default_rng(2026)

FEW = ["reflect", "constant", "wrap"]
MODES = ["reflect", "constant", "nearest", "mirror", "wrap", "grid-wrap", "grid-constant", "grid-mirror"]
INTS = ["uint8", "int8", "int16", "uint16", "int32", "uint32", "int64", "uint64"]


def sc(v):
    """A one-value tuple as the scalar SciPy broadcasts (SciPy refuses one-value sequences)."""
    return v[0] if isinstance(v, tuple) and len(v) == 1 else v


def values(shape, dtype):
    n = int(np.prod(shape))
    if dtype.startswith("float"):
        # Multiples of 1/64: short in JSON, still inexact once multiplied by the weights.
        return (RNG.integers(-128, 129, n) / 64).reshape(shape).astype(dtype)
    info = np.iinfo(dtype)
    lo, hi = max(int(info.min), -60), min(int(info.max), 120)
    return RNG.integers(lo, hi + 1, n).reshape(shape).astype(dtype)


def weights_for(shape, dtype):
    if dtype.startswith("float"):
        return np.round(RNG.uniform(-1, 1, shape), 6)
    return RNG.integers(-2, 3, shape).astype(np.float64)


def flat(a):
    a = np.asarray(a)
    if a.dtype.kind in "iu":
        return [int(x) for x in a.ravel()]
    if a.dtype == np.float32:
        # The shortest decimal that reads back as the same float32.
        return [float(str(x)) for x in a.ravel()]
    return [float(x) for x in a.ravel()]


def error_kind(e):
    m = str(e)
    if "origin" in m:
        return "origin"
    if "weights" in m or "filter weights" in m:
        return "kernel"
    if "axis" in m or "axes" in m:
        return "axis"
    if "size" in m or "Radius" in m:
        return "size"
    return "other:" + m


CASES = []


def record(func, x, run, **params):
    case = {"func": func, "dtype": str(x.dtype), "shape": list(x.shape), "input": flat(x)}
    for k, v in params.items():
        if isinstance(v, np.ndarray):
            case[k + "_shape"] = list(v.shape)
            case[k] = flat(v)
        elif isinstance(v, tuple):
            case[k] = list(v)
        else:
            case[k] = v
    try:
        out = run()
        assert out.dtype == x.dtype, (func, x.dtype, out.dtype)
        assert out.shape == x.shape
        case["out"] = flat(out)
    except (ValueError, RuntimeError, TypeError, np.exceptions.AxisError) as e:
        case["error"] = error_kind(e)
        case["message"] = str(e)
    CASES.append(case)


def limits(k):
    """Origins at 0 and at both ends of SciPy's range for a filter of length k."""
    return sorted({0, -(k // 2), (k - 1) // 2})


def correlate_cases():
    shapes = [((7,), (3,)), ((7,), (4,)), ((5, 6), (3, 3)), ((5, 6), (2, 3)), ((4, 5), (1, 4)),
              ((3, 4, 5), (3, 2, 3)), ((2, 3, 4), (2, 2, 2))]
    tiny = [((1,), (5,)), ((2,), (5,)), ((1, 1), (3, 3)), ((2, 3), (5, 4)), ((3,), (8,))]
    for dtype in ["float64", "float32", "uint8", "int16", "int64"]:
        sel = shapes if dtype == "float64" else shapes[1::2]
        for xs, ks in sel + tiny:
            x, w = values(xs, dtype), weights_for(ks, dtype)
            lo, hi = tuple(-(k // 2) for k in ks), tuple((k - 1) // 2 for k in ks)
            origin_sets = [0, lo, hi] if dtype == "float64" else [0]
            for mode in MODES:
                for origin in (origin_sets if mode in FEW else [0]):
                    for func, f in (("correlate", nd.correlate), ("convolve", nd.convolve)):
                        record(func, x, lambda: f(x, w, mode=mode, cval=1.5, origin=sc(origin)),
                               weights=w, mode=mode, cval=1.5, origin=origin if isinstance(origin, tuple) else (origin,))
    # `axes`: the weights' axes go to the filtered axes in increasing order; origins follow `axes`.
    x = values((3, 4, 5), "float64")
    w = weights_for((3, 2), "float64")
    for axes, origin in [((0, 2), (1, 0)), ((2, 0), (0, -1)), ((-1, 1), (0, 0))]:
        for func, f in (("correlate", nd.correlate), ("convolve", nd.convolve)):
            record(func, x, lambda: f(x, w, mode="mirror", origin=origin, axes=axes),
                   weights=w, mode="mirror", cval=0.0, origin=origin, axes=axes)
    # Errors: origins off the filter, weights of the wrong rank, bad axes.
    x = values((4, 5), "float64")
    for w, origin, axes in [(weights_for((3, 3), "float64"), (2, 0), None),
                            (weights_for((4, 3), "float64"), (-3, 0), None),
                            (weights_for((3,), "float64"), (0,), None),
                            (weights_for((3, 3, 3), "float64"), (0,), None),
                            (weights_for((3,), "float64"), (0,), (2,)),
                            (weights_for((3, 3), "float64"), (0,), (1, 1))]:
        for func, f in (("correlate", nd.correlate), ("convolve", nd.convolve)):
            kw = {} if axes is None else {"axes": axes}
            record(func, x, lambda: f(x, w, origin=sc(origin), **kw), weights=w, mode="reflect", cval=0.0,
                   origin=origin, axes=axes)


def correlate1d_cases():
    x3 = values((3, 4, 5), "float64")
    for weights in ([0.5, -1.0, 2.0], [1.0, 2.0, 3.0, 4.0], [2.0], [0.1, 0.3, 0.2, 0.3, 0.1]):
        w = np.array(weights)
        for axis in (0, 1, -1):
            for mode in MODES:
                for origin in (limits(len(weights)) if mode in FEW else [0]):
                    for func, f in (("correlate1d", nd.correlate1d), ("convolve1d", nd.convolve1d)):
                        record(func, x3, lambda: f(x3, w, axis=axis, mode=mode, cval=-0.5, origin=origin),
                               weights=w, axis=axis, mode=mode, cval=-0.5, origin=(origin,))
    for dtype in ["float32"] + INTS:
        x = values((5, 6), dtype)
        for w in (np.array([1.0, -2.0, 3.0]), np.array([2.0, 1.0])):
            for axis in (0, 1):
                for mode in MODES:
                    for func, f in (("correlate1d", nd.correlate1d), ("convolve1d", nd.convolve1d)):
                        record(func, x, lambda: f(x, w, axis=axis, mode=mode, cval=3.0),
                               weights=w, axis=axis, mode=mode, cval=3.0, origin=(0,))
    x = values((2,), "float64")
    for mode in MODES:
        w = weights_for((7,), "float64")
        record("correlate1d", x, lambda: nd.correlate1d(x, w, mode=mode, cval=1.0), weights=w, axis=-1,
               mode=mode, cval=1.0, origin=(0,))
    x = values((4, 5), "float64")
    for w, axis, origin in [(np.array([1.0, 2.0, 3.0]), 0, 2), (np.array([1.0, 2.0]), 1, -2),
                            (np.array([1.0, 2.0]), 2, 0), (np.zeros(0), 0, 0)]:
        for func, f in (("correlate1d", nd.correlate1d), ("convolve1d", nd.convolve1d)):
            record(func, x, lambda: f(x, w, axis=axis, origin=origin), weights=w, axis=axis, mode="reflect",
                   cval=0.0, origin=(origin,))


def uniform_cases():
    for dtype in ["float64", "float32", "uint8", "int32", "uint64"]:
        x = values((5, 7), dtype)
        for size in (1, 2, 3, 4, 8):
            for axis in (0, 1):
                for mode in MODES:
                    for origin in (limits(size) if dtype == "float64" and mode in FEW else [0]):
                        record("uniform_filter1d", x,
                               lambda: nd.uniform_filter1d(x, size, axis=axis, mode=mode, cval=2.0, origin=origin),
                               size=(size,), axis=axis, mode=mode, cval=2.0, origin=(origin,))
    for dtype in ["float64", "float32", "uint8", "int16"]:
        x = values((4, 5, 6), dtype)
        for size, origin, axes in [((3,), (0,), None), ((2, 3, 4), (-1, 0, 1), None), ((1, 5, 2), (0,), None),
                                   ((3, 2), (1, 0), (0, 2)), ((4,), (0,), (-1,)), ((0,), (0,), None)]:
            for mode in ("reflect", "constant", "wrap", "mirror", "nearest"):
                kw = {} if axes is None else {"axes": axes}
                record("uniform_filter", x,
                       lambda: nd.uniform_filter(x, sc(size), mode=mode, cval=1.0, origin=sc(origin), **kw),
                       size=size, mode=mode, cval=1.0, origin=origin, axes=axes)
    x = values((4, 5), "float64")
    for size, origin, axis in [(0, 0, 0), (3, 2, 0), (4, -3, 1), (3, 0, 2)]:
        record("uniform_filter1d", x, lambda: nd.uniform_filter1d(x, size, axis=axis, origin=origin),
               size=(size,), axis=axis, mode="reflect", cval=0.0, origin=(origin,))


def gaussian_cases():
    for dtype in ["float64", "float32", "uint8", "int16"]:
        x = values((6, 7), dtype)
        if dtype in ("uint8", "int16"):
            x = (x.astype(np.int64) * 7 + 3).astype(dtype)
        for sigma, order, truncate, radius in [(0.5, 0, 4.0, None), (1.0, 0, 4.0, None), (2.5, 0, 2.0, None),
                                               (1.0, 1, 4.0, None), (1.5, 2, 4.0, None), (1.0, 0, 4.0, 1),
                                               (0.8, 0, 4.0, 6)]:
            for axis in (0, -1):
                for mode in (MODES if dtype == "float64" else FEW):
                    record("gaussian_filter1d", x,
                           lambda: nd.gaussian_filter1d(x, sigma, axis=axis, order=order, mode=mode, cval=1.0,
                                                        truncate=truncate, radius=radius),
                           sigma=(sigma,), axis=axis, order=(order,), truncate=truncate,
                           radius=None if radius is None else (radius,), mode=mode, cval=1.0)
    for dtype in ["float64", "float32", "uint8"]:
        x = values((5, 6, 4), dtype)
        for sigma, order, radius, axes in [((1.0,), (0,), None, None), ((0.7, 1.3, 0.0), (0,), None, None),
                                           ((1.0, 2.0), (0, 1), None, (0, 1)), ((1.2,), (0,), (2,), (2,)),
                                           ((0.9, 0.6, 1.1), (1, 0, 2), (1, 2, 3), None)]:
            for mode in ("reflect", "constant", "mirror", "wrap"):
                kw = {} if axes is None else {"axes": axes}
                record("gaussian_filter", x,
                       lambda: nd.gaussian_filter(x, sc(sigma), order=sc(order), mode=mode, cval=0.5,
                                                           radius=sc(radius), **kw),
                       sigma=sigma, order=order, truncate=4.0, radius=radius, axes=axes, mode=mode, cval=0.5)
    x = values((4, 5), "float64")
    record("gaussian_filter1d", x, lambda: nd.gaussian_filter1d(x, 1.0, truncate=-2.0), sigma=(1.0,), axis=-1,
           order=(0,), truncate=-2.0, radius=None, mode="reflect", cval=0.0)


def derivative_cases():
    for dtype in ["float64", "float32", "uint8", "int16", "int32", "uint32"]:
        for shape in [(6,), (5, 6), (3, 4, 5), (1,), (1, 2)]:
            x = values(shape, dtype)
            modes = MODES if dtype == "float64" else ["reflect", "constant", "wrap"]
            for mode in modes:
                for axis in range(-1, len(shape)):
                    record("sobel", x, lambda: nd.sobel(x, axis=axis, mode=mode, cval=2.0),
                           axis=axis, mode=mode, cval=2.0)
                for axes in [None, (0,), tuple(range(len(shape)))[::-1]]:
                    kw = {} if axes is None else {"axes": axes}
                    record("laplace", x, lambda: nd.laplace(x, mode=mode, cval=2.0, **kw),
                           axes=axes, mode=mode, cval=2.0)
    x = values((4, 5), "float64")
    record("sobel", x, lambda: nd.sobel(x, axis=2), axis=2, mode="reflect", cval=0.0)
    record("laplace", x, lambda: nd.laplace(x, axes=(0, 0)), axes=(0, 0), mode="reflect", cval=0.0)


def main():
    correlate_cases()
    correlate1d_cases()
    uniform_cases()
    gaussian_cases()
    derivative_cases()
    out = {"numpy": np.__version__, "scipy": scipy.__version__, "cases": CASES}
    text = json.dumps(out, separators=(",", ":"))
    (HERE / "ndimage.json").write_text(text + "\n")
    errors = sum("error" in c for c in CASES)
    print(f"ndimage.json: {len(CASES)} cases ({errors} errors), {len(text)} bytes")


if __name__ == "__main__":
    main()
