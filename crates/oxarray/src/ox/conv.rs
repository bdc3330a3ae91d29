//! Convolution under NumPy's names (`np.convolve`, `np.correlate`) from crate
//! `oxarray-conv`, re-exported into [`ox`](crate::ox). SciPy's functions
//! (`scipy.signal.convolve2d`, `correlate2d`) are in [`oxarray::conv`](crate::conv);
//! `scipy.ndimage`'s filters are the module `ox::ndimage` (`ox::ndimage::gaussian_filter`,
//! ...).
//!
//! ```
//! use oxarray::ox;
//! use oxarray_core::array;
//! let c = ox::convolve(&array![1.0, 2.0, 3.0], &array![0.0, 1.0, 0.5], ox::ConvMode::Full)?;
//! assert_eq!(c.to_vec(), vec![0.0, 1.0, 2.5, 4.0, 1.5]);
//! let r = ox::correlate(&array![1.0, 2.0, 3.0], &array![0.0, 1.0, 0.5], ox::ConvMode::Valid)?;
//! assert_eq!(r.to_vec(), vec![3.5]);
//! let opts = ox::ndimage::FilterOptions::default();
//! let s = ox::ndimage::sobel(&array![[0.0, 1.0, 2.0], [0.0, 1.0, 2.0]], -1, &opts)?;
//! assert_eq!(s.to_vec(), vec![4.0, 8.0, 4.0, 4.0, 8.0, 4.0]);
//! # Ok::<(), oxarray_conv::ConvError>(())
//! ```

pub use oxarray_conv::{
    Mode as ConvMode, convolve, convolve_into, correlate, correlate_into, ndimage,
};
