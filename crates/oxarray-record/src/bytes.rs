//! Byte-level helpers shared with oxarray-io: reading one scalar from bytes in either byte
//! order, swapping runs of scalars or whole records to the machine's order, and viewing a
//! slice of elements as its bytes.

use oxarray_core::{DType, Element, Scalar};

use crate::dtype::{ByteOrder, FieldType, RecordDType};

/// The size of one byte-swapped unit of `dtype`: the itemsize, or half of it for complex
/// numbers (each part swaps on its own).
pub fn swap_unit(dtype: DType) -> usize {
    if dtype.is_complex() {
        dtype.itemsize() / 2
    } else {
        dtype.itemsize()
    }
}

/// Reverses the bytes of every `dtype` scalar in `bytes` (a whole number of them): big-endian
/// to little-endian and back.
pub fn swap_scalars_in_place(bytes: &mut [u8], dtype: DType) {
    let unit = swap_unit(dtype);
    if unit <= 1 {
        return;
    }
    match unit {
        2 => swap_fixed::<2>(bytes),
        4 => swap_fixed::<4>(bytes),
        8 => swap_fixed::<8>(bytes),
        _ => bytes.chunks_exact_mut(unit).for_each(<[u8]>::reverse),
    }
}

fn swap_fixed<const N: usize>(bytes: &mut [u8]) {
    // Fixed-size chunks let the compiler turn the reversal into `bswap` / vector shuffles.
    for chunk in bytes.chunks_exact_mut(N) {
        let a: &mut [u8; N] = chunk.try_into().expect("chunks_exact gives N bytes");
        a.reverse();
    }
}

/// One scalar of type `T` from its `size_of::<T>()` bytes stored in `order`. A bool is true
/// for any non-zero byte (NumPy's reading of a `b1` byte).
///
/// # Panics
/// When `bytes` is shorter than one `T`.
pub fn scalar_from_bytes<T: Element>(bytes: &[u8], order: ByteOrder) -> T {
    let size = std::mem::size_of::<T>();
    let mut buf = [0u8; 16];
    buf[..size].copy_from_slice(&bytes[..size]);
    if !order.is_native() {
        swap_scalars_in_place(&mut buf[..size], T::DTYPE);
    }
    if T::DTYPE == DType::Bool {
        return T::from_scalar(Scalar::Bool(buf[0] != 0));
    }
    // SAFETY: every element type other than bool (handled above) is a plain integer, float
    // or pair of floats, valid for every bit pattern; `buf` holds `size_of::<T>()`
    // initialised bytes and `read_unaligned` has no alignment requirement.
    unsafe { std::ptr::read_unaligned(buf.as_ptr().cast::<T>()) }
}

/// The bytes of a slice of elements (every element type is plain data without padding).
pub fn as_bytes<T: Element>(values: &[T]) -> &[u8] {
    // SAFETY: element types are integers, floats, bools (one byte, 0 or 1) and pairs of
    // floats (`#[repr(C)]` `Complex`): no padding, so every byte is initialised; `u8` has no
    // alignment requirement and the length is the slice's size in bytes.
    unsafe {
        std::slice::from_raw_parts(values.as_ptr().cast::<u8>(), std::mem::size_of_val(values))
    }
}

/// Swaps every non-native scalar field of one record (recursively) to the machine's order.
pub fn swap_record_to_native(dtype: &RecordDType, record: &mut [u8]) {
    for field in dtype.fields() {
        let start = field.offset;
        let end = start + field.size();
        let bytes = &mut record[start..end];
        match &field.ty {
            FieldType::Scalar(d, order) if !order.is_native() => swap_scalars_in_place(bytes, *d),
            FieldType::Record(inner) => {
                for rec in bytes.chunks_exact_mut(inner.itemsize().max(1)) {
                    swap_record_to_native(inner, rec);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxarray_core::Complex32;

    #[test]
    fn swaps_and_reads_each_order() {
        let be = 0x0102_0304u32.to_be_bytes();
        assert_eq!(scalar_from_bytes::<u32>(&be, ByteOrder::Big), 0x0102_0304);
        assert_eq!(
            scalar_from_bytes::<u32>(&be, ByteOrder::Little),
            0x0403_0201
        );
        let mut c = [1.0f32.to_be_bytes(), 2.0f32.to_be_bytes()].concat();
        swap_scalars_in_place(&mut c, DType::C64);
        assert_eq!(
            scalar_from_bytes::<Complex32>(&c, ByteOrder::Little),
            Complex32::new(1.0, 2.0)
        );
        assert!(scalar_from_bytes::<bool>(&[7], ByteOrder::Little));
        assert_eq!(as_bytes(&[1u16, 2]), &[1, 0, 2, 0]);
    }
}
