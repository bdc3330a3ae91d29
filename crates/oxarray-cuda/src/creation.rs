//! Creating arrays on the device: zeros, ones, full, arange, linspace (NumPy's rules for the
//! lengths and the values).

use cudarc::driver::{PushKernelArg, result};
use oxarray_core::{Error, Order};

use crate::array::{ByValue, DeviceArray, DeviceElement, unsupported};
use crate::device::Gpu;
use crate::error::{CudaError, Result};
use crate::launch::elementwise_config;
use crate::naming::{Module, catalogue, dtype_code};
use crate::place::Placement;

/// The number of elements of `arange(start, stop, step)`: `ceil((stop - start) / step)`,
/// at least 0, as NumPy.
///
/// ```
/// assert_eq!(oxarray_cuda::creation::arange_len(0.0, 10.0, 3.0)?, 4);
/// assert_eq!(oxarray_cuda::creation::arange_len(5.0, 0.0, 1.0)?, 0);
/// assert!(oxarray_cuda::creation::arange_len(0.0, 1.0, 0.0).is_err());
/// # Ok::<(), oxarray_cuda::CudaError>(())
/// ```
pub fn arange_len(start: f64, stop: f64, step: f64) -> Result<usize> {
    if step == 0.0 || !step.is_finite() || !start.is_finite() || !stop.is_finite() {
        let reason = format!("arange({start}, {stop}, {step}) has no finite length");
        return Err(Error::invalid_argument("step", step, reason).into());
    }
    Ok(((stop - start) / step).ceil().max(0.0) as usize)
}

/// The step of `linspace(start, stop, num, endpoint)`, as NumPy's `retstep`.
///
/// ```
/// assert_eq!(oxarray_cuda::creation::linspace_step(0.0, 1.0, 5, true), 0.25);
/// assert_eq!(oxarray_cuda::creation::linspace_step(0.0, 1.0, 5, false), 0.2);
/// ```
pub fn linspace_step(start: f64, stop: f64, num: usize, endpoint: bool) -> f64 {
    let div = if endpoint { num.saturating_sub(1) } else { num };
    if div == 0 {
        f64::NAN
    } else {
        (stop - start) / div as f64
    }
}

impl Gpu {
    fn creation_kernel<T: DeviceElement>(
        &self,
        name: &str,
    ) -> Result<cudarc::driver::CudaFunction> {
        let sym = format!("ox_{name}_{}", dtype_code(T::DTYPE));
        if !catalogue().contains(&sym) {
            return Err(unsupported(name, T::DTYPE));
        }
        self.function(Module::Elementwise, &sym)
    }

    /// A new array of zeros (any element type: every zero is all-zero bits).
    ///
    /// ```
    /// # use oxarray_cuda::{CudaError, Gpu};
    /// let Ok(gpu) = Gpu::new(0) else { return Ok(()) };
    /// let z = gpu.zeros::<f64>(&[2, 3])?;
    /// assert_eq!(z.to_host()?.to_vec(), vec![0.0; 6]);
    /// # Ok::<(), CudaError>(())
    /// ```
    pub fn zeros<T: DeviceElement>(&self, shape: &[usize]) -> Result<DeviceArray<T>> {
        let out = DeviceArray::<T>::alloc(self, Placement::contiguous(shape, Order::C))?;
        if !out.is_empty() {
            // SAFETY: the buffer holds `len * size_of::<T>()` bytes from `first_ptr`.
            unsafe {
                result::memset_d8_async(
                    out.first_ptr(),
                    0,
                    out.len() * size_of::<T>(),
                    self.inner.stream.cu_stream(),
                )
            }
            .map_err(CudaError::driver("cuMemsetD8Async"))?;
        }
        Ok(out)
    }

    /// A new array of ones.
    ///
    /// ```
    /// # use oxarray_cuda::{CudaError, Gpu};
    /// let Ok(gpu) = Gpu::new(0) else { return Ok(()) };
    /// assert_eq!(gpu.ones::<i32>(&[3])?.to_host()?.to_vec(), vec![1, 1, 1]);
    /// # Ok::<(), CudaError>(())
    /// ```
    pub fn ones<T: DeviceElement>(&self, shape: &[usize]) -> Result<DeviceArray<T>> {
        self.full(shape, T::from_scalar(oxarray_core::Scalar::Int(1)))
    }

    /// A new array filled with `value`.
    ///
    /// ```
    /// # use oxarray_cuda::{CudaError, Gpu};
    /// let Ok(gpu) = Gpu::new(0) else { return Ok(()) };
    /// assert_eq!(gpu.full(&[2], 2.5f32)?.to_host()?.to_vec(), vec![2.5, 2.5]);
    /// # Ok::<(), CudaError>(())
    /// ```
    pub fn full<T: DeviceElement>(&self, shape: &[usize], value: T) -> Result<DeviceArray<T>> {
        let f = self.creation_kernel::<T>("fill")?;
        let out = DeviceArray::<T>::alloc(self, Placement::contiguous(shape, Order::C))?;
        let (ptr, n, value) = (out.first_ptr(), out.len() as i64, ByValue(value));
        let mut b = self.inner.stream.launch_builder(&f);
        b.arg(&ptr).arg(&value).arg(&n);
        // SAFETY: `ox_fill_T(T* out, T value, i64 n)`; the buffer holds `n` elements.
        unsafe { b.launch(elementwise_config(n as usize)) }
            .map_err(CudaError::driver("cuLaunchKernel"))?;
        Ok(out)
    }

    /// `start, start + step, ...` below `stop` (NumPy's `arange`; the values are computed in
    /// f64 and converted).
    ///
    /// ```
    /// # use oxarray_cuda::{CudaError, Gpu};
    /// let Ok(gpu) = Gpu::new(0) else { return Ok(()) };
    /// assert_eq!(gpu.arange::<i64>(0.0, 10.0, 3.0)?.to_host()?.to_vec(), vec![0, 3, 6, 9]);
    /// # Ok::<(), CudaError>(())
    /// ```
    pub fn arange<T: DeviceElement>(
        &self,
        start: f64,
        stop: f64,
        step: f64,
    ) -> Result<DeviceArray<T>> {
        let n = arange_len(start, stop, step)?;
        let f = self.creation_kernel::<T>("arange")?;
        let out = DeviceArray::<T>::alloc(self, Placement::contiguous(&[n], Order::C))?;
        let (ptr, n) = (out.first_ptr(), n as i64);
        let mut b = self.inner.stream.launch_builder(&f);
        b.arg(&ptr).arg(&start).arg(&step).arg(&n);
        // SAFETY: `ox_arange_T(T* out, f64 start, f64 step, i64 n)`; `n` elements.
        unsafe { b.launch(elementwise_config(n as usize)) }
            .map_err(CudaError::driver("cuLaunchKernel"))?;
        Ok(out)
    }

    /// `num` evenly spaced values from `start` to `stop` (included when `endpoint`), as
    /// NumPy's `linspace`.
    ///
    /// ```
    /// # use oxarray_cuda::{CudaError, Gpu};
    /// let Ok(gpu) = Gpu::new(0) else { return Ok(()) };
    /// let v = gpu.linspace::<f64>(0.0, 1.0, 5, true)?.to_host()?.to_vec();
    /// assert_eq!(v, vec![0.0, 0.25, 0.5, 0.75, 1.0]);
    /// # Ok::<(), CudaError>(())
    /// ```
    pub fn linspace<T: DeviceElement>(
        &self,
        start: f64,
        stop: f64,
        num: usize,
        endpoint: bool,
    ) -> Result<DeviceArray<T>> {
        let f = self.creation_kernel::<T>("linspace")?;
        let step = linspace_step(start, stop, num, endpoint);
        // NumPy gives `[start]` for num == 1 whatever the step.
        let step = if step.is_nan() { 0.0 } else { step };
        let out = DeviceArray::<T>::alloc(self, Placement::contiguous(&[num], Order::C))?;
        let (ptr, n, end) = (out.first_ptr(), num as i64, endpoint as i32);
        let mut b = self.inner.stream.launch_builder(&f);
        b.arg(&ptr)
            .arg(&start)
            .arg(&step)
            .arg(&stop)
            .arg(&end)
            .arg(&n);
        // SAFETY: `ox_linspace_T(T* out, f64 start, f64 step, f64 stop, i32 endpoint, i64 n)`.
        unsafe { b.launch(elementwise_config(num)) }
            .map_err(CudaError::driver("cuLaunchKernel"))?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_and_steps_follow_numpy() {
        // np.arange(0, 1, 0.1).size == 10; np.arange(1, 0, -0.25).size == 4
        assert_eq!(arange_len(0.0, 1.0, 0.1).unwrap(), 10);
        assert_eq!(arange_len(1.0, 0.0, -0.25).unwrap(), 4);
        assert_eq!(arange_len(0.0, 0.0, 1.0).unwrap(), 0);
        assert!(arange_len(f64::NAN, 1.0, 1.0).is_err());
        assert_eq!(linspace_step(2.0, 3.0, 1, false), 1.0);
        assert!(linspace_step(2.0, 3.0, 1, true).is_nan());
        assert!(linspace_step(2.0, 3.0, 0, false).is_nan());
    }
}
