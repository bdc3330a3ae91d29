"""N-*: sorting, unique, statistics, joining, selection.

`run(b)` is called by bench_numpy.py with its Bench object: `b.wants(id)`, `b.quick`,
`b.run(id, n, impl, fn, flops=None, nbytes=None, sync=None)`.
"""

import numpy as np

F64 = 8
CONCAT_PARTS = 8
CONCAT_LEN = 1 << 24
WHERE_LEN = 100_000_000


def run(b):
    if b.wants("N-concat"):
        parts = [np.random.default_rng(k).random(CONCAT_LEN) for k in range(CONCAT_PARTS)]
        b.run("N-concat", None, "numpy", lambda: np.concatenate(parts),
              nbytes=2 * F64 * CONCAT_PARTS * CONCAT_LEN)
        del parts
    if b.wants("N-where"):
        c = np.random.default_rng(0).random(WHERE_LEN)
        b.run("N-where", None, "numpy", lambda: np.where(c > 0.5, c, 0.0),
              nbytes=2 * F64 * WHERE_LEN)
        del c
