//! Record dtypes: fields with names, element types, sub-array shapes and byte offsets, laid
//! out with NumPy's rules.
//!
//! # NumPy's layout rules (`numpy/_core/src/multiarray/descriptor.c`)
//!
//! * `align=False` (the default): fields are packed one after the other, the itemsize is the
//!   sum of the field sizes, and the dtype's alignment is 1.
//! * `align=True` (a C struct): each field starts at the next multiple of its alignment (the
//!   alignment of its element type; a sub-array aligns as its element, a nested record as the
//!   nested record), the itemsize is rounded up to the largest field alignment, and that is
//!   the dtype's alignment.
//! * Explicit offsets (NumPy's dict form `{'names', 'formats', 'offsets', 'itemsize'}`) are
//!   taken as given; with `align=True` each must be a multiple of its field's alignment. The
//!   itemsize is the end of the furthest field (rounded up as above with `align=True`), or
//!   the given itemsize, which may not be smaller, nor (with `align=True`) a non-multiple of
//!   the alignment.

use std::fmt;
use std::sync::Arc;

use oxarray_core::{DType, Dims, Error, Result};

/// Byte order of a multi-byte scalar in memory or in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ByteOrder {
    /// Least significant byte first (`<`); every platform oxarray runs on.
    #[default]
    Little,
    /// Most significant byte first (`>`).
    Big,
}

impl ByteOrder {
    /// The byte order of this machine.
    pub const NATIVE: ByteOrder = if cfg!(target_endian = "big") {
        ByteOrder::Big
    } else {
        ByteOrder::Little
    };

    /// Whether this is the machine's byte order.
    pub fn is_native(self) -> bool {
        self == ByteOrder::NATIVE
    }

    /// NumPy's character: `<` or `>`.
    pub fn numpy_char(self) -> char {
        match self {
            ByteOrder::Little => '<',
            ByteOrder::Big => '>',
        }
    }
}

/// The element type of a field (or of a whole array): a scalar of the core with its byte
/// order, opaque bytes (`|V8`, NumPy's padding and void), or a nested record.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FieldType {
    /// A scalar of a core dtype, stored in `ByteOrder` (one-byte types are always `Little`).
    Scalar(DType, ByteOrder),
    /// `n` opaque bytes (NumPy's `V` kind).
    Void(usize),
    /// A nested record.
    Record(Arc<RecordDType>),
}

impl FieldType {
    /// A scalar field type in the machine's byte order.
    pub fn native(dtype: DType) -> FieldType {
        FieldType::Scalar(dtype, ByteOrder::NATIVE)
    }

    /// Size of one element in bytes.
    pub fn itemsize(&self) -> usize {
        match self {
            FieldType::Scalar(d, _) => d.itemsize(),
            FieldType::Void(n) => *n,
            FieldType::Record(r) => r.itemsize(),
        }
    }

    /// NumPy's `dtype.alignment`: the scalar's alignment, 1 for void bytes, the record's own
    /// alignment (1 unless it was built with `align=True`).
    pub fn alignment(&self) -> usize {
        match self {
            FieldType::Scalar(d, _) => d.alignment(),
            FieldType::Void(_) => 1,
            FieldType::Record(r) => r.alignment(),
        }
    }

    /// The scalar dtype, when this is a scalar.
    pub fn scalar(&self) -> Option<(DType, ByteOrder)> {
        match self {
            FieldType::Scalar(d, o) => Some((*d, *o)),
            _ => None,
        }
    }

    /// NumPy's type string (`dtype.str`): `<f8`, `|u1`, `|V12` (records print as their void
    /// size, as NumPy's `dtype.str` does).
    pub fn type_str(&self) -> String {
        match self {
            FieldType::Scalar(d, o) => {
                let code = scalar_code(*d);
                if d.itemsize() == 1 {
                    format!("|{code}")
                } else {
                    format!("{}{code}", o.numpy_char())
                }
            }
            FieldType::Void(n) => format!("|V{n}"),
            FieldType::Record(r) => format!("|V{}", r.itemsize()),
        }
    }

    /// Whether every scalar inside is in the machine's byte order.
    pub fn is_native_order(&self) -> bool {
        match self {
            FieldType::Scalar(d, o) => d.itemsize() == 1 || o.is_native(),
            FieldType::Void(_) => true,
            FieldType::Record(r) => r.fields().iter().all(|f| f.ty.is_native_order()),
        }
    }

    /// The same type with every scalar inside in the machine's byte order.
    pub fn to_native_order(&self) -> FieldType {
        match self {
            FieldType::Scalar(d, _) => FieldType::native(*d),
            FieldType::Void(n) => FieldType::Void(*n),
            FieldType::Record(r) => FieldType::Record(Arc::new(r.to_native_order())),
        }
    }
}

impl From<DType> for FieldType {
    fn from(d: DType) -> Self {
        FieldType::native(d)
    }
}

impl From<RecordDType> for FieldType {
    fn from(r: RecordDType) -> Self {
        FieldType::Record(Arc::new(r))
    }
}

impl fmt::Display for FieldType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldType::Record(r) => write!(f, "{r}"),
            other => f.write_str(&other.type_str()),
        }
    }
}

/// NumPy's kind letter and size of a core dtype (`f8`, `c16`, `b1`); `bfloat16` has no NumPy
/// code and is written as `V2`-free `bf2`, which NumPy cannot read.
pub(crate) fn scalar_code(d: DType) -> String {
    if d == DType::BF16 {
        return "bf2".into();
    }
    format!("{}{}", d.kind_char(), d.itemsize())
}

/// One field of a record dtype.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Field {
    /// The field's name.
    pub name: String,
    /// NumPy's optional title (a second name), when the field has one.
    pub title: Option<String>,
    /// The element type.
    pub ty: FieldType,
    /// The sub-array shape (`()` for a plain field, `(3,)` for `('<f4', (3,))`).
    pub shape: Dims,
    /// Byte offset of the field inside the record.
    pub offset: usize,
}

impl Field {
    /// Bytes the field occupies: element size times the sub-array's size.
    pub fn size(&self) -> usize {
        self.ty.itemsize() * self.shape.iter().product::<usize>()
    }

    /// Number of elements of the sub-array (1 for a plain field).
    pub fn count(&self) -> usize {
        self.shape.iter().product()
    }
}

/// A field to be placed by [`RecordDType::new`]: name, type, sub-array shape, and optionally
/// an explicit offset.
///
/// ```
/// use oxarray_record::{FieldSpec, DType};
/// let f = FieldSpec::new("position", DType::F32).shape([3]);
/// assert_eq!(&f.shape[..], &[3]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldSpec {
    /// The name (must be unique and non-empty).
    pub name: String,
    /// The element type.
    pub ty: FieldType,
    /// The sub-array shape (empty for a plain field).
    pub shape: Dims,
    /// An explicit byte offset, or `None` to place the field after the previous one.
    pub offset: Option<usize>,
}

impl FieldSpec {
    /// A plain field of type `ty` (a [`DType`], a [`RecordDType`] or a [`FieldType`]).
    pub fn new(name: impl Into<String>, ty: impl Into<FieldType>) -> Self {
        FieldSpec {
            name: name.into(),
            ty: ty.into(),
            shape: Dims::new(),
            offset: None,
        }
    }

    /// The same field as a sub-array of `shape`.
    #[must_use]
    pub fn shape(mut self, shape: impl AsRef<[usize]>) -> Self {
        self.shape = Dims::from(shape.as_ref());
        self
    }

    /// The same field at an explicit byte offset.
    #[must_use]
    pub fn offset(mut self, offset: usize) -> Self {
        self.offset = Some(offset);
        self
    }
}

/// Whether [`RecordDType::new`] places fields like a packed (`align=False`) or a C
/// (`align=True`) struct.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Align {
    /// NumPy's default, `align=False`: packed, alignment 1.
    #[default]
    Packed,
    /// NumPy's `align=True`: C-struct padding.
    C,
}

impl From<bool> for Align {
    fn from(align: bool) -> Self {
        if align { Align::C } else { Align::Packed }
    }
}

/// A record (structured) dtype: named fields at byte offsets within an item of `itemsize`
/// bytes, NumPy's `np.dtype([...], align=...)`.
///
/// ```
/// use oxarray_record::{Align, DType, FieldSpec, RecordDType};
/// // The article's particle record.
/// let fields = [
///     FieldSpec::new("timestamp", DType::U64),
///     FieldSpec::new("position", DType::F32).shape([3]),
///     FieldSpec::new("velocity", DType::F32).shape([3]),
/// ];
/// let packed = RecordDType::new(&fields, Align::Packed)?;
/// assert_eq!((packed.itemsize(), packed.offsets()), (32, vec![0, 8, 20]));
/// let c = RecordDType::new(&fields, Align::C)?;
/// assert_eq!((c.itemsize(), c.alignment()), (32, 8));
///
/// let padded = RecordDType::new(&[FieldSpec::new("a", DType::U8), FieldSpec::new("b", DType::F64)], Align::C)?;
/// assert_eq!((padded.offsets(), padded.itemsize()), (vec![0, 8], 16));
/// # Ok::<(), oxarray_record::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RecordDType {
    fields: Vec<Field>,
    itemsize: usize,
    alignment: usize,
    aligned_struct: bool,
}

/// `offset` rounded up to a multiple of `align` (a power of two or any positive number).
pub const fn align_up(offset: usize, align: usize) -> usize {
    if align <= 1 {
        offset
    } else {
        offset.div_ceil(align) * align
    }
}

impl RecordDType {
    /// Lays out `fields` with NumPy's rules (see the module docs) for `align`.
    ///
    /// Errors (as [`Error::BadDescriptor`]): no fields is fine (an empty record), but empty or
    /// repeated names, an explicit offset that is not a multiple of its field's alignment
    /// with [`Align::C`], and sizes that overflow are rejected.
    pub fn new(fields: &[FieldSpec], align: impl Into<Align>) -> Result<RecordDType> {
        Self::with_itemsize(fields, align, None)
    }

    /// [`new`](Self::new) with NumPy's `itemsize` override: the record is made `itemsize`
    /// bytes long (not less than its fields need, and with `align=True` a multiple of the
    /// alignment).
    pub fn with_itemsize(
        fields: &[FieldSpec],
        align: impl Into<Align>,
        itemsize: Option<usize>,
    ) -> Result<RecordDType> {
        let aligned = align.into() == Align::C;
        let describe = || describe_specs(fields);
        let bad = |reason: String| Error::BadDescriptor {
            descr: describe(),
            reason,
        };
        let mut placed = Vec::with_capacity(fields.len());
        let mut total: usize = 0;
        let mut max_align: usize = 1;
        for (i, spec) in fields.iter().enumerate() {
            if spec.name.is_empty() {
                return Err(bad(format!("field {i} has an empty name")));
            }
            if fields[..i].iter().any(|f| f.name == spec.name) {
                return Err(bad(format!("field name {:?} is used twice", spec.name)));
            }
            let count = spec
                .shape
                .iter()
                .try_fold(1usize, |acc, &d| acc.checked_mul(d));
            let size = count
                .and_then(|c| c.checked_mul(spec.ty.itemsize()))
                .filter(|&s| s <= isize::MAX as usize)
                .ok_or_else(|| {
                    bad(format!(
                        "field {:?} of shape {:?} is too large",
                        spec.name,
                        &spec.shape[..]
                    ))
                })?;
            let field_align = spec.ty.alignment();
            if aligned {
                max_align = max_align.max(field_align);
            }
            let offset = match spec.offset {
                Some(offset) => {
                    if aligned && offset % field_align != 0 {
                        return Err(bad(format!(
                            "field {:?} has offset {offset}, which is not divisible by the \
                             field alignment {field_align} with align=True",
                            spec.name
                        )));
                    }
                    offset
                }
                None if aligned => align_up(total, field_align),
                None => total,
            };
            let end = offset
                .checked_add(size)
                .filter(|&e| e <= isize::MAX as usize)
                .ok_or_else(|| bad(format!("field {:?} ends past isize::MAX", spec.name)))?;
            total = if spec.offset.is_some() {
                total.max(end)
            } else {
                end
            };
            placed.push(Field {
                name: spec.name.clone(),
                title: None,
                ty: spec.ty.clone(),
                shape: spec.shape.clone(),
                offset,
            });
        }
        let needed = align_up(total, max_align);
        let itemsize = match itemsize {
            None => needed,
            Some(n) if n < needed => {
                return Err(bad(format!(
                    "the fields need {needed} bytes, cannot override to smaller itemsize {n}"
                )));
            }
            Some(n) if aligned && n % max_align != 0 => {
                return Err(bad(format!(
                    "the dtype requires alignment of {max_align} bytes, which does not divide \
                     the itemsize {n}"
                )));
            }
            Some(n) => n,
        };
        Ok(RecordDType {
            fields: placed,
            itemsize,
            alignment: max_align,
            aligned_struct: aligned,
        })
    }

    /// A record from fields already placed (offsets given), with its itemsize and alignment,
    /// as read back from a file. Every field must lie inside the itemsize.
    pub fn from_placed_fields(
        fields: Vec<Field>,
        itemsize: usize,
        aligned_struct: bool,
    ) -> Result<RecordDType> {
        let mut alignment = 1;
        for (i, f) in fields.iter().enumerate() {
            let reason = if f.name.is_empty() {
                Some(format!("field {i} has an empty name"))
            } else if fields[..i].iter().any(|g| g.name == f.name) {
                Some(format!("field name {:?} is used twice", f.name))
            } else {
                let end =
                    f.ty.itemsize()
                        .checked_mul(
                            f.shape
                                .iter()
                                .try_fold(1usize, |a, &d| a.checked_mul(d))
                                .unwrap_or(usize::MAX),
                        )
                        .and_then(|s| s.checked_add(f.offset));
                match end {
                    Some(end) if end <= itemsize => None,
                    _ => Some(format!(
                        "field {:?} at offset {} does not fit in an item of {itemsize} bytes",
                        f.name, f.offset
                    )),
                }
            };
            if let Some(reason) = reason {
                return Err(Error::BadDescriptor {
                    descr: describe_fields(&fields),
                    reason,
                });
            }
            if aligned_struct {
                alignment = alignment.max(f.ty.alignment());
            }
        }
        Ok(RecordDType {
            fields,
            itemsize,
            alignment,
            aligned_struct,
        })
    }

    /// The fields, in declaration order.
    pub fn fields(&self) -> &[Field] {
        &self.fields
    }

    /// The field names, in order (NumPy's `dtype.names`).
    pub fn names(&self) -> Vec<&str> {
        self.fields.iter().map(|f| f.name.as_str()).collect()
    }

    /// The byte offsets of the fields, in order.
    pub fn offsets(&self) -> Vec<usize> {
        self.fields.iter().map(|f| f.offset).collect()
    }

    /// The field called `name` (or titled `name`).
    pub fn field(&self, name: &str) -> Result<&Field> {
        self.fields
            .iter()
            .find(|f| f.name == name || f.title.as_deref() == Some(name))
            .ok_or_else(|| Error::NoSuchField {
                name: name.to_string(),
                available: self.fields.iter().map(|f| f.name.clone()).collect(),
            })
    }

    /// Bytes per record (NumPy's `dtype.itemsize`).
    pub fn itemsize(&self) -> usize {
        self.itemsize
    }

    /// NumPy's `dtype.alignment`: the largest field alignment for an `align=True` record, 1
    /// otherwise.
    pub fn alignment(&self) -> usize {
        self.alignment
    }

    /// NumPy's `dtype.isalignedstruct`: whether the record was built with `align=True`.
    /// (A record read from a `.npy` file never is: the file keeps offsets, not the flag; see
    /// [`is_aligned`](Self::is_aligned).)
    pub fn is_aligned_struct(&self) -> bool {
        self.aligned_struct
    }

    /// Whether every field (recursively) sits at a multiple of its natural alignment and the
    /// itemsize is a multiple of the largest one: records of this dtype in an array whose
    /// start and strides are aligned to [`natural_alignment`](Self::natural_alignment) give
    /// aligned field views (the condition behind NumPy's `ALIGNED` flag).
    pub fn is_aligned(&self) -> bool {
        let max = self.natural_alignment();
        self.itemsize.is_multiple_of(max)
            && self.fields.iter().all(|f| {
                f.offset % natural_alignment(&f.ty) == 0
                    && match &f.ty {
                        FieldType::Record(r) => r.is_aligned(),
                        _ => true,
                    }
            })
    }

    /// The largest natural alignment of any scalar inside (1 for an empty record), whatever
    /// the `align` flag the record was built with.
    pub fn natural_alignment(&self) -> usize {
        self.fields
            .iter()
            .map(|f| natural_alignment(&f.ty))
            .max()
            .unwrap_or(1)
    }

    /// The same record with every scalar in the machine's byte order.
    pub fn to_native_order(&self) -> RecordDType {
        RecordDType {
            fields: self
                .fields
                .iter()
                .map(|f| Field {
                    ty: f.ty.to_native_order(),
                    ..f.clone()
                })
                .collect(),
            ..self.clone()
        }
    }

    /// Whether the fields are in increasing offset order without overlap (NumPy can write
    /// `dtype.descr`, and so a `.npy` header, only for such records).
    pub fn is_in_order(&self) -> bool {
        let mut end = 0;
        for f in &self.fields {
            if f.offset < end {
                return false;
            }
            end = f.offset + f.size();
        }
        true
    }
}

fn natural_alignment(ty: &FieldType) -> usize {
    match ty {
        FieldType::Scalar(d, _) => d.alignment(),
        FieldType::Void(_) => 1,
        FieldType::Record(r) => r.natural_alignment(),
    }
}

fn describe_specs(fields: &[FieldSpec]) -> String {
    let parts: Vec<String> = fields
        .iter()
        .map(|f| {
            let mut s = format!("({:?}, {}", f.name, f.ty);
            if !f.shape.is_empty() {
                s += &format!(", {:?}", &f.shape[..]);
            }
            if let Some(o) = f.offset {
                s += &format!(", offset {o}");
            }
            s + ")"
        })
        .collect();
    format!("[{}]", parts.join(", "))
}

fn describe_fields(fields: &[Field]) -> String {
    let parts: Vec<String> = fields
        .iter()
        .map(|f| {
            format!(
                "({:?}, {}, {:?}, offset {})",
                f.name,
                f.ty,
                &f.shape[..],
                f.offset
            )
        })
        .collect();
    format!("[{}]", parts.join(", "))
}

impl fmt::Display for RecordDType {
    /// NumPy's descriptor list (`dtype.descr`) when the fields are in order; otherwise the
    /// dict form with explicit offsets.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match crate::descr::record_descr(self) {
            Ok(v) => write!(f, "{v}"),
            Err(_) => {
                f.write_str("{'names': [")?;
                for (i, fl) in self.fields.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    crate::pyliteral::write_str_repr(f, &fl.name)?;
                }
                f.write_str("], 'offsets': ")?;
                write!(f, "{:?}", self.offsets())?;
                write!(f, ", 'itemsize': {}}}", self.itemsize)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(name: &str, d: DType) -> FieldSpec {
        FieldSpec::new(name, d)
    }

    #[test]
    fn explicit_offsets_follow_numpy_dict_rules() {
        let f = [
            spec("a", DType::F64).offset(8),
            spec("b", DType::U8).offset(0),
        ];
        let r = RecordDType::new(&f, Align::Packed).unwrap();
        assert_eq!(
            (r.itemsize(), r.alignment(), r.is_in_order()),
            (16, 1, false)
        );
        let r = RecordDType::new(
            &[
                spec("a", DType::U8).offset(0),
                spec("b", DType::F64).offset(1),
            ],
            Align::C,
        );
        assert!(matches!(r, Err(Error::BadDescriptor { .. })));
        let r = RecordDType::with_itemsize(&[spec("a", DType::F64)], Align::C, Some(12));
        assert!(r.is_err());
        let r =
            RecordDType::with_itemsize(&[spec("a", DType::F64)], Align::Packed, Some(12)).unwrap();
        assert_eq!(r.itemsize(), 12);
        assert!(
            RecordDType::with_itemsize(&[spec("a", DType::F64)], Align::Packed, Some(4)).is_err()
        );
    }

    #[test]
    fn names_must_be_unique_and_non_empty() {
        assert!(
            RecordDType::new(&[spec("a", DType::U8), spec("a", DType::U8)], Align::Packed).is_err()
        );
        assert!(RecordDType::new(&[spec("", DType::U8)], Align::Packed).is_err());
        let huge = FieldSpec::new("h", DType::F64).shape([usize::MAX / 2, 4]);
        assert!(RecordDType::new(&[huge], Align::Packed).is_err());
    }

    #[test]
    fn nested_records_align_as_their_alignment() {
        let inner_c =
            RecordDType::new(&[spec("x", DType::U8), spec("y", DType::F64)], Align::C).unwrap();
        let inner_p = RecordDType::new(
            &[spec("x", DType::U8), spec("y", DType::F64)],
            Align::Packed,
        )
        .unwrap();
        let outer = RecordDType::new(
            &[spec("a", DType::U8), FieldSpec::new("n", inner_c)],
            Align::C,
        )
        .unwrap();
        assert_eq!((outer.offsets(), outer.itemsize()), (vec![0, 8], 24));
        let outer = RecordDType::new(
            &[spec("a", DType::U8), FieldSpec::new("n", inner_p.clone())],
            Align::C,
        )
        .unwrap();
        assert_eq!(
            (outer.offsets(), outer.itemsize(), outer.is_aligned()),
            (vec![0, 1], 10, false)
        );
        assert!(!inner_p.is_aligned());
        assert_eq!(inner_p.natural_alignment(), 8);
    }
}
