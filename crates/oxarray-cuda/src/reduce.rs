//! Reductions on the device over any set of axes, with `keepdims`, NumPy's result dtypes
//! (the CPU's [`ReduceElement`] types: `sum` of `int32` is `int64`, `mean` of an integer is
//! `float64`), NaN propagation for `min`/`max`, and the first NaN for `argmin`/`argmax`.

use cudarc::driver::{DeviceRepr, PushKernelArg};
use oxarray_core::{DType, Element, Error, Order};
use oxarray_ufunc::ReduceElement;

use crate::array::{ByValue, DeviceArray, DeviceElement, unsupported};
use crate::error::{CudaError, Result};
use crate::launch::reduce_config;
use crate::naming::{Module, catalogue, symbol};
use crate::place::{Placement, ReducePlan, reduce_plan};

/// Launches `ox_reduce_<name>_<T>(out, in, plan, extra...)` into a new array of `plan`'s shape.
fn run<T: DeviceElement, R: DeviceElement>(
    name: &'static str,
    a: &DeviceArray<T>,
    plan: &ReducePlan,
    extra: &[&dyn ExtraArg],
) -> Result<DeviceArray<R>> {
    let sym = symbol("reduce", name, T::DTYPE);
    if !catalogue().contains(&sym) {
        return Err(unsupported(name, T::DTYPE));
    }
    let out = DeviceArray::<R>::alloc(a.gpu(), Placement::contiguous(&plan.out_shape, Order::C))?;
    if out.is_empty() {
        return Ok(out);
    }
    let gpu = a.gpu();
    let f = gpu.function(Module::Reduce, &sym)?;
    let (po, pa) = (out.base_ptr(), a.base_ptr());
    let mut l = gpu.inner.stream.launch_builder(&f);
    l.arg(&po).arg(&pa).arg(&plan.args);
    for e in extra {
        e.push(&mut l);
    }
    // SAFETY: `ox_reduce_*(R* out, const T* in, OxReduce p, ...)` with the extra arguments of
    // its family (checked by the symbol's family: mean/var take `A scale[, const A* mean]`);
    // the plan's offsets stay inside both buffers; they outlive the kernel in stream order.
    unsafe { l.launch(reduce_config(out.len())) }.map_err(CudaError::driver("cuLaunchKernel"))?;
    Ok(out)
}

/// A trailing kernel argument of a reduction (the scale, the mean pointer).
trait ExtraArg {
    fn push<'a>(&'a self, l: &mut cudarc::driver::LaunchArgs<'a>);
}

impl<T: DeviceRepr> ExtraArg for T {
    fn push<'a>(&'a self, l: &mut cudarc::driver::LaunchArgs<'a>) {
        l.arg(self);
    }
}

fn empty_error(op: &'static str, a: &Placement) -> CudaError {
    Error::invalid_argument(
        "a",
        format!("{:?}", a.shape()),
        format!("zero-size array to reduction operation {op} which has no identity"),
    )
    .into()
}

fn same_dtype(op: &'static str, have: DType, want: DType) -> Result<()> {
    if have == want {
        Ok(())
    } else {
        Err(unsupported(op, want))
    }
}

impl<T: DeviceElement + ReduceElement> DeviceArray<T> {
    /// `np.sum(a, axis=axes, keepdims=keepdims)` (`None`: all axes).
    ///
    /// ```
    /// use oxarray_core::array;
    /// # use oxarray_cuda::{CudaError, Gpu};
    /// let Ok(gpu) = Gpu::new(0) else { return Ok(()) };
    /// let a = gpu.upload(&array![[1i32, 2, 3], [4, 5, 6]])?;
    /// assert_eq!(a.sum(Some(&[1]), false)?.to_host()?.to_vec(), vec![6i64, 15]);
    /// # Ok::<(), CudaError>(())
    /// ```
    pub fn sum(&self, axes: Option<&[isize]>, keepdims: bool) -> Result<DeviceArray<T::Sum>>
    where
        T::Sum: DeviceElement,
    {
        run(
            "sum",
            self,
            &reduce_plan("sum", &self.place, axes, keepdims)?,
            &[],
        )
    }

    /// `np.prod`.
    pub fn prod(&self, axes: Option<&[isize]>, keepdims: bool) -> Result<DeviceArray<T::Sum>>
    where
        T::Sum: DeviceElement,
    {
        run(
            "prod",
            self,
            &reduce_plan("prod", &self.place, axes, keepdims)?,
            &[],
        )
    }

    /// `np.max` (NaN propagates; an empty reduction is an error, as NumPy).
    pub fn max(&self, axes: Option<&[isize]>, keepdims: bool) -> Result<DeviceArray<T>> {
        let plan = reduce_plan("max", &self.place, axes, keepdims)?;
        if plan.count == 0 {
            return Err(empty_error("maximum", &self.place));
        }
        run("max", self, &plan, &[])
    }

    /// `np.min` (NaN propagates; an empty reduction is an error, as NumPy).
    pub fn min(&self, axes: Option<&[isize]>, keepdims: bool) -> Result<DeviceArray<T>> {
        let plan = reduce_plan("min", &self.place, axes, keepdims)?;
        if plan.count == 0 {
            return Err(empty_error("minimum", &self.place));
        }
        run("min", self, &plan, &[])
    }

    /// `np.any`.
    pub fn any(&self, axes: Option<&[isize]>, keepdims: bool) -> Result<DeviceArray<bool>> {
        run(
            "any",
            self,
            &reduce_plan("any", &self.place, axes, keepdims)?,
            &[],
        )
    }

    /// `np.all`.
    pub fn all(&self, axes: Option<&[isize]>, keepdims: bool) -> Result<DeviceArray<bool>> {
        run(
            "all",
            self,
            &reduce_plan("all", &self.place, axes, keepdims)?,
            &[],
        )
    }

    /// `np.argmax(a, axis)` (`None`: over the flattened array, C order); the first maximum,
    /// or the first NaN.
    pub fn argmax(&self, axis: Option<isize>) -> Result<DeviceArray<i64>> {
        self.arg("argmax", axis)
    }

    /// `np.argmin(a, axis)`.
    pub fn argmin(&self, axis: Option<isize>) -> Result<DeviceArray<i64>> {
        self.arg("argmin", axis)
    }

    fn arg(&self, name: &'static str, axis: Option<isize>) -> Result<DeviceArray<i64>> {
        let axes = axis.map(|a| [a]);
        let plan = reduce_plan(name, &self.place, axes.as_ref().map(|a| &a[..]), false)?;
        if plan.count == 0 {
            return Err(Error::invalid_argument(
                "a",
                format!("{:?}", self.shape()),
                format!("attempt to get {name} of an empty sequence"),
            )
            .into());
        }
        run(name, self, &plan, &[])
    }

    /// `np.mean` (accumulated in NumPy's accumulator type; an empty reduction gives NaN).
    ///
    /// ```
    /// use oxarray_core::array;
    /// # use oxarray_cuda::{CudaError, Gpu};
    /// let Ok(gpu) = Gpu::new(0) else { return Ok(()) };
    /// let a = gpu.upload(&array![[1.0f64, 2.0], [3.0, 4.0]])?;
    /// assert_eq!(a.mean(None, false)?.to_host()?.to_vec(), vec![2.5]);
    /// # Ok::<(), CudaError>(())
    /// ```
    pub fn mean(&self, axes: Option<&[isize]>, keepdims: bool) -> Result<DeviceArray<T::Mean>>
    where
        T::Mean: DeviceElement,
        T::MeanAcc: DeviceElement,
    {
        same_dtype("mean", <T::MeanAcc as Element>::DTYPE, T::Mean::DTYPE)?;
        let plan = reduce_plan("mean", &self.place, axes, keepdims)?;
        let scale = acc_value::<T::MeanAcc>(1.0 / plan.count as f64);
        run("mean", self, &plan, &[&scale])
    }

    /// `np.var(a, axis, ddof=ddof, keepdims)`: two passes (the mean, then the squared
    /// deviations), as NumPy.
    pub fn var(
        &self,
        axes: Option<&[isize]>,
        ddof: usize,
        keepdims: bool,
    ) -> Result<DeviceArray<T::Var>>
    where
        T::Var: DeviceElement,
        T::MeanAcc: DeviceElement,
    {
        self.moment("var", axes, ddof, keepdims)
    }

    /// `np.std(a, axis, ddof=ddof, keepdims)`.
    pub fn std(
        &self,
        axes: Option<&[isize]>,
        ddof: usize,
        keepdims: bool,
    ) -> Result<DeviceArray<T::Var>>
    where
        T::Var: DeviceElement,
        T::MeanAcc: DeviceElement,
    {
        self.moment("std", axes, ddof, keepdims)
    }

    fn moment(
        &self,
        name: &'static str,
        axes: Option<&[isize]>,
        ddof: usize,
        keepdims: bool,
    ) -> Result<DeviceArray<T::Var>>
    where
        T::Var: DeviceElement,
        T::MeanAcc: DeviceElement,
    {
        same_dtype(name, <T::MeanAcc as Element>::DTYPE, T::Var::DTYPE)?;
        let plan = reduce_plan(name, &self.place, axes, keepdims)?;
        let inv_n = acc_value::<T::MeanAcc>(1.0 / plan.count as f64);
        let mean: DeviceArray<T::MeanAcc> = run("mean", self, &plan, &[&inv_n])?;
        // NumPy: max(n - ddof, 0) in the denominator (inf or NaN when it is 0).
        let scale = acc_value::<T::MeanAcc>(1.0 / plan.count.saturating_sub(ddof) as f64);
        let mean_ptr = mean.base_ptr();
        let out = run(name, self, &plan, &[&scale, &mean_ptr])?;
        drop(mean); // back to the pool; stream order keeps it alive for the kernel
        Ok(out)
    }
}

/// An `f64` in the accumulator type.
fn acc_value<A: Element>(v: f64) -> ByValue<A> {
    ByValue(A::from_scalar(oxarray_core::Scalar::Float(v)))
}
