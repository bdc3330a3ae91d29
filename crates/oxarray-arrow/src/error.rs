//! The error type of oxarray-arrow: every variant names the column and the Arrow type or
//! dtype at fault.

use std::fmt;

use arrow_schema::DataType;
use oxarray_core::DType;

/// `std::result::Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The column an error is about: its name when known (`"<unnamed>"` otherwise).
///
/// ```
/// use oxarray_arrow::Column;
/// assert_eq!(Column::named("x").to_string(), "column \"x\"");
/// assert_eq!(Column::unnamed().to_string(), "an unnamed column");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Column(pub Option<String>);

impl Column {
    /// A column with a name.
    pub fn named(name: impl Into<String>) -> Column {
        Column(Some(name.into()))
    }

    /// A column whose name is not known (a bare Arrow array).
    pub fn unnamed() -> Column {
        Column(None)
    }
}

impl fmt::Display for Column {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Some(name) => write!(f, "column {name:?}"),
            None => f.write_str("an unnamed column"),
        }
    }
}

/// Everything that can go wrong between oxarray and Arrow.
///
/// ```
/// use arrow_array::{ArrayRef, Int32Array};
/// use oxarray_arrow::{from_arrow, Error};
/// let col = Int32Array::from(vec![Some(1), None, Some(3)]);
/// let err = from_arrow(&col).unwrap_err();
/// assert!(matches!(err, Error::Nulls { first_null: 1, null_count: 1, .. }));
/// assert!(err.to_string().contains("first null at index 1"));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The column holds nulls and the read options said to refuse them (the default).
    #[error(
        "{column} of type {data_type} holds {null_count} null(s), the first null at index \
         {first_null}: ask for a fill value or a mask (FromArrowOptions::nulls)"
    )]
    Nulls {
        /// The column.
        column: Column,
        /// Its Arrow type.
        data_type: DataType,
        /// The index of its first null.
        first_null: usize,
        /// How many nulls it holds.
        null_count: usize,
    },

    /// An Arrow type has no oxarray counterpart (strings, dates, nested lists of varying
    /// length, ...).
    #[error("{column} of type {data_type} cannot be read as an oxarray array: {reason}")]
    UnsupportedArrowType {
        /// The column.
        column: Column,
        /// Its Arrow type.
        data_type: DataType,
        /// Why not, or what would work instead.
        reason: String,
    },

    /// An oxarray dtype has no Arrow counterpart (`bfloat16`).
    #[error("{column} of dtype {dtype} cannot be written to Arrow: {reason}")]
    UnsupportedDType {
        /// The column.
        column: Column,
        /// The dtype.
        dtype: DType,
        /// Why not, or what would work instead.
        reason: String,
    },

    /// Shapes that do not fit: a tensor column whose list size is not the product of its
    /// shape, columns of a batch with different lengths, a mask of another shape.
    #[error("{column}: shape mismatch: expected {expected:?}, got {got:?} ({what})")]
    ShapeMismatch {
        /// The column.
        column: Column,
        /// The shape required.
        expected: Vec<usize>,
        /// The shape found.
        got: Vec<usize>,
        /// What was compared.
        what: String,
    },

    /// The extension metadata of a tensor column is invalid (not JSON, a bad permutation, a
    /// shape that does not fit the list size).
    #[error("{column}: invalid {extension} metadata {metadata:?}: {reason}")]
    BadExtensionMetadata {
        /// The column.
        column: Column,
        /// The extension name.
        extension: String,
        /// The metadata as found.
        metadata: String,
        /// What is wrong.
        reason: String,
    },

    /// An error of oxarray itself (an allocation, a shape, a record dtype).
    #[error(transparent)]
    Core(#[from] oxarray_core::Error),

    /// An error raised by arrow-rs (IPC decoding, validation, the C Data Interface), with
    /// what was being done.
    #[error("{context}: {source}")]
    Arrow {
        /// What was being done (`"read IPC file data.arrow"`, ...).
        context: String,
        /// arrow-rs's error.
        #[source]
        source: arrow_schema::ArrowError,
    },

    /// The operating system refused a file operation.
    #[error("cannot {op} {}: {source}", path.display())]
    Io {
        /// What was being done (`"open"`, `"map"`, `"create"`).
        op: &'static str,
        /// The file.
        path: std::path::PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// An [`Error::Arrow`] with its context.
    pub(crate) fn arrow(context: impl Into<String>, source: arrow_schema::ArrowError) -> Error {
        Error::Arrow {
            context: context.into(),
            source,
        }
    }

    /// An [`Error::UnsupportedArrowType`].
    pub(crate) fn arrow_type(
        column: &Column,
        data_type: &DataType,
        reason: impl Into<String>,
    ) -> Error {
        Error::UnsupportedArrowType {
            column: column.clone(),
            data_type: data_type.clone(),
            reason: reason.into(),
        }
    }
}

/// Arrow errors cross into oxarray's one error type as [`oxarray_core::Error::Other`] with
/// the full message (a core error passes through unchanged), so that `?` works in functions
/// returning `oxarray_core::Result`.
impl From<Error> for oxarray_core::Error {
    fn from(e: Error) -> Self {
        match e {
            Error::Core(inner) => inner,
            other => oxarray_core::Error::Other(other.to_string()),
        }
    }
}
