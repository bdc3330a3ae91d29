//! Axis arguments and the layout plan of a reduction.
//!
//! A reduction reads one input and writes one output (and, for the second pass of `var`, reads
//! a parameter array shaped like the output). [`ReducePlan`] normalises their layouts once:
//! axes of length one are dropped, negative input strides are flipped (a reduction sums in
//! memory order, as NumPy's does), the reduced axes and the kept axes are each sorted by input
//! stride and merged where contiguous. It then picks one of two walks:
//!
//! * **runs**: the innermost input axis is reduced. Each output is a pairwise reduction of
//!   contiguous (or strided) runs.
//! * **columns**: the innermost input axis is kept (for example `sum(axis=0)` of a C-order
//!   matrix). A tile of outputs accumulates whole rows at a time, with a contiguous, SIMD
//!   friendly inner loop, instead of striding down each column.

use oxarray_core::layout::normalize_axis;
use oxarray_core::{Error, Result};

/// The reduced axes as one flag per axis, from NumPy's `axis` argument (`None`: all axes).
pub(crate) fn reduce_mask(ndim: usize, axes: Option<&[isize]>) -> Result<Vec<bool>> {
    let Some(axes) = axes else {
        return Ok(vec![true; ndim]);
    };
    let mut mask = vec![false; ndim];
    for &axis in axes {
        let a = normalize_axis(axis, ndim)?;
        if mask[a] {
            return Err(Error::RepeatedAxis {
                axis: a,
                context: "reduction axes",
            });
        }
        mask[a] = true;
    }
    Ok(mask)
}

/// The single axis of `argmin`/`cumsum`-style functions, normalised.
pub(crate) fn single_axis(ndim: usize, axis: isize) -> Result<usize> {
    normalize_axis(axis, ndim)
}

/// The shape of the result: reduced axes dropped, or kept with length one.
pub(crate) fn reduced_shape(shape: &[usize], mask: &[bool], keepdims: bool) -> Vec<usize> {
    shape
        .iter()
        .zip(mask)
        .filter_map(|(&d, &r)| match (r, keepdims) {
            (false, _) => Some(d),
            (true, true) => Some(1),
            (true, false) => None,
        })
        .collect()
}

/// The number of elements reduced into each output.
pub(crate) fn reduced_count(shape: &[usize], mask: &[bool]) -> usize {
    shape
        .iter()
        .zip(mask)
        .filter(|(_, r)| **r)
        .map(|(&d, _)| d)
        .product()
}

/// Expands the strides of a result array (with or without the reduced axes) to one stride per
/// input axis, zero on reduced axes.
pub(crate) fn expand_out_strides(out_strides: &[isize], mask: &[bool]) -> Vec<isize> {
    if out_strides.len() == mask.len() {
        return out_strides
            .iter()
            .zip(mask)
            .map(|(&s, &r)| if r { 0 } else { s })
            .collect();
    }
    let mut kept = out_strides.iter();
    mask.iter()
        .map(|&r| if r { 0 } else { *kept.next().unwrap_or(&0) })
        .collect()
}

/// Checks that an `out=` array has the result shape.
pub(crate) fn check_out_shape(expected: &[usize], got: &[usize]) -> Result<()> {
    if expected == got {
        Ok(())
    } else {
        Err(Error::ShapeMismatch {
            expected: expected.to_vec(),
            got: got.to_vec(),
        })
    }
}

/// The list of reduced axes, for error messages.
pub(crate) fn mask_axes(mask: &[bool]) -> Vec<usize> {
    (0..mask.len()).filter(|&a| mask[a]).collect()
}

/// A kept axis: its length and the strides of the input, the output and the parameter.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct KeptAxis {
    pub len: usize,
    pub s_in: isize,
    pub s_out: isize,
    pub s_par: isize,
}

/// Reduced axes walked as one flat sequence of "rows" in row-major order of the listed axes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RowIndex {
    shape: Vec<usize>,
    strides: Vec<isize>,
    len: usize,
}

impl RowIndex {
    /// Rows over `axes` (length, stride), outermost first.
    pub(crate) fn new(axes: &[(usize, isize)]) -> RowIndex {
        RowIndex {
            shape: axes.iter().map(|a| a.0).collect(),
            strides: axes.iter().map(|a| a.1).collect(),
            len: axes.iter().map(|a| a.0).product(),
        }
    }

    /// Number of rows.
    #[inline]
    pub fn len(&self) -> usize {
        self.len
    }

    /// Input offset of row `i`.
    #[inline]
    pub fn offset(&self, i: usize) -> isize {
        match self.shape.len() {
            0 => 0,
            1 => i as isize * self.strides[0],
            _ => {
                let mut pos = i;
                let mut off = 0;
                for ax in (0..self.shape.len()).rev() {
                    off += (pos % self.shape[ax]) as isize * self.strides[ax];
                    pos /= self.shape[ax];
                }
                off
            }
        }
    }
}

/// How the reduced elements of one output are laid out (see the module docs).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Walk {
    /// Each output reduces `rows` runs of `run_len` elements at input stride `run_stride`.
    Runs { run_len: usize, run_stride: isize },
    /// Outputs along `col` are computed together, one input row (all of `col`) at a time.
    Columns { col: KeptAxis },
}

/// A normalised reduction loop over one input, one output and one parameter operand.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ReducePlan {
    /// Offsets of the first element (input, output, parameter) after flipping.
    pub base: [isize; 3],
    /// Kept axes walked one position at a time, outermost first.
    pub outer: Vec<KeptAxis>,
    /// The reduced axes other than a `Runs` axis, walked as rows.
    pub rows: RowIndex,
    /// The inner walk.
    pub walk: Walk,
    /// Elements reduced into each output (0 for an empty reduction).
    pub count: usize,
    /// Number of outputs (0 when a kept axis is empty).
    pub outputs: usize,
}

/// Columns shorter than this reduce run by run: a row of a few elements is not worth a pass.
pub(crate) const MIN_COLUMNS: usize = 4;

impl ReducePlan {
    /// Plans a reduction of `shape` (input strides `s_in`) over the axes flagged in `mask`;
    /// `s_out` and `s_par` give one stride per input axis (zero on reduced axes).
    pub fn new(
        shape: &[usize],
        s_in: &[isize],
        s_out: &[isize],
        s_par: &[isize],
        mask: &[bool],
    ) -> ReducePlan {
        Self::build(shape, s_in, s_out, s_par, mask, false)
    }

    /// As [`new`](Self::new) for one reduced axis walked in logical order (its stride keeps
    /// its sign): the plan of `argmin` and `cumsum`, where the order of the elements matters.
    pub fn ordered(shape: &[usize], s_in: &[isize], s_out: &[isize], mask: &[bool]) -> ReducePlan {
        debug_assert!(mask.iter().filter(|&&r| r).count() <= 1);
        Self::build(shape, s_in, s_out, &vec![0; shape.len()], mask, true)
    }

    fn build(
        shape: &[usize],
        s_in: &[isize],
        s_out: &[isize],
        s_par: &[isize],
        mask: &[bool],
        ordered: bool,
    ) -> ReducePlan {
        let count = reduced_count(shape, mask);
        let outputs: usize = shape
            .iter()
            .zip(mask)
            .filter(|(_, r)| !**r)
            .map(|(&d, _)| d)
            .product();
        let mut base = [0isize; 3];
        let mut reduced: Vec<(usize, isize)> = Vec::new();
        let mut kept: Vec<KeptAxis> = Vec::new();
        if count > 0 && outputs > 0 {
            for ax in 0..shape.len() {
                let len = shape[ax];
                if len == 1 {
                    continue;
                }
                let back = len as isize - 1;
                let mut k = KeptAxis {
                    len,
                    s_in: s_in[ax],
                    s_out: s_out[ax],
                    s_par: s_par[ax],
                };
                if k.s_in < 0 && !(ordered && mask[ax]) {
                    base[0] += back * k.s_in;
                    base[1] += back * k.s_out;
                    base[2] += back * k.s_par;
                    k.s_in = -k.s_in;
                    k.s_out = -k.s_out;
                    k.s_par = -k.s_par;
                }
                if mask[ax] {
                    reduced.push((len, k.s_in));
                } else {
                    kept.push(k);
                }
            }
        }
        reduced.sort_by_key(|r| std::cmp::Reverse(r.1));
        let reduced = merge_reduced(&reduced);
        kept.sort_by(|a, b| b.s_in.cmp(&a.s_in).then(b.s_out.abs().cmp(&a.s_out.abs())));
        let mut outer = merge_kept(&kept);

        let inner_reduced = reduced.last().map_or(0, |r| r.1.unsigned_abs());
        let columns = match outer.last() {
            Some(k) => {
                k.len >= MIN_COLUMNS && !reduced.is_empty() && k.s_in.unsigned_abs() < inner_reduced
            }
            None => false,
        };
        let (walk, rows) = if columns {
            let col = outer.pop().expect("checked non-empty");
            (Walk::Columns { col }, RowIndex::new(&reduced))
        } else {
            let (run_len, run_stride) = reduced.last().copied().unwrap_or((1, 0));
            let rows = &reduced[..reduced.len().saturating_sub(1)];
            (
                Walk::Runs {
                    run_len,
                    run_stride,
                },
                RowIndex::new(rows),
            )
        };
        ReducePlan {
            base,
            outer,
            rows,
            walk,
            count,
            outputs,
        }
    }

    /// Number of positions of the outer kept axes.
    pub fn outer_len(&self) -> usize {
        self.outer.iter().map(|k| k.len).product()
    }

    /// Calls `f(offsets)` for the outer positions in `range`, stepping like an odometer.
    pub fn for_each_outer(&self, range: std::ops::Range<usize>, mut f: impl FnMut([isize; 3])) {
        if range.is_empty() {
            return;
        }
        let outer = &self.outer;
        let mut index: Vec<usize> = {
            let mut pos = range.start;
            let mut idx = vec![0; outer.len()];
            for (ax, k) in outer.iter().enumerate().rev() {
                idx[ax] = pos % k.len;
                pos /= k.len;
            }
            idx
        };
        let mut off = self.outer_offsets(range.start);
        for _ in range {
            f(off);
            for (ax, k) in outer.iter().enumerate().rev() {
                index[ax] += 1;
                off[0] += k.s_in;
                off[1] += k.s_out;
                off[2] += k.s_par;
                if index[ax] < k.len {
                    break;
                }
                let back = k.len as isize;
                off[0] -= back * k.s_in;
                off[1] -= back * k.s_out;
                off[2] -= back * k.s_par;
                index[ax] = 0;
            }
        }
    }

    /// The (input, output, parameter) offsets of outer position `pos`, relative to `base`.
    pub fn outer_offsets(&self, pos: usize) -> [isize; 3] {
        let mut pos = pos;
        let mut off = self.base;
        for k in self.outer.iter().rev() {
            let i = (pos % k.len) as isize;
            pos /= k.len;
            off[0] += i * k.s_in;
            off[1] += i * k.s_out;
            off[2] += i * k.s_par;
        }
        off
    }
}

/// Merges sorted (largest stride first) reduced axes that form one longer strided axis.
fn merge_reduced(axes: &[(usize, isize)]) -> Vec<(usize, isize)> {
    let mut out: Vec<(usize, isize)> = Vec::with_capacity(axes.len());
    for &(len, s) in axes {
        match out.last_mut() {
            Some(last) if last.1 == s * len as isize => *last = (last.0 * len, s),
            _ => out.push((len, s)),
        }
    }
    out
}

/// Merges sorted kept axes that are contiguous in all three operands.
fn merge_kept(axes: &[KeptAxis]) -> Vec<KeptAxis> {
    let mut out: Vec<KeptAxis> = Vec::with_capacity(axes.len());
    for &k in axes {
        let n = k.len as isize;
        match out.last_mut() {
            Some(last)
                if last.s_in == k.s_in * n
                    && last.s_out == k.s_out * n
                    && last.s_par == k.s_par * n =>
            {
                *last = KeptAxis {
                    len: last.len * k.len,
                    ..k
                }
            }
            _ => out.push(k),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_and_shapes() {
        assert_eq!(
            reduce_mask(3, Some(&[-1, 0])).unwrap(),
            vec![true, false, true]
        );
        assert!(matches!(
            reduce_mask(2, Some(&[0, -2])),
            Err(Error::RepeatedAxis { axis: 0, .. })
        ));
        assert!(matches!(
            reduce_mask(2, Some(&[2])),
            Err(Error::AxisOutOfBounds { axis: 2, ndim: 2 })
        ));
        let mask = [true, false, true];
        assert_eq!(reduced_shape(&[2, 3, 4], &mask, false), vec![3]);
        assert_eq!(reduced_shape(&[2, 3, 4], &mask, true), vec![1, 3, 1]);
        assert_eq!(expand_out_strides(&[5], &mask), vec![0, 5, 0]);
    }

    #[test]
    fn c_order_axis0_walks_columns() {
        let plan = ReducePlan::new(&[100, 8], &[8, 1], &[0, 1], &[0, 0], &[true, false]);
        assert!(matches!(plan.walk, Walk::Columns { col } if col.len == 8 && col.s_in == 1));
        assert_eq!(plan.rows.len(), 100);
        assert_eq!(plan.rows.offset(3), 24);
    }

    #[test]
    fn contiguous_full_reduction_is_one_run() {
        let plan = ReducePlan::new(&[4, 5, 6], &[30, 6, 1], &[0; 3], &[0; 3], &[true; 3]);
        assert_eq!(
            plan.walk,
            Walk::Runs {
                run_len: 120,
                run_stride: 1
            }
        );
        assert_eq!(plan.rows.len(), 1);
        assert_eq!(plan.outputs, 1);
    }

    #[test]
    fn negative_strides_are_flipped() {
        let plan = ReducePlan::new(&[5], &[-1], &[0], &[0], &[true]);
        assert_eq!(plan.base[0], -4);
        assert_eq!(
            plan.walk,
            Walk::Runs {
                run_len: 5,
                run_stride: 1
            }
        );
    }
}
