//! Per-dtype impls of the arithmetic ops: add, subtract, multiply, divide, floor_divide,
//! remainder, power, maximum, minimum, fmax, fmin, negative, absolute, sign, square,
//! reciprocal. Integers wrap; integer division by zero gives 0 (NumPy returns 0 and warns).

use crate::{Complex32, Complex64, bf16, f16};
use num_complex::Complex;
use num_traits::Float;

use super::rules::{
    NumpyInt, complex_div, complex_ge, complex_gt, complex_is_nan, complex_le, complex_lt,
    complex_sign, float_floor_div, float_fmax, float_fmin, float_maximum, float_minimum, float_rem,
    float_sign,
};

// ---- add, subtract, multiply -------------------------------------------------------------

binary!(Add; bool => bool; |a, b| a | b);
binary!(Add; i8 => i8, i16 => i16, i32 => i32, i64 => i64, u8 => u8, u16 => u16, u32 => u32,
    u64 => u64; |a, b| a.wrapping_add(b));
binary!(Add; f16 => f16, bf16 => bf16, Complex32 => Complex32, Complex64 => Complex64;
    |a, b| a + b);
binary_simd!(Add, v_add; |a, b| a + b);

binary!(Subtract; i8 => i8, i16 => i16, i32 => i32, i64 => i64, u8 => u8, u16 => u16,
    u32 => u32, u64 => u64; |a, b| a.wrapping_sub(b));
binary!(Subtract; f16 => f16, bf16 => bf16, Complex32 => Complex32, Complex64 => Complex64;
    |a, b| a - b);
binary_simd!(Subtract, v_sub; |a, b| a - b);

binary!(Multiply; bool => bool; |a, b| a & b);
binary!(Multiply; i8 => i8, i16 => i16, i32 => i32, i64 => i64, u8 => u8, u16 => u16,
    u32 => u32, u64 => u64; |a, b| a.wrapping_mul(b));
binary!(Multiply; f16 => f16, bf16 => bf16, Complex32 => Complex32, Complex64 => Complex64;
    |a, b| a * b);
binary_simd!(Multiply, v_mul; |a, b| a * b);

// ---- divide (true division): integers and bool give float64 -------------------------------

binary!(Divide; bool => f64; |a, b| (a as u8 as f64) / (b as u8 as f64));
binary!(Divide; i8 => f64, i16 => f64, i32 => f64, i64 => f64, u8 => f64, u16 => f64,
    u32 => f64, u64 => f64; |a, b| a as f64 / b as f64);
binary!(Divide; f16 => f16, bf16 => bf16; |a, b| a / b);
binary!(Divide; Complex32 => Complex32, Complex64 => Complex64; |a, b| complex_div(a, b));
binary_simd!(Divide, v_div; |a, b| a / b);

// ---- floor_divide, remainder: Python's rounding -------------------------------------------

binary!(FloorDivide; i8 => i8, i16 => i16, i32 => i32, i64 => i64, u8 => u8, u16 => u16,
    u32 => u32, u64 => u64; |a, b| a.floor_div(b));
binary!(libm FloorDivide; f32 => f32, f64 => f64; |a, b| float_floor_div(a, b));
binary_half_via_f32!(FloorDivide);
binary!(Remainder; i8 => i8, i16 => i16, i32 => i32, i64 => i64, u8 => u8, u16 => u16,
    u32 => u32, u64 => u64; |a, b| a.py_rem(b));
binary!(libm Remainder; f32 => f32, f64 => f64; |a, b| float_rem(a, b));
binary_half_via_f32!(Remainder);

// ---- power --------------------------------------------------------------------------------

binary!(Power; i8 => i8, i16 => i16, i32 => i32, i64 => i64, u8 => u8, u16 => u16, u32 => u32,
    u64 => u64; |a, b| a.int_pow(b));
binary!(libm Power; f32 => f32, f64 => f64; |a, b| a.powf(b));
binary_half_via_f32!(Power);
binary!(libm Power; Complex32 => Complex32, Complex64 => Complex64; |a, b| complex_pow(a, b));
binary_bool_via_i8!(FloorDivide, Remainder, Power);

/// NumPy's `nc_pow`: exact special cases for zero and small integer exponents, `cpow` else.
#[inline(always)]
fn complex_pow<F: num_traits::Float>(a: Complex<F>, b: Complex<F>) -> Complex<F> {
    let zero = F::zero();
    let one = Complex::new(F::one(), zero);
    if b.re == zero && b.im == zero {
        return one;
    }
    if a.re == zero && a.im == zero {
        return if b.re > zero {
            Complex::new(zero, zero)
        } else {
            Complex::new(F::nan(), F::nan())
        };
    }
    if b.im == zero && b.re.trunc() == b.re && b.re.abs() < F::from(100.0).unwrap() {
        let n = b.re.to_i32().unwrap();
        match n {
            1 => return a,
            2 => return a * a,
            3 => return a * a * a,
            _ => {
                let mut m = n.unsigned_abs();
                let mut acc = one;
                let mut p = a;
                loop {
                    if m & 1 == 1 {
                        acc = acc * p;
                    }
                    m >>= 1;
                    if m == 0 {
                        break;
                    }
                    p = p * p;
                }
                return if n < 0 { complex_div(one, acc) } else { acc };
            }
        }
    }
    a.powc(b)
}

// ---- maximum, minimum, fmax, fmin ---------------------------------------------------------

binary!(Maximum; bool => bool; |a, b| a | b);
binary!(Minimum; bool => bool; |a, b| a & b);
binary!(Fmax; bool => bool; |a, b| a | b);
binary!(Fmin; bool => bool; |a, b| a & b);
binary!(Maximum; i8 => i8, i16 => i16, i32 => i32, i64 => i64, u8 => u8, u16 => u16,
    u32 => u32, u64 => u64; |a, b| a.max(b));
binary!(Minimum; i8 => i8, i16 => i16, i32 => i32, i64 => i64, u8 => u8, u16 => u16,
    u32 => u32, u64 => u64; |a, b| a.min(b));
binary!(Fmax; i8 => i8, i16 => i16, i32 => i32, i64 => i64, u8 => u8, u16 => u16,
    u32 => u32, u64 => u64; |a, b| a.max(b));
binary!(Fmin; i8 => i8, i16 => i16, i32 => i32, i64 => i64, u8 => u8, u16 => u16,
    u32 => u32, u64 => u64; |a, b| a.min(b));
// NumPy's half loops are scalar C, which keeps the first of two equal values (its float
// loops are SIMD, which keep the second): the only place where -0.0 and 0.0 tell them apart.
binary!(Maximum; f16 => f16, bf16 => bf16; |a, b| if a >= b || a.is_nan() { a } else { b });
binary!(Minimum; f16 => f16, bf16 => bf16; |a, b| if a <= b || a.is_nan() { a } else { b });
binary!(Fmax; f16 => f16, bf16 => bf16; |a, b| if a >= b || b.is_nan() { a } else { b });
binary!(Fmin; f16 => f16, bf16 => bf16; |a, b| if a <= b || b.is_nan() { a } else { b });
binary_simd!(Maximum, v_maximum; |a, b| float_maximum(a, b));
binary_simd!(Minimum, v_minimum; |a, b| float_minimum(a, b));
binary_simd!(Fmax, v_fmax; |a, b| float_fmax(a, b));
binary_simd!(Fmin, v_fmin; |a, b| float_fmin(a, b));
binary!(Maximum; Complex32 => Complex32, Complex64 => Complex64;
    |a, b| if complex_ge(a, b) || complex_is_nan(a) { a } else { b });
binary!(Minimum; Complex32 => Complex32, Complex64 => Complex64;
    |a, b| if complex_le(a, b) || complex_is_nan(a) { a } else { b });
binary!(Fmax; Complex32 => Complex32, Complex64 => Complex64;
    |a, b| if complex_ge(a, b) || complex_is_nan(b) { a } else { b });
binary!(Fmin; Complex32 => Complex32, Complex64 => Complex64;
    |a, b| if complex_le(a, b) || complex_is_nan(b) { a } else { b });

// ---- unary: negative, absolute, sign, square, reciprocal ----------------------------------

unary!(Negative; i8 => i8, i16 => i16, i32 => i32, i64 => i64, u8 => u8, u16 => u16,
    u32 => u32, u64 => u64; |x| x.wrapping_neg());
unary!(Negative; f16 => f16, bf16 => bf16, Complex32 => Complex32, Complex64 => Complex64;
    |x| -x);
unary_simd!(Negative, v_neg; |x| -x);

unary!(Abs; bool => bool, u8 => u8, u16 => u16, u32 => u32, u64 => u64; |x| x);
unary!(Abs; i8 => i8, i16 => i16, i32 => i32, i64 => i64; |x| x.wrapping_abs());
unary!(Abs; f16 => f16, bf16 => bf16; |x| x.abs());
unary!(libm Abs; Complex32 => f32, Complex64 => f64; |z| z.re.hypot(z.im));
unary_simd!(Abs, v_abs; |x| x.abs());

unary!(Sign; i8 => i8, i16 => i16, i32 => i32, i64 => i64; |x| x.signum());
unary!(Sign; u8 => u8, u16 => u16, u32 => u32, u64 => u64; |x| (x != 0) as T);
unary!(Sign; f16 => f16, bf16 => bf16, f32 => f32, f64 => f64; |x| float_sign(x));
unary!(libm Sign; Complex32 => Complex32, Complex64 => Complex64; |z| complex_sign(z));

unary!(Square; bool => i8; |x| x as i8);
unary!(Square; i8 => i8, i16 => i16, i32 => i32, i64 => i64, u8 => u8, u16 => u16,
    u32 => u32, u64 => u64; |x| x.wrapping_mul(x));
unary!(Square; f16 => f16, bf16 => bf16, f32 => f32, f64 => f64, Complex32 => Complex32,
    Complex64 => Complex64; |x| x * x);

unary!(Reciprocal; bool => i8; |x| x as i8);
unary!(Reciprocal; i8 => i8, i16 => i16, i32 => i32, i64 => i64, u8 => u8, u16 => u16,
    u32 => u32, u64 => u64; |x| x.int_reciprocal());
unary!(Reciprocal; f16 => f16, bf16 => bf16; |x| T::ONE / x);
unary!(Reciprocal; f32 => f32, f64 => f64; |x| 1.0 / x);
unary!(Reciprocal; Complex32 => Complex32, Complex64 => Complex64; |z| complex_reciprocal(z));

/// NumPy's complex `reciprocal` (Smith's method specialised to a numerator of 1).
#[inline(always)]
fn complex_reciprocal<F: Float>(z: Complex<F>) -> Complex<F> {
    if z.im.abs() <= z.re.abs() {
        let r = z.im / z.re;
        let d = z.re + z.im * r;
        Complex::new(F::one() / d, -r / d)
    } else {
        let r = z.re / z.im;
        let d = z.re * r + z.im;
        Complex::new(r / d, -F::one() / d)
    }
}

// Comparisons of complex numbers are lexicographic, as NumPy's; defined here beside the
// helpers they share with maximum and minimum.
binary!(Less; Complex32 => bool, Complex64 => bool; |a, b| complex_lt(a, b));
binary!(LessEqual; Complex32 => bool, Complex64 => bool; |a, b| complex_le(a, b));
binary!(Greater; Complex32 => bool, Complex64 => bool; |a, b| complex_gt(a, b));
binary!(GreaterEqual; Complex32 => bool, Complex64 => bool; |a, b| complex_ge(a, b));
