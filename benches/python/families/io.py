"""IO-*: .npy files, memory maps and a NumPy batch loader.

`run(b)` is called by bench_numpy.py with its Bench object: `b.wants(id)`, `b.quick`,
`b.run(id, n, impl, fn, flops=None, nbytes=None, sync=None)`.

The same sizes, data and work as benches/src/families/io.rs (n = bytes of array data;
--quick divides by 4). Files go to $OXARRAY_BENCH_DIR (default: the temporary directory)
and are deleted afterwards.
"""

import os
import tempfile

import numpy as np

ROW = 1024
BATCH = 256


def bench_dir():
    d = os.environ.get("OXARRAY_BENCH_DIR") or tempfile.gettempdir()
    os.makedirs(d, exist_ok=True)
    return d


def path(name):
    return os.path.join(bench_dir(), f"numpy-bench-{os.getpid()}-{name}")


def size(b, full):
    return full // 4 if b.quick else full


def remove(p):
    try:
        os.remove(p)
    except FileNotFoundError:
        pass


def numpy_loader_epoch(mm, perm):
    """The NumPy loader of the issue: a memmap sliced per batch and copied; shuffled: each
    batch's rows (a slice of a seeded permutation) gathered in sorted order. The consumer
    sums every batch (as the Rust side does)."""
    rows = mm.shape[0]
    total = np.float32(0)
    for start in range(0, rows, BATCH):
        if perm is None:
            batch = np.array(mm[start:start + BATCH])
        else:
            batch = mm[np.sort(perm[start:start + BATCH])]
        total += batch.sum()
    return total


def run(b):
    if b.wants("IO-save"):
        n = size(b, 1 << 30)
        a = np.arange(n // 8) * 0.5
        p = path("save.npy")
        b.run("IO-save", n, "numpy", lambda: np.save(p, a), nbytes=n)
        remove(p)
        del a
    if b.wants("IO-load") or b.wants("IO-mmap"):
        n = size(b, 1 << 30)
        p = path("load.npy")
        np.save(p, np.arange(n // 8) * 0.5)
        if b.wants("IO-load"):
            b.run("IO-load", n, "numpy", lambda: np.load(p), nbytes=n)
        if b.wants("IO-mmap"):
            b.run("IO-mmap", n, "numpy", lambda: np.load(p, mmap_mode="r").sum(), nbytes=n)
        remove(p)
    if b.wants("IO-npz"):
        n = size(b, 256 << 20)
        a = ((np.arange(n // 8, dtype=np.int64) * 7919) % 10007).astype(np.float64)
        p = path("npz.npz")
        b.run("IO-npz", n, "numpy", lambda: np.savez_compressed(p, x=a), nbytes=n)
        remove(p)
        del a
    if b.wants("IO-loader-seq") or b.wants("IO-loader-shuf"):
        n = size(b, 2 << 30)
        rows = n // (4 * ROW)
        p = path("loader.f32")
        w = np.memmap(p, dtype=np.float32, mode="w+", shape=(rows, ROW))
        w[:] = (np.arange(rows * ROW) % 4096).astype(np.float32).reshape(rows, ROW)
        w.flush()
        del w
        mm = np.memmap(p, dtype=np.float32, mode="r", shape=(rows, ROW))
        if b.wants("IO-loader-seq"):
            b.run("IO-loader-seq", n, "numpy", lambda: numpy_loader_epoch(mm, None), nbytes=n)
        if b.wants("IO-loader-shuf"):
            perm = np.random.default_rng(0).permutation(rows)
            b.run("IO-loader-shuf", n, "numpy", lambda: numpy_loader_epoch(mm, perm), nbytes=n)
        del mm
        remove(p)
