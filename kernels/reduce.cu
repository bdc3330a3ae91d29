// Reductions over any set of axes. The Rust side permutes the input so that the kept axes
// come first and the reduced axes last; one block computes one output element: its threads
// stride over the reduced index space, then combine their partial results in shared memory
// (a tree, so sums are pairwise as NumPy's are).
//
// Entry points: `ox_reduce_<op>_<dtype>`, one line per (op, dtype) at the end of the module.

#define OX_REDUCE_THREADS 256

// Kept axes (operand 0: input strides, operand 2: output strides) and reduced axes
// (operand 0 of `red`). `aux` is a per-output value (the mean, for var/std).
struct OxReduce {
    OxStrided kept;
    OxStrided red;
};

template <class T, class A> struct OxSum { __device__ static A init() { return (A)0; } __device__ static A map(T x) { return (A)x; } __device__ static A combine(A a, A b) { return a + b; } };
template <class T, class A> struct OxProd { __device__ static A init() { return (A)1; } __device__ static A map(T x) { return (A)x; } __device__ static A combine(A a, A b) { return a * b; } };
template <class T, class A> struct OxMax { __device__ static A init() { return OxLimits<A>::lowest(); } __device__ static A map(T x) { return x; } __device__ static A combine(A a, A b) { return (a > b || ox_isnan(a)) ? a : b; } };
template <class T, class A> struct OxMin { __device__ static A init() { return OxLimits<A>::highest(); } __device__ static A map(T x) { return x; } __device__ static A combine(A a, A b) { return (a < b || ox_isnan(a)) ? a : b; } };
template <class T, class A> struct OxAny { __device__ static A init() { return false; } __device__ static A map(T x) { return x != (T)0; } __device__ static A combine(A a, A b) { return a || b; } };
template <class T, class A> struct OxAll { __device__ static A init() { return true; } __device__ static A map(T x) { return x != (T)0; } __device__ static A combine(A a, A b) { return a && b; } };

// One output element per block. `scale` multiplies the result (1 for sum, 1/n for mean);
// `mean` (may be null) is subtracted before squaring for var/std; `root` takes the square
// root (std).
// MODE 0: plain; 1: squared deviations from `mean` (var); 2: as 1, then the square root
// (std).
template <class R, class T, class A, class TO, int MODE>
__device__ void ox_reduce(TO* out, const T* in, const OxReduce& p, A scale, const A* mean) {
    __shared__ A part[OX_REDUCE_THREADS];
    for (i64 o = blockIdx.x; o < p.kept.size; o += gridDim.x) {
        i64 ko[3];
        ox_offsets<3>(p.kept, o, ko);
        A acc = R::init();
        A m = mean ? mean[o] : (A)0;
        for (i64 j = threadIdx.x; j < p.red.size; j += blockDim.x) {
            i64 ro[3];
            ox_offsets<1>(p.red, j, ro);
            A v = R::map(in[ko[0] + ro[0]]);
            if (MODE != 0) { v -= m; v *= v; }
            acc = R::combine(acc, v);
        }
        part[threadIdx.x] = acc;
        __syncthreads();
        for (int w = blockDim.x / 2; w > 0; w >>= 1) {
            if (threadIdx.x < w) part[threadIdx.x] = R::combine(part[threadIdx.x], part[threadIdx.x + w]);
            __syncthreads();
        }
        if (threadIdx.x == 0) {
            A r = part[0] * scale;
            if (MODE == 2) r = (A)sqrt((f64)r);
            out[ko[2]] = (TO)r;
        }
        __syncthreads();
    }
}

template <class T, class A>
__device__ void ox_reduce_flag(b1* out, const T* in, const OxReduce& p, int want_all) {
    if (want_all) ox_reduce<OxAll<T, b1>, T, b1, b1, 0>(out, in, p, true, 0);
    else ox_reduce<OxAny<T, b1>, T, b1, b1, 0>(out, in, p, true, 0);
}

// argmin / argmax: (value, index) pairs; NaN wins (the first NaN, as NumPy), ties go to the
// smaller index. The index counts in C order over the reduced axes.
template <class T, int MAX>
__device__ __forceinline__ void ox_arg_pick(T& v, i64& i, T w, i64 j) {
    bool take;
    if (ox_isnan(v) || ox_isnan(w)) take = ox_isnan(w) && (!ox_isnan(v) || j < i);
    else if (MAX ? (w > v) : (w < v)) take = true;
    else take = (w == v) && j < i;
    if (take) { v = w; i = j; }
}

template <class T, int MAX>
__device__ void ox_arg_reduce(i64* out, const T* in, const OxReduce& p) {
    __shared__ T vals[OX_REDUCE_THREADS];
    __shared__ i64 idxs[OX_REDUCE_THREADS];
    for (i64 o = blockIdx.x; o < p.kept.size; o += gridDim.x) {
        i64 ko[3];
        ox_offsets<3>(p.kept, o, ko);
        T v = MAX ? OxLimits<T>::lowest() : OxLimits<T>::highest();
        i64 best = 9223372036854775807LL;
        for (i64 j = threadIdx.x; j < p.red.size; j += blockDim.x) {
            i64 ro[3];
            ox_offsets<1>(p.red, j, ro);
            ox_arg_pick<T, MAX>(v, best, in[ko[0] + ro[0]], j);
        }
        vals[threadIdx.x] = v;
        idxs[threadIdx.x] = best;
        __syncthreads();
        for (int w = blockDim.x / 2; w > 0; w >>= 1) {
            if (threadIdx.x < w) {
                T a = vals[threadIdx.x];
                i64 ia = idxs[threadIdx.x];
                ox_arg_pick<T, MAX>(a, ia, vals[threadIdx.x + w], idxs[threadIdx.x + w]);
                vals[threadIdx.x] = a;
                idxs[threadIdx.x] = ia;
            }
            __syncthreads();
        }
        if (threadIdx.x == 0) out[ko[2]] = idxs[0];
        __syncthreads();
    }
}

// sum, prod, max, min: accumulate in A, store TO. mean: sum scaled by 1/n. var/std: sum of
// squared deviations from `mean` scaled by 1/(n - ddof).
#define OX_REDUCE_VALUE(NAME, R, TI, A, TO)                                                    \
    extern "C" __global__ void ox_reduce_##NAME##_##TI(TO* out, const TI* in, OxReduce p) {   \
        ox_reduce<R<TI, A>, TI, A, TO, 0>(out, in, p, (A)1, 0);                           \
    }
#define OX_REDUCE_MEAN(TI, A)                                                                  \
    extern "C" __global__ void ox_reduce_mean_##TI(A* out, const TI* in, OxReduce p, A scale) {\
        ox_reduce<OxSum<TI, A>, TI, A, A, 0>(out, in, p, scale, 0);                      \
    }                                                                                          \
    extern "C" __global__ void ox_reduce_var_##TI(A* out, const TI* in, OxReduce p, A scale,   \
                                                  const A* mean) {                             \
        ox_reduce<OxSum<TI, A>, TI, A, A, 1>(out, in, p, scale, mean);                         \
    }                                                                                          \
    extern "C" __global__ void ox_reduce_std_##TI(A* out, const TI* in, OxReduce p, A scale,   \
                                                  const A* mean) {                             \
        ox_reduce<OxSum<TI, A>, TI, A, A, 2>(out, in, p, scale, mean);                         \
    }
#define OX_REDUCE_FLAG(TI)                                                                     \
    extern "C" __global__ void ox_reduce_any_##TI(b1* out, const TI* in, OxReduce p) {        \
        ox_reduce_flag<TI, b1>(out, in, p, 0);                                                 \
    }                                                                                          \
    extern "C" __global__ void ox_reduce_all_##TI(b1* out, const TI* in, OxReduce p) {        \
        ox_reduce_flag<TI, b1>(out, in, p, 1);                                                 \
    }
#define OX_REDUCE_ARG(TI)                                                                      \
    extern "C" __global__ void ox_reduce_argmax_##TI(i64* out, const TI* in, OxReduce p) {    \
        ox_arg_reduce<TI, 1>(out, in, p);                                                      \
    }                                                                                          \
    extern "C" __global__ void ox_reduce_argmin_##TI(i64* out, const TI* in, OxReduce p) {    \
        ox_arg_reduce<TI, 0>(out, in, p);                                                      \
    }
