//! [`SortElement`]: NumPy's sort order for every element type, and the order-preserving
//! unsigned keys that let the radix sort handle every real type.
//!
//! NumPy sorts NaNs to the end and treats `-0.0 == 0.0`; complex numbers sort
//! lexicographically by real then imaginary part, in four groups: `R + Rj`, `R + nanj`,
//! `nan + Rj`, `nan + nanj` (`npysort_common.h`).

use std::cmp::Ordering;

use half::{bf16, f16};
use num_complex::Complex;
use oxarray_core::Element;

use crate::radix::Word;

mod sealed {
    pub trait Sealed {}
}

/// An element type that oxarray can sort, with NumPy's order: every [`Element`] type.
///
/// ```
/// use oxarray_sort::SortElement;
/// use std::cmp::Ordering;
/// assert_eq!(f64::np_cmp(f64::NAN, 1.0), Ordering::Greater); // NaN sorts last
/// assert_eq!(f64::np_cmp(-0.0, 0.0), Ordering::Equal);
/// assert!(f64::np_lt(1.0, f64::NAN));
/// ```
pub trait SortElement: Element + sealed::Sealed {
    /// The radix key word (same width as `Self`), `()` for types sorted by comparison.
    #[doc(hidden)]
    type Key: KeyWord;

    /// NumPy's total order (NaNs last, `-0.0 == 0.0`, complex lexicographic with NumPy's NaN
    /// groups).
    fn np_cmp(a: Self, b: Self) -> Ordering;

    /// `np_cmp(a, b) == Less`, NumPy's `LT`.
    #[inline]
    fn np_lt(a: Self, b: Self) -> bool {
        Self::np_cmp(a, b) == Ordering::Less
    }

    /// Whether the value is NaN (a complex with a NaN part counts).
    fn is_nan(self) -> bool;

    /// The order-preserving key of a value: equal keys for values NumPy finds equal (every
    /// NaN the largest key, `-0.0` the key of `0.0`). `None` for complex types.
    #[doc(hidden)]
    fn key(self) -> Option<Self::Key>;

    /// The value of a key (a canonical NaN for NaN keys, `0.0` for zero).
    #[doc(hidden)]
    fn from_key(k: Self::Key) -> Self;

    /// Whether the key loses something: a `-0.0` or a NaN other than the canonical one, which
    /// the sort then restores in input order.
    #[doc(hidden)]
    #[inline]
    fn needs_fixup(self) -> bool {
        false
    }

    /// Whether this value belongs to the run of equal values a key loses (a zero or a NaN).
    #[doc(hidden)]
    #[inline]
    fn is_special(self) -> bool {
        false
    }
}

/// The key words: `u8` to `u64`, and `()` for types without keys.
#[doc(hidden)]
pub trait KeyWord: Word {
    /// Whether this is a real key word (the radix path applies).
    const RADIX: bool;
}

impl KeyWord for () {
    const RADIX: bool = false;
}

macro_rules! keyword {
    ($($t:ty),*) => {$( impl KeyWord for $t { const RADIX: bool = true; } )*};
}
keyword!(u8, u16, u32, u64);

macro_rules! int_impl {
    ($($t:ty => $k:ty, $flip:expr);* $(;)?) => {$(
        impl sealed::Sealed for $t {}
        impl SortElement for $t {
            type Key = $k;
            #[inline]
            fn np_cmp(a: Self, b: Self) -> Ordering { a.cmp(&b) }
            #[inline]
            fn np_lt(a: Self, b: Self) -> bool { a < b }
            #[inline]
            fn is_nan(self) -> bool { false }
            #[inline]
            fn key(self) -> Option<$k> { Some((self as $k) ^ $flip) }
            #[inline]
            fn from_key(k: $k) -> Self { (k ^ $flip) as $t }
        }
    )*};
}
int_impl! {
    u8 => u8, 0; u16 => u16, 0; u32 => u32, 0; u64 => u64, 0;
    i8 => u8, 1 << 7; i16 => u16, 1 << 15; i32 => u32, 1 << 31; i64 => u64, 1 << 63;
}

impl sealed::Sealed for bool {}
impl SortElement for bool {
    type Key = u8;
    #[inline]
    fn np_cmp(a: Self, b: Self) -> Ordering {
        a.cmp(&b)
    }
    #[inline]
    fn is_nan(self) -> bool {
        false
    }
    #[inline]
    fn key(self) -> Option<u8> {
        Some(self as u8)
    }
    #[inline]
    fn from_key(k: u8) -> Self {
        k != 0
    }
}

/// NumPy's float order: NaNs last (all equal), `-0.0 == 0.0`.
#[inline]
fn float_cmp<F: PartialOrd>(a: F, b: F, a_nan: bool, b_nan: bool) -> Ordering {
    match a.partial_cmp(&b) {
        Some(o) => o,
        None => a_nan.cmp(&b_nan),
    }
}

macro_rules! float_impl {
    ($($t:ty => $k:ty, $nan:expr, $zero_neg:expr);* $(;)?) => {$(
        impl sealed::Sealed for $t {}
        impl SortElement for $t {
            type Key = $k;
            #[inline]
            fn np_cmp(a: Self, b: Self) -> Ordering {
                float_cmp(a, b, a.is_nan(), b.is_nan())
            }
            #[inline]
            fn np_lt(a: Self, b: Self) -> bool {
                a < b || (b.is_nan() && !a.is_nan())
            }
            #[inline]
            fn is_nan(self) -> bool { <$t>::is_nan(self) }
            #[inline]
            fn key(self) -> Option<$k> {
                const SIGN: $k = 1 << (<$k>::BITS - 1);
                let b = self.to_bits();
                Some(if <$t>::is_nan(self) {
                    <$k>::MAX
                } else if b == $zero_neg {
                    SIGN
                } else if b & SIGN != 0 {
                    !b
                } else {
                    b | SIGN
                })
            }
            #[inline]
            fn from_key(k: $k) -> Self {
                const SIGN: $k = 1 << (<$k>::BITS - 1);
                if k == <$k>::MAX {
                    <$t>::from_bits($nan)
                } else if k & SIGN != 0 {
                    <$t>::from_bits(k ^ SIGN)
                } else {
                    <$t>::from_bits(!k)
                }
            }
            #[inline]
            fn needs_fixup(self) -> bool {
                let b = self.to_bits();
                b == $zero_neg || (<$t>::is_nan(self) && b != $nan)
            }
            #[inline]
            fn is_special(self) -> bool {
                <$t>::is_nan(self) || self.to_bits() & !(1 << (<$k>::BITS - 1)) == 0
            }
        }
    )*};
}
float_impl! {
    f64 => u64, f64::NAN.to_bits(), 1 << 63;
    f32 => u32, f32::NAN.to_bits(), 1 << 31;
    f16 => u16, f16::NAN.to_bits(), 1 << 15;
    bf16 => u16, bf16::NAN.to_bits(), 1 << 15;
}

/// NumPy's complex order (`CFLOAT_LT`): the groups `R + Rj`, `R + nanj`, `nan + Rj`,
/// `nan + nanj`, lexicographic inside each.
#[inline]
fn complex_cmp<F: PartialOrd + Copy>(
    a: Complex<F>,
    b: Complex<F>,
    nan: impl Fn(F) -> bool,
) -> Ordering {
    let group = |c: Complex<F>| (nan(c.re) as u8) * 2 + nan(c.im) as u8;
    group(a)
        .cmp(&group(b))
        .then_with(|| a.re.partial_cmp(&b.re).unwrap_or(Ordering::Equal))
        .then_with(|| a.im.partial_cmp(&b.im).unwrap_or(Ordering::Equal))
}

macro_rules! complex_impl {
    ($($f:ty),*) => {$(
        impl sealed::Sealed for Complex<$f> {}
        impl SortElement for Complex<$f> {
            type Key = ();
            #[inline]
            fn np_cmp(a: Self, b: Self) -> Ordering {
                complex_cmp(a, b, <$f>::is_nan)
            }
            #[inline]
            fn is_nan(self) -> bool { self.re.is_nan() || self.im.is_nan() }
            #[inline]
            fn key(self) -> Option<()> { None }
            #[inline]
            fn from_key(_: ()) -> Self { Complex::new(<$f>::NAN, <$f>::NAN) }
        }
    )*};
}
complex_impl!(f32, f64);

#[cfg(test)]
mod tests {
    use super::*;

    fn key_order_matches<T: SortElement>(values: &[T])
    where
        T::Key: Ord,
    {
        for &a in values {
            for &b in values {
                assert_eq!(
                    a.key().unwrap().cmp(&b.key().unwrap()),
                    T::np_cmp(a, b),
                    "{a} vs {b}"
                );
            }
            if !a.needs_fixup() {
                let back = T::from_key(a.key().unwrap());
                assert!(back == a || (a.is_nan() && back.is_nan()), "{a}");
            }
        }
    }

    #[test]
    fn keys_preserve_numpy_order() {
        let f = [
            f64::NEG_INFINITY,
            -1e300,
            -1.5,
            -5e-324,
            -0.0,
            0.0,
            5e-324,
            2.0,
            f64::INFINITY,
            f64::NAN,
            -f64::NAN,
        ];
        key_order_matches(&f);
        key_order_matches(&f.map(|x| x as f32));
        key_order_matches(&f.map(f16::from_f64));
        key_order_matches(&f.map(bf16::from_f64));
        key_order_matches(&[i64::MIN, -1, 0, 1, i64::MAX]);
        key_order_matches(&[i8::MIN, -1, 0, 1, i8::MAX]);
        key_order_matches(&[0u32, 1, u32::MAX]);
        key_order_matches(&[false, true]);
    }

    #[test]
    fn complex_groups() {
        let n = f64::NAN;
        let seq = [
            Complex::new(1.0, 5.0),
            Complex::new(2.0, -1.0),
            Complex::new(0.0, n),
            Complex::new(3.0, n),
            Complex::new(n, -2.0),
            Complex::new(n, 1.0),
            Complex::new(n, n),
        ];
        for w in seq.windows(2) {
            assert_eq!(Complex::<f64>::np_cmp(w[0], w[1]), Ordering::Less);
            assert_eq!(Complex::<f64>::np_cmp(w[1], w[0]), Ordering::Greater);
        }
    }
}
