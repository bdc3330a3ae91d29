//! The device handle: one GPU, its context, its stream, its memory pool and its kernels.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};

use cudarc::cublas::CudaBlas;
use cudarc::driver::{CudaContext, CudaFunction, CudaModule, CudaStream};
use cudarc::nvrtc::Ptx;

use crate::compile::{global_cache, nvrtc_compile};
use crate::error::{CudaError, Result};
use crate::naming::Module;
use crate::pool::{Block, DriverAllocator, MemoryPool, PoolStats, StreamId};
use crate::probe;
use crate::sources::module_source;

/// A GPU: a CUDA context on one device with one stream, a caching memory pool and the
/// compiled kernels. Cloning is cheap (a reference count); every clone is the same device.
///
/// Work is asynchronous on the handle's stream: kernels are queued and the call returns.
/// Downloads ([`DeviceArray::to_host`](crate::DeviceArray::to_host)), [`Gpu::synchronize`]
/// and [`Timer`](crate::Timer) events are the points where the host waits.
///
/// ```
/// use oxarray_cuda::{CudaError, Gpu};
/// match Gpu::new(0) {
///     Ok(gpu) => println!("{} ({})", gpu.name(), gpu.arch()),
///     Err(CudaError::NoGpu(reason)) => println!("no GPU here: {reason}"),
///     Err(e) => return Err(e),
/// }
/// # Ok::<(), CudaError>(())
/// ```
#[derive(Clone)]
pub struct Gpu {
    pub(crate) inner: Arc<GpuInner>,
}

pub(crate) struct GpuInner {
    ordinal: usize,
    name: String,
    arch: String,
    pub(crate) ctx: Arc<CudaContext>,
    pub(crate) stream: Arc<CudaStream>,
    pool: Mutex<MemoryPool>,
    modules: Mutex<HashMap<String, Arc<CudaModule>>>,
    functions: Mutex<HashMap<String, CudaFunction>>,
    blas: Mutex<Option<Arc<CudaBlas>>>,
}

impl fmt::Debug for Gpu {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Gpu({}: {}, {})",
            self.inner.ordinal, self.inner.name, self.inner.arch
        )
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Gpu {
    /// Opens device `ordinal` (0 is the first GPU).
    ///
    /// # Errors
    /// [`CudaError::NoGpu`] (never a panic) when the driver library is missing, `cuInit`
    /// fails (no device, driver too old), there is no device `ordinal`, or NVRTC or cuBLAS
    /// cannot be loaded; [`CudaError::Driver`] when creating the context or stream fails.
    pub fn new(ordinal: usize) -> Result<Gpu> {
        probe::driver()?;
        cudarc::driver::result::init()
            .map_err(|e| CudaError::NoGpu(format!("cuInit failed: {e}")))?;
        let count = CudaContext::device_count()
            .map_err(|e| CudaError::NoGpu(format!("cuDeviceGetCount failed: {e}")))?;
        if ordinal >= count.max(0) as usize {
            return Err(CudaError::NoGpu(format!(
                "device {ordinal} requested, {count} CUDA device(s) present"
            )));
        }
        probe::nvrtc()?;
        probe::cublas()?;
        let ctx = CudaContext::new(ordinal).map_err(CudaError::driver("cuCtxCreate"))?;
        let stream = ctx
            .new_stream()
            .map_err(CudaError::driver("cuStreamCreate"))?;
        let (major, minor) = ctx
            .compute_capability()
            .map_err(CudaError::driver("cuDeviceGetAttribute"))?;
        let name = ctx.name().map_err(CudaError::driver("cuDeviceGetName"))?;
        let pool = MemoryPool::new(Box::new(DriverAllocator::new(ctx.clone())));
        Ok(Gpu {
            inner: Arc::new(GpuInner {
                ordinal,
                name,
                arch: format!("compute_{major}{minor}"),
                ctx,
                stream,
                pool: Mutex::new(pool),
                modules: Mutex::default(),
                functions: Mutex::default(),
                blas: Mutex::default(),
            }),
        })
    }

    /// The device ordinal.
    pub fn ordinal(&self) -> usize {
        self.inner.ordinal
    }

    /// The device's name (`NVIDIA H100 80GB HBM3`).
    pub fn name(&self) -> &str {
        &self.inner.name
    }

    /// The architecture kernels are compiled for (`compute_90`).
    pub fn arch(&self) -> &str {
        &self.inner.arch
    }

    /// Waits until all queued work has finished.
    pub fn synchronize(&self) -> Result<()> {
        self.inner
            .stream
            .synchronize()
            .map_err(CudaError::driver("cuStreamSynchronize"))
    }

    /// Free and total device memory in bytes, as the driver reports them.
    pub fn mem_info(&self) -> Result<(usize, usize)> {
        self.inner
            .ctx
            .mem_get_info()
            .map_err(CudaError::driver("cuMemGetInfo"))
    }

    /// The memory pool's statistics.
    pub fn pool_stats(&self) -> PoolStats {
        lock(&self.inner.pool).stats()
    }

    /// Returns the pool's cached blocks to the device (CuPy's `free_all_blocks`).
    pub fn free_cached_memory(&self) {
        lock(&self.inner.pool).free_all_blocks();
    }

    pub(crate) fn stream_id(&self) -> StreamId {
        self.inner.stream.cu_stream() as usize as u64
    }

    /// A block of at least `bytes` from the pool, returned when the buffer drops.
    pub(crate) fn alloc(&self, bytes: usize) -> Result<DeviceBuffer> {
        let block = lock(&self.inner.pool).allocate(bytes, self.stream_id())?;
        Ok(DeviceBuffer {
            gpu: self.clone(),
            block,
        })
    }

    /// The compiled module of a catalogue file.
    fn module(&self, module: Module) -> Result<Arc<CudaModule>> {
        self.load(module.name(), &module_source(module))
    }

    /// A program compiled (through the PTX caches) and loaded once per device.
    pub(crate) fn load(&self, name: &str, source: &str) -> Result<Arc<CudaModule>> {
        let key = format!("{name}:{:016x}", crate::compile::fnv1a(source.as_bytes()));
        if let Some(m) = lock(&self.inner.modules).get(&key) {
            return Ok(m.clone());
        }
        let ptx = global_cache().get_or_compile(name, source, self.arch(), &mut nvrtc_compile)?;
        let module = self
            .inner
            .ctx
            .load_module(Ptx::from_src(ptx.to_string()))
            .map_err(CudaError::driver("cuModuleLoadData"))?;
        lock(&self.inner.modules).insert(key, module.clone());
        Ok(module)
    }

    /// The kernel `symbol` of a catalogue module.
    pub(crate) fn function(&self, module: Module, symbol: &str) -> Result<CudaFunction> {
        if let Some(f) = lock(&self.inner.functions).get(symbol) {
            return Ok(f.clone());
        }
        let f = self
            .module(module)?
            .load_function(symbol)
            .map_err(CudaError::driver("cuModuleGetFunction"))?;
        lock(&self.inner.functions).insert(symbol.to_string(), f.clone());
        Ok(f)
    }

    /// The cuBLAS handle of the stream, created on first use.
    pub(crate) fn blas(&self) -> Result<Arc<CudaBlas>> {
        let mut slot = lock(&self.inner.blas);
        if let Some(b) = slot.as_ref() {
            return Ok(b.clone());
        }
        probe::cublas()?;
        let blas = Arc::new(
            CudaBlas::new(self.inner.stream.clone()).map_err(CudaError::cublas("cublasCreate"))?,
        );
        *slot = Some(blas.clone());
        Ok(blas)
    }

    pub(crate) fn same_device(&self, other: &Gpu) -> Result<()> {
        if Arc::ptr_eq(&self.inner, &other.inner) {
            Ok(())
        } else {
            Err(CudaError::DeviceMismatch {
                a: self.ordinal(),
                b: other.ordinal(),
            })
        }
    }
}

/// Device memory from the pool, given back to it on drop. Work queued on the stream that
/// still uses the block is ordered before any later reuse (stream-ordered reuse).
pub(crate) struct DeviceBuffer {
    pub(crate) gpu: Gpu,
    pub(crate) block: Block,
}

impl DeviceBuffer {
    pub(crate) fn ptr(&self) -> u64 {
        self.block.ptr
    }
}

impl Drop for DeviceBuffer {
    fn drop(&mut self) {
        lock(&self.gpu.inner.pool).release(self.block);
    }
}

/// Times GPU work with CUDA events on the device's stream (the only honest way: the host
/// returns from a launch long before the kernel ends).
///
/// ```
/// # use oxarray_cuda::{CudaError, Gpu, Timer};
/// let Ok(gpu) = Gpu::new(0) else { return Ok(()) }; // no GPU: nothing to time
/// let timer = Timer::start(&gpu)?;
/// let x = gpu.ones::<f32>(&[1 << 20])?;
/// let ms = timer.stop_ms()?; // waits for the work, then reads the events
/// assert!(ms >= 0.0);
/// # drop(x);
/// # Ok::<(), CudaError>(())
/// ```
#[derive(Debug)]
pub struct Timer {
    gpu: Gpu,
    start: cudarc::driver::CudaEvent,
}

impl Timer {
    /// Records a start event on the device's stream.
    pub fn start(gpu: &Gpu) -> Result<Timer> {
        let start = gpu
            .inner
            .stream
            .record_event(Some(cudarc::driver::sys::CUevent_flags::CU_EVENT_DEFAULT))
            .map_err(CudaError::driver("cuEventRecord"))?;
        Ok(Timer {
            gpu: gpu.clone(),
            start,
        })
    }

    /// Records an end event, waits for it and returns the milliseconds between the two.
    pub fn stop_ms(self) -> Result<f64> {
        let end = self
            .gpu
            .inner
            .stream
            .record_event(Some(cudarc::driver::sys::CUevent_flags::CU_EVENT_DEFAULT))
            .map_err(CudaError::driver("cuEventRecord"))?;
        end.synchronize()
            .map_err(CudaError::driver("cuEventSynchronize"))?;
        let ms = self
            .start
            .elapsed_ms(&end)
            .map_err(CudaError::driver("cuEventElapsedTime"))?;
        Ok(ms as f64)
    }
}
