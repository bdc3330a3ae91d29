"""C-conv-5x5: 5x5 valid convolution, beside SciPy (and PyTorch's CPU conv2d when importable);
C-conv-nchw: torch.nn.functional.conv2d of a (16, 64, 56, 56) f32 batch with (64, 64, 3, 3)
weights and padding 1, when torch is importable.

C-conv itself (the 3x3 sweep) is measured in bench_numpy.py.

`run(b)` is called by bench_numpy.py with its Bench object: `b.wants(id)`, `b.quick`,
`b.run(id, n, impl, fn, flops=None, nbytes=None, sync=None)`.
"""

import numpy as np

try:
    import scipy.ndimage
    import scipy.signal

    HAVE_SCIPY = True
except ImportError:
    HAVE_SCIPY = False

try:
    import torch
    import torch.nn.functional as torch_f

    HAVE_TORCH = True
except ImportError:
    HAVE_TORCH = False


def sizes_c_conv_5x5(quick):
    """The same list as benches/src/sizes.rs `c_conv_5x5`."""
    return [1000, 4000, 8000] if quick else [1000, 2000, 4000, 8000, 16000]


def run(b):
    if HAVE_TORCH and b.wants("C-conv-nchw"):
        x = torch.randn(16, 64, 56, 56, dtype=torch.float32)
        w = torch.randn(64, 64, 3, 3, dtype=torch.float32)
        flops = 2.0 * 16 * 64 * 56 * 56 * 64 * 9
        with torch.no_grad():
            b.run("C-conv-nchw", None, "torch", lambda: torch_f.conv2d(x, w, padding=1), flops=flops)
    if not b.wants("C-conv-5x5"):
        return
    k = np.full((5, 5), 1.0 / 25.0, dtype=np.float32)
    for n in sizes_c_conv_5x5(b.quick):
        i = np.arange(n)
        img = ((i[:, None] + i[None, :]) % 2).astype(np.float32)
        nbytes = 4 * (n * n + (n - 4) ** 2)
        if HAVE_SCIPY:
            b.run("C-conv-5x5", n, "scipy-signal", lambda: scipy.signal.convolve2d(img, k, mode="valid"),
                  nbytes=nbytes)
            b.run("C-conv-5x5", n, "scipy-ndimage", lambda: scipy.ndimage.convolve(img, k), nbytes=nbytes)
        if HAVE_TORCH:
            timg, tk = torch.from_numpy(img)[None, None], torch.from_numpy(k)[None, None]
            b.run("C-conv-5x5", n, "torch", lambda: torch_f.conv2d(timg, tk), nbytes=nbytes)
        del img
