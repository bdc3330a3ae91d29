//! Shared helpers of the behaviour tests: a naive reference model of strided views, the
//! proptest strategies that build random arrays and views.
//!
//! The reference model knows nothing of oxarray's layout code: a view is a shape, strides and
//! an offset into a plain `Vec<i64>`, and every element address is computed by hand as
//! `offset + Σ index[k] * strides[k]`. Base arrays hold `VALUE_BASE + memory position` at each
//! memory position, so an element's value names its address and comparing values compares
//! addresses.

#![allow(dead_code)]

use oxarray_core::{Array, ArrayView, ArrayViewMut, Order, SliceArg};
use proptest::prelude::*;

/// Value stored at memory position 0 of every base array; position `k` holds `VALUE_BASE + k`.
pub const VALUE_BASE: i64 = 1000;

/// A strided view of a flat buffer, computed by hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Model {
    /// Length of each axis.
    pub shape: Vec<usize>,
    /// Element strides (signed).
    pub strides: Vec<isize>,
    /// Memory position of element `[0, ..., 0]`.
    pub offset: isize,
}

impl Model {
    /// A contiguous array of `shape` in `order` starting at memory position 0.
    pub fn contiguous(shape: &[usize], order: Order) -> Model {
        let n = shape.len();
        let mut strides = vec![0isize; n];
        for i in 0..n {
            // C: product of the later lengths; F: product of the earlier lengths.
            let others: &[usize] = match order {
                Order::C => &shape[i + 1..],
                Order::F => &shape[..i],
            };
            strides[i] = others.iter().product::<usize>() as isize;
        }
        Model {
            shape: shape.to_vec(),
            strides,
            offset: 0,
        }
    }

    pub fn ndim(&self) -> usize {
        self.shape.len()
    }

    pub fn size(&self) -> usize {
        self.shape.iter().product()
    }

    /// Memory position of a multi-index.
    pub fn addr(&self, index: &[usize]) -> isize {
        assert_eq!(index.len(), self.ndim());
        self.offset
            + index
                .iter()
                .zip(&self.strides)
                .map(|(&i, &s)| i as isize * s)
                .sum::<isize>()
    }

    /// Memory positions of every element in row-major logical order.
    pub fn addrs_c(&self) -> Vec<isize> {
        multi_indices(&self.shape)
            .iter()
            .map(|i| self.addr(i))
            .collect()
    }

    /// Memory positions of every element in column-major logical order.
    pub fn addrs_f(&self) -> Vec<isize> {
        let mut rev = self.shape.clone();
        rev.reverse();
        multi_indices(&rev)
            .iter()
            .map(|i| {
                let mut j = i.clone();
                j.reverse();
                self.addr(&j)
            })
            .collect()
    }

    /// The values the view shows in row-major order, over `mem`.
    pub fn values_c(&self, mem: &[i64]) -> Vec<i64> {
        self.addrs_c()
            .iter()
            .map(|&a| mem[usize::try_from(a).expect("address inside the buffer")])
            .collect()
    }

    /// The values the view shows when positions hold `VALUE_BASE + position`.
    pub fn expected_values(&self) -> Vec<i64> {
        self.addrs_c()
            .iter()
            .map(|&a| VALUE_BASE + a as i64)
            .collect()
    }

    /// Whether some two multi-indices share an address (broadcast views).
    pub fn overlaps(&self) -> bool {
        let mut a = self.addrs_c();
        a.sort_unstable();
        a.windows(2).any(|w| w[0] == w[1])
    }
}

/// Every multi-index of `shape` in row-major order (an odometer, written out).
pub fn multi_indices(shape: &[usize]) -> Vec<Vec<usize>> {
    let size: usize = shape.iter().product();
    let mut out = Vec::with_capacity(size);
    if size == 0 {
        return out;
    }
    let mut idx = vec![0usize; shape.len()];
    for _ in 0..size {
        out.push(idx.clone());
        for ax in (0..shape.len()).rev() {
            idx[ax] += 1;
            if idx[ax] < shape[ax] {
                break;
            }
            idx[ax] = 0;
        }
    }
    out
}

/// The positions Python's `range(len)[start:stop:step]` selects, following CPython's
/// `PySlice_GetIndicesEx` (bounds clipped, defaults depending on the sign of `step`).
pub fn py_slice(start: Option<isize>, stop: Option<isize>, step: isize, len: usize) -> Vec<usize> {
    assert!(step != 0);
    let n = len as i128;
    let (lower, upper) = if step < 0 { (-1, n - 1) } else { (0, n) };
    let norm = |v: Option<isize>, default: i128| -> i128 {
        match v {
            None => default,
            Some(v) if v < 0 => (v as i128 + n).max(lower),
            Some(v) => (v as i128).min(upper),
        }
    };
    let (start, stop) = if step < 0 {
        (norm(start, upper), norm(stop, lower))
    } else {
        (norm(start, lower), norm(stop, upper))
    };
    let mut out = vec![];
    let mut i = start;
    while (step > 0 && i < stop) || (step < 0 && i > stop) {
        out.push(i as usize);
        i += step as i128;
    }
    out
}

/// One random view transform, with axes given as seeds reduced modulo the rank when applied.
#[derive(Debug, Clone)]
pub enum ViewOp {
    /// `.t()`
    Transpose,
    /// `permute_axes`, the permutation drawn from the seed.
    Permute(u64),
    /// `flip` of one axis.
    Flip(usize),
    /// `a[..., start:stop:step, ...]` on one axis.
    Step {
        axis: usize,
        start: Option<isize>,
        stop: Option<isize>,
        step: isize,
    },
    /// `expand_dims` at one position (read-only chains only add it freely).
    ExpandDims(usize),
    /// `broadcast_to`: length-one axes stretched, maybe a new leading axis (read-only only).
    Broadcast {
        stretch: Vec<usize>,
        lead: Option<usize>,
    },
}

/// A permutation of `0..n` drawn from `seed` (Fisher-Yates with a small LCG).
pub fn permutation(n: usize, seed: u64) -> Vec<usize> {
    let mut p: Vec<usize> = (0..n).collect();
    let mut s = seed | 1;
    for i in (1..n).rev() {
        s = s
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let j = ((s >> 33) % (i as u64 + 1)) as usize;
        p.swap(i, j);
    }
    p
}

/// The largest rank the view chains build.
pub const MAX_RANK: usize = 5;

impl ViewOp {
    /// Applies the transform to the model, or `None` when it does not apply at this rank.
    pub fn apply_model(&self, m: &Model) -> Option<Model> {
        let n = m.ndim();
        let mut out = m.clone();
        match self {
            ViewOp::Transpose => {
                out.shape.reverse();
                out.strides.reverse();
            }
            ViewOp::Permute(seed) => {
                let p = permutation(n, *seed);
                out.shape = p.iter().map(|&a| m.shape[a]).collect();
                out.strides = p.iter().map(|&a| m.strides[a]).collect();
            }
            ViewOp::Flip(axis) => {
                if n == 0 {
                    return None;
                }
                let a = axis % n;
                if m.shape[a] > 0 {
                    out.offset += (m.shape[a] as isize - 1) * m.strides[a];
                }
                out.strides[a] = -m.strides[a];
            }
            ViewOp::Step {
                axis,
                start,
                stop,
                step,
            } => {
                if n == 0 {
                    return None;
                }
                let a = axis % n;
                let sel = py_slice(*start, *stop, *step, m.shape[a]);
                if let Some(&first) = sel.first() {
                    out.offset += first as isize * m.strides[a];
                }
                out.shape[a] = sel.len();
                out.strides[a] = m.strides[a] * step;
            }
            ViewOp::ExpandDims(pos) => {
                if n >= MAX_RANK {
                    return None;
                }
                let p = pos % (n + 1);
                out.shape.insert(p, 1);
                out.strides.insert(p, 0);
            }
            ViewOp::Broadcast { .. } => {
                let (shape, _) = self.broadcast_target(m)?;
                let extra = shape.len() - n;
                let mut strides = vec![0isize; extra];
                for a in 0..n {
                    strides.push(if m.shape[a] == shape[extra + a] {
                        m.strides[a]
                    } else {
                        0
                    });
                }
                out.shape = shape;
                out.strides = strides;
            }
        }
        Some(out)
    }

    /// The target shape of a `Broadcast` op on `m`, and whether it changes anything.
    fn broadcast_target(&self, m: &Model) -> Option<(Vec<usize>, bool)> {
        let ViewOp::Broadcast { stretch, lead } = self else {
            return None;
        };
        let mut shape = vec![];
        if let Some(l) = lead
            && m.ndim() < MAX_RANK
        {
            shape.push(*l);
        }
        for (a, &d) in m.shape.iter().enumerate() {
            shape.push(if d == 1 {
                stretch.get(a).copied().unwrap_or(1)
            } else {
                d
            });
        }
        let changed = shape != m.shape;
        Some((shape, changed))
    }

    /// Applies the transform to a read-only view (the model decides whether it applies).
    pub fn apply_view<'a>(&self, v: ArrayView<'a, i64>, m: &Model) -> ArrayView<'a, i64> {
        let n = m.ndim();
        match self {
            ViewOp::Transpose => v.into_t(),
            ViewOp::Permute(seed) => {
                let p: Vec<isize> = permutation(n, *seed).iter().map(|&a| a as isize).collect();
                v.into_permuted(&p).unwrap()
            }
            ViewOp::Flip(axis) => v.into_flip(Some(&[(axis % n) as isize])).unwrap(),
            ViewOp::Step { .. } => v.into_slice(self.step_args(n)).unwrap(),
            ViewOp::ExpandDims(pos) => v.into_expand_dims(&[(pos % (n + 1)) as isize]).unwrap(),
            ViewOp::Broadcast { .. } => {
                let (shape, _) = self.broadcast_target(m).unwrap();
                v.into_broadcast_to(shape).unwrap()
            }
        }
    }

    /// Applies the transform to a mutable view (never `Broadcast`).
    pub fn apply_view_mut<'a>(&self, v: ArrayViewMut<'a, i64>, m: &Model) -> ArrayViewMut<'a, i64> {
        let n = m.ndim();
        match self {
            ViewOp::Transpose => v.into_t(),
            ViewOp::Permute(seed) => {
                let p: Vec<isize> = permutation(n, *seed).iter().map(|&a| a as isize).collect();
                v.into_permuted(&p).unwrap()
            }
            ViewOp::Flip(axis) => v.into_flip(Some(&[(axis % n) as isize])).unwrap(),
            ViewOp::Step { .. } => v.into_slice(self.step_args(n)).unwrap(),
            ViewOp::ExpandDims(pos) => v.into_expand_dims(&[(pos % (n + 1)) as isize]).unwrap(),
            ViewOp::Broadcast { .. } => unreachable!("mutable chains never broadcast"),
        }
    }

    fn step_args(&self, n: usize) -> Vec<SliceArg> {
        let ViewOp::Step {
            axis,
            start,
            stop,
            step,
        } = *self
        else {
            unreachable!()
        };
        let mut args = vec![SliceArg::FULL; n];
        args[axis % n] = SliceArg::Slice { start, stop, step };
        args
    }
}

/// A random base array (shape and memory order) and a chain of view transforms.
#[derive(Debug, Clone)]
pub struct ViewCase {
    pub shape: Vec<usize>,
    pub order: Order,
    pub ops: Vec<ViewOp>,
}

impl ViewCase {
    /// The base buffer: position `k` holds `VALUE_BASE + k`.
    pub fn memory(&self) -> Vec<i64> {
        let size: usize = self.shape.iter().product();
        (0..size as i64).map(|k| VALUE_BASE + k).collect()
    }

    /// The base array, its memory laid out in `order`.
    pub fn base(&self) -> Array<i64> {
        Array::from_vec_order(self.memory(), &self.shape[..], self.order).unwrap()
    }

    /// The model of the final view (the transforms that apply at their rank).
    pub fn model(&self) -> Model {
        let mut m = Model::contiguous(&self.shape, self.order);
        for op in &self.ops {
            if let Some(next) = op.apply_model(&m) {
                m = next;
            }
        }
        m
    }

    /// The final model and a view built by the same transforms from `base`.
    pub fn view<'a>(&self, base: &'a Array<i64>) -> (ArrayView<'a, i64>, Model) {
        let mut m = Model::contiguous(&self.shape, self.order);
        let mut v = base.view();
        for op in &self.ops {
            if let Some(next) = op.apply_model(&m) {
                v = op.apply_view(v, &m);
                m = next;
            }
        }
        (v, m)
    }

    /// The same as [`ViewCase::view`] for writing (`ops` must not broadcast).
    pub fn view_mut<'a>(&self, base: &'a mut Array<i64>) -> (ArrayViewMut<'a, i64>, Model) {
        let mut m = Model::contiguous(&self.shape, self.order);
        let mut v = base.view_mut();
        for op in &self.ops {
            if let Some(next) = op.apply_model(&m) {
                v = op.apply_view_mut(v, &m);
                m = next;
            }
        }
        (v, m)
    }
}

/// An axis length: 0 and 1 often, up to 5.
pub fn axis_len() -> impl Strategy<Value = usize> {
    prop_oneof![1 => Just(0usize), 2 => Just(1usize), 6 => 2usize..=5]
}

/// A shape of rank 0 to `max_rank`.
pub fn shape_strategy(max_rank: usize) -> impl Strategy<Value = Vec<usize>> {
    proptest::collection::vec(axis_len(), 0..=max_rank)
}

pub fn order_strategy() -> impl Strategy<Value = Order> {
    prop_oneof![Just(Order::C), Just(Order::F)]
}

/// A slice bound: often absent, sometimes negative or out of range.
pub fn bound() -> impl Strategy<Value = Option<isize>> {
    prop_oneof![2 => Just(None), 5 => (-8isize..=8).prop_map(Some)]
}

pub fn nonzero_step() -> impl Strategy<Value = isize> {
    prop_oneof![4 => Just(1isize), 2 => Just(-1isize), 2 => 2isize..=3, 2 => -3isize..=-2]
}

fn view_op(broadcasting: bool) -> BoxedStrategy<ViewOp> {
    let base = prop_oneof![
        Just(ViewOp::Transpose),
        any::<u64>().prop_map(ViewOp::Permute),
        any::<usize>().prop_map(ViewOp::Flip),
        (any::<usize>(), bound(), bound(), nonzero_step()).prop_map(|(axis, start, stop, step)| {
            ViewOp::Step {
                axis,
                start,
                stop,
                step,
            }
        }),
        any::<usize>().prop_map(ViewOp::ExpandDims),
    ];
    if broadcasting {
        prop_oneof![
            5 => base,
            1 => (
                proptest::collection::vec(0usize..=3, MAX_RANK),
                proptest::option::of(0usize..=3)
            )
                .prop_map(|(stretch, lead)| ViewOp::Broadcast { stretch, lead }),
        ]
        .boxed()
    } else {
        base.boxed()
    }
}

/// Random views: C or F base of rank up to 4, then up to four transforms (transpose, permute,
/// flip, stepped slices with negative steps, new axes; broadcasting when `broadcasting`).
pub fn view_case(broadcasting: bool) -> impl Strategy<Value = ViewCase> {
    (
        shape_strategy(4),
        order_strategy(),
        proptest::collection::vec(view_op(broadcasting), 0..=4),
    )
        .prop_map(|(shape, order, ops)| ViewCase { shape, order, ops })
}

/// Asserts that `v` shows exactly the elements of `m` (shape and every element's address, via
/// the values), through `get`, `iter`, `to_vec` and `Index`-free paths.
pub fn assert_view_matches(v: &ArrayView<'_, i64>, m: &Model) {
    assert_eq!(v.shape(), &m.shape[..], "shape");
    assert_eq!(v.len(), m.size(), "len");
    let expected = m.expected_values();
    assert_eq!(v.to_vec(), expected, "to_vec in logical order");
    assert_eq!(
        v.iter().copied().collect::<Vec<_>>(),
        expected,
        "iter in logical order"
    );
    assert_eq!(v.iter().len(), expected.len(), "iter length");
    for (idx, want) in multi_indices(&m.shape).iter().zip(&expected) {
        let signed: Vec<isize> = idx.iter().map(|&i| i as isize).collect();
        assert_eq!(v.get(&signed).unwrap(), want, "get({idx:?})");
        // Negative indices address the same elements.
        let neg: Vec<isize> = idx
            .iter()
            .zip(&m.shape)
            .map(|(&i, &d)| i as isize - d as isize)
            .collect();
        assert_eq!(v.get(&neg).unwrap(), want, "get({neg:?})");
    }
    // Strides agree wherever they matter (axes longer than one).
    for a in 0..m.ndim() {
        if m.shape[a] > 1 && m.size() > 0 {
            assert_eq!(v.strides()[a], m.strides[a], "stride of axis {a}");
        }
    }
}
