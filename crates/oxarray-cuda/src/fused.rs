//! Fused elementwise expressions on the device (CuPy's `fuse`): the CPU's fused expression
//! type ([`oxarray_ufunc::Lazy`]) is turned into the source of one CUDA kernel, compiled once
//! per expression shape (cached by source hash and architecture like every module) and run
//! over device arrays bound to its leaves. One expression therefore runs on either backend:
//! `e.eval()` on the host, [`eval_fused`]`(&e, &[&dx, ...])` on the device.
//!
//! The kernel evaluates the whole tree per element with the same device functions as the
//! elementwise kernels (`ox_op_<name>` of `kernels/elementwise.cu`), reads each input once and
//! writes the output once: no temporaries. Scalars are kernel parameters, so `x * 2.5` and
//! `x * 3.0` share one compiled kernel.

use std::fmt::Write as _;

use cudarc::driver::{DeviceRepr, PushKernelArg};
use oxarray_core::{DType, Error, Scalar};
use oxarray_ufunc::{Expr, Lazy, Node};

use crate::array::{DeviceArray, DeviceElement, unsupported};
use crate::compile::fnv1a;
use crate::error::{CudaError, Result};
use crate::launch::{MAX_DIMS, elementwise_config};
use crate::naming::dtype_code;
use crate::place::{Placement, broadcast, result_placement};
use crate::sources;

/// The most array leaves of one fused kernel.
pub const MAX_LEAVES: usize = 8;

/// A device array of any element type, as a leaf binding.
pub trait DeviceOperand {
    /// Its element type.
    fn dtype(&self) -> DType;
    /// Its placement in its buffer.
    fn placement(&self) -> &Placement;
    /// Its buffer's device address.
    fn base(&self) -> u64;
    /// Its device.
    fn device(&self) -> &crate::Gpu;
}

impl<T: DeviceElement> DeviceOperand for DeviceArray<T> {
    fn dtype(&self) -> DType {
        T::DTYPE
    }
    fn placement(&self) -> &Placement {
        &self.place
    }
    fn base(&self) -> u64 {
        self.base_ptr()
    }
    fn device(&self) -> &crate::Gpu {
        self.gpu()
    }
}

/// A generated kernel: its source, symbol, and what its parameters are.
#[derive(Debug, Clone, PartialEq)]
pub struct FusedKernel {
    /// The complete program (shared header, elementwise functions, the kernel).
    pub source: String,
    /// The kernel's symbol (`ox_fused_<hash of the expression>`).
    pub symbol: String,
    /// The leaves' element types, in leaf order.
    pub leaves: Vec<DType>,
    /// The scalars, in the order of their parameters.
    pub scalars: Vec<(DType, Scalar)>,
    /// The result's element type.
    pub output: DType,
}

/// Writes the head of a call to the device function of `op` (`ox_op_<op><In, Out>(`), or the
/// error naming an op that `kernels/elementwise.cu` does not define.
fn open_call(op: &str, input: DType, output: DType, out: &mut String) -> Result<()> {
    if !sources::ELEMENTWISE.contains(&format!("R ox_op_{op}(")) {
        return Err(unsupported(op, input));
    }
    let _ = write!(
        out,
        "ox_op_{op}<{}, {}>(",
        dtype_code(input),
        dtype_code(output)
    );
    Ok(())
}

/// Writes the CUDA expression of `node`, collecting leaves and scalars.
fn emit(
    node: &Node,
    leaves: &mut Vec<DType>,
    scalars: &mut Vec<(DType, Scalar)>,
    out: &mut String,
) -> Result<DType> {
    Ok(match node {
        Node::Leaf { index, dtype, .. } => {
            if *index != leaves.len() {
                return Err(unsupported("fuse (leaves out of order)", *dtype));
            }
            if leaves.len() == MAX_LEAVES {
                return Err(unsupported("fuse (more than 8 arrays)", *dtype));
            }
            leaves.push(*dtype);
            let _ = write!(out, "x{index}[off[{index}]]");
            *dtype
        }
        Node::Scalar { dtype, value } => {
            if dtype.is_complex() || !crate::naming::KERNEL_DTYPES.contains(dtype) {
                return Err(unsupported("fuse (scalar)", *dtype));
            }
            let _ = write!(out, "(({})s{})", dtype_code(*dtype), scalars.len());
            scalars.push((*dtype, *value));
            *dtype
        }
        Node::Unary {
            op,
            input,
            output,
            a,
        } => {
            open_call(op, *input, *output, out)?;
            emit(a, leaves, scalars, out)?;
            out.push(')');
            *output
        }
        Node::Binary {
            op,
            input,
            output,
            a,
            b,
        } => {
            open_call(op, *input, *output, out)?;
            emit(a, leaves, scalars, out)?;
            out.push_str(", ");
            emit(b, leaves, scalars, out)?;
            out.push(')');
            *output
        }
        Node::Where { cond, a, b } => {
            out.push_str("((");
            emit(cond, leaves, scalars, out)?;
            out.push_str(") ? (");
            let t = emit(a, leaves, scalars, out)?;
            out.push_str(") : (");
            emit(b, leaves, scalars, out)?;
            out.push_str("))");
            t
        }
        Node::Cast { from, to, a } => {
            let _ = write!(out, "ox_cast<{}, {}>(", dtype_code(*to), dtype_code(*from));
            emit(a, leaves, scalars, out)?;
            out.push(')');
            *to
        }
        Node::Map { input, .. } => {
            return Err(unsupported(
                "fuse (a Rust closure from `map` runs only on the CPU)",
                *input,
            ));
        }
        other => {
            return Err(CudaError::Unsupported {
                op: format!("fuse ({other:?})"),
                dtype: DType::F64,
            });
        }
    })
}

/// The kernel for an expression tree.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_ufunc::lazy;
/// let x = array![1.0f32, 2.0];
/// let k = oxarray_cuda::fused::generate(&(lazy(&x) * 2.5f32 + 1.2f32).describe())?;
/// assert!(k.source.contains("ox_op_add<f32, f32>(ox_op_multiply<f32, f32>(x0[off[0]], ((f32)s0)), ((f32)s1))"));
/// assert_eq!(k.scalars.len(), 2);
/// # Ok::<(), oxarray_cuda::CudaError>(())
/// ```
pub fn generate(node: &Node) -> Result<FusedKernel> {
    let (mut leaves, mut scalars, mut body) = (Vec::new(), Vec::new(), String::new());
    let output = emit(node, &mut leaves, &mut scalars, &mut body)?;
    let n = leaves.len();
    let mut params = format!("{}* out", dtype_code(output));
    for (i, d) in leaves.iter().enumerate() {
        let _ = write!(params, ", const {}* x{i}", dtype_code(*d));
    }
    for (i, (d, _)) in scalars.iter().enumerate() {
        let _ = write!(params, ", {} s{i}", scalar_param_type(*d));
    }
    let ops = n + 1;
    let loop_body = format!(
        "    OX_FOR(i, s.size) {{\n        i64 off[{ops}];\n        ox_offsets<{ops}>(s, i, off);\n        \
         out[off[{n}]] = ({o})({body});\n    }}\n",
        o = dtype_code(output),
    );
    // The symbol names the expression: equal expressions share one compiled kernel.
    let symbol = format!(
        "ox_fused_{:016x}",
        fnv1a(format!("{params}\n{loop_body}").as_bytes())
    );
    let footer = format!(
        "struct OxFused {{\n    i64 shape[OX_MAX_DIMS];\n    i64 strides[{slots}][OX_MAX_DIMS];\n    \
         i64 offset[{slots}];\n    i64 size;\n    i32 ndim;\n    i32 pad_;\n}};\n\
         extern \"C\" __global__ void {symbol}({params}, OxFused s) {{\n{loop_body}}}\n",
        slots = MAX_LEAVES + 1,
    );
    Ok(FusedKernel {
        source: sources::with_common(sources::ELEMENTWISE, &footer),
        symbol,
        leaves,
        scalars,
        output,
    })
}

/// Scalars travel as the widest type of their kind and are converted in the kernel.
fn scalar_param_type(d: DType) -> &'static str {
    if d.is_float() {
        "f64"
    } else if matches!(d, DType::U8 | DType::U16 | DType::U32 | DType::U64) {
        "u64"
    } else {
        "i64"
    }
}

/// `OxFused` of a generated kernel: `MAX_LEAVES` inputs and the output (last used slot is
/// the output: leaf count).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
struct FusedArgs {
    shape: [i64; MAX_DIMS],
    strides: [[i64; MAX_DIMS]; MAX_LEAVES + 1],
    offset: [i64; MAX_LEAVES + 1],
    size: i64,
    ndim: i32,
    pad: i32,
}

// SAFETY: `repr(C)` integers matching the generated `OxFused` field for field.
unsafe impl DeviceRepr for FusedArgs {}

/// A scalar parameter in its transport type.
#[derive(Debug, Clone, Copy)]
enum ScalarArg {
    F(f64),
    I(i64),
    U(u64),
}

/// Evaluates `expr` on the device with `inputs` bound to its leaves (in leaf order: the
/// order the arrays appear in the expression, from the left), broadcasting them as the host
/// would, into a new array.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_ufunc::lazy;
/// # use oxarray_cuda::{CudaError, Gpu, fused::eval_fused};
/// let x = array![1.0f32, 2.0, 3.0];
/// let e = lazy(&x) * 2.5f32 + 1.2f32;           // one expression ...
/// let cpu = e.eval()?;                            // ... on the host
/// let Ok(gpu) = Gpu::new(0) else { return Ok(()) };
/// let dx = gpu.upload(&x)?;
/// let dev = eval_fused(&e, &[&dx])?.to_host()?;  // ... and on the device, one kernel
/// assert_eq!(cpu, dev);
/// # Ok::<(), CudaError>(())
/// ```
pub fn eval_fused<E: Expr>(
    expr: &Lazy<E>,
    inputs: &[&dyn DeviceOperand],
) -> Result<DeviceArray<E::Elem>> {
    let kernel = generate(&expr.describe())?;
    if kernel.leaves.len() != inputs.len() || inputs.is_empty() {
        return Err(Error::invalid_argument(
            "inputs",
            inputs.len(),
            format!("the expression has {} array leaves", kernel.leaves.len()),
        )
        .into());
    }
    for (want, got) in kernel.leaves.iter().zip(inputs) {
        if *want != got.dtype() {
            return Err(Error::DTypeMismatch {
                expected: *want,
                got: got.dtype(),
            }
            .into());
        }
    }
    let gpu = inputs[0].device();
    for i in inputs {
        gpu.same_device(i.device())?;
    }
    let places: Vec<&Placement> = inputs.iter().map(|i| i.placement()).collect();
    let (shape, placed) = broadcast(&places)?;
    let refs: Vec<&Placement> = placed.iter().collect();
    let out = DeviceArray::<E::Elem>::alloc(gpu, result_placement(&shape, &refs))?;
    if out.is_empty() {
        return Ok(out);
    }
    if shape.len() > MAX_DIMS {
        return Err(CudaError::TooManyDims {
            op: "fuse",
            ndim: shape.len(),
            max: MAX_DIMS,
        });
    }
    let mut args = FusedArgs {
        shape: [0; MAX_DIMS],
        strides: [[0; MAX_DIMS]; MAX_LEAVES + 1],
        offset: [0; MAX_LEAVES + 1],
        size: out.len() as i64,
        ndim: shape.len() as i32,
        pad: 0,
    };
    let n = inputs.len();
    for (d, &len) in shape.iter().enumerate() {
        args.shape[d] = len as i64;
        for (k, p) in placed.iter().chain([&out.place]).enumerate() {
            args.strides[k][d] = p.layout.strides[d] as i64;
        }
    }
    for (k, p) in placed.iter().enumerate() {
        args.offset[k] = p.offset as i64;
    }
    args.offset[n] = out.place.offset as i64;
    let scalars: Vec<ScalarArg> = kernel
        .scalars
        .iter()
        .map(|(d, v)| match (*v, scalar_param_type(*d)) {
            (v, "f64") => ScalarArg::F(v.as_f64()),
            (Scalar::UInt(u), _) => ScalarArg::U(u),
            (Scalar::Int(i), "u64") => ScalarArg::U(i as u64),
            (Scalar::Bool(b), _) => ScalarArg::I(b as i64),
            (Scalar::Int(i), _) => ScalarArg::I(i),
            (v, _) => ScalarArg::F(v.as_f64()),
        })
        .collect();
    let module = gpu.load(&kernel.symbol, &kernel.source)?;
    let f = module
        .load_function(&kernel.symbol)
        .map_err(CudaError::driver("cuModuleGetFunction"))?;
    let ptrs: Vec<u64> = inputs.iter().map(|i| i.base()).collect();
    let po = out.base_ptr();
    let mut l = gpu.inner.stream.launch_builder(&f);
    l.arg(&po);
    for p in &ptrs {
        l.arg(p);
    }
    for s in &scalars {
        match s {
            ScalarArg::F(v) => l.arg(v),
            ScalarArg::I(v) => l.arg(v),
            ScalarArg::U(v) => l.arg(v),
        };
    }
    l.arg(&args);
    // SAFETY: the parameters follow the generated signature: `out`, one pointer per leaf (of
    // the leaf's dtype, checked above), one 8-byte scalar per `s<k>` in its transport type,
    // then `OxFused` by value; offsets and strides are those of in-bounds placements of each
    // buffer, which outlive the kernel in stream order.
    unsafe { l.launch(elementwise_config(out.len())) }
        .map_err(CudaError::driver("cuLaunchKernel"))?;
    Ok(out)
}
