//! Probing for the CUDA libraries before any cudarc call: with dynamic loading, cudarc
//! panics on the first call into a library it cannot load, so every entry point asks here
//! first and turns a missing library into [`CudaError::NoGpu`].

use std::sync::OnceLock;

use crate::error::{CudaError, Result};

/// Whether a library loads. A success is remembered for the process; a failure is not, so
/// a library loaded later (a preloaded copy from a Python wheel) is still found.
fn present(slot: &'static OnceLock<()>, probe: unsafe fn() -> bool) -> bool {
    if slot.get().is_some() {
        return true;
    }
    // SAFETY: the `is_culib_present` probes only try `dlopen` on the candidate names and
    // close the handle again; they run no library code besides the loader's.
    let ok = unsafe { probe() };
    if ok {
        let _ = slot.set(());
    }
    ok
}

fn require(ok: bool, what: &str) -> Result<()> {
    if ok {
        Ok(())
    } else {
        Err(CudaError::NoGpu(format!(
            "{what} cannot be loaded (searched the names cudarc knows on the library path)"
        )))
    }
}

/// The CUDA driver library (`libcuda.so`, `nvcuda.dll`).
///
/// ```
/// // On a machine without the NVIDIA driver this is `Err(NoGpu(..))`, never a panic.
/// match oxarray_cuda::probe::driver() {
///     Ok(()) => println!("driver present"),
///     Err(e) => println!("{e}"),
/// }
/// ```
pub fn driver() -> Result<()> {
    static SLOT: OnceLock<()> = OnceLock::new();
    require(
        present(&SLOT, cudarc::driver::sys::is_culib_present),
        "the CUDA driver library (libcuda)",
    )
}

/// The NVRTC runtime compiler (`libnvrtc.so.13`, ...).
///
/// ```
/// let _ = oxarray_cuda::probe::nvrtc(); // Ok or Err(NoGpu), never a panic
/// ```
pub fn nvrtc() -> Result<()> {
    static SLOT: OnceLock<()> = OnceLock::new();
    require(
        present(&SLOT, cudarc::nvrtc::sys::is_culib_present),
        "the NVRTC library (libnvrtc)",
    )
}

/// cuBLAS (`libcublas.so.13`, ...).
///
/// ```
/// let _ = oxarray_cuda::probe::cublas(); // Ok or Err(NoGpu), never a panic
/// ```
pub fn cublas() -> Result<()> {
    static SLOT: OnceLock<()> = OnceLock::new();
    require(
        present(&SLOT, cudarc::cublas::sys::is_culib_present),
        "the cuBLAS library (libcublas)",
    )
}
