//! The two zero-copy bridges between oxarray's [`Storage`] and Arrow's [`Buffer`].
//!
//! * Arrow to oxarray: the `Buffer` (a reference-counted handle) becomes the foreign owner of
//!   a read-only [`Storage`] (`Storage::from_foreign`, the same mechanism oxarray-io uses for
//!   memory maps). Writing to such an array copies it first (copy-on-write).
//! * oxarray to Arrow: a C-contiguous [`Array`] (a clone of it, which shares the storage)
//!   becomes the custom owner of an Arrow `Buffer` (`Buffer::from_custom_allocation`). The
//!   clone holds a share of the storage, so any later write through another array on it
//!   copies first: the Arrow buffer never sees its bytes change.
//!
//! A foreign buffer whose start is not aligned for the element type (an IPC body read from
//! an odd offset, a sliced `Buffer`) cannot back an oxarray array, whose invariant 1 requires
//! aligned elements: such data is copied, never read unaligned in place.

use std::panic::AssertUnwindSafe;
use std::ptr::NonNull;
use std::sync::Arc;

use arrow_buffer::Buffer;
use oxarray_core::{Array, Element, Layout, Order, Storage};

use crate::error::Result;

/// An owned array of `shape` (C order) over `len = product(shape)` elements of `T` starting
/// `byte_offset` bytes into `buffer`: zero-copy when the start is aligned for `T`, a copy
/// otherwise. `Ok(None)` is never returned; the `bool` says whether a copy was made.
///
/// The caller guarantees that the bytes hold valid values of `T` (any bit pattern for the
/// numeric types; bools are never read this way) and that the buffer is long enough; both are
/// checked here anyway and a short buffer is an error.
pub(crate) fn array_on_buffer<T: Element>(
    buffer: &Buffer,
    byte_offset: usize,
    shape: &[usize],
) -> Result<(Array<T>, bool)> {
    let len: usize = shape.iter().product();
    let size = std::mem::size_of::<T>();
    let len_bytes = len * size;
    if byte_offset + len_bytes > buffer.len() {
        return Err(oxarray_core::Error::BadBuffer {
            len_bytes: buffer.len(),
            align: 1,
            what: format!(
                "{len} elements of {} from byte {byte_offset} (the Arrow buffer is too short)",
                T::DTYPE
            ),
        }
        .into());
    }
    if len == 0 {
        return Ok((Array::zeros(shape)?, false));
    }
    // SAFETY: `byte_offset + len_bytes <= buffer.len()` (checked above), so the pointer stays
    // inside the buffer's allocation.
    let start = unsafe { buffer.as_ptr().add(byte_offset) };
    if !(start as usize).is_multiple_of(std::mem::align_of::<T>()) {
        // Misaligned: copy element by element with unaligned reads.
        let data: Vec<T> = (0..len)
            // SAFETY: element `i` lies inside the checked range; `read_unaligned` has no
            // alignment requirement, and every bit pattern is a valid numeric `T`.
            .map(|i| unsafe { start.add(i * size).cast::<T>().read_unaligned() })
            .collect();
        return Ok((Array::from_vec(data, shape)?, true));
    }
    let owner = buffer.clone();
    // SAFETY: `start` points at `len_bytes` readable bytes that the `Buffer` clone keeps
    // alive; Arrow buffers are immutable, so nobody mutates them meanwhile; the storage is
    // marked read-only, so oxarray never writes them either.
    let storage =
        unsafe { Storage::from_foreign(start.cast_mut(), len_bytes, false, Box::new(owner))? };
    // SAFETY: invariant 1 holds: the storage holds exactly the `len` contiguous elements of the
    // C-order layout, aligned for `T` (checked above) and initialised (Arrow's values).
    let array =
        unsafe { Array::from_storage(Arc::new(storage), 0, Layout::contiguous(shape, Order::C)) };
    Ok((array, false))
}

/// The owner of a `Buffer` made from an oxarray array: a clone of the array, which keeps a
/// share of its storage alive. Arrow only drops it (never touches it otherwise), so the
/// `AssertUnwindSafe` (needed because `Storage`'s foreign owner is a `dyn Any`) is sound.
struct ArrayOwner<T: Element>(#[allow(dead_code)] AssertUnwindSafe<Array<T>>);

/// An Arrow `Buffer` over the elements of `array` in C order: no copy when the array is
/// C-contiguous (the buffer then starts at `array.as_ptr()`), one copy otherwise. The `bool`
/// says whether a copy was made.
pub(crate) fn buffer_of_array<T: Element>(array: &Array<T>) -> (Buffer, bool) {
    let (contiguous, copied) = if array.is_c_contiguous() {
        (array.clone(), false)
    } else {
        (array.as_standard_layout().into_owned(), true)
    };
    let len_bytes = contiguous.len() * std::mem::size_of::<T>();
    let ptr = NonNull::new(contiguous.as_ptr().cast_mut().cast::<u8>())
        .expect("array pointers are non-null");
    let owner = Arc::new(ArrayOwner(AssertUnwindSafe(contiguous)));
    // SAFETY: a C-contiguous array's `len` elements lie at `ptr..ptr + len_bytes` inside its
    // storage (invariant 1), which `owner` keeps alive as long as the buffer. The owner holds
    // a share of the storage, so no oxarray array writes it in place any more (invariant 3:
    // writes need a unique storage `Arc`, otherwise they copy first); Arrow never writes a
    // `Buffer`. An empty array's dangling pointer is valid for zero bytes.
    let buffer = unsafe { Buffer::from_custom_allocation(ptr, len_bytes, owner) };
    (buffer, copied)
}
