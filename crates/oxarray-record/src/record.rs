//! The traits behind `#[derive(Record)]`: a Rust type that is a field ([`RecordField`]:
//! every element type, arrays of fields, derived records) and a `#[repr(C)]` struct that is a
//! record ([`Record`]).

use oxarray_core::{Complex32, Complex64, Dims, Element, bf16, f16};

use crate::bytes::{as_bytes, scalar_from_bytes};
use crate::dtype::{ByteOrder, FieldType, RecordDType};

/// A Rust type that can be a field of a record: the element types of the core, fixed-size
/// arrays of fields (a sub-array, `[f32; 3]` is NumPy's `('<f4', (3,))`), and structs
/// deriving [`Record`].
///
/// `SIZE` and `ALIGN` are the NumPy itemsize and alignment of the field, as constants, so
/// that `#[derive(Record)]` checks the struct's layout against NumPy's at compile time.
pub trait RecordField: Copy + 'static {
    /// Bytes of the field (`size_of::<Self>()`).
    const SIZE: usize;
    /// NumPy's alignment of the field's element type.
    const ALIGN: usize;
    /// The element type (for an array, its innermost element).
    fn field_type() -> FieldType;
    /// The sub-array shape (empty unless an array).
    fn shape() -> Dims {
        Dims::new()
    }
    /// The value from its `SIZE` bytes in native byte order.
    ///
    /// # Panics
    /// When `bytes` is shorter than `SIZE`.
    fn read_bytes(bytes: &[u8]) -> Self;
    /// Writes the value's `SIZE` bytes (native byte order) to the start of `out`.
    ///
    /// # Panics
    /// When `out` is shorter than `SIZE`.
    fn write_bytes(&self, out: &mut [u8]);
}

macro_rules! element_fields {
    ($($t:ty),*) => {$(
        impl RecordField for $t {
            const SIZE: usize = std::mem::size_of::<$t>();
            const ALIGN: usize = <$t as Element>::DTYPE.alignment();
            fn field_type() -> FieldType {
                FieldType::Scalar(<$t as Element>::DTYPE, ByteOrder::NATIVE)
            }
            fn read_bytes(bytes: &[u8]) -> Self {
                scalar_from_bytes::<$t>(bytes, ByteOrder::NATIVE)
            }
            fn write_bytes(&self, out: &mut [u8]) {
                out[..Self::SIZE].copy_from_slice(as_bytes(std::slice::from_ref(self)));
            }
        }
    )*};
}

element_fields!(
    bool, i8, i16, i32, i64, u8, u16, u32, u64, f16, bf16, f32, f64, Complex32, Complex64
);

impl<F: RecordField, const N: usize> RecordField for [F; N] {
    const SIZE: usize = F::SIZE * N;
    const ALIGN: usize = F::ALIGN;
    fn field_type() -> FieldType {
        F::field_type()
    }
    fn shape() -> Dims {
        let mut s = Dims::from(&[N][..]);
        for &x in F::shape().iter() {
            s.push(x);
        }
        s
    }
    fn read_bytes(bytes: &[u8]) -> Self {
        std::array::from_fn(|i| F::read_bytes(&bytes[i * F::SIZE..]))
    }
    fn write_bytes(&self, out: &mut [u8]) {
        for (i, v) in self.iter().enumerate() {
            v.write_bytes(&mut out[i * F::SIZE..]);
        }
    }
}

/// A `#[repr(C)]` struct whose fields are [`RecordField`]s: its record dtype, and conversion
/// of one value to and from the bytes of one record. Derive it with `#[derive(Record)]`:
///
/// ```
/// use oxarray_record::{Record, RecordDType};
/// #[derive(Record, Clone, Copy)]
/// #[repr(C)]
/// struct Particle { timestamp: u64, position: [f32; 3], velocity: [f32; 3] }
///
/// let dt = Particle::record_dtype();
/// assert_eq!(dt, RecordDType::parse(
///     "[('timestamp','<u8'),('position','<f4',(3,)),('velocity','<f4',(3,))]", true)?);
/// assert_eq!(dt.itemsize(), std::mem::size_of::<Particle>());
/// # Ok::<(), oxarray_record::Error>(())
/// ```
///
/// `#[repr(C)]` structs map to NumPy's `align=True` layout, `#[repr(C, packed)]` ones to
/// `align=False`; the derive asserts at compile time that the Rust offsets are NumPy's. A
/// struct used from the facade names the crate path: `#[record(crate = "oxarray::record")]`.
pub trait Record: Copy + 'static {
    /// The record dtype (NumPy's layout of the struct).
    fn record_dtype() -> RecordDType;
    /// The value from the bytes of one record (native byte order, `itemsize` bytes).
    fn read_record(bytes: &[u8]) -> Self;
    /// Writes the value's fields into the bytes of one record (padding is left as it is).
    fn write_record(&self, out: &mut [u8]);
}

/// Support for the code `#[derive(Record)]` generates; not a public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::dtype::{Align, FieldSpec, FieldType, RecordDType, align_up};
    pub use oxarray_core::Dims;
    pub use std::mem::{offset_of, size_of};
    pub use std::sync::Arc;
}
