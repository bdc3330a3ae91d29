//! The one error type of oxarray.
//!
//! Every fallible operation of every oxarray crate returns [`Result<T>`]. The variants carry
//! the values at fault (shapes, axes, indices, dtypes) so that a message can name them, and so
//! that code can match on them. The enum is `#[non_exhaustive]`: later crates add variants.

use crate::dtype::DType;

/// `std::result::Result` with oxarray's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in oxarray, with the values involved.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Two or more shapes cannot be broadcast together.
    #[error("operands could not be broadcast together with shapes {}", fmt_shapes(.shapes))]
    BroadcastMismatch {
        /// The shapes, in operand order.
        shapes: Vec<Vec<usize>>,
    },

    /// A shape cannot be broadcast *to* a target shape (`broadcast_to`, `copyto`, `out=`).
    #[error("cannot broadcast shape {from:?} to shape {to:?}")]
    BroadcastTo {
        /// The shape of the operand.
        from: Vec<usize>,
        /// The requested shape.
        to: Vec<usize>,
    },

    /// Two shapes must be equal and are not.
    #[error("shape mismatch: expected {expected:?}, got {got:?}")]
    ShapeMismatch {
        /// The shape required.
        expected: Vec<usize>,
        /// The shape given.
        got: Vec<usize>,
    },

    /// An operand has too few dimensions for an operation (`matmul` of a 0-d array).
    #[error(
        "{op}: input operand {operand} does not have enough dimensions (has {ndim}, requires \
         at least {required})"
    )]
    NotEnoughDims {
        /// The operation (`"matmul"`, ...).
        op: &'static str,
        /// Which operand (0-based).
        operand: usize,
        /// Its number of dimensions.
        ndim: usize,
        /// The least number it needs.
        required: usize,
    },

    /// An operand has a number of dimensions the operation does not take (`trace` of a 3-D
    /// array, a 3-D array inside `multi_dot`).
    #[error("{op}: operand {operand} of shape {shape:?} must be {expected}")]
    WrongNdim {
        /// The operation.
        op: &'static str,
        /// Which operand (0-based).
        operand: usize,
        /// Its shape.
        shape: Vec<usize>,
        /// What is required, e.g. `"2-D"`, `"2-D (the first and last may be 1-D)"`.
        expected: &'static str,
    },

    /// The contracted axes of a product have different lengths (NumPy's "shapes not aligned"
    /// of `dot`, `matmul`'s "mismatch in its core dimension", `tensordot`'s "shape-mismatch
    /// for sum").
    #[error(
        "{op}: shapes {a_shape:?} and {b_shape:?} not aligned: {} (axis {a_axis} of operand \
         {a_operand}) != {} (axis {b_axis} of operand {b_operand})",
        a_shape[*a_axis], b_shape[*b_axis]
    )]
    NotAligned {
        /// The operation.
        op: &'static str,
        /// The first operand's index and shape, and its contracted axis.
        a_operand: usize,
        /// The first operand's shape.
        a_shape: Vec<usize>,
        /// The first operand's contracted axis.
        a_axis: usize,
        /// The second operand's index.
        b_operand: usize,
        /// The second operand's shape.
        b_shape: Vec<usize>,
        /// The second operand's contracted axis.
        b_axis: usize,
    },

    /// Two operands must have the same number of elements and do not (`vdot`).
    #[error("{op}: the operands have {} and {} elements (shapes {:?} and {:?}); they must have the same size", sizes.0, sizes.1, shapes.0, shapes.1)]
    SizeMismatch {
        /// The operation.
        op: &'static str,
        /// The two sizes.
        sizes: (usize, usize),
        /// The two shapes.
        shapes: (Vec<usize>, Vec<usize>),
    },

    /// The subscripts of `einsum` are malformed or do not fit the operands.
    #[error("einsum: invalid subscripts \"{subscripts}\": {reason}")]
    EinsumSubscripts {
        /// The subscripts as given.
        subscripts: String,
        /// What is wrong, naming the position, label or operand.
        reason: String,
    },

    /// The number of elements does not fit the requested shape.
    #[error("cannot reshape array of size {size} into shape {shape:?}")]
    ReshapeSize {
        /// The number of elements of the array.
        size: usize,
        /// The requested shape (`-1` stands for an inferred axis).
        shape: Vec<isize>,
    },

    /// A reshape that would need a copy was asked to return a view.
    #[error(
        "cannot reshape the array of shape {shape:?} and strides {strides:?} into shape \
         {new_shape:?} without copying (use to_shape, which copies when needed)"
    )]
    ReshapeNeedsCopy {
        /// The current shape.
        shape: Vec<usize>,
        /// The current strides, in elements.
        strides: Vec<isize>,
        /// The requested shape.
        new_shape: Vec<usize>,
    },

    /// A data buffer has the wrong number of elements for a shape.
    #[error("a buffer of {len} elements cannot hold shape {shape:?} ({expected} elements)")]
    LengthMismatch {
        /// The length given.
        len: usize,
        /// The shape requested.
        shape: Vec<usize>,
        /// The number of elements that shape needs.
        expected: usize,
    },

    /// The product of a shape's dimensions (or its byte size) overflows `isize`.
    #[error(
        "the shape {shape:?} of {itemsize}-byte elements is too large (its size overflows isize)"
    )]
    SizeOverflow {
        /// The shape at fault.
        shape: Vec<usize>,
        /// The element size in bytes.
        itemsize: usize,
    },

    /// An axis is out of range for the number of dimensions.
    #[error("axis {axis} is out of bounds for array of dimension {ndim}")]
    AxisOutOfBounds {
        /// The axis as given (possibly negative).
        axis: isize,
        /// The number of dimensions.
        ndim: usize,
    },

    /// The same axis was named twice.
    #[error("repeated axis {axis} in {context}")]
    RepeatedAxis {
        /// The axis (normalised).
        axis: usize,
        /// What was being done.
        context: &'static str,
    },

    /// A permutation does not name every axis exactly once.
    #[error("axes {axes:?} are not a permutation of 0..{ndim}")]
    BadPermutation {
        /// The axes given.
        axes: Vec<isize>,
        /// The number of dimensions.
        ndim: usize,
    },

    /// An index is out of range on an axis.
    #[error("index {index} is out of bounds for axis {axis} with size {len}")]
    IndexOutOfBounds {
        /// The index as given (possibly negative).
        index: isize,
        /// The axis indexed.
        axis: usize,
        /// The length of that axis.
        len: usize,
    },

    /// More indices than dimensions.
    #[error("too many indices for array: array is {ndim}-dimensional, but {given} were indexed")]
    TooManyIndices {
        /// The number of dimensions.
        ndim: usize,
        /// The number of indices given.
        given: usize,
    },

    /// A slice or stride argument is invalid (zero step, two ellipses, ...).
    #[error("invalid slice: {reason}")]
    InvalidSlice {
        /// What is wrong.
        reason: String,
    },

    /// A boolean mask's shape does not match the indexed axes.
    #[error(
        "boolean index did not match indexed array along axis {axis}; size of axis is {len} \
         but size of corresponding boolean axis is {mask_len}"
    )]
    MaskMismatch {
        /// The first axis indexed by the mask.
        axis: usize,
        /// The array's length on that axis.
        len: usize,
        /// The mask's length on that axis.
        mask_len: usize,
    },

    /// Strides that would reach memory outside the buffer, or are otherwise unusable.
    #[error("invalid strides {strides:?} for shape {shape:?}: {reason}")]
    InvalidStrides {
        /// The shape.
        shape: Vec<usize>,
        /// The strides, in elements.
        strides: Vec<isize>,
        /// Why they are rejected.
        reason: String,
    },

    /// A window shape or other argument of a sliding-window view does not fit.
    #[error("window shape {window:?} does not fit array shape {shape:?} on axes {axes:?}")]
    WindowTooLarge {
        /// The array's shape.
        shape: Vec<usize>,
        /// The window's shape.
        window: Vec<usize>,
        /// The axes the window slides along.
        axes: Vec<usize>,
    },

    /// An operation was asked to write into a read-only array (a broadcast view, a read-only
    /// memory map, an Arrow buffer).
    #[error("assignment destination is read-only")]
    ReadOnly,

    /// A value cannot be cast between dtypes under the requested casting rule.
    #[error("cannot cast from {from} to {to} under the '{rule}' casting rule")]
    CastError {
        /// The source dtype.
        from: DType,
        /// The destination dtype.
        to: DType,
        /// The casting rule in force.
        rule: &'static str,
    },

    /// The element type of an array does not match what was asked for.
    #[error("dtype mismatch: expected {expected}, got {got}")]
    DTypeMismatch {
        /// The dtype required.
        expected: DType,
        /// The dtype found.
        got: DType,
    },

    /// An operation does not support a dtype.
    #[error("{op} is not supported for dtype {dtype}")]
    UnsupportedDType {
        /// The operation.
        op: &'static str,
        /// The dtype.
        dtype: DType,
    },

    /// A numeric argument is invalid (zero step for `arange`, `num = 0` where not allowed, ...).
    #[error("invalid argument {name} = {value}: {reason}")]
    InvalidArgument {
        /// The argument's name.
        name: &'static str,
        /// Its value, formatted.
        value: String,
        /// Why it is rejected.
        reason: String,
    },

    /// A buffer is too small or misaligned for the array that should live in it.
    #[error("buffer of {len_bytes} bytes at alignment {align} cannot back {what}")]
    BadBuffer {
        /// The buffer's length in bytes.
        len_bytes: usize,
        /// The alignment of the buffer's start (the largest power of two dividing it, capped).
        align: usize,
        /// What it should have held.
        what: String,
    },

    /// The memory allocator refused an allocation.
    #[error("out of memory allocating {bytes} bytes")]
    OutOfMemory {
        /// The requested size in bytes.
        bytes: usize,
    },

    /// No CUDA driver or GPU is available.
    #[error("no CUDA GPU available: {reason}")]
    NoGpu {
        /// What the probe found.
        reason: String,
    },

    /// Any other error raised by a crate above oxarray-core, with its message.
    #[error("{0}")]
    Other(String),

    // ---- oxarray-io and oxarray-record: files, memory maps, record dtypes ----
    /// The operating system refused a file operation.
    #[error("cannot {op} {}: {message}", path.display())]
    Io {
        /// What was being done (`"open"`, `"read"`, `"map"`, ...).
        op: &'static str,
        /// The file.
        path: std::path::PathBuf,
        /// The kind of the operating-system error.
        kind: std::io::ErrorKind,
        /// The operating system's message.
        message: String,
    },

    /// A file is not a valid `.npy` / `.npz` file, or is damaged (truncated, lying header).
    #[error("{}: {problem}{}", path.display(), fmt_at(*.offset))]
    BadFile {
        /// The file (`<memory>` for bytes that came from no file).
        path: std::path::PathBuf,
        /// The byte offset in the file where the problem was found, when known.
        offset: Option<u64>,
        /// What is wrong.
        problem: String,
    },

    /// A dtype descriptor (NumPy's `dtype.descr`, a record layout) is invalid.
    #[error("invalid dtype descriptor {descr}: {reason}")]
    BadDescriptor {
        /// The descriptor, as written.
        descr: String,
        /// Why it is rejected.
        reason: String,
    },

    /// A file holds another dtype than the one asked for.
    #[error("{}: the file holds dtype {found}, not the requested {expected}", path.display())]
    FileDTypeMismatch {
        /// The file.
        path: std::path::PathBuf,
        /// The dtype asked for.
        expected: String,
        /// The dtype in the file.
        found: String,
    },

    /// A record dtype has no field of that name.
    #[error("no field named {name:?} (the fields are {available:?})")]
    NoSuchField {
        /// The name asked for.
        name: String,
        /// The field names of the dtype.
        available: Vec<String>,
    },

    /// A field of a record array cannot be viewed as asked (element type, alignment, byte
    /// order); a copy (`field_to_array`) always works.
    #[error("field {field:?} cannot be viewed as {requested}: {reason}")]
    FieldView {
        /// The field.
        field: String,
        /// The element type asked for.
        requested: String,
        /// Why not.
        reason: String,
    },

    // ---- oxarray-core: problems NumPy reports with their own exception kinds ----
    /// An index holds more than one ellipsis (NumPy's `IndexError`).
    #[error("an index can only have a single ellipsis ('...')")]
    MultipleEllipsis,

    /// Integer index arrays whose shapes do not broadcast together (NumPy's `IndexError`).
    #[error(
        "shape mismatch: indexing arrays could not be broadcast together with shapes {}",
        fmt_py_shapes(.shapes)
    )]
    IndexShapeMismatch {
        /// The shapes of the index arrays (a boolean mask counts as its `nonzero` result).
        shapes: Vec<Vec<usize>>,
    },

    /// A Python-style integer scalar does not fit the dtype it meets (`uint8 array + 300`;
    /// NumPy's `OverflowError`).
    #[error("Python integer {value} out of bounds for {dtype}")]
    IntegerOutOfBounds {
        /// The integer.
        value: i128,
        /// The dtype it should have become.
        dtype: DType,
    },

    /// Integer `power` with a negative integer exponent (NumPy's `ValueError`; integers cannot
    /// hold the fraction).
    #[error("Integers to negative integer powers are not allowed.")]
    NegativeIntegerPower {
        /// The first negative exponent found.
        exponent: i64,
    },

    // oxarray-linalg: numpy.linalg errors (NumPy's `LinAlgError`; see
    // [`Error::is_linalg_error`]). `batch_index` is the multi-index of the matrix at fault in
    // the (broadcast) batch axes of a stacked input, empty for a single matrix.
    /// A matrix is singular where an inverse or a solution was asked for: Gaussian
    /// elimination met an exactly zero pivot (NumPy: `LinAlgError: Singular matrix`).
    #[error("{op}: singular matrix{}", fmt_batch_index(.batch_index))]
    SingularMatrix {
        /// The function (`"solve"`, `"inv"`, ...).
        op: &'static str,
        /// The batch index of the singular matrix.
        batch_index: Vec<usize>,
    },

    /// A Cholesky factorisation met a pivot that is not positive (NumPy: `LinAlgError: Matrix
    /// is not positive definite`).
    #[error(
        "{op}: matrix is not positive definite (its leading minor of order {order} is not \
         positive){}",
        fmt_batch_index(.batch_index)
    )]
    NotPositiveDefinite {
        /// The function (`"cholesky"`, `"cho_factor"`).
        op: &'static str,
        /// The batch index of the matrix.
        batch_index: Vec<usize>,
        /// The order of the first leading minor found not positive (1-based, as LAPACK's
        /// `info`).
        order: usize,
    },

    /// An iterative algorithm (SVD, eigenvalues) did not converge (NumPy: `LinAlgError: SVD
    /// did not converge`, `Eigenvalues did not converge`).
    #[error("{op}: {algorithm} did not converge{}", fmt_batch_index(.batch_index))]
    NoConvergence {
        /// The function (`"svd"`, `"eig"`, `"lstsq"`, ...).
        op: &'static str,
        /// What did not converge (`"SVD"`, `"eigenvalues"`).
        algorithm: &'static str,
        /// The batch index of the matrix.
        batch_index: Vec<usize>,
    },

    /// The last two axes of an input are not of equal length (NumPy: `LinAlgError: Last 2
    /// dimensions of the array must be square`).
    #[error("{op}: last 2 dimensions of the array must be square, got shape {shape:?}")]
    NotSquare {
        /// The function.
        op: &'static str,
        /// The input's shape.
        shape: Vec<usize>,
    },

    /// The shapes of two operands do not fit together (`solve(a, b)` with `b.shape[-2] !=
    /// a.shape[-1]`, `lstsq` with different row counts: NumPy's `Incompatible dimensions`).
    #[error("{op}: incompatible dimensions: {a:?} and {b:?} ({reason})")]
    IncompatibleShapes {
        /// The function.
        op: &'static str,
        /// The first operand's shape.
        a: Vec<usize>,
        /// The second operand's shape.
        b: Vec<usize>,
        /// Which axes disagree.
        reason: &'static str,
    },

    /// An input holds infinities or NaNs where the algorithm needs finite values (NumPy:
    /// `LinAlgError: Array must not contain infs or NaNs`).
    #[error("{op}: array must not contain infs or NaNs{}", fmt_batch_index(.batch_index))]
    NonFinite {
        /// The function (`"eig"`, `"eigvals"`).
        op: &'static str,
        /// The batch index of the first matrix found with a non-finite element.
        batch_index: Vec<usize>,
    },

    // ---- oxarray-core: joining, splitting, padding and selection ----
    /// A function that takes a sequence of arrays was given none (`concatenate([])`).
    #[error("{op}: need at least one array")]
    NoArrays {
        /// The function (`"concatenate"`, `"stack"`, ...).
        op: &'static str,
    },

    /// The arrays to join have different numbers of dimensions (NumPy: "all the input arrays
    /// must have same number of dimensions").
    #[error(
        "{op}: all the input arrays must have same number of dimensions, but the array at \
         index 0 has {first_ndim} dimension(s) and the array at index {index} has {ndim} \
         dimension(s)"
    )]
    JoinNdimMismatch {
        /// The function.
        op: &'static str,
        /// The position of the first array that differs.
        index: usize,
        /// Its number of dimensions.
        ndim: usize,
        /// The number of dimensions of the array at index 0.
        first_ndim: usize,
    },

    /// The arrays to join differ in length off the joining axis (or, for `stack`, anywhere).
    #[error(
        "{op}: the array at index {index} has shape {shape:?} but the array at index 0 has \
         shape {first_shape:?}; they must match {}",
        match .axis { Some(a) => format!("except along the concatenation axis {a}"), None => "exactly".to_string() }
    )]
    JoinShapeMismatch {
        /// The function.
        op: &'static str,
        /// The joining axis (normalised); `None` when the shapes must match exactly (`stack`).
        axis: Option<usize>,
        /// The position of the first array that differs.
        index: usize,
        /// Its shape.
        shape: Vec<usize>,
        /// The shape of the array at index 0.
        first_shape: Vec<usize>,
    },

    /// `split` into a number of sections that does not divide the axis.
    #[error(
        "array split does not result in an equal division: axis {axis} of length {len} into \
         {sections} sections"
    )]
    UnequalSplit {
        /// The axis split (normalised).
        axis: usize,
        /// Its length.
        len: usize,
        /// The number of sections asked for.
        sections: usize,
    },

    /// `pad`'s widths (or `linear_ramp`'s end values, `constant`'s values) do not broadcast
    /// to `(ndim, 2)`, or a width is negative.
    #[error(
        "pad: {what} of shape {given:?} cannot be used for an array of shape {shape:?}: {reason}"
    )]
    BadPadWidth {
        /// Which argument (`"pad_width"`, `"constant_values"`, `"end_values"`).
        what: &'static str,
        /// The shape of the argument as given.
        given: Vec<usize>,
        /// The shape of the array to pad.
        shape: Vec<usize>,
        /// What is wrong.
        reason: &'static str,
    },

    /// An entry of `choose`'s index array does not name one of the choices.
    #[error("{op}: invalid entry {value} in choice array (there are {choices} choices)")]
    ChoiceOutOfRange {
        /// The function.
        op: &'static str,
        /// The entry.
        value: i64,
        /// The number of choices.
        choices: usize,
    },

    /// Two sequence arguments must have the same length and do not (`select`'s conditions and
    /// choices, `meshgrid`'s ...).
    #[error("{op}: {} has length {} but {} has length {}", names.0, lens.0, names.1, lens.1)]
    ArgumentLengthMismatch {
        /// The function.
        op: &'static str,
        /// The two arguments.
        names: (&'static str, &'static str),
        /// Their lengths.
        lens: (usize, usize),
    },
}

/// Shapes as Python prints tuples, space-separated: `(2,) (3, 4)`.
fn fmt_py_shapes(shapes: &[Vec<usize>]) -> String {
    shapes
        .iter()
        .map(|s| match s.as_slice() {
            [n] => format!("({n},)"),
            dims => format!(
                "({})",
                dims.iter()
                    .map(usize::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn fmt_at(offset: Option<u64>) -> String {
    offset.map_or(String::new(), |o| format!(" (at byte {o})"))
}

fn fmt_shapes(shapes: &[Vec<usize>]) -> String {
    shapes
        .iter()
        .map(|s| format!("{s:?}"))
        .collect::<Vec<_>>()
        .join(" ")
}

impl Error {
    /// Shorthand for [`Error::InvalidArgument`].
    pub fn invalid_argument(
        name: &'static str,
        value: impl std::fmt::Display,
        reason: impl Into<String>,
    ) -> Self {
        Error::InvalidArgument {
            name,
            value: value.to_string(),
            reason: reason.into(),
        }
    }
}

// oxarray-linalg: numpy.linalg errors

/// The products, whose dimension errors NumPy raises as `ValueError` (not `LinAlgError`).
const PRODUCT_OPS: &[&str] = &[
    "matmul",
    "dot",
    "vdot",
    "inner",
    "outer",
    "tensordot",
    "einsum",
    "trace",
    "kron",
    "vecdot",
];

/// ` (matrix at batch index [i, j])`, or nothing for a single matrix.
fn fmt_batch_index(index: &[usize]) -> String {
    if index.is_empty() {
        String::new()
    } else {
        format!(" (matrix at batch index {index:?})")
    }
}

impl Error {
    /// Whether NumPy raises `numpy.linalg.LinAlgError` for this error: a singular or not
    /// positive definite matrix, no convergence, a non-square matrix, incompatible shapes,
    /// non-finite input, or a wrong number of dimensions ([`Error::NotEnoughDims`],
    /// [`Error::WrongNdim`]) given to a `numpy.linalg` function other than the products
    /// (NumPy's `matmul`, `dot`, `tensordot`, ... raise `ValueError` for those).
    ///
    /// ```
    /// use oxarray_core::Error;
    /// let e = Error::SingularMatrix { op: "inv", batch_index: vec![2] };
    /// assert!(e.is_linalg_error());
    /// assert_eq!(e.to_string(), "inv: singular matrix (matrix at batch index [2])");
    /// assert!(!Error::ReadOnly.is_linalg_error());
    /// let matmul = Error::NotEnoughDims { op: "matmul", operand: 0, ndim: 0, required: 1 };
    /// assert!(!matmul.is_linalg_error());
    /// ```
    pub fn is_linalg_error(&self) -> bool {
        matches!(
            self,
            Error::SingularMatrix { .. }
                | Error::NotPositiveDefinite { .. }
                | Error::NoConvergence { .. }
                | Error::NotSquare { .. }
                | Error::IncompatibleShapes { .. }
                | Error::NonFinite { .. }
        ) || matches!(
            self,
            Error::NotEnoughDims { op, .. } | Error::WrongNdim { op, .. }
                if !PRODUCT_OPS.contains(op)
        )
    }
}
