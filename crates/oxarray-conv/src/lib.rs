//! Convolution and correlation for oxarray, under SciPy's and NumPy's names and semantics.
//!
//! | SciPy / NumPy | oxarray-conv |
//! |---|---|
//! | `scipy.signal.convolve2d(in1, in2, mode, boundary, fillvalue)` | [`convolve2d`], [`convolve2d_into`] |
//! | `scipy.signal.correlate2d(in1, in2, mode, boundary, fillvalue)` | [`correlate2d`], [`correlate2d_into`] |
//! | `np.convolve(a, v, mode)` | [`convolve`], [`convolve_into`] |
//! | `np.correlate(a, v, mode)` | [`correlate`], [`correlate_into`] |
//! | `torch.nn.functional.conv2d(input, weight, bias, stride, padding, dilation, groups)` | [`conv2d`], [`conv2d_into`] |
//! | `scipy.ndimage.correlate`, `convolve`, `correlate1d`, `uniform_filter`, `gaussian_filter`, `sobel`, `laplace`, ... | module [`ndimage`] |
//!
//! Every function runs on one engine (`engine.rs`): a direct correlation whose interior rows
//! go through a SIMD row kernel for f32 and f64 (the weights held in registers, four output
//! registers accumulated per pass, all cores), with the image edges computed point by point
//! under the boundary rule. Inputs of any layout are read in place; results are written
//! straight into a new array or into a caller's `out`, with no temporary image.
//!
//! Element types are those SciPy's `convolve2d` takes ([`ConvElement`]): the integers (which
//! wrap around, as SciPy's do), f32, f64, Complex32 and Complex64; both inputs have the same
//! type (convert first with `astype` for SciPy's mixed-type promotion).
//!
//! ```
//! use oxarray_conv::{convolve2d, Boundary, Mode};
//! use oxarray_core::Array;
//! // The article's workload: a 3x3 box of 1/9 over a checkerboard, valid mode.
//! let n = 64;
//! let image = Array::<f32>::from_shape_fn([n, n], |i| ((i[0] + i[1]) % 2) as f32)?;
//! let kernel = Array::<f32>::full([3, 3], 1.0 / 9.0)?;
//! let out = convolve2d(&image, &kernel, Mode::Valid, Boundary::Fill(0.0))?;
//! assert_eq!(out.shape(), &[n - 2, n - 2]);
//! assert!((out.get(&[0, 0])? - 4.0 / 9.0).abs() < 1e-6);
//! # Ok::<(), oxarray_conv::ConvError>(())
//! ```

mod conv2d;
mod element;
mod engine;
mod error;
pub mod ndimage;
mod numpy1d;
mod operand;
mod options;
mod signal;
mod simd;

pub use conv2d::{Conv2dOptions, Padding, conv2d, conv2d_into};
pub use element::ConvElement;
pub use error::{ConvError, Result};
pub use numpy1d::{convolve, convolve_into, correlate, correlate_into};
pub use operand::with_scalar_kernels;
pub use options::{Boundary, Mode};
pub use signal::{convolve2d, convolve2d_into, correlate2d, correlate2d_into};
