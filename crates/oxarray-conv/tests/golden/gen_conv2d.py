"""Golden cases for oxarray-conv's conv2d (torch.nn.functional.conv2d semantics), written to
conv2d.json beside this script.

PyTorch could not be installed into the project venv (download.pytorch.org is unreachable
from the build machine and the PyPI wheel pulls gigabytes of CUDA libraries), so the results
come from `conv2d_ref` below: a NumPy transcription of PyTorch's documented definition
(cross-correlation, zero padding, `padding='same'` padding the extra row / column at the
bottom / right, groups, dilation, stride, bias). When `torch` is importable the script
checks every case against `torch.nn.functional.conv2d` as well and says so.

Values are multiples of 1/8 of small size, so every sum is exact in f32 and f64 and the
tests compare exactly.

    target/bench-venv/bin/python crates/oxarray-conv/tests/golden/gen_conv2d.py
"""

import json
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
RNG = np.random.default_rng(112)

try:
    import torch
    import torch.nn.functional as F
except ImportError:  # the normal case on the build machine
    torch = None


def conv2d_ref(x, w, b, stride, padding, dilation, groups):
    unbatched = x.ndim == 3
    if unbatched:
        x = x[None]
    n, c, h, wd = x.shape
    o, cg, kh, kw = w.shape
    if groups < 1 or o % groups or cg * groups != c:
        raise ValueError("channels")
    if b is not None and len(b) != o:
        raise ValueError("bias")
    span = [dilation[0] * (kh - 1) + 1, dilation[1] * (kw - 1) + 1]
    if padding == "same":
        if stride != (1, 1):
            raise ValueError("same with stride")
        total = [span[0] - 1, span[1] - 1]
        pads = [(t // 2, t - t // 2) for t in total]
    elif padding == "valid":
        pads = [(0, 0), (0, 0)]
    else:
        pads = [(padding[0], padding[0]), (padding[1], padding[1])]
    xp = np.pad(x, ((0, 0), (0, 0), pads[0], pads[1]))
    hp, wp = xp.shape[2:]
    if hp < span[0] or wp < span[1]:
        raise ValueError("too small")
    oh = (hp - span[0]) // stride[0] + 1
    ow = (wp - span[1]) // stride[1] + 1
    out = np.zeros((n, o, oh, ow), dtype=x.dtype)
    og = o // groups
    for oc in range(o):
        g = oc // og
        for ci in range(cg):
            for i in range(kh):
                for j in range(kw):
                    y0, x0 = i * dilation[0], j * dilation[1]
                    patch = xp[:, g * cg + ci, y0:y0 + stride[0] * (oh - 1) + 1:stride[0],
                               x0:x0 + stride[1] * (ow - 1) + 1:stride[1]]
                    out[:, oc] += w[oc, ci, i, j] * patch
        if b is not None:
            out[:, oc] += b[oc]
    return out[0] if unbatched else out


def values(shape, dtype):
    return (RNG.integers(-16, 17, int(np.prod(shape))) / 8).reshape(shape).astype(dtype)


def main():
    cases = []
    specs = [
        # input shape, weight shape, stride, padding, dilation, groups, bias
        ((2, 3, 6, 7), (4, 3, 3, 3), (1, 1), "valid", (1, 1), 1, True),
        ((2, 3, 6, 7), (4, 3, 3, 3), (1, 1), (1, 1), (1, 1), 1, False),
        ((1, 4, 7, 6), (4, 1, 3, 3), (1, 1), "same", (1, 1), 4, True),  # depthwise
        ((1, 4, 7, 6), (8, 2, 2, 3), (2, 1), (1, 2), (1, 1), 2, True),
        ((2, 2, 8, 9), (3, 2, 3, 2), (2, 3), (0, 1), (2, 1), 1, True),
        ((1, 2, 5, 5), (2, 2, 4, 2), (1, 1), "same", (1, 2), 1, False),  # even kernel, same
        ((3, 5, 5), (2, 5, 3, 3), (1, 1), (1, 1), (1, 1), 1, True),  # unbatched
        ((1, 1, 1, 1), (1, 1, 1, 1), (1, 1), "valid", (1, 1), 1, True),
        ((1, 1, 2, 2), (1, 1, 3, 3), (1, 1), (1, 1), (1, 1), 1, False),  # kernel > image
        ((1, 6, 4, 4), (6, 2, 1, 1), (1, 1), "valid", (1, 1), 3, True),
        ((0, 2, 4, 4), (2, 2, 3, 3), (1, 1), "valid", (1, 1), 1, True),  # empty batch
        # errors
        ((1, 3, 5, 5), (4, 2, 3, 3), (1, 1), "valid", (1, 1), 1, True),  # channels
        ((1, 4, 5, 5), (3, 2, 3, 3), (1, 1), "valid", (1, 1), 2, False),  # out % groups
        ((1, 2, 5, 5), (2, 2, 3, 3), (2, 2), "same", (1, 1), 1, False),  # same + stride
        ((1, 2, 2, 2), (2, 2, 3, 3), (1, 1), "valid", (1, 1), 1, False),  # too small
    ]
    checked = 0
    for dtype in ("float64", "float32"):
        for xs, ws, stride, padding, dilation, groups, has_bias in specs:
            x, w = values(xs, dtype), values(ws, dtype)
            b = values((ws[0],), dtype) if has_bias else None
            case = {"dtype": dtype, "input_shape": list(xs), "input": [float(v) for v in x.ravel()],
                    "weight_shape": list(ws), "weight": [float(v) for v in w.ravel()],
                    "bias": None if b is None else [float(v) for v in b], "stride": list(stride),
                    "padding": padding if isinstance(padding, str) else list(padding),
                    "dilation": list(dilation), "groups": groups}
            try:
                out = conv2d_ref(x, w, b, stride, padding, dilation, groups)
                case["out_shape"] = list(out.shape)
                case["out"] = [float(v) for v in out.ravel()]
                if torch is not None:
                    t = F.conv2d(torch.from_numpy(x), torch.from_numpy(w), None if b is None else torch.from_numpy(b),
                                 stride, padding, dilation, groups).numpy()
                    assert np.array_equal(t, out), case
                    checked += 1
            except ValueError as e:
                case["error"] = str(e)
            cases.append(case)
    text = json.dumps({"torch": None if torch is None else torch.__version__, "cases": cases},
                      separators=(",", ":"))
    (HERE / "conv2d.json").write_text(text + "\n")
    print(f"conv2d.json: {len(cases)} cases, {len(text)} bytes; checked against torch: {checked}")


if __name__ == "__main__":
    main()
