// Elementwise ufuncs, casts and fills. Each op is a device function `ox_op_<numpy name>`;
// the entry points are written by the OX_* macros at the end of the module, one line per
// (op, dtype) that the Rust catalogue (crates/oxarray-cuda/src/naming.rs) lists.
//
// Binary ops have two entry points: `ox_binary_<op>_<dtype>` for contiguous operands (either
// input may be a broadcast scalar: `a_step`/`b_step` 0) and `..._strided` for any views.

// ---- binary ops: (a, b) -> result, NumPy's rules per dtype ----
template <class T, class R> __device__ __forceinline__ R ox_op_add(T a, T b) { return (R)(a + b); }
template <> __device__ __forceinline__ b1 ox_op_add<b1, b1>(b1 a, b1 b) { return a || b; }
template <class T, class R> __device__ __forceinline__ R ox_op_subtract(T a, T b) { return (R)(a - b); }
template <class T, class R> __device__ __forceinline__ R ox_op_multiply(T a, T b) { return (R)(a * b); }
template <> __device__ __forceinline__ b1 ox_op_multiply<b1, b1>(b1 a, b1 b) { return a && b; }
template <class T, class R> __device__ __forceinline__ R ox_op_divide(T a, T b) { return (R)a / (R)b; }
template <class T, class R> __device__ __forceinline__ R ox_op_maximum(T a, T b) { return (a > b || ox_isnan(a)) ? a : b; }
template <class T, class R> __device__ __forceinline__ R ox_op_minimum(T a, T b) { return (a < b || ox_isnan(a)) ? a : b; }
template <class T, class R> __device__ __forceinline__ R ox_op_power(T a, T b) { return (R)pow(a, b); }
template <class T, class R> __device__ __forceinline__ R ox_op_arctan2(T a, T b) { return (R)atan2(a, b); }
template <class T, class R> __device__ __forceinline__ R ox_op_hypot(T a, T b) { return (R)hypot(a, b); }
template <class T, class R> __device__ __forceinline__ R ox_op_equal(T a, T b) { return a == b; }
template <class T, class R> __device__ __forceinline__ R ox_op_not_equal(T a, T b) { return a != b; }
template <class T, class R> __device__ __forceinline__ R ox_op_less(T a, T b) { return a < b; }
template <class T, class R> __device__ __forceinline__ R ox_op_less_equal(T a, T b) { return a <= b; }
template <class T, class R> __device__ __forceinline__ R ox_op_greater(T a, T b) { return a > b; }
template <class T, class R> __device__ __forceinline__ R ox_op_greater_equal(T a, T b) { return a >= b; }
template <class T, class R> __device__ __forceinline__ R ox_op_logical_and(T a, T b) { return a != (T)0 && b != (T)0; }
template <class T, class R> __device__ __forceinline__ R ox_op_logical_or(T a, T b) { return a != (T)0 || b != (T)0; }
template <class T, class R> __device__ __forceinline__ R ox_op_logical_xor(T a, T b) { return (a != (T)0) != (b != (T)0); }
template <class T, class R> __device__ __forceinline__ R ox_op_bitwise_and(T a, T b) { return a & b; }
template <class T, class R> __device__ __forceinline__ R ox_op_bitwise_or(T a, T b) { return a | b; }
template <class T, class R> __device__ __forceinline__ R ox_op_bitwise_xor(T a, T b) { return a ^ b; }

// ---- unary ops: x -> result ----
template <class T, class R> __device__ __forceinline__ R ox_op_negative(T x) { return (R)(-x); }
template <class T, class R> __device__ __forceinline__ R ox_op_absolute(T x) { return x < (T)0 ? (R)(-x) : (R)x; }
template <class T, class R> __device__ __forceinline__ R ox_op_square(T x) { return (R)(x * x); }
template <class T, class R> __device__ __forceinline__ R ox_op_sqrt(T x) { return (R)sqrt((R)x); }
template <class T, class R> __device__ __forceinline__ R ox_op_exp(T x) { return (R)exp((R)x); }
template <class T, class R> __device__ __forceinline__ R ox_op_log(T x) { return (R)log((R)x); }
template <class T, class R> __device__ __forceinline__ R ox_op_sin(T x) { return (R)sin((R)x); }
template <class T, class R> __device__ __forceinline__ R ox_op_cos(T x) { return (R)cos((R)x); }
template <class T, class R> __device__ __forceinline__ R ox_op_tanh(T x) { return (R)tanh((R)x); }
template <class T, class R> __device__ __forceinline__ R ox_op_floor(T x) { return (R)floor(x); }
template <class T, class R> __device__ __forceinline__ R ox_op_ceil(T x) { return (R)ceil(x); }
template <class T, class R> __device__ __forceinline__ R ox_op_isnan(T x) { return ox_isnan(x); }
template <class T, class R> __device__ __forceinline__ R ox_op_logical_not(T x) { return x == (T)0; }

#define OX_BINARY(NAME, TI, TO)                                                                \
    extern "C" __global__ void ox_binary_##NAME##_##TI(TO* out, const TI* a, const TI* b,      \
                                                        i64 a_step, i64 b_step, i64 n) {       \
        OX_FOR(i, n) { out[i] = ox_op_##NAME<TI, TO>(a[i * a_step], b[i * b_step]); }          \
    }                                                                                          \
    extern "C" __global__ void ox_binary_##NAME##_##TI##_strided(TO* out, const TI* a,         \
                                                                const TI* b, OxStrided s) {    \
        OX_FOR(i, s.size) {                                                                    \
            i64 off[3];                                                                        \
            ox_offsets<3>(s, i, off);                                                          \
            out[off[2]] = ox_op_##NAME<TI, TO>(a[off[0]], b[off[1]]);                          \
        }                                                                                      \
    }

#define OX_UNARY(NAME, TI, TO)                                                                 \
    extern "C" __global__ void ox_unary_##NAME##_##TI(TO* out, const TI* a, i64 n) {           \
        OX_FOR(i, n) { out[i] = ox_op_##NAME<TI, TO>(a[i]); }                                   \
    }                                                                                          \
    extern "C" __global__ void ox_unary_##NAME##_##TI##_strided(TO* out, const TI* a,          \
                                                               OxStrided s) {                  \
        OX_FOR(i, s.size) {                                                                    \
            i64 off[3];                                                                        \
            ox_offsets<3>(s, i, off);                                                          \
            out[off[2]] = ox_op_##NAME<TI, TO>(a[off[0]]);                                     \
        }                                                                                      \
    }

// astype / ascontiguousarray / copy: out[...] = cast(a[...]) over any two views (operands 0
// and 2 of `s`).
#define OX_CAST(TI, TO)                                                                        \
    extern "C" __global__ void ox_cast_##TI##_##TO(TO* out, const TI* a, OxStrided s) {        \
        OX_FOR(i, s.size) {                                                                    \
            i64 off[3];                                                                        \
            ox_offsets<3>(s, i, off);                                                          \
            out[off[2]] = ox_cast<TO, TI>(a[off[0]]);                                          \
        }                                                                                      \
    }

// Creation: full, arange (start + i * step) and linspace (NumPy's: start + i * step, the
// last element exactly `stop` when `endpoint`), computed in f64 and cast.
#define OX_CREATE(T)                                                                           \
    extern "C" __global__ void ox_fill_##T(T* out, T value, i64 n) {                           \
        OX_FOR(i, n) { out[i] = value; }                                                       \
    }                                                                                          \
    extern "C" __global__ void ox_arange_##T(T* out, f64 start, f64 step, i64 n) {             \
        OX_FOR(i, n) { out[i] = ox_cast<T, f64>(start + (f64)i * step); }                      \
    }                                                                                          \
    extern "C" __global__ void ox_linspace_##T(T* out, f64 start, f64 step, f64 stop,          \
                                               i32 endpoint, i64 n) {                          \
        OX_FOR(i, n) {                                                                         \
            f64 v = (endpoint && i == n - 1 && n > 1) ? stop : start + (f64)i * step;          \
            out[i] = ox_cast<T, f64>(v);                                                       \
        }                                                                                      \
    }
