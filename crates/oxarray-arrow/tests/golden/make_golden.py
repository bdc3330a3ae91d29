"""Writes the golden Arrow IPC files that oxarray-arrow's tests read (tests/interop/pyarrow.rs).

Run with the project's venv (target/bench-venv, which has numpy and pyarrow):

    target/bench-venv/bin/python crates/oxarray-arrow/tests/golden/make_golden.py

Every value follows a formula that the Rust test recomputes, so the files stay small.
"""

import pathlib

import numpy as np
import pyarrow as pa
import pyarrow.ipc as ipc

HERE = pathlib.Path(__file__).parent


def tensors():
    rows = 4
    # C-order tensors with dim_names: t[i, j, k] = 100 i + 10 j + k.
    c = (np.arange(rows)[:, None, None] * 100 + np.arange(2)[None, :, None] * 10
         + np.arange(3)[None, None, :]).astype(np.float32)
    c_type = pa.fixed_shape_tensor(pa.float32(), [2, 3], dim_names=["h", "w"])
    c_col = pa.ExtensionArray.from_storage(c_type, pa.FixedSizeListArray.from_arrays(c.ravel(), 6))
    # Transposed 2-D tensors (each row F-ordered): pyarrow writes permutation [1, 0].
    t = np.ascontiguousarray(c.astype(np.float64).transpose(0, 2, 1)).transpose(0, 2, 1)
    t_col = pa.FixedShapeTensorArray.from_numpy_ndarray(t)
    # 3-D tensors whose axis order is not an involution: physical [4, 2, 3] per row.
    base = np.arange(rows * 24, dtype=np.int16).reshape(rows, 4, 2, 3)
    p3 = base.transpose(0, 2, 3, 1)  # logical (rows, 2, 3, 4)
    p3_col = pa.FixedShapeTensorArray.from_numpy_ndarray(p3)
    table = pa.table({
        "i32": pa.array([1, None, 3, -4], pa.int32()),
        "u64": pa.array([0, 1, 2**63, 2**64 - 1], pa.uint64()),
        "f16": pa.array(np.array([0.5, -1.25, 2.0, 65504.0], dtype=np.float16)),
        "b": pa.array([True, False, True, True]),
        "c": c_col,
        "t": t_col,
        "p3": p3_col,
    })
    with ipc.new_file(HERE / "pyarrow_tensors.arrow", table.schema) as w:
        w.write_table(table)


def variable():
    if not hasattr(pa, "variable_shape_tensor"):
        print("pyarrow", pa.__version__, "has no variable_shape_tensor: skipped")
        return
    ty = pa.variable_shape_tensor(pa.int32(), 2, dim_names=["r", "c"])
    shapes = [(1, 2), (2, 3), (0, 4)]
    data = [list(range(r * c)) for r, c in shapes]
    storage = pa.StructArray.from_arrays(
        [pa.array(data, pa.list_(pa.int32())), pa.array([list(s) for s in shapes], pa.list_(pa.int32(), 2))],
        names=["data", "shape"],
    )
    col = pa.ExtensionArray.from_storage(ty, storage)
    table = pa.table({"v": col})
    with ipc.new_file(HERE / "pyarrow_variable.arrow", table.schema) as w:
        w.write_table(table)


if __name__ == "__main__":
    tensors()
    variable()
    print("wrote", sorted(p.name for p in HERE.glob("*.arrow")))
