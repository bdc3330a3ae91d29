//! From array views to the engine's raw operands, and new results written in place.

use std::cell::Cell;
use std::sync::Arc;

use oxarray_core::{Array, ArrayView, ArrayViewMut, Layout, Order, Storage};

use crate::element::ConvElement;
use crate::engine::{Dst, Src};
use crate::error::Result;

thread_local! {
    static SIMD_ENABLED: Cell<bool> = const { Cell::new(true) };
}

/// Runs `f` with the SIMD row kernels turned off on this thread, so that tests can compare the
/// vector path with the scalar one it must agree with.
///
/// ```
/// use oxarray_conv::{convolve2d, with_scalar_kernels, Boundary, Mode};
/// use oxarray_core::Array;
/// let image = Array::<f32>::from_shape_fn([40, 50], |i| (i[0] * 7 + i[1]) as f32 / 8.0)?;
/// let kernel = Array::<f32>::full([3, 3], 0.125)?;
/// let fast = convolve2d(&image, &kernel, Mode::Valid, Boundary::Fill(0.0))?;
/// let plain = with_scalar_kernels(|| convolve2d(&image, &kernel, Mode::Valid, Boundary::Fill(0.0)))?;
/// assert_eq!(fast.to_vec(), plain.to_vec()); // exact here: multiples of 1/64 in f32
/// # Ok::<(), oxarray_conv::ConvError>(())
/// ```
pub fn with_scalar_kernels<R>(f: impl FnOnce() -> R) -> R {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            SIMD_ENABLED.with(|c| c.set(self.0));
        }
    }
    let _restore = Restore(SIMD_ENABLED.with(|c| c.replace(false)));
    f()
}

/// Whether the SIMD kernels may run (read on the calling thread, passed to the workers).
pub(crate) fn simd_enabled() -> bool {
    SIMD_ENABLED.with(|c| c.get())
}

/// A 2-D view as the engine's read operand.
pub(crate) fn src_of<T: ConvElement>(v: &ArrayView<'_, T>) -> Src<T> {
    debug_assert_eq!(v.ndim(), 2);
    Src {
        ptr: v.as_ptr(),
        rows: v.shape()[0],
        cols: v.shape()[1],
        rs: v.strides()[0],
        cs: v.strides()[1],
    }
}

/// A 2-D mutable view as the engine's write operand.
pub(crate) fn dst_of<T: ConvElement>(v: &mut ArrayViewMut<'_, T>) -> Dst<T> {
    debug_assert_eq!(v.ndim(), 2);
    Dst {
        rows: v.shape()[0],
        cols: v.shape()[1],
        rs: v.strides()[0],
        cs: v.strides()[1],
        ptr: v.as_mut_ptr(),
    }
}

/// A new C-order array of `shape` whose every element `write` stores through the operand it
/// is given (uninitialised memory from the core's allocator: no zeroing pass).
///
/// # Safety
/// `write` must write every element of the operand it receives.
pub(crate) unsafe fn new_result<T: ConvElement>(
    shape: [usize; 2],
    write: impl FnOnce(Dst<T>),
) -> Result<Array<T>> {
    let size = shape[0]
        .checked_mul(shape[1])
        .ok_or(oxarray_core::Error::OutOfMemory { bytes: usize::MAX })?;
    let storage = Storage::uninit::<T>(size)?;
    write(Dst {
        ptr: storage.as_ptr().cast::<T>(),
        rows: shape[0],
        cols: shape[1],
        rs: shape[1] as isize,
        cs: 1,
    });
    // SAFETY: `write` wrote each of the `size` elements of the C-order layout (caller).
    Ok(unsafe { Array::from_storage(Arc::new(storage), 0, Layout::contiguous(&shape, Order::C)) })
}
