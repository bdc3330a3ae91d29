//! `scipy.ndimage`'s convolution filters for n-d arrays, under SciPy's names and semantics.
//!
//! | `scipy.ndimage` | oxarray-conv |
//! |---|---|
//! | `correlate(input, weights, mode, cval, origin, axes)` | [`correlate`], [`correlate_into`] |
//! | `convolve(input, weights, mode, cval, origin, axes)` | [`convolve`], [`convolve_into`] |
//! | `correlate1d(input, weights, axis, mode, cval, origin)` | [`correlate1d`], [`correlate1d_into`] |
//! | `convolve1d(input, weights, axis, mode, cval, origin)` | [`convolve1d`], [`convolve1d_into`] |
//! | `uniform_filter1d(input, size, axis, mode, cval, origin)` | [`uniform_filter1d`], [`uniform_filter1d_into`] |
//! | `uniform_filter(input, size, mode, cval, origin, axes)` | [`uniform_filter`], [`uniform_filter_into`] |
//! | `gaussian_filter1d(input, sigma, axis, order, mode, cval, truncate, radius)` | [`gaussian_filter1d`], [`gaussian_filter1d_into`] |
//! | `gaussian_filter(input, sigma, order, mode, cval, truncate, radius, axes)` | [`gaussian_filter`], [`gaussian_filter_into`] |
//! | `sobel(input, axis, mode, cval)` | [`sobel`], [`sobel_into`] |
//! | `laplace(input, mode, cval, axes)` | [`laplace`], [`laplace_into`] |
//!
//! SciPy's keywords `mode`, `cval`, `origin` and `axes` are the fields of [`FilterOptions`]
//! (a function whose SciPy twin lacks one refuses it when set); Gaussian ones are in
//! [`GaussianOptions`]. Outputs have the input's shape and element type ([`NdElement`]:
//! integers, f32, f64). As in SciPy, every value is computed in `double` and stored with C's
//! cast (integers truncate toward zero), and the separable filters run one 1-D pass per axis,
//! each pass stored in the output type before the next reads it: integer results are those
//! SciPy gives, pass for pass.
//!
//! All of them run on two loops (`driver.rs`): an n-d correlation whose rows go through the
//! crate's one SIMD row kernel, and a line loop for the running sums of `uniform_filter1d`.
//! Any layout is read in place; work is split over the threads when large enough.
//!
//! Documented differences from SciPy: weights with `|w| <= f64::EPSILON` count as zero (SciPy's
//! n-d `correlate` leaves them out of its footprint) and kernel rows of zeros are skipped, but
//! a zero weight inside a row still multiplies its input, so a NaN or infinity there gives NaN
//! where SciPy's `correlate` skips it. Sums are formed in another order (with fused
//! multiply-adds), so f64 results agree to rounding (about 1e-15 relative) rather than bit for
//! bit, and an integer result SciPy computes as exactly `k` could truncate to `k - 1` here when
//! the `double` sum is inexact (Gaussian weights on flat regions; none of the golden cases
//! does). `uniform_filter` is SciPy's own running sum and agrees bit for bit.
//!
//! ```
//! use oxarray_conv::ndimage::{self, FilterOptions, NdMode};
//! use oxarray_core::array;
//! let image = array![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]];
//! let k = array![[0.0, 1.0], [1.0, 0.0]];
//! let opts = FilterOptions { mode: NdMode::Constant, cval: 10.0, ..Default::default() };
//! let out = ndimage::correlate(&image, &k, &opts)?;
//! assert_eq!(out.to_vec(), vec![20.0, 11.0, 12.0, 11.0, 6.0, 8.0]);
//! # Ok::<(), oxarray_conv::ConvError>(())
//! ```

mod correlate;
mod driver;
mod element;
mod filters;
mod gaussian;
mod run;

use std::str::FromStr;

use oxarray_core::layout::normalize_axes;

pub use correlate::{
    convolve, convolve_into, convolve1d, convolve1d_into, correlate, correlate_into, correlate1d,
    correlate1d_into,
};
pub use element::NdElement;
pub use filters::{
    laplace, laplace_into, sobel, sobel_into, uniform_filter, uniform_filter_into,
    uniform_filter1d, uniform_filter1d_into,
};
pub use gaussian::{
    GaussianOptions, gaussian_filter, gaussian_filter_into, gaussian_filter1d,
    gaussian_filter1d_into,
};

use crate::engine::Edge;
use crate::error::{ConvError, Result};

/// How `scipy.ndimage` extends the input beyond its edges (`mode=`), for input `a b c d`.
///
/// For filters the `grid-*` names are SciPy's synonyms: `grid-mirror` is `reflect`,
/// `grid-constant` is `constant`, `grid-wrap` is `wrap`.
///
/// ```
/// use oxarray_conv::ndimage::NdMode;
/// assert_eq!("grid-wrap".parse::<NdMode>()?, NdMode::GridWrap);
/// assert_eq!(NdMode::default(), NdMode::Reflect);
/// assert!("symm".parse::<NdMode>().is_err());
/// # Ok::<(), oxarray_conv::ConvError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum NdMode {
    /// `d c b a | a b c d | d c b a`: reflected about the edge, the edge repeated (the
    /// default).
    #[default]
    Reflect,
    /// `k k k k | a b c d | k k k k` with `k` the [`FilterOptions::cval`].
    Constant,
    /// `a a a a | a b c d | d d d d`.
    Nearest,
    /// `d c b | a b c d | c b a`: reflected about the edge element, not repeated.
    Mirror,
    /// `a b c d | a b c d | a b c d`: periodic.
    Wrap,
    /// `grid-wrap`: the same as [`Wrap`](Self::Wrap) for filters.
    GridWrap,
    /// `grid-constant`: the same as [`Constant`](Self::Constant) for filters.
    GridConstant,
    /// `grid-mirror`: the same as [`Reflect`](Self::Reflect).
    GridMirror,
}

impl NdMode {
    /// SciPy's name of the mode.
    pub fn name(self) -> &'static str {
        match self {
            NdMode::Reflect => "reflect",
            NdMode::Constant => "constant",
            NdMode::Nearest => "nearest",
            NdMode::Mirror => "mirror",
            NdMode::Wrap => "wrap",
            NdMode::GridWrap => "grid-wrap",
            NdMode::GridConstant => "grid-constant",
            NdMode::GridMirror => "grid-mirror",
        }
    }

    /// The extension rule of the driver, with `cval` for the constant modes.
    pub(crate) fn edge(self, cval: f64) -> Edge<f64> {
        match self {
            NdMode::Reflect | NdMode::GridMirror => Edge::Symm,
            NdMode::Constant | NdMode::GridConstant => Edge::Fill(cval),
            NdMode::Nearest => Edge::Nearest,
            NdMode::Mirror => Edge::Mirror,
            NdMode::Wrap | NdMode::GridWrap => Edge::Wrap,
        }
    }
}

impl FromStr for NdMode {
    type Err = ConvError;

    fn from_str(s: &str) -> Result<NdMode> {
        Ok(match s {
            "reflect" => NdMode::Reflect,
            "constant" => NdMode::Constant,
            "nearest" => NdMode::Nearest,
            "mirror" => NdMode::Mirror,
            "wrap" => NdMode::Wrap,
            "grid-wrap" => NdMode::GridWrap,
            "grid-constant" => NdMode::GridConstant,
            "grid-mirror" => NdMode::GridMirror,
            _ => {
                return Err(ConvError::UnknownOption {
                    option: "mode",
                    got: s.to_owned(),
                    expected: "'reflect', 'constant', 'nearest', 'mirror', 'wrap', 'grid-wrap', \
                               'grid-constant', 'grid-mirror'",
                });
            }
        })
    }
}

/// SciPy's common keywords of the `ndimage` filters. `Default` is SciPy's defaults:
/// `mode='reflect'`, `cval=0.0`, `origin=0`, `axes=None`.
///
/// ```
/// use oxarray_conv::ndimage::{FilterOptions, NdMode};
/// let opts = FilterOptions { mode: NdMode::Wrap, origin: vec![1, -1], ..Default::default() };
/// assert_eq!(opts.cval, 0.0);
/// assert!(opts.axes.is_none());
/// ```
#[derive(Clone, Debug, PartialEq, Default)]
pub struct FilterOptions {
    /// How the input is extended beyond its edges.
    pub mode: NdMode,
    /// The value outside the edges for [`NdMode::Constant`].
    pub cval: f64,
    /// Shifts of the filter's centre: empty for 0 everywhere, one value for every filtered
    /// axis, or one per filtered axis. Positive values shift the filter to the left, i.e.
    /// output `i` reads input `i + j - (len / 2 + origin)` for tap `j`.
    pub origin: Vec<isize>,
    /// The axes filtered (negative values count from the end); `None` for all of them.
    pub axes: Option<Vec<isize>>,
}

/// The filtered axes of an `ndim`-d input (SciPy's `_check_axes`).
pub(crate) fn axes_of(
    axes: Option<&[isize]>,
    ndim: usize,
    func: &'static str,
) -> Result<Vec<usize>> {
    match axes {
        None => Ok((0..ndim).collect()),
        Some(axes) => Ok(normalize_axes(axes, ndim, func)?),
    }
}

/// One value per filtered axis from `values` (SciPy's `_normalize_sequence`): none gives
/// `default` everywhere, one is repeated.
pub(crate) fn per_axis<V: Copy>(
    values: &[V],
    default: V,
    n: usize,
    func: &'static str,
    option: &'static str,
) -> Result<Vec<V>> {
    match values.len() {
        0 => Ok(vec![default; n]),
        1 => Ok(vec![values[0]; n]),
        len if len == n => Ok(values.to_vec()),
        got => Err(ConvError::SequenceLength {
            func,
            option,
            got,
            expected: n,
        }),
    }
}

/// SciPy's `_invalid_origin` rule: the centre must fall on a tap of a filter of length `len`.
pub(crate) fn check_origin(
    func: &'static str,
    axis: usize,
    origin: isize,
    len: usize,
) -> Result<()> {
    let half = (len / 2) as isize;
    if origin < -half || origin > (len as isize - 1) / 2 {
        return Err(ConvError::InvalidOrigin {
            func,
            axis,
            origin,
            len,
        });
    }
    Ok(())
}

impl FilterOptions {
    /// The single origin of a 1-D filter, refusing `axes` (the 1-D functions take `axis`).
    pub(crate) fn origin_1d(&self, func: &'static str) -> Result<isize> {
        if self.axes.is_some() {
            return Err(ConvError::UnsupportedOption {
                func,
                option: "axes",
            });
        }
        Ok(per_axis(&self.origin, 0, 1, func, "origin")?[0])
    }

    /// Refuses an origin where SciPy's function has none.
    pub(crate) fn no_origin(&self, func: &'static str) -> Result<()> {
        if self.origin.iter().any(|&o| o != 0) {
            return Err(ConvError::UnsupportedOption {
                func,
                option: "origin",
            });
        }
        Ok(())
    }
}
