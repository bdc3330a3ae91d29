//! The error type of oxarray-sort: structured variants naming the arguments at fault, and the
//! core's [`oxarray_core::Error`] (bad axes, shapes) wrapped as it is.

/// `std::result::Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything the sorting, searching, set and statistics functions refuse.
///
/// ```
/// use oxarray_core::array;
/// let a = array![3.0, 1.0, 2.0];
/// let e = oxarray_sort::partition(&a, &[5], Some(-1)).unwrap_err();
/// assert!(matches!(e, oxarray_sort::Error::KthOutOfBounds { kth: 5, len: 3 }));
/// assert_eq!(e.to_string(), "kth(=5) out of bounds (3)");
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An error of the core array model (an axis out of bounds, a bad shape, ...).
    #[error(transparent)]
    Core(#[from] oxarray_core::Error),

    /// A `kth` of `partition` / `argpartition` outside `-len..len` (NumPy's `ValueError:
    /// kth(=5) out of bounds (3)`).
    #[error("kth(={kth}) out of bounds ({len})")]
    KthOutOfBounds {
        /// The `kth` as given.
        kth: isize,
        /// The length of the axis partitioned.
        len: usize,
    },

    /// Arguments that must have matching shapes do not (`sorter` of `searchsorted`, the keys
    /// of `lexsort`, `weights` of `average` / `bincount` / `histogram`).
    #[error("{op}: argument {argument} has shape {got:?}, which does not fit {expected:?}")]
    ShapeMismatch {
        /// The function.
        op: &'static str,
        /// The argument at fault.
        argument: &'static str,
        /// The shape required.
        expected: Vec<usize>,
        /// The shape given.
        got: Vec<usize>,
    },

    /// An array argument has a number of dimensions the function does not take.
    #[error("{op}: argument {argument} must be {expected}, got shape {shape:?}")]
    WrongNdim {
        /// The function.
        op: &'static str,
        /// The argument at fault.
        argument: &'static str,
        /// What is required (`"1-D"`, `"non-empty"`).
        expected: &'static str,
        /// Its shape.
        shape: Vec<usize>,
    },

    /// A scalar argument outside what the function takes (`bins <= 0`, a negative `n` of
    /// `diff`, an unknown method name, negative values given to `bincount`).
    #[error("{op}: invalid argument {argument} = {value}: {reason}")]
    InvalidArgument {
        /// The function.
        op: &'static str,
        /// The argument's name.
        argument: &'static str,
        /// Its value, formatted.
        value: String,
        /// Why it is refused.
        reason: String,
    },

    /// An index of `sorter` (or another index argument) outside the array.
    #[error("{op}: index {index} of argument {argument} is out of bounds for size {len}")]
    IndexOutOfBounds {
        /// The function.
        op: &'static str,
        /// The argument holding the index.
        argument: &'static str,
        /// The index.
        index: i64,
        /// The size it must be below.
        len: usize,
    },
}

impl Error {
    pub(crate) fn invalid(
        op: &'static str,
        argument: &'static str,
        value: impl std::fmt::Display,
        reason: impl Into<String>,
    ) -> Self {
        Error::InvalidArgument {
            op,
            argument,
            value: value.to_string(),
            reason: reason.into(),
        }
    }
}

impl From<Error> for oxarray_core::Error {
    /// Core errors come back unchanged; the others become [`oxarray_core::Error::Other`]
    /// with their message, so that `?` works in functions returning the core's `Result`.
    fn from(e: Error) -> Self {
        match e {
            Error::Core(e) => e,
            Error::InvalidArgument {
                argument,
                value,
                reason,
                ..
            } => oxarray_core::Error::InvalidArgument {
                name: argument,
                value,
                reason,
            },
            other => oxarray_core::Error::Other(other.to_string()),
        }
    }
}
