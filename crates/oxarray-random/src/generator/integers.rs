//! The integer dtypes of `integers` / `randint` and their bounds checks (NumPy's
//! `_bounded_integers.pyx`): each type maps `[low, high]` onto NumPy's bounded fill of its
//! width.

use oxarray_core::{Element, Error, Result};

use crate::bit_generator::BitGenerator;
use crate::distributions::bounded::{fill_32, fill_64, fill_narrow};
use crate::distributions::bounded_bool_fill;

mod sealed {
    pub trait Sealed {}
}

/// The element types `integers` and `randint` produce (NumPy's `dtype=`): `bool`, `i8` to
/// `i64`, `u8` to `u64`.
///
/// ```
/// use oxarray_random::default_rng;
/// let mut rng = default_rng(3)?;
/// let bytes = rng.integers::<u8>(0, 256, 4, false)?;      // dtype=np.uint8
/// let coins = rng.integers::<bool>(0, 2, 4, false)?;      // dtype=bool
/// assert_eq!(bytes.len() + coins.len(), 8);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub trait RandomInteger: Element + sealed::Sealed {
    /// NumPy's name of the dtype (in error messages).
    const NAME: &'static str;
    /// The smallest value.
    const MIN: i128;
    /// The largest value.
    const MAX: i128;

    /// Fills `out` with values in `[low, high]` (inclusive; `MIN <= low <= high <= MAX`),
    /// by Lemire's method or masked rejection, with NumPy's draws for this width.
    fn fill_bounded<B: BitGenerator + ?Sized>(
        bg: &mut B,
        low: i128,
        high: i128,
        masked: bool,
        out: &mut [Self],
    );
}

macro_rules! random_integer {
    ($($t:ty, $name:literal, $fill:ident, $unsigned:ty $(, $bits:literal)?);* $(;)?) => {$(
        impl sealed::Sealed for $t {}
        impl RandomInteger for $t {
            const NAME: &'static str = $name;
            const MIN: i128 = <$t>::MIN as i128;
            const MAX: i128 = <$t>::MAX as i128;

            #[inline]
            fn fill_bounded<B: BitGenerator + ?Sized>(
                bg: &mut B,
                low: i128,
                high: i128,
                masked: bool,
                out: &mut [$t],
            ) {
                // Two's complement: the offset is low's bit pattern, the range the width's
                // unsigned difference, as NumPy's casts make them.
                let off = low as $t as $unsigned;
                let rng = (high - low) as $unsigned;
                random_integer!(@fill $fill, bg, off, rng, masked, out, $t $(, $bits)?);
            }
        }
    )*};
    (@fill fill_64, $bg:ident, $off:ident, $rng:ident, $masked:ident, $out:ident, $t:ty) => {
        fill_64($bg, $off, $rng, $masked, $out, |v| v as $t)
    };
    (@fill fill_32, $bg:ident, $off:ident, $rng:ident, $masked:ident, $out:ident, $t:ty) => {
        fill_32($bg, $off, $rng, $masked, $out, |v| v as $t)
    };
    (@fill fill_narrow, $bg:ident, $off:ident, $rng:ident, $masked:ident, $out:ident, $t:ty, $bits:literal) => {
        fill_narrow::<$bits, _, _>($bg, u32::from($off), u32::from($rng), $masked, $out, |v| v as $t)
    };
}

random_integer! {
    i64, "int64", fill_64, u64;
    u64, "uint64", fill_64, u64;
    i32, "int32", fill_32, u32;
    u32, "uint32", fill_32, u32;
    i16, "int16", fill_narrow, u16, 16;
    u16, "uint16", fill_narrow, u16, 16;
    i8, "int8", fill_narrow, u8, 8;
    u8, "uint8", fill_narrow, u8, 8;
}

impl sealed::Sealed for bool {}
impl RandomInteger for bool {
    const NAME: &'static str = "bool";
    const MIN: i128 = 0;
    const MAX: i128 = 1;

    fn fill_bounded<B: BitGenerator + ?Sized>(
        bg: &mut B,
        low: i128,
        high: i128,
        _masked: bool,
        out: &mut [bool],
    ) {
        bounded_bool_fill(bg, low != 0, high != low, out);
    }
}

/// NumPy's bounds checks of `integers(low, high, endpoint=...)`: the inclusive range
/// `[low, high']` (`high' = high - 1` unless `endpoint`), or NumPy's error.
pub(crate) fn inclusive_bounds<T: RandomInteger>(
    low: i128,
    high: i128,
    endpoint: bool,
) -> Result<(i128, i128)> {
    let high_inclusive = if endpoint { high } else { high - 1 };
    if low < T::MIN {
        return Err(Error::invalid_argument(
            "low",
            low,
            format!("low is out of bounds for {}", T::NAME),
        ));
    }
    if high_inclusive > T::MAX {
        return Err(Error::invalid_argument(
            "high",
            high,
            format!("high is out of bounds for {}", T::NAME),
        ));
    }
    if low > high_inclusive {
        // NumPy's format_bounds_error, with its special case for the default low of 0.
        let reason = match (endpoint, low == 0) {
            (false, true) => "high <= 0",
            (false, false) => "low >= high",
            (true, true) => "high < 0",
            (true, false) => "low > high",
        };
        return Err(Error::invalid_argument("high", high, reason));
    }
    Ok((low, high_inclusive))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_errors_are_numpys() {
        let msg = |r: Result<(i128, i128)>| r.unwrap_err().to_string();
        assert!(
            msg(inclusive_bounds::<u8>(-1, 5, false)).contains("low is out of bounds for uint8")
        );
        assert!(
            msg(inclusive_bounds::<u8>(0, 257, false)).contains("high is out of bounds for uint8")
        );
        assert_eq!(inclusive_bounds::<u8>(0, 256, false).unwrap(), (0, 255));
        assert!(msg(inclusive_bounds::<i64>(0, 0, false)).contains("high <= 0"));
        assert!(msg(inclusive_bounds::<i64>(5, 5, false)).contains("low >= high"));
        assert!(msg(inclusive_bounds::<i64>(5, 4, true)).contains("low > high"));
        assert_eq!(inclusive_bounds::<i64>(5, 5, true).unwrap(), (5, 5));
        assert!(inclusive_bounds::<bool>(0, 3, false).is_err());
    }
}
