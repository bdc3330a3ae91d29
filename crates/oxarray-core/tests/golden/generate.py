#!/usr/bin/env python3
"""Writes the NumPy golden files for slicing and indexing: manifest.txt and cases/*.npy.

Run with NumPy 2.x (`cargo xtask golden` does it):

    python3 -m venv /tmp/npvenv && /tmp/npvenv/bin/pip install numpy
    /tmp/npvenv/bin/python crates/oxarray-core/tests/golden/generate.py

tests/golden.rs reads manifest.txt, runs every case through oxarray and compares the shape
and the values with NumPy's, or checks that oxarray fails where NumPy raises.

manifest.txt has one case per line, four fields separated by TABs:

    name    source    operations    expected

source      how to build the int64 input array:
              arange(N)                              np.arange(N)
              arange(N).reshape(d0,d1,...)           C order
              arange(N).reshape(d0,d1,...,order=F)   np.arange(N).reshape(..., order='F')
              asfortranarray(<source>)               same values, Fortran memory order
operations  applied left to right, separated by " | ":
              [i, j:k:l, None, ..., @name]   a[...]; @name is the index array or mask in
                                             cases/idx_<name>.npy (advanced indexing)
              T  transpose(a,b,..)  swapaxes(a,b)  moveaxis(s,d)  flip()  flip(a,..)
              squeeze()  squeeze(a,..)  expand_dims(a,..)  broadcast_to(d0,..)
              reshape(d0,..)     NumPy's reshape: a view when possible, a copy otherwise
              ravel()
              as_strided(shape..;strides..)             strides in elements, over the
                                                        memory of the current array
              sliding_window_view(window..)             all axes
              sliding_window_view(window..;axes..)
              take(@name)  take(@name;axis)   compress(@name)  compress(@name;axis)
              put(@ind;@vals)                 np.put on a copy; the result is the copy
              setitem[...]=@vals  setitem[...]=v   a copy with a[...] = vals (or the int v)
expected    <name>.npy in cases/, or error:<ExceptionClass> when NumPy raises.
"""
import os
import re
import sys

import numpy as np
from numpy.lib.stride_tricks import as_strided, sliding_window_view

HERE = os.path.dirname(os.path.abspath(__file__))
CASES_DIR = os.path.join(HERE, "cases")

# Index arrays and masks, referenced as @name.
ARRAYS = {
    "rows": np.array([0, 2, 3]),
    "rows_col": np.array([[0], [2], [3]]),
    "cols": np.array([1, 4]),
    "cols3": np.array([1, 4, 0]),
    "neg": np.array([-1, 0, -4]),
    "i02": np.array([0, 2]),
    "i2x2": np.array([[0, 3], [2, 1]]),
    "i3b": np.array([4, -1]),
    "j_col": np.array([[0], [3]]),
    "k3": np.array([1, 2, 4]),
    "empty": np.array([], dtype=np.int64),
    "i2d": np.array([[0, 9], [5, -1]]),
    "oob": np.array([0, 5]),
    "oob_neg": np.array([-6]),
    "rep": np.array([1, 1, 0, 1]),
    "scalar_arr": np.array(2),
    "ti": np.array([[0, 19], [-1, 7]]),
    "ti1": np.array([3, 0, -1]),
    "pi": np.array([0, -1, 7]),
    "pv": np.array([100, 200, 300]),
    "pi3": np.array([1, 2, 3, 9]),
    "pv2": np.array([-1, -2]),
    "pi_oob": np.array([0, 20]),
    "v32": np.array([[10, 11], [12, 13], [14, 15]]),
    "v2": np.array([-7, -8]),
    "row5": np.array([50, 51, 52, 53, 54]),
    "mask4": np.array([True, False, True, True]),
    "mask5": np.array([False, True, True, False, True]),
    "mask3": np.array([True, False, True]),
    "mask45": (np.arange(20).reshape(4, 5) % 3 == 0),
    "mask34": np.array([[True, False, False, True], [False, True, True, False], [True, True, False, False]]),
    "mask_none4": np.zeros(4, dtype=bool),
    "mask_bad": np.array([True, False, True]),
    "mask_2of4": np.array([True, False, True, False]),
    "c3": np.array([False, True, True]),
    "c5": np.array([True, False, False, True, True]),
    "c_short": np.array([False, True]),
    "c_flat": np.array([True, False, True, False, False, False, True]),
}

# (name, source, operations); the expected output is computed here by NumPy.
CASES = [
    # --- basic slicing ---------------------------------------------------------------------
    ("s_reverse_all", "arange(24).reshape(2,3,4)", "[::-1,::-1,::-1]"),
    ("s_negative_steps_mixed", "arange(24).reshape(2,3,4)", "[:, ::-2, 1::2]"),
    ("s_negative_bounds", "arange(24).reshape(2,3,4)", "[-1, -2:, :-1]"),
    ("s_out_of_range_bounds", "arange(30).reshape(6,5)", "[-100:100:3, 10:-10:-1]"),
    ("s_out_of_range_neg_step", "arange(10)", "[100:-100:-3]"),
    ("s_start_past_end_neg_step", "arange(10)", "[10::-4]"),
    ("s_stop_before_start", "arange(10)", "[-10::-1]"),
    ("s_stop_far_negative", "arange(10)", "[:-100:-1]"),
    ("s_step_longer_than_axis", "arange(10)", "[::7]"),
    ("s_step_longer_neg", "arange(10)", "[3::-11]"),
    ("s_empty_forward", "arange(24).reshape(4,6)", "[3:1]"),
    ("s_empty_inner", "arange(24).reshape(4,6)", "[::-1, 4:4]"),
    ("s_empty_neg_step", "arange(24).reshape(4,6)", "[1:1:-1, ::2]"),
    ("s_empty_source", "arange(0).reshape(0,3)", "[::-1, 1:]"),
    ("s_empty_source_index", "arange(0).reshape(3,0)", "[-1]"),
    ("s_newaxis_ellipsis", "arange(24).reshape(2,3,4)", "[None, ..., None, 1]"),
    ("s_ellipsis_then_newaxis", "arange(24).reshape(2,3,4)", "[..., None]"),
    ("s_index_ellipsis_newaxis_flip", "arange(24).reshape(2,3,4)", "[1, ..., None, ::-1]"),
    ("s_two_newaxes", "arange(6).reshape(2,3)", "[None, None]"),
    ("s_newaxis_between", "arange(6).reshape(2,3)", "[:, None, ::-1]"),
    ("s_ellipsis_middle", "arange(120).reshape(2,3,4,5)", "[1, ..., ::-2]"),
    ("s_ellipsis_expands_to_nothing", "arange(120).reshape(2,3,4,5)", "[0, 1, ..., 2, 3]"),
    ("s_ellipsis_alone", "arange(6).reshape(2,3)", "[...]"),
    ("s_scalar_result", "arange(24).reshape(2,3,4)", "[1, -1, 2]"),
    ("s_zero_d_newaxis", "arange(1).reshape()", "[None]"),
    ("s_zero_d_ellipsis_newaxis", "arange(1).reshape()", "[..., None, None]"),
    ("s_fortran_source", "arange(24).reshape(2,3,4,order=F)", "[::-1, 1:, ::2]"),
    ("s_fortran_copy_source", "asfortranarray(arange(24).reshape(2,3,4))", "[:, -1, ::-3]"),
    ("s_chained", "arange(60).reshape(3,4,5)", "[1:, ::-1] | [::-2, None, 1]"),
    ("s_chained_negative_twice", "arange(20)", "[::-3] | [::-2]"),
    ("s_too_many_indices", "arange(6).reshape(2,3)", "[0, 0, 0]"),
    ("s_index_out_of_range", "arange(6).reshape(2,3)", "[:, 3]"),
    ("s_negative_index_out_of_range", "arange(6).reshape(2,3)", "[-3]"),
    ("s_zero_step", "arange(6).reshape(2,3)", "[::0]"),
    ("s_two_ellipses", "arange(6).reshape(2,3)", "[..., 0, ...]"),
    ("s_huge_step", "arange(12).reshape(3,4)", "[::9223372036854775807]"),
    ("s_most_negative_step", "arange(10)", "[::-9223372036854775808]"),
    # --- axis manipulation -----------------------------------------------------------------
    ("v_T", "arange(24).reshape(2,3,4)", "T"),
    ("v_transpose_axes", "arange(24).reshape(2,3,4)", "transpose(2,0,1)"),
    ("v_transpose_negative_axes", "arange(24).reshape(2,3,4)", "transpose(-1,0,-2)"),
    ("v_swapaxes", "arange(24).reshape(2,3,4)", "swapaxes(0,-1)"),
    ("v_moveaxis_first_to_last", "arange(24).reshape(2,3,4)", "moveaxis(0,-1)"),
    ("v_moveaxis_last_to_middle", "arange(24).reshape(2,3,4)", "moveaxis(-1,1)"),
    ("v_flip_all", "arange(24).reshape(2,3,4)", "flip()"),
    ("v_flip_axes", "arange(24).reshape(2,3,4)", "flip(0,2)"),
    ("v_flip_last_of_fortran", "arange(24).reshape(2,3,4,order=F)", "flip(-1)"),
    ("v_flip_empty", "arange(0).reshape(2,0,3)", "flip()"),
    ("v_squeeze_all", "arange(6).reshape(2,1,3,1)", "squeeze()"),
    ("v_squeeze_one", "arange(6).reshape(2,1,3,1)", "squeeze(-1)"),
    ("v_expand_dims", "arange(6).reshape(2,3)", "expand_dims(0,-1)"),
    ("v_expand_dims_middle", "arange(6).reshape(2,3)", "expand_dims(1)"),
    ("v_flip_then_transpose", "arange(12).reshape(3,4)", "flip(0) | T | [1:]"),
    ("v_moveaxis_out_of_range", "arange(6).reshape(2,3)", "moveaxis(3,0)"),
    ("v_squeeze_non_unit", "arange(6).reshape(2,3)", "squeeze(0)"),
    ("v_squeeze_repeated_axis", "arange(3).reshape(1,3)", "squeeze(0,0)"),
    ("v_flip_repeated_axis", "arange(6).reshape(2,3)", "flip(0,-2)"),
    ("v_transpose_repeated_axis", "arange(6).reshape(2,3)", "transpose(0,0)"),
    ("v_expand_dims_repeated_axis", "arange(6).reshape(2,3)", "expand_dims(0,0)"),
    # --- broadcasting ----------------------------------------------------------------------
    ("b_vector_to_3d", "arange(3)", "broadcast_to(2,4,3)"),
    ("b_column", "arange(4).reshape(4,1)", "broadcast_to(2,4,3)"),
    ("b_reversed_source", "arange(4)", "[::-1] | broadcast_to(3,4)"),
    ("b_to_zero_length", "arange(3).reshape(1,3)", "broadcast_to(0,3)"),
    ("b_then_slice", "arange(3).reshape(3,1)", "broadcast_to(3,4) | [::-1, 1::2]"),
    ("b_mismatch", "arange(6).reshape(2,3)", "broadcast_to(3,3)"),
    # --- reshape: views when possible, copies otherwise -----------------------------------
    ("r_contiguous", "arange(24).reshape(2,3,4)", "reshape(4,3,2)"),
    ("r_infer", "arange(24).reshape(2,3,4)", "reshape(-1,6)"),
    ("r_transposed_copy", "arange(24).reshape(2,3,4)", "T | reshape(-1)"),
    ("r_stepped_copy", "arange(24).reshape(4,6)", "[:, ::2] | reshape(3,-1)"),
    ("r_stepped_view", "arange(24).reshape(4,6)", "[::2] | reshape(3,4)"),
    ("r_fortran_source", "arange(24).reshape(2,3,4,order=F)", "reshape(4,6)"),
    ("r_reversed", "arange(12)", "[::-1] | reshape(2,-1)"),
    ("r_permuted", "arange(24).reshape(2,3,4)", "transpose(1,0,2) | reshape(6,4)"),
    ("r_broadcast", "arange(4)", "broadcast_to(2,3,4) | reshape(6,4)"),
    ("r_ravel_transposed", "arange(12).reshape(3,4)", "T | ravel()"),
    ("r_ravel_fortran", "arange(12).reshape(3,4,order=F)", "ravel()"),
    ("r_empty", "arange(0).reshape(0,4)", "T | reshape(2,0,2)"),
    ("r_empty_cannot_infer", "arange(0).reshape(0,4)", "T | reshape(2,0,-1)"),
    ("r_wrong_size", "arange(12).reshape(3,4)", "reshape(5,-1)"),
    # --- as_strided and sliding_window_view --------------------------------------------------
    ("a_overlapping_rows", "arange(10)", "as_strided(4,3;1,1)"),
    ("a_zero_stride_rows", "arange(10)", "as_strided(3,3;0,1)"),
    ("a_blocks", "arange(10)", "as_strided(2,2;3,1)"),
    ("a_fortran_memory", "arange(12).reshape(3,4,order=F)", "as_strided(2,6;1,2)"),
    ("a_transposed_memory", "arange(12).reshape(3,4)", "T | as_strided(4,2;1,4)"),
    ("w_1d", "arange(10)", "sliding_window_view(3)"),
    ("w_2d", "arange(20).reshape(4,5)", "sliding_window_view(2,3)"),
    ("w_one_axis", "arange(20).reshape(4,5)", "sliding_window_view(2;1)"),
    ("w_same_axis_twice", "arange(20).reshape(4,5)", "sliding_window_view(2,2;0,0)"),
    ("w_on_flipped_view", "arange(20).reshape(4,5)", "[::-1, ::2] | sliding_window_view(2;0)"),
    ("w_full_length", "arange(20).reshape(4,5)", "sliding_window_view(4;0)"),
    ("w_negative_axis", "arange(24).reshape(2,3,4)", "sliding_window_view(2;-1)"),
    ("w_too_large", "arange(10)", "sliding_window_view(11)"),
    ("w_zero_window", "arange(5)", "sliding_window_view(0)"),
    # --- advanced indexing: integer arrays -------------------------------------------------
    ("i_outer_rows_cols", "arange(20).reshape(4,5)", "[@rows_col, @cols]"),
    ("i_paired", "arange(20).reshape(4,5)", "[@rows, @cols3]"),
    ("i_negative", "arange(20).reshape(4,5)", "[@neg]"),
    ("i_negative_second_axis", "arange(20).reshape(4,5)", "[:, @neg]"),
    ("i_repeated", "arange(20).reshape(4,5)", "[@rep]"),
    ("i_slice_array_slice_in_place", "arange(60).reshape(3,4,5)", "[:, @i2x2, 1:4]"),
    ("i_separated_first", "arange(60).reshape(3,4,5)", "[@i02, :, @i3b]"),
    ("i_adjacent_middle", "arange(60).reshape(3,4,5)", "[:, @j_col, @k3]"),
    ("i_int_and_array_separated", "arange(60).reshape(3,4,5)", "[1, :, @i02]"),
    ("i_int_and_array_adjacent", "arange(60).reshape(3,4,5)", "[:, 1, @i02]"),
    ("i_array_then_newaxis", "arange(60).reshape(3,4,5)", "[@i02, None]"),
    ("i_ellipsis_then_array", "arange(60).reshape(3,4,5)", "[..., @i02]"),
    ("i_array_ellipsis_array", "arange(60).reshape(3,4,5)", "[@i02, ..., @i3b]"),
    ("i_neg_step_slice_and_array", "arange(60).reshape(3,4,5)", "[::-1, @i02, ::-2]"),
    ("i_empty", "arange(20).reshape(4,5)", "[@empty]"),
    ("i_empty_with_slice", "arange(20).reshape(4,5)", "[1:, @empty]"),
    ("i_2d_on_1d", "arange(10)", "[@i2d]"),
    ("i_zero_d_array", "arange(20).reshape(4,5)", "[@scalar_arr, @cols]"),
    ("i_fortran_source", "arange(20).reshape(4,5,order=F)", "[@rows_col, @cols]"),
    ("i_on_view", "arange(20).reshape(4,5)", "[::-1, ::2] | [@i02, @i02]"),
    ("i_on_transposed", "arange(20).reshape(4,5)", "T | [@cols3, :]"),
    ("i_on_broadcast", "arange(5)", "broadcast_to(4,5) | [@rows, @cols3]"),
    ("i_out_of_bounds", "arange(20).reshape(4,5)", "[@oob]"),
    ("i_negative_out_of_bounds", "arange(20).reshape(4,5)", "[:, @oob_neg]"),
    ("i_broadcast_mismatch", "arange(20).reshape(4,5)", "[@rows, @cols]"),
    ("i_too_many", "arange(20).reshape(4,5)", "[@i02, @i02, @i02]"),
    # --- advanced indexing: boolean masks --------------------------------------------------
    ("m_axis0", "arange(20).reshape(4,5)", "[@mask4]"),
    ("m_axis1", "arange(20).reshape(4,5)", "[:, @mask5]"),
    ("m_2d_full", "arange(20).reshape(4,5)", "[@mask45]"),
    ("m_2d_trailing", "arange(60).reshape(3,4,5)", "[:, @mask45]"),
    ("m_2d_leading", "arange(60).reshape(3,4,5)", "[@mask34]"),
    ("m_with_int_array", "arange(20).reshape(4,5)", "[@mask_2of4, @cols]"),
    ("m_with_slice_after", "arange(20).reshape(4,5)", "[@mask4, ::-2]"),
    ("m_all_false", "arange(20).reshape(4,5)", "[@mask_none4]"),
    ("m_on_fortran", "arange(20).reshape(4,5,order=F)", "[@mask45]"),
    ("m_on_flipped", "arange(20).reshape(4,5)", "flip() | [@mask45]"),
    ("m_with_newaxis", "arange(60).reshape(3,4,5)", "[None, @mask3]"),
    ("m_wrong_length", "arange(20).reshape(4,5)", "[@mask_bad]"),
    # --- take / compress / put -------------------------------------------------------------
    ("t_flat", "arange(20).reshape(4,5)", "take(@ti)"),
    ("t_axis1", "arange(60).reshape(3,4,5)", "take(@ti1;1)"),
    ("t_axis_last", "arange(60).reshape(3,4,5)", "take(@ti1;-1)"),
    ("t_2d_indices_axis0", "arange(20).reshape(4,5)", "take(@i2x2;0)"),
    ("t_on_transposed", "arange(20).reshape(4,5)", "T | take(@ti)"),
    ("t_out_of_bounds", "arange(20).reshape(4,5)", "take(@oob;1)"),
    ("c_axis0", "arange(15).reshape(3,5)", "compress(@c3;0)"),
    ("c_axis1", "arange(15).reshape(3,5)", "compress(@c5;1)"),
    ("c_short_condition", "arange(15).reshape(3,5)", "compress(@c_short;1)"),
    ("c_flat", "arange(15).reshape(3,5)", "compress(@c_flat)"),
    ("c_on_fortran", "arange(15).reshape(3,5,order=F)", "compress(@c_flat)"),
    ("p_basic", "arange(20).reshape(4,5)", "put(@pi;@pv)"),
    ("p_cycling_values", "arange(20).reshape(4,5)", "put(@pi3;@pv2)"),
    ("p_fortran_flat_order", "arange(20).reshape(4,5,order=F)", "put(@pi;@pv)"),
    ("p_out_of_bounds", "arange(20).reshape(4,5)", "put(@pi_oob;@pv2)"),
    # --- assignment through index arrays and masks -----------------------------------------
    ("set_outer", "arange(20).reshape(4,5)", "setitem[@rows_col, @cols]=@v32"),
    ("set_outer_broadcast_values", "arange(20).reshape(4,5)", "setitem[@rows_col, @cols]=@v2"),
    ("set_scalar_negative_index", "arange(20).reshape(4,5)", "setitem[:, @neg]=-5"),
    ("set_mask_scalar", "arange(20).reshape(4,5)", "setitem[@mask45]=-1"),
    ("set_mask_rows", "arange(20).reshape(4,5)", "setitem[@mask4]=@row5"),
    ("set_mask_trailing", "arange(60).reshape(3,4,5)", "setitem[:, @mask45]=0"),
    ("set_fortran", "arange(20).reshape(4,5,order=F)", "setitem[@rows, @cols3]=@pv"),
]

_NAME = re.compile(r"@(\w+)")


def make_source(text):
    env = {"arange": np.arange, "asfortranarray": np.asfortranarray, "F": "F"}
    # "arange(N).reshape(a,b)" is Python already once F is a name; reshape() means shape ().
    text = text.replace(".reshape()", ".reshape(())")
    return eval(text, {"__builtins__": {}}, env)


def index_expr(text):
    """The Python subscript for "[...]" with @name replaced by the named arrays."""
    return _NAME.sub(lambda m: f"ARRAYS[{m.group(1)!r}]", text)


def subscript(a, bracketed):
    return eval("a" + index_expr(bracketed), {"__builtins__": {}}, {"a": a, "ARRAYS": ARRAYS})


def ints(text):
    return [int(t) for t in text.split(",") if t.strip()]


def named(text):
    text = text.strip()
    if not text.startswith("@"):
        raise ValueError(f"expected @name, got {text}")
    return ARRAYS[text[1:]]


def apply(a, op):
    op = op.strip()
    if op.startswith("["):
        return subscript(a, op)
    if op.startswith("setitem["):
        target, value = op[len("setitem"):].rsplit("=", 1)
        b = a.copy()
        value = named(value) if value.strip().startswith("@") else int(value)
        exec("b" + index_expr(target) + " = value", {"__builtins__": {}},
             {"b": b, "ARRAYS": ARRAYS, "value": value})
        return b
    if op == "T":
        return a.T
    name, args = re.fullmatch(r"(\w+)\((.*)\)", op).groups()
    parts = args.split(";")
    if name == "transpose":
        return a.transpose(ints(args))
    if name == "swapaxes":
        return np.swapaxes(a, *ints(args))
    if name == "moveaxis":
        return np.moveaxis(a, *ints(args))
    if name == "flip":
        return np.flip(a, tuple(ints(args)) if args else None)
    if name == "squeeze":
        return np.squeeze(a, tuple(ints(args)) if args else None)
    if name == "expand_dims":
        return np.expand_dims(a, tuple(ints(args)))
    if name == "broadcast_to":
        return np.broadcast_to(a, tuple(ints(args)))
    if name == "reshape":
        return a.reshape(tuple(ints(args)))
    if name == "ravel":
        return a.ravel()
    if name == "as_strided":
        shape, strides = ints(parts[0]), ints(parts[1])
        return as_strided(a, shape, [s * a.itemsize for s in strides], writeable=False)
    if name == "sliding_window_view":
        window = ints(parts[0])
        axes = tuple(ints(parts[1])) if len(parts) > 1 else None
        return sliding_window_view(a, tuple(window), axis=axes)
    if name == "take":
        return np.take(a, named(parts[0]), axis=int(parts[1]) if len(parts) > 1 else None)
    if name == "compress":
        return np.compress(named(parts[0]), a, axis=int(parts[1]) if len(parts) > 1 else None)
    if name == "put":
        b = a.copy(order="K")
        np.put(b, named(parts[0]), named(parts[1]))
        return b
    raise ValueError(f"unknown operation {op}")


def main():
    os.makedirs(CASES_DIR, exist_ok=True)
    for f in os.listdir(CASES_DIR):
        if f.endswith(".npy"):
            os.remove(os.path.join(CASES_DIR, f))
    for name, arr in ARRAYS.items():
        np.save(os.path.join(CASES_DIR, f"idx_{name}.npy"), np.array(arr, order="C"))
    lines = [
        f"# Written by generate.py with NumPy {np.__version__}; do not edit, regenerate.",
        "# name\tsource\toperations\texpected (see generate.py for the mini-language)",
    ]
    seen = set()
    for name, source, ops in CASES:
        assert name not in seen, f"duplicate case {name}"
        seen.add(name)
        a = make_source(source)
        try:
            for op in ops.split(" | "):
                a = apply(a, op)
            out = np.array(a, order="C")  # keeps 0-d results 0-d
            assert out.dtype in (np.int64, np.bool_), (name, out.dtype)
            np.save(os.path.join(CASES_DIR, f"{name}.npy"), out)
            expected = f"{name}.npy"
        except (IndexError, ValueError, TypeError) as e:
            expected = f"error:{type(e).__name__}"
        lines.append("\t".join([name, source, ops, expected]))
    with open(os.path.join(HERE, "manifest.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    errors = sum(1 for line in lines if "\terror:" in line)
    print(f"wrote {len(CASES)} cases ({errors} NumPy errors) and {len(ARRAYS)} index arrays "
          f"to {os.path.relpath(HERE)}", file=sys.stderr)


if __name__ == "__main__":
    main()
