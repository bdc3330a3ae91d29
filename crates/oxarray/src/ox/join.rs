//! NumPy's joining, splitting, rearranging, padding and selection functions (from
//! `oxarray-core`), under NumPy's names: `ox::concatenate`, `ox::stack`, `ox::split`,
//! `ox::tile`, `ox::pad`, `ox::where_` (`where` is a Rust keyword), `ox::clip`, ...
//!
//! ```
//! use oxarray::prelude::*;
//! let a = ox::arange(0.0, 6.0, 1.0)?.into_shape([2, 3])?;
//! let b = ox::concatenate(&[&a, &a], Some(0))?;               // np.concatenate([a, a])
//! assert_eq!(b.shape(), &[4, 3]);
//! let halves = ox::vsplit(&b, 2)?;                             // views of b
//! assert_eq!(halves[1], a);
//! let padded = ox::pad(&a, 1i64, ox::PadMode::constant(0.0))?; // np.pad(a, 1)
//! assert_eq!(padded.shape(), &[4, 5]);
//! let big = ox::greater(&a, 2.5)?;
//! let w = ox::where_(&big, &a, 0.0)?;                          // np.where(a > 2.5, a, 0.0)
//! assert_eq!(w.to_vec(), vec![0.0, 0.0, 0.0, 3.0, 4.0, 5.0]);
//! assert_eq!(ox::clip(&a, Some(&1.0), Some(&4.0))?.to_vec(), vec![1.0, 1.0, 2.0, 3.0, 4.0, 4.0]);
//! # Ok::<(), oxarray::Error>(())
//! ```

pub use oxarray_core::diagonal::{diag, diagonal, tri, tril, triu};
pub use oxarray_core::extract::{argwhere, count_nonzero, extract, flatnonzero, place, putmask};
pub use oxarray_core::grids::{
    Indexing, indices, indices_sparse, ix_, meshgrid, put_along_axis, take_along_axis,
};
pub use oxarray_core::join::{
    atleast_1d, atleast_2d, atleast_3d, column_stack, concatenate, dstack, hstack, stack, vstack,
};
pub use oxarray_core::pad::{PadMode, pad};
pub use oxarray_core::rearrange::{Repeats, repeat, roll, rot90, tile};
pub use oxarray_core::select::{
    Bound, ChooseMode, choose, clip, clip_into, select, where_, where_into,
};
pub use oxarray_core::split::{Sections, array_split, dsplit, hsplit, split, vsplit};
