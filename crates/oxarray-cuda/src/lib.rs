//! # oxarray-cuda
//!
//! The CUDA backend of oxarray: the same arrays, ufuncs, reductions, matrix products and
//! convolutions on an NVIDIA GPU (CuPy's feature set), through `cudarc` with dynamic
//! loading, so the crate builds and its host-side logic tests on machines without CUDA.
//!
//! ```
//! use oxarray_core::{array, s};
//! use oxarray_cuda::{CudaError, Gpu, ufunc};
//!
//! let gpu = match Gpu::new(0) {
//!     Ok(gpu) => gpu,
//!     Err(CudaError::NoGpu(reason)) => {
//!         println!("no GPU, nothing to show: {reason}");
//!         return Ok(());
//!     }
//!     Err(e) => return Err(e),
//! };
//! let x = gpu.upload(&array![[1.0f32, 2.0, 3.0], [4.0, 5.0, 6.0]])?;
//! let y = ufunc::multiply(&x, &x.slice(&s![..1, ..])?)?;   // broadcasting on the device
//! let total = y.sum(None, false)?.to_host()?;                // downloads synchronise
//! assert_eq!(total.to_vec(), vec![1.0 + 4.0 + 9.0 + 4.0 + 10.0 + 18.0]);
//! # Ok::<(), CudaError>(())
//! ```
//!
//! ## How it fits together
//! * [`Gpu`] (`device.rs`): context, stream, memory pool, kernel modules, cuBLAS handle.
//!   [`Gpu::new`] probes the libraries first ([`probe`]) and returns
//!   [`CudaError::NoGpu`], never a panic, where there is no driver, device, NVRTC or cuBLAS.
//! * [`DeviceArray`] (`array.rs`): a device buffer plus a [`place::Placement`], which is the
//!   core's `Layout` with an offset: views, slicing, transposes and broadcasts are the core's
//!   own layout functions.
//! * Kernels live in `kernels/*.cu` at the repository root ([`sources`]); [`naming`] links
//!   each core op type to its symbol (`ox_binary_add_f32`) and writes the instantiation
//!   lines; [`compile`] runs NVRTC once per (source, architecture), cached in memory and on
//!   disk.
//! * [`pool`]: the caching allocator (CuPy's policy), tested against a fake device.
//! * [`ufunc`], reductions (methods of [`DeviceArray`]), [`fused`] (one kernel generated
//!   from the CPU's fused expression type), [`linalg::matmul`] (cuBLAS), [`conv`] (direct
//!   2-D convolution).
//!
//! Work is asynchronous on the device's stream; downloads, [`Gpu::synchronize`] and
//! [`Timer`] are the synchronisation points.

pub mod array;
pub mod compile;
pub mod conv;
pub mod creation;
pub mod device;
mod elementwise;
pub mod error;
pub mod fused;
pub mod launch;
pub mod linalg;
pub mod naming;
pub mod place;
pub mod pool;
pub mod probe;
mod reduce;
pub mod sources;

pub use array::{DeviceArray, DeviceElement};
pub use device::{Gpu, Timer};
pub use error::{CudaError, Result};

/// The elementwise ufuncs on device arrays (NumPy's names; the generic [`binary`](ufunc::binary)
/// and [`unary`](ufunc::unary) take any core op type with a kernel).
pub mod ufunc {
    pub use crate::elementwise::*;
}
