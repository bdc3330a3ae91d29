//! The real allocator behind the pool: `cuMemAlloc` / `cuMemFree` through cudarc.

use std::sync::Arc;

use cudarc::driver::{CudaContext, result, sys};

use super::DeviceAllocator;
use crate::error::{CudaError, Result};

/// Device memory straight from the CUDA driver, for one context.
#[derive(Debug)]
pub struct DriverAllocator {
    ctx: Arc<CudaContext>,
}

impl DriverAllocator {
    /// An allocator for `ctx`'s device.
    pub fn new(ctx: Arc<CudaContext>) -> DriverAllocator {
        DriverAllocator { ctx }
    }
}

impl DeviceAllocator for DriverAllocator {
    fn allocate(&mut self, bytes: usize) -> Result<u64> {
        self.ctx
            .bind_to_thread()
            .map_err(CudaError::driver("cuCtxSetCurrent"))?;
        // SAFETY: a plain allocation in the bound context; the pool owns the pointer and
        // frees it once, through `deallocate`.
        match unsafe { result::malloc_sync(bytes) } {
            Ok(ptr) => Ok(ptr),
            Err(e) if e.0 == sys::CUresult::CUDA_ERROR_OUT_OF_MEMORY => {
                Err(CudaError::OutOfMemory {
                    requested: bytes,
                    free: self.free_bytes(),
                })
            }
            Err(e) => Err(CudaError::driver("cuMemAlloc")(e)),
        }
    }

    fn deallocate(&mut self, ptr: u64, _bytes: usize) {
        if self.ctx.bind_to_thread().is_err() {
            return; // the context is gone: so is its memory
        }
        // SAFETY: `ptr` came from `malloc_sync` in this context and the pool releases it
        // once, when no pending work uses it (stream order; `cuMemFree` synchronises).
        let _ = unsafe { result::free_sync(ptr) };
    }

    fn free_bytes(&self) -> usize {
        self.ctx.mem_get_info().map_or(0, |(free, _)| free)
    }
}
