// Direct 2-D convolution / correlation with SciPy's modes and boundaries (the semantics of
// oxarray-conv): out[i, j] = sum_{p, q} taps[p, q] * image[i + p - off_r, j + q - off_c],
// where `taps` is the kernel (correlate) or the kernel turned by 180 degrees (convolve,
// `flip`), and image positions outside the image follow the boundary: 0 fill with
// `fillvalue`, 1 wrap, 2 symm (reflect with the edge repeated). One thread per output
// element; the kernel taps are read through the read-only cache.

__device__ __forceinline__ i64 ox_edge(i64 i, i64 n, int boundary) {
    if (i >= 0 && i < n) return i;
    if (boundary == 1) { i %= n; return i < 0 ? i + n : i; }
    // symm: period 2n, reflected with the edge repeated
    i64 period = 2 * n;
    i %= period;
    if (i < 0) i += period;
    return i < n ? i : period - 1 - i;
}

template <class T>
__device__ void ox_conv2d(T* out, const T* img, const T* ker, i64 rows, i64 cols,
                          i64 img_rs, i64 img_cs, i64 kr, i64 kc, i64 ker_rs, i64 ker_cs,
                          i64 out_rows, i64 out_cols, i64 off_r, i64 off_c, int flip,
                          int boundary, T fill) {
    OX_FOR(o, out_rows * out_cols) {
        i64 i = o / out_cols, j = o % out_cols;
        T acc = (T)0;
        for (i64 p = 0; p < kr; ++p) {
            i64 r = i + p - off_r;
            bool r_in = r >= 0 && r < rows;
            if (!r_in && boundary != 0) r = ox_edge(r, rows, boundary);
            for (i64 q = 0; q < kc; ++q) {
                i64 c = j + q - off_c;
                bool c_in = c >= 0 && c < cols;
                if (!c_in && boundary != 0) c = ox_edge(c, cols, boundary);
                i64 tp = flip ? kr - 1 - p : p, tq = flip ? kc - 1 - q : q;
                T w = ker[tp * ker_rs + tq * ker_cs];
                T x = (boundary == 0 && !(r_in && c_in)) ? fill : img[r * img_rs + c * img_cs];
                acc += w * x;
            }
        }
        out[o] = acc;
    }
}

#define OX_CONV2D(T)                                                                           \
    extern "C" __global__ void ox_conv2d_direct_##T(                                           \
        T* out, const T* img, const T* ker, i64 rows, i64 cols, i64 img_rs, i64 img_cs,        \
        i64 kr, i64 kc, i64 ker_rs, i64 ker_cs, i64 out_rows, i64 out_cols, i64 off_r,         \
        i64 off_c, i32 flip, i32 boundary, T fill) {                                           \
        ox_conv2d<T>(out, img, ker, rows, cols, img_rs, img_cs, kr, kc, ker_rs, ker_cs,        \
                     out_rows, out_cols, off_r, off_c, flip, boundary, fill);                  \
    }
