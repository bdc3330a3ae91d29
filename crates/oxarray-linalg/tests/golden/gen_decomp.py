"""Golden files for numpy.linalg (and SciPy's lu / cho / solve_triangular), made by NumPy and
SciPy themselves.

Run with the project's venv (`cargo xtask golden` runs every tests/golden/gen*.py):

    $CARGO_TARGET_DIR/bench-venv/bin/python gen_decomp.py

It rewrites decomp/cases.json and the .npy files of decomp/: per case, the inputs, the
options, and NumPy's outputs. tests/decomp/golden.rs replays every case. A case's "compare"
says what NumPy fixes about its outputs: "close" (the values), "sorted" (eigenvalues of
general matrices, whose order is unspecified), "abs" (singular and eigenvectors, unique only
up to a unit factor per vector). Arrays stay small: the folder is well under 300 KB.
"""

import json
import os
import shutil

import numpy as np
import scipy.linalg as sla

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "decomp")
shutil.rmtree(HERE, ignore_errors=True)
os.makedirs(HERE)
rng = np.random.default_rng(14)
cases = []


def rand(shape, dtype="f8"):
    if dtype == "f8":
        return rng.uniform(-1, 1, size=shape)
    if dtype == "f4":
        return rng.uniform(-1, 1, size=shape).astype(np.float32)
    if dtype == "c16":
        return rng.uniform(-1, 1, size=shape) + 1j * rng.uniform(-1, 1, size=shape)
    if dtype == "c8":
        return (rng.uniform(-1, 1, size=shape) + 1j * rng.uniform(-1, 1, size=shape)).astype(
            np.complex64
        )
    if dtype == "i8":
        return rng.integers(-4, 5, size=shape).astype(np.int64)
    raise ValueError(dtype)


def well(shape, dtype="f8"):
    """Random matrices made well conditioned by a diagonal shift."""
    a = rand(shape, dtype)
    n = shape[-1]
    return (a + 3 * np.eye(n, dtype=a.dtype)).astype(a.dtype)


def hermitian(shape, dtype="f8"):
    a = rand(shape, dtype)
    return ((a + np.conj(np.swapaxes(a, -1, -2))) / 2).astype(a.dtype)


def spd(shape, dtype="f8"):
    a = rand(shape, dtype)
    n = shape[-1]
    return (a @ np.conj(np.swapaxes(a, -1, -2)) + n * np.eye(n)).astype(a.dtype)


def save(name, a):
    path = f"{name}.npy"
    np.save(os.path.join(HERE, path), np.array(a, order="C"))  # keeps 0-d arrays 0-d
    return path


def case(name, op, inputs, outputs, compare="close", **args):
    if not isinstance(outputs, (list, tuple)):
        outputs = [outputs]
    cases.append(
        {
            "name": name,
            "op": op,
            "inputs": [save(f"{name}_in{i}", x) for i, x in enumerate(inputs)],
            "outputs": [save(f"{name}_out{i}", np.asarray(x)) for i, x in enumerate(outputs)],
            "compare": compare,
            "args": args,
        }
    )


def ord_json(o):
    if o is None or isinstance(o, str):
        return o
    if o == np.inf:
        return "inf"
    if o == -np.inf:
        return "-inf"
    return float(o)


# ---------------------------------------------------------------- solve, inv, det, slogdet
for dt in ["f8", "f4", "c16", "c8", "i8"]:
    a = well((4, 4), dt) if dt != "i8" else rand((4, 4), dt) + 9 * np.eye(4, dtype=np.int64)
    b = rand((4,), dt)
    case(f"solve_vec_{dt}", "solve", [a, b], np.linalg.solve(a, b))
    case(f"inv_{dt}", "inv", [a], np.linalg.inv(a))
    case(f"det_{dt}", "det", [a], np.linalg.det(a))
    s, l = np.linalg.slogdet(a)
    case(f"slogdet_{dt}", "slogdet", [a], [s, l])
a, b = well((4, 4)), rand((4, 2))
case("solve_mat", "solve", [a, b], np.linalg.solve(a, b))
a, b = well((2, 1, 3, 3)), rand((4, 3, 2))
case("solve_broadcast", "solve", [a, b], np.linalg.solve(a, b))
a, b = well((2, 3, 3)), rand((3,))
case("solve_stack_vec", "solve", [a, b], np.linalg.solve(a, b))
a = well((3, 2, 3, 3))
case("inv_stack", "inv", [a], np.linalg.inv(a))
case("det_stack", "det", [a], np.linalg.det(a))
case("slogdet_stack", "slogdet", [a], list(np.linalg.slogdet(a)))
case("inv_empty", "inv", [np.zeros((0, 0))], np.linalg.inv(np.zeros((0, 0))))
case("inv_empty_stack", "inv", [np.zeros((2, 0, 0))], np.linalg.inv(np.zeros((2, 0, 0))))
case("det_empty", "det", [np.zeros((0, 0))], np.linalg.det(np.zeros((0, 0))))
case("det_exact", "det", [np.array([[1.0, 2.0], [3.0, 4.0]])], np.linalg.det([[1.0, 2.0], [3.0, 4.0]]))
sing = np.array([[1.0, 2.0, 3.0], [2.0, 4.0, 6.0], [1.0, 0.0, 1.0]])
case("det_singular", "det", [sing], np.linalg.det(sing))
case("slogdet_singular", "slogdet", [sing], list(np.linalg.slogdet(sing)))
small = 1e-3 * np.eye(30) + 1e-5 * rand((30, 30))
case("slogdet_tiny", "slogdet", [small], list(np.linalg.slogdet(small)))
big = well((20, 20))
case("inv_20", "inv", [big], np.linalg.inv(big))
d30 = well((30, 30))
case("det_30", "det", [d30], np.linalg.det(d30))
m = well((30, 30))
r30 = rand((30, 3))
case("solve_30", "solve", [m, r30], np.linalg.solve(m, r30))

# ---------------------------------------------------------------- cholesky (NumPy), cho_* (SciPy)
for dt in ["f8", "c16", "f4"]:
    a = spd((4, 4), dt)
    case(f"cholesky_lower_{dt}", "cholesky", [a], np.linalg.cholesky(a), upper=False)
    case(f"cholesky_upper_{dt}", "cholesky", [a], np.linalg.cholesky(a, upper=True), upper=True)
a = spd((2, 3, 3))
case("cholesky_stack", "cholesky", [a], np.linalg.cholesky(a), upper=False)
# Only one triangle is read: garbage in the other must not matter.
a = spd((4, 4))
g = a + np.triu(rand((4, 4)), 1) * 7
case("cholesky_reads_lower", "cholesky", [g], np.linalg.cholesky(g), upper=False)
g = a + np.tril(rand((4, 4)), -1) * 7
case("cholesky_reads_upper", "cholesky", [g], np.linalg.cholesky(g, upper=True), upper=True)
for lower in [False, True]:
    a = spd((4, 4), "c16")
    b = rand((4, 2), "c16")
    c, low = sla.cho_factor(a, lower=lower)
    case(f"cho_factor_{lower}", "cho_factor", [a], c, lower=lower)
    case(f"cho_solve_{lower}", "cho_solve", [c, b], sla.cho_solve((c, lower), b), lower=lower)

# ---------------------------------------------------------------- qr
for shape in [(5, 3), (3, 5), (4, 4)]:
    for dt in ["f8", "c16"]:
        a = rand(shape, dt)
        tag = f"{shape[0]}x{shape[1]}_{dt}"
        q, r = np.linalg.qr(a, mode="reduced")
        case(f"qr_reduced_{tag}", "qr", [a], [q, r], mode="reduced")
        q, r = np.linalg.qr(a, mode="complete")
        case(f"qr_complete_{tag}", "qr", [a], [q, r], mode="complete")
        case(f"qr_r_{tag}", "qr", [a], np.linalg.qr(a, mode="r"), mode="r")
        h, tau = np.linalg.qr(a, mode="raw")
        case(f"qr_raw_{tag}", "qr", [a], [h, tau], mode="raw")
a = rand((2, 4, 3))
case("qr_stack", "qr", [a], list(np.linalg.qr(a)), mode="reduced")
a = rand((4, 3), "f4")
case("qr_f4", "qr", [a], list(np.linalg.qr(a)), mode="reduced")
a = np.zeros((3, 0))
case("qr_empty_complete", "qr", [a], list(np.linalg.qr(a, mode="complete")), mode="complete")

# ---------------------------------------------------------------- svd, svdvals
for shape in [(5, 3), (3, 5), (4, 4)]:
    for dt in ["f8", "c16"]:
        a = rand(shape, dt)
        tag = f"{shape[0]}x{shape[1]}_{dt}"
        u, s, vh = np.linalg.svd(a)
        case(f"svd_full_{tag}", "svd", [a], [u, s, vh], compare="abs", full_matrices=True)
        u, s, vh = np.linalg.svd(a, full_matrices=False)
        case(f"svd_thin_{tag}", "svd", [a], [u, s, vh], compare="abs", full_matrices=False)
        case(f"svdvals_{tag}", "svdvals", [a], np.linalg.svdvals(a))
a = rand((2, 3, 4, 3))
case("svdvals_stack", "svdvals", [a], np.linalg.svdvals(a))
a = hermitian((4, 4))
case("svd_hermitian", "svd_hermitian", [a], list(np.linalg.svd(a, hermitian=True)), compare="abs")
a = rand((4, 3), "f4")
case("svdvals_f4", "svdvals", [a], np.linalg.svdvals(a))

# ---------------------------------------------------------------- eig, eigvals, eigh, eigvalsh
for dt in ["f8", "c16"]:
    a = rand((5, 5), dt)
    w, v = np.linalg.eig(a)
    case(f"eig_{dt}", "eig", [a], [w, v], compare="sorted")
    case(f"eigvals_{dt}", "eigvals", [a], np.linalg.eigvals(a), compare="sorted")
rot = np.array([[0.0, -2.0, 0.0], [2.0, 0.0, 0.0], [0.0, 0.0, 1.0]])
case("eigvals_pairs", "eigvals", [rot], np.linalg.eigvals(rot), compare="sorted")
a = rand((2, 3, 3))
case("eigvals_stack", "eigvals", [a], np.linalg.eigvals(a), compare="sorted")
for dt in ["f8", "c16", "f4"]:
    a = hermitian((5, 5), dt)
    for uplo in ["L", "U"]:
        # garbage in the triangle not read
        g = a + (np.triu if uplo == "L" else np.tril)(rand((5, 5), dt), 1 if uplo == "L" else -1) * 5
        g = g.astype(a.dtype)
        w, v = np.linalg.eigh(g, UPLO=uplo)
        case(f"eigh_{uplo}_{dt}", "eigh", [g], [w, v], compare="abs", UPLO=uplo)
        case(f"eigvalsh_{uplo}_{dt}", "eigvalsh", [g], np.linalg.eigvalsh(g, UPLO=uplo), UPLO=uplo)
a = hermitian((3, 4, 4))
case("eigvalsh_stack", "eigvalsh", [a], np.linalg.eigvalsh(a), UPLO="L")

# ---------------------------------------------------------------- lstsq, pinv, matrix_rank
for name, a, b in [
    ("tall_vec", rand((6, 3)), rand((6,))),
    ("tall_mat", rand((6, 3)), rand((6, 2))),
    ("square", well((4, 4)), rand((4,))),
    ("wide_vec", rand((3, 5)), rand((3,))),
    ("wide_mat", rand((3, 5)), rand((3, 2))),
    ("deficient", rand((5, 2)) @ rand((2, 4)), rand((5,))),
    ("deficient_wide", rand((3, 2)) @ rand((2, 5)), rand((3, 2))),
    ("complex_tall", rand((5, 3), "c16"), rand((5,), "c16")),
    ("complex_wide", rand((2, 4), "c16"), rand((2, 2), "c16")),
    ("f4", rand((5, 3), "f4"), rand((5,), "f4")),
]:
    x, res, rank, s = np.linalg.lstsq(a, b)
    case(f"lstsq_{name}", "lstsq", [a, b], [x, res, np.int64(rank), s], rcond=None)
a = np.diag([1.0, 1e-3, 1e-9])
b = np.ones(3)
x, res, rank, s = np.linalg.lstsq(a, b, rcond=1e-6)
case("lstsq_rcond", "lstsq", [a, b], [x, res, np.int64(rank), s], rcond=1e-6)
for name, a, kw in [
    ("tall", rand((5, 3)), {}),
    ("wide", rand((3, 5)), {}),
    ("deficient", rand((4, 2)) @ rand((2, 4)), {}),
    ("complex", rand((4, 3), "c16"), {}),
    ("stack", rand((2, 3, 4)), {}),
    ("rtol", np.diag([1.0, 1e-3, 1e-9]), {"rtol": 1e-6}),
    ("hermitian", hermitian((4, 4)), {"hermitian": True}),
]:
    case(f"pinv_{name}", "pinv", [a], np.linalg.pinv(a, **kw), **kw)
for name, a, kw in [
    ("full", rand((4, 4)), {}),
    ("deficient", rand((5, 2)) @ rand((2, 4)), {}),
    ("stack", np.stack([rand((3, 3)), np.outer(rand((3,)), rand((3,)))]), {}),
    ("tol", np.diag([1.0, 1e-3, 1e-9]), {"tol": 1e-4}),
    ("rtol", np.diag([1.0, 1e-3, 1e-9]), {"rtol": 1e-2}),
    ("vector", np.array([0.0, 0.0, 1.0]), {}),
    ("zero_vector", np.zeros(3), {}),
    ("f4", np.diag([1.0, 1e-5, 1e-9]).astype(np.float32), {}),
    ("hermitian", np.diag([2.0, -1.0, 0.0]), {"hermitian": True}),
]:
    case(f"matrix_rank_{name}", "matrix_rank", [a], np.asarray(np.linalg.matrix_rank(a, **kw)).astype(np.int64), **kw)

# ---------------------------------------------------------------- norms, cond
ORDS_VEC = [None, 0, 1, -1, 2, -2, 3, 0.5, np.inf, -np.inf]
ORDS_MAT = [None, "fro", "nuc", 1, -1, 2, -2, np.inf, -np.inf]
v = rand((5,))
v[2] = 0.0
for o in ORDS_VEC:
    case(f"norm_vec_{o}", "norm", [v], np.linalg.norm(v, o), ord=ord_json(o), axis=None, keepdims=False)
m = rand((3, 4))
for o in ORDS_MAT:
    case(f"norm_mat_{o}", "norm", [m], np.linalg.norm(m, o), ord=ord_json(o), axis=None, keepdims=False)
    mc = rand((3, 4), "c16")
    case(f"norm_mat_c16_{o}", "norm", [mc], np.linalg.norm(mc, o), ord=ord_json(o), axis=None, keepdims=False)
t = rand((2, 3, 4))
for o in [None, 1, 2, np.inf, -np.inf, 0]:
    for axis in [0, -1]:
        case(f"norm_axis{axis}_{o}", "norm", [t], np.linalg.norm(t, o, axis=axis), ord=ord_json(o), axis=[axis], keepdims=False)
for o in ORDS_MAT:
    case(f"norm_axes02_{o}", "norm", [t], np.linalg.norm(t, o, axis=(0, 2)), ord=ord_json(o), axis=[0, 2], keepdims=False)
    case(f"norm_axes21_keep_{o}", "norm", [t], np.linalg.norm(t, o, axis=(2, 1), keepdims=True), ord=ord_json(o), axis=[2, 1], keepdims=True)
case("norm_flat_3d", "norm", [t], np.linalg.norm(t), ord=None, axis=None, keepdims=False)
case("norm_flat_keep", "norm", [t], np.linalg.norm(t, keepdims=True), ord=None, axis=None, keepdims=True)
vi = rand((6,), "i8")
case("norm_int", "norm", [vi], np.linalg.norm(vi, 3), ord=3.0, axis=None, keepdims=False)
for o in [2, 1, np.inf, 0, 1.5, -np.inf]:
    case(f"vector_norm_axes_{o}", "vector_norm", [t], np.linalg.vector_norm(t, axis=(0, 2), ord=o), ord=ord_json(o), axis=[0, 2], keepdims=False)
case("vector_norm_all_keep", "vector_norm", [t], np.linalg.vector_norm(t, keepdims=True), ord=2.0, axis=None, keepdims=True)
for o in ["fro", "nuc", 1, -1, 2, -2, np.inf, -np.inf]:
    case(f"matrix_norm_{o}", "matrix_norm", [t], np.linalg.matrix_norm(t, ord=o), ord=ord_json(o), keepdims=False)
case("matrix_norm_keep", "matrix_norm", [t], np.linalg.matrix_norm(t, keepdims=True), ord="fro", keepdims=True)
c4 = rand((4, 4))
for p in [None, "fro", "nuc", 1, -1, 2, -2, np.inf, -np.inf]:
    case(f"cond_{p}", "cond", [c4], np.linalg.cond(c4, p), p=ord_json(p))
case("cond_singular", "cond", [sing], np.linalg.cond(sing, 1), p=1.0)
cs = rand((2, 3, 3))
case("cond_stack", "cond", [cs], np.linalg.cond(cs), p=None)
cw = rand((3, 5))
case("cond_wide", "cond", [cw], np.linalg.cond(cw), p=None)

# ---------------------------------------------------------------- matrix_power, tensor*
mp = rand((3, 3))
for n in [0, 1, 2, 3, 5, 8]:
    case(f"matrix_power_{n}", "matrix_power", [mp], np.linalg.matrix_power(mp, n), n=n)
mw = well((3, 3))
for n in [-1, -3]:
    case(f"matrix_power_{n}", "matrix_power", [mw], np.linalg.matrix_power(mw, n), n=n)
mi = rand((2, 3, 3), "i8")
case("matrix_power_int_stack", "matrix_power", [mi], np.linalg.matrix_power(mi, 4), n=4)
ta = well((6, 6)).reshape(2, 3, 6)
tb = rand((2, 3))
case("tensorsolve", "tensorsolve", [ta, tb], np.linalg.tensorsolve(ta, tb), axes=None)
ta2 = np.moveaxis(well((6, 6)).reshape(6, 2, 3), 0, 2)  # (2, 3, 6) with the b axes moved
tb2 = rand((6,))
case("tensorsolve_axes", "tensorsolve", [ta2, tb2], np.linalg.tensorsolve(ta2, tb2, axes=(0, 1)), axes=[0, 1])
ti = well((6, 6)).reshape(2, 3, 6)
case("tensorinv_1", "tensorinv", [ti], np.linalg.tensorinv(ti, ind=2), ind=2)
ti = well((24, 24)).reshape(4, 6, 8, 3)
case("tensorinv_2", "tensorinv", [ti], np.linalg.tensorinv(ti, ind=2), ind=2)

# ---------------------------------------------------------------- SciPy: lu, lu_factor, lu_solve, solve_triangular
for shape in [(4, 4), (5, 3), (3, 5)]:
    a = rand(shape)
    tag = f"{shape[0]}x{shape[1]}"
    p, l, u = sla.lu(a)
    case(f"lu_{tag}", "lu", [a], [p, l, u], permute_l=False, p_indices=False)
    pl, u = sla.lu(a, permute_l=True)
    case(f"lu_permute_l_{tag}", "lu", [a], [pl, u], permute_l=True, p_indices=False)
    pi, l, u = sla.lu(a, p_indices=True)
    case(f"lu_p_indices_{tag}", "lu", [a], [pi.astype(np.int32), l, u], permute_l=False, p_indices=True)
    lu, piv = sla.lu_factor(a)
    case(f"lu_factor_{tag}", "lu_factor", [a], [lu, piv.astype(np.int32)])
a = rand((2, 4, 4))
lu, piv = sla.lu_factor(a)
case("lu_factor_stack", "lu_factor", [a], [lu, piv.astype(np.int32)])
for trans in [0, 1, 2]:
    a = well((4, 4), "c16")
    b = rand((4, 2), "c16")
    lu, piv = sla.lu_factor(a)
    case(f"lu_solve_{trans}", "lu_solve", [lu, piv.astype(np.int32), b], sla.lu_solve((lu, piv), b, trans=trans), trans=trans)
for lower in [False, True]:
    for trans in [0, 1, 2]:
        for unit in [False, True]:
            a = rand((4, 4), "c16") + 3 * np.eye(4)
            b = rand((4,), "c16")
            x = sla.solve_triangular(a, b, trans=trans, lower=lower, unit_diagonal=unit)
            case(f"solve_triangular_{lower}_{trans}_{unit}", "solve_triangular", [a, b], x, trans=trans, lower=lower, unit_diagonal=unit)
a = np.tril(rand((4, 4))) + 3 * np.eye(4)
b = rand((3, 4, 2))
case("solve_triangular_broadcast", "solve_triangular", [a, b], sla.solve_triangular(a, b, lower=True), trans=0, lower=True, unit_diagonal=False)

with open(os.path.join(HERE, "cases.json"), "w") as f:
    versions = {"numpy": np.__version__, "scipy": __import__("scipy").__version__}
    f.write('{"versions": ' + json.dumps(versions) + ',\n"cases": [\n')
    f.write(",\n".join(json.dumps(c) for c in cases))
    f.write("\n]}\n")
print(f"{len(cases)} cases")
