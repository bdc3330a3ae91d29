//! The element types of the `ndimage` functions and SciPy's conversions to and from its
//! `double` work type.

use crate::element::ConvElement;

mod sealed {
    pub trait Sealed {}
}

/// An element type `scipy.ndimage`'s filters take: the integers, f32 and f64.
///
/// SciPy converts every input value to `double`, filters in `double`, and stores each result
/// with C's cast to the output type, which for an integer output truncates toward zero. So
/// does oxarray: [`to_f64`](NdElement::to_f64) and [`from_f64`](NdElement::from_f64) are
/// those two conversions, and the output of every filter has the input's type (SciPy's
/// default `output=None`). Results outside an integer type's range are stored as the C cast
/// compiled for x86-64 stores them (the 32- or 64-bit truncating conversion, then the low
/// bits), so that uint8 images wrap as SciPy's do (`-1.0` becomes 255).
///
/// ```
/// use oxarray_conv::ndimage::NdElement;
/// assert_eq!(<u8 as NdElement>::from_f64(-1.5), 255); // truncated to -1, then wrapped
/// assert_eq!(<i16 as NdElement>::from_f64(2.9), 2);
/// assert_eq!(<f32 as NdElement>::from_f64(0.1), 0.1f32);
/// ```
pub trait NdElement: ConvElement + sealed::Sealed {
    /// The value as a `double` (C's conversion).
    fn to_f64(self) -> f64;

    /// A `double` stored as this type by C's cast (truncation toward zero for integers).
    fn from_f64(x: f64) -> Self;
}

/// x86-64's `cvttsd2si` with a 32-bit result: truncation, and `i32::MIN` (the "integer
/// indefinite" value) for NaN and values out of range.
#[inline(always)]
fn cvtt_i32(x: f64) -> i32 {
    if x > -2147483649.0 && x < 2147483648.0 {
        x as i32
    } else {
        i32::MIN
    }
}

/// 2^63, the first `double` above `i64::MAX`.
const TWO_63: f64 = 9_223_372_036_854_775_808.0;

/// `cvttsd2si` with a 64-bit result.
#[inline(always)]
fn cvtt_i64(x: f64) -> i64 {
    if (-TWO_63..TWO_63).contains(&x) {
        x as i64
    } else {
        i64::MIN
    }
}

macro_rules! narrow_int {
    ($via:ident: $($t:ty),*) => {$(
        impl sealed::Sealed for $t {}
        impl NdElement for $t {
            #[inline(always)]
            fn to_f64(self) -> f64 {
                self as f64
            }
            #[inline(always)]
            fn from_f64(x: f64) -> Self {
                // C converts through a register of 32 (or 64) bits and keeps the low bits.
                $via(x) as $t
            }
        }
    )*};
}

narrow_int!(cvtt_i32: i8, i16, i32, u8, u16);
narrow_int!(cvtt_i64: u32, i64);

impl sealed::Sealed for u64 {}
impl NdElement for u64 {
    #[inline(always)]
    fn to_f64(self) -> f64 {
        self as f64
    }
    #[inline(always)]
    fn from_f64(x: f64) -> Self {
        // What compilers emit for `(uint64_t)x` on x86-64 without AVX-512.
        if x < TWO_63 {
            cvtt_i64(x) as u64
        } else {
            (cvtt_i64(x - TWO_63) as u64) ^ (1 << 63)
        }
    }
}

impl sealed::Sealed for f32 {}
impl NdElement for f32 {
    #[inline(always)]
    fn to_f64(self) -> f64 {
        self as f64
    }
    #[inline(always)]
    fn from_f64(x: f64) -> Self {
        x as f32
    }
}

impl sealed::Sealed for f64 {}
impl NdElement for f64 {
    #[inline(always)]
    fn to_f64(self) -> f64 {
        self
    }
    #[inline(always)]
    fn from_f64(x: f64) -> Self {
        x
    }
}

#[cfg(test)]
mod tests {
    use super::NdElement;

    #[test]
    fn casts_truncate_and_wrap_as_c_does_on_x86_64() {
        assert_eq!(<u8 as NdElement>::from_f64(300.7), 44);
        assert_eq!(<i8 as NdElement>::from_f64(-129.0), 127);
        assert_eq!(<i32 as NdElement>::from_f64(-2.5), -2);
        assert_eq!(<i32 as NdElement>::from_f64(3e9), i32::MIN);
        assert_eq!(<u32 as NdElement>::from_f64(-1.0), u32::MAX);
        assert_eq!(<i64 as NdElement>::from_f64(f64::NAN), i64::MIN);
        assert_eq!(
            <u64 as NdElement>::from_f64(1.5e19),
            15_000_000_000_000_000_000
        );
        assert_eq!(<u64 as NdElement>::from_f64(-1.0), u64::MAX);
        assert_eq!(<u16 as NdElement>::from_f64(65535.9), 65535);
    }
}
