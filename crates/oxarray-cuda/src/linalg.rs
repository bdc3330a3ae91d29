//! Matrix products on the device through cuBLAS (`cublasGemmStridedBatchedEx`).
//!
//! cuBLAS is column-major; oxarray's matrices are row-major. A row-major `C = A B` is the
//! column-major `C^T = B^T A^T`, and a row-major matrix read column-major *is* its transpose,
//! so the product runs with the operands swapped and no copy. A transposed view (F-ordered
//! matrices) is passed with cuBLAS's transpose flag instead, also without a copy; other
//! strides are copied to C order first. Batches are NumPy's broadcast batch axes, passed as
//! one batch stride (0 for an operand broadcast over the batch).

use cudarc::cublas::result::gemm_strided_batched_ex;
use cudarc::cublas::sys::{cublasComputeType_t, cublasGemmAlgo_t, cublasOperation_t, cudaDataType};
use oxarray_core::{Complex32, Complex64, Error, Order, bf16, f16};

use crate::array::{DeviceArray, DeviceElement};
use crate::error::{CudaError, Result};

/// An element type cuBLAS multiplies: its data type, compute type and the type of `alpha`.
pub trait GemmElement: DeviceElement {
    /// cuBLAS's data type tag.
    const DATA: cudaDataType;
    /// The compute type (f32 for the 16-bit floats).
    const COMPUTE: cublasComputeType_t;
    /// The type of `alpha` and `beta` for that compute type.
    type Scale: Copy;
    /// 1 and 0 as `Scale`.
    const ONE_ZERO: (Self::Scale, Self::Scale);
}

macro_rules! gemm_element {
    ($($t:ty => $data:ident, $compute:ident, $scale:ty, $one:expr, $zero:expr;)*) => {$(
        impl GemmElement for $t {
            const DATA: cudaDataType = cudaDataType::$data;
            const COMPUTE: cublasComputeType_t = cublasComputeType_t::$compute;
            type Scale = $scale;
            const ONE_ZERO: ($scale, $scale) = ($one, $zero);
        }
    )*};
}

gemm_element! {
    f16 => CUDA_R_16F, CUBLAS_COMPUTE_32F, f32, 1.0, 0.0;
    bf16 => CUDA_R_16BF, CUBLAS_COMPUTE_32F, f32, 1.0, 0.0;
    f32 => CUDA_R_32F, CUBLAS_COMPUTE_32F, f32, 1.0, 0.0;
    f64 => CUDA_R_64F, CUBLAS_COMPUTE_64F, f64, 1.0, 0.0;
    Complex32 => CUDA_C_32F, CUBLAS_COMPUTE_32F, Complex32, Complex32::new(1.0, 0.0), Complex32::new(0.0, 0.0);
    Complex64 => CUDA_C_64F, CUBLAS_COMPUTE_64F, Complex64, Complex64::new(1.0, 0.0), Complex64::new(0.0, 0.0);
}

/// How one operand's matrices reach cuBLAS: row-major as they are, or transposed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MatrixOperand {
    /// Whether cuBLAS must transpose the column-major reading of the memory.
    pub transposed: bool,
    /// The leading dimension for cuBLAS.
    pub ld: i64,
    /// Elements between consecutive matrices of the batch (0: broadcast).
    pub batch_stride: i64,
}

/// The cuBLAS view of a `rows x cols` matrix stack with the given strides (the last two
/// axes) and batch strides, or `None` when a copy to C order is needed.
///
/// ```
/// use oxarray_cuda::linalg::matrix_operand;
/// // C-ordered (3, 4): row stride 4, col stride 1
/// let m = matrix_operand(3, 4, 4, 1, &[]).unwrap();
/// assert!(!m.transposed && m.ld == 4);
/// // its transpose, a (4, 3) view with strides (1, 4)
/// let t = matrix_operand(4, 3, 1, 4, &[]).unwrap();
/// assert!(t.transposed && t.ld == 4);
/// // a stepped view needs a copy
/// assert!(matrix_operand(3, 4, 8, 2, &[]).is_none());
/// ```
pub fn matrix_operand(
    rows: usize,
    cols: usize,
    row_stride: isize,
    col_stride: isize,
    batch: &[(usize, isize)],
) -> Option<MatrixOperand> {
    let (rs, cs) = (row_stride as i64, col_stride as i64);
    let (transposed, ld) = if (cs == 1 || cols <= 1) && rs >= cols.max(1) as i64 {
        (false, rs.max(1))
    } else if (rs == 1 || rows <= 1) && cs >= rows.max(1) as i64 {
        (true, cs.max(1))
    } else {
        return None;
    };
    // The batch axes must collapse to one stride (C order over the batch index, or all 0).
    let axes: Vec<(usize, isize)> = batch.iter().copied().filter(|&(len, _)| len > 1).collect();
    let batch_stride = axes.last().map_or(0, |&(_, st)| st as i64);
    for w in axes.windows(2) {
        let ((_, outer), (len, inner)) = (w[0], w[1]);
        if outer as i64 != inner as i64 * len as i64 {
            return None;
        }
    }
    Some(MatrixOperand {
        transposed,
        ld,
        batch_stride,
    })
}

/// The cuBLAS reading of `a`'s matrix stack after broadcasting to `batch` (copying to C
/// order when its strides do not allow one), plus the array to read from.
fn operand<T: DeviceElement>(
    a: &DeviceArray<T>,
    batch: &[usize],
) -> Result<(DeviceArray<T>, MatrixOperand)> {
    let nd = a.ndim();
    let (rows, cols) = (a.shape()[nd - 2], a.shape()[nd - 1]);
    let mut full = batch.to_vec();
    full.extend([rows, cols]);
    let b = a.broadcast_to(&full)?;
    let strides = b.strides();
    let k = strides.len();
    let batch_axes: Vec<(usize, isize)> = batch
        .iter()
        .copied()
        .zip(strides[..k - 2].iter().copied())
        .collect();
    if let Some(m) = matrix_operand(rows, cols, strides[k - 2], strides[k - 1], &batch_axes) {
        return Ok((b, m));
    }
    // Materialise the broadcast stack in C order: always a valid cuBLAS operand.
    let c = b.astype::<T>(Order::C)?;
    let s = c.strides().to_vec();
    let batch_axes: Vec<(usize, isize)> = batch
        .iter()
        .copied()
        .zip(s[..k - 2].iter().copied())
        .collect();
    let m = matrix_operand(rows, cols, s[k - 2], s[k - 1], &batch_axes)
        .expect("a C-ordered stack is a cuBLAS operand");
    Ok((c, m))
}

/// `np.matmul(a, b)`: matrix products of the last two axes, batched over the broadcast
/// leading axes (1-D operands are promoted as NumPy does and the axis removed afterwards).
///
/// ```
/// use oxarray_core::array;
/// # use oxarray_cuda::{CudaError, Gpu, linalg::matmul};
/// let Ok(gpu) = Gpu::new(0) else { return Ok(()) };
/// let a = gpu.upload(&array![[1.0f32, 2.0], [3.0, 4.0]])?;
/// let c = matmul(&a, &a.t()?)?; // a @ a.T, the transpose without a copy
/// assert_eq!(c.to_host()?.to_vec(), vec![5.0, 11.0, 11.0, 25.0]);
/// # Ok::<(), CudaError>(())
/// ```
pub fn matmul<T: GemmElement>(a: &DeviceArray<T>, b: &DeviceArray<T>) -> Result<DeviceArray<T>> {
    a.gpu().same_device(b.gpu())?;
    for (i, x) in [a, b].into_iter().enumerate() {
        if x.ndim() == 0 {
            return Err(Error::NotEnoughDims {
                op: "matmul",
                operand: i,
                ndim: 0,
                required: 1,
            }
            .into());
        }
    }
    let a2 = if a.ndim() == 1 {
        a.expand_dims(&[0])?
    } else {
        a.clone()
    };
    let b2 = if b.ndim() == 1 {
        b.expand_dims(&[-1])?
    } else {
        b.clone()
    };
    let (na, nb) = (a2.ndim(), b2.ndim());
    let (m, k) = (a2.shape()[na - 2], a2.shape()[na - 1]);
    let (k2, n) = (b2.shape()[nb - 2], b2.shape()[nb - 1]);
    if k != k2 {
        return Err(Error::ShapeMismatch {
            expected: vec![k, n],
            got: vec![k2, n],
        }
        .into());
    }
    let batch = oxarray_core::broadcast_shapes(&[&a2.shape()[..na - 2], &b2.shape()[..nb - 2]])?;
    let mut out_shape = batch.clone();
    out_shape.extend([m, n]);
    let count: usize = batch.iter().product();
    let mut out = if k == 0 {
        a.gpu().zeros::<T>(&out_shape)?
    } else {
        let out = DeviceArray::<T>::alloc(
            a.gpu(),
            crate::place::Placement::contiguous(&out_shape, Order::C),
        )?;
        if count * m * n > 0 {
            gemm(&a2, &b2, &batch, (m, n, k), &out)?;
        }
        out
    };
    if a.ndim() == 1 {
        out = out.squeeze(Some(&[-2]))?;
    }
    if b.ndim() == 1 {
        out = out.squeeze(Some(&[-1]))?;
    }
    Ok(out)
}

fn gemm<T: GemmElement>(
    a: &DeviceArray<T>,
    b: &DeviceArray<T>,
    batch: &[usize],
    (m, n, k): (usize, usize, usize),
    out: &DeviceArray<T>,
) -> Result<()> {
    let (a, ma) = operand(a, batch)?;
    let (b, mb) = operand(b, batch)?;
    let count: usize = batch.iter().product();
    let int = |v: usize| {
        i32::try_from(v)
            .map_err(|_| Error::invalid_argument("matmul size", v, "exceeds cuBLAS's 32-bit sizes"))
    };
    let (m_, n_, k_, count_) = (int(m)?, int(n)?, int(k)?, int(count)?);
    let op = |t: bool| {
        if t {
            cublasOperation_t::CUBLAS_OP_T
        } else {
            cublasOperation_t::CUBLAS_OP_N
        }
    };
    let (one, zero) = T::ONE_ZERO;
    let blas = a.gpu().blas()?;
    let gpu = a.gpu();
    gpu.inner
        .ctx
        .bind_to_thread()
        .map_err(CudaError::driver("cuCtxSetCurrent"))?;
    // Column-major C^T (n x m, ld n) = B^T (n x k) * A^T (k x m): cuBLAS's "A" is our b.
    // SAFETY: the pointers address the first matrices of in-bounds placements; leading
    // dimensions and batch strides come from those placements (`matrix_operand`), so every
    // element cuBLAS touches lies in its buffer; `out` is a fresh C-ordered (batch, m, n)
    // array; `alpha`/`beta` live until the call returns (cuBLAS reads them on the host, the
    // default pointer mode); the handle runs on the device's stream, so the buffers stay
    // alive in stream order.
    unsafe {
        gemm_strided_batched_ex(
            *blas.handle(),
            op(mb.transposed),
            op(ma.transposed),
            n_,
            m_,
            k_,
            (&one as *const T::Scale).cast(),
            b.first_ptr() as *const _,
            T::DATA,
            mb.ld as i32,
            mb.batch_stride,
            a.first_ptr() as *const _,
            T::DATA,
            ma.ld as i32,
            ma.batch_stride,
            (&zero as *const T::Scale).cast(),
            out.first_ptr() as *mut _,
            T::DATA,
            n_,
            (m * n) as i64,
            count_,
            T::COMPUTE,
            cublasGemmAlgo_t::CUBLAS_GEMM_DEFAULT,
        )
    }
    .map_err(CudaError::cublas("cublasGemmStridedBatchedEx"))
}
