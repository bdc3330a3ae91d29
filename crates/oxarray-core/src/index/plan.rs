//! Resolving an index expression against a layout into a [`Plan`]: the output shape and, for
//! every output position, how to find its source element.
//!
//! A plan describes the source offset of output position `i` (a multi-index over the output
//! shape) as
//!
//! ```text
//! base + Σ_d i[d] * strides[d] + Σ_k entries[k].offsets[Σ_d i[d] * entries[k].strides[d]]
//! ```
//!
//! where the first sum covers the basic (sliced) dimensions and each entry is one advanced
//! index (an integer array, or a mask's `nonzero()`) whose offsets already include the source
//! stride. Index arrays of equal shape are summed into one entry, and entries that vary along
//! one output dimension as an arithmetic progression are folded into that dimension's stride,
//! so that `m[rows[:, None], cols]` with stepped `rows`/`cols` becomes a strided copy.

use crate::dims::Dims;
use crate::error::{Error, Result};
use crate::layout::{Layout, broadcast_shapes, c_strides};
use crate::slice::{SliceArg, apply_slice};

use super::IndexArg;

/// One advanced index: offsets over its own (C-order) shape, and its strides over the output.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub offsets: Vec<isize>,
    pub strides: Vec<isize>,
}

/// How to read (or write) every element of an advanced-indexing result.
#[derive(Debug, Clone)]
pub(crate) struct Plan {
    /// The shape of the result.
    pub shape: Dims,
    /// Source stride of each output dimension (zero for broadcast dimensions, unless folded).
    pub strides: Vec<isize>,
    /// The advanced entries.
    pub entries: Vec<Entry>,
    /// Offset of output position `[0, ..., 0]` apart from the entries.
    pub base: isize,
}

/// NumPy's rule for where the broadcast dimensions go: in place of the advanced entries when
/// they are adjacent (integer scalars count as advanced), first otherwise.
struct Adjacency {
    state: u8,
    position: usize,
}

impl Adjacency {
    const NONE_YET: u8 = 0;
    const IN_RUN: u8 = 1;
    const AFTER_RUN: u8 = 2;
    const SPLIT: u8 = 3;

    fn advanced(&mut self, out_dims: usize) {
        match self.state {
            Self::NONE_YET => {
                self.state = Self::IN_RUN;
                self.position = out_dims;
            }
            Self::AFTER_RUN => {
                self.state = Self::SPLIT;
                self.position = 0;
            }
            _ => {}
        }
    }

    fn basic(&mut self) {
        if self.state == Self::IN_RUN {
            self.state = Self::AFTER_RUN;
        }
    }
}

/// An advanced entry before resolution: where it sits among the sliced view's axes.
enum Pending<'x, 'a> {
    Int {
        array: &'x super::IndexArray<'a>,
        view_axis: usize,
        axis: usize,
    },
    Mask {
        mask: &'x crate::array::ArrayView<'a, bool>,
        view_axis: usize,
    },
}

impl Plan {
    /// Resolves `args` against `layout`; offsets are relative to the layout's element
    /// `[0, ..., 0]`.
    pub(crate) fn new(layout: &Layout, args: &[IndexArg<'_>]) -> Result<Plan> {
        let ndim = layout.ndim();
        let mut consumed = 0usize;
        let mut ellipses = 0usize;
        let mut has_array = false;
        for arg in args {
            match arg {
                IndexArg::Basic(SliceArg::Index(_) | SliceArg::Slice { .. }) => consumed += 1,
                IndexArg::Basic(SliceArg::Ellipsis) => ellipses += 1,
                IndexArg::Basic(SliceArg::NewAxis) => {}
                IndexArg::Int(_) => {
                    consumed += 1;
                    has_array = true;
                }
                IndexArg::Mask(m) => {
                    consumed += m.ndim();
                    has_array = true;
                }
            }
        }
        if ellipses > 1 {
            return Err(Error::MultipleEllipsis);
        }
        if consumed > ndim {
            return Err(Error::TooManyIndices {
                ndim,
                given: consumed,
            });
        }

        // Replace every advanced entry by full slices: the sliced view keeps those axes, and
        // the entries index them.
        let mut basic = Vec::with_capacity(args.len() + ndim);
        let mut pending = Vec::new();
        let (mut axis, mut view_axis, mut out_dims) = (0usize, 0usize, 0usize);
        let mut adjacency = Adjacency {
            state: Adjacency::NONE_YET,
            position: 0,
        };
        for arg in args {
            match arg {
                IndexArg::Basic(s @ SliceArg::Index(_)) => {
                    basic.push(*s);
                    axis += 1;
                    if has_array {
                        adjacency.advanced(out_dims);
                    }
                }
                IndexArg::Basic(s) => {
                    let k = match s {
                        SliceArg::Slice { .. } => 1,
                        SliceArg::Ellipsis => ndim - consumed,
                        _ => 0, // NewAxis
                    };
                    basic.push(*s);
                    axis += k;
                    let out = if *s == SliceArg::NewAxis { 1 } else { k };
                    view_axis += out;
                    out_dims += out;
                    adjacency.basic();
                }
                IndexArg::Int(array) => {
                    basic.push(SliceArg::FULL);
                    pending.push(Pending::Int {
                        array,
                        view_axis,
                        axis,
                    });
                    adjacency.advanced(out_dims);
                    axis += 1;
                    view_axis += 1;
                }
                IndexArg::Mask(mask) => {
                    for (j, &mask_len) in mask.shape().iter().enumerate() {
                        let len = layout.shape[axis + j];
                        if mask_len != len {
                            return Err(Error::MaskMismatch {
                                axis: axis + j,
                                len,
                                mask_len,
                            });
                        }
                        basic.push(SliceArg::FULL);
                    }
                    pending.push(Pending::Mask { mask, view_axis });
                    adjacency.advanced(out_dims);
                    axis += mask.ndim();
                    view_axis += mask.ndim();
                }
            }
        }
        let (view, view_offset) = apply_slice(layout, &basic)?;
        if !has_array {
            return Ok(Plan {
                shape: view.shape.clone(),
                strides: view.strides.to_vec(),
                entries: Vec::new(),
                base: view_offset,
            });
        }

        // Masks first (their shapes are only known once counted), then the broadcast shape,
        // then the integer arrays (checking bounds).
        let mut advanced_axes = vec![false; view.ndim()];
        let mut shapes: Vec<Dims> = Vec::with_capacity(pending.len());
        let mut resolved: Vec<Option<Vec<isize>>> = Vec::with_capacity(pending.len());
        for p in &pending {
            match p {
                Pending::Int {
                    array, view_axis, ..
                } => {
                    advanced_axes[*view_axis] = true;
                    shapes.push(array.shape());
                    resolved.push(None);
                }
                Pending::Mask { mask, view_axis } => {
                    let k = mask.ndim();
                    advanced_axes[*view_axis..*view_axis + k].fill(true);
                    let offsets = mask_offsets(mask, &view.strides[*view_axis..*view_axis + k]);
                    shapes.push(Dims::from([offsets.len()]));
                    resolved.push(Some(offsets));
                }
            }
        }
        let shape_refs: Vec<&[usize]> = shapes.iter().map(|s| &s[..]).collect();
        let bshape = broadcast_shapes(&shape_refs).map_err(|_| Error::IndexShapeMismatch {
            shapes: shapes.iter().map(|s| s.to_vec()).collect(),
        })?;
        let mut entries: Vec<(Dims, Vec<isize>)> = Vec::with_capacity(pending.len());
        for ((p, shape), offsets) in pending.iter().zip(shapes).zip(resolved) {
            let offsets = match (p, offsets) {
                (_, Some(o)) => o,
                (
                    Pending::Int {
                        array,
                        view_axis,
                        axis,
                    },
                    None,
                ) => array.offsets(view.shape[*view_axis], *axis, view.strides[*view_axis])?,
                (Pending::Mask { .. }, None) => unreachable!("masks are resolved above"),
            };
            // Index arrays of one shape always move together: one entry with summed offsets.
            match entries.iter_mut().find(|(s, _)| *s == shape) {
                Some((_, acc)) => acc.iter_mut().zip(&offsets).for_each(|(a, o)| *a += o),
                None => entries.push((shape, offsets)),
            }
        }

        // Output: the basic axes, with the broadcast dimensions at the adjacency position.
        let position = adjacency.position;
        let mut shape = Dims::new();
        let mut strides = Vec::new();
        let basic_axes: Vec<usize> = (0..view.ndim()).filter(|&a| !advanced_axes[a]).collect();
        for &a in &basic_axes[..position] {
            shape.push(view.shape[a]);
            strides.push(view.strides[a]);
        }
        for &d in &bshape {
            shape.push(d);
            strides.push(0);
        }
        for &a in &basic_axes[position..] {
            shape.push(view.shape[a]);
            strides.push(view.strides[a]);
        }
        let lead = position + bshape.len();
        let entries = entries
            .into_iter()
            .map(|(eshape, offsets)| {
                let mut es = vec![0isize; shape.len()];
                let cs = c_strides(&eshape);
                let first = lead - eshape.len();
                for (j, (&d, &s)) in eshape.iter().zip(cs.iter()).enumerate() {
                    if d != 1 {
                        es[first + j] = s;
                    }
                }
                Entry {
                    offsets,
                    strides: es,
                }
            })
            .collect();
        let mut plan = Plan {
            shape,
            strides,
            entries,
            base: view_offset,
        };
        plan.fold_progressions();
        Ok(plan)
    }

    /// Folds entries that are constant, or an arithmetic progression along one output
    /// dimension, into `base` and that dimension's stride.
    fn fold_progressions(&mut self) {
        if self.shape.contains(&0) {
            return;
        }
        let shape = &self.shape;
        let strides = &mut self.strides;
        let base = &mut self.base;
        self.entries.retain(|e| {
            let mut varying = (0..shape.len()).filter(|&d| e.strides[d] != 0);
            match (varying.next(), varying.next()) {
                (None, _) => {
                    *base += e.offsets[0];
                    false
                }
                (Some(d), None) => {
                    let o = &e.offsets;
                    let step = o[1] - o[0];
                    if o.windows(2).all(|w| w[1] - w[0] == step) {
                        *base += o[0];
                        strides[d] += step;
                        false
                    } else {
                        true
                    }
                }
                _ => true,
            }
        });
    }
}

/// The offsets (`Σ_j index_j * strides[j]`) of the true elements of `mask`, in C order.
fn mask_offsets(mask: &crate::array::ArrayView<'_, bool>, strides: &[isize]) -> Vec<isize> {
    let mut out = Vec::new();
    let m = mask.as_ptr();
    let all = 0..mask.len();
    super::mask::runs2(
        mask.shape(),
        mask.strides(),
        strides,
        all,
        |om, os, len, sm, ss| {
            for j in 0..len as isize {
                // SAFETY: the runs address elements of `mask` (invariant 1).
                if unsafe { *m.offset(om + j * sm) } {
                    out.push(os + j * ss);
                }
            }
        },
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::array::Array;
    use crate::layout::Order;
    use crate::slice::NewAxis;

    #[test]
    fn stepped_outer_product_becomes_a_strided_copy() {
        // m[rows[:, None], cols] with rows = cols = arange(0, 10, 2): benchmark A4's pattern.
        let layout = Layout::contiguous(&[10, 10], Order::C);
        let rows = Array::<i64>::arange(0, 10, 2).unwrap();
        let cols = Array::<i64>::arange(0, 10, 2).unwrap();
        let rc = rows.slice(crate::s![.., NewAxis]).unwrap();
        let plan = Plan::new(&layout, &[IndexArg::from(&rc), IndexArg::from(&cols)]).unwrap();
        assert_eq!(&plan.shape[..], &[5, 5]);
        assert!(plan.entries.is_empty());
        assert_eq!(plan.strides, vec![20, 2]);
        assert_eq!(plan.base, 0);
    }

    #[test]
    fn arbitrary_indices_stay_gathers_and_equal_shapes_merge() {
        let layout = Layout::contiguous(&[10, 10], Order::C);
        let rows = [3i64, 1, 4];
        let cols = [1i64, 5, 9];
        // m[rows, cols]: one shape, one entry (offsets 31, 15, 49: no progression).
        let plan = Plan::new(&layout, &[IndexArg::from(&rows), IndexArg::from(&cols)]).unwrap();
        assert_eq!(plan.entries.len(), 1);
        assert_eq!(plan.entries[0].offsets, vec![31, 15, 49]);
        // A constant index folds into the base: m[[7], 2:4].
        let plan = Plan::new(&layout, &[IndexArg::from(&[7i64]), IndexArg::from(2..4)]).unwrap();
        assert!(plan.entries.is_empty());
        assert_eq!(plan.base, 72);
        assert_eq!(&plan.shape[..], &[1, 2]);
    }
}
