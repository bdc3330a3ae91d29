"""Golden cases for oxarray-sort, made by NumPy itself.

Run: python gen.py  (writes cases.json next to this file). Every float is written as its
Python repr string so that NaN, inf and -0.0 survive JSON; complex values as [re, im].
"""

import json
import pathlib

import numpy as np

HERE = pathlib.Path(__file__).parent
DT = {"f64": np.float64, "f32": np.float32, "f16": np.float16, "i64": np.int64,
      "i8": np.int8, "u16": np.uint16, "bool": np.bool_, "c128": np.complex128}


def enc(a):
    a = np.asarray(a)
    flat = a.ravel().tolist()
    if a.dtype.kind == "c":
        data = [[repr(float(z.real)), repr(float(z.imag))] for z in flat]
    elif a.dtype.kind == "f":
        data = [repr(float(x)) for x in flat]
    elif a.dtype.kind == "b":
        data = [bool(x) for x in flat]
    else:
        data = [int(x) for x in flat]
    return {"shape": list(a.shape), "data": data}


cases = []


def add(op, dtype, inp, expected, **args):
    cases.append({"op": op, "dtype": dtype, "input": enc(inp), "args": args,
                  "expected": {k: enc(v) for k, v in expected.items()}})


rng = np.random.default_rng(7)
nan, inf = np.nan, np.inf
f_special = np.array([3.0, -0.0, nan, 1.0, -inf, 0.0, 2.0, -nan, inf, 1.0, -2.5, 0.0])
sources = {
    "f64": [f_special, rng.normal(size=(4, 5)).round(1), np.array([]), np.array(2.5)],
    "f32": [f_special.astype(np.float32), rng.normal(size=(3, 4)).astype(np.float32)],
    "f16": [f_special.astype(np.float16)],
    "i64": [rng.integers(-5, 5, size=(3, 7)), np.array([np.iinfo(np.int64).min, 0, -1, np.iinfo(np.int64).max])],
    "i8": [rng.integers(-128, 127, size=(2, 9), dtype=np.int8)],
    "u16": [rng.integers(0, 65535, size=(11,), dtype=np.uint16)],
    "bool": [rng.integers(0, 2, size=(3, 5)).astype(bool)],
    "c128": [np.array([1 + 2j, nan + 1j, 1 + nan * 1j, 0j, -1 + 5j, 1 - 1j, nan + nan * 1j, 1 + 2j,
                       complex(nan, -3), 2 + 0j])],
}

for dt, arrs in sources.items():
    for a in arrs:
        axes = [None] + list(range(-a.ndim, a.ndim)) if a.ndim else [None]
        for axis in axes:
            add("sort", dt, a, {"out": np.sort(a, axis=axis)}, axis=axis)
            add("argsort", dt, a, {"out": np.argsort(a, axis=axis, kind="stable")}, axis=axis)
        if a.ndim == 2:
            # Views: transposed and reversed (negative strides).
            v = a.T[::-1]
            add("sort_view", dt, a, {"out": np.sort(v, axis=-1)}, axis=-1)
            add("argsort_view", dt, a, {"out": np.argsort(v, axis=0, kind="stable")}, axis=0)

# searchsorted, including NaN and ties, and with a sorter.
base = np.array([1.0, 2.0, 2.0, 3.0, inf, nan, nan])
vals = np.array([[2.0, nan], [-inf, 5.0], [3.0, 0.5]])
for side in ["left", "right"]:
    add("searchsorted", "f64", base, {"out": np.searchsorted(base, vals, side=side)},
        side=side, v=enc(vals))
    u = rng.permutation(base)
    add("searchsorted_sorter", "f64", u,
        {"out": np.searchsorted(u, vals, side=side, sorter=np.argsort(u, kind="stable"))},
        side=side, v=enc(vals))
ints = np.array([0, 0, 1, 5, 5, 5, 9])
add("searchsorted", "i64", ints, {"out": np.searchsorted(ints, np.array([5, -1, 10, 0]))},
    side="left", v=enc(np.array([5, -1, 10, 0])))

# lexsort
k1 = rng.integers(0, 3, size=(2, 8))
k2 = rng.integers(0, 3, size=(2, 8))
for axis in [-1, 0]:
    add("lexsort", "i64", k1, {"out": np.lexsort((k1, k2), axis=axis)}, axis=axis, k2=enc(k2))

# unique
for dt, a in [("f64", np.array([2.0, nan, 1.0, -0.0, 0.0, nan, 2.0, 1.0])),
              ("i64", rng.integers(0, 4, size=(3, 4))),
              ("c128", sources["c128"][0]),
              ("f64", np.array([]))]:
    for equal_nan in [True, False]:
        r = np.unique(a, return_index=True, return_inverse=True, return_counts=True,
                      equal_nan=equal_nan)
        add("unique", dt, a, {"values": r[0], "index": r[1], "inverse": r[2], "counts": r[3]},
            equal_nan=equal_nan)
m = np.array([[1, 0, 0], [1, 0, 0], [2, 3, 4], [1, 0, 0]])
for axis in [0, 1, -1]:
    r = np.unique(m, return_index=True, return_inverse=True, return_counts=True, axis=axis)
    add("unique_axis", "i64", m, {"values": r[0], "index": r[1], "inverse": r[2].ravel(), "counts": r[3]},
        axis=axis)

# set routines
s1 = np.array([5.0, 1.0, nan, 3.0, 1.0, -0.0])
s2 = np.array([1.0, 0.0, nan, 7.0, 3.0, 3.0])
r = np.intersect1d(s1, s2, return_indices=True)
add("intersect1d", "f64", s1, {"values": r[0], "i1": r[1], "i2": r[2]}, b=enc(s2))
add("union1d", "f64", s1, {"out": np.union1d(s1, s2)}, b=enc(s2))
add("setdiff1d", "f64", s1, {"out": np.setdiff1d(s1, s2)}, b=enc(s2))
add("setxor1d", "f64", s1, {"out": np.setxor1d(s1, s2)}, b=enc(s2))
e = np.array([[1.0, nan], [0.0, 7.0]])
for invert in [False, True]:
    add("isin", "f64", e, {"out": np.isin(e, s2, invert=invert)}, b=enc(s2), invert=invert)

# quantiles
methods = ["inverted_cdf", "averaged_inverted_cdf", "closest_observation",
           "interpolated_inverted_cdf", "hazen", "weibull", "linear", "median_unbiased",
           "normal_unbiased", "lower", "higher", "midpoint", "nearest"]
qs = np.array([0.0, 0.1, 0.25, 0.5, 0.6, 0.75, 0.9, 1.0])
for dt, a in [("f64", rng.normal(size=(3, 7)).round(2)), ("i64", rng.integers(0, 20, size=(4, 6))),
              ("f64", np.array([1.0, 2.0, 3.0, 4.0]))]:
    for method in methods:
        for axis in [None, 0, -1] if a.ndim == 2 else [None]:
            add("quantile", dt, a, {"out": np.quantile(a, qs, axis=axis, method=method).astype(np.float64)},
                axis=axis, method=method, q=enc(qs), keepdims=False)
mk = rng.normal(size=(2, 3, 4))
for axis in [None, 0, 1, -1]:
    for keepdims in [False, True]:
        add("median", "f64", mk, {"out": np.median(mk, axis=axis, keepdims=keepdims)},
            axis=axis, keepdims=keepdims)
        add("percentile", "f64", mk,
            {"out": np.percentile(mk, [10.0, 50.0], axis=axis, keepdims=keepdims)},
            axis=axis, keepdims=keepdims, q=enc(np.array([10.0, 50.0])))
mn = np.array([[1.0, nan, 3.0, 2.0], [nan, nan, nan, nan], [4.0, 1.0, 0.0, 9.0]])
add("median", "f64", mn, {"out": np.median(mn, axis=1)}, axis=1, keepdims=False)
with np.errstate(all="ignore"):
    import warnings
    warnings.simplefilter("ignore")
    add("nanmedian", "f64", mn, {"out": np.nanmedian(mn, axis=1)}, axis=1, keepdims=False)
    add("nanpercentile", "f64", mn, {"out": np.nanpercentile(mn, [25.0, 80.0], axis=1)},
        axis=1, keepdims=False, q=enc(np.array([25.0, 80.0])))
add("median", "i64", np.array([3, 1, 4, 1]), {"out": np.median(np.array([3, 1, 4, 1]))}, axis=None,
    keepdims=False)

# histograms
h = rng.normal(size=200)
for bins in [10, 7, "auto", "fd", "sturges", "sqrt", "rice", "scott"]:
    for rng_ in [None, (-1.0, 2.0)]:
        for density in [False, True]:
            hist, edges = np.histogram(h, bins=bins, range=rng_, density=density)
            add("histogram", "f64", h, {"hist": hist.astype(np.float64), "edges": edges},
                bins=bins, range=rng_, density=density)
edges_in = [-3.0, -1.0, 0.0, 0.0, 0.5, 2.0]
hist, edges = np.histogram(np.append(h, [nan, 2.0]), bins=edges_in)
add("histogram", "f64", np.append(h, [nan, 2.0]), {"hist": hist.astype(np.float64), "edges": edges},
    bins=edges_in, range=None, density=False)
x2, y2 = rng.normal(size=50), rng.normal(size=50)
H, xe, ye = np.histogram2d(x2, y2, bins=(4, 3))
add("histogram2d", "f64", x2, {"h": H, "xe": xe, "ye": ye}, y=enc(y2), bins=[4, 3])
bc = rng.integers(0, 6, size=20)
add("bincount", "i64", bc, {"out": np.bincount(bc, minlength=9).astype(np.float64)}, minlength=9)
dbins = np.array([0.0, 1.0, 2.5, 4.0])
dx = np.array([-1.0, 0.0, 1.0, 2.0, 2.5, 3.9, 4.0, 5.0, nan])
for right in [False, True]:
    add("digitize", "f64", dx, {"out": np.digitize(dx, dbins, right=right)}, bins=enc(dbins), right=right)
    add("digitize", "f64", dx, {"out": np.digitize(dx, dbins[::-1], right=right)},
        bins=enc(dbins[::-1]), right=right)

# differences and integrals
di = rng.integers(-50, 50, size=(3, 5)).astype(np.int8)
for n in [1, 2]:
    for axis in [-1, 0]:
        add("diff", "i8", di, {"out": np.diff(di, n=n, axis=axis)}, n=n, axis=axis)
fy = rng.normal(size=(3, 6))
for axis in [-1, 0]:
    add("trapezoid", "f64", fy, {"out": np.trapezoid(fy, dx=0.5, axis=axis)}, axis=axis, dx=0.5)
    add("gradient", "f64", fy, {"out": np.gradient(fy, 0.5, axis=axis)}, axis=axis, spacing=0.5)
xp = np.array([0.0, 1.0, 1.5, 4.0])
fp = np.array([2.0, -1.0, 0.0, 8.0])
xq = np.array([-1.0, 0.0, 0.3, 1.0, 1.2, 3.9, 4.0, 7.0, nan])
add("interp", "f64", xq, {"out": np.interp(xq, xp, fp)}, xp=enc(xp), fp=enc(fp))
cv = rng.normal(size=(3, 10))
add("cov", "f64", cv, {"out": np.cov(cv)})
add("corrcoef", "f64", cv, {"out": np.corrcoef(cv)})
aw = rng.normal(size=(3, 4))
ww = rng.random(size=(3, 4))
for axis in [None, 0, 1]:
    avg, sw = np.average(aw, axis=axis, weights=ww, returned=True)
    add("average", "f64", aw, {"avg": avg, "sw": np.broadcast_to(sw, np.shape(avg))}, axis=axis, w=enc(ww))
    add("ptp", "f64", aw, {"out": np.ptp(aw, axis=axis)}, axis=axis)

(HERE / "cases.json").write_text(json.dumps({"numpy": np.__version__, "cases": cases}))
print(len(cases), "cases")
