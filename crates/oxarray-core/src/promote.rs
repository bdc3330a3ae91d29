//! NumPy 2 type promotion (NEP 50): [`result_type`], [`result_type_many`], [`can_cast`] and
//! the weak promotion of Python-style scalars ([`result_type_with_scalar`]).
//!
//! Every rule here is NumPy 2's own, checked entry by entry against NumPy
//! (`tests/golden/promotion.json`, written by `tests/golden/gen_promotion.py`):
//!
//! ```
//! use oxarray_core::{DType, Casting, can_cast, result_type, result_type_with_scalar};
//! assert_eq!(result_type(DType::U64, DType::I64), DType::F64);
//! assert_eq!(result_type(DType::I8, DType::U8), DType::I16);
//! assert_eq!(result_type(DType::F16, DType::I16), DType::F32);
//! assert_eq!(result_type(DType::C64, DType::F64), DType::C128);
//! assert!(can_cast(DType::I64, DType::F64, Casting::Safe));
//! assert!(!can_cast(DType::F64, DType::F32, Casting::Safe));
//! assert!(can_cast(DType::F64, DType::F32, Casting::SameKind));
//! // NEP 50: a Python scalar does not widen the array's dtype, within its kind ...
//! assert_eq!(result_type_with_scalar(DType::U8, 1).unwrap(), DType::U8);
//! assert_eq!(result_type_with_scalar(DType::F32, 0.5).unwrap(), DType::F32);
//! // ... but a higher kind takes the default type of that kind,
//! assert_eq!(result_type_with_scalar(DType::I8, 0.5).unwrap(), DType::F64);
//! // and an integer that does not fit is an error (NumPy's OverflowError).
//! assert!(result_type_with_scalar(DType::U8, 300).is_err());
//! ```
//!
//! # Multi-operand promotion is not a pairwise fold
//!
//! NumPy promotes a list of dtypes by first finding the most "knowledgeable" one (the highest
//! NumPy type number: complex above float above integers, and `float16` above all) and then
//! promoting every other dtype with that one. So `result_type_many(&[I8, U8, F16])` is
//! `float16`, while `result_type(result_type(I8, U8), F16)` is `float32`.
//! [`result_type_many`] reproduces NumPy's algorithm (`PyArray_PromoteDTypeSequence`) exactly.
//!
//! # bfloat16
//!
//! `bfloat16` is not a NumPy type; it comes from `ml_dtypes`. Where `ml_dtypes` defines a
//! promotion, oxarray gives the same answer: `bf16` with `bool`, `int8` or `uint8` is `bf16`;
//! with `float32`, `float64`, `complex64`, `complex128` it is that type. Where `ml_dtypes`
//! raises (`bf16` with `float16` or with integers of 16 bits or more), oxarray picks the
//! smallest type both sides cast to safely, exactly as NumPy does for `float16`:
//! `bf16 + f16 -> float32`, `bf16 + int16/uint16 -> float32`, `bf16 + (u)int32/64 -> float64`.
//! In a list `bf16` is the most knowledgeable type (as a user dtype is in NumPy).
//!
//! Casting: `bool`, `int8`, `uint8` cast safely to `bf16`; `bf16` casts safely to `float32`,
//! `float64` and both complex types. `same_kind` follows NumPy's kind order (bool < unsigned <
//! signed < float < complex), so `float16 <-> bf16` and `float64 -> bf16` are `same_kind`
//! (`ml_dtypes` 0.6 refuses `bf16 -> float16` and allows `complex -> bf16`; we do not copy
//! those two quirks).
//!
//! A weak Python float keeps a `bf16` array `bf16` (NEP 50's rule, and JAX's; `ml_dtypes`
//! 0.6 answers `float32` there), and a weak Python complex makes it `complex64`.

use crate::dtype::{DType, DTypeKind};
use crate::element::{Complex64, Scalar};
use crate::error::{Error, Result};

/// The casting rules of [`can_cast`] and of casting operations (NumPy's `casting=`).
///
/// The default is [`Casting::SameKind`], NumPy's default for ufunc outputs (`astype` uses
/// [`Casting::Unsafe`]).
///
/// ```
/// use oxarray_core::Casting;
/// assert_eq!(Casting::from_name("same_kind"), Some(Casting::SameKind));
/// assert_eq!(Casting::SameKind.name(), "same_kind");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Casting {
    /// Only the identical type.
    No,
    /// The identical type up to byte order; oxarray's dtypes are all native, so this is
    /// [`Casting::No`].
    Equiv,
    /// Casts that preserve every value (`int16 -> float32`, and by NumPy's convention
    /// `int64 -> float64`).
    Safe,
    /// Safe casts and casts to the same or a higher kind (`float64 -> float32`,
    /// `int64 -> int8`, `uint16 -> int8`, `int32 -> float16`); never to a lower kind.
    #[default]
    SameKind,
    /// Any cast (NumPy's `astype` default).
    Unsafe,
}

impl Casting {
    /// Every rule, from strictest to loosest.
    pub const ALL: [Casting; 5] = [
        Casting::No,
        Casting::Equiv,
        Casting::Safe,
        Casting::SameKind,
        Casting::Unsafe,
    ];

    /// NumPy's name for the rule (`"no"`, `"equiv"`, `"safe"`, `"same_kind"`, `"unsafe"`).
    pub const fn name(self) -> &'static str {
        match self {
            Casting::No => "no",
            Casting::Equiv => "equiv",
            Casting::Safe => "safe",
            Casting::SameKind => "same_kind",
            Casting::Unsafe => "unsafe",
        }
    }

    /// The rule with NumPy's name `name`.
    pub fn from_name(name: &str) -> Option<Casting> {
        Casting::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// Rank of a kind in NumPy's `same_kind` order: bool < unsigned < signed < float < complex.
const fn kind_rank(kind: DTypeKind) -> u8 {
    match kind {
        DTypeKind::Bool => 0,
        DTypeKind::UnsignedInt => 1,
        DTypeKind::SignedInt => 2,
        DTypeKind::Float => 3,
        DTypeKind::Complex => 4,
    }
}

/// Size in bytes of the real component (the dtype itself for real types).
const fn component_size(d: DType) -> usize {
    match d {
        DType::C64 => 4,
        DType::C128 => 8,
        other => other.itemsize(),
    }
}

/// Whether every value of a real type `from` is representable in a real float of `to_size`
/// bytes (`to_is_bf16` for bfloat16), by NumPy's conventions.
const fn real_fits_float(from: DType, to_size: usize, to_is_bf16: bool) -> bool {
    match from.kind() {
        DTypeKind::Bool => true,
        // NumPy calls an integer -> float cast safe when the float is wider, and also
        // (u)int64 -> float64, although float64 has only 53 mantissa bits.
        DTypeKind::SignedInt | DTypeKind::UnsignedInt => {
            to_size > from.itemsize() || (from.itemsize() == 8 && to_size == 8)
        }
        // float16 and bfloat16 have the same size but neither holds the other.
        DTypeKind::Float => {
            to_size > from.itemsize()
                || (to_size == from.itemsize() && (matches!(from, DType::BF16) == to_is_bf16))
        }
        DTypeKind::Complex => false,
    }
}

/// NumPy's `can_cast(from, to, "safe")`.
const fn can_cast_safe(from: DType, to: DType) -> bool {
    if from as u8 == to as u8 {
        return true;
    }
    match (from.kind(), to.kind()) {
        (DTypeKind::Bool, _) => true,
        (_, DTypeKind::Bool) => false,
        (DTypeKind::SignedInt, DTypeKind::SignedInt)
        | (DTypeKind::UnsignedInt, DTypeKind::UnsignedInt) => to.itemsize() >= from.itemsize(),
        (DTypeKind::UnsignedInt, DTypeKind::SignedInt) => to.itemsize() > from.itemsize(),
        (DTypeKind::SignedInt, DTypeKind::UnsignedInt) => false,
        (_, DTypeKind::Float) => real_fits_float(from, to.itemsize(), matches!(to, DType::BF16)),
        (DTypeKind::Complex, DTypeKind::Complex) => to.itemsize() >= from.itemsize(),
        (_, DTypeKind::Complex) => real_fits_float(from, component_size(to), false),
        (DTypeKind::Float | DTypeKind::Complex, _) => false,
    }
}

/// Whether values of `from` may be cast to `to` under the rule `casting` (NumPy's
/// `np.can_cast(from, to, casting)`).
///
/// ```
/// use oxarray_core::{can_cast, Casting, DType};
/// assert!(can_cast(DType::U8, DType::I16, Casting::Safe));
/// assert!(!can_cast(DType::I8, DType::U64, Casting::Safe));
/// assert!(can_cast(DType::U16, DType::I8, Casting::SameKind));
/// assert!(!can_cast(DType::I16, DType::U8, Casting::SameKind));
/// assert!(!can_cast(DType::F64, DType::I64, Casting::SameKind));
/// assert!(can_cast(DType::C128, DType::Bool, Casting::Unsafe));
/// ```
pub const fn can_cast(from: DType, to: DType, casting: Casting) -> bool {
    match casting {
        Casting::No | Casting::Equiv => from as u8 == to as u8,
        Casting::Safe => can_cast_safe(from, to),
        Casting::SameKind => {
            can_cast_safe(from, to) || kind_rank(from.kind()) <= kind_rank(to.kind())
        }
        Casting::Unsafe => true,
    }
}

/// The smallest dtype that both `a` and `b` cast to safely (this is how NumPy's promotion
/// table is built), in the order that makes "smallest" unique.
const fn promote_pair(a: DType, b: DType) -> DType {
    const ORDER: [DType; 15] = [
        DType::Bool,
        DType::U8,
        DType::I8,
        DType::U16,
        DType::I16,
        DType::F16,
        DType::BF16,
        DType::U32,
        DType::I32,
        DType::F32,
        DType::U64,
        DType::I64,
        DType::F64,
        DType::C64,
        DType::C128,
    ];
    let mut i = 0;
    while i < ORDER.len() {
        if can_cast_safe(a, ORDER[i]) && can_cast_safe(b, ORDER[i]) {
            return ORDER[i];
        }
        i += 1;
    }
    DType::C128
}

const fn build_table() -> [[DType; 15]; 15] {
    let mut table = [[DType::Bool; 15]; 15];
    let mut i = 0;
    while i < 15 {
        let mut j = 0;
        while j < 15 {
            table[i][j] = promote_pair(DType::ALL[i], DType::ALL[j]);
            j += 1;
        }
        i += 1;
    }
    table
}

/// `PROMOTION_TABLE[a as usize][b as usize]` is `result_type(a, b)`.
const PROMOTION_TABLE: [[DType; 15]; 15] = build_table();

/// The dtype of `a op b` for arrays of dtypes `a` and `b` (NumPy's `np.result_type(a, b)`).
///
/// ```
/// use oxarray_core::{result_type, DType};
/// assert_eq!(result_type(DType::Bool, DType::I8), DType::I8);
/// assert_eq!(result_type(DType::U32, DType::I8), DType::I64);
/// assert_eq!(result_type(DType::I32, DType::F32), DType::F64);
/// assert_eq!(result_type(DType::BF16, DType::F16), DType::F32);
/// ```
pub const fn result_type(a: DType, b: DType) -> DType {
    PROMOTION_TABLE[a as usize][b as usize]
}

/// NumPy's type number on Linux: the order in which NumPy's built-in dtypes "know about"
/// each other (a dtype only promotes others with smaller numbers itself). `float16` comes
/// after all others; `bfloat16` after that, as a user dtype does.
const fn knowledge(d: DType) -> u8 {
    match d {
        DType::Bool => 0,
        DType::I8 => 1,
        DType::U8 => 2,
        DType::I16 => 3,
        DType::U16 => 4,
        DType::I32 => 5,
        DType::U32 => 6,
        DType::I64 => 7,
        DType::U64 => 8,
        DType::F32 => 11,
        DType::F64 => 12,
        DType::C64 => 14,
        DType::C128 => 15,
        DType::F16 => 23,
        DType::BF16 => 24,
    }
}

/// NumPy's `common_dtype` slot of `cls`: `None` (NotImplemented) when `other` is the more
/// knowledgeable one.
fn common_slot(cls: DType, other: DType) -> Option<DType> {
    (knowledge(other) <= knowledge(cls)).then(|| result_type(cls, other))
}

/// NumPy's `reduce_dtypes_to_most_knowledgeable`: moves the most knowledgeable dtype to the
/// front, clears entries that cannot change the result, returns the last pair's promotion.
fn reduce_to_most_knowledgeable(dtypes: &mut [Option<DType>]) -> Option<DType> {
    let mut len = dtypes.len();
    loop {
        let half = len / 2;
        let mut res = None;
        for low in 0..half {
            let high = len - 1 - low;
            let (Some(lo), Some(hi)) = (dtypes[low], dtypes[high]) else {
                continue;
            };
            res = if lo == hi {
                Some(lo)
            } else {
                common_slot(lo, hi)
            };
            match res {
                None => dtypes.swap(low, high),
                Some(r) if r == lo => dtypes[high] = None,
                Some(_) => {}
            }
        }
        if len == 2 {
            return res;
        }
        len -= half;
    }
}

/// The common dtype of any number of dtypes (NumPy's `np.result_type(*dtypes)`), computed
/// with NumPy's own multi-operand algorithm (see the [module docs](self)); errors when
/// `dtypes` is empty.
///
/// ```
/// use oxarray_core::{promote::result_type_many, DType};
/// assert_eq!(result_type_many(&[DType::I8, DType::U8]).unwrap(), DType::I16);
/// // Not (int8 + uint8) + float16 = float32: NumPy promotes each with the float16.
/// assert_eq!(result_type_many(&[DType::I8, DType::U8, DType::F16]).unwrap(), DType::F16);
/// assert!(result_type_many(&[]).is_err());
/// ```
pub fn result_type_many(dtypes: &[DType]) -> Result<DType> {
    match dtypes {
        [] => Err(Error::invalid_argument(
            "dtypes",
            "[]",
            "at least one dtype is required",
        )),
        [one] => Ok(*one),
        [a, b] => Ok(result_type(*a, *b)),
        _ => {
            let mut scratch: Vec<Option<DType>> = dtypes.iter().copied().map(Some).collect();
            let first = reduce_to_most_knowledgeable(&mut scratch);
            let main = scratch[0].expect("the front entry is never cleared");
            let (mut result, start) = match first {
                Some(r) => (Some(r), 2),
                None => (None, 1),
            };
            for other in scratch[start..].iter().flatten() {
                // `main` is the most knowledgeable: it promotes every other dtype itself.
                let promotion = result_type(main, *other);
                result = Some(match result {
                    None => promotion,
                    Some(r) => result_type(r, promotion),
                });
            }
            Ok(result.unwrap_or(main))
        }
    }
}

/// A Python scalar in an expression with an array: NEP 50's "weak" operand, whose type
/// yields to the array's dtype within its kind.
///
/// ```
/// use oxarray_core::{promote::PyScalar, DType};
/// assert_eq!(PyScalar::from(3).default_dtype(), DType::I64);
/// assert_eq!(PyScalar::from(0.5).default_dtype(), DType::F64);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PyScalar {
    /// A Python `bool`.
    Bool(bool),
    /// A Python `int` (wide enough for every `int64` and `uint64` value).
    Int(i128),
    /// A Python `float`.
    Float(f64),
    /// A Python `complex`.
    Complex(Complex64),
}

impl PyScalar {
    /// The dtype NumPy gives this scalar alone (`np.asarray(x).dtype` for the usual values):
    /// `bool`, `int64`, `float64` or `complex128`.
    pub const fn default_dtype(&self) -> DType {
        match self {
            PyScalar::Bool(_) => DType::Bool,
            PyScalar::Int(_) => DType::I64,
            PyScalar::Float(_) => DType::F64,
            PyScalar::Complex(_) => DType::C128,
        }
    }

    /// The value as a [`Scalar`] (an integer outside `i64`/`u64` saturates; check it with
    /// [`result_type_with_scalar`] first).
    pub fn to_scalar(&self) -> Scalar {
        match *self {
            PyScalar::Bool(b) => Scalar::Bool(b),
            PyScalar::Int(v) if v < 0 => Scalar::Int(v.max(i64::MIN as i128) as i64),
            PyScalar::Int(v) if v <= i64::MAX as i128 => Scalar::Int(v as i64),
            PyScalar::Int(v) => Scalar::UInt(v.min(u64::MAX as i128) as u64),
            PyScalar::Float(v) => Scalar::Float(v),
            PyScalar::Complex(c) => Scalar::Complex(c),
        }
    }
}

macro_rules! py_scalar_from {
    ($($t:ty => $variant:ident via $conv:ty),* $(,)?) => {$(
        impl From<$t> for PyScalar {
            fn from(v: $t) -> Self {
                PyScalar::$variant(<$conv>::from(v))
            }
        }
    )*};
}

py_scalar_from! {
    bool => Bool via bool,
    i8 => Int via i128, i16 => Int via i128, i32 => Int via i128, i64 => Int via i128,
    u8 => Int via i128, u16 => Int via i128, u32 => Int via i128, u64 => Int via i128,
    i128 => Int via i128,
    f32 => Float via f64, f64 => Float via f64,
    Complex64 => Complex via Complex64,
}

impl From<&PyScalar> for PyScalar {
    fn from(s: &PyScalar) -> Self {
        *s
    }
}

/// The inclusive value range of an integer dtype.
fn int_range(d: DType) -> (i128, i128) {
    match d {
        DType::I8 => (i8::MIN.into(), i8::MAX.into()),
        DType::I16 => (i16::MIN.into(), i16::MAX.into()),
        DType::I32 => (i32::MIN.into(), i32::MAX.into()),
        DType::I64 => (i64::MIN.into(), i64::MAX.into()),
        DType::U8 => (0, u8::MAX.into()),
        DType::U16 => (0, u16::MAX.into()),
        DType::U32 => (0, u32::MAX.into()),
        DType::U64 => (0, u64::MAX.into()),
        _ => (i128::MIN, i128::MAX),
    }
}

/// The dtype of `array op scalar` for an array of dtype `dtype` and a Python scalar, by
/// NEP 50 (NumPy 2):
///
/// - a scalar of the array's kind or a lower one takes the array's dtype (`uint8 + 1 ->
///   uint8`, `float32 + 0.5 -> float32`, `float16 + True -> float16`);
/// - a scalar of a higher kind takes that kind's default type (`int8 + 0.5 -> float64`,
///   `bool + 1 -> int64`, `int32 + 1j -> complex128`), except that a complex scalar with a
///   `float16`/`bfloat16`/`float32` array gives `complex64`;
/// - an integer that does not fit the resulting integer dtype is an error, where NumPy
///   raises `OverflowError` (`uint8 + 300`, `uint8 + -1`, `int64 + 2**63`).
///
/// ```
/// use oxarray_core::{promote::{result_type_with_scalar, PyScalar}, Complex64, DType};
/// assert_eq!(result_type_with_scalar(DType::Bool, 1).unwrap(), DType::I64);
/// assert_eq!(result_type_with_scalar(DType::F16, Complex64::new(0.0, 1.0)).unwrap(), DType::C64);
/// let err = result_type_with_scalar(DType::U8, PyScalar::Int(300)).unwrap_err();
/// assert!(err.to_string().contains("Python integer 300 out of bounds for uint8"));
/// ```
pub fn result_type_with_scalar(dtype: DType, scalar: impl Into<PyScalar>) -> Result<DType> {
    let scalar = scalar.into();
    let kind = dtype.kind();
    let result = match scalar {
        PyScalar::Bool(_) => dtype,
        PyScalar::Int(_) if kind == DTypeKind::Bool => DType::I64,
        PyScalar::Int(_) => dtype,
        PyScalar::Float(_) if dtype.is_inexact() => dtype,
        PyScalar::Float(_) => DType::F64,
        PyScalar::Complex(_) => match dtype {
            DType::C64 | DType::C128 => dtype,
            DType::F16 | DType::BF16 | DType::F32 => DType::C64,
            _ => DType::C128,
        },
    };
    if let PyScalar::Int(v) = scalar {
        let (lo, hi) = int_range(result);
        if v < lo || v > hi {
            return Err(Error::IntegerOutOfBounds {
                value: v,
                dtype: result,
            });
        }
    }
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_symmetric_and_idempotent() {
        for a in DType::ALL {
            assert_eq!(result_type(a, a), a);
            for b in DType::ALL {
                assert_eq!(result_type(a, b), result_type(b, a), "{a} {b}");
                let r = result_type(a, b);
                assert!(can_cast(a, r, Casting::Safe) && can_cast(b, r, Casting::Safe));
            }
        }
    }

    #[test]
    fn casting_rules_nest() {
        for a in DType::ALL {
            for b in DType::ALL {
                let allowed: Vec<bool> = Casting::ALL.iter().map(|&c| can_cast(a, b, c)).collect();
                assert!(allowed.windows(2).all(|w| !w[0] || w[1]), "{a} -> {b}");
            }
        }
    }

    #[test]
    fn bfloat16_rules() {
        assert_eq!(result_type(DType::BF16, DType::I8), DType::BF16);
        assert_eq!(result_type(DType::BF16, DType::U8), DType::BF16);
        assert_eq!(result_type(DType::BF16, DType::I16), DType::F32);
        assert_eq!(result_type(DType::BF16, DType::U64), DType::F64);
        assert_eq!(result_type(DType::BF16, DType::C64), DType::C64);
        assert!(can_cast(DType::BF16, DType::F16, Casting::SameKind));
        assert!(!can_cast(DType::BF16, DType::F16, Casting::Safe));
        assert!(!can_cast(DType::C64, DType::BF16, Casting::SameKind));
        assert_eq!(
            result_type_many(&[DType::BF16, DType::I16, DType::U16]).unwrap(),
            DType::F32
        );
        assert_eq!(
            result_type_with_scalar(DType::BF16, 2.5).unwrap(),
            DType::BF16
        );
    }

    #[test]
    fn py_scalar_to_scalar_saturates() {
        assert_eq!(PyScalar::Int(-5).to_scalar(), Scalar::Int(-5));
        assert_eq!(PyScalar::Int(1 << 63).to_scalar(), Scalar::UInt(1 << 63));
        assert_eq!(PyScalar::Int(1 << 70).to_scalar(), Scalar::UInt(u64::MAX));
        assert_eq!(PyScalar::Int(-(1 << 70)).to_scalar(), Scalar::Int(i64::MIN));
    }
}
