//! The options of the SciPy and NumPy functions: the output size (`mode`) and how the image
//! is extended beyond its edges (`boundary` with `fillvalue`).

use std::str::FromStr;

use crate::error::{ConvError, Result};

/// The size of the output (`mode=` of `scipy.signal.convolve2d` and `np.convolve`).
///
/// ```
/// use oxarray_conv::Mode;
/// assert_eq!("valid".parse::<Mode>()?, Mode::Valid);
/// assert!("ful".parse::<Mode>().is_err());
/// # Ok::<(), oxarray_conv::ConvError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Mode {
    /// Every position where the inputs overlap at all: `n1 + n2 - 1` along each axis
    /// (SciPy's and NumPy's default for `convolve`).
    #[default]
    Full,
    /// The size of the first input, centred on the `full` result.
    Same,
    /// Only positions where the kernel lies wholly inside the image: `n1 - n2 + 1`.
    Valid,
}

impl Mode {
    /// The name SciPy and NumPy use.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Full => "full",
            Mode::Same => "same",
            Mode::Valid => "valid",
        }
    }
}

impl FromStr for Mode {
    type Err = ConvError;

    fn from_str(s: &str) -> Result<Mode> {
        match s {
            "full" => Ok(Mode::Full),
            "same" => Ok(Mode::Same),
            "valid" => Ok(Mode::Valid),
            _ => Err(ConvError::UnknownOption {
                option: "mode",
                got: s.to_owned(),
                expected: "'full', 'same', 'valid'",
            }),
        }
    }
}

/// How `scipy.signal.convolve2d` extends the image beyond its edges (`boundary=`, with the
/// `fillvalue=` of `fill` inside the variant).
///
/// ```
/// use oxarray_conv::Boundary;
/// assert_eq!(Boundary::parse("symmetric", 0.0)?, Boundary::<f64>::Symm);
/// assert_eq!(Boundary::parse("fill", 2.5)?, Boundary::Fill(2.5));
/// # Ok::<(), oxarray_conv::ConvError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Boundary<T> {
    /// Pad with this value (SciPy's `'fill'` / `'pad'` with `fillvalue`; SciPy's default with
    /// 0).
    Fill(T),
    /// Periodic extension (`'wrap'` / `'circular'`).
    Wrap,
    /// Reflection with the edge repeated (`'symm'` / `'symmetric'`).
    Symm,
}

impl<T> Boundary<T> {
    /// The boundary SciPy names `name`, with `fillvalue` for `fill`.
    pub fn parse(name: &str, fillvalue: T) -> Result<Boundary<T>> {
        match name {
            "fill" | "pad" => Ok(Boundary::Fill(fillvalue)),
            "wrap" | "circular" => Ok(Boundary::Wrap),
            "symm" | "symmetric" => Ok(Boundary::Symm),
            _ => Err(ConvError::UnknownOption {
                option: "boundary",
                got: name.to_owned(),
                expected: "'fill', 'pad', 'wrap', 'circular', 'symm', 'symmetric'",
            }),
        }
    }

    /// SciPy's name of the boundary.
    pub fn name(&self) -> &'static str {
        match self {
            Boundary::Fill(_) => "fill",
            Boundary::Wrap => "wrap",
            Boundary::Symm => "symm",
        }
    }
}
