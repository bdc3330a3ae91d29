"""Golden cases for oxarray-conv: scipy.signal.convolve2d / correlate2d and np.convolve /
np.correlate, written to signal.json beside this script.

Run with the project's Python (`cargo xtask golden`, or any Python with NumPy and SciPy):

    python crates/oxarray-conv/tests/golden/gen_signal.py

Values are multiples of 1/8 of small size, so every product and partial sum is exact in f32
and f64: SciPy's summation order and ours give bit-identical results, and the tests compare
exactly. Integers use values that overflow their type, to pin SciPy's wrapping arithmetic.
"""

import json
from pathlib import Path

import numpy as np
import scipy.signal as signal

HERE = Path(__file__).resolve().parent
RNG = np.random.default_rng(11)

DTYPES = ["float32", "float64", "complex64", "complex128", "int8", "uint8", "int16", "int32", "int64", "uint64"]


def values(shape, dtype):
    n = int(np.prod(shape))
    if dtype.startswith("complex"):
        re = RNG.integers(-16, 17, n) / 8
        im = RNG.integers(-16, 17, n) / 8
        return (re + 1j * im).reshape(shape).astype(dtype)
    if dtype.startswith("float"):
        return (RNG.integers(-16, 17, n) / 8).reshape(shape).astype(dtype)
    info = np.iinfo(dtype)
    lo, hi = max(int(info.min), -100), min(int(info.max), 200)
    return RNG.integers(lo, hi + 1, n).reshape(shape).astype(dtype)


def flat(a):
    a = np.asarray(a)
    if np.iscomplexobj(a):
        return [float(x) for z in a.ravel() for x in (z.real, z.imag)]
    if a.dtype.kind in "iu":
        return [int(x) for x in a.ravel()]
    return [float(x) for x in a.ravel()]


def fill_for(dtype):
    if dtype.startswith("complex"):
        return [1.5, -0.5]
    if dtype.startswith("float"):
        return 1.5
    return 3


def record(cases, func, dtype, in1, in2, mode, boundary, fill, run):
    case = {
        "func": func,
        "dtype": dtype,
        "mode": mode,
        "boundary": boundary,
        "fill": fill,
        "in1_shape": list(in1.shape),
        "in1": flat(in1),
        "in2_shape": list(in2.shape),
        "in2": flat(in2),
    }
    try:
        out = run()
        assert out.dtype == np.dtype(dtype), (func, dtype, out.dtype)
        case["out_shape"] = list(out.shape)
        case["out"] = flat(out)
    except ValueError as e:
        case["error"] = str(e)
    cases.append(case)


def signal_cases():
    cases = []
    image_shapes = [(4, 6)]
    kernel_shapes = [(3, 3), (2, 4), (1, 1), (4, 6), (6, 9), (5, 2)]
    for dtype in DTYPES:
        kernels = kernel_shapes if dtype in ("float64", "int16", "complex128") else [(3, 3), (2, 4), (6, 9)]
        for s1 in image_shapes:
            for s2 in kernels:
                in1, in2 = values(s1, dtype), values(s2, dtype)
                for mode in ("full", "same", "valid"):
                    for boundary in ("fill", "wrap", "symm"):
                        fill = fill_for(dtype)
                        fv = complex(*fill) if isinstance(fill, list) else fill
                        for func, f in (("convolve2d", signal.convolve2d), ("correlate2d", signal.correlate2d)):
                            record(cases, func, dtype, in1, in2, mode, boundary, fill,
                                   lambda: f(in1, in2, mode=mode, boundary=boundary, fillvalue=fv))
    # Kernels much larger than the image: wrap and symm extend the image several times over.
    for dtype in ("float64", "int32"):
        in1, in2 = values((2, 3), dtype), values((7, 8), dtype)
        for mode in ("full", "same", "valid"):
            for boundary in ("fill", "wrap", "symm"):
                for func, f in (("convolve2d", signal.convolve2d), ("correlate2d", signal.correlate2d)):
                    record(cases, func, dtype, in1, in2, mode, boundary, 2,
                           lambda: f(in1, in2, mode=mode, boundary=boundary, fillvalue=2))
    # One-element, empty and incomparable inputs (f64). SciPy crashes (SIGFPE) on wrap/symm
    # of an empty image with a non-empty kernel, so those run with fill only.
    odd = [((1, 1), (1, 1)), ((1, 1), (3, 2)), ((3, 2), (1, 1)), ((3, 5), (4, 2)), ((0, 3), (2, 2)),
           ((3, 4), (0, 2)), ((0, 0), (0, 0)), ((3, 0), (0, 2)), ((0, 4), (0, 2)), ((1, 7), (1, 3))]
    for s1, s2 in odd:
        in1, in2 = values(s1, "float64"), values(s2, "float64")
        for mode in ("full", "same", "valid"):
            for boundary in ("fill", "wrap", "symm"):
                if in1.size == 0 and in2.size != 0 and boundary != "fill":
                    continue
                for func, f in (("convolve2d", signal.convolve2d), ("correlate2d", signal.correlate2d)):
                    record(cases, func, "float64", in1, in2, mode, boundary, 1.5,
                           lambda: f(in1, in2, mode=mode, boundary=boundary, fillvalue=1.5))
    return cases


def numpy_cases():
    cases = []
    lengths = [(7, 3), (7, 4), (3, 7), (4, 7), (1, 1), (1, 5), (6, 6), (0, 3), (3, 0)]
    for dtype in ("float64", "float32", "complex128", "int8", "int64"):
        for n1, n2 in lengths:
            a, v = values((n1,), dtype), values((n2,), dtype)
            for mode in ("full", "same", "valid"):
                for func, f in (("convolve", np.convolve), ("correlate", np.correlate)):
                    record(cases, func, dtype, a, v, mode, "fill", 0, lambda: f(a, v, mode=mode))
    return cases


def main():
    out = {"signal": signal_cases(), "numpy": numpy_cases()}
    text = json.dumps(out, separators=(",", ":"))
    (HERE / "signal.json").write_text(text + "\n")
    print(f"signal.json: {len(out['signal'])} + {len(out['numpy'])} cases, {len(text)} bytes")


if __name__ == "__main__":
    main()
