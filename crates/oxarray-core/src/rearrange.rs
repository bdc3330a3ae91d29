//! Rearranging elements: NumPy's `tile`, `repeat`, `roll` (new arrays) and `rot90` (a view).
//!
//! The copies are one kernel, [`gather_outer`]: every output axis reads its input axis through
//! an index map (`i % n` for `tile`, `i - shift mod n` for `roll`, repeated positions for
//! `repeat`, and the boundary maps of `pad`).

use crate::array::{Array, ArrayView, AsArrayView};
use crate::element::Element;
use crate::error::{Error, Result};
use crate::layout::normalize_axis;
use crate::parallel::{SendPtr, for_each_range};

/// `out[i0, ..., in] = src[maps[0][i0], ..., maps[n][in]]`, a new C-order array of shape
/// `(maps[0].len(), ..., maps[n].len())`. `maps.len()` must be `src.ndim()` and every entry of
/// `maps[k]` below `src.shape()[k]` (checked: a bad map is a bug of the caller, which panics).
pub(crate) fn gather_outer<T: Element>(
    src: &ArrayView<'_, T>,
    maps: &[Vec<usize>],
) -> Result<Array<T>> {
    assert_eq!(maps.len(), src.ndim(), "gather_outer: one map per axis");
    for (k, m) in maps.iter().enumerate() {
        assert!(
            m.iter().all(|&i| i < src.shape()[k]),
            "gather_outer: map {k} out of range"
        );
    }
    let shape: Vec<usize> = maps.iter().map(Vec::len).collect();
    let ndim = shape.len();
    if ndim == 0 {
        return Ok(Array::from_scalar(src.to_vec()[0]));
    }
    // Element offsets per axis and position: `offsets[k][i] = maps[k][i] * stride[k]`.
    let offsets: Vec<Vec<isize>> = maps
        .iter()
        .zip(src.strides())
        .map(|(m, &s)| m.iter().map(|&i| i as isize * s).collect())
        .collect();
    let inner_len = shape[ndim - 1];
    let rows: usize = shape[..ndim - 1].iter().product();
    let last = &maps[ndim - 1];
    let contiguous_rows =
        src.strides()[ndim - 1] == 1 && last.iter().enumerate().all(|(j, &i)| i == j);
    let src_ptr = SendPtr::from_const(src.as_ptr());
    crate::join::build_c(&shape, |dst: *mut T| {
        let dst = SendPtr::new(dst);
        for_each_range(rows, inner_len, |range| {
            let mut index = crate::iter::unravel(range.start, &shape[..ndim - 1]);
            for row in range {
                let base: isize = (0..ndim - 1).map(|k| offsets[k][index[k]]).sum();
                // SAFETY: row `row` of the fresh result is `inner_len` slots that this range
                // alone writes; `base + offsets[last][j]` are elements of `src` because every
                // map entry is in range (checked above, invariant 1).
                unsafe {
                    let out = dst.get().add(row * inner_len);
                    let from = src_ptr.get().offset(base);
                    if contiguous_rows {
                        std::ptr::copy_nonoverlapping(from, out, inner_len);
                    } else {
                        for (j, &off) in offsets[ndim - 1].iter().enumerate() {
                            out.add(j).write(*from.offset(off));
                        }
                    }
                }
                for k in (0..ndim - 1).rev() {
                    index[k] += 1;
                    if index[k] < shape[k] {
                        break;
                    }
                    index[k] = 0;
                }
            }
        });
    })
}

fn identity_maps(shape: &[usize]) -> Vec<Vec<usize>> {
    shape.iter().map(|&n| (0..n).collect()).collect()
}

/// NumPy's `tile(a, reps)`: `a` repeated `reps[k]` times along each axis. When `reps` is
/// longer than `a.ndim()`, `a` gains leading axes of length 1; when shorter, `reps` gains
/// leading ones.
///
/// ```
/// use oxarray_core::{array, rearrange::tile};
/// let a = array![1, 2];
/// assert_eq!(tile(&a, &[3])?.to_vec(), vec![1, 2, 1, 2, 1, 2]);
/// assert_eq!(tile(&a, &[2, 1])?.shape(), &[2, 2]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::SizeOverflow`] when the result is too large.
pub fn tile<T: Element>(a: &impl AsArrayView<T>, reps: &[usize]) -> Result<Array<T>> {
    let mut v = a.as_view();
    let d = v.ndim().max(reps.len());
    if v.ndim() < d {
        let lead: Vec<isize> = (0..(d - v.ndim()) as isize).collect();
        v = v.into_expand_dims(&lead)?;
    }
    let mut full_reps = vec![1usize; d - reps.len()];
    full_reps.extend_from_slice(reps);
    let maps = v
        .shape()
        .iter()
        .zip(&full_reps)
        .map(|(&n, &r)| {
            let len = n.checked_mul(r).ok_or_else(|| Error::SizeOverflow {
                shape: v.shape().to_vec(),
                itemsize: size_of::<T>(),
            })?;
            Ok((0..len).map(|i| i % n.max(1)).collect())
        })
        .collect::<Result<Vec<Vec<usize>>>>()?;
    gather_outer(&v, &maps)
}

/// How many times `repeat` repeats each element: one count for all, or one per element along
/// the axis (NumPy's `repeats`, broadcast to the axis). Integers convert to
/// [`Repeats::Each`], slices and vectors to [`Repeats::PerElement`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Repeats {
    /// Every element this many times.
    Each(usize),
    /// Element `j` `counts[j]` times (a single count broadcasts).
    PerElement(Vec<usize>),
}

impl From<usize> for Repeats {
    fn from(n: usize) -> Self {
        Repeats::Each(n)
    }
}
impl From<&[usize]> for Repeats {
    fn from(c: &[usize]) -> Self {
        Repeats::PerElement(c.to_vec())
    }
}
impl<const N: usize> From<[usize; N]> for Repeats {
    fn from(c: [usize; N]) -> Self {
        Repeats::PerElement(c.to_vec())
    }
}
impl<const N: usize> From<&[usize; N]> for Repeats {
    fn from(c: &[usize; N]) -> Self {
        Repeats::PerElement(c.to_vec())
    }
}
impl From<Vec<usize>> for Repeats {
    fn from(c: Vec<usize>) -> Self {
        Repeats::PerElement(c)
    }
}

/// NumPy's `repeat(a, repeats, axis)`: each element (each slice along `axis`) repeated; with
/// `axis = None` the flattened array's elements.
///
/// ```
/// use oxarray_core::{array, rearrange::repeat};
/// let a = array![[1, 2], [3, 4]];
/// assert_eq!(repeat(&a, 2, None)?.to_vec(), vec![1, 1, 2, 2, 3, 3, 4, 4]);
/// assert_eq!(repeat(&a, [1, 2], Some(0))?.to_vec(), vec![1, 2, 3, 4, 3, 4]);
/// assert!(repeat(&a, [1, 2, 3], Some(1)).is_err());
/// # Ok::<(), oxarray_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::BroadcastTo`] when the counts do not broadcast to the axis;
/// [`Error::AxisOutOfBounds`].
pub fn repeat<T: Element>(
    a: &impl AsArrayView<T>,
    repeats: impl Into<Repeats>,
    axis: Option<isize>,
) -> Result<Array<T>> {
    let v = a.as_view();
    let flat;
    let (src, axis) = match axis {
        Some(ax) => {
            let ax = normalize_axis(ax, v.ndim())?;
            (v, ax)
        }
        None => {
            flat = v.ravel();
            (flat.view(), 0)
        }
    };
    let n = src.shape()[axis];
    let counts = match repeats.into() {
        Repeats::Each(r) => vec![r; n],
        Repeats::PerElement(c) if c.len() == n => c,
        Repeats::PerElement(c) if c.len() == 1 => vec![c[0]; n],
        Repeats::PerElement(c) => {
            return Err(Error::BroadcastTo {
                from: vec![c.len()],
                to: vec![n],
            });
        }
    };
    let mut maps = identity_maps(src.shape());
    maps[axis] = counts
        .iter()
        .enumerate()
        .flat_map(|(j, &r)| std::iter::repeat_n(j, r))
        .collect();
    gather_outer(&src, &maps)
}

/// NumPy's `roll(a, shift, axis)`: elements shifted along each axis of `axis` by the matching
/// entry of `shift` (the two broadcast against each other; shifts of one axis add up), those
/// pushed past the end coming back at the start. With `axis = None` the flattened array is
/// rolled by the sum of `shift` and reshaped back.
///
/// ```
/// use oxarray_core::{array, rearrange::roll};
/// let a = array![[0, 1, 2], [3, 4, 5]];
/// assert_eq!(roll(&a, &[1], None)?.to_vec(), vec![5, 0, 1, 2, 3, 4]);
/// assert_eq!(roll(&a, &[-1], Some(&[1]))?.to_vec(), vec![1, 2, 0, 4, 5, 3]);
/// assert_eq!(roll(&a, &[1, 1], Some(&[0, 1]))?.to_vec(), vec![5, 3, 4, 2, 0, 1]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::BroadcastMismatch`] when `shift` and `axis` have different lengths (neither 1);
/// [`Error::AxisOutOfBounds`].
pub fn roll<T: Element>(
    a: &impl AsArrayView<T>,
    shift: &[isize],
    axis: Option<&[isize]>,
) -> Result<Array<T>> {
    let v = a.as_view();
    let Some(axes) = axis else {
        let total: isize = shift.iter().sum();
        let flat = v.ravel();
        let n = flat.len();
        let map = (0..n).map(|i| roll_index(i, total, n)).collect();
        let rolled = gather_outer(&flat.view(), &[map])?;
        return rolled.into_shape(v.shape());
    };
    let pairs = match (shift.len(), axes.len()) {
        (s, x) if s == x => shift.iter().copied().zip(axes.iter().copied()).collect(),
        (1, _) => axes.iter().map(|&ax| (shift[0], ax)).collect(),
        (_, 1) => shift.iter().map(|&s| (s, axes[0])).collect::<Vec<_>>(),
        (s, x) => {
            return Err(Error::BroadcastMismatch {
                shapes: vec![vec![s], vec![x]],
            });
        }
    };
    let mut totals = vec![0isize; v.ndim()];
    for (s, ax) in pairs {
        totals[normalize_axis(ax, v.ndim())?] += s;
    }
    let maps: Vec<Vec<usize>> = v
        .shape()
        .iter()
        .zip(&totals)
        .map(|(&n, &s)| (0..n).map(|i| roll_index(i, s, n)).collect())
        .collect();
    gather_outer(&v, &maps)
}

/// The source of output position `i` of a roll by `shift` over `n` positions.
fn roll_index(i: usize, shift: isize, n: usize) -> usize {
    let n = n as isize;
    (i as isize - shift.rem_euclid(n)).rem_euclid(n) as usize
}

/// NumPy's `rot90(m, k, axes)`: a view rotated by 90 degrees `k` times in the plane of
/// `axes`, from the first axis towards the second (negative `k` turns the other way).
///
/// ```
/// use oxarray_core::{array, rearrange::rot90};
/// let m = array![[1, 2], [3, 4]];
/// assert_eq!(rot90(&m, 1, [0, 1])?.to_vec(), vec![2, 4, 1, 3]);
/// assert_eq!(rot90(&m, -1, [0, 1])?.to_vec(), vec![3, 1, 4, 2]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::RepeatedAxis`] when the two axes are one; [`Error::AxisOutOfBounds`];
/// [`Error::NotEnoughDims`] below 2-D.
pub fn rot90<T: Element>(
    m: &impl AsArrayView<T>,
    k: isize,
    axes: [isize; 2],
) -> Result<ArrayView<'_, T>> {
    let v = m.as_view();
    if v.ndim() < 2 {
        return Err(Error::NotEnoughDims {
            op: "rot90",
            operand: 0,
            ndim: v.ndim(),
            required: 2,
        });
    }
    let a0 = normalize_axis(axes[0], v.ndim())?;
    let a1 = normalize_axis(axes[1], v.ndim())?;
    if a0 == a1 {
        return Err(Error::RepeatedAxis {
            axis: a0,
            context: "rot90 (axes must be different)",
        });
    }
    let mut perm: Vec<isize> = (0..v.ndim() as isize).collect();
    perm.swap(a0, a1);
    let (a0, a1) = (a0 as isize, a1 as isize);
    match k.rem_euclid(4) {
        0 => Ok(v),
        2 => v.into_flip(Some(&[a0, a1])),
        1 => v.into_flip(Some(&[a1]))?.into_permuted(&perm),
        _ => v.into_permuted(&perm)?.into_flip(Some(&[a1])),
    }
}
