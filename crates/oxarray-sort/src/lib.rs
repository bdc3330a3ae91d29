//! # oxarray-sort
//!
//! NumPy's sorting, searching, set and statistics functions for oxarray arrays: `sort`,
//! `argsort`, `partition`, `argpartition`, `searchsorted`, `lexsort`, `unique` and the set
//! functions, with NumPy's order (NaNs last, complex lexicographic) for every element type.
//!
//! ```
//! use oxarray_core::array;
//! use oxarray_sort::{argsort, sort, SortKind};
//! let a = array![2.5, f64::NAN, -1.0, 0.0];
//! let s = sort(&a, Some(-1), SortKind::default())?;        // np.sort(a)
//! assert_eq!(s.to_vec()[..3], [-1.0, 0.0, 2.5]);
//! assert!(s.to_vec()[3].is_nan());
//! assert_eq!(argsort(&a, None, SortKind::Stable)?.to_vec(), vec![2, 3, 0, 1]);
//! # Ok::<(), oxarray_sort::Error>(())
//! ```
//!
//! ## How it is fast
//! Every real type maps to an unsigned key of its own width that preserves NumPy's order
//! (floats: sign-flipped bits, NaN the largest key, `-0.0` the key of `0.0`); the keys are
//! sorted by a stable LSD radix sort (11-bit digits, passes with one digit value skipped, each
//! pass split over rayon's threads for large inputs), rows of a multi-row sort in parallel.
//! Selection (`partition`, `median`) is a radix select on the same keys.

mod error;
mod key;
mod lanes;
mod partition;
mod radix;
mod rows;
mod search;
mod sets;
mod sort;
pub mod stats;
mod unique;

pub use error::{Error, Result};
pub use key::{KeyWord, SortElement};
pub use partition::{argpartition, partition};
pub use search::{Side, lexsort, searchsorted};
pub use sets::{Intersection, intersect1d, isin, setdiff1d, setxor1d, union1d};
pub use sort::{SortExt, SortKind, argsort, sort};
pub use unique::{Unique, UniqueOptions, unique};
