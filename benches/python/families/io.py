"""IO-*: .npy files, memory maps and a NumPy batch loader.

`run(b)` is called by bench_numpy.py with its Bench object: `b.wants(id)`, `b.quick`,
`b.run(id, n, impl, fn, flops=None, nbytes=None, sync=None)`.
"""


def run(b):
    pass
