"""L-*: numpy.linalg (OpenBLAS LAPACK) beside benches/src/families/linalg.rs.

`run(b)` is called by bench_numpy.py with its Bench object: `b.wants(id)`, `b.quick`,
`b.run(id, n, impl, fn, flops=None, nbytes=None, sync=None)`.

Inputs: uniform [0, 1) matrices of side n = 1000 (quick 500); `a @ a.T + n I` for the
symmetric positive definite ones (L-cholesky, L-eigh); L-solve-batch solves 10000 systems of
8 x 8 (B of shape (10000, 8, 1): NumPy 2 takes a 2-D B as a matrix).
"""

import numpy as np


def run(b):
    n = 500 if b.quick else 1000
    rng = np.random.default_rng(0)
    lu_flops = 2.0 / 3.0 * n**3
    a = rng.random((n, n))
    vec = rng.random(n)
    spd = None
    if b.wants("L-cholesky") or b.wants("L-eigh"):
        spd = a @ a.T + n * np.eye(n)
    if b.wants("L-solve"):
        b.run("L-solve", n, "numpy", lambda: np.linalg.solve(a, vec), flops=lu_flops)
    if b.wants("L-inv"):
        b.run("L-inv", n, "numpy", lambda: np.linalg.inv(a), flops=2.0 * n**3)
    if b.wants("L-det"):
        b.run("L-det", n, "numpy", lambda: np.linalg.det(a), flops=lu_flops)
    if b.wants("L-cholesky"):
        b.run("L-cholesky", n, "numpy", lambda: np.linalg.cholesky(spd), flops=n**3 / 3.0)
    if b.wants("L-qr"):
        b.run("L-qr", n, "numpy", lambda: np.linalg.qr(a))
    if b.wants("L-eigh"):
        b.run("L-eigh", n, "numpy", lambda: np.linalg.eigh(spd))
    if b.wants("L-eig"):
        b.run("L-eig", n, "numpy", lambda: np.linalg.eig(a))
    if b.wants("L-svd"):
        b.run("L-svd", n, "numpy", lambda: np.linalg.svd(a))
    if b.wants("L-lstsq"):
        b.run("L-lstsq", n, "numpy", lambda: np.linalg.lstsq(a, vec))
    if b.wants("L-solve-batch"):
        stack = rng.random((10_000, 8, 8))
        rhs = rng.random((10_000, 8, 1))
        b.run(
            "L-solve-batch",
            None,
            "numpy",
            lambda: np.linalg.solve(stack, rhs),
            flops=10_000 * 2.0 / 3.0 * 8**3,
        )
