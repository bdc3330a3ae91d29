"""N-sort, N-argsort, N-sort-axis, N-unique, N-median, N-histogram: the peer of
benches/src/families/sort.rs (inputs from default_rng(0), the same numbers on both sides).

`run(b)` is called by bench_numpy.py with its Bench object: `b.wants(id)`, `b.quick`,
`b.run(id, n, impl, fn, flops=None, nbytes=None, sync=None)`.
"""

import numpy as np

WORD = 8
N = 10_000_000
SIDE = 4000
N_HIST = 100_000_000


def run(b):
    if b.wants("N-sort"):
        a = np.random.default_rng(0).random(N)
        b.run("N-sort", None, "numpy", lambda: np.sort(a), nbytes=2 * WORD * N)
    if b.wants("N-argsort"):
        a = np.random.default_rng(0).random(N)
        b.run("N-argsort", None, "numpy", lambda: np.argsort(a), nbytes=2 * WORD * N)
    if b.wants("N-sort-axis"):
        m = np.random.default_rng(0).random(SIDE * SIDE).reshape(SIDE, SIDE)
        b.run("N-sort-axis", None, "numpy", lambda: np.sort(m, axis=1),
              nbytes=2 * WORD * SIDE * SIDE)
    if b.wants("N-unique"):
        a = np.random.default_rng(0).integers(0, 100_000, N)
        b.run("N-unique", None, "numpy", lambda: np.unique(a, return_counts=True),
              nbytes=WORD * N)
    if b.wants("N-median"):
        a = np.random.default_rng(0).random(N)
        b.run("N-median", None, "numpy", lambda: np.median(a), nbytes=WORD * N)
    if b.wants("N-histogram"):
        a = np.random.default_rng(0).random(N_HIST)
        b.run("N-histogram", None, "numpy", lambda: np.histogram(a, bins=100),
              nbytes=WORD * N_HIST)
