#!/usr/bin/env python3
"""Golden streams for oxarray-random, produced by NumPy itself.

Writes, next to this script:

* ``streams.json``: Generator cases. Each case names a bit generator and a seed and lists
  steps (a method, its arguments and ``size``) run in order on one generator; every step
  records the FNV-1a-64 digest of the output's bytes (C order, little-endian), the first
  values (floats as their bit patterns) and the bit generator's state afterwards, so that a
  mismatch in any draw, or in the number of raw draws consumed, is caught.
* ``legacy.json``: the same for ``RandomState`` (seeded the legacy way), including the
  articles' ``np.random.seed(0); np.random.rand(3, 4)``.
* ``seeds.json``: SeedSequence pools, generated states and spawned children; the initial,
  jumped and advanced states of every bit generator.
* ``arrays.json``: small outputs compared in full (shuffles, permutations, choices).

Run with the project's venv python (``cargo xtask golden`` does).
"""

import json
import pathlib

import numpy as np
from numpy.random import (MT19937, PCG64, PCG64DXSM, SFC64, Generator, Philox,
                          RandomState, SeedSequence)

HERE = pathlib.Path(__file__).resolve().parent
N = 10_000
HEAD = 6

BITGENS = {"PCG64": PCG64, "PCG64DXSM": PCG64DXSM, "MT19937": MT19937, "Philox": Philox,
           "SFC64": SFC64}


def fnv1a64(data: bytes) -> str:
    h = 0xCBF29CE484222325
    for b in data:
        h ^= b
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}"


def encode_value(v, dtype):
    if dtype.kind == "f":
        width = dtype.itemsize * 8
        bits = np.array([v], dtype=dtype).view(f"u{dtype.itemsize}")[0]
        return f"{int(bits):0{width // 4}x}"
    if dtype.kind == "b":
        return "1" if v else "0"
    return str(int(v))


def describe(out):
    # (np.ascontiguousarray would make a 0-d result 1-d)
    out = np.asarray(out)
    if not out.flags.c_contiguous:
        out = out.copy(order="C")
    flat = out.reshape(-1)
    return {
        "dtype": out.dtype.name,
        "shape": list(out.shape),
        "fnv": fnv1a64(out.astype(out.dtype.newbyteorder("<"), copy=False).tobytes()),
        "head": [encode_value(v, out.dtype) for v in flat[:HEAD]],
    }


def state_string(bg):
    st = bg.state
    name = st["bit_generator"]
    if name in ("PCG64", "PCG64DXSM"):
        s = st["state"]
        return f"{s['state']:x}/{s['inc']:x}/{st['has_uint32']}/{st['uinteger']}"
    if name == "MT19937":
        key = np.asarray(st["state"]["key"], dtype="<u4")
        return f"{fnv1a64(key.tobytes())}/{st['state']['pos']}"
    if name == "Philox":
        ctr = "-".join(f"{int(v):x}" for v in st["state"]["counter"])
        key = "-".join(f"{int(v):x}" for v in st["state"]["key"])
        buf = "-".join(f"{int(v):x}" for v in st["buffer"])
        return f"{ctr}/{key}/{buf}/{st['buffer_pos']}/{st['has_uint32']}/{st['uinteger']}"
    if name == "SFC64":
        s = "-".join(f"{int(v):x}" for v in st["state"]["state"])
        return f"{s}/{st['has_uint32']}/{st['uinteger']}"
    raise ValueError(name)


# Each step: (method, positional args, keyword args, size). Sizes are lists; None is NumPy's
# size=None.
def generator_steps():
    n = [N]
    steps = [
        ("random", [], {}, n),
        ("random", [], {"dtype": "float32"}, n),
        ("integers", [0, 10], {}, n),
        ("integers", [0, 1000], {}, n),
        ("integers", [-5, 5], {"dtype": "int32", "endpoint": True}, n),
        ("integers", [0, 2**32], {}, n),
        ("integers", [0, 2**40 + 3], {}, n),
        ("integers", [0, 2**64], {"dtype": "uint64"}, n),
        ("integers", [-2**63, 2**63], {}, n),
        ("integers", [0, 2**31], {"dtype": "int32"}, n),
        ("integers", [7, 2**32], {"dtype": "uint32"}, n),
        ("integers", [0, 256], {"dtype": "uint8"}, n),
        ("integers", [3, 100], {"dtype": "uint8"}, n),
        ("integers", [-128, 127], {"dtype": "int8", "endpoint": True}, n),
        ("integers", [0, 65536], {"dtype": "uint16"}, n),
        ("integers", [100, 1000], {"dtype": "uint16"}, n),
        ("integers", [-100, 100], {"dtype": "int16"}, n),
        ("integers", [0, 2], {"dtype": "bool"}, n),
        ("integers", [1, 2], {"dtype": "bool"}, n),
        ("integers", [5, 5], {"endpoint": True}, n),
        ("uniform", [2.0, 5.0], {}, n),
        ("uniform", [-1e3, 1e3], {}, n),
        ("standard_normal", [], {}, n),
        ("standard_normal", [], {"dtype": "float32"}, n),
        ("normal", [1.5, 2.5], {}, n),
        ("standard_exponential", [], {}, n),
        ("standard_exponential", [], {"dtype": "float32"}, n),
        ("standard_exponential", [], {"method": "inv"}, n),
        ("standard_exponential", [], {"dtype": "float32", "method": "inv"}, n),
        ("exponential", [3.0], {}, n),
        ("standard_gamma", [0.3], {}, n),
        ("standard_gamma", [1.0], {}, n),
        ("standard_gamma", [2.5], {}, n),
        ("standard_gamma", [20.0], {}, n),
        ("standard_gamma", [0.0], {}, n),
        ("standard_gamma", [0.5], {"dtype": "float32"}, n),
        ("standard_gamma", [3.0], {"dtype": "float32"}, n),
        ("gamma", [2.0, 3.0], {}, n),
        ("beta", [0.3, 0.7], {}, n),
        ("beta", [2.0, 5.0], {}, n),
        ("beta", [0.5, 3.0], {}, n),
        ("beta", [1e-3, 1e-3], {}, n),
        ("beta", [1e-104, 1e-105], {}, n),
        ("chisquare", [3.0], {}, n),
        ("chisquare", [0.5], {}, n),
        ("noncentral_chisquare", [3.0, 2.0], {}, n),
        ("noncentral_chisquare", [0.5, 1.0], {}, n),
        ("noncentral_chisquare", [3.0, 0.0], {}, n),
        ("f", [5.0, 7.0], {}, n),
        ("noncentral_f", [3.0, 20.0, 3.0], {}, n),
        ("standard_cauchy", [], {}, n),
        ("standard_t", [3.0], {}, n),
        ("standard_t", [0.5], {}, n),
        ("vonmises", [0.5, 4.0], {}, n),
        ("vonmises", [0.0, 1e-9], {}, n),
        ("vonmises", [1.0, 1e-6], {}, n),
        ("vonmises", [-2.0, 2e6], {}, n),
        ("pareto", [3.0], {}, n),
        ("weibull", [1.5], {}, n),
        ("weibull", [0.0], {}, n),
        ("power", [2.0], {}, n),
        ("laplace", [1.0, 2.0], {}, n),
        ("gumbel", [1.0, 2.0], {}, n),
        ("logistic", [1.0, 2.0], {}, n),
        ("lognormal", [0.5, 0.75], {}, n),
        ("rayleigh", [2.0], {}, n),
        ("wald", [3.0, 2.0], {}, n),
        ("wald", [1e3, 1e-3], {}, n),
        ("triangular", [-3.0, 0.0, 8.0], {}, n),
        ("binomial", [10, 0.3], {}, n),
        ("binomial", [100, 0.6], {}, n),
        ("binomial", [1000, 0.05], {}, n),
        ("binomial", [5, 0.9], {}, n),
        ("binomial", [0, 0.5], {}, n),
        ("poisson", [3.0], {}, n),
        ("poisson", [25.0], {}, n),
        ("poisson", [1e5], {}, n),
        ("poisson", [0.0], {}, n),
        ("negative_binomial", [5.0, 0.4], {}, n),
        ("negative_binomial", [0.5, 0.9], {}, n),
        ("geometric", [0.5], {}, n),
        ("geometric", [0.05], {}, n),
        ("zipf", [2.0], {}, n),
        ("zipf", [1.3], {}, n),
        ("logseries", [0.6], {}, n),
        ("logseries", [0.99], {}, n),
        ("hypergeometric", [100, 200, 50], {}, n),
        ("hypergeometric", [5, 10, 3], {}, n),
        ("hypergeometric", [1000, 20, 900], {}, n),
        ("multinomial", [20, [0.2, 0.3, 0.5]], {}, [N // 3]),
        ("dirichlet", [[1.0, 2.0, 3.0]], {}, [N // 3]),
        ("dirichlet", [[0.05, 0.02, 0.08]], {}, [N // 3]),
        ("permutation", [N], {}, None),
        ("choice", [N], {}, n),
        ("choice", [50], {"replace": False}, [30]),
        ("choice", [20_000], {"replace": False}, [15_000]),
        ("choice", [100], {"replace": False, "shuffle": False}, [50]),
        ("choice", [5], {"p": [0.1, 0.0, 0.3, 0.6, 0.0]}, n),
        ("choice", [10], {"replace": False, "p": [0.05] * 4 + [0.2] * 4 + [0.0, 0.0]}, [6]),
        ("bytes", [101], {}, None),
    ]
    return steps


def run_generator_step(rng, method, args, kwargs, size):
    kwargs = dict(kwargs)
    if "dtype" in kwargs:
        kwargs["dtype"] = np.dtype(kwargs["dtype"])
    fn = getattr(rng, method)
    if method == "permutation":
        return fn(*args)
    if method == "bytes":
        return np.frombuffer(fn(*args), dtype=np.uint8)
    return fn(*args, size=None if size is None else tuple(size), **kwargs)


def make_generator(bitgen, seed):
    return Generator(BITGENS[bitgen](seed))


def streams():
    cases = []
    plan = [("PCG64", 0), ("PCG64", 12345), ("PCG64", [1, 2, 3]), ("PCG64DXSM", 0),
            ("MT19937", 0), ("Philox", 0), ("SFC64", 0)]
    for bitgen, seed in plan:
        for method, args, kwargs, size in generator_steps():
            rng = make_generator(bitgen, seed)
            out = run_generator_step(rng, method, args, kwargs, size)
            step = {"method": method, "args": args, "kwargs": kwargs, "size": size}
            step.update(describe(np.asarray(out)))
            step["state"] = state_string(rng.bit_generator)
            cases.append({"bitgen": bitgen, "seed": seed, "steps": [step]})
    # Chains: the 32-bit half buffered by the bit generator, and the 8/16-bit buffers that
    # live for one call only, across calls of different widths.
    chain = [
        ("integers", [0, 10], {"dtype": "uint32"}, [3]),
        ("random", [], {}, [2]),
        ("integers", [0, 10], {"dtype": "uint8"}, [5]),
        ("integers", [0, 10], {"dtype": "uint16"}, [3]),
        ("random", [], {"dtype": "float32"}, [1]),
        ("standard_normal", [], {"dtype": "float32"}, [3]),
        ("integers", [0, 10**12], {}, [2]),
        ("integers", [0, 10], {}, [1]),
        ("standard_exponential", [], {"dtype": "float32"}, [3]),
        ("integers", [0, 2], {"dtype": "bool"}, [40]),
        ("random", [], {}, None),
    ]
    for bitgen in BITGENS:
        rng = make_generator(bitgen, 42)
        steps = []
        for method, args, kwargs, size in chain:
            out = run_generator_step(rng, method, args, kwargs, size)
            step = {"method": method, "args": args, "kwargs": kwargs, "size": size}
            step.update(describe(np.asarray(out)))
            step["state"] = state_string(rng.bit_generator)
            steps.append(step)
        cases.append({"bitgen": bitgen, "seed": 42, "steps": steps})
    # Array parameters, broadcast against each other and against size.
    rng = make_generator("PCG64", 7)
    loc = np.array([[0.0], [10.0], [-5.0]])
    scale = np.array([1.0, 2.0, 0.5, 3.0])
    broadcast = [
        ("normal", [loc.tolist(), scale.tolist()], {}, None),
        ("normal", [loc.tolist(), scale.tolist()], {}, [2, 3, 4]),
        ("uniform", [[0.0, 1.0], [[2.0], [3.0]]], {}, None),
        ("gamma", [[0.5, 1.0, 4.0], 2.0], {}, None),
        ("standard_gamma", [[0.5, 3.0]], {"dtype": "float32"}, [3, 2]),
        ("binomial", [[5, 50, 500], [0.1, 0.5, 0.9]], {}, None),
        ("poisson", [[[1.0], [30.0]]], {}, [2, 3]),
        ("triangular", [[0.0, 1.0], [0.5, 2.0], [1.0, 3.0]], {}, None),
        ("hypergeometric", [[10, 100], [10, 200], [5, 50]], {}, None),
    ]
    steps = []
    for method, args, kwargs, size in broadcast:
        out = run_generator_step(rng, method, [np.asarray(a) if isinstance(a, list) else a
                                               for a in args], kwargs, size)
        step = {"method": method, "args": args, "kwargs": kwargs, "size": size}
        step.update(describe(np.asarray(out)))
        step["state"] = state_string(rng.bit_generator)
        steps.append(step)
    cases.append({"bitgen": "PCG64", "seed": 7, "steps": steps})
    return cases


def legacy_steps():
    n = [N]
    return [
        ("random_sample", [], {}, n),
        ("rand", [], {}, [3, 4]),
        ("randn", [], {}, n),
        ("randint", [0, 10], {}, n),
        ("randint", [0, 1000], {}, n),
        ("randint", [-2**63, 2**63 - 1], {}, n),
        ("randint", [0, 2**40], {}, n),
        ("randint", [0, 256], {"dtype": "uint8"}, n),
        ("randint", [-50, 50], {"dtype": "int16"}, n),
        ("randint", [0, 2], {"dtype": "bool"}, n),
        ("randint", [0, 5], {"dtype": "uint32"}, n),
        ("standard_normal", [], {}, n),
        ("normal", [1.5, 2.5], {}, n),
        ("uniform", [2.0, 5.0], {}, n),
        ("uniform", [5.0, 2.0], {}, n),
        ("standard_exponential", [], {}, n),
        ("exponential", [3.0], {}, n),
        ("standard_gamma", [0.3], {}, n),
        ("standard_gamma", [2.5], {}, n),
        ("gamma", [2.0, 3.0], {}, n),
        ("beta", [0.3, 0.7], {}, n),
        ("beta", [2.0, 5.0], {}, n),
        ("chisquare", [3.0], {}, n),
        ("poisson", [3.0], {}, n),
        ("poisson", [25.0], {}, n),
        ("binomial", [10, 0.3], {}, n),
        ("binomial", [1000, 0.4], {}, n),
        ("permutation", [N], {}, None),
        ("choice", [N], {}, n),
        ("choice", [50], {"replace": False}, [30]),
        ("choice", [5], {"p": [0.1, 0.0, 0.3, 0.6, 0.0]}, n),
        ("choice", [10], {"replace": False, "p": [0.05] * 4 + [0.2] * 4 + [0.0, 0.0]}, [6]),
    ]


def legacy_state_string(rs):
    _, key, pos, has_gauss, gauss = rs.get_state()
    gbits = np.array([gauss], dtype="<f8").view("<u8")[0]
    return f"{fnv1a64(np.asarray(key, dtype='<u4').tobytes())}/{pos}/{has_gauss}/{int(gbits):016x}"


def run_legacy_step(rs, method, args, kwargs, size):
    kwargs = dict(kwargs)
    if "dtype" in kwargs:
        kwargs["dtype"] = np.dtype(kwargs["dtype"])
    fn = getattr(rs, method)
    if method == "permutation":
        return fn(*args)
    if method in ("rand", "randn"):
        return fn(*size)
    return fn(*args, size=None if size is None else tuple(size), **kwargs)


def legacy():
    cases = []
    for seed in (0, 12345, [1, 2, 3], 2**32 - 1):
        for method, args, kwargs, size in legacy_steps():
            rs = RandomState(seed)
            out = run_legacy_step(rs, method, args, kwargs, size)
            step = {"method": method, "args": args, "kwargs": kwargs, "size": size}
            step.update(describe(np.asarray(out)))
            step["state"] = legacy_state_string(rs)
            cases.append({"seed": seed, "steps": [step]})
    # A chain through the cached Gaussian and a re-seed.
    rs = RandomState(5)
    steps = []
    for method, args, kwargs, size in [("randn", [], {}, [3]), ("rand", [], {}, [2]),
                                       ("randn", [], {}, [1]), ("normal", [0.0, 1.0], {}, [2]),
                                       ("standard_gamma", [3.0], {}, [3]),
                                       ("randint", [0, 100], {}, [3])]:
        out = run_legacy_step(rs, method, args, kwargs, size)
        step = {"method": method, "args": args, "kwargs": kwargs, "size": size}
        step.update(describe(np.asarray(out)))
        step["state"] = legacy_state_string(rs)
        steps.append(step)
    cases.append({"seed": 5, "steps": steps})
    np.random.seed(0)
    article = np.random.rand(3, 4)
    return {"cases": cases,
            "article_seed0_rand_3x4": [encode_value(v, article.dtype) for v in article.ravel()]}


def seed_sequences():
    entropies = [
        (0, (), 4), (1, (), 4), (12345, (), 4), (2**32, (), 4), (2**64 + 5, (), 4),
        (2**128 - 1, (), 4), ([1, 2, 3], (), 4), ([0], (), 4), ([2**40, 7], (), 4),
        (list(range(100, 110)), (), 4), (12345, (), 8), (12345, (1, 2), 4),
        (5, (3,), 4), ([1, 2, 3, 4, 5], (7, 2**33), 4),
    ]
    out = []
    for entropy, spawn_key, pool_size in entropies:
        ss = SeedSequence(entropy, spawn_key=spawn_key, pool_size=pool_size)
        kids = ss.spawn(3)
        out.append({
            "entropy": [str(v) for v in entropy] if isinstance(entropy, list) else str(entropy),
            "spawn_key": list(spawn_key), "pool_size": pool_size,
            "pool": [int(v) for v in ss.pool],
            "state_u32": [int(v) for v in ss.generate_state(9, np.uint32)],
            "state_u64": [str(int(v)) for v in ss.generate_state(5, np.uint64)],
            "children": [[int(v) for v in k.pool] for k in kids],
            "grandchild": [int(v) for v in kids[2].spawn(2)[1].pool],
        })
    return out


def bitgen_states():
    out = []
    for name, cls in BITGENS.items():
        for seed in (0, 12345, [1, 2, 3]):
            bg = cls(seed)
            entry = {"bitgen": name, "seed": seed, "op": "init", "state": state_string(bg)}
            out.append(entry)
            raw = bg.random_raw(N)
            out.append({"bitgen": name, "seed": seed, "op": "raw",
                        **describe(np.asarray(raw, dtype=np.uint64)),
                        "state": state_string(bg)})
        # jumps, from a fresh state and from the middle of the stream
        for seed, pre in ((0, 0), (12345, 1001)):
            if name == "SFC64":
                continue
            bg = cls(seed)
            if pre:
                bg.random_raw(pre)
            if name == "PCG64" or name == "PCG64DXSM":
                bg.random_raw(1)
                Generator(bg).integers(0, 10, dtype=np.uint32)  # leave a kept half
            for jumps in (1, 3):
                j = bg.jumped(jumps)
                out.append({"bitgen": name, "seed": seed, "op": f"jumped{jumps}", "pre": pre,
                            "state": state_string(j),
                            "after": describe(np.asarray(j.random_raw(5), dtype=np.uint64))})
        if name in ("PCG64", "PCG64DXSM"):
            for delta in (1, 1000, 2**100 + 12345, 2**128 - 1):
                bg = cls(0)
                bg.advance(delta)
                out.append({"bitgen": name, "seed": 0, "op": "advance", "delta": str(delta),
                            "state": state_string(bg)})
        if name == "Philox":
            for delta in (1, 2**64 - 1, 2**130 + 7):
                bg = cls(0)
                bg.random_raw(3)
                bg.advance(delta)
                out.append({"bitgen": name, "seed": 0, "op": "advance", "delta": str(delta),
                            "state": state_string(bg)})
            bg = Philox(key=2**100 + 3, counter=2**64 - 2)
            out.append({"bitgen": name, "op": "key_counter", "key": str(2**100 + 3),
                        "counter": str(2**64 - 2),
                        **describe(np.asarray(bg.random_raw(12), dtype=np.uint64)),
                        "state": state_string(bg)})
        # spawned children
        bg = cls(99)
        kids = bg.spawn(2)
        out.append({"bitgen": name, "seed": 99, "op": "spawn",
                    "children": [state_string(k) for k in kids]})
    # MT19937 jumped from a legacy-seeded state (pos == 624)
    rs = RandomState(1234)
    j = rs._bit_generator.jumped()
    out.append({"bitgen": "MT19937", "legacy_seed": 1234, "op": "jumped1", "pre": 0,
                "state": state_string(j),
                "after": describe(np.asarray(j.random_raw(5), dtype=np.uint64))})
    return out


def parallel():
    # The ParallelGenerator's numbers: chunk k from child k of SeedSequence(seed); a second
    # call uses the next children.
    cases = []
    for seed, n, chunk in ((42, 2500, 1000), (0, 10_000, 4096)):
        n_chunks = -(-n // chunk)
        kids = SeedSequence(seed).spawn(2 * n_chunks)
        lengths = [min(chunk, n - i * chunk) for i in range(n_chunks)]
        first = np.concatenate([np.random.default_rng(k).random(m)
                                for k, m in zip(kids[:n_chunks], lengths)])
        second = np.concatenate([np.random.default_rng(k).standard_normal(m)
                                 for k, m in zip(kids[n_chunks:], lengths)])
        cases.append({"seed": seed, "n": n, "chunk": chunk, "random": describe(first),
                      "second_call_standard_normal": describe(second)})
    return cases


def arrays():
    out = []
    rng = np.random.default_rng(2024)
    m = np.arange(6 * 5).reshape(6, 5)
    out.append({"op": "permutation_axis1", "result": rng.permutation(m, axis=1).tolist()})
    out.append({"op": "permutation_axis0", "result": rng.permutation(m, axis=0).tolist()})
    x = np.arange(4 * 5).reshape(4, 5)
    out.append({"op": "permuted_axis1", "result": rng.permuted(x, axis=1).tolist()})
    out.append({"op": "permuted_axis0", "result": rng.permuted(x, axis=0).tolist()})
    out.append({"op": "permuted_none", "result": rng.permuted(x).tolist()})
    out.append({"op": "permuted_none_fortran",
                "result": rng.permuted(np.asfortranarray(x)).tolist()})
    y = np.arange(24).reshape(2, 3, 4)
    out.append({"op": "permuted_axis2_3d", "result": rng.permuted(y, axis=2).tolist()})
    s = np.arange(3 * 4).reshape(3, 4)
    rng.shuffle(s, axis=1)
    out.append({"op": "shuffle_axis1", "result": s.tolist()})
    s = np.arange(3 * 4).reshape(3, 4)
    rng.shuffle(s)
    out.append({"op": "shuffle_axis0", "result": s.tolist()})
    a = np.arange(3 * 7).reshape(3, 7) * 10
    out.append({"op": "choice_axis1", "result": rng.choice(a, 4, axis=1).tolist()})
    out.append({"op": "choice_axis0_noreplace",
                "result": rng.choice(a, 2, replace=False, axis=0).tolist()})
    out.append({"op": "choice_2d_size", "result": rng.choice(7, (2, 3)).tolist()})
    out.append({"op": "final_random", "result": float(rng.random())})
    rs = RandomState(77)
    out.append({"op": "legacy_permutation_2d", "result": rs.permutation(m).tolist()})
    s = np.arange(3 * 4).reshape(3, 4)
    rs.shuffle(s)
    out.append({"op": "legacy_shuffle_2d", "result": s.tolist()})
    out.append({"op": "legacy_choice_array",
                "result": rs.choice(np.array([1.5, 2.5, 3.5]), 5).tolist()})
    out.append({"op": "legacy_final_rand", "result": float(rs.rand())})
    return out


def main():
    (HERE / "streams.json").write_text(json.dumps({"numpy": np.__version__, "cases": streams()},
                                                  separators=(",", ":")))
    (HERE / "legacy.json").write_text(json.dumps(legacy(), separators=(",", ":")))
    (HERE / "seeds.json").write_text(json.dumps(
        {"seed_sequences": seed_sequences(), "bitgens": bitgen_states(), "parallel": parallel()},
        separators=(",", ":")))
    (HERE / "arrays.json").write_text(json.dumps(arrays(), separators=(",", ":")))
    for f in ("streams.json", "legacy.json", "seeds.json", "arrays.json"):
        print(f, (HERE / f).stat().st_size, "bytes")


if __name__ == "__main__":
    main()
