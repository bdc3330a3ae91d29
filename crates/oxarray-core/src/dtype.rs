//! The runtime element-type tag, with NumPy's names, sizes, alignments and `.npy` descriptors.

use std::fmt;

/// The element type of an array, known at run time.
///
/// The names follow NumPy (`DType::F64.name() == "float64"`). `BF16` is not a NumPy built-in
/// (it comes from `ml_dtypes`); it has no `.npy` descriptor.
///
/// ```
/// use oxarray_core::DType;
/// assert_eq!(DType::F32.name(), "float32");
/// assert_eq!(DType::C128.itemsize(), 16);
/// assert_eq!(DType::I16.npy_descr(), Some("<i2"));
/// assert_eq!(DType::from_name("complex64"), Some(DType::C64));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DType {
    /// `bool`, one byte, 0 or 1.
    Bool,
    /// `int8`
    I8,
    /// `int16`
    I16,
    /// `int32`
    I32,
    /// `int64`
    I64,
    /// `uint8`
    U8,
    /// `uint16`
    U16,
    /// `uint32`
    U32,
    /// `uint64`
    U64,
    /// `float16` (IEEE half)
    F16,
    /// `bfloat16` (brain float)
    BF16,
    /// `float32`
    F32,
    /// `float64`
    F64,
    /// `complex64`: two `float32`
    C64,
    /// `complex128`: two `float64`
    C128,
}

/// The kind of a dtype, NumPy's `dtype.kind` letter grouped as an enum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DTypeKind {
    /// `b`
    Bool,
    /// `i`
    SignedInt,
    /// `u`
    UnsignedInt,
    /// `f`
    Float,
    /// `c`
    Complex,
}

impl DType {
    /// Every dtype, in promotion-table order.
    pub const ALL: [DType; 15] = [
        DType::Bool,
        DType::I8,
        DType::I16,
        DType::I32,
        DType::I64,
        DType::U8,
        DType::U16,
        DType::U32,
        DType::U64,
        DType::F16,
        DType::BF16,
        DType::F32,
        DType::F64,
        DType::C64,
        DType::C128,
    ];

    /// NumPy's name (`np.dtype(x).name`).
    pub const fn name(self) -> &'static str {
        match self {
            DType::Bool => "bool",
            DType::I8 => "int8",
            DType::I16 => "int16",
            DType::I32 => "int32",
            DType::I64 => "int64",
            DType::U8 => "uint8",
            DType::U16 => "uint16",
            DType::U32 => "uint32",
            DType::U64 => "uint64",
            DType::F16 => "float16",
            DType::BF16 => "bfloat16",
            DType::F32 => "float32",
            DType::F64 => "float64",
            DType::C64 => "complex64",
            DType::C128 => "complex128",
        }
    }

    /// The dtype with NumPy's name `name`; also accepts `.npy` descriptors such as `<f8`.
    pub fn from_name(name: &str) -> Option<DType> {
        DType::ALL
            .into_iter()
            .find(|d| d.name() == name || d.npy_descr() == Some(name))
    }

    /// Size of one element in bytes.
    pub const fn itemsize(self) -> usize {
        match self {
            DType::Bool | DType::I8 | DType::U8 => 1,
            DType::I16 | DType::U16 | DType::F16 | DType::BF16 => 2,
            DType::I32 | DType::U32 | DType::F32 => 4,
            DType::I64 | DType::U64 | DType::F64 | DType::C64 => 8,
            DType::C128 => 16,
        }
    }

    /// Alignment of one element in bytes (NumPy's `dtype.alignment`).
    pub const fn alignment(self) -> usize {
        match self {
            DType::C64 => 4,
            DType::C128 => 8,
            other => other.itemsize(),
        }
    }

    /// The kind (bool, signed, unsigned, float, complex).
    pub const fn kind(self) -> DTypeKind {
        match self {
            DType::Bool => DTypeKind::Bool,
            DType::I8 | DType::I16 | DType::I32 | DType::I64 => DTypeKind::SignedInt,
            DType::U8 | DType::U16 | DType::U32 | DType::U64 => DTypeKind::UnsignedInt,
            DType::F16 | DType::BF16 | DType::F32 | DType::F64 => DTypeKind::Float,
            DType::C64 | DType::C128 => DTypeKind::Complex,
        }
    }

    /// NumPy's one-letter kind code (`b`, `i`, `u`, `f`, `c`).
    pub const fn kind_char(self) -> char {
        match self.kind() {
            DTypeKind::Bool => 'b',
            DTypeKind::SignedInt => 'i',
            DTypeKind::UnsignedInt => 'u',
            DTypeKind::Float => 'f',
            DTypeKind::Complex => 'c',
        }
    }

    /// The little-endian `.npy` header descriptor (`descr`), e.g. `<f8`, `|b1`.
    ///
    /// `None` for `bfloat16`, which the `.npy` format has no code for.
    pub const fn npy_descr(self) -> Option<&'static str> {
        Some(match self {
            DType::Bool => "|b1",
            DType::I8 => "|i1",
            DType::I16 => "<i2",
            DType::I32 => "<i4",
            DType::I64 => "<i8",
            DType::U8 => "|u1",
            DType::U16 => "<u2",
            DType::U32 => "<u4",
            DType::U64 => "<u8",
            DType::F16 => "<f2",
            DType::BF16 => return None,
            DType::F32 => "<f4",
            DType::F64 => "<f8",
            DType::C64 => "<c8",
            DType::C128 => "<c16",
        })
    }

    /// Whether the dtype is an integer type (signed or unsigned; not bool).
    pub const fn is_integer(self) -> bool {
        matches!(self.kind(), DTypeKind::SignedInt | DTypeKind::UnsignedInt)
    }

    /// Whether the dtype is a real floating-point type.
    pub const fn is_float(self) -> bool {
        matches!(self.kind(), DTypeKind::Float)
    }

    /// Whether the dtype is complex.
    pub const fn is_complex(self) -> bool {
        matches!(self.kind(), DTypeKind::Complex)
    }

    /// Whether values of this dtype are inexact (float or complex).
    pub const fn is_inexact(self) -> bool {
        self.is_float() || self.is_complex()
    }
}

impl fmt::Display for DType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
