//! The argument handling shared by the sampling methods: NumPy's `size` (a shape, or `None` for
//! the parameters' broadcast shape), parameter validation with NumPy's messages (the
//! `CONS_*` constraints of `numpy/random/_common.pyx`), and the fill loops that broadcast
//! array parameters against the output (`cont` / `disc`).

use oxarray_core::AsArrayView;
use oxarray_core::{
    Array, ArrayView, ArrayViewMut, Dims, Element, Error, Result, broadcast_shapes,
};
use oxarray_ufunc::WriteArray;

use crate::distributions::POISSON_LAM_MAX;

/// NumPy's `size` argument: the output shape, or `()` for NumPy's `size=None` (one draw, as a
/// 0-d array, or the broadcast shape of array parameters).
///
/// ```
/// use oxarray_random::default_rng;
/// let mut rng = default_rng(0)?;
/// assert_eq!(rng.random::<f64>([2, 3])?.shape(), &[2, 3]);  // size=(2, 3)
/// assert_eq!(rng.random::<f64>(5)?.shape(), &[5]);          // size=5
/// assert_eq!(rng.random::<f64>(())?.shape(), &[] as &[usize]); // size=None: one draw
/// let mu = oxarray_core::array![0.0, 10.0, 20.0];
/// assert_eq!(rng.normal(&mu, 1.0, ())?.shape(), &[3]);       // broadcast shape of loc
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub trait Size {
    /// The shape, or `None` for NumPy's `size=None`.
    fn into_size(self) -> Option<Dims>;
}

impl Size for () {
    fn into_size(self) -> Option<Dims> {
        None
    }
}

macro_rules! shape_sizes {
    ($($t:ty),*) => {$(
        impl Size for $t {
            fn into_size(self) -> Option<Dims> {
                Some(oxarray_core::IntoShape::into_dims(self))
            }
        }
    )*};
}

shape_sizes!(usize, &[usize], Vec<usize>, &Vec<usize>, Dims, &Dims);

impl<const N: usize> Size for [usize; N] {
    fn into_size(self) -> Option<Dims> {
        Some(Dims::from(self))
    }
}

impl<const N: usize> Size for &[usize; N] {
    fn into_size(self) -> Option<Dims> {
        Some(Dims::from(&self[..]))
    }
}

/// NumPy's parameter constraints (`CONS_*`), each with NumPy's error message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Constraint {
    None,
    /// `>= 0` (NaN allowed; a negative zero is rejected, as NumPy tests the sign bit).
    NonNegative,
    /// `> 0`.
    Positive,
    /// `> 0` and not NaN.
    PositiveNotNan,
    /// In `[0, 1]`.
    Bounded01,
    /// In `(0, 1]`.
    BoundedGt01,
    /// In `[0, 1)`.
    BoundedLt01,
    /// `> 1`.
    Gt1,
    /// In `[0, POISSON_LAM_MAX]`.
    Poisson,
}

/// NumPy's `check_constraint`: an error naming `name` when `value` breaks `constraint`.
pub(crate) fn check(value: f64, name: &'static str, constraint: Constraint) -> Result<()> {
    let fail = |reason: String| Err(Error::invalid_argument(name, value, reason));
    match constraint {
        Constraint::None => Ok(()),
        Constraint::NonNegative => {
            if !value.is_nan() && value.is_sign_negative() {
                fail(format!("{name} < 0"))
            } else {
                Ok(())
            }
        }
        Constraint::Positive => {
            if value <= 0.0 {
                fail(format!("{name} <= 0"))
            } else {
                Ok(())
            }
        }
        Constraint::PositiveNotNan => {
            if value.is_nan() {
                fail(format!("{name} must not be NaN"))
            } else if value <= 0.0 {
                fail(format!("{name} <= 0"))
            } else {
                Ok(())
            }
        }
        Constraint::Bounded01 => {
            if (0.0..=1.0).contains(&value) {
                Ok(())
            } else {
                fail(format!("{name} < 0, {name} > 1 or {name} is NaN"))
            }
        }
        Constraint::BoundedGt01 => {
            if value > 0.0 && value <= 1.0 {
                Ok(())
            } else {
                fail(format!("{name} <= 0, {name} > 1 or {name} contains NaNs"))
            }
        }
        Constraint::BoundedLt01 => {
            if (0.0..1.0).contains(&value) {
                Ok(())
            } else {
                fail(format!("{name} < 0, {name} >= 1 or {name} is NaN"))
            }
        }
        Constraint::Gt1 => {
            if value > 1.0 {
                Ok(())
            } else {
                fail(format!("{name} <= 1 or {name} is NaN"))
            }
        }
        Constraint::Poisson => {
            if value.is_nan() || value < 0.0 {
                fail(format!("{name} < 0 or {name} is NaN"))
            } else if value > POISSON_LAM_MAX {
                fail(format!("{name} value too large"))
            } else {
                Ok(())
            }
        }
    }
}

/// One parameter of a sampler: its values (a 0-d view for a scalar), name and constraint.
/// `P` is `f64` for most parameters, `i64` for counts.
pub(crate) struct Param<'a, P: Element = f64> {
    pub(crate) values: ArrayView<'a, P>,
    pub(crate) name: &'static str,
    pub(crate) constraint: Constraint,
}

impl<'a, P: Element> Param<'a, P> {
    pub(crate) fn new(
        values: &'a impl AsArrayView<P>,
        name: &'static str,
        constraint: Constraint,
    ) -> Self {
        Param {
            values: values.as_view(),
            name,
            constraint,
        }
    }

    /// Checks every value against the constraint.
    pub(crate) fn validate(&self) -> Result<()> {
        if self.constraint != Constraint::None {
            for &v in self.values.iter() {
                check(v.to_scalar().as_f64(), self.name, self.constraint)?;
            }
        }
        Ok(())
    }

    /// The value when the parameter is a scalar (0-d).
    pub(crate) fn scalar(&self) -> Option<P> {
        (self.values.ndim() == 0).then(|| *self.values.iter().next().expect("0-d has one element"))
    }
}

/// The output shape of a draw with these parameters: `size` when given (the parameters must
/// broadcast to it, NumPy's `validate_output_shape`), else their broadcast shape.
pub(crate) fn output_shape<P: Element>(
    size: Option<Dims>,
    params: &[&ArrayView<'_, P>],
) -> Result<Dims> {
    let shapes: Vec<&[usize]> = params.iter().map(|p| p.shape()).collect();
    let broadcast = broadcast_shapes(&shapes)?;
    match size {
        None => Ok(Dims::from(broadcast)),
        Some(size) => {
            let mut all = shapes.clone();
            all.push(&size);
            let with_size = broadcast_shapes(&all).map_err(|_| Error::BroadcastTo {
                from: broadcast.clone(),
                to: size.to_vec(),
            })?;
            if with_size.as_slice() != &size[..] {
                return Err(Error::BroadcastTo {
                    from: broadcast,
                    to: size.to_vec(),
                });
            }
            Ok(size)
        }
    }
}

/// The elements of a contiguous output, in memory order (NumPy fills `out=` arrays
/// linearly and accepts only C- or F-contiguous ones).
pub(crate) fn contiguous_out<'a, T: Element>(
    out: &'a mut ArrayViewMut<'_, T>,
) -> Result<&'a mut [T]> {
    if !(out.is_c_contiguous() || out.is_f_contiguous()) {
        return Err(Error::InvalidStrides {
            shape: out.shape().to_vec(),
            strides: out.strides().to_vec(),
            reason: "out must be C- or F-contiguous (NumPy: 'Supplied output array must be \
                     contiguous')"
                .into(),
        });
    }
    Ok(out
        .as_slice_memory_order_mut()
        .expect("a C- or F-contiguous view is dense"))
}

/// A new C-order array of `shape` whose elements `fill` writes in order.
pub(crate) fn new_filled<T: Element>(
    shape: &[usize],
    fill: impl FnOnce(&mut [T]),
) -> Result<Array<T>> {
    // `full` rather than `zeros`: it takes a recently freed block of the same size from the
    // core's block cache (already mapped), where `zeros` asks the kernel for fresh zero pages
    // and the draws then fault on every page: for large outputs the faults cost more than the
    // draws (R-random: 10^8 doubles).
    let mut out = Array::<T>::full(shape, T::zero())?;
    fill(out.as_slice_mut().expect("a fresh array is C-contiguous"));
    Ok(out)
}

/// Draws `f(params...)` into `out` for every element, the parameters broadcast to its
/// shape and read in C order (NumPy's `cont` / `disc` with array parameters). With scalar
/// parameters the draws go to memory order, as NumPy's linear fill does.
pub(crate) fn fill_with_params<T: Element, P: Element>(
    out: &mut ArrayViewMut<'_, T>,
    params: &[Param<'_, P>],
    mut f: impl FnMut(&[P]) -> T,
) -> Result<()> {
    for p in params {
        p.validate()?;
    }
    let shape = out.shape().to_vec();
    let scalars: Option<Vec<P>> = params.iter().map(Param::scalar).collect();
    if let Some(values) = scalars {
        let slice = contiguous_out(out)?;
        for x in slice.iter_mut() {
            *x = f(&values);
        }
        return Ok(());
    }
    let views: Vec<ArrayView<'_, P>> = params
        .iter()
        .map(|p| p.values.broadcast_to(&shape[..]))
        .collect::<Result<_>>()?;
    let mut iters: Vec<_> = views.iter().map(|v| v.iter()).collect();
    let mut values = vec![P::zero(); params.len()];
    for x in out.iter_mut() {
        for (v, it) in values.iter_mut().zip(iters.iter_mut()) {
            *v = *it.next().expect("broadcast to the output shape");
        }
        *x = f(&values);
    }
    Ok(())
}

/// A new array of draws: the output shape from `size` and the parameters, then
/// [`fill_with_params`].
pub(crate) fn sample_with_params<T: Element, P: Element>(
    size: Option<Dims>,
    params: &[Param<'_, P>],
    f: impl FnMut(&[P]) -> T,
) -> Result<Array<T>> {
    let views: Vec<&ArrayView<'_, P>> = params.iter().map(|p| &p.values).collect();
    let shape = output_shape(size, &views)?;
    let mut out = Array::<T>::full(&shape[..], T::zero())?; // see `new_filled`
    fill_with_params(&mut out.view_mut(), params, f)?;
    Ok(out)
}

/// [`fill_with_params`] for an `out=` argument.
pub(crate) fn sample_into<T: Element, P: Element>(
    out: &mut impl WriteArray<T>,
    params: &[Param<'_, P>],
    f: impl FnMut(&[P]) -> T,
) -> Result<()> {
    let mut view = out.write_view();
    let views: Vec<&ArrayView<'_, P>> = params.iter().map(|p| &p.values).collect();
    output_shape(Some(Dims::from(view.shape())), &views)?;
    fill_with_params(&mut view, params, f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constraint_messages_are_numpys() {
        let msg = |v, c| check(v, "scale", c).unwrap_err().to_string();
        assert!(msg(-1.0, Constraint::NonNegative).contains("scale < 0"));
        assert!(msg(-0.0, Constraint::NonNegative).contains("scale < 0"));
        assert!(check(f64::NAN, "scale", Constraint::NonNegative).is_ok());
        assert!(msg(0.0, Constraint::Positive).contains("scale <= 0"));
        assert!(msg(f64::NAN, Constraint::PositiveNotNan).contains("must not be NaN"));
        assert!(msg(1.5, Constraint::Bounded01).contains("scale > 1"));
        assert!(msg(0.0, Constraint::BoundedGt01).contains("scale <= 0"));
        assert!(msg(1.0, Constraint::BoundedLt01).contains("scale >= 1"));
        assert!(msg(1.0, Constraint::Gt1).contains("scale <= 1"));
        assert!(msg(1e19, Constraint::Poisson).contains("too large"));
    }

    #[test]
    fn output_shape_broadcasts_or_checks_size() {
        let a = Array::<f64>::zeros([3, 1]).unwrap();
        let b = Array::<f64>::zeros([4]).unwrap();
        let (va, vb) = (a.view(), b.view());
        assert_eq!(&output_shape(None, &[&va, &vb]).unwrap()[..], &[3, 4]);
        assert_eq!(
            &output_shape(Some(Dims::from([2, 3, 4])), &[&va, &vb]).unwrap()[..],
            &[2, 3, 4]
        );
        assert!(output_shape(Some(Dims::from([3])), &[&va, &vb]).is_err());
    }
}
