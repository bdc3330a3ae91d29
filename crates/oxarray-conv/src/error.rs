//! The error type of oxarray-conv: what SciPy and NumPy raise, with the shapes and options at
//! fault, plus the core's errors (allocation, layouts) wrapped unchanged.

/// `std::result::Result` with [`ConvError`].
pub type Result<T, E = ConvError> = std::result::Result<T, E>;

/// Everything that can go wrong in a convolution, with the values involved.
///
/// ```
/// use oxarray_conv::{ConvError, Mode, Boundary, convolve2d};
/// use oxarray_core::Array;
/// let image = Array::<f64>::zeros([3, 5])?;
/// let kernel = Array::<f64>::zeros([4, 2])?;
/// // Neither input is at least as large as the other in every dimension (SciPy's ValueError).
/// let err = convolve2d(&image, &kernel, Mode::Valid, Boundary::Fill(0.0)).unwrap_err();
/// assert!(matches!(err, ConvError::ValidShapes { .. }));
/// # Ok::<(), ConvError>(())
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ConvError {
    /// An error of the array core (allocation, layout).
    #[error(transparent)]
    Core(#[from] oxarray_core::Error),

    /// An input has the wrong number of dimensions (`convolve2d` of a 1-D array).
    #[error("{func}: inputs must both be {expected} arrays, got shapes {in1:?} and {in2:?}")]
    WrongNdim {
        /// The function (`"convolve2d"`, ...).
        func: &'static str,
        /// What is required (`"2-D"`, `"1-D"`).
        expected: &'static str,
        /// The shape of the first input.
        in1: Vec<usize>,
        /// The shape of the second input.
        in2: Vec<usize>,
    },

    /// `valid` mode with neither input at least as large as the other in every dimension.
    #[error(
        "{func}: for 'valid' mode, one must be at least as large as the other in every \
         dimension, got shapes {in1:?} and {in2:?}"
    )]
    ValidShapes {
        /// The function.
        func: &'static str,
        /// The shape of the first input.
        in1: Vec<usize>,
        /// The shape of the second input.
        in2: Vec<usize>,
    },

    /// `full` mode of two inputs both empty along an axis (the result would have length -1;
    /// SciPy's "negative dimensions are not allowed").
    #[error("{func}: 'full' mode of shapes {in1:?} and {in2:?} has a negative dimension")]
    NegativeDimension {
        /// The function.
        func: &'static str,
        /// The shape of the first input.
        in1: Vec<usize>,
        /// The shape of the second input.
        in2: Vec<usize>,
    },

    /// A `wrap` or `symm` boundary needs image values, and the image is empty (SciPy divides
    /// by zero there and crashes the interpreter).
    #[error("{func}: boundary '{boundary}' cannot extend the empty image of shape {shape:?}")]
    EmptyImage {
        /// The function.
        func: &'static str,
        /// The boundary asked for.
        boundary: &'static str,
        /// The image's shape.
        shape: Vec<usize>,
    },

    /// An input that must not be empty is (NumPy's "a cannot be empty").
    #[error("{func}: {which} cannot be empty")]
    EmptyInput {
        /// The function.
        func: &'static str,
        /// Which input (`"a"`, `"v"`).
        which: &'static str,
    },

    /// `out=` has a shape other than the result's.
    #[error("{func}: out has shape {got:?}, the result has shape {expected:?}")]
    OutShape {
        /// The function.
        func: &'static str,
        /// The result's shape.
        expected: Vec<usize>,
        /// The shape of `out`.
        got: Vec<usize>,
    },

    /// An option given by name is not one of those accepted (`Mode::parse("ful")`).
    #[error("unknown {option} '{got}', expected one of {expected}")]
    UnknownOption {
        /// The option (`"mode"`, `"boundary"`).
        option: &'static str,
        /// The name given.
        got: String,
        /// The names accepted.
        expected: &'static str,
    },

    /// An `origin` puts a filter's centre outside the filter (SciPy's rule:
    /// `-(len // 2) <= origin <= (len - 1) // 2`).
    #[error(
        "{func}: invalid origin {origin} along axis {axis} for a filter of length {len}; \
         origin must satisfy -(len // 2) <= origin <= (len - 1) // 2"
    )]
    InvalidOrigin {
        /// The function.
        func: &'static str,
        /// The input axis.
        axis: usize,
        /// The origin given.
        origin: isize,
        /// The filter's length along that axis.
        len: usize,
    },

    /// The weights do not have one non-empty axis per filtered axis of the input.
    #[error(
        "{func}: weights of shape {weights:?} do not match the input of shape {input:?} \
         filtered along axes {axes:?} (weights.ndim must equal len(axes), every axis non-empty)"
    )]
    KernelShape {
        /// The function.
        func: &'static str,
        /// The shape of the weights.
        weights: Vec<usize>,
        /// The shape of the input.
        input: Vec<usize>,
        /// The axes filtered.
        axes: Vec<usize>,
    },

    /// A per-axis option has neither one value nor one per filtered axis (SciPy's "sequence
    /// argument must have length equal to input rank").
    #[error("{func}: {option} has {got} values, expected 1 or {expected} (one per filtered axis)")]
    SequenceLength {
        /// The function.
        func: &'static str,
        /// The option (`"origin"`, `"sigma"`, ...).
        option: &'static str,
        /// How many values were given.
        got: usize,
        /// How many axes are filtered.
        expected: usize,
    },

    /// A filter has no taps: empty weights, a size below 1, or a radius that is not a
    /// non-negative integer.
    #[error("{func}: invalid filter {what}")]
    InvalidFilter {
        /// The function.
        func: &'static str,
        /// What is wrong (`"size 0"`, `"weights: none given"`, ...).
        what: String,
    },

    /// An option the SciPy function does not have was set (an `origin` for `sobel`, `axes`
    /// for a 1-D filter).
    #[error("{func}: option '{option}' is not accepted here (SciPy's {func} has no such argument)")]
    UnsupportedOption {
        /// The function.
        func: &'static str,
        /// The option.
        option: &'static str,
    },

    /// `conv2d` operands that do not fit together (PyTorch's shape errors): the input's
    /// channels against the weight's and `groups`, the bias, or an output that would be
    /// empty.
    #[error(
        "conv2d: {reason}: input of shape {input:?}, weight of shape {weight:?}, groups {groups}"
    )]
    Conv2dShape {
        /// What does not fit.
        reason: String,
        /// The input's shape.
        input: Vec<usize>,
        /// The weight's shape.
        weight: Vec<usize>,
        /// The number of groups.
        groups: usize,
    },
}
