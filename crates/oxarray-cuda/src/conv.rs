//! 2-D convolution and correlation on the device with the semantics of `oxarray-conv`
//! (SciPy's `convolve2d` / `correlate2d`: modes `full`/`same`/`valid`, boundaries
//! `fill`/`wrap`/`symm`, the inputs swapped in `valid` mode when the second is larger), by a
//! direct kernel (one thread per output element; meant for small kernels such as 3x3).

use cudarc::driver::PushKernelArg;
use oxarray_conv::{Boundary, ConvError, Mode};
use oxarray_core::Order;

use crate::array::{ByValue, DeviceArray, DeviceElement, unsupported};
use crate::error::{CudaError, Result};
use crate::launch::elementwise_config;
use crate::naming::{Module, catalogue, symbol};
use crate::place::Placement;

/// The output length and the offset of output position 0 in image coordinates, along one
/// axis (`convolve`: the taps are the kernel turned by 180 degrees), as `oxarray-conv`.
///
/// ```
/// use oxarray_conv::Mode;
/// use oxarray_cuda::conv::axis_plan;
/// assert_eq!(axis_plan(Mode::Full, true, 10, 3), Some((12, 2)));
/// assert_eq!(axis_plan(Mode::Same, true, 10, 4), Some((10, 2)));
/// assert_eq!(axis_plan(Mode::Same, false, 10, 4), Some((10, 1)));
/// assert_eq!(axis_plan(Mode::Valid, true, 10, 3), Some((8, 0)));
/// ```
pub fn axis_plan(mode: Mode, convolve: bool, n: usize, k: usize) -> Option<(usize, isize)> {
    let len = match mode {
        Mode::Full => (n + k).checked_sub(1)?,
        Mode::Same => n,
        Mode::Valid => (n + 1).checked_sub(k)?,
    };
    let k = k as isize;
    let off = match mode {
        Mode::Full => k - 1,
        Mode::Valid => 0,
        // SciPy centres `same` on the flipped kernel for a convolution.
        Mode::Same if convolve => k / 2,
        Mode::Same => (k - 1).max(0) / 2,
    };
    Some((len, off))
}

/// A float type with a direct convolution kernel.
pub trait ConvDeviceElement: DeviceElement + oxarray_conv::ConvElement {}
impl ConvDeviceElement for f32 {}
impl ConvDeviceElement for f64 {}

fn run<T: ConvDeviceElement>(
    func: &'static str,
    convolve: bool,
    in1: &DeviceArray<T>,
    in2: &DeviceArray<T>,
    mode: Mode,
    boundary: Boundary<T>,
) -> Result<DeviceArray<T>> {
    in1.gpu().same_device(in2.gpu())?;
    if in1.ndim() != 2 || in2.ndim() != 2 {
        return Err(ConvError::WrongNdim {
            func,
            expected: "2-D",
            in1: in1.shape().to_vec(),
            in2: in2.shape().to_vec(),
        }
        .into());
    }
    let (s1, s2) = (in1.shape(), in2.shape());
    let swapped = if mode == Mode::Valid {
        let ok1 = s1.iter().zip(s2).all(|(a, b)| a >= b);
        let ok2 = s1.iter().zip(s2).all(|(a, b)| b >= a);
        if !(ok1 || ok2) {
            return Err(ConvError::ValidShapes {
                func,
                in1: s1.to_vec(),
                in2: s2.to_vec(),
            }
            .into());
        }
        !ok1
    } else {
        false
    };
    let (image, kernel) = if swapped { (in2, in1) } else { (in1, in2) };
    let (ish, ksh) = (image.shape(), kernel.shape());
    let (Some((rows, off_r)), Some((cols, off_c))) = (
        axis_plan(mode, convolve, ish[0], ksh[0]),
        axis_plan(mode, convolve, ish[1], ksh[1]),
    ) else {
        return Err(ConvError::NegativeDimension {
            func,
            in1: s1.to_vec(),
            in2: s2.to_vec(),
        }
        .into());
    };
    let boundary_name = boundary.name();
    let (edge, fill) = match boundary {
        Boundary::Fill(v) => (0i32, v),
        Boundary::Wrap => (1, T::default()),
        Boundary::Symm => (2, T::default()),
    };
    if (ish[0] == 0 || ish[1] == 0) && edge != 0 && rows * cols > 0 && ksh.iter().all(|&d| d > 0) {
        return Err(ConvError::EmptyImage {
            func,
            boundary: boundary_name,
            shape: ish.to_vec(),
        }
        .into());
    }
    let sym = symbol("conv2d", "direct", T::DTYPE);
    if !catalogue().contains(&sym) {
        return Err(unsupported(func, T::DTYPE));
    }
    let gpu = in1.gpu();
    let out = DeviceArray::<T>::alloc(gpu, Placement::contiguous(&[rows, cols], Order::C))?;
    if rows * cols == 0 {
        return Ok(out);
    }
    if ish.contains(&0) || ksh.contains(&0) {
        return gpu.full(&[rows, cols], T::default());
    }
    let f = gpu.function(Module::Conv, &sym)?;
    let (is, ks) = (image.strides(), kernel.strides());
    let args: [i64; 12] = [
        ish[0] as i64,
        ish[1] as i64,
        is[0] as i64,
        is[1] as i64,
        ksh[0] as i64,
        ksh[1] as i64,
        ks[0] as i64,
        ks[1] as i64,
        rows as i64,
        cols as i64,
        off_r as i64,
        off_c as i64,
    ];
    let (po, pi, pk) = (out.first_ptr(), image.first_ptr(), kernel.first_ptr());
    let (flip, edge, fill) = (convolve as i32, edge, ByValue(fill));
    let mut l = gpu.inner.stream.launch_builder(&f);
    l.arg(&po).arg(&pi).arg(&pk);
    for a in &args {
        l.arg(a);
    }
    l.arg(&flip).arg(&edge).arg(&fill);
    // SAFETY: `ox_conv2d_direct_T(T* out, const T* img, const T* ker, i64 x 12, i32 flip,
    // i32 boundary, T fill)`: the image and kernel pointers are their element [0, 0] and the
    // kernel only reads in-range (or boundary-mapped) positions through their strides;
    // `out` holds rows * cols contiguous elements.
    unsafe { l.launch(elementwise_config(rows * cols)) }
        .map_err(CudaError::driver("cuLaunchKernel"))?;
    // SciPy's correlation of swapped inputs is the turned result.
    if swapped && !convolve {
        return out.flip(None);
    }
    Ok(out)
}

/// `scipy.signal.convolve2d(in1, in2, mode, boundary, fillvalue)` on the device.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_conv::{Boundary, Mode};
/// # use oxarray_cuda::{CudaError, Gpu, conv::convolve2d};
/// let Ok(gpu) = Gpu::new(0) else { return Ok(()) };
/// let img = gpu.upload(&array![[1.0f32, 2.0], [3.0, 4.0]])?;
/// let k = gpu.upload(&array![[1.0f32]])?;
/// let r = convolve2d(&img, &k, Mode::Same, Boundary::Fill(0.0))?;
/// assert_eq!(r.to_host()?.to_vec(), vec![1.0, 2.0, 3.0, 4.0]);
/// # Ok::<(), CudaError>(())
/// ```
pub fn convolve2d<T: ConvDeviceElement>(
    in1: &DeviceArray<T>,
    in2: &DeviceArray<T>,
    mode: Mode,
    boundary: Boundary<T>,
) -> Result<DeviceArray<T>> {
    run("convolve2d", true, in1, in2, mode, boundary)
}

/// `scipy.signal.correlate2d(in1, in2, mode, boundary, fillvalue)` on the device (real
/// types: no conjugation needed).
///
/// ```
/// use oxarray_core::array;
/// use oxarray_conv::{Boundary, Mode};
/// # use oxarray_cuda::{CudaError, Gpu, conv::correlate2d};
/// let Ok(gpu) = Gpu::new(0) else { return Ok(()) };
/// let img = gpu.upload(&array![[1.0f64, 2.0, 3.0]])?;
/// let k = gpu.upload(&array![[1.0f64, 1.0]])?;
/// let r = correlate2d(&img, &k, Mode::Valid, Boundary::Fill(0.0))?;
/// assert_eq!(r.to_host()?.to_vec(), vec![3.0, 5.0]);
/// # Ok::<(), CudaError>(())
/// ```
pub fn correlate2d<T: ConvDeviceElement>(
    in1: &DeviceArray<T>,
    in2: &DeviceArray<T>,
    mode: Mode,
    boundary: Boundary<T>,
) -> Result<DeviceArray<T>> {
    run("correlate2d", false, in1, in2, mode, boundary)
}
