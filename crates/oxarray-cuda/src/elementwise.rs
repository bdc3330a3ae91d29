//! Elementwise ufuncs on the device: the core's op types ([`ops`]), NumPy's broadcasting
//! on any strided views, `out=` (`_into`) and in-place forms, the host's result types.
//!
//! Each call broadcasts the operands (the core's rules), picks the result layout with the
//! core's `order='K'` rule, and launches one of two kernels: the contiguous one when every
//! operand is C-contiguous or a broadcast scalar, else the strided one over the merged axes.

use cudarc::driver::PushKernelArg;
use oxarray_core::elementwise::ops::{self, BinaryOp, UnaryOp};
use oxarray_core::{Element, Error};

use crate::array::{DeviceArray, DeviceElement, unsupported};
use crate::error::{CudaError, Result};
use crate::launch::elementwise_config;
use crate::naming::{Module, binary_symbol, catalogue, unary_symbol};
use crate::place::{Placement, broadcast, result_placement, strided_args};

/// Every element is the same one (all strides zero where the length is above one).
fn is_splat(p: &Placement) -> bool {
    p.layout
        .strides
        .iter()
        .zip(p.shape())
        .all(|(&s, &d)| s == 0 || d <= 1)
}

/// The step of an operand in the contiguous kernel: 1, or 0 for a broadcast scalar; `None`
/// when it needs the strided kernel.
fn contiguous_step(p: &Placement) -> Option<i64> {
    if is_splat(p) {
        Some(0)
    } else if p.is_c_contiguous() {
        Some(1)
    } else {
        None
    }
}

fn check_symbol(op: &str, symbol: &str, dtype: oxarray_core::DType) -> Result<()> {
    if catalogue().contains(symbol) {
        Ok(())
    } else {
        Err(unsupported(op, dtype))
    }
}

/// The element address of a placement's element `[0, ..., 0]` in `arr`'s buffer.
fn first_ptr_of<T: DeviceElement>(arr: &DeviceArray<T>, p: &Placement) -> u64 {
    arr.base_ptr()
        .wrapping_add_signed(p.offset as i64 * size_of::<T>() as i64)
}

fn launch_binary<Op, T>(
    a: (&DeviceArray<T>, &Placement),
    b: (&DeviceArray<T>, &Placement),
    out: &DeviceArray<Op::Output>,
) -> Result<()>
where
    Op: BinaryOp<T>,
    T: DeviceElement,
    Op::Output: DeviceElement,
{
    a.0.gpu().same_device(b.0.gpu())?;
    a.0.gpu().same_device(out.gpu())?;
    let gpu = out.gpu();
    let n = out.len();
    if n == 0 {
        return Ok(());
    }
    let steps = (
        contiguous_step(a.1),
        contiguous_step(b.1),
        out.place.is_c_contiguous(),
    );
    let stream = &gpu.inner.stream;
    if let (Some(sa), Some(sb), true) = steps {
        let sym = binary_symbol::<Op, T>(false);
        check_symbol(Op::NAME, &sym, T::DTYPE)?;
        let f = gpu.function(Module::Elementwise, &sym)?;
        let (po, pa, pb, n) = (
            out.first_ptr(),
            first_ptr_of(a.0, a.1),
            first_ptr_of(b.0, b.1),
            n as i64,
        );
        let mut l = stream.launch_builder(&f);
        l.arg(&po).arg(&pa).arg(&pb).arg(&sa).arg(&sb).arg(&n);
        // SAFETY: `ox_binary_<op>_<T>(R* out, const T* a, const T* b, i64 a_step, i64 b_step,
        // i64 n)`: `out` holds `n` contiguous elements, each input `n` (step 1) or one (step
        // 0); the buffers outlive the kernel in stream order.
        unsafe { l.launch(elementwise_config(n as usize)) }
            .map_err(CudaError::driver("cuLaunchKernel"))?;
        return Ok(());
    }
    let sym = binary_symbol::<Op, T>(true);
    check_symbol(Op::NAME, &sym, T::DTYPE)?;
    let f = gpu.function(Module::Elementwise, &sym)?;
    let args = strided_args(Op::NAME, &[a.1, b.1, &out.place])?;
    let (po, pa, pb) = (out.base_ptr(), a.0.base_ptr(), b.0.base_ptr());
    let mut l = stream.launch_builder(&f);
    l.arg(&po).arg(&pa).arg(&pb).arg(&args);
    // SAFETY: `..._strided(R* out, const T* a, const T* b, OxStrided s)`: offsets and strides
    // are relative to each buffer's start and stay inside it (placements are in bounds).
    unsafe { l.launch(elementwise_config(n)) }.map_err(CudaError::driver("cuLaunchKernel"))?;
    Ok(())
}

fn launch_unary<Op, T>(
    a: (&DeviceArray<T>, &Placement),
    out: &DeviceArray<Op::Output>,
) -> Result<()>
where
    Op: UnaryOp<T>,
    T: DeviceElement,
    Op::Output: DeviceElement,
{
    a.0.gpu().same_device(out.gpu())?;
    let gpu = out.gpu();
    let n = out.len();
    if n == 0 {
        return Ok(());
    }
    let stream = &gpu.inner.stream;
    if a.1.is_c_contiguous() && out.place.is_c_contiguous() {
        let sym = unary_symbol::<Op, T>(false);
        check_symbol(Op::NAME, &sym, T::DTYPE)?;
        let f = gpu.function(Module::Elementwise, &sym)?;
        let (po, pa, n) = (out.first_ptr(), first_ptr_of(a.0, a.1), n as i64);
        let mut l = stream.launch_builder(&f);
        l.arg(&po).arg(&pa).arg(&n);
        // SAFETY: `ox_unary_<op>_<T>(R* out, const T* a, i64 n)` over `n` contiguous elements.
        unsafe { l.launch(elementwise_config(n as usize)) }
            .map_err(CudaError::driver("cuLaunchKernel"))?;
        return Ok(());
    }
    let sym = unary_symbol::<Op, T>(true);
    check_symbol(Op::NAME, &sym, T::DTYPE)?;
    let f = gpu.function(Module::Elementwise, &sym)?;
    let args = strided_args(Op::NAME, &[a.1, &out.place])?;
    let (po, pa) = (out.base_ptr(), a.0.base_ptr());
    let mut l = stream.launch_builder(&f);
    l.arg(&po).arg(&pa).arg(&args);
    // SAFETY: `..._strided(R* out, const T* a, OxStrided s)`, in-bounds placements.
    unsafe { l.launch(elementwise_config(n)) }.map_err(CudaError::driver("cuLaunchKernel"))?;
    Ok(())
}

/// `op(a, b)` with broadcasting, into a new array (NumPy's result layout and dtype).
///
/// ```
/// use oxarray_core::{array, elementwise::ops::Add};
/// # use oxarray_cuda::{CudaError, Gpu, ufunc};
/// let Ok(gpu) = Gpu::new(0) else { return Ok(()) };
/// let a = gpu.upload(&array![[1.0f32], [2.0]])?;     // (2, 1)
/// let b = gpu.upload(&array![10.0f32, 20.0, 30.0])?; // (3,)
/// let c = ufunc::binary(Add, &a, &b)?;               // (2, 3)
/// assert_eq!(c.to_host()?.to_vec(), vec![11.0, 21.0, 31.0, 12.0, 22.0, 32.0]);
/// # Ok::<(), CudaError>(())
/// ```
pub fn binary<Op, T>(
    op: Op,
    a: &DeviceArray<T>,
    b: &DeviceArray<T>,
) -> Result<DeviceArray<Op::Output>>
where
    Op: BinaryOp<T>,
    T: DeviceElement,
    Op::Output: DeviceElement,
{
    let _ = op;
    let (shape, placed) = broadcast(&[&a.place, &b.place])?;
    let out = DeviceArray::alloc(a.gpu(), result_placement(&shape, &[&placed[0], &placed[1]]))?;
    launch_binary::<Op, T>((a, &placed[0]), (b, &placed[1]), &out)?;
    Ok(out)
}

/// `op(a, b)` written into `out` (NumPy's `out=`): the inputs broadcast to `out`'s shape.
pub fn binary_into<Op, T>(
    op: Op,
    a: &DeviceArray<T>,
    b: &DeviceArray<T>,
    out: &mut DeviceArray<Op::Output>,
) -> Result<()>
where
    Op: BinaryOp<T>,
    T: DeviceElement,
    Op::Output: DeviceElement,
{
    let _ = op;
    let (shape, _) = broadcast(&[&a.place, &b.place])?;
    if oxarray_core::broadcast_shapes(&[&shape, out.shape()])? != out.shape() {
        return Err(Error::BroadcastTo {
            from: shape,
            to: out.shape().to_vec(),
        }
        .into());
    }
    let (pa, pb) = (
        a.place.broadcast_to(out.shape())?,
        b.place.broadcast_to(out.shape())?,
    );
    launch_binary::<Op, T>((a, &pa), (b, &pb), out)
}

/// `a = op(a, b)` in place (`a += b`, ...): `b` broadcasts to `a`'s shape.
pub fn binary_inplace<Op, T>(op: Op, a: &mut DeviceArray<T>, b: &DeviceArray<T>) -> Result<()>
where
    Op: BinaryOp<T, Output = T>,
    T: DeviceElement,
{
    let target = a.clone();
    binary_into(op, &target, b, a)
}

/// `op(a)` into a new array.
///
/// ```
/// use oxarray_core::{array, elementwise::ops::Sqrt};
/// # use oxarray_cuda::{CudaError, Gpu, ufunc};
/// let Ok(gpu) = Gpu::new(0) else { return Ok(()) };
/// let a = gpu.upload(&array![4i32, 9, 16])?;
/// let r = ufunc::unary(Sqrt, &a)?; // int32 -> float64, as NumPy
/// assert_eq!(r.to_host()?.to_vec(), vec![2.0f64, 3.0, 4.0]);
/// # Ok::<(), CudaError>(())
/// ```
pub fn unary<Op, T>(op: Op, a: &DeviceArray<T>) -> Result<DeviceArray<Op::Output>>
where
    Op: UnaryOp<T>,
    T: DeviceElement,
    Op::Output: DeviceElement,
{
    let _ = op;
    let out = DeviceArray::alloc(a.gpu(), result_placement(a.shape(), &[&a.place]))?;
    launch_unary::<Op, T>((a, &a.place), &out)?;
    Ok(out)
}

/// `op(a)` written into `out`: `a` broadcasts to `out`'s shape.
pub fn unary_into<Op, T>(
    op: Op,
    a: &DeviceArray<T>,
    out: &mut DeviceArray<Op::Output>,
) -> Result<()>
where
    Op: UnaryOp<T>,
    T: DeviceElement,
    Op::Output: DeviceElement,
{
    let _ = op;
    let pa = a.place.broadcast_to(out.shape())?;
    launch_unary::<Op, T>((a, &pa), out)
}

macro_rules! binary_fns {
    ($($name:ident => $op:ident),* $(,)?) => {$(
        #[doc = concat!("`np.", stringify!($name), "(a, b)` on the device, with broadcasting ",
            "(the core's [`ops::", stringify!($op), "`]).\n\n```\n",
            "# use oxarray_cuda::{CudaError, Gpu, ufunc};\n",
            "let Ok(gpu) = Gpu::new(0) else { return Ok(()) };\n",
            "let a = gpu.ones::<f64>(&[2, 3])?;\n",
            "let r = ufunc::", stringify!($name), "(&a, &a)?;\n",
            "assert_eq!(r.shape(), &[2, 3]);\n# Ok::<(), CudaError>(())\n```")]
        pub fn $name<T>(
            a: &DeviceArray<T>,
            b: &DeviceArray<T>,
        ) -> Result<DeviceArray<<ops::$op as BinaryOp<T>>::Output>>
        where
            T: DeviceElement,
            ops::$op: BinaryOp<T>,
            <ops::$op as BinaryOp<T>>::Output: DeviceElement,
        {
            binary(ops::$op, a, b)
        }
    )*};
}

macro_rules! unary_fns {
    ($($name:ident => $op:ident),* $(,)?) => {$(
        #[doc = concat!("`np.", stringify!($name), "(a)` on the device (the core's [`ops::",
            stringify!($op), "`]).\n\n```\n",
            "# use oxarray_cuda::{CudaError, Gpu, ufunc};\n",
            "let Ok(gpu) = Gpu::new(0) else { return Ok(()) };\n",
            "let a = gpu.ones::<f64>(&[4])?;\n",
            "assert_eq!(ufunc::", stringify!($name), "(&a)?.shape(), &[4]);\n",
            "# Ok::<(), CudaError>(())\n```")]
        pub fn $name<T>(a: &DeviceArray<T>) -> Result<DeviceArray<<ops::$op as UnaryOp<T>>::Output>>
        where
            T: DeviceElement,
            ops::$op: UnaryOp<T>,
            <ops::$op as UnaryOp<T>>::Output: DeviceElement,
        {
            unary(ops::$op, a)
        }
    )*};
}

binary_fns! {
    add => Add, subtract => Subtract, multiply => Multiply, divide => Divide,
    maximum => Maximum, minimum => Minimum, power => Power, arctan2 => Arctan2, hypot => Hypot,
    equal => Equal, not_equal => NotEqual, less => Less, less_equal => LessEqual,
    greater => Greater, greater_equal => GreaterEqual,
    logical_and => LogicalAnd, logical_or => LogicalOr, logical_xor => LogicalXor,
}

unary_fns! {
    negative => Negative, absolute => Abs, square => Square, sqrt => Sqrt, exp => Exp,
    log => Log, sin => Sin, cos => Cos, tanh => Tanh, floor => Floor, ceil => Ceil,
    isnan => Isnan,
}

macro_rules! operators {
    ($($trait:ident $method:ident $assign:ident $assign_method:ident => $op:ident),*) => {$(
        impl<T> std::ops::$trait for &DeviceArray<T>
        where
            T: DeviceElement,
            ops::$op: BinaryOp<T, Output = T>,
        {
            type Output = DeviceArray<T>;

            /// Panics on a shape mismatch or a device error, as the host operators; the
            /// `Result` twin is the function of [`ufunc`](crate::ufunc) of NumPy's name.
            fn $method(self, rhs: &DeviceArray<T>) -> DeviceArray<T> {
                binary(ops::$op, self, rhs).unwrap_or_else(|e| panic!("{e}"))
            }
        }

        impl<T> std::ops::$assign<&DeviceArray<T>> for DeviceArray<T>
        where
            T: DeviceElement,
            ops::$op: BinaryOp<T, Output = T>,
        {
            /// In place; panics on a shape mismatch or a device error (the twin:
            /// [`binary_inplace`]).
            fn $assign_method(&mut self, rhs: &DeviceArray<T>) {
                binary_inplace(ops::$op, self, rhs).unwrap_or_else(|e| panic!("{e}"))
            }
        }
    )*};
}

operators! {
    Add add AddAssign add_assign => Add,
    Sub sub SubAssign sub_assign => Subtract,
    Mul mul MulAssign mul_assign => Multiply,
    Div div DivAssign div_assign => Divide
}

impl<T: DeviceElement + Element> DeviceArray<T> {
    /// A 0-d array holding `value` on the same device (a scalar operand that broadcasts).
    pub fn scalar_like(&self, value: T) -> Result<DeviceArray<T>> {
        self.gpu().full(&[], value)
    }
}
