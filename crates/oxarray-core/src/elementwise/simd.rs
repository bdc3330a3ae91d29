//! SIMD registers per element type, and the loops that run an op's vector body over a
//! contiguous run.
//!
//! [`SimdElement`] names the pulp register type of an element type (`f64` -> `S::f64s`) with
//! unaligned loads and stores; [`simd_unary_run`] and [`simd_binary_run`] walk a run register by
//! register and finish the tail with the op's scalar function.

use crate::Element;
use pulp::Simd;

use super::ops::{Source, VectorBinaryOp, VectorUnaryOp};

/// An element type with a pulp register type.
pub trait SimdElement: Element {
    /// The register holding `lanes::<S>()` elements.
    type Vector<S: Simd>: Copy;

    /// A register with every lane equal to `x`.
    fn splat<S: Simd>(simd: S, x: Self) -> Self::Vector<S>;

    /// Number of elements in one register.
    #[inline(always)]
    fn lanes<S: Simd>() -> usize {
        size_of::<Self::Vector<S>>() / size_of::<Self>()
    }

    /// Loads `lanes::<S>()` elements from `ptr` (any alignment of `Self`).
    ///
    /// # Safety
    /// `ptr` must be valid for reading `lanes::<S>()` elements.
    #[inline(always)]
    unsafe fn load<S: Simd>(ptr: *const Self) -> Self::Vector<S> {
        // SAFETY: caller contract; registers are plain data of the lanes' bytes.
        unsafe { ptr.cast::<Self::Vector<S>>().read_unaligned() }
    }

    /// Stores a register at `ptr` (any alignment of `Self`).
    ///
    /// # Safety
    /// `ptr` must be valid for writing `lanes::<S>()` elements.
    #[inline(always)]
    unsafe fn store<S: Simd>(ptr: *mut Self, v: Self::Vector<S>) {
        // SAFETY: caller contract.
        unsafe { ptr.cast::<Self::Vector<S>>().write_unaligned(v) }
    }
}

macro_rules! simd_element {
    ($($t:ty => $vec:ident, $splat:ident;)*) => {$(
        impl SimdElement for $t {
            type Vector<S: Simd> = S::$vec;

            #[inline(always)]
            fn splat<S: Simd>(simd: S, x: Self) -> S::$vec {
                simd.$splat(x)
            }
        }
    )*};
}

simd_element! {
    f32 => f32s, splat_f32s;
    f64 => f64s, splat_f64s;
    i32 => i32s, splat_i32s;
    i64 => i64s, splat_i64s;
    u32 => u32s, splat_u32s;
    u64 => u64s, splat_u64s;
}

/// How many registers the loops below process per iteration: independent registers hide the
/// latency of the arithmetic behind the loads.
const UNROLL: usize = 4;

/// Runs `op`'s vector body over `len` contiguous elements from `src` into `dst`, and its scalar
/// function over the tail.
///
/// # Safety
/// As [`UnaryOp::contiguous`](super::ops::UnaryOp::contiguous).
#[inline(always)]
pub unsafe fn simd_unary_run<S: Simd, T: SimdElement, Op: VectorUnaryOp<T>>(
    op: Op,
    simd: S,
    src: *const T,
    dst: *mut T,
    len: usize,
) {
    let lanes = T::lanes::<S>();
    let mut i = 0;
    // SAFETY: every access is below `len` (loop bounds), caller contract. Each register is
    // loaded before the register at the same place is stored (in place is fine).
    unsafe {
        while i + UNROLL * lanes <= len {
            let mut r = [T::load::<S>(src.add(i)); UNROLL];
            for (k, v) in r.iter_mut().enumerate().skip(1) {
                *v = T::load::<S>(src.add(i + k * lanes));
            }
            for (k, v) in r.iter().enumerate() {
                T::store::<S>(dst.add(i + k * lanes), op.vector(simd, *v));
            }
            i += UNROLL * lanes;
        }
        while i + lanes <= len {
            T::store::<S>(dst.add(i), op.vector(simd, T::load::<S>(src.add(i))));
            i += lanes;
        }
        while i < len {
            dst.add(i).write(op.scalar(src.add(i).read()));
            i += 1;
        }
    }
}

/// Runs `op`'s vector body over `len` contiguous elements of `a` and `b` into `dst`, and its
/// scalar function over the tail.
///
/// # Safety
/// As [`BinaryOp::contiguous`](super::ops::BinaryOp::contiguous).
#[inline(always)]
pub unsafe fn simd_binary_run<S, T, Op, A, B>(op: Op, simd: S, a: A, b: B, dst: *mut T, len: usize)
where
    S: Simd,
    T: SimdElement,
    Op: VectorBinaryOp<T>,
    A: Source<T>,
    B: Source<T>,
{
    let lanes = T::lanes::<S>();
    let mut i = 0;
    // SAFETY: every access is below `len` (loop bounds), caller contract. Each register is
    // loaded before the register at the same place is stored (in place is fine).
    unsafe {
        while i + UNROLL * lanes <= len {
            let mut x = [a.load(simd, i); UNROLL];
            let mut y = [b.load(simd, i); UNROLL];
            for k in 1..UNROLL {
                x[k] = a.load(simd, i + k * lanes);
                y[k] = b.load(simd, i + k * lanes);
            }
            for k in 0..UNROLL {
                T::store::<S>(dst.add(i + k * lanes), op.vector(simd, x[k], y[k]));
            }
            i += UNROLL * lanes;
        }
        while i + lanes <= len {
            T::store::<S>(
                dst.add(i),
                op.vector(simd, a.load(simd, i), b.load(simd, i)),
            );
            i += lanes;
        }
        while i < len {
            dst.add(i).write(op.scalar(a.get(i), b.get(i)));
            i += 1;
        }
    }
}

/// Floating-point register arithmetic with NumPy's semantics, for the explicit vector bodies
/// of the ops (`Add`, `Maximum`, `Sqrt`, ...). Implemented for `f32` and `f64`.
pub trait SimdFloat: SimdElement {
    /// `a + b`.
    fn v_add<S: Simd>(simd: S, a: Self::Vector<S>, b: Self::Vector<S>) -> Self::Vector<S>;
    /// `a - b`.
    fn v_sub<S: Simd>(simd: S, a: Self::Vector<S>, b: Self::Vector<S>) -> Self::Vector<S>;
    /// `a * b`.
    fn v_mul<S: Simd>(simd: S, a: Self::Vector<S>, b: Self::Vector<S>) -> Self::Vector<S>;
    /// `a / b`.
    fn v_div<S: Simd>(simd: S, a: Self::Vector<S>, b: Self::Vector<S>) -> Self::Vector<S>;
    /// NumPy's `maximum`: NaN-propagating, the second of two equal values.
    fn v_maximum<S: Simd>(simd: S, a: Self::Vector<S>, b: Self::Vector<S>) -> Self::Vector<S>;
    /// NumPy's `minimum`.
    fn v_minimum<S: Simd>(simd: S, a: Self::Vector<S>, b: Self::Vector<S>) -> Self::Vector<S>;
    /// NumPy's `fmax`: NaN only where both are, the second of two equal values.
    fn v_fmax<S: Simd>(simd: S, a: Self::Vector<S>, b: Self::Vector<S>) -> Self::Vector<S>;
    /// NumPy's `fmin`.
    fn v_fmin<S: Simd>(simd: S, a: Self::Vector<S>, b: Self::Vector<S>) -> Self::Vector<S>;
    /// `sqrt(x)` (correctly rounded, as the scalar one).
    fn v_sqrt<S: Simd>(simd: S, x: Self::Vector<S>) -> Self::Vector<S>;
    /// `|x|` (clears the sign bit).
    fn v_abs<S: Simd>(simd: S, x: Self::Vector<S>) -> Self::Vector<S>;
    /// `-x` (flips the sign bit).
    fn v_neg<S: Simd>(simd: S, x: Self::Vector<S>) -> Self::Vector<S>;
}

macro_rules! simd_float {
    ($t:ty, $v:ident: $add:ident, $sub:ident, $mul:ident, $div:ident, $gt:ident, $lt:ident,
     $eq:ident, $or:ident, $not:ident, $select:ident, $sqrt:ident, $abs:ident, $xor:ident,
     $splat:ident) => {
        impl SimdFloat for $t {
            #[inline(always)]
            fn v_add<S: Simd>(simd: S, a: S::$v, b: S::$v) -> S::$v {
                simd.$add(a, b)
            }
            #[inline(always)]
            fn v_sub<S: Simd>(simd: S, a: S::$v, b: S::$v) -> S::$v {
                simd.$sub(a, b)
            }
            #[inline(always)]
            fn v_mul<S: Simd>(simd: S, a: S::$v, b: S::$v) -> S::$v {
                simd.$mul(a, b)
            }
            #[inline(always)]
            fn v_div<S: Simd>(simd: S, a: S::$v, b: S::$v) -> S::$v {
                simd.$div(a, b)
            }
            #[inline(always)]
            fn v_maximum<S: Simd>(simd: S, a: S::$v, b: S::$v) -> S::$v {
                let a_nan = simd.$not(simd.$eq(a, a));
                simd.$select(simd.$or(simd.$gt(a, b), a_nan), a, b)
            }
            #[inline(always)]
            fn v_minimum<S: Simd>(simd: S, a: S::$v, b: S::$v) -> S::$v {
                let a_nan = simd.$not(simd.$eq(a, a));
                simd.$select(simd.$or(simd.$lt(a, b), a_nan), a, b)
            }
            #[inline(always)]
            fn v_fmax<S: Simd>(simd: S, a: S::$v, b: S::$v) -> S::$v {
                let b_nan = simd.$not(simd.$eq(b, b));
                simd.$select(simd.$or(simd.$gt(a, b), b_nan), a, b)
            }
            #[inline(always)]
            fn v_fmin<S: Simd>(simd: S, a: S::$v, b: S::$v) -> S::$v {
                let b_nan = simd.$not(simd.$eq(b, b));
                simd.$select(simd.$or(simd.$lt(a, b), b_nan), a, b)
            }
            #[inline(always)]
            fn v_sqrt<S: Simd>(simd: S, x: S::$v) -> S::$v {
                simd.$sqrt(x)
            }
            #[inline(always)]
            fn v_abs<S: Simd>(simd: S, x: S::$v) -> S::$v {
                simd.$abs(x)
            }
            #[inline(always)]
            fn v_neg<S: Simd>(simd: S, x: S::$v) -> S::$v {
                simd.$xor(x, simd.$splat(-0.0))
            }
        }
    };
}

simd_float!(f32, f32s: add_f32s, sub_f32s, mul_f32s, div_f32s, greater_than_f32s, less_than_f32s,
    equal_f32s, or_m32s, not_m32s, select_f32s, sqrt_f32s, abs_f32s, xor_f32s, splat_f32s);
simd_float!(f64, f64s: add_f64s, sub_f64s, mul_f64s, div_f64s, greater_than_f64s, less_than_f64s,
    equal_f64s, or_m64s, not_m64s, select_f64s, sqrt_f64s, abs_f64s, xor_f64s, splat_f64s);
