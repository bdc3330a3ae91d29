//! Reductions of a [`DynArray`] (dtype known at run time): one dtype dispatch, one operation
//! dispatch, here and nowhere else.

use oxarray_core::{Array, DynArray, Error, Result, dispatch_dyn};

use super::arg::{argmax, argmin, nanargmax, nanargmin};
use super::cum::{cumprod, cumsum, nancumprod, nancumsum};
use super::element::ReduceElement;
use super::minmax::{max, min, nanmax, nanmin};
use super::nan::{nanmean, nanstd, nanvar};
use super::stats::{mean, std, var};
use super::sum::{all, any, nanprod, nansum, prod, sum};

/// A reduction, by NumPy's name (for [`reduce_dyn`] and other run-time front ends).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
#[allow(missing_docs)]
pub enum ReduceOp {
    Sum,
    Prod,
    Mean,
    Var,
    Std,
    Min,
    Max,
    All,
    Any,
    NanSum,
    NanProd,
    NanMean,
    NanVar,
    NanStd,
    NanMin,
    NanMax,
    ArgMin,
    ArgMax,
    NanArgMin,
    NanArgMax,
    CumSum,
    CumProd,
    NanCumSum,
    NanCumProd,
}

impl ReduceOp {
    /// Every reduction.
    pub const ALL: [ReduceOp; 24] = [
        ReduceOp::Sum,
        ReduceOp::Prod,
        ReduceOp::Mean,
        ReduceOp::Var,
        ReduceOp::Std,
        ReduceOp::Min,
        ReduceOp::Max,
        ReduceOp::All,
        ReduceOp::Any,
        ReduceOp::NanSum,
        ReduceOp::NanProd,
        ReduceOp::NanMean,
        ReduceOp::NanVar,
        ReduceOp::NanStd,
        ReduceOp::NanMin,
        ReduceOp::NanMax,
        ReduceOp::ArgMin,
        ReduceOp::ArgMax,
        ReduceOp::NanArgMin,
        ReduceOp::NanArgMax,
        ReduceOp::CumSum,
        ReduceOp::CumProd,
        ReduceOp::NanCumSum,
        ReduceOp::NanCumProd,
    ];

    /// NumPy's name (`"nanargmax"`).
    pub const fn name(self) -> &'static str {
        match self {
            ReduceOp::Sum => "sum",
            ReduceOp::Prod => "prod",
            ReduceOp::Mean => "mean",
            ReduceOp::Var => "var",
            ReduceOp::Std => "std",
            ReduceOp::Min => "min",
            ReduceOp::Max => "max",
            ReduceOp::All => "all",
            ReduceOp::Any => "any",
            ReduceOp::NanSum => "nansum",
            ReduceOp::NanProd => "nanprod",
            ReduceOp::NanMean => "nanmean",
            ReduceOp::NanVar => "nanvar",
            ReduceOp::NanStd => "nanstd",
            ReduceOp::NanMin => "nanmin",
            ReduceOp::NanMax => "nanmax",
            ReduceOp::ArgMin => "argmin",
            ReduceOp::ArgMax => "argmax",
            ReduceOp::NanArgMin => "nanargmin",
            ReduceOp::NanArgMax => "nanargmax",
            ReduceOp::CumSum => "cumsum",
            ReduceOp::CumProd => "cumprod",
            ReduceOp::NanCumSum => "nancumsum",
            ReduceOp::NanCumProd => "nancumprod",
        }
    }

    /// The reduction with NumPy's name `name` (`amin`/`amax` are accepted too).
    pub fn from_name(name: &str) -> Option<ReduceOp> {
        match name {
            "amin" => Some(ReduceOp::Min),
            "amax" => Some(ReduceOp::Max),
            _ => ReduceOp::ALL.into_iter().find(|op| op.name() == name),
        }
    }

    /// Whether the operation takes a single axis (`argmin`, `cumsum`, ...) rather than a set.
    pub const fn single_axis(self) -> bool {
        matches!(
            self,
            ReduceOp::ArgMin
                | ReduceOp::ArgMax
                | ReduceOp::NanArgMin
                | ReduceOp::NanArgMax
                | ReduceOp::CumSum
                | ReduceOp::CumProd
                | ReduceOp::NanCumSum
                | ReduceOp::NanCumProd
        )
    }
}

/// The arguments of one call, carried through the dtype dispatch.
#[derive(Clone, Copy)]
struct Call<'x> {
    op: ReduceOp,
    axes: Option<&'x [isize]>,
    keepdims: bool,
    ddof: usize,
}

impl Call<'_> {
    /// The single axis of `argmin`-like operations.
    fn axis(&self) -> Result<Option<isize>> {
        match self.axes {
            None => Ok(None),
            Some([axis]) => Ok(Some(*axis)),
            Some(other) => Err(Error::invalid_argument(
                "axes",
                format!("{other:?}"),
                format!("{} takes one axis or None", self.op.name()),
            )),
        }
    }

    /// The operation on a typed array.
    fn apply<T: ReduceElement>(&self, a: &Array<T>) -> Result<DynArray> {
        let (axes, k, ddof) = (self.axes, self.keepdims, self.ddof);
        Ok(match self.op {
            ReduceOp::Sum => sum(a, axes, k)?.into_dyn(),
            ReduceOp::Prod => prod(a, axes, k)?.into_dyn(),
            ReduceOp::Mean => mean(a, axes, k)?.into_dyn(),
            ReduceOp::Var => var(a, axes, ddof, k)?.into_dyn(),
            ReduceOp::Std => std(a, axes, ddof, k)?.into_dyn(),
            ReduceOp::Min => min(a, axes, k)?.into_dyn(),
            ReduceOp::Max => max(a, axes, k)?.into_dyn(),
            ReduceOp::All => all(a, axes, k)?.into_dyn(),
            ReduceOp::Any => any(a, axes, k)?.into_dyn(),
            ReduceOp::NanSum => nansum(a, axes, k)?.into_dyn(),
            ReduceOp::NanProd => nanprod(a, axes, k)?.into_dyn(),
            ReduceOp::NanMean => nanmean(a, axes, k)?.into_dyn(),
            ReduceOp::NanVar => nanvar(a, axes, ddof, k)?.into_dyn(),
            ReduceOp::NanStd => nanstd(a, axes, ddof, k)?.into_dyn(),
            ReduceOp::NanMin => nanmin(a, axes, k)?.into_dyn(),
            ReduceOp::NanMax => nanmax(a, axes, k)?.into_dyn(),
            ReduceOp::ArgMin => argmin(a, self.axis()?, k)?.into_dyn(),
            ReduceOp::ArgMax => argmax(a, self.axis()?, k)?.into_dyn(),
            ReduceOp::NanArgMin => nanargmin(a, self.axis()?, k)?.into_dyn(),
            ReduceOp::NanArgMax => nanargmax(a, self.axis()?, k)?.into_dyn(),
            ReduceOp::CumSum => cumsum(a, self.axis()?)?.into_dyn(),
            ReduceOp::CumProd => cumprod(a, self.axis()?)?.into_dyn(),
            ReduceOp::NanCumSum => nancumsum(a, self.axis()?)?.into_dyn(),
            ReduceOp::NanCumProd => nancumprod(a, self.axis()?)?.into_dyn(),
        })
    }
}

/// Any reduction of a [`DynArray`], chosen at run time: the one place where reductions
/// dispatch on dtype. `axes` is the set of axes (`None`: all); single-axis operations
/// ([`ReduceOp::single_axis`]) take `None` or exactly one axis (flattened when `None`) and
/// ignore `keepdims` for the cumulative ones; `ddof` is used by the variances only.
///
/// ```
/// use oxarray_core::{array, DType};
/// use oxarray_ufunc::{reduce_dyn, ReduceOp};
/// let d = array![[1u8, 2], [3, 4]].into_dyn();
/// let s = reduce_dyn(ReduceOp::from_name("sum").unwrap(), &d, Some(&[0]), 0, false)?;
/// assert_eq!(s.dtype(), DType::U64); // NumPy: sum of uint8 is uint64
/// assert_eq!(s.as_array::<u64>()?.to_vec(), vec![4, 6]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn reduce_dyn(
    op: ReduceOp,
    a: &DynArray,
    axes: Option<&[isize]>,
    ddof: usize,
    keepdims: bool,
) -> Result<DynArray> {
    let call = Call {
        op,
        axes,
        keepdims,
        ddof,
    };
    dispatch_dyn!(a, arr: T => call.apply::<T>(arr))
}

macro_rules! axes_entries {
    ($($name:ident => $op:ident, $np:literal;)*) => {$(
        #[doc = concat!("[`", $np, "`](crate::", $np, ") of a [`DynArray`]: the result dtype \
            follows NumPy's rules for the input dtype.")]
        pub fn $name(a: &DynArray, axes: Option<&[isize]>, keepdims: bool) -> Result<DynArray> {
            reduce_dyn(ReduceOp::$op, a, axes, 0, keepdims)
        }
    )*};
}

macro_rules! ddof_entries {
    ($($name:ident => $op:ident, $np:literal;)*) => {$(
        #[doc = concat!("[`", $np, "`](crate::", $np, ") of a [`DynArray`].")]
        pub fn $name(
            a: &DynArray,
            axes: Option<&[isize]>,
            ddof: usize,
            keepdims: bool,
        ) -> Result<DynArray> {
            reduce_dyn(ReduceOp::$op, a, axes, ddof, keepdims)
        }
    )*};
}

macro_rules! arg_entries {
    ($($name:ident => $op:ident, $np:literal;)*) => {$(
        #[doc = concat!("[`", $np, "`](crate::", $np, ") of a [`DynArray`] (an `int64` result).")]
        pub fn $name(a: &DynArray, axis: Option<isize>, keepdims: bool) -> Result<DynArray> {
            let axes = axis.map(|x| [x]);
            reduce_dyn(ReduceOp::$op, a, axes.as_ref().map(|x| &x[..]), 0, keepdims)
        }
    )*};
}

macro_rules! cum_entries {
    ($($name:ident => $op:ident, $np:literal;)*) => {$(
        #[doc = concat!("[`", $np, "`](crate::", $np, ") of a [`DynArray`].")]
        pub fn $name(a: &DynArray, axis: Option<isize>) -> Result<DynArray> {
            let axes = axis.map(|x| [x]);
            reduce_dyn(ReduceOp::$op, a, axes.as_ref().map(|x| &x[..]), 0, false)
        }
    )*};
}

axes_entries! {
    sum_dyn => Sum, "sum";
    prod_dyn => Prod, "prod";
    mean_dyn => Mean, "mean";
    min_dyn => Min, "min";
    max_dyn => Max, "max";
    all_dyn => All, "all";
    any_dyn => Any, "any";
    nansum_dyn => NanSum, "nansum";
    nanprod_dyn => NanProd, "nanprod";
    nanmean_dyn => NanMean, "nanmean";
    nanmin_dyn => NanMin, "nanmin";
    nanmax_dyn => NanMax, "nanmax";
}

ddof_entries! {
    var_dyn => Var, "var";
    std_dyn => Std, "std";
    nanvar_dyn => NanVar, "nanvar";
    nanstd_dyn => NanStd, "nanstd";
}

arg_entries! {
    argmin_dyn => ArgMin, "argmin";
    argmax_dyn => ArgMax, "argmax";
    nanargmin_dyn => NanArgMin, "nanargmin";
    nanargmax_dyn => NanArgMax, "nanargmax";
}

cum_entries! {
    cumsum_dyn => CumSum, "cumsum";
    cumprod_dyn => CumProd, "cumprod";
    nancumsum_dyn => NanCumSum, "nancumsum";
    nancumprod_dyn => NanCumProd, "nancumprod";
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxarray_core::{DType, array};

    #[test]
    fn names_round_trip() {
        for op in ReduceOp::ALL {
            assert_eq!(ReduceOp::from_name(op.name()), Some(op));
        }
        assert_eq!(ReduceOp::from_name("amax"), Some(ReduceOp::Max));
        assert_eq!(ReduceOp::from_name("median"), None);
    }

    #[test]
    fn dyn_entries_follow_numpy_dtypes() {
        let d = array![[true, false], [true, true]].into_dyn();
        assert_eq!(sum_dyn(&d, None, false).unwrap().dtype(), DType::I64);
        assert_eq!(mean_dyn(&d, None, false).unwrap().dtype(), DType::F64);
        assert_eq!(argmax_dyn(&d, Some(1), false).unwrap().dtype(), DType::I64);
        assert_eq!(cumsum_dyn(&d, None).unwrap().shape(), &[4]);
        let c = array![oxarray_core::Complex32::new(1.0, 1.0)].into_dyn();
        assert_eq!(var_dyn(&c, None, 0, false).unwrap().dtype(), DType::F32);
        assert!(argmin_dyn(&d, Some(2), false).is_err());
        assert!(reduce_dyn(ReduceOp::CumSum, &d, Some(&[0, 1]), 0, false).is_err());
    }
}
