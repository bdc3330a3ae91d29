#!/usr/bin/env python3
"""The Python columns of WORKLOADS.md: NumPy (and SciPy, PyTorch, CuPy when importable).

Prints one JSON line per (id, n, impl) to stdout, in the contract's format:

    {"id": "C-mm-f32", "n": 2000, "impl": "numpy", "median_s": 0.101, "runs": 5, "gflops": 158.0}

Progress goes to stderr. Normally run by `cargo xtask bench`, which passes the same flags:

    bench_numpy.py [--quick] [--only ID[,ID...]] [--runs N] [--list]

Timing: one warm-up call, then N runs (default 5, --quick 3; without --runs, long points
get fewer, not under 3, so that each takes about 30 s, --quick 6 s), median per call. Calls
under 1 ms are batched (about 2 ms a sample). A call's result is kept until the clock stops (its
deallocation is not timed). GPU timings synchronise before the clock stops.
"gbps" is the minimal traffic (inputs read once, outputs written once) over the time, the
same figure for every implementation of an id.
"""

import argparse
import gc
import importlib.util
import json
import math
import pathlib
import statistics
import sys
import time

import numpy as np

try:
    import scipy.ndimage
    import scipy.signal

    HAVE_SCIPY = True
except ImportError:
    HAVE_SCIPY = False

try:
    import torch
    import torch.nn.functional as torch_f

    HAVE_TORCH = True
    HAVE_TORCH_CUDA = torch.cuda.is_available()
except Exception:  # noqa: BLE001 - a broken torch install is as good as none
    HAVE_TORCH = HAVE_TORCH_CUDA = False

try:
    import cupy
    import cupyx.scipy.ndimage

    HAVE_CUPY = cupy.cuda.runtime.getDeviceCount() > 0
except Exception:  # noqa: BLE001
    HAVE_CUPY = False

# The most samples of a short point, and the time its extra samples may take (seconds), when
# the run count is not given explicitly: the same as benches/src/lib.rs.
SHORT_POINT_RUNS = 41
SHORT_POINT_SECONDS = 0.25

HERE = pathlib.Path(__file__).resolve().parent


def read_ids():
    """The workload ids of benches/ids.txt (the one list, shared with the Rust side)."""
    ids = []
    for line in (HERE.parent / "ids.txt").read_text().splitlines():
        wid = line.split("#", 1)[0].strip()
        if wid:
            ids.append(wid)
    return ids


ALL_IDS = read_ids()


def family_modules():
    """The family modules of benches/python/families/*.py, each with a `run(b)` function
    (one file per family: sorting N-*, linalg L-*, random R-*, io IO-*, arrow AR-*, ...)."""
    mods = []
    for path in sorted((HERE / "families").glob("*.py")):
        if path.name.startswith("_"):
            continue
        spec = importlib.util.spec_from_file_location(f"families.{path.stem}", path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        mods.append(mod)
    return mods

F64 = 8


def token_selects(token, wid):
    """Same rule as the Rust side: exact id, a family (single letter, trailing '-', or
    followed by '-' in the id: C-mm selects C-mm-f32), or a prefix ending in '*'."""
    token, wid = token.strip().lower(), wid.lower()
    if token in ("all", wid):
        return True
    if token.endswith("*"):
        return wid.startswith(token[:-1])
    if not wid.startswith(token):
        return False
    rest = wid[len(token):]
    return len(token) == 1 or token.endswith("-") or rest.startswith("-")


# ---------------------------------------------------------------------------------- sizes
# The same lists as benches/src/sizes.rs.

def sizes_c_mm(quick):
    return [200, 1000, 2000] if quick else [200, 400, 800, 1000, 2000, 4000]


def sizes_c_conv(quick):
    return [k * 1000 for k in range(1, (8 if quick else 20) + 1)]


def side_d(quick):
    return 500 if quick else 1000


def sizes_d_sweep(quick):
    return [10**e for e in range(3, (8 if quick else 9) + 1)]


# --------------------------------------------------------------------------------- timing

def cuda_sync_torch():
    torch.cuda.synchronize()


def cuda_sync_cupy():
    cupy.cuda.Device().synchronize()


class Bench:
    def __init__(self, args):
        self.only = [t for t in (args.only or "").split(",") if t.strip()]
        self.quick = args.quick
        self.runs = args.runs or (3 if args.quick else 5)
        self.budget = None if args.runs else (6.0 if args.quick else 30.0)
        self.list_only = args.list
        self.failures = 0

    def wants(self, wid):
        return not self.only or any(token_selects(t, wid) for t in self.only)

    def measure(self, fn, sync=None):
        def sample(calls):
            results = []
            t0 = time.perf_counter()
            for _ in range(calls):
                results.append(fn())
            if sync is not None:
                sync()
            elapsed = time.perf_counter() - t0
            del results
            return elapsed

        warm = sample(1)
        batch = 1
        if warm < 1e-3:
            again = max(sample(1), 1e-9)
            batch = min(max(math.ceil(2e-3 / again), 1), 10_000)
        runs = self.runs
        if self.budget is not None:
            runs = min(runs, max(3, int(self.budget / max(warm, 1e-9))))
            # Short points: more samples, as benches/src/lib.rs (SHORT_POINT_*) does.
            per_sample = max(warm * batch, 1e-9)
            runs = max(runs, min(SHORT_POINT_RUNS, int(SHORT_POINT_SECONDS / per_sample)))
        times = [sample(batch) / batch for _ in range(runs)]
        return statistics.median(times), runs

    def run(self, wid, n, impl, fn, flops=None, nbytes=None, sync=None):
        """Times `fn` and prints its JSON line."""
        label = f"{wid}{'' if n is None else f' n={n}'} {impl}"
        if self.list_only:
            print(label)
            return
        try:
            median, runs = self.measure(fn, sync)
        except Exception as e:  # noqa: BLE001 - report and go on with the next point
            print(f"  [python] {label}: FAILED: {type(e).__name__}: {e}", file=sys.stderr)
            self.failures += 1
            return
        row = {"id": wid}
        if n is not None:
            row["n"] = n
        row.update({"impl": impl, "median_s": median, "runs": runs})
        if flops is not None:
            row["gflops"] = round(flops / median / 1e9, 2)
        if nbytes is not None:
            row["gbps"] = round(nbytes / median / 1e9, 2)
        print(json.dumps(row), flush=True)
        rate = ""
        if "gflops" in row:
            rate = f", {row['gflops']} GFLOP/s"
        elif "gbps" in row:
            rate = f", {row['gbps']} GB/s"
        print(f"  [python] {label}: {fmt_time(median)} ({runs} runs{rate})", file=sys.stderr, flush=True)


def fmt_time(s):
    for scale, unit in ((1, "s"), (1e-3, "ms"), (1e-6, "us")):
        if s >= scale:
            return f"{s / scale:.3g} {unit}"
    return f"{s * 1e9:.3g} ns"


def free_gpu():
    if HAVE_TORCH_CUDA:
        torch.cuda.empty_cache()
    if HAVE_CUPY:
        cupy.get_default_memory_pool().free_all_blocks()


# ------------------------------------------------------------------------------ workloads

def rng():
    return np.random.default_rng(0)


def section_a(b):
    if b.wants("A1") or b.wants("A1F"):
        m = rng().random((50_000, 1000))
        nbytes = 2 * F64 * m.size
        for wid in ("A1", "A1F"):  # NumPy has no fused form: A1F is A1
            if b.wants(wid):
                b.run(wid, None, "numpy", lambda: (m - m.mean(0)) / m.std(0), nbytes=nbytes)
        del m
    if any(b.wants(w) for w in ("A2", "A2-ops", "A3", "A3F")):
        x = rng().random(10_000_000)
        y = np.empty_like(x)
        nbytes = 2 * F64 * x.size

        def a3():
            np.multiply(x, 2.5, out=y)
            np.add(y, 1.2, out=y)

        for wid in ("A2", "A2-ops"):  # NumPy's operators are its ufuncs
            if b.wants(wid):
                b.run(wid, None, "numpy", lambda: 2.5 * x + 1.2, nbytes=nbytes)
        for wid in ("A3", "A3F"):  # NumPy has no fused form: A3F is A3
            if b.wants(wid):
                b.run(wid, None, "numpy", a3, nbytes=nbytes)
        del x, y
    if any(b.wants(w) for w in ("A4", "A5", "A6")):
        side = 10_000
        m = np.arange(side * side, dtype=np.float64).reshape(side, side)
        rows = np.arange(0, side, 2)
        cols = np.arange(0, side, 2)
        nbytes = 2 * F64 * rows.size * cols.size
        if b.wants("A4"):
            b.run("A4", None, "numpy", lambda: m[rows[:, None], cols], nbytes=nbytes)
        if b.wants("A5"):
            b.run("A5", None, "numpy", lambda: m[::2, ::2])
        if b.wants("A6"):
            view = m[::2, ::2]
            b.run("A6", None, "numpy", lambda: np.ascontiguousarray(view), nbytes=nbytes)
        del m


def section_b(b):
    if any(b.wants(w) for w in ("B1", "B2", "B3")):
        r = rng()
        a = r.random((64, 128, 256))
        bb = r.random((256, 128))
        flops = 2 * 64 * 128 * 256 * 128
        if b.wants("B1"):
            b.run("B1", None, "numpy", lambda: np.einsum("ijk,kl->ijl", a, bb), flops=flops)
        if b.wants("B2"):
            b.run("B2", None, "numpy", lambda: np.einsum("ijk,kl->ijl", a, bb, optimize=True), flops=flops)
        if b.wants("B3"):
            b.run("B3", None, "numpy", lambda: np.tensordot(a, bb, axes=(-1, 0)), flops=flops)
    if b.wants("B4") or b.wants("B5"):
        r = rng()
        x, y, z = r.random((1000, 100)), r.random((100, 1000)), r.random((1000, 5))
        if b.wants("B4"):
            b.run("B4", None, "numpy", lambda: np.linalg.multi_dot([x, y, z]))
        if b.wants("B5"):
            b.run("B5", None, "numpy", lambda: x @ y @ z)
    if b.wants("B-bmm8"):
        r = rng()
        p, q = r.random((10_000, 8, 8)), r.random((10_000, 8, 8))
        b.run("B-bmm8", None, "numpy", lambda: np.matmul(p, q), flops=10_000 * 2 * 8**3)


def mm_matrix(n, dtype):
    i = np.arange(n)
    return (i[:, None] + i[None, :]).astype(dtype)


def section_c(b):
    for wid, dtype in (("C-mm-f32", np.float32), ("C-mm-f64", np.float64)):
        if not b.wants(wid):
            continue
        for n in sizes_c_mm(b.quick):
            a = mm_matrix(n, dtype)
            c = a.copy()
            flops = 2.0 * n**3
            b.run(wid, n, "numpy", lambda: a @ c, flops=flops)
            if HAVE_TORCH:
                ta, tc = torch.from_numpy(a), torch.from_numpy(c)
                b.run(wid, n, "torch", lambda: ta @ tc, flops=flops)
                if HAVE_TORCH_CUDA:
                    ga, gc_ = ta.cuda(), tc.cuda()
                    b.run(wid, n, "torch-cuda", lambda: ga @ gc_, flops=flops, sync=cuda_sync_torch)
                    del ga, gc_
            if HAVE_CUPY:
                ca, cc = cupy.asarray(a), cupy.asarray(c)
                b.run(wid, n, "cupy", lambda: ca @ cc, flops=flops, sync=cuda_sync_cupy)
                del ca, cc
            free_gpu()
    if b.wants("C-conv"):
        k = np.full((3, 3), 1.0 / 9.0, dtype=np.float32)
        for n in sizes_c_conv(b.quick):
            i = np.arange(n)
            img = ((i[:, None] + i[None, :]) % 2).astype(np.float32)
            nbytes = 4 * (n * n + (n - 2) ** 2)
            if HAVE_SCIPY:
                b.run("C-conv", n, "scipy-signal", lambda: scipy.signal.convolve2d(img, k, mode="valid"), nbytes=nbytes)
                b.run("C-conv", n, "scipy-ndimage", lambda: scipy.ndimage.convolve(img, k), nbytes=nbytes)
            if HAVE_TORCH:
                timg, tk = torch.from_numpy(img)[None, None], torch.from_numpy(k)[None, None]
                b.run("C-conv", n, "torch", lambda: torch_f.conv2d(timg, tk), nbytes=nbytes)
                if HAVE_TORCH_CUDA:
                    gimg, gk = timg.cuda(), tk.cuda()
                    b.run("C-conv", n, "torch-cuda", lambda: torch_f.conv2d(gimg, gk), nbytes=nbytes,
                          sync=cuda_sync_torch)
                    del gimg, gk
            if HAVE_CUPY:
                cimg, ck = cupy.asarray(img), cupy.asarray(k)
                b.run("C-conv", n, "cupy", lambda: cupyx.scipy.ndimage.convolve(cimg, ck), nbytes=nbytes,
                      sync=cuda_sync_cupy)
                del cimg, ck
            del img
            free_gpu()


def d_backends():
    """(impl, ones, multiply-in-place, add-in-place, sync) per available library."""
    out = [("numpy", lambda shape: np.ones(shape),
            lambda x, y: np.multiply(x, y, out=x), lambda x, y: np.add(x, y, out=x), None)]
    if HAVE_TORCH:
        out.append(("torch", lambda shape: torch.ones(shape, dtype=torch.float64),
                    lambda x, y: x.mul_(y), lambda x, y: x.add_(y), None))
        if HAVE_TORCH_CUDA:
            out.append(("torch-cuda", lambda shape: torch.ones(shape, dtype=torch.float64, device="cuda"),
                        lambda x, y: x.mul_(y), lambda x, y: x.add_(y), cuda_sync_torch))
    if HAVE_CUPY:
        out.append(("cupy", lambda shape: cupy.ones(shape),
                    lambda x, y: cupy.multiply(x, y, out=x), lambda x, y: cupy.add(x, y, out=x),
                    cuda_sync_cupy))
    return out


def section_d(b):
    side = side_d(b.quick)
    count = side**3
    for impl, ones, imul, iadd, sync in d_backends():
        if b.wants("D-ones"):
            b.run("D-ones", side, impl, lambda: ones((side, side, side)), nbytes=F64 * count, sync=sync)
            gc.collect()
            free_gpu()
        if any(b.wants(w) for w in ("D-imul5", "D-imul5-ops", "D-three", "D-threeF")):
            x = ones((side, side, side))

            def imul5():
                imul(x, 5)

            def three():  # x *= 5; x *= x; x += x
                imul(x, 5)
                imul(x, x)
                iadd(x, x)

            for wid in ("D-imul5", "D-imul5-ops"):  # x *= 5 is np.multiply(x, 5, out=x)
                if b.wants(wid):
                    b.run(wid, side, impl, imul5, nbytes=2 * F64 * count, sync=sync)
            for wid in ("D-three", "D-threeF"):  # no fused form: D-threeF is D-three
                if b.wants(wid):
                    b.run(wid, side, impl, three, nbytes=2 * F64 * count, sync=sync)
            del x
            gc.collect()
            free_gpu()
        if b.wants("D-sweep"):
            for n in sizes_d_sweep(b.quick):
                x = ones((n,))

                def imul5_sweep():
                    imul(x, 5)

                b.run("D-sweep", n, impl, imul5_sweep, nbytes=2 * F64 * n, sync=sync)
                del x
                gc.collect()
                free_gpu()


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="smaller sizes, 3 runs")
    p.add_argument("--only", default="", help="ids or families, comma-separated (C-mm, A, A1*)")
    p.add_argument("--runs", type=int, default=None, help="timed runs per point (default 5, quick 3)")
    p.add_argument("--list", action="store_true", help="list the points instead of timing them")
    args = p.parse_args()
    if args.runs is not None and args.runs < 1:
        p.error("--runs must be at least 1")
    b = Bench(args)
    np.seterr(over="ignore", invalid="ignore")  # D: repeated x *= 5 reaches inf, as in the article
    libs = ["numpy " + np.__version__]
    if HAVE_SCIPY:
        libs.append("scipy " + scipy.__version__)
    if HAVE_TORCH:
        libs.append("torch " + torch.__version__ + (" (cuda)" if HAVE_TORCH_CUDA else ""))
    if HAVE_CUPY:
        libs.append("cupy " + cupy.__version__)
    print(f"  [python] {sys.version.split()[0]}: {', '.join(libs)}", file=sys.stderr, flush=True)
    for section in (section_a, section_b, section_c, section_d):
        section(b)
        gc.collect()
    for mod in family_modules():
        mod.run(b)
        gc.collect()
    return 1 if b.failures else 0


if __name__ == "__main__":
    sys.exit(main())
