#!/usr/bin/env python3
"""Writes promotion.json: NumPy's own answers for type promotion and casting.

Run with NumPy 2.x (and, optionally, ml_dtypes for the bfloat16 section):

    python3 -m venv /tmp/npvenv && /tmp/npvenv/bin/pip install numpy ml_dtypes
    /tmp/npvenv/bin/python crates/oxarray-core/tests/golden/gen_promotion.py

tests/promotion.rs checks oxarray's tables against this file entry by entry.
"""
import itertools
import json
import os
import random
import warnings

import numpy as np

NAMES = [
    "bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
    "float16", "float32", "float64", "complex64", "complex128",
]
CASTINGS = ["no", "equiv", "safe", "same_kind", "unsafe"]

# Python scalars for the NEP 50 "weak scalar" cases, written as "kind:value".
SCALARS = [
    ("bool", True), ("bool", False),
    ("int", 0), ("int", 1), ("int", -1), ("int", 127), ("int", 128), ("int", -128),
    ("int", -129), ("int", 255), ("int", 256), ("int", 300), ("int", 32767), ("int", 32768),
    ("int", 65535), ("int", 65536), ("int", -32769), ("int", 2**31 - 1), ("int", 2**31),
    ("int", 2**32 - 1), ("int", 2**32), ("int", -(2**31) - 1), ("int", 2**63 - 1),
    ("int", 2**63), ("int", 2**64 - 1), ("int", 2**64), ("int", -(2**63)),
    ("int", -(2**63) - 1), ("int", 10**30),
    ("float", 1.0), ("float", -0.5), ("float", 1e300), ("float", float("nan")),
    ("complex", 1j), ("complex", 1.5 - 2j),
]


def scalar_text(kind, value):
    if kind == "bool":
        return f"bool:{'true' if value else 'false'}"
    if kind == "complex":
        return f"complex:{value.real!r},{value.imag!r}"
    return f"{kind}:{value!r}"


def weak_result(dtype, value):
    """The dtype of `array + python_scalar`, or the exception NumPy raises."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return str(np.add(np.zeros(1, dtype), value).dtype)
        except OverflowError:
            return "OverflowError"


def main():
    out = {"numpy_version": np.__version__, "dtypes": NAMES, "castings": CASTINGS}
    out["result_type"] = [
        [a, b, str(np.result_type(a, b))] for a in NAMES for b in NAMES
    ]
    out["result_type_many"] = [
        list(t) + [str(np.result_type(*t))] for t in itertools.product(NAMES, repeat=3)
    ]
    rng = random.Random(1234)
    longer = []
    for _ in range(400):
        t = [rng.choice(NAMES) for _ in range(rng.randint(4, 9))]
        longer.append(t + [str(np.result_type(*t))])
    out["result_type_many"] += longer
    out["can_cast"] = [
        [a, b, c, bool(np.can_cast(a, b, c))]
        for a in NAMES for b in NAMES for c in CASTINGS
    ]
    out["weak_scalar"] = [
        [d, scalar_text(k, v), weak_result(d, v)] for d in NAMES for k, v in SCALARS
    ]
    try:
        import ml_dtypes

        bf = np.dtype(ml_dtypes.bfloat16)
        rows = []
        for n in NAMES + ["bfloat16"]:
            try:
                r = str(np.result_type(bf, n if n != "bfloat16" else bf))
            except Exception:  # ml_dtypes defines no promotion for this pair
                r = None
            rows.append(["bfloat16", n, r])
        out["ml_dtypes_version"] = ml_dtypes.__version__
        out["bfloat16_result_type"] = rows
    except ImportError:
        pass

    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "promotion.json")
    with open(path, "w") as f:
        # One entry per line keeps the file diffable.
        f.write("{\n")
        keys = list(out)
        for i, k in enumerate(keys):
            v = out[k]
            f.write(f"  {json.dumps(k)}: ")
            if isinstance(v, list) and v and isinstance(v[0], list):
                f.write("[\n")
                f.write(",\n".join("    " + json.dumps(row) for row in v))
                f.write("\n  ]")
            else:
                f.write(json.dumps(v))
            f.write(",\n" if i + 1 < len(keys) else "\n")
        f.write("}\n")


if __name__ == "__main__":
    main()
