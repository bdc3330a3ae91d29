"""Golden files for oxarray-linalg, made by NumPy itself.

Run from this directory with NumPy installed:

    python3 generate.py

It rewrites cases.json and the .npy files beside it (inputs and NumPy's outputs for einsum,
tensordot, matmul broadcasting, dot/inner/outer/kron/vdot/trace, multi_dot, and the
numbers of einsum_path). tests/golden.rs replays every case. Keep the arrays small: the
whole folder stays well under 200 KB.
"""

import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20240607)
cases = []


def arr(shape, dtype="f8"):
    if dtype == "f8":
        return rng.uniform(-1, 1, size=shape)
    if dtype == "i8":
        return rng.integers(-4, 5, size=shape).astype(np.int64)
    if dtype == "c16":
        return rng.uniform(-1, 1, size=shape) + 1j * rng.uniform(-1, 1, size=shape)
    raise ValueError(dtype)


def save(name, a):
    path = f"{name}.npy"
    np.save(os.path.join(HERE, path), np.array(a, order="C"))  # keeps 0-d arrays 0-d
    return path


def case(name, op, inputs, output, **extra):
    entry = {"name": name, "op": op}
    entry["inputs"] = [save(f"{name}_in{i}", x) for i, x in enumerate(inputs)]
    entry["output"] = save(f"{name}_out", output)
    entry.update(extra)
    cases.append(entry)


def einsum_case(name, subscripts, shapes, dtype="f8"):
    inputs = [arr(s, dtype) for s in shapes]
    out = np.einsum(subscripts, *inputs)
    case(name, "einsum", inputs, np.asarray(out), subscripts=subscripts)


einsum_case("es_matmul", "ij,jk->ik", [(3, 4), (4, 5)])
einsum_case("es_implicit", "ij,jk", [(3, 4), (4, 5)])
einsum_case("es_implicit_order", "ba,Ab", [(3, 2), (4, 3)])
einsum_case("es_diag", "ii->i", [(4, 4)])
einsum_case("es_trace", "ii", [(4, 4)])
einsum_case("es_sum", "ij->", [(3, 5)])
einsum_case("es_transpose", "ji", [(3, 5)])
einsum_case("es_batch_ellipsis", "...ij,...jk->...ik", [(2, 1, 3, 4), (5, 4, 2)])
einsum_case("es_dot", "i,i->", [(7,), (7,)])
einsum_case("es_outer", "i,j->ij", [(3,), (4,)])
einsum_case("es_b1", "ijk,kl->ijl", [(4, 5, 6), (6, 3)])
einsum_case("es_bmm", "bij,bjk->bik", [(3, 2, 4), (3, 4, 5)])
einsum_case("es_hadamard", "ij,ij->ij", [(3, 4), (3, 4)])
einsum_case("es_broadcast_label", "ij,ij->ij", [(3, 4), (1, 4)])
einsum_case("es_diag_in_3d", "iji->j", [(3, 4, 3)])
einsum_case("es_diag_keep", "ijj->ij", [(2, 3, 3)])
einsum_case("es_five_operands", "ea,fb,abcd,gc,hd->efgh", [(3, 2), (2, 3), (2, 3, 2, 3), (2, 2), (3, 3)])
einsum_case("es_three_chain", "abc,cd,de->abe", [(2, 3, 4), (4, 5), (5, 2)])
einsum_case("es_ellipsis_sum", "...i,...i->...", [(2, 3, 4), (3, 4)])
einsum_case("es_ellipsis_front", "i...->...", [(2, 3, 4)])
einsum_case("es_same_labels", "ab,ab,ab->", [(3, 4), (3, 4), (3, 4)])
einsum_case("es_mixed_case", "Ab,bA", [(2, 3), (3, 2)])
einsum_case("es_complex", "ij,jk", [(3, 4), (4, 2)], "c16")
einsum_case("es_int", "ijk,jl->kil", [(2, 3, 4), (3, 2)], "i8")
einsum_case("es_spaces", "ij , jk -> ki", [(2, 3), (3, 4)])
einsum_case("es_six_operands", "ab,bc,cd,de,ef,fa->", [(2, 3), (3, 4), (4, 2), (2, 3), (3, 2), (2, 2)])
einsum_case("es_zero_size", "ij,jk->ik", [(0, 3), (3, 2)])
einsum_case("es_empty_sum", "ij,jk->ik", [(2, 0), (0, 3)])
einsum_case("es_scalar_operand", ",ij->ij", [(), (2, 3)])


def tensordot_case(name, sa, sb, axes, dtype="f8"):
    a, b = arr(sa, dtype), arr(sb, dtype)
    out = np.tensordot(a, b, axes=axes)
    if isinstance(axes, int):
        spec = {"n": axes}
    else:
        ax_a, ax_b = axes
        ax_a = [ax_a] if isinstance(ax_a, int) else list(ax_a)
        ax_b = [ax_b] if isinstance(ax_b, int) else list(ax_b)
        spec = {"a": ax_a, "b": ax_b}
    case(name, "tensordot", [a, b], out, axes=spec)


tensordot_case("td_two", (2, 3, 4), (3, 4, 5), 2)
tensordot_case("td_last_first", (4, 5, 6), (6, 3), (-1, 0))
tensordot_case("td_pairs", (3, 4, 5), (4, 3, 2), ([1, 0], [0, 1]))
tensordot_case("td_outer", (2, 3), (4,), 0)
tensordot_case("td_crossed", (2, 3, 4), (4, 5, 2), ([0, 2], [2, 0]))
tensordot_case("td_int", (3, 4), (4, 2), 1, "i8")


def binary_case(name, op, sa, sb, dtype="f8"):
    a, b = arr(sa, dtype), arr(sb, dtype)
    fn = {"matmul": np.matmul, "dot": np.dot, "inner": np.inner, "outer": np.outer, "kron": np.kron}[op]
    case(name, op, [a, b], np.asarray(fn(a, b)))


binary_case("mm_vec_vec", "matmul", (5,), (5,))
binary_case("mm_vec_stack", "matmul", (3,), (2, 3, 4))
binary_case("mm_stack_vec", "matmul", (2, 3, 4), (4,))
binary_case("mm_broadcast", "matmul", (2, 1, 3, 4), (5, 4, 2))
binary_case("mm_broadcast_one", "matmul", (1, 3, 4), (4, 5))
binary_case("mm_empty_rows", "matmul", (0, 3), (3, 2))
binary_case("mm_empty_k", "matmul", (2, 0), (0, 3))
binary_case("mm_int", "matmul", (4, 5, 3), (3, 2), "i8")
binary_case("mm_complex", "matmul", (2, 3, 4), (2, 4, 3), "c16")
binary_case("dot_nd", "dot", (2, 3, 4), (5, 4, 6))
binary_case("dot_nd_vec", "dot", (2, 3, 4), (4,))
binary_case("dot_vec_nd", "dot", (3,), (2, 3, 4))
binary_case("inner_2d", "inner", (2, 3), (4, 3))
binary_case("outer_2d", "outer", (2, 2), (3,))
binary_case("kron_2d", "kron", (2, 3), (2, 2))
binary_case("kron_ranks", "kron", (2,), (2, 2, 2), "i8")

a, b = arr((2, 3), "c16"), arr((3, 2), "c16")
case("vdot_complex", "vdot", [a, b], np.asarray(np.vdot(a, b)))
t = arr((3, 4, 5))
case("trace_offset", "trace", [t], np.trace(t, offset=1, axis1=0, axis2=2), offset=1, axis1=0, axis2=2)
case("trace_neg_offset", "trace", [t], np.trace(t, offset=-1, axis1=2, axis2=1), offset=-1, axis1=2, axis2=1)
chain = [arr((4,)), arr((4, 6)), arr((6, 3)), arr((3, 5)), arr((5,))]
case("multi_dot_vectors", "multi_dot", chain, np.asarray(np.linalg.multi_dot(chain)))
chain = [arr((10, 3)), arr((3, 8)), arr((8, 2)), arr((2, 7))]
case("multi_dot_matrices", "multi_dot", chain, np.linalg.multi_dot(chain))

# Edge cases added after the first set: implicit scalar output, batched traces, an ellipsis
# between labels, integer diagonals, complex contractions and double-sided batch broadcasting.
einsum_case("es_implicit_dot", "i,i", [(6,), (6,)])
einsum_case("es_batch_trace", "bii->b", [(3, 4, 4)])
einsum_case("es_ellipsis_middle", "a...b,b...->a...", [(2, 3, 4), (4, 3)])
einsum_case("es_int_diag", "ii->i", [(5, 5)], "i8")
tensordot_case("td_complex", (2, 3, 4), (4, 3, 2), ([1, 2], [1, 0]), "c16")
binary_case("mm_broadcast_both", "matmul", (3, 1, 2, 4), (1, 5, 4, 3))
binary_case("outer_complex", "outer", (3,), (2,), "c16")
binary_case("kron_3d", "kron", (2, 1, 2), (1, 3, 2))

paths = []
for subscripts, shapes in [
    ("ij,jk,kl->il", [(100, 2), (2, 100), (100, 3)]),
    ("ea,fb,abcd,gc,hd->efgh", [(10, 10), (10, 10), (10, 10, 10, 10), (10, 10), (10, 10)]),
    ("ijk,kl->ijl", [(64, 128, 256), (256, 128)]),
]:
    ops = [np.empty(s) for s in shapes]
    path, report = np.einsum_path(subscripts, *ops, optimize="greedy")
    lines = report.splitlines()
    number = lambda key: float(next(l for l in lines if key in l).split(":")[1].split()[0])
    paths.append({
        "subscripts": subscripts,
        "shapes": [list(s) for s in shapes],
        "path": [list(p) for p in path[1:]],
        "naive_flops": number("Naive FLOP count"),
        "optimized_flops": number("Optimized FLOP count"),
        "largest_intermediate": number("Largest intermediate"),
        "report": report,
    })

with open(os.path.join(HERE, "cases.json"), "w") as f:
    json.dump({"cases": cases, "einsum_paths": paths}, f, indent=1)
