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
}
