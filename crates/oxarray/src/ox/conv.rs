//! Convolution under NumPy's and SciPy's names (`np.convolve`, `scipy.signal.convolve2d`,
//! `scipy.ndimage.convolve`, ...) from crate `oxarray-conv`, re-exported into
//! [`ox`](crate::ox).
