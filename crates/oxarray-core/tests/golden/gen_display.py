#!/usr/bin/env python3
"""Writes display.json: NumPy's repr() and str() of a set of arrays.

    /tmp/npvenv/bin/python crates/oxarray-core/tests/golden/gen_display.py

Each case names a dtype, a shape and its values (strings, so that nan, inf and -0.0 survive
JSON; complex values as "re,im"), or an "arange" recipe for big arrays:
value[i] = (i + offset) / divisor computed in float64, then cast to the dtype.
tests/display.rs builds the same arrays and compares `{:?}` with repr and `{}` with str.
"""
import json
import os

import numpy as np

CASES = []


def case(name, values, dtype, shape=None):
    a = np.array(values, dtype=dtype)
    if shape is not None:
        a = a.reshape(shape)
    CASES.append((name, a, None))


def arange_case(name, n, dtype, shape, offset=0.0, divisor=1.0):
    a = ((np.arange(n, dtype=np.float64) + offset) / divisor).astype(dtype).reshape(shape)
    CASES.append((name, a, {"n": n, "offset": offset, "divisor": divisor}))


nan, inf = float("nan"), float("inf")

# integers
case("int64_1d", [1, 2, 3], "int64")
case("int64_neg", [-1, 100, 7], "int64")
case("int32_1d", [1, 2, 3], "int32")
case("uint8_2d", [[1, 2, 3], [4, 5, 255]], "uint8")
case("int16_3d", list(range(24)), "int16", (2, 3, 4))
case("int64_4d", list(range(16)), "int64", (2, 2, 2, 2))
case("uint64_max", [0, 2**64 - 1], "uint64")
case("int64_min", [-(2**63), 2**63 - 1], "int64")
case("int8_col", [1, -2, 3], "int8", (3, 1))
case("int64_0d", 5, "int64")
case("int32_0d", -7, "int32")
# floats, positional
case("float64_half", [1.0, 2.5], "float64")
case("float64_tenths", [0.1, 0.2, 0.3], "float64")
case("float64_mixed_frac", [0.1, 0.25], "float64")
case("float64_ints", [1.0, 2.0, 3.0], "float64")
case("float64_neg", [-1.5, 2.0, -0.25], "float64")
case("float64_negzero", [-0.0, 0.0], "float64")
case("float64_zeros", [0.0, 0.0], "float64")
case("float64_long_frac", [1 / 3, 2 / 3, 1.0], "float64")
case("float64_pi", [np.pi, np.e], "float64")
case("float64_rounding", [0.123456789, 0.999999999], "float64")
case("float64_big_positional", [12345678.5, 1.0], "float64")
case("float64_ratio_1000", [1.0, 1000.0], "float64")
case("float64_2d", [[1.0, 2.5], [-3.0, 4.125]], "float64", (2, 2))
case("float64_3d", [0.5 * i for i in range(12)], "float64", (2, 3, 2))
case("float32_1d", [1.0, 2.5], "float32")
case("float32_tenth", [0.1, 0.2, 0.7], "float32")
case("float32_third", [1 / 3, 2.0], "float32")
case("float16_1d", [0.1, 0.5, 1000.0], "float16")
case("float64_0d", 1.0, "float64")
case("float64_0d_frac", 0.1, "float64")
case("float64_0d_sci", 1e-5, "float64")
case("float64_0d_big", 1e16, "float64")
case("float32_0d", 0.1, "float32")
case("float64_0d_negzero", -0.0, "float64")
# floats, scientific
case("float64_sci_small", [1e-5, 1e5], "float64")
case("float64_sci_mixed", [1e-5, 1.5e5], "float64")
case("float64_sci_tiny", [1e-5, 2e-5], "float64")
case("float64_sci_large", [1e8, 1.0], "float64")
case("float64_sci_ratio", [0.001, 10.0], "float64")
case("float64_sci_exp3", [1e-100, 1e5], "float64")
case("float64_sci_neg", [-1e-10, 3.25e20], "float64")
case("float64_sci_digits", [1.23456789012e-7, 1.0], "float64")
case("float32_sci", [1e-6, 1.0], "float32")
# Elements with fewer shortest digits than the array's precision print more digits of their
# exact value (Dragon4's min_digits), not zeros.
case("float32_sci_exact_digits", [-0.8045533, 1.2345678e-5, 3.0], "float32")
case("float16_sci_exact_digits", [15488, 1.1307e-04], "float16")
case("float64_sci_exact_digits", [0.1, 1.2345678e-10], "float64")
case("float32_cutoff", [1e6, 2e6], "float32")
case("float32_below_cutoff", [999999.0, 5e5], "float32")
case("float32_1e-4_edge", [1e-4, 1e-4], "float32")
case("float16_0d_1000", 1000.0, "float16")
case("float16_0d_max", 65504.0, "float16")
case("float32_0d_1e6", 1e6, "float32")
case("float64_below_1e8", [99999999.0, 1e6], "float64")
case("float64_0d_1e-4", 1e-4, "float64")
_rng = np.random.default_rng(7)
case("float64_random", _rng.normal(size=24).tolist(), "float64", (4, 6))
case("float32_random", _rng.normal(size=12).astype(np.float32).tolist(), "float32")
case("float16_random", _rng.normal(size=12).astype(np.float16).tolist(), "float16")
case("float64_random_sci", (_rng.lognormal(sigma=8.0, size=10)).tolist(), "float64")
case("complex64_random", (_rng.normal(size=6) + 1j * _rng.normal(size=6)).tolist(), "complex64")
# non-finite
case("float64_nan_inf", [nan, -inf], "float64")
case("float64_nan_mixed", [1.5, nan, inf, -inf], "float64")
case("float64_inf_only", [inf], "float64")
case("float64_nan_sci", [1e-7, nan], "float64")
case("float64_0d_nan", nan, "float64")
# complex
case("complex128_1d", [1 + 2j, 3 - 4j], "complex128")
case("complex128_mixed", [1 + 2j, 3 - 4.5j], "complex128")
case("complex64_1d", [1 + 2j, 0.5 - 1j], "complex64")
case("complex128_sci", [1e-5 + 1j, 1e5 - 1e5j], "complex128")
case("complex128_nan", [complex(nan, 1.0), complex(1.0, -inf)], "complex128")
case("complex128_negzero", [complex(-0.0, -0.0), complex(1.0, 0.0)], "complex128")
case("complex128_0d", 1 + 2j, "complex128")
case("complex128_0d_imag", 2j, "complex128")
case("complex64_0d", 1.5 - 0.5j, "complex64")
case("complex128_2d", [[1j, 2], [3, 4 + 0.25j]], "complex128", (2, 2))
# bool
case("bool_1d", [True, False], "bool")
case("bool_all_true", [True, True], "bool")
case("bool_2d", [[True, False], [False, True]], "bool", (2, 2))
case("bool_0d", True, "bool")
case("bool_0d_false", False, "bool")
# empty
case("empty_int32", [], "int32")
case("empty_float64", [], "float64")
case("empty_int64", [], "int64")
case("empty_bool", [], "bool")
case("empty_0x3", [], "float64", (0, 3))
case("empty_2x0", [], "int64", (2, 0))
case("empty_3x0x2", [], "complex64", (3, 0, 2))
# line wrapping
arange_case("wrap_int64_30", 30, "int64", (30,))
arange_case("wrap_float64_20", 20, "float64", (20,), divisor=7.0)
arange_case("wrap_int32_2d", 60, "int32", (2, 30))
arange_case("wrap_float32_2d", 40, "float32", (4, 10), divisor=3.0)
arange_case("wrap_complex", 12, "complex128", (12,), divisor=3.0)
arange_case("wrap_bool", 40, "bool", (40,), offset=0.0, divisor=1.0)
# summarisation
arange_case("summary_int64_2000", 2000, "int64", (2000,))
arange_case("summary_int32_2000", 2000, "int32", (2000,))
arange_case("summary_float64_2001", 2001, "float64", (2001,), divisor=4.0)
arange_case("summary_float64_2d", 2000, "float64", (40, 50), divisor=7.0)
arange_case("summary_int64_3d", 1200, "int64", (10, 12, 10))
arange_case("summary_short_axis", 1002, "int64", (2, 501))
arange_case("summary_float32_sci", 1500, "float32", (1500,), offset=1.0, divisor=1e-3)
arange_case("summary_uint8_2d", 1100, "uint8", (100, 11), divisor=5.0)
arange_case("no_summary_1000", 1000, "int64", (1000,))


def encode(x, kind):
    if kind == "c":
        return f"{float(x.real)!r},{float(x.imag)!r}"
    if kind == "b":
        return "True" if x else "False"
    if kind == "f":
        return repr(float(x))
    return str(int(x))


def main():
    out = []
    for name, a, recipe in CASES:
        entry = {"name": name, "dtype": a.dtype.name, "shape": list(a.shape)}
        if recipe is None:
            entry["values"] = [encode(x, a.dtype.kind) for x in a.reshape(-1)]
        else:
            entry["arange"] = recipe
        entry["repr"] = repr(a)
        entry["str"] = str(a)
        out.append(entry)
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "display.json")
    with open(path, "w") as f:
        f.write('{\n  "numpy_version": ' + json.dumps(np.__version__) + ',\n  "cases": [\n')
        f.write(",\n".join("    " + json.dumps(e) for e in out))
        f.write("\n  ]\n}\n")


if __name__ == "__main__":
    main()
