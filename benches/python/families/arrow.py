"""AR-*: Apache Arrow, beside pyarrow.

`run(b)` is called by bench_numpy.py with its Bench object: `b.wants(id)`, `b.quick`,
`b.run(id, n, impl, fn, flops=None, nbytes=None, sync=None)`.

The same sizes, data and work as benches/src/families/arrow.rs (n = bytes of a float32
tensor column of 1024-element rows; --quick divides by 16). Skipped without pyarrow.
"""

import os
import tempfile

import numpy as np

ROW = 1024
BATCH_ROWS = 4096


def path(name):
    d = os.environ.get("OXARRAY_BENCH_DIR") or tempfile.gettempdir()
    os.makedirs(d, exist_ok=True)
    return os.path.join(d, f"pyarrow-bench-{os.getpid()}-{name}")


def remove(p):
    try:
        os.remove(p)
    except FileNotFoundError:
        pass


def run(b):
    ids = ["AR-ipc-write", "AR-ipc-read", "AR-zero-copy", "AR-pipeline"]
    if not any(b.wants(i) for i in ids):
        return
    try:
        import pyarrow as pa
        import pyarrow.ipc as ipc
    except ImportError:
        print("  [python] AR-*: pyarrow is not installed: no pyarrow rows")
        return
    n = (1 << 30) // 16 if b.quick else 1 << 30
    rows = n // (4 * ROW)
    a = (np.arange(rows * ROW) % 4096).astype(np.float32).reshape(rows, ROW)
    table = pa.table({"t": pa.FixedShapeTensorArray.from_numpy_ndarray(a)})
    p = path("t.arrow")

    def write():
        with ipc.new_file(p, table.schema) as w:
            w.write_table(table)

    if b.wants("AR-ipc-write"):
        b.run("AR-ipc-write", n, "pyarrow", write, nbytes=n)
    if b.wants("AR-ipc-read"):
        write()
        b.run("AR-ipc-read", n, "pyarrow", lambda: ipc.open_file(p).read_all(), nbytes=n)
    remove(p)
    if b.wants("AR-zero-copy"):
        b.run("AR-zero-copy", n, "pyarrow",
              lambda: pa.FixedShapeTensorArray.from_numpy_ndarray(a).to_numpy_ndarray())
    if b.wants("AR-pipeline"):
        npy, out = path("pipeline.npy"), path("pipeline.arrow")
        np.save(npy, a)

        def pipeline():
            m = np.load(npy, mmap_mode="r")
            first = pa.FixedShapeTensorArray.from_numpy_ndarray(np.asarray(m[:1]))
            schema = pa.schema([("x", first.type)])
            with ipc.new_file(out, schema) as w:
                for s in range(0, m.shape[0], BATCH_ROWS):
                    col = pa.FixedShapeTensorArray.from_numpy_ndarray(np.asarray(m[s:s + BATCH_ROWS]))
                    w.write_batch(pa.record_batch([col], schema=schema))
            total = 0.0
            with pa.memory_map(out) as src:
                r = ipc.open_file(src)
                for i in range(r.num_record_batches):
                    total += float(r.get_batch(i).column(0).to_numpy_ndarray().sum())
            return total

        b.run("AR-pipeline", n, "pyarrow", pipeline, nbytes=2 * n)
        remove(npy)
        remove(out)
