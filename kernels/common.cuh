// Shared definitions of every oxarray CUDA module. NVRTC has no C library headers: the types
// and limits needed are spelled here. The Rust side prepends this file to each module.

typedef bool b1;
typedef signed char i8;
typedef short i16;
typedef int i32;
typedef long long i64;
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef float f32;
typedef double f64;

// Must equal MAX_DIMS in crates/oxarray-cuda/src/launch.rs.
#define OX_MAX_DIMS 8

// Up to three operands (two inputs and the output) over one index space: `shape[ndim]`, the
// strides of each operand in elements, the offset of each operand's element [0, ..., 0].
struct OxStrided {
    i64 shape[OX_MAX_DIMS];
    i64 strides[3][OX_MAX_DIMS];
    i64 offset[3];
    i64 size;
    i32 ndim;
    i32 pad_;
};

// The element offsets of linear index `i` (C order over `shape`) in operands 0..K, for
// `OxStrided` or any struct of the same fields with more operands (fused kernels).
template <int K, class S>
__device__ __forceinline__ void ox_offsets(const S& s, i64 i, i64* off) {
    for (int k = 0; k < K; ++k) off[k] = s.offset[k];
    for (int d = s.ndim - 1; d >= 0; --d) {
        i64 len = s.shape[d];
        i64 idx = i % len;
        i /= len;
        for (int k = 0; k < K; ++k) off[k] += idx * s.strides[k][d];
    }
}

template <class T> struct OxLimits;
template <> struct OxLimits<b1> { __device__ static b1 lowest() { return false; } __device__ static b1 highest() { return true; } };
template <> struct OxLimits<i8> { __device__ static i8 lowest() { return -128; } __device__ static i8 highest() { return 127; } };
template <> struct OxLimits<i16> { __device__ static i16 lowest() { return -32768; } __device__ static i16 highest() { return 32767; } };
template <> struct OxLimits<i32> { __device__ static i32 lowest() { return -2147483647 - 1; } __device__ static i32 highest() { return 2147483647; } };
template <> struct OxLimits<i64> { __device__ static i64 lowest() { return -9223372036854775807LL - 1; } __device__ static i64 highest() { return 9223372036854775807LL; } };
template <> struct OxLimits<u8> { __device__ static u8 lowest() { return 0; } __device__ static u8 highest() { return 255; } };
template <> struct OxLimits<u16> { __device__ static u16 lowest() { return 0; } __device__ static u16 highest() { return 65535; } };
template <> struct OxLimits<u32> { __device__ static u32 lowest() { return 0; } __device__ static u32 highest() { return 4294967295u; } };
template <> struct OxLimits<u64> { __device__ static u64 lowest() { return 0; } __device__ static u64 highest() { return 18446744073709551615ull; } };
template <> struct OxLimits<f32> { __device__ static f32 lowest() { return -__int_as_float(0x7f800000); } __device__ static f32 highest() { return __int_as_float(0x7f800000); } };
template <> struct OxLimits<f64> { __device__ static f64 lowest() { return -__longlong_as_double(0x7ff0000000000000LL); } __device__ static f64 highest() { return __longlong_as_double(0x7ff0000000000000LL); } };

template <class T> __device__ __forceinline__ bool ox_isnan(T x) { return x != x; }

// NumPy's astype: bool is `x != 0`; float to integer saturates with NaN -> 0 (PTX `cvt`
// saturates, as Rust's `as`, the documented difference from NumPy's undefined behaviour).
template <class TO, class TI> __device__ __forceinline__ TO ox_cast(TI x) { return (TO)x; }
template <> __device__ __forceinline__ b1 ox_cast<b1, f32>(f32 x) { return x != 0.0f; }
template <> __device__ __forceinline__ b1 ox_cast<b1, f64>(f64 x) { return x != 0.0; }

// Grid-stride loop over `n` elements.
#define OX_FOR(i, n) for (i64 i = (i64)blockIdx.x * blockDim.x + threadIdx.x; i < (n); i += (i64)blockDim.x * gridDim.x)
