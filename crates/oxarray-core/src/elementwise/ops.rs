//! The operation types of the elementwise ufuncs and the traits that give them meaning.
//!
//! # How an op is defined
//!
//! An op is a zero-sized `Copy` type ([`Add`], [`Sqrt`], [`Less`], ...) that implements
//! [`Ufunc`] (its NumPy name) and then one trait impl per element type it supports:
//!
//! * [`UnaryOp<T>`] or [`BinaryOp<T>`]:
//!   - `type Output`: the result element type, chosen as NumPy's type resolution does
//!     (`Sqrt` on `i32` gives `f64`, on `i8` gives `f16`; `Less` gives `bool`; `Divide` on
//!     integers gives `f64`);
//!   - `fn scalar`: the reference scalar function. It defines the op; every other path must
//!     agree with it (exactly, or within the ulp bound of the module docs);
//!   - `unsafe fn contiguous` (optional): the body for one contiguous run. The kernel calls it
//!     inside `pulp::Arch::dispatch`, so it is compiled once per instruction set (AVX-512,
//!     AVX2, NEON, scalar). The default calls `scalar` in a plain loop, which LLVM vectorises
//!     under the dispatched target features where it can (integer and simple float ops).
//!     Binary runs take their operands as [`Source`]s: a pointer ([`Contiguous`]) or a
//!     broadcast scalar ([`Splat`]), so that `x * 2.5` is as fast as `x * y`.
//! * [`VectorUnaryOp<T>`] or [`VectorBinaryOp<T>`], for `T: SimdElement` (`f32`, `f64`), where an
//!   explicit pulp body exists: `fn vector(self, simd, a, b) -> T::Vector<S>` computes one
//!   register of lanes. Ops that have one override `contiguous` with
//!   [`simd_binary_run`](crate::elementwise::simd::simd_binary_run) /
//!   [`simd_unary_run`](crate::elementwise::simd::simd_unary_run), which run the vector body
//!   over whole registers and `scalar` over the tail.
//!
//! A fused-expression evaluator can reuse both levels: `VectorBinaryOp::vector` on registers
//! for the body of a block and `BinaryOp::scalar` for the tail and for element types without a
//! vector body.
//!
//! ```
//! use oxarray_core::elementwise::ops::{Add, BinaryOp, Sqrt, Ufunc, UnaryOp};
//! assert_eq!(Add.scalar(i8::MAX, 1), i8::MIN); // NumPy wraps integers
//! let r: f64 = Sqrt.scalar(16i32); // int -> float64, as NumPy
//! assert_eq!(r, 4.0);
//! assert_eq!(<Add as Ufunc>::NAME, "add");
//! ```
//!
//! The run-time (`DynArray`) entry points of `oxarray-ufunc` add a trait per kind, implemented
//! for every op from the list of dtypes it supports.

use std::fmt::Debug;

use crate::{ArrayView, Element, Result};
use pulp::Simd;

use super::simd::SimdElement;

/// An elementwise operation: a zero-sized type with NumPy's name.
pub trait Ufunc: Copy + Default + Debug + Send + Sync + 'static {
    /// The NumPy name (`"add"`, `"sqrt"`, ...), used in error messages.
    const NAME: &'static str;
}

/// A unary operation on elements of type `T`.
pub trait UnaryOp<T: Element>: Ufunc {
    /// The result element type (NumPy's type resolution).
    type Output: Element;

    /// Whether the contiguous body is compiled per instruction set and used. `false` for ops
    /// whose scalar function calls libm per element (nothing to vectorise): the kernel then
    /// runs the scalar loop everywhere, and the SIMD variants are not compiled at all.
    const VECTORIZE: bool = true;

    /// The reference scalar function.
    fn scalar(self, x: T) -> Self::Output;

    /// Writes `scalar(src[i])` to `dst[i]` for `i < len`: the contiguous (SIMD) path, called
    /// under pulp's dispatched target features.
    ///
    /// # Safety
    /// `src` must be valid for reading `len` elements and `dst` for writing `len` elements.
    /// `dst` may equal `src` (in place) but must not otherwise overlap it.
    #[inline(always)]
    unsafe fn contiguous<S: Simd>(
        self,
        simd: S,
        src: *const T,
        dst: *mut Self::Output,
        len: usize,
    ) {
        let _ = simd;
        for i in 0..len {
            // SAFETY: `i < len`, caller contract; each element is read before it is written.
            unsafe { dst.add(i).write(self.scalar(src.add(i).read())) };
        }
    }
}

/// A binary operation on elements of type `T` (both operands have type `T`; mixed dtypes are
/// promoted first, by `oxarray_ufunc::binary_dyn`).
pub trait BinaryOp<T: Element>: Ufunc {
    /// The result element type (NumPy's type resolution).
    type Output: Element;

    /// Whether the contiguous body is compiled per instruction set and used. `false` for ops
    /// whose scalar function calls libm per element (nothing to vectorise): the kernel then
    /// runs the scalar loop everywhere, and the SIMD variants are not compiled at all.
    const VECTORIZE: bool = true;

    /// Whether [`check_operands`](BinaryOp::check_operands) has anything to check (a constant,
    /// so that ops without a check pay nothing).
    const CHECKS_OPERANDS: bool = false;

    /// Validates the operands (already broadcast to the result's shape) before the loop runs,
    /// for the inputs NumPy refuses as a whole rather than element by element: integer `power`
    /// with a negative exponent is a `ValueError` in NumPy, an error here. Called only when
    /// [`CHECKS_OPERANDS`](BinaryOp::CHECKS_OPERANDS) is true.
    fn check_operands(a: &ArrayView<'_, T>, b: &ArrayView<'_, T>) -> Result<()> {
        let _ = (a, b);
        Ok(())
    }

    /// The reference scalar function.
    fn scalar(self, a: T, b: T) -> Self::Output;

    /// Writes `scalar(a[i], b[i])` to `dst[i]` for `i < len`: the contiguous (SIMD) path, called
    /// under pulp's dispatched target features. Each operand is a pointer or a broadcast scalar.
    ///
    /// # Safety
    /// The sources must be valid for reading `len` elements and `dst` for writing `len`
    /// elements. `dst` may equal a source pointer (in place) but must not otherwise overlap it.
    #[inline(always)]
    unsafe fn contiguous<S: Simd, A: Source<T>, B: Source<T>>(
        self,
        simd: S,
        a: A,
        b: B,
        dst: *mut Self::Output,
        len: usize,
    ) {
        let _ = simd;
        for i in 0..len {
            // SAFETY: `i < len`, caller contract; each element is read before it is written.
            unsafe { dst.add(i).write(self.scalar(a.get(i), b.get(i))) };
        }
    }
}

/// The explicit SIMD body of a unary op on `T` (one register of lanes). Must agree with
/// [`UnaryOp::scalar`] lane by lane.
pub trait VectorUnaryOp<T: SimdElement>: UnaryOp<T, Output = T> {
    /// One register of results.
    fn vector<S: Simd>(self, simd: S, x: T::Vector<S>) -> T::Vector<S>;
}

/// The explicit SIMD body of a binary op on `T` (one register of lanes). Must agree with
/// [`BinaryOp::scalar`] lane by lane.
pub trait VectorBinaryOp<T: SimdElement>: BinaryOp<T, Output = T> {
    /// One register of results.
    fn vector<S: Simd>(self, simd: S, a: T::Vector<S>, b: T::Vector<S>) -> T::Vector<S>;
}

/// One operand of a contiguous binary run: a unit-stride pointer or a broadcast scalar.
pub trait Source<T: Element>: Copy {
    /// Element `i` of the run.
    ///
    /// # Safety
    /// `i` must be inside the run the source was made for.
    unsafe fn get(self, i: usize) -> T;

    /// Lanes `i..i + lanes` of the run as one register.
    ///
    /// # Safety
    /// The lanes must be inside the run the source was made for.
    unsafe fn load<S: Simd>(self, simd: S, i: usize) -> T::Vector<S>
    where
        T: SimdElement;
}

/// A unit-stride operand: element `i` is at `ptr + i`.
#[derive(Debug, Clone, Copy)]
pub struct Contiguous<T>(pub *const T);

/// A broadcast operand (stride 0): every element is the same value.
#[derive(Debug, Clone, Copy)]
pub struct Splat<T>(pub T);

impl<T: Element> Source<T> for Contiguous<T> {
    #[inline(always)]
    unsafe fn get(self, i: usize) -> T {
        // SAFETY: caller contract.
        unsafe { self.0.add(i).read() }
    }

    #[inline(always)]
    unsafe fn load<S: Simd>(self, simd: S, i: usize) -> T::Vector<S>
    where
        T: SimdElement,
    {
        let _ = simd;
        // SAFETY: caller contract: the lanes are inside the run.
        unsafe { T::load::<S>(self.0.add(i)) }
    }
}

impl<T: Element> Source<T> for Splat<T> {
    #[inline(always)]
    unsafe fn get(self, _i: usize) -> T {
        self.0
    }

    #[inline(always)]
    unsafe fn load<S: Simd>(self, simd: S, _i: usize) -> T::Vector<S>
    where
        T: SimdElement,
    {
        T::splat(simd, self.0)
    }
}

macro_rules! declare_ops {
    ($($(#[$doc:meta])* $name:ident = $numpy:literal;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $name;

        impl Ufunc for $name {
            const NAME: &'static str = $numpy;
        }
    )*};
}

declare_ops! {
    /// `np.add`: `a + b` (integers wrap; `or` on bool).
    Add = "add";
    /// `np.subtract`: `a - b` (integers wrap; not on bool).
    Subtract = "subtract";
    /// `np.multiply`: `a * b` (integers wrap; `and` on bool).
    Multiply = "multiply";
    /// `np.divide` (`true_divide`): `a / b`; integers give `f64`.
    Divide = "divide";
    /// `np.floor_divide`: `a // b` rounded toward negative infinity; integer `x // 0` is 0.
    FloorDivide = "floor_divide";
    /// `np.remainder` (`mod`): Python's `%`, the sign of the divisor; integer `x % 0` is 0.
    Remainder = "remainder";
    /// `np.power`: `a ** b` (integers wrap; a negative exponent of a signed integer type is
    /// [`Error::NegativeIntegerPower`](crate::Error::NegativeIntegerPower), as NumPy's
    /// `ValueError`).
    Power = "power";
    /// `np.maximum`: the larger, NaN-propagating.
    Maximum = "maximum";
    /// `np.minimum`: the smaller, NaN-propagating.
    Minimum = "minimum";
    /// `np.fmax`: the larger, ignoring NaN (NaN only when both are).
    Fmax = "fmax";
    /// `np.fmin`: the smaller, ignoring NaN (NaN only when both are).
    Fmin = "fmin";
    /// `np.arctan2(y, x)`: the angle of the point `(x, y)`.
    Arctan2 = "arctan2";
    /// `np.hypot`: `sqrt(a² + b²)` without undue overflow.
    Hypot = "hypot";
    /// `np.copysign`: the magnitude of `a` with the sign of `b`.
    Copysign = "copysign";
    /// `np.equal`: `a == b` as bool.
    Equal = "equal";
    /// `np.not_equal`: `a != b` as bool.
    NotEqual = "not_equal";
    /// `np.less`: `a < b` as bool (complex: lexicographic).
    Less = "less";
    /// `np.less_equal`: `a <= b` as bool.
    LessEqual = "less_equal";
    /// `np.greater`: `a > b` as bool.
    Greater = "greater";
    /// `np.greater_equal`: `a >= b` as bool.
    GreaterEqual = "greater_equal";
    /// `np.logical_and`: both non-zero.
    LogicalAnd = "logical_and";
    /// `np.logical_or`: either non-zero.
    LogicalOr = "logical_or";
    /// `np.logical_xor`: exactly one non-zero.
    LogicalXor = "logical_xor";
    /// `np.logical_not`: zero.
    LogicalNot = "logical_not";
    /// `np.bitwise_and`: `a & b` on integers and bool.
    BitwiseAnd = "bitwise_and";
    /// `np.bitwise_or`: `a | b` on integers and bool.
    BitwiseOr = "bitwise_or";
    /// `np.bitwise_xor`: `a ^ b` on integers and bool.
    BitwiseXor = "bitwise_xor";
    /// `np.bitwise_not` (`invert`): `!a` on integers and bool.
    BitwiseNot = "bitwise_not";
    /// `np.left_shift`: `a << b`; shifting by the bit width or more gives 0.
    LeftShift = "left_shift";
    /// `np.right_shift`: `a >> b` (arithmetic for signed); by the bit width or more gives 0 or
    /// -1.
    RightShift = "right_shift";
    /// `np.negative`: `-x` (integers wrap; not on bool).
    Negative = "negative";
    /// `np.positive`: `+x`, a copy (not on bool, as NumPy 2).
    Positive = "positive";
    /// `np.absolute`: `|x|` (integers wrap: `abs(MIN) == MIN`; complex gives its real type).
    Abs = "absolute";
    /// `np.sign`: -1, 0 or 1 (NaN for NaN; `z / |z|` for complex).
    Sign = "sign";
    /// `np.sqrt`.
    Sqrt = "sqrt";
    /// `np.cbrt`.
    Cbrt = "cbrt";
    /// `np.square`: `x * x`.
    Square = "square";
    /// `np.reciprocal`: `1 / x` (integer division for integers).
    Reciprocal = "reciprocal";
    /// `np.exp`.
    Exp = "exp";
    /// `np.exp2`: `2 ** x`.
    Exp2 = "exp2";
    /// `np.expm1`: `exp(x) - 1`, accurate near 0.
    Expm1 = "expm1";
    /// `np.log`: natural logarithm.
    Log = "log";
    /// `np.log2`.
    Log2 = "log2";
    /// `np.log10`.
    Log10 = "log10";
    /// `np.log1p`: `log(1 + x)`, accurate near 0.
    Log1p = "log1p";
    /// `np.sin`.
    Sin = "sin";
    /// `np.cos`.
    Cos = "cos";
    /// `np.tan`.
    Tan = "tan";
    /// `np.arcsin`.
    Arcsin = "arcsin";
    /// `np.arccos`.
    Arccos = "arccos";
    /// `np.arctan`.
    Arctan = "arctan";
    /// `np.sinh`.
    Sinh = "sinh";
    /// `np.cosh`.
    Cosh = "cosh";
    /// `np.tanh`.
    Tanh = "tanh";
    /// `np.floor` (identity on integers and bool, as NumPy 2.3+).
    Floor = "floor";
    /// `np.ceil` (identity on integers and bool).
    Ceil = "ceil";
    /// `np.trunc` (identity on integers and bool).
    Trunc = "trunc";
    /// `np.rint`: round half to even.
    Rint = "rint";
    /// `np.isnan`.
    Isnan = "isnan";
    /// `np.isinf`.
    Isinf = "isinf";
    /// `np.isfinite`.
    Isfinite = "isfinite";
    /// `np.conjugate` (identity on real types).
    Conj = "conjugate";
    /// `np.real`: the real part (identity on real types).
    Real = "real";
    /// `np.imag`: the imaginary part (zero on real types).
    Imag = "imag";
    /// `np.angle`: the argument of a complex number (0 or pi for reals).
    Angle = "angle";
    /// `np.signbit`: whether the sign bit is set (`-0.0` and `-nan` included; `x < 0` for
    /// integers; not on complex).
    Signbit = "signbit";
    /// `np.heaviside(x, h0)`: 0 for `x < 0`, `h0` for `x == 0`, 1 for `x > 0`, NaN for NaN
    /// (integers and bool through the float type NumPy picks; not on complex).
    Heaviside = "heaviside";
    /// `np.isposinf`: `x == +inf` (false for integers; not on complex, as NumPy's `TypeError`).
    Isposinf = "isposinf";
    /// `np.isneginf`: `x == -inf` (false for integers; not on complex).
    Isneginf = "isneginf";
}

/// `np.isclose(a, b, rtol, atol, equal_nan)` as an elementwise op:
/// `|a - b| <= atol + rtol * |b|` where `b` is finite, or `a == b` (so infinities are close
/// only to themselves), or both NaN when `equal_nan`. Computed as NumPy does: in the float
/// type of `b` (integers and bool in `float64`), `rtol` and `atol` rounded to it, every step of
/// a half type rounded to it.
///
/// ```
/// use oxarray_core::elementwise::ops::{BinaryOp, Isclose};
/// let op = Isclose::default(); // rtol 1e-5, atol 1e-8, equal_nan false
/// assert!(op.scalar(1.0f64, 1.0 + 1e-6));
/// assert!(!op.scalar(f64::NAN, f64::NAN));
/// assert!(Isclose { equal_nan: true, ..op }.scalar(f64::NAN, f64::NAN));
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Isclose {
    /// The relative tolerance (NumPy's default `1e-5`).
    pub rtol: f64,
    /// The absolute tolerance (NumPy's default `1e-8`).
    pub atol: f64,
    /// Whether two NaNs are close.
    pub equal_nan: bool,
}

impl Default for Isclose {
    fn default() -> Self {
        Isclose {
            rtol: 1e-5,
            atol: 1e-8,
            equal_nan: false,
        }
    }
}

impl Ufunc for Isclose {
    const NAME: &'static str = "isclose";
}

/// `np.round(x, decimals)` (`around`) as an elementwise op, computed as NumPy's
/// `PyArray_Round`: `rint(x * 10**d) / 10**d` for `d > 0`, `rint(x / 10**-d) * 10**-d` for
/// `d < 0`, each step in the array's own float type (so halves round to even *after* the
/// scaling, as NumPy); integers are unchanged for `d >= 0` and computed in `float64` and cast
/// back (wrapping) for `d < 0`; complex numbers round both parts.
///
/// ```
/// use oxarray_core::elementwise::ops::{Round, UnaryOp};
/// assert_eq!(Round { decimals: 0 }.scalar(2.5f64), 2.0);
/// assert_eq!(Round { decimals: 1 }.scalar(0.25f64), 0.2);
/// assert_eq!(Round { decimals: -2 }.scalar(1250i64), 1200);
/// ```
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Round {
    /// The number of decimals (negative: to the left of the point).
    pub decimals: i32,
}

impl Ufunc for Round {
    const NAME: &'static str = "round";
}

/// `np.nan_to_num(x, nan, posinf, neginf)` as an elementwise op: NaN becomes `nan`, `+inf`
/// becomes `posinf` (default: the type's largest finite value), `-inf` becomes `neginf`
/// (default: the most negative finite value), each rounded to the element type; complex
/// numbers are treated part by part, integers and bool are unchanged.
///
/// ```
/// use oxarray_core::elementwise::ops::{NanToNum, UnaryOp};
/// let op = NanToNum::default();
/// assert_eq!(op.scalar(f64::NAN), 0.0);
/// assert_eq!(op.scalar(f32::INFINITY), f32::MAX);
/// assert_eq!(NanToNum { neginf: Some(-1.0), ..op }.scalar(f64::NEG_INFINITY), -1.0);
/// ```
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct NanToNum {
    /// The value for NaN (NumPy's default 0.0).
    pub nan: f64,
    /// The value for `+inf` (`None`: the largest finite value of the type).
    pub posinf: Option<f64>,
    /// The value for `-inf` (`None`: the most negative finite value of the type).
    pub neginf: Option<f64>,
}

impl Ufunc for NanToNum {
    const NAME: &'static str = "nan_to_num";
}
