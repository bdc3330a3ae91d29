//! Per-dtype impls of the floating-point functions (sqrt, exp, log, trigonometry, rounding,
//! arctan2, hypot, copysign), the float classification tests and the complex-part functions.
//!
//! `f32` and `f64` call the platform's libm through `std`; half types compute in `f32` and
//! round once (as NumPy's half loops do); bool and integers are cast to the float type NumPy
//! picks (bool, int8, uint8 -> float16; int16, uint16 -> float32; wider -> float64).

use crate::{Complex32, Complex64, bf16, f16};
use num_complex::Complex;
use num_traits::Float;

use super::rules::complex_sqrt;

/// Writes the impls of float functions: f32/f64 through `$f`, halves through f32, integers
/// through their float type, and complex through `$c` when given.
macro_rules! float_function {
    ($op:ident, |$x:ident| $f:expr $(, complex |$z:ident| $c:expr)?) => {
        unary!(libm $op; f32 => f32, f64 => f64; |$x| $f);
        unary_half_via_f32!($op);
        unary_ints_via_float!($op);
        $(unary!(libm $op; Complex32 => Complex32, Complex64 => Complex64; |$z| $c);)?
    };
}

unary_simd!(Sqrt, v_sqrt; |x| x.sqrt());
unary_half_via_f32!(Sqrt);
unary_ints_via_float!(Sqrt);
unary!(libm Sqrt; Complex32 => Complex32, Complex64 => Complex64; |z| complex_sqrt(z));

float_function!(Cbrt, |x| x.cbrt());
float_function!(Exp, |x| x.exp(), complex | z | z.exp());
float_function!(Exp2, |x| x.exp2(), complex | z | z.exp2());
float_function!(Expm1, |x| x.exp_m1(), complex | z | complex_expm1(z));
float_function!(Log, |x| x.ln(), complex | z | z.ln());
float_function!(Log2, |x| x.log2(), complex | z | z.log2());
float_function!(Log10, |x| x.log10(), complex | z | z.log10());
float_function!(Log1p, |x| x.ln_1p(), complex | z | complex_log1p(z));
float_function!(Sin, |x| x.sin(), complex | z | z.sin());
float_function!(Cos, |x| x.cos(), complex | z | z.cos());
float_function!(Tan, |x| x.tan(), complex | z | z.tan());
float_function!(Arcsin, |x| x.asin(), complex | z | z.asin());
float_function!(Arccos, |x| x.acos(), complex | z | z.acos());
float_function!(Arctan, |x| x.atan(), complex | z | z.atan());
float_function!(Sinh, |x| x.sinh(), complex | z | z.sinh());
float_function!(Cosh, |x| x.cosh(), complex | z | z.cosh());
float_function!(Tanh, |x| x.tanh(), complex | z | z.tanh());
float_function!(
    Rint,
    |x| x.round_ties_even(),
    complex | z | Complex::new(z.re.round_ties_even(), z.im.round_ties_even())
);

/// NumPy's `nc_expm1`: accurate for small arguments.
#[inline(always)]
fn complex_expm1<F: Float>(z: Complex<F>) -> Complex<F> {
    let two = F::one() + F::one();
    let a = (z.im / two).sin();
    Complex::new(
        z.re.exp_m1() * z.im.cos() - two * a * a,
        z.re.exp() * z.im.sin(),
    )
}

/// NumPy's `nc_log1p`.
#[inline(always)]
fn complex_log1p<F: Float>(z: Complex<F>) -> Complex<F> {
    let re = z.re + F::one();
    Complex::new(re.hypot(z.im).ln(), z.im.atan2(re))
}

// ---- floor, ceil, trunc: identity on integers and bool (NumPy 2.3+) ---------------------------

macro_rules! rounding {
    ($($op:ident => $m:ident),*) => {$(
        unary!($op; f32 => f32, f64 => f64; |x| x.$m());
        unary_half_via_f32!($op);
        unary!($op; bool => bool, i8 => i8, i16 => i16, i32 => i32, i64 => i64, u8 => u8,
            u16 => u16, u32 => u32, u64 => u64; |x| x);
    )*};
}

rounding!(Floor => floor, Ceil => ceil, Trunc => trunc);

// ---- arctan2, hypot, copysign ---------------------------------------------------------------

macro_rules! float_binary_function {
    ($($op:ident => |$a:ident, $b:ident| $f:expr),*) => {$(
        binary!(libm $op; f32 => f32, f64 => f64; |$a, $b| $f);
        binary_half_via_f32!($op);
        binary_ints_via_float!($op);
    )*};
}

float_binary_function!(
    Arctan2 => |a, b| a.atan2(b),
    Hypot => |a, b| a.hypot(b),
    Copysign => |a, b| a.copysign(b)
);

// ---- isnan, isinf, isfinite -----------------------------------------------------------------

unary!(Isnan; bool => bool, i8 => bool, i16 => bool, i32 => bool, i64 => bool, u8 => bool,
    u16 => bool, u32 => bool, u64 => bool; |_x| false);
unary!(Isinf; bool => bool, i8 => bool, i16 => bool, i32 => bool, i64 => bool, u8 => bool,
    u16 => bool, u32 => bool, u64 => bool; |_x| false);
unary!(Isfinite; bool => bool, i8 => bool, i16 => bool, i32 => bool, i64 => bool, u8 => bool,
    u16 => bool, u32 => bool, u64 => bool; |_x| true);
unary!(Isnan; f16 => bool, bf16 => bool, f32 => bool, f64 => bool; |x| x.is_nan());
unary!(Isinf; f16 => bool, bf16 => bool, f32 => bool, f64 => bool; |x| x.is_infinite());
unary!(Isfinite; f16 => bool, bf16 => bool, f32 => bool, f64 => bool; |x| x.is_finite());
unary!(Isnan; Complex32 => bool, Complex64 => bool; |z| z.re.is_nan() || z.im.is_nan());
unary!(Isinf; Complex32 => bool, Complex64 => bool;
    |z| z.re.is_infinite() || z.im.is_infinite());
unary!(Isfinite; Complex32 => bool, Complex64 => bool; |z| z.re.is_finite() && z.im.is_finite());

// ---- conjugate, real, imag, angle -----------------------------------------------------------

unary!(Conj; bool => i8; |x| x as i8);
unary!(Conj; i8 => i8, i16 => i16, i32 => i32, i64 => i64, u8 => u8, u16 => u16, u32 => u32,
    u64 => u64, f16 => f16, bf16 => bf16, f32 => f32, f64 => f64; |x| x);
unary!(Conj; Complex32 => Complex32, Complex64 => Complex64; |z| z.conj());

unary!(Real; bool => bool, i8 => i8, i16 => i16, i32 => i32, i64 => i64, u8 => u8, u16 => u16,
    u32 => u32, u64 => u64, f16 => f16, bf16 => bf16, f32 => f32, f64 => f64; |x| x);
unary!(Real; Complex32 => f32, Complex64 => f64; |z| z.re);
unary!(Imag; bool => bool, i8 => i8, i16 => i16, i32 => i32, i64 => i64, u8 => u8, u16 => u16,
    u32 => u32, u64 => u64, f16 => f16, bf16 => bf16, f32 => f32, f64 => f64;
    |_x| <T as crate::Element>::zero());
unary!(Imag; Complex32 => f32, Complex64 => f64; |z| z.im);

// NumPy's `angle` is `arctan2(imag, real)`; for a bool array its weak Python 0 promotes to
// int64, hence float64.
unary!(Angle; bool => f64; |x| 0.0f64.atan2(x as u8 as f64));
unary!(libm Angle; f32 => f32, f64 => f64; |x| (0.0 as T).atan2(x));
unary_half_via_f32!(Angle);
unary_ints_via_float!(@impl Angle; i8 => f16, u8 => f16, i16 => f32, u16 => f32, i32 => f64,
    u32 => f64, i64 => f64, u64 => f64);
unary!(libm Angle; Complex32 => f32, Complex64 => f64; |z| z.im.atan2(z.re));
