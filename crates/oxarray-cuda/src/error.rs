//! The errors of the CUDA backend.

use oxarray_core::DType;

/// `std::result::Result` with [`CudaError`].
pub type Result<T, E = CudaError> = std::result::Result<T, E>;

/// Everything that can go wrong on the GPU side, with the values involved.
///
/// ```
/// use oxarray_cuda::CudaError;
/// let e = CudaError::OutOfMemory { requested: 1 << 30, free: 1 << 20 };
/// assert!(e.to_string().contains("1073741824"));
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum CudaError {
    /// No usable GPU: no driver library, no device with that ordinal, or no NVRTC / cuBLAS
    /// library. The reason says which.
    #[error("no GPU: {0}")]
    NoGpu(String),

    /// The device has no room for an allocation, even after the pool freed its cache.
    #[error("out of GPU memory: requested {requested} bytes, {free} bytes free on the device")]
    OutOfMemory {
        /// Bytes asked for (before rounding to the pool's size class).
        requested: usize,
        /// Bytes the driver reported free after the retry.
        free: usize,
    },

    /// A CUDA driver call failed.
    #[error("CUDA driver error in {call}: {message}")]
    Driver {
        /// The operation that failed.
        call: &'static str,
        /// The driver's description.
        message: String,
    },

    /// NVRTC refused a kernel source.
    #[error("NVRTC could not compile {module} for {arch}: {log}")]
    Compile {
        /// The kernel module (`elementwise`, `reduce`, `fused:<hash>`, ...).
        module: String,
        /// The target architecture (`compute_80`, ...).
        arch: String,
        /// NVRTC's log.
        log: String,
    },

    /// A cuBLAS call failed.
    #[error("cuBLAS error in {call}: {message}")]
    Cublas {
        /// The operation that failed.
        call: &'static str,
        /// cuBLAS's description.
        message: String,
    },

    /// The kernels have no variant of an operation for an element type.
    #[error("{op} has no CUDA kernel for dtype {dtype}")]
    Unsupported {
        /// The operation (NumPy's name).
        op: String,
        /// The element type.
        dtype: DType,
    },

    /// Two arrays live on different devices.
    #[error("arrays live on different devices ({a} and {b})")]
    DeviceMismatch {
        /// The first device ordinal.
        a: usize,
        /// The second device ordinal.
        b: usize,
    },

    /// An array has more dimensions than the kernels take.
    #[error("{op}: {ndim} dimensions after merging axes; the CUDA kernels take at most {max}")]
    TooManyDims {
        /// The operation.
        op: &'static str,
        /// The number of dimensions.
        ndim: usize,
        /// The kernels' limit.
        max: usize,
    },

    /// A convolution refused as the CPU's convolution refuses it (shapes for `valid`, ...).
    #[error(transparent)]
    Conv(#[from] oxarray_conv::ConvError),

    /// A shape, axis, index or broadcasting error, exactly as on the CPU.
    #[error(transparent)]
    Core(#[from] oxarray_core::Error),
}

impl CudaError {
    /// A driver error from cudarc, tagged with the call that failed.
    pub(crate) fn driver(call: &'static str) -> impl FnOnce(cudarc::driver::DriverError) -> Self {
        move |e| CudaError::Driver {
            call,
            message: e.to_string(),
        }
    }

    /// A cuBLAS error from cudarc, tagged with the call that failed.
    pub(crate) fn cublas(
        call: &'static str,
    ) -> impl FnOnce(cudarc::cublas::result::CublasError) -> Self {
        move |e| CudaError::Cublas {
            call,
            message: format!("{e:?}"),
        }
    }
}
