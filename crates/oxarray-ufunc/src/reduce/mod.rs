//! Reductions (being written).

mod arg;
mod axes;
mod cum;
mod element;
mod engine;
mod minmax;
mod nan;
mod pairwise;
mod stats;
mod sum;

pub use arg::{argmax, argmin, nanargmax, nanargmin};
pub use cum::{cumprod, cumsum, nancumprod, nancumsum};
pub use element::{Accumulator, FloatAccumulator, RealAccumulator, ReduceElement};
pub use minmax::{max, max_into, min, min_into, nanmax, nanmin};
pub use nan::{nanmean, nanstd, nanvar};
pub use stats::{mean, mean_into, mean_std, mean_var, std, std_into, var, var_into};
pub use sum::{all, all_into, any, any_into, nanprod, nansum, prod, prod_into, sum, sum_into};
