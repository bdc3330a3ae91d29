"""R-*: numpy.random, the peer of benches/src/families/random.rs (same seeds, same numbers).

`run(b)` is called by bench_numpy.py with its Bench object: `b.wants(id)`, `b.quick`,
`b.run(id, n, impl, fn, flops=None, nbytes=None, sync=None)`.
"""

import concurrent.futures
import os

import numpy as np

N_RANDOM = 100_000_000
N_SMALL = 10_000_000
CHUNK = 1 << 20  # elements per spawned stream, as ParallelGenerator::DEFAULT_CHUNK_LEN
WORD = 8


def parallel_random(seed, n, chunk, executor, threads):
    """NumPy's documented multithreaded generation (numpy.org, "Multithreaded Generation"):
    one Generator per spawned child, filled in place by a thread pool (the fills release the
    GIL). Chunk k is default_rng(SeedSequence(seed).spawn(...)[k]).random(len_k): the numbers of
    oxarray's ParallelGenerator."""
    n_chunks = -(-n // chunk)
    kids = np.random.SeedSequence(seed).spawn(n_chunks)
    gens = [np.random.default_rng(k) for k in kids]
    out = np.empty(n)

    def fill(i):
        gens[i].random(out=out[i * chunk:(i + 1) * chunk])

    list(executor.map(fill, range(n_chunks)))
    return out


def run(b):
    if b.wants("R-random"):
        rng = np.random.default_rng(0)
        b.run("R-random", None, "numpy", lambda: rng.random(N_RANDOM), nbytes=WORD * N_RANDOM)
    if b.wants("R-normal"):
        rng = np.random.default_rng(0)
        b.run("R-normal", None, "numpy", lambda: rng.standard_normal(N_SMALL),
              nbytes=WORD * N_SMALL)
    if b.wants("R-integers"):
        rng = np.random.default_rng(0)
        b.run("R-integers", None, "numpy", lambda: rng.integers(0, 1000, N_SMALL),
              nbytes=WORD * N_SMALL)
    if b.wants("R-permutation"):
        rng = np.random.default_rng(0)
        b.run("R-permutation", None, "numpy", lambda: rng.permutation(N_SMALL),
              nbytes=WORD * N_SMALL)
    if b.wants("R-rand-legacy"):
        np.random.seed(0)
        b.run("R-rand-legacy", None, "numpy", lambda: np.random.rand(N_SMALL),
              nbytes=WORD * N_SMALL)
    if b.wants("R-random-par"):
        # The "numpy" row is NumPy's single stream (what a NumPy user runs); "numpy-threads"
        # is NumPy's own parallel recipe over the same child streams as oxarray's.
        rng = np.random.default_rng(0)
        b.run("R-random-par", None, "numpy", lambda: rng.random(N_RANDOM),
              nbytes=WORD * N_RANDOM)
        threads = os.cpu_count() or 1
        with concurrent.futures.ThreadPoolExecutor(threads) as executor:
            b.run("R-random-par", None, "numpy-threads",
                  lambda: parallel_random(0, N_RANDOM, CHUNK, executor, threads),
                  nbytes=WORD * N_RANDOM)
