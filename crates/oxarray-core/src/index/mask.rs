//! Boolean masks with the array's own shape (`a[mask]`, `a[mask] = v`): the common case, done
//! without materialising `nonzero()`. The elements are visited in C order in chunks; a first
//! pass counts each chunk's true entries, a second pass (one chunk per task) copies, each chunk
//! knowing from the counts where its part of the 1-D result starts.

use std::ops::Range;

use crate::array::{Array, ArrayView, ArrayViewMut};
use crate::element::Element;
use crate::error::{Error, Result};
use crate::iter::unravel;
use crate::layout::Order;
use crate::parallel::{PARALLEL_MIN_ELEMENTS, SendPtr, for_each_range};

/// Calls `f(offset_a, offset_b, len, stride_a, stride_b)` for the row-major runs of two
/// operands of one `shape` (strides `a` and `b`) that cover flat C-order positions `flat`.
pub(crate) fn runs2(
    shape: &[usize],
    a: &[isize],
    b: &[isize],
    flat: Range<usize>,
    mut f: impl FnMut(isize, isize, usize, isize, isize),
) {
    if flat.is_empty() {
        return;
    }
    let n = shape.len();
    if n == 0 {
        f(0, 0, 1, 0, 0);
        return;
    }
    let inner = shape[n - 1];
    let (sa, sb) = (a[n - 1], b[n - 1]);
    let mut index = unravel(flat.start / inner, &shape[..n - 1]);
    let dot = |s: &[isize], index: &[usize]| -> isize {
        index.iter().zip(s).map(|(&i, &s)| i as isize * s).sum()
    };
    let (mut oa, mut ob) = (dot(a, &index), dot(b, &index));
    let mut j0 = flat.start % inner;
    let mut pos = flat.start;
    loop {
        let j1 = inner.min(j0 + (flat.end - pos));
        f(
            oa + j0 as isize * sa,
            ob + j0 as isize * sb,
            j1 - j0,
            sa,
            sb,
        );
        pos += j1 - j0;
        if pos >= flat.end {
            return;
        }
        j0 = 0;
        for ax in (0..n - 1).rev() {
            index[ax] += 1;
            oa += a[ax];
            ob += b[ax];
            if index[ax] < shape[ax] {
                break;
            }
            oa -= a[ax] * shape[ax] as isize;
            ob -= b[ax] * shape[ax] as isize;
            index[ax] = 0;
        }
    }
}

/// Checks that `mask` has `shape`, naming the first axis that differs.
pub(crate) fn check_shape(shape: &[usize], mask: &ArrayView<'_, bool>) -> Result<()> {
    for (axis, (&len, &mask_len)) in shape.iter().zip(mask.shape()).enumerate() {
        if len != mask_len {
            return Err(Error::MaskMismatch {
                axis,
                len,
                mask_len,
            });
        }
    }
    Ok(())
}

/// Chunks of the C-order positions `0..total`, and the number of true mask entries in each.
fn count_chunks(mask: &ArrayView<'_, bool>) -> (Vec<Range<usize>>, Vec<usize>) {
    let total = mask.len();
    let chunks = if total >= PARALLEL_MIN_ELEMENTS {
        (rayon::current_num_threads() * 4).min(total)
    } else {
        1
    };
    let ranges: Vec<Range<usize>> = (0..chunks)
        .map(|c| c * total / chunks..(c + 1) * total / chunks)
        .collect();
    let mut counts = vec![0usize; chunks];
    let counts_ptr = SendPtr::new(counts.as_mut_ptr());
    let m = SendPtr::from_const(mask.as_ptr());
    for_each_range(chunks, total / chunks, |cs| {
        for c in cs {
            let mut count = 0usize;
            runs2(
                mask.shape(),
                mask.strides(),
                mask.strides(),
                ranges[c].clone(),
                |o, _, len, s, _| {
                    for j in 0..len as isize {
                        // SAFETY: the runs address elements of `mask` (invariant 1).
                        count += usize::from(unsafe { *m.get().offset(o + j * s) });
                    }
                },
            );
            // SAFETY: each chunk index is handed to one task only.
            unsafe { *counts_ptr.get().add(c) = count };
        }
    });
    (ranges, counts)
}

/// Exclusive prefix sums: where each chunk's selected elements start.
fn starts(counts: &[usize]) -> Vec<usize> {
    counts
        .iter()
        .scan(0, |acc, &c| {
            let s = *acc;
            *acc += c;
            Some(s)
        })
        .collect()
}

/// `src[mask]` for a mask of `src`'s shape: the selected elements in C order, 1-D.
pub(crate) fn select<T: Element>(
    src: &ArrayView<'_, T>,
    mask: &ArrayView<'_, bool>,
) -> Result<Array<T>> {
    check_shape(src.shape(), mask)?;
    let (ranges, counts) = count_chunks(mask);
    let first = starts(&counts);
    let selected: usize = counts.iter().sum();
    let s = SendPtr::from_const(src.as_ptr());
    let m = SendPtr::from_const(mask.as_ptr());
    Array::build(&[selected], Order::C, |slots| {
        let out = SendPtr::new(slots.as_mut_ptr());
        for_each_range(ranges.len(), src.len() / ranges.len().max(1), |cs| {
            for c in cs {
                let mut w = first[c];
                runs2(
                    src.shape(),
                    src.strides(),
                    mask.strides(),
                    ranges[c].clone(),
                    |os, om, len, ss, sm| {
                        for j in 0..len as isize {
                            // SAFETY: the runs address elements of `src` and `mask` (invariant 1);
                            // chunk `c` writes exactly `counts[c]` slots from `first[c]`, disjoint
                            // from the other chunks' slots and inside the result.
                            unsafe {
                                if *m.get().offset(om + j * sm) {
                                    (*out.get().add(w)).write(*s.get().offset(os + j * ss));
                                    w += 1;
                                }
                            }
                        }
                    },
                );
            }
        });
    })
}

/// `dst[mask] = values` for a mask of `dst`'s shape, `values` broadcast to the number of true
/// entries.
pub(crate) fn assign<T: Element>(
    dst: &mut ArrayViewMut<'_, T>,
    mask: &ArrayView<'_, bool>,
    values: &ArrayView<'_, T>,
) -> Result<()> {
    check_shape(dst.shape(), mask)?;
    let (ranges, counts) = count_chunks(mask);
    let first = starts(&counts);
    let selected: usize = counts.iter().sum();
    let values = values.clone().into_broadcast_to([selected])?;
    let vstride = values.strides()[0];
    let shape = dst.shape().to_vec();
    let strides = dst.strides().to_vec();
    let d = SendPtr::new(dst.as_mut_ptr());
    let m = SendPtr::from_const(mask.as_ptr());
    let v = SendPtr::from_const(values.as_ptr());
    for_each_range(ranges.len(), dst.len() / ranges.len().max(1), |cs| {
        for c in cs {
            let mut w = first[c] as isize;
            runs2(
                &shape,
                &strides,
                mask.strides(),
                ranges[c].clone(),
                |od, om, len, sd, sm| {
                    for j in 0..len as isize {
                        // SAFETY: the runs address elements of `dst` (exclusive, non-overlapping:
                        // invariant 3) and of `mask`; chunks cover disjoint positions, so no two
                        // tasks write one element; `w` stays below `selected`, inside `values`,
                        // which is a separate borrow and cannot alias `dst`.
                        unsafe {
                            if *m.get().offset(om + j * sm) {
                                *d.get().offset(od + j * sd) = *v.get().offset(w * vstride);
                                w += 1;
                            }
                        }
                    }
                },
            );
        }
    });
    Ok(())
}
