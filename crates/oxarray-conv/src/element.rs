//! The element types a convolution takes, and the arithmetic each one uses.
//!
//! SciPy's `convolve2d` runs in the common type of its inputs and accumulates in that type:
//! integers wrap around (`int8` `100 * 100` is `16`), floats and complex numbers round as
//! they go. [`ConvElement`] gives each type that rule ([`ConvElement::mul_add`]) and the row
//! kernel the engine's interior calls; f32 and f64 replace the scalar row kernel by the SIMD
//! one of [`crate::simd`].

use oxarray_core::{Complex32, Complex64, Element};

mod sealed {
    pub trait Sealed {}
}

/// An element type SciPy's `convolve2d` accepts: the integers, f32, f64, Complex32 and
/// Complex64 (bool and the 16-bit floats are refused by SciPy too: "convolve2d not available
/// for this type").
///
/// ```
/// use oxarray_conv::ConvElement;
/// assert_eq!(<i8 as ConvElement>::mul_add(0, 100, 100), 16); // wraps, as SciPy's int8 sums
/// assert_eq!(<f64 as ConvElement>::mul_add(1.0, 2.0, 3.0), 7.0); // 1 + 2 * 3
/// ```
pub trait ConvElement: Element + sealed::Sealed {
    /// `acc + a * b` in this type's arithmetic (wrapping for integers).
    fn mul_add(acc: Self, a: Self, b: Self) -> Self;

    /// The complex conjugate (the value itself for real types).
    fn conj(self) -> Self;

    /// The row kernel of the engine's interior: for `n < len`,
    /// `out[n] = sum over j < rows.len(), k < kw of rows[j][n + k] * weights[j * kw + k]`,
    /// summed in `(j, k)` order from zero. `simd` allows a vector body.
    ///
    /// # Safety
    /// Each `rows[j]` must be valid for reading `len + kw - 1` elements, `out` for writing
    /// `len` elements that no row overlaps, and `weights.len() == rows.len() * kw`.
    #[doc(hidden)]
    unsafe fn correlate_row(
        rows: &[*const Self],
        weights: &[Self],
        kw: usize,
        len: usize,
        out: *mut Self,
        simd: bool,
    ) {
        let _ = simd;
        // SAFETY: the caller's contract.
        unsafe { scalar_correlate_row(rows, weights, kw, len, out) }
    }
}

/// The scalar row kernel: accumulates tap by tap over the whole row, which the compiler
/// vectorises for the integer and complex types.
///
/// # Safety
/// As [`ConvElement::correlate_row`].
#[inline]
pub(crate) unsafe fn scalar_correlate_row<T: ConvElement>(
    rows: &[*const T],
    weights: &[T],
    kw: usize,
    len: usize,
    out: *mut T,
) {
    for n in 0..len {
        // SAFETY: `out` is valid for `len` writes (caller).
        unsafe { out.add(n).write(T::zero()) };
    }
    // SAFETY: all `len` elements were just written; nothing else refers to them.
    let out = unsafe { std::slice::from_raw_parts_mut(out, len) };
    for (j, &row) in rows.iter().enumerate() {
        for k in 0..kw {
            let w = weights[j * kw + k];
            // SAFETY: `row` is valid for `len + kw - 1` reads and `k < kw` (caller).
            let src = unsafe { std::slice::from_raw_parts(row.add(k), len) };
            for (o, &x) in out.iter_mut().zip(src) {
                *o = T::mul_add(*o, x, w);
            }
        }
    }
}

macro_rules! int_element {
    ($($t:ty),*) => {$(
        impl sealed::Sealed for $t {}
        impl ConvElement for $t {
            #[inline(always)]
            fn mul_add(acc: Self, a: Self, b: Self) -> Self {
                acc.wrapping_add(a.wrapping_mul(b))
            }
            #[inline(always)]
            fn conj(self) -> Self {
                self
            }
        }
    )*};
}

int_element!(i8, i16, i32, i64, u8, u16, u32, u64);

macro_rules! float_element {
    ($($t:ty => $simd:path),*) => {$(
        impl sealed::Sealed for $t {}
        impl ConvElement for $t {
            #[inline(always)]
            fn mul_add(acc: Self, a: Self, b: Self) -> Self {
                acc + a * b
            }
            #[inline(always)]
            fn conj(self) -> Self {
                self
            }
            unsafe fn correlate_row(
                rows: &[*const Self],
                weights: &[Self],
                kw: usize,
                len: usize,
                out: *mut Self,
                simd: bool,
            ) {
                if simd {
                    // SAFETY: the caller's contract, passed on.
                    unsafe { $simd(rows, weights, kw, len, out) }
                } else {
                    // SAFETY: the caller's contract, passed on.
                    unsafe { scalar_correlate_row(rows, weights, kw, len, out) }
                }
            }
        }
    )*};
}

float_element!(f32 => crate::simd::correlate_row_simd::<f32>, f64 => crate::simd::correlate_row_simd::<f64>);

macro_rules! complex_element {
    ($($t:ty),*) => {$(
        impl sealed::Sealed for $t {}
        impl ConvElement for $t {
            #[inline(always)]
            fn mul_add(acc: Self, a: Self, b: Self) -> Self {
                acc + a * b
            }
            #[inline(always)]
            fn conj(self) -> Self {
                <$t>::conj(&self)
            }
        }
    )*};
}

complex_element!(Complex32, Complex64);
