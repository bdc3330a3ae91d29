//! What functions accept as a shape: arrays, slices and vectors of lengths, or one length.

use crate::dims::Dims;

/// A shape argument: `[2, 3]`, `&[2, 3][..]`, `vec![2, 3]`, `7` (1-D), or a shape borrowed
/// from another array (`a.shape()`).
pub trait IntoShape {
    /// The lengths of the axes.
    fn into_dims(self) -> Dims;
}

impl IntoShape for usize {
    fn into_dims(self) -> Dims {
        Dims::from([self])
    }
}
impl<const N: usize> IntoShape for [usize; N] {
    fn into_dims(self) -> Dims {
        Dims::from(self)
    }
}
impl<const N: usize> IntoShape for &[usize; N] {
    fn into_dims(self) -> Dims {
        Dims::from(&self[..])
    }
}
impl IntoShape for &[usize] {
    fn into_dims(self) -> Dims {
        Dims::from(self)
    }
}
impl IntoShape for Vec<usize> {
    fn into_dims(self) -> Dims {
        Dims::from(self)
    }
}
impl IntoShape for &Vec<usize> {
    fn into_dims(self) -> Dims {
        Dims::from(&self[..])
    }
}
impl IntoShape for Dims {
    fn into_dims(self) -> Dims {
        self
    }
}
impl IntoShape for &Dims {
    fn into_dims(self) -> Dims {
        self.clone()
    }
}

/// A reshape argument: like [`IntoShape`], but one entry may be `-1` (inferred), as in
/// NumPy's `reshape(-1, 3)`.
pub trait ReshapeArg {
    /// The requested lengths, `-1` for the inferred one.
    fn into_spec(self) -> Vec<isize>;
}

macro_rules! reshape_arg {
    ($($t:ty),*) => {$(
        impl<const N: usize> ReshapeArg for [$t; N] {
            fn into_spec(self) -> Vec<isize> { self.iter().map(|&d| d as isize).collect() }
        }
        impl<const N: usize> ReshapeArg for &[$t; N] {
            fn into_spec(self) -> Vec<isize> { self.iter().map(|&d| d as isize).collect() }
        }
        impl ReshapeArg for &[$t] {
            fn into_spec(self) -> Vec<isize> { self.iter().map(|&d| d as isize).collect() }
        }
        impl ReshapeArg for Vec<$t> {
            fn into_spec(self) -> Vec<isize> { self.iter().map(|&d| d as isize).collect() }
        }
        impl ReshapeArg for $t {
            fn into_spec(self) -> Vec<isize> { vec![self as isize] }
        }
    )*};
}

reshape_arg!(usize, isize, i32);
