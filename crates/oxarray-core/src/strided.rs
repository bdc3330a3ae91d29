//! Views with caller-chosen strides: `as_strided` and the safe `sliding_window_view`.

use crate::array::ArrayView;
use crate::dims::{Dims, Strides};
use crate::element::Element;
use crate::error::{Error, Result};
use crate::layout::{Layout, normalize_axis};

impl<'a, T: Element> ArrayView<'a, T> {
    /// A view of the same memory with any shape and strides (in elements), starting at this
    /// view's element `[0, ..., 0]` (NumPy's `lib.stride_tricks.as_strided`).
    ///
    /// # Safety
    /// Every element the new layout reaches must lie inside the memory this view borrows
    /// (invariant 1 of [`crate::array`]). The result may overlap itself; it is read-only.
    /// Prefer [`try_as_strided`](Self::try_as_strided) or
    /// [`sliding_window_view`](Self::sliding_window_view), which check.
    pub unsafe fn as_strided(self, shape: &[usize], strides: &[isize]) -> ArrayView<'a, T> {
        let layout = Layout {
            shape: Dims::from(shape),
            strides: Strides::from(strides),
        };
        // SAFETY: the caller guarantees the new layout stays inside the borrowed memory.
        unsafe { self.with_layout_unchecked(layout, 0) }
    }

    /// [`as_strided`](Self::as_strided) with a bounds check: allowed when this view's
    /// elements fill one contiguous forward run (any C/F/permuted contiguous array) and the new
    /// layout stays inside that run. Otherwise an [`Error::InvalidStrides`] naming the layout.
    ///
    /// ```
    /// use oxarray_core::Array;
    /// let x = Array::<i32>::arange(0, 6, 1).unwrap();
    /// // Overlapping rows of length 3, advancing by 1: [[0,1,2],[1,2,3],[2,3,4],[3,4,5]]
    /// let w = x.view().try_as_strided(&[4, 3], &[1, 1]).unwrap();
    /// assert_eq!(w.to_vec(), vec![0, 1, 2, 1, 2, 3, 2, 3, 4, 3, 4, 5]);
    /// assert!(x.view().try_as_strided(&[4, 3], &[2, 1]).is_err()); // would read past the end
    /// ```
    pub fn try_as_strided(self, shape: &[usize], strides: &[isize]) -> Result<ArrayView<'a, T>> {
        let err = |reason: &str| Error::InvalidStrides {
            shape: shape.to_vec(),
            strides: strides.to_vec(),
            reason: reason.into(),
        };
        if shape.len() != strides.len() {
            return Err(err("shape and strides have different lengths"));
        }
        if self.as_slice_memory_order().is_none() {
            return Err(err(
                "the base view is not one contiguous forward run of memory",
            ));
        }
        let layout = Layout {
            shape: Dims::from(shape),
            strides: Strides::from(strides),
        };
        crate::layout::checked_size(shape, size_of::<T>())?;
        if let Some((lo, hi)) = layout.offset_span()
            && (lo < 0 || hi >= self.len() as isize)
        {
            return Err(err(&format!(
                "the view would reach elements {lo}..={hi} of a buffer of {} elements",
                self.len()
            )));
        }
        // SAFETY: the new layout's offsets lie in 0..len of the base's contiguous memory.
        Ok(unsafe { self.as_strided(shape, strides) })
    }

    /// All windows of `window_shape` sliding along `axes` (all axes, in order, when `None`),
    /// as a read-only view with the window axes appended (NumPy's `sliding_window_view`).
    ///
    /// ```
    /// use oxarray_core::Array;
    /// let x = Array::<f64>::arange(0.0, 5.0, 1.0).unwrap();
    /// let w = x.view().sliding_window_view(&[3], None).unwrap();
    /// assert_eq!(w.shape(), &[3, 3]);
    /// assert_eq!(w.to_vec(), vec![0., 1., 2., 1., 2., 3., 2., 3., 4.]);
    /// ```
    pub fn sliding_window_view(
        self,
        window_shape: &[usize],
        axes: Option<&[isize]>,
    ) -> Result<ArrayView<'a, T>> {
        let ndim = self.ndim();
        let axes: Vec<usize> = match axes {
            None => {
                if window_shape.len() != ndim {
                    return Err(Error::invalid_argument(
                        "window_shape",
                        format!("{window_shape:?}"),
                        format!("needs one entry per axis of the {ndim}-d array when axes is None"),
                    ));
                }
                (0..ndim).collect()
            }
            Some(axes) => {
                if axes.len() != window_shape.len() {
                    return Err(Error::invalid_argument(
                        "axes",
                        format!("{axes:?}"),
                        format!("must have as many entries as window_shape {window_shape:?}"),
                    ));
                }
                axes.iter()
                    .map(|&a| normalize_axis(a, ndim))
                    .collect::<Result<_>>()?
            }
        };
        let mut shape: Vec<usize> = self.shape().to_vec();
        let mut strides: Vec<isize> = self.strides().to_vec();
        for (&ax, &w) in axes.iter().zip(window_shape) {
            if w > shape[ax] {
                return Err(Error::WindowTooLarge {
                    shape: self.shape().to_vec(),
                    window: window_shape.to_vec(),
                    axes: axes.clone(),
                });
            }
            shape[ax] = shape[ax] + 1 - w;
        }
        for (&ax, &w) in axes.iter().zip(window_shape) {
            shape.push(w);
            strides.push(self.strides()[ax]);
        }
        let layout = Layout {
            shape: Dims::from(shape),
            strides: Strides::from(strides),
        };
        // SAFETY: a window starting at position p < len - w + 1 reaches at most p + w - 1 <
        // len on its axis, so every element is an element of this view.
        Ok(unsafe { self.with_layout_unchecked(layout, 0) })
    }
}
