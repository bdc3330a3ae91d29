//! Device arrays: a share of a device buffer and a [`Placement`] (the core's `Layout` plus
//! an offset), so views, slices, transposes and broadcasts are O(1) as on the host.

use std::marker::PhantomData;
use std::sync::Arc;

use cudarc::driver::{DeviceRepr, PushKernelArg, result};
use oxarray_core::{Array, AsArrayView, DType, Element, Error, Order, SliceArg, WriteArray};

use crate::device::{DeviceBuffer, Gpu};
use crate::error::{CudaError, Result};
use crate::launch::elementwise_config;
use crate::naming::{Module, cast_symbol, catalogue};
use crate::place::{Placement, strided_args};

/// An element type that can live on the device: every [`Element`] (computing on it needs
/// a kernel for its dtype, see [`naming::KERNEL_DTYPES`](crate::naming::KERNEL_DTYPES)).
pub trait DeviceElement: Element {}
impl<T: Element> DeviceElement for T {}

/// An element passed by value as a kernel parameter (a fill value).
#[derive(Debug, Clone, Copy)]
#[repr(transparent)]
pub(crate) struct ByValue<T>(pub T);

// SAFETY: every `Element` is a plain `Copy` value of its dtype's size and alignment
// (bool, integers, IEEE floats, `repr(C)` complex pairs), the layout the kernels' parameter of
// that dtype has.
unsafe impl<T: Element> DeviceRepr for ByValue<T> {}

/// An n-dimensional array in GPU memory, with the host arrays' shape and stride model.
///
/// Views (`slice`, `t`, `permute`, `broadcast_to`, ...) share the buffer, as CuPy's do:
/// writing through one (an `_into` or `_inplace` operation) changes what the others see.
/// The buffer returns to the device's pool when the last array using it drops.
///
/// ```
/// use oxarray_core::{array, s};
/// use oxarray_cuda::{CudaError, Gpu};
/// let Ok(gpu) = Gpu::new(0) else { return Ok(()) }; // no GPU: the example is a no-op
/// let a = gpu.upload(&array![[1.0f32, 2.0, 3.0], [4.0, 5.0, 6.0]])?;
/// let col = a.slice(&s![.., 1])?;              // a view: O(1), no copy
/// assert_eq!(col.to_host()?.to_vec(), vec![2.0, 5.0]);
/// assert_eq!(a.t()?.shape(), &[3, 2]);
/// # Ok::<(), CudaError>(())
/// ```
pub struct DeviceArray<T> {
    pub(crate) buf: Arc<DeviceBuffer>,
    pub(crate) place: Placement,
    _t: PhantomData<T>,
}

impl<T> Clone for DeviceArray<T> {
    /// Another handle on the same elements (a view of the whole array), as `Arc::clone`.
    fn clone(&self) -> Self {
        DeviceArray {
            buf: self.buf.clone(),
            place: self.place.clone(),
            _t: PhantomData,
        }
    }
}

impl<T: Element> std::fmt::Debug for DeviceArray<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "DeviceArray<{}>(shape {:?}, strides {:?}, {:?})",
            T::DTYPE,
            self.shape(),
            &self.place.layout.strides[..],
            self.buf.gpu
        )
    }
}

impl<T: DeviceElement> DeviceArray<T> {
    /// A new uninitialised array on `gpu` in a fresh buffer.
    pub(crate) fn alloc(gpu: &Gpu, place: Placement) -> Result<DeviceArray<T>> {
        let bytes = place
            .len
            .checked_mul(size_of::<T>())
            .ok_or_else(|| Error::SizeOverflow {
                shape: place.shape().to_vec(),
                itemsize: size_of::<T>(),
            })?;
        Ok(DeviceArray {
            buf: Arc::new(gpu.alloc(bytes)?),
            place,
            _t: PhantomData,
        })
    }

    fn with_place(&self, place: Placement) -> DeviceArray<T> {
        DeviceArray {
            buf: self.buf.clone(),
            place,
            _t: PhantomData,
        }
    }

    /// The device the array lives on.
    pub fn gpu(&self) -> &Gpu {
        &self.buf.gpu
    }

    /// The shape.
    pub fn shape(&self) -> &[usize] {
        self.place.shape()
    }

    /// The strides, in elements.
    pub fn strides(&self) -> &[isize] {
        &self.place.layout.strides
    }

    /// The number of axes.
    pub fn ndim(&self) -> usize {
        self.place.layout.ndim()
    }

    /// The number of elements.
    pub fn len(&self) -> usize {
        self.place.layout.size()
    }

    /// Whether the array has no elements.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The placement (layout and offset) in the buffer.
    pub fn placement(&self) -> &Placement {
        &self.place
    }

    /// The buffer's device address.
    pub(crate) fn base_ptr(&self) -> u64 {
        self.buf.ptr()
    }

    /// The device address of element `[0, ..., 0]`.
    pub(crate) fn first_ptr(&self) -> u64 {
        self.buf
            .ptr()
            .wrapping_add_signed(self.place.offset as i64 * size_of::<T>() as i64)
    }

    /// Basic slicing (`s![1.., ..;-1]`), a view.
    pub fn slice(&self, args: &[SliceArg]) -> Result<DeviceArray<T>> {
        Ok(self.with_place(self.place.slice(args)?))
    }

    /// The transpose (axes reversed), a view.
    pub fn t(&self) -> Result<DeviceArray<T>> {
        self.permute(None)
    }

    /// Axes permuted (`None`: reversed), a view.
    pub fn permute(&self, axes: Option<&[isize]>) -> Result<DeviceArray<T>> {
        Ok(self.with_place(self.place.permuted(axes)?))
    }

    /// Two axes swapped, a view.
    pub fn swapaxes(&self, a: isize, b: isize) -> Result<DeviceArray<T>> {
        Ok(self.with_place(self.place.swapped(a, b)?))
    }

    /// Axes reversed (`None`: all), a view.
    pub fn flip(&self, axes: Option<&[isize]>) -> Result<DeviceArray<T>> {
        Ok(self.with_place(self.place.flipped(axes)?))
    }

    /// Broadcast to `shape` (zero strides), a view.
    pub fn broadcast_to(&self, shape: &[usize]) -> Result<DeviceArray<T>> {
        Ok(self.with_place(self.place.broadcast_to(shape)?))
    }

    /// Length-one axes inserted at `axes`, a view.
    pub fn expand_dims(&self, axes: &[isize]) -> Result<DeviceArray<T>> {
        Ok(self.with_place(self.place.expanded(axes)?))
    }

    /// Length-one axes removed (`None`: all), a view.
    pub fn squeeze(&self, axes: Option<&[isize]>) -> Result<DeviceArray<T>> {
        Ok(self.with_place(self.place.squeezed(axes)?))
    }

    /// The elements with a new shape (C order): a view when the strides allow, else a copy.
    pub fn reshape(&self, shape: &[usize]) -> Result<DeviceArray<T>> {
        match self.place.reshaped(shape)? {
            Some(p) => Ok(self.with_place(p)),
            None => {
                let c = self.ascontiguousarray()?;
                let p = c
                    .place
                    .reshaped(shape)?
                    .expect("a C-contiguous array reshapes");
                Ok(c.with_place(p))
            }
        }
    }

    /// A C-contiguous array with the same elements: the array itself when it already is one,
    /// else a copy (NumPy's `ascontiguousarray`).
    pub fn ascontiguousarray(&self) -> Result<DeviceArray<T>> {
        if self.place.is_c_contiguous() {
            return Ok(self.clone());
        }
        self.astype::<T>(Order::C)
    }

    /// The elements converted to `U` (NumPy's `astype`, the host's conversion rules) in a
    /// new array of `order`.
    ///
    /// # Errors
    /// [`CudaError::Unsupported`] for a pair of dtypes without a cast kernel.
    pub fn astype<U: DeviceElement>(&self, order: Order) -> Result<DeviceArray<U>> {
        let out = DeviceArray::<U>::alloc(self.gpu(), Placement::contiguous(self.shape(), order))?;
        self.cast_into(&out)?;
        Ok(out)
    }

    /// Writes the elements converted to `U` into `out` (same shape, any layout).
    pub(crate) fn cast_into<U: DeviceElement>(&self, out: &DeviceArray<U>) -> Result<()> {
        self.gpu().same_device(out.gpu())?;
        if out.shape() != self.shape() {
            return Err(Error::ShapeMismatch {
                expected: out.shape().to_vec(),
                got: self.shape().to_vec(),
            }
            .into());
        }
        if self.is_empty() {
            return Ok(());
        }
        let sym = cast_symbol(T::DTYPE, U::DTYPE);
        if !catalogue().contains(&sym) {
            return Err(unsupported("astype", T::DTYPE));
        }
        let args = strided_args("astype", &[&self.place, &out.place])?;
        let f = self.gpu().function(Module::Elementwise, &sym)?;
        let (dst, src) = (out.base_ptr(), self.base_ptr());
        let stream = &self.gpu().inner.stream;
        let mut b = stream.launch_builder(&f);
        b.arg(&dst).arg(&src).arg(&args);
        // SAFETY: `ox_cast_*(U* out, const T* a, OxStrided s)`: the argument types match;
        // every offset the index space reaches is inside its buffer (placements are checked
        // in bounds when made), and both buffers stay alive until the stream has run the
        // kernel (they return to the pool, whose reuse is stream-ordered).
        unsafe { b.launch(elementwise_config(self.len())) }
            .map_err(CudaError::driver("cuLaunchKernel"))?;
        Ok(())
    }

    /// Copies the elements to a new host array (C order). Waits for the queued work.
    pub fn to_host(&self) -> Result<Array<T>> {
        let c = self.ascontiguousarray()?;
        let mut host = vec![T::default(); c.len()];
        c.download_contiguous(&mut host)?;
        Ok(Array::from_vec(host, self.shape())?)
    }

    /// Copies the elements into an existing host array or view of the same shape. Waits for
    /// the queued work.
    pub fn to_host_into(&self, out: &mut impl WriteArray<T>) -> Result<()> {
        let mut dst = out.write_view();
        if dst.shape() != self.shape() {
            return Err(Error::ShapeMismatch {
                expected: dst.shape().to_vec(),
                got: self.shape().to_vec(),
            }
            .into());
        }
        if let Some(slice) = dst.as_slice_mut() {
            return self.ascontiguousarray()?.download_contiguous(slice);
        }
        let host = self.to_host()?;
        oxarray_core::copyto(&mut dst, &host, None)?;
        Ok(())
    }

    /// `dst.len()` elements from `first_ptr`, for a C-contiguous array.
    fn download_contiguous(&self, dst: &mut [T]) -> Result<()> {
        debug_assert!(self.place.is_c_contiguous() && dst.len() == self.len());
        if dst.is_empty() {
            return Ok(());
        }
        let stream = &self.gpu().inner.stream;
        // SAFETY: the array is C-contiguous, so its `len` elements follow `first_ptr` inside
        // the buffer; `dst` holds as many; the stream is synchronised before `dst` is used or
        // freed, and before the buffer can be released.
        unsafe { result::memcpy_dtoh_async(dst, self.first_ptr(), stream.cu_stream()) }
            .map_err(CudaError::driver("cuMemcpyDtoHAsync"))?;
        self.gpu().synchronize()
    }
}

pub(crate) fn unsupported(op: &str, dtype: DType) -> CudaError {
    CudaError::Unsupported {
        op: op.to_string(),
        dtype,
    }
}

impl Gpu {
    /// Copies a host array (or view, any layout) to the device, C-contiguous.
    pub fn upload<T: DeviceElement>(&self, host: &impl AsArrayView<T>) -> Result<DeviceArray<T>> {
        let view = host.as_view();
        let data: std::borrow::Cow<'_, [T]> = match view.as_slice() {
            Some(s) => s.into(),
            None => view.to_vec().into(),
        };
        let out = DeviceArray::<T>::alloc(self, Placement::contiguous(view.shape(), Order::C))?;
        if !data.is_empty() {
            // SAFETY: the new buffer holds `data.len()` elements; the stream is synchronised
            // before `data` can drop.
            unsafe {
                result::memcpy_htod_async(out.first_ptr(), &data, self.inner.stream.cu_stream())
            }
            .map_err(CudaError::driver("cuMemcpyHtoDAsync"))?;
            self.synchronize()?;
        }
        Ok(out)
    }
}
