//! `matmul` and `matmul_into`: NumPy's `@` for 1-D, 2-D and stacked (n-D) operands.

use oxarray_core::parallel::SendPtr;
use oxarray_core::{Array, ArrayView, AsArrayView, Error, Result, WriteArray};

use crate::kernel::{self, Operand, Product, Uninit};
use crate::scalar::LinalgScalar;

/// The shapes of one `matmul` call, after NumPy's rules: a 1-D first operand is a row, a 1-D
/// second operand a column (and their axis is dropped from the result), batch axes broadcast.
#[derive(Debug, Clone)]
pub(crate) struct MatmulShape {
    pub batch: Vec<usize>,
    pub m: usize,
    pub n: usize,
    pub k: usize,
    pub a_vector: bool,
    pub b_vector: bool,
    /// The result's shape: `batch + [m if a is not 1-D] + [n if b is not 1-D]`.
    pub out: Vec<usize>,
}

impl MatmulShape {
    /// Checks two operand shapes against `matmul`'s signature `(n?,k),(k,m?)->(n?,m?)`.
    pub fn new(a: &[usize], b: &[usize]) -> Result<MatmulShape> {
        for (i, s) in [a, b].into_iter().enumerate() {
            if s.is_empty() {
                return Err(Error::NotEnoughDims {
                    op: "matmul",
                    operand: i,
                    ndim: 0,
                    required: 1,
                });
            }
        }
        let a_vector = a.len() == 1;
        let b_vector = b.len() == 1;
        let (m, ka) = if a_vector {
            (1, a[0])
        } else {
            (a[a.len() - 2], a[a.len() - 1])
        };
        let (kb, n) = if b_vector {
            (b[0], 1)
        } else {
            (b[b.len() - 2], b[b.len() - 1])
        };
        if ka != kb {
            return Err(Error::NotAligned {
                op: "matmul",
                a_operand: 0,
                a_shape: a.to_vec(),
                a_axis: a.len() - 1,
                b_operand: 1,
                b_shape: b.to_vec(),
                b_axis: if b_vector { 0 } else { b.len() - 2 },
            });
        }
        let a_batch = &a[..a.len().saturating_sub(2)];
        let b_batch = &b[..b.len().saturating_sub(2)];
        let batch = oxarray_core::broadcast_shapes(&[a_batch, b_batch]).map_err(|_| {
            Error::BroadcastMismatch {
                shapes: vec![a.to_vec(), b.to_vec()],
            }
        })?;
        let mut out = batch.clone();
        if !a_vector {
            out.push(m);
        }
        if !b_vector {
            out.push(n);
        }
        oxarray_core::layout::checked_size(&out, 16)?;
        Ok(MatmulShape {
            batch,
            m,
            n,
            k: ka,
            a_vector,
            b_vector,
            out,
        })
    }
}

/// The strides of `strides` (of an operand whose batch axes are the leading ones) broadcast
/// to `batch`: right-aligned, zero where the operand lacks the axis or has length one.
pub(crate) fn batch_strides(shape: &[usize], strides: &[isize], batch: &[usize]) -> Vec<isize> {
    let lead = batch.len() - shape.len();
    (0..batch.len())
        .map(|ax| {
            if ax < lead || shape[ax - lead] == 1 {
                0
            } else {
                strides[ax - lead]
            }
        })
        .collect()
}

/// Writes `a @ b` into `out` (of shape `shape.out`, strides `out_strides`).
///
/// # Safety
/// `out` points to element `[0, ..]` of a writable, non-overlapping array of shape
/// `shape.out` with `out_strides`, that `a` and `b` do not alias.
pub(crate) unsafe fn matmul_raw<T: LinalgScalar>(
    out: *mut T,
    out_strides: &[isize],
    a: &ArrayView<'_, T>,
    b: &ArrayView<'_, T>,
    shape: &MatmulShape,
) {
    let nb = shape.batch.len();
    let (a_nd, b_nd) = (a.ndim(), b.ndim());
    let a_op = Operand {
        ptr: SendPtr::from_const(a.as_ptr()),
        batch_strides: if shape.a_vector {
            vec![0; nb]
        } else {
            batch_strides(
                &a.shape()[..a_nd - 2],
                &a.strides()[..a_nd - 2],
                &shape.batch,
            )
        },
        rs: if shape.a_vector {
            0
        } else {
            a.strides()[a_nd - 2]
        },
        cs: a.strides()[a_nd - 1],
    };
    let b_op = Operand {
        ptr: SendPtr::from_const(b.as_ptr()),
        batch_strides: if shape.b_vector {
            vec![0; nb]
        } else {
            batch_strides(
                &b.shape()[..b_nd - 2],
                &b.strides()[..b_nd - 2],
                &shape.batch,
            )
        },
        rs: if shape.b_vector {
            b.strides()[0]
        } else {
            b.strides()[b_nd - 2]
        },
        cs: if shape.b_vector {
            0
        } else {
            b.strides()[b_nd - 1]
        },
    };
    let (out_rs, out_cs) = match (shape.a_vector, shape.b_vector) {
        (false, false) => (out_strides[nb], out_strides[nb + 1]),
        (false, true) => (out_strides[nb], 0),
        (true, false) => (0, out_strides[nb]),
        (true, true) => (0, 0),
    };
    let product = Product {
        m: shape.m,
        n: shape.n,
        k: shape.k,
        batch_shape: shape.batch.clone(),
        out: Operand {
            ptr: SendPtr::new(out),
            batch_strides: out_strides[..nb].to_vec(),
            rs: out_rs,
            cs: out_cs,
        },
        a: a_op,
        b: b_op,
    };
    // SAFETY: the views describe valid elements (their invariants) for these strides; `out` is
    // the caller's writable, non-overlapping, unaliased array of the product's shape.
    unsafe { kernel::run(&product) };
}

/// The matrix product `a @ b` with NumPy's `matmul` semantics.
///
/// * 2-D operands: the matrix product, `(m, k) @ (k, n) -> (m, n)`.
/// * A 1-D first operand is a row vector and a 1-D second operand a column vector; that axis
///   is removed from the result (`(k,) @ (k,)` gives a 0-d array).
/// * n-D operands are stacks of matrices in the last two axes; the leading (batch) axes
///   broadcast against each other.
///
/// Any layout multiplies without a copy: C or F order, transposed, stepped (`s![..;2]`),
/// reversed (`s![..;-1]`) and broadcast views are passed to the kernel with their own strides.
/// f16, f32, f64, Complex32 and Complex64 go through `gemm` (AVX-512 kernels, rayon threads);
/// integers and bool through a blocked kernel (integer sums wrap around, as in NumPy).
///
/// # Errors
/// A 0-d operand, contracted axes of different lengths, or batch shapes that do not broadcast;
/// the message names the shapes.
///
/// ```
/// use oxarray_core::{array, s, Array};
/// use oxarray_linalg::matmul;
///
/// let a = array![[1.0, 2.0], [3.0, 4.0]];
/// let b = array![[5.0, 6.0], [7.0, 8.0]];
/// assert_eq!(matmul(&a, &b)?, array![[19.0, 22.0], [43.0, 50.0]]);
/// // a.T @ b, without copying a
/// assert_eq!(matmul(&a.t(), &b)?, array![[26.0, 30.0], [38.0, 44.0]]);
/// // matrix @ vector drops the vector's axis
/// assert_eq!(matmul(&a, &array![1.0, 1.0])?, array![3.0, 7.0]);
/// // a stack of 4 matrices times one matrix: the batch axis broadcasts
/// let stack = Array::<f64>::ones([4, 3, 2])?;
/// assert_eq!(matmul(&stack, &a)?.shape(), &[4, 3, 2]);
/// assert!(matmul(&a, &array![1.0, 2.0, 3.0]).is_err());
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn matmul<T: LinalgScalar>(
    a: &impl AsArrayView<T>,
    b: &impl AsArrayView<T>,
) -> Result<Array<T>> {
    let (a, b) = (a.as_view(), b.as_view());
    let shape = MatmulShape::new(a.shape(), b.shape())?;
    let mut out = Uninit::<T>::new(&shape.out)?;
    let strides = out.layout.strides.to_vec();
    // SAFETY: `out` is fresh room for a C-order array of the result's shape, which the
    // product writes entirely.
    unsafe {
        matmul_raw(out.as_mut_ptr(), &strides, &a, &b, &shape);
        out.assume_init()
    }
}

/// [`matmul`] writing into `out` (NumPy's `matmul(a, b, out=out)`), which must have exactly
/// the result's shape; it may have any strides (a transposed or stepped view of a larger
/// array, for instance).
///
/// # Errors
/// As [`matmul`], and [`Error::ShapeMismatch`] when `out` has another shape.
///
/// ```
/// use oxarray_core::{array, s, Array};
/// use oxarray_linalg::matmul_into;
///
/// let a = array![[1, 2], [3, 4]];
/// let mut out = Array::<i32>::zeros([2, 2])?;
/// // Write the product transposed: out.T = a @ a
/// matmul_into(&a, &a, &mut out.view_mut().into_t())?;
/// assert_eq!(out, array![[7, 15], [10, 22]]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn matmul_into<T: LinalgScalar>(
    a: &impl AsArrayView<T>,
    b: &impl AsArrayView<T>,
    out: &mut impl WriteArray<T>,
) -> Result<()> {
    let (a, b) = (a.as_view(), b.as_view());
    let mut out = out.write_view();
    let shape = MatmulShape::new(a.shape(), b.shape())?;
    if out.shape() != &shape.out[..] {
        return Err(Error::ShapeMismatch {
            expected: shape.out.clone(),
            got: out.shape().to_vec(),
        });
    }
    let strides = out.strides().to_vec();
    // SAFETY: `out` is an exclusive, non-overlapping mutable view of the result's shape
    // (invariant 3 of the array types), so `a` and `b` cannot alias it.
    unsafe { matmul_raw(out.as_mut_ptr(), &strides, &a, &b, &shape) };
    Ok(())
}
