//! Advanced indexing against a naive reference: a plain `Vec` in C order and nested loops that
//! compute, for every output position, its source multi-index by NumPy's rules.

use oxarray_core::{
    Array, ArrayView, ArrayViewMut, Error, IndexArg, IndexArray, NewAxis, Order, SliceArg, idx, s,
};
use proptest::prelude::*;

// ---------------------------------------------------------------------------------------------
// Random numbers from a proptest seed (the index expressions depend on the view's shape).

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    /// Uniform in `lo..hi` (`lo` when empty).
    fn range(&mut self, lo: isize, hi: isize) -> isize {
        if hi <= lo {
            lo
        } else {
            lo + self.below((hi - lo) as usize) as isize
        }
    }
    fn chance(&mut self, num: usize, den: usize) -> bool {
        self.below(den) < num
    }
}

// ---------------------------------------------------------------------------------------------
// Test-side description of an index expression, turned both into `IndexArg`s and into the
// reference's input.

#[derive(Clone, Debug)]
enum IntKind {
    I64,
    I32,
    U16,
    Isize,
    /// An i64 array stored reversed and read through a `..;-1` view (negative strides).
    ReversedI64,
}

#[derive(Clone, Debug)]
enum Spec {
    Basic(SliceArg),
    Int {
        shape: Vec<usize>,
        values: Vec<i64>,
        kind: IntKind,
    },
    Mask {
        shape: Vec<usize>,
        values: Vec<bool>,
        f_order: bool,
    },
}

/// The arrays behind the specs, which the `IndexArg`s borrow.
enum Held {
    None,
    I64(Array<i64>),
    I32(Array<i32>),
    U16(Array<u16>),
    Isize(Vec<isize>),
    Bool(Array<bool>),
}

fn hold(specs: &[Spec]) -> Vec<Held> {
    specs
        .iter()
        .map(|spec| match spec {
            Spec::Basic(_) => Held::None,
            Spec::Int {
                shape,
                values,
                kind,
            } => match kind {
                IntKind::I64 => Held::I64(Array::from_vec(values.clone(), &shape[..]).unwrap()),
                IntKind::I32 => Held::I32(
                    Array::from_vec(values.iter().map(|&v| v as i32).collect(), &shape[..])
                        .unwrap(),
                ),
                IntKind::U16 => Held::U16(
                    Array::from_vec(values.iter().map(|&v| v as u16).collect(), &shape[..])
                        .unwrap(),
                ),
                IntKind::Isize => Held::Isize(values.iter().map(|&v| v as isize).collect()),
                IntKind::ReversedI64 => {
                    let rev: Vec<i64> = values.iter().rev().copied().collect();
                    Held::I64(Array::from_vec(rev, &shape[..]).unwrap())
                }
            },
            Spec::Mask {
                shape,
                values,
                f_order,
            } => {
                let c = Array::from_vec(values.clone(), &shape[..]).unwrap();
                Held::Bool(if *f_order {
                    Array::from_view_in_order(&c.view(), Order::F)
                } else {
                    c
                })
            }
        })
        .collect()
}

fn args<'a>(specs: &[Spec], held: &'a [Held]) -> Vec<IndexArg<'a>> {
    specs
        .iter()
        .zip(held)
        .map(|(spec, h)| match (spec, h) {
            (Spec::Basic(b), _) => IndexArg::Basic(*b),
            (
                Spec::Int {
                    kind: IntKind::ReversedI64,
                    shape,
                    ..
                },
                Held::I64(a),
            ) => {
                let all_reversed = vec![SliceArg::stepped(.., -1); shape.len()];
                IndexArg::from(a.slice(&all_reversed[..]).unwrap())
            }
            (_, Held::I64(a)) => IndexArg::from(a),
            (_, Held::I32(a)) => IndexArg::from(a),
            (_, Held::U16(a)) => IndexArg::from(a),
            (_, Held::Isize(v)) => IndexArg::from(&v[..]),
            (_, Held::Bool(m)) => IndexArg::from(m),
            (_, Held::None) => unreachable!(),
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The reference.

#[derive(Debug, PartialEq)]
enum RefError {
    TooMany,
    OutOfBounds {
        index: isize,
        axis: usize,
        len: usize,
    },
    MaskMismatch {
        axis: usize,
        len: usize,
        mask_len: usize,
    },
    Broadcast,
}

fn c_strides(shape: &[usize]) -> Vec<usize> {
    let mut st = vec![1; shape.len()];
    for a in (0..shape.len().saturating_sub(1)).rev() {
        st[a] = st[a + 1] * shape[a + 1];
    }
    st
}

/// All multi-indices of `shape` in C order.
fn multi_indices(shape: &[usize]) -> Vec<Vec<usize>> {
    let size: usize = shape.iter().product();
    (0..size)
        .map(|mut p| {
            let mut idx = vec![0; shape.len()];
            for a in (0..shape.len()).rev() {
                idx[a] = p % shape[a];
                p /= shape[a];
            }
            idx
        })
        .collect()
}

/// CPython's `slice(start, stop, step).indices(len)`, listed.
fn py_slice(start: Option<isize>, stop: Option<isize>, step: isize, len: usize) -> Vec<usize> {
    let n = len as isize;
    let (lower, upper) = if step > 0 { (0, n) } else { (-1, n - 1) };
    let clamp = |v: Option<isize>, default: isize| match v {
        None => default,
        Some(v) if v < 0 => (v + n).max(lower),
        Some(v) => v.min(upper),
    };
    let start = clamp(start, if step > 0 { lower } else { upper });
    let stop = clamp(stop, if step > 0 { upper } else { lower });
    let mut out = vec![];
    let mut i = start;
    while (step > 0 && i < stop) || (step < 0 && i > stop) {
        out.push(i as usize);
        i += step;
    }
    out
}

fn broadcast(shapes: &[Vec<usize>]) -> Option<Vec<usize>> {
    let nd = shapes.iter().map(Vec::len).max().unwrap_or(0);
    let mut out = vec![1; nd];
    for s in shapes {
        for (j, &d) in s.iter().enumerate() {
            let o = &mut out[nd - s.len() + j];
            if *o == 1 {
                *o = d;
            } else if d != 1 && d != *o {
                return None;
            }
        }
    }
    Some(out)
}

/// Position in an array of `shape` read at broadcast index `b` (right-aligned).
fn broadcast_pos(shape: &[usize], b: &[usize]) -> usize {
    let st = c_strides(shape);
    let lead = b.len() - shape.len();
    shape
        .iter()
        .enumerate()
        .map(|(j, &d)| if d == 1 { 0 } else { b[lead + j] * st[j] })
        .sum()
}

enum Item {
    Slice {
        axis: usize,
        positions: Vec<usize>,
    },
    New,
    Separator,
    Fancy {
        axes: Vec<usize>,
        shape: Vec<usize>,
        values: Vec<Vec<i64>>,
    },
    Scalar {
        axis: usize,
        i: usize,
    },
}

/// The output shape of `a[specs]` and, for each output element in C order, the C-order
/// position of its source element in an array of `shape`.
fn reference(shape: &[usize], specs: &[Spec]) -> Result<(Vec<usize>, Vec<usize>), RefError> {
    let ndim = shape.len();
    let has_array = specs.iter().any(|s| !matches!(s, Spec::Basic(_)));
    let consumed: usize = specs
        .iter()
        .map(|s| match s {
            Spec::Basic(SliceArg::Index(_) | SliceArg::Slice { .. }) | Spec::Int { .. } => 1,
            Spec::Basic(_) => 0,
            Spec::Mask { shape, .. } => shape.len(),
        })
        .sum();
    if consumed > ndim {
        return Err(RefError::TooMany);
    }
    let mut items = vec![];
    let mut axis = 0;
    for spec in specs {
        match spec {
            Spec::Basic(SliceArg::Index(i)) => {
                let n = shape[axis] as isize;
                let j = if *i < 0 { i + n } else { *i };
                if j < 0 || j >= n {
                    return Err(RefError::OutOfBounds {
                        index: *i,
                        axis,
                        len: shape[axis],
                    });
                }
                items.push(if has_array {
                    Item::Fancy {
                        axes: vec![axis],
                        shape: vec![],
                        values: vec![vec![j as i64]],
                    }
                } else {
                    Item::Scalar {
                        axis,
                        i: j as usize,
                    }
                });
                axis += 1;
            }
            Spec::Basic(SliceArg::Slice { start, stop, step }) => {
                items.push(Item::Slice {
                    axis,
                    positions: py_slice(*start, *stop, *step, shape[axis]),
                });
                axis += 1;
            }
            Spec::Basic(SliceArg::NewAxis) => items.push(Item::New),
            Spec::Basic(SliceArg::Ellipsis) => {
                items.push(Item::Separator);
                for _ in 0..ndim - consumed {
                    items.push(Item::Slice {
                        axis,
                        positions: (0..shape[axis]).collect(),
                    });
                    axis += 1;
                }
            }
            Spec::Int {
                shape: s, values, ..
            } => {
                items.push(Item::Fancy {
                    axes: vec![axis],
                    shape: s.clone(),
                    values: vec![values.clone()],
                });
                axis += 1;
            }
            Spec::Mask {
                shape: ms, values, ..
            } => {
                for (j, &mask_len) in ms.iter().enumerate() {
                    if mask_len != shape[axis + j] {
                        return Err(RefError::MaskMismatch {
                            axis: axis + j,
                            len: shape[axis + j],
                            mask_len,
                        });
                    }
                }
                let k = ms.len();
                let mut coords = vec![vec![]; k];
                let mut count = 0;
                for (idx, &b) in multi_indices(ms).iter().zip(values) {
                    if b {
                        count += 1;
                        for j in 0..k {
                            coords[j].push(idx[j] as i64);
                        }
                    }
                }
                items.push(Item::Fancy {
                    axes: (axis..axis + k).collect(),
                    shape: vec![count],
                    values: coords,
                });
                axis += k;
            }
        }
    }
    while axis < ndim {
        items.push(Item::Slice {
            axis,
            positions: (0..shape[axis]).collect(),
        });
        axis += 1;
    }
    let fancy: Vec<usize> = (0..items.len())
        .filter(|&i| matches!(items[i], Item::Fancy { .. }))
        .collect();
    let shapes: Vec<Vec<usize>> = fancy
        .iter()
        .map(|&i| match &items[i] {
            Item::Fancy { shape, .. } => shape.clone(),
            _ => unreachable!(),
        })
        .collect();
    let bshape = broadcast(&shapes).ok_or(RefError::Broadcast)?;
    for &i in &fancy {
        if let Item::Fancy { axes, values, .. } = &mut items[i] {
            for (a, vals) in axes.iter().zip(values.iter_mut()) {
                for v in vals.iter_mut() {
                    let n = shape[*a] as i64;
                    let j = if *v < 0 { *v + n } else { *v };
                    if j < 0 || j >= n {
                        return Err(RefError::OutOfBounds {
                            index: *v as isize,
                            axis: *a,
                            len: shape[*a],
                        });
                    }
                    *v = j;
                }
            }
        }
    }
    let adjacent = fancy.windows(2).all(|w| w[1] == w[0] + 1);
    // Output dims: Some(item) for basic dims, None for broadcast dims.
    let mut dims: Vec<Option<usize>> = vec![];
    let mut insert_at = 0;
    for (i, item) in items.iter().enumerate() {
        match item {
            Item::Slice { .. } | Item::New => dims.push(Some(i)),
            Item::Fancy { .. } if adjacent && Some(&i) == fancy.first() => insert_at = dims.len(),
            _ => {}
        }
    }
    let mut out_shape: Vec<usize> = dims
        .iter()
        .map(|d| match &items[d.unwrap()] {
            Item::Slice { positions, .. } => positions.len(),
            _ => 1,
        })
        .collect();
    for (j, &d) in bshape.iter().enumerate() {
        out_shape.insert(insert_at + j, d);
        dims.insert(insert_at + j, None);
    }
    let st = c_strides(shape);
    let positions = multi_indices(&out_shape)
        .into_iter()
        .map(|out| {
            let b: Vec<usize> = (0..out.len())
                .filter(|&d| dims[d].is_none())
                .map(|d| out[d])
                .collect();
            let mut src = vec![0usize; ndim];
            for (d, item) in dims.iter().enumerate() {
                if let Some(Item::Slice { axis, positions }) = item.map(|i| &items[i]) {
                    src[*axis] = positions[out[d]];
                }
            }
            for item in &items {
                match item {
                    Item::Fancy {
                        axes,
                        shape: fs,
                        values,
                    } => {
                        let p = broadcast_pos(fs, &b);
                        for (a, vals) in axes.iter().zip(values) {
                            src[*a] = vals[p] as usize;
                        }
                    }
                    Item::Scalar { axis, i } => src[*axis] = *i,
                    _ => {}
                }
            }
            src.iter().zip(&st).map(|(i, s)| i * s).sum()
        })
        .collect();
    Ok((out_shape, positions))
}

fn check_error(ours: &Error, expected: &RefError) -> bool {
    match (ours, expected) {
        (Error::TooManyIndices { .. }, RefError::TooMany) => true,
        (Error::IndexShapeMismatch { .. }, RefError::Broadcast) => true,
        (
            Error::IndexOutOfBounds { index, axis, len },
            RefError::OutOfBounds {
                index: i,
                axis: a,
                len: l,
            },
        ) => index == i && axis == a && len == l,
        (
            Error::MaskMismatch {
                axis,
                len,
                mask_len,
            },
            RefError::MaskMismatch {
                axis: a,
                len: l,
                mask_len: m,
            },
        ) => axis == a && len == l && mask_len == m,
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------------
// Random arrays, views and index expressions.

/// A base array whose values are their own C-order positions (so every value is unique and
/// names the element it came from), stored in `order`.
fn base_array(shape: &[usize], order: Order) -> Array<i32> {
    let st = c_strides(shape);
    let c = Array::from_shape_fn(shape, |idx: &[usize]| {
        idx.iter().zip(&st).map(|(i, s)| i * s).sum::<usize>() as i32
    })
    .unwrap();
    Array::from_view_in_order(&c.view(), order)
}

/// A random view recipe: slices with random steps (negative included) and a permutation.
fn view_recipe(rng: &mut Rng, shape: &[usize]) -> (Vec<SliceArg>, Option<Vec<isize>>) {
    let slices = shape
        .iter()
        .map(|&len| {
            if rng.chance(1, 3) {
                SliceArg::FULL
            } else {
                let n = len as isize;
                let step = [-3, -2, -1, 1, 2, 3][rng.below(6)];
                // Mostly open bounds, so that most views keep some elements.
                let bound = |rng: &mut Rng| {
                    if rng.chance(7, 8) {
                        None
                    } else {
                        Some(rng.range(-n - 1, n + 2))
                    }
                };
                SliceArg::Slice {
                    start: bound(rng),
                    stop: bound(rng),
                    step,
                }
            }
        })
        .collect();
    let perm = rng.chance(1, 2).then(|| {
        let mut p: Vec<isize> = (0..shape.len() as isize).collect();
        for i in (1..p.len()).rev() {
            p.swap(i, rng.below(i + 1));
        }
        p
    });
    (slices, perm)
}

fn apply_view<'a>(
    base: &'a Array<i32>,
    recipe: &(Vec<SliceArg>, Option<Vec<isize>>),
) -> ArrayView<'a, i32> {
    let v = base.slice(&recipe.0[..]).unwrap();
    match &recipe.1 {
        Some(p) => v.into_permuted(p).unwrap(),
        None => v,
    }
}

fn apply_view_mut<'a>(
    base: &'a mut Array<i32>,
    recipe: &(Vec<SliceArg>, Option<Vec<isize>>),
) -> ArrayViewMut<'a, i32> {
    let v = base.slice_mut(&recipe.0[..]).unwrap();
    match &recipe.1 {
        Some(p) => v.into_permuted(p).unwrap(),
        None => v,
    }
}

fn random_slice(rng: &mut Rng, len: usize) -> SliceArg {
    let n = len as isize;
    let step = [-2, -1, 1, 1, 2][rng.below(5)];
    let bound = |rng: &mut Rng| {
        if rng.chance(3, 4) {
            None
        } else {
            Some(rng.range(-n - 1, n + 2))
        }
    };
    SliceArg::Slice {
        start: bound(rng),
        stop: bound(rng),
        step,
    }
}

fn random_int(rng: &mut Rng, len: usize, target: &[usize]) -> Spec {
    // A shape that broadcasts to `target`: some leading dims dropped, some set to one.
    let drop = rng.below(target.len() + 1);
    let shape: Vec<usize> = target[drop..]
        .iter()
        .map(|&d| if rng.chance(1, 3) { 1 } else { d })
        .collect();
    let size: usize = shape.iter().product();
    let kind = match rng.below(5) {
        0 => IntKind::I64,
        1 => IntKind::I32,
        2 => IntKind::U16,
        3 if shape.len() == 1 => IntKind::Isize,
        _ => IntKind::ReversedI64,
    };
    let n = len as i64;
    let values = (0..size)
        .map(|_| {
            let v = rng.range(-(len as isize), len as isize) as i64;
            if matches!(kind, IntKind::U16) {
                v.rem_euclid(n)
            } else {
                v
            }
        })
        .collect();
    Spec::Int {
        shape,
        values,
        kind,
    }
}

fn random_mask(rng: &mut Rng, shape: &[usize]) -> Spec {
    let size: usize = shape.iter().product();
    let density = if rng.chance(1, 10) {
        0
    } else {
        1 + rng.below(3)
    };
    let values = (0..size).map(|_| rng.below(3) < density).collect();
    Spec::Mask {
        shape: shape.to_vec(),
        values,
        f_order: rng.chance(1, 3),
    }
}

/// A random valid index expression for an array of `shape` (in bounds; index arrays may still
/// fail to broadcast with a mask, which the reference reports).
fn random_specs(rng: &mut Rng, shape: &[usize]) -> Vec<Spec> {
    let n = shape.len();
    let target: Vec<usize> = (0..rng.below(3))
        .map(|_| {
            if rng.chance(1, 10) {
                0
            } else {
                1 + rng.below(3)
            }
        })
        .collect();
    let mut specs = vec![];
    let mut axis = 0;
    let mut ellipsis = false;
    let mut finish = false;
    while specs.len() < 6 || finish {
        if axis == n || (!finish && !specs.is_empty() && rng.chance(1, 4)) {
            if rng.chance(1, 6) {
                specs.push(Spec::Basic(SliceArg::NewAxis));
            }
            break;
        }
        let len = shape[axis];
        match rng.below(11) {
            0 if len > 0 => {
                specs.push(Spec::Basic(SliceArg::Index(
                    rng.range(-(len as isize), len as isize),
                )));
                axis += 1;
            }
            1 | 2 => {
                specs.push(Spec::Basic(random_slice(rng, len)));
                axis += 1;
            }
            3 => specs.push(Spec::Basic(SliceArg::NewAxis)),
            4 if !ellipsis => {
                // The ellipsis covers `k` axes: the entries after it consume the rest.
                let k = rng.below(n - axis + 1);
                ellipsis = true;
                specs.push(Spec::Basic(SliceArg::Ellipsis));
                axis += k;
                finish = true;
            }
            5..=7 => {
                specs.push(if len == 0 {
                    // Only empty index arrays fit an empty axis.
                    Spec::Int {
                        shape: vec![0],
                        values: vec![],
                        kind: IntKind::I64,
                    }
                } else {
                    random_int(rng, len, &target)
                });
                axis += 1;
            }
            8 | 9 => {
                let k = 1 + rng.below((n - axis).min(2));
                specs.push(random_mask(rng, &shape[axis..axis + k]));
                axis += k;
            }
            10 if rng.chance(1, 3) => specs.push(random_mask(rng, &[])),
            _ => {
                specs.push(Spec::Basic(SliceArg::FULL));
                axis += 1;
            }
        }
    }
    specs
}

fn shape_strategy() -> impl Strategy<Value = Vec<usize>> {
    prop::collection::vec(
        prop_oneof![12 => 2usize..=4, 3 => Just(1usize), 1 => Just(0usize)],
        0..=4,
    )
}

fn order_strategy() -> impl Strategy<Value = Order> {
    prop_oneof![Just(Order::C), Just(Order::F)]
}

fn model_of(view: &ArrayView<'_, i32>) -> (Vec<usize>, Vec<i32>) {
    (view.shape().to_vec(), view.to_vec())
}

fn case_strategy() -> impl Strategy<Value = (Vec<usize>, Order, u64)> {
    (shape_strategy(), order_strategy(), any::<u64>())
}

// ---------------------------------------------------------------------------------------------
// Properties.

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// `view.index(args)` equals the reference for random views and expressions.
    #[test]
    fn index_matches_reference((shape, order, seed) in case_strategy()) {
        let mut rng = Rng(seed);
        let base = base_array(&shape, order);
        let recipe = view_recipe(&mut rng, &shape);
        let view = apply_view(&base, &recipe);
        let (vshape, vdata) = model_of(&view);
        let specs = random_specs(&mut rng, &vshape);
        let held = hold(&specs);
        let ours = view.index(args(&specs, &held));
        match reference(&vshape, &specs) {
            Ok((out_shape, positions)) => {
                let ours = ours.map_err(|e| format!("{e} for {vshape:?} {specs:?}")).unwrap();
                prop_assert_eq!(ours.shape(), &out_shape[..], "{:?} {:?}", vshape, specs);
                let expected: Vec<i32> = positions.iter().map(|&p| vdata[p]).collect();
                prop_assert_eq!(ours.to_vec(), expected, "{:?} {:?}", vshape, specs);
            }
            Err(e) => {
                let ours = ours.expect_err("the reference failed");
                prop_assert!(check_error(&ours, &e), "{:?} vs {:?} for {:?} {:?}", ours, e, vshape, specs);
            }
        }
    }

    /// `view_mut.index_assign(args, values)` writes what the reference scatter writes, through
    /// strided mutable views, with values broadcast to the indexed shape.
    #[test]
    fn index_assign_matches_reference((shape, order, seed) in case_strategy()) {
        let mut rng = Rng(seed);
        let mut base = base_array(&shape, order);
        let recipe = view_recipe(&mut rng, &shape);
        let (vshape, vdata) = model_of(&apply_view(&base, &recipe));
        let specs = random_specs(&mut rng, &vshape);
        let Ok((out_shape, positions)) = reference(&vshape, &specs) else { return Ok(()) };
        // Values of the indexed shape with some leading axes dropped and some set to one.
        let drop = rng.below(out_shape.len() + 1);
        let vals_shape: Vec<usize> =
            out_shape[drop..].iter().map(|&d| if rng.chance(1, 4) { 1 } else { d }).collect();
        let n_vals: usize = vals_shape.iter().product();
        let vals: Vec<i32> = (0..n_vals as i32).map(|v| 1000 + v).collect();
        let values = Array::from_vec(vals.clone(), &vals_shape[..]).unwrap();
        let held = hold(&specs);
        apply_view_mut(&mut base, &recipe).index_assign(args(&specs, &held), &values).unwrap();
        // Reference: scatter in C order over the view's model, then map each view element back
        // to its base position (its original value).
        let mut expected_view = vdata.clone();
        for (out, &p) in multi_indices(&out_shape).iter().zip(&positions) {
            expected_view[p] = vals[broadcast_pos(&vals_shape, out)];
        }
        let mut expected_base: Vec<i32> = (0..shape.iter().product::<usize>() as i32).collect();
        for (orig, new) in vdata.iter().zip(&expected_view) {
            expected_base[*orig as usize] = *new;
        }
        prop_assert_eq!(base.to_vec(), expected_base, "{:?} {:?}", vshape, specs);
    }

    /// `take` along any axis (or flattened) equals NumPy's definition.
    #[test]
    fn take_matches_reference((shape, order, seed) in case_strategy()) {
        let mut rng = Rng(seed);
        let base = base_array(&shape, order);
        let view = apply_view(&base, &view_recipe(&mut rng, &shape));
        let (vshape, vdata) = model_of(&view);
        let axis = if vshape.is_empty() || rng.chance(1, 3) { None } else { Some(rng.below(vshape.len())) };
        let len = match axis { Some(a) => vshape[a], None => vdata.len() };
        // An empty axis can only be indexed by an empty index array.
        let ishape: Vec<usize> = (0..rng.below(3) + usize::from(len == 0))
            .map(|_| if len == 0 { 0 } else { rng.below(4) })
            .collect();
        let isize_: usize = ishape.iter().product();
        let ind: Vec<i64> = (0..isize_).map(|_| rng.range(-(len as isize), len as isize) as i64).collect();
        let indices = Array::from_vec(ind.clone(), &ishape[..]).unwrap();
        let signed_axis = axis.map(|a| if rng.chance(1, 2) { a as isize - vshape.len() as isize } else { a as isize });
        let ours = view.take(&indices, signed_axis).unwrap();
        let norm = |i: i64| if i < 0 { (i + len as i64) as usize } else { i as usize };
        let (out_shape, expected): (Vec<usize>, Vec<i32>) = match axis {
            None => (ishape.clone(), ind.iter().map(|&i| vdata[norm(i)]).collect()),
            Some(a) => {
                let out_shape: Vec<usize> =
                    [&vshape[..a], &ishape[..], &vshape[a + 1..]].concat();
                let st = c_strides(&vshape);
                let data = multi_indices(&out_shape)
                    .iter()
                    .map(|o| {
                        let k = ishape.len();
                        let ipos: usize = o[a..a + k].iter().zip(c_strides(&ishape)).map(|(i, s)| i * s).sum();
                        let src: Vec<usize> =
                            [&o[..a], &[norm(ind[ipos])][..], &o[a + k..]].concat();
                        vdata[src.iter().zip(&st).map(|(i, s)| i * s).sum::<usize>()]
                    })
                    .collect();
                (out_shape, data)
            }
        };
        prop_assert_eq!(ours.shape(), &out_shape[..]);
        prop_assert_eq!(ours.to_vec(), expected);
    }

    /// `put` writes flat positions in order, cycling the values, through strided views.
    #[test]
    fn put_matches_reference((shape, order, seed) in case_strategy()) {
        let mut rng = Rng(seed);
        let mut base = base_array(&shape, order);
        let recipe = view_recipe(&mut rng, &shape);
        let (_, vdata) = model_of(&apply_view(&base, &recipe));
        let size = vdata.len();
        let n_ind = if size == 0 { 0 } else { rng.below(8) };
        let ind: Vec<isize> = (0..n_ind).map(|_| rng.range(-(size as isize), size as isize)).collect();
        let vals: Vec<i32> = (0..1 + rng.below(4) as i32).map(|v| -1 - v).collect();
        apply_view_mut(&mut base, &recipe)
            .put(&ind, &Array::from_vec(vals.clone(), [vals.len()]).unwrap())
            .unwrap();
        let mut expected_view = vdata.clone();
        for (k, &i) in ind.iter().enumerate() {
            let p = if i < 0 { (i + size as isize) as usize } else { i as usize };
            expected_view[p] = vals[k % vals.len()];
        }
        let mut expected_base: Vec<i32> = (0..shape.iter().product::<usize>() as i32).collect();
        for (orig, new) in vdata.iter().zip(&expected_view) {
            expected_base[*orig as usize] = *new;
        }
        prop_assert_eq!(base.to_vec(), expected_base);
    }

    /// `compress` equals `take(nonzero(condition))`, with short and long conditions.
    #[test]
    fn compress_matches_reference((shape, order, seed) in case_strategy()) {
        let mut rng = Rng(seed);
        let base = base_array(&shape, order);
        let view = apply_view(&base, &view_recipe(&mut rng, &shape));
        let (vshape, vdata) = model_of(&view);
        let axis = if vshape.is_empty() || rng.chance(1, 3) { None } else { Some(rng.below(vshape.len())) };
        let len = match axis { Some(a) => vshape[a], None => vdata.len() };
        let cond_len = rng.below(len + 3);
        let cond: Vec<bool> = (0..cond_len).map(|i| i < len && rng.chance(1, 2)).collect();
        let ours = view.compress(&cond, axis.map(|a| a as isize)).unwrap();
        let positions: Vec<i64> = (0..cond_len).filter(|&i| cond[i]).map(|i| i as i64).collect();
        let expected = view.take(&positions, axis.map(|a| a as isize)).unwrap();
        prop_assert_eq!(ours.shape(), expected.shape());
        prop_assert_eq!(ours.to_vec(), expected.to_vec());
        if let Some(a) = axis {
            let st = c_strides(&vshape);
            let direct: Vec<i32> = multi_indices(ours.shape())
                .iter()
                .map(|o| {
                    let mut src = o.clone();
                    src[a] = positions[o[a]] as usize;
                    vdata[src.iter().zip(&st).map(|(i, s)| i * s).sum::<usize>()]
                })
                .collect();
            prop_assert_eq!(ours.to_vec(), direct);
        }
    }

    /// Full-shape masks: `mask_select`, `mask_fill`, `mask_assign` and `nonzero`.
    #[test]
    fn masks_match_reference((shape, order, seed) in case_strategy()) {
        let mut rng = Rng(seed);
        let mut base = base_array(&shape, order);
        let recipe = view_recipe(&mut rng, &shape);
        let (vshape, vdata) = model_of(&apply_view(&base, &recipe));
        let Spec::Mask { values: mvals, .. } = random_mask(&mut rng, &vshape) else { unreachable!() };
        let mask = Array::from_vec(mvals.clone(), &vshape[..]).unwrap();
        let mask_f = Array::from_view_in_order(&mask.view(), Order::F);
        let selected: Vec<i32> = vdata.iter().zip(&mvals).filter(|(_, m)| **m).map(|(v, _)| *v).collect();
        let ours = apply_view(&base, &recipe).mask_select(&mask_f).unwrap();
        prop_assert_eq!(ours.shape(), &[selected.len()][..]);
        prop_assert_eq!(ours.to_vec(), selected.clone());
        // nonzero of the mask locates the same elements.
        let nz = mask.nonzero();
        prop_assert_eq!(nz.len(), vshape.len().max(1));
        let st = c_strides(&vshape);
        for (k, v) in selected.iter().enumerate() {
            let p: usize = if vshape.is_empty() { 0 } else {
                nz.iter().zip(&st).map(|(c, s)| c.to_vec()[k] as usize * s).sum()
            };
            prop_assert_eq!(vdata[p], *v);
        }
        // Assign -v to the selected elements, then fill 7 where not selected.
        let negated = Array::from_vec(selected.iter().map(|v| -v).collect(), [selected.len()]).unwrap();
        apply_view_mut(&mut base, &recipe).mask_assign(&mask, &negated).unwrap();
        let not_mask = mask.view().map(|m| !m);
        apply_view_mut(&mut base, &recipe).mask_fill(&not_mask, 7).unwrap();
        let mut expected_base: Vec<i32> = (0..shape.iter().product::<usize>() as i32).collect();
        for (orig, m) in vdata.iter().zip(&mvals) {
            expected_base[*orig as usize] = if *m { -*orig } else { 7 };
        }
        prop_assert_eq!(base.to_vec(), expected_base);
    }
}

// ---------------------------------------------------------------------------------------------
// NumPy's rules, case by case.

fn arange(shape: &[usize]) -> Array<i32> {
    base_array(shape, Order::C)
}

#[test]
fn outer_product_pattern_of_benchmark_a4() {
    let m = Array::<f64>::arange(0.0, 100.0, 1.0)
        .unwrap()
        .into_shape([10, 10])
        .unwrap();
    for (rows, cols) in [
        (vec![0i64, 2, 4, 6, 8], vec![0i64, 2, 4, 6, 8]), // progressions: a strided copy
        (vec![9, 0, 3, 3], vec![-1, 5, 2]),               // arbitrary: a gather
    ] {
        let r = Array::from_vec(rows.clone(), [rows.len()]).unwrap();
        let c = Array::from_vec(cols.clone(), [cols.len()]).unwrap();
        let sub = m
            .index(idx![r.slice(s![.., NewAxis]).unwrap(), &c])
            .unwrap();
        assert_eq!(sub.shape(), &[rows.len(), cols.len()]);
        for (i, &ri) in rows.iter().enumerate() {
            for (j, &cj) in cols.iter().enumerate() {
                let cj = if cj < 0 { cj + 10 } else { cj };
                assert_eq!(sub[[i, j]], (ri * 10 + cj) as f64);
            }
        }
    }
}

#[test]
fn separated_advanced_indices_go_first_adjacent_stay() {
    let a = arange(&[2, 3, 4]);
    // a[0, :, [1, 2]]: the integer counts as advanced and is separated by a slice.
    let b = a.index(idx![0, .., &[1, 2]]).unwrap();
    assert_eq!(b.shape(), &[2, 3]);
    assert_eq!(b.to_vec(), vec![1, 5, 9, 2, 6, 10]);
    // a[:, 0, [1, 2]]: adjacent, in place.
    let c = a.index(idx![.., 0, &[1, 2]]).unwrap();
    assert_eq!(c.shape(), &[2, 2]);
    assert_eq!(c.to_vec(), vec![1, 2, 13, 14]);
    // a[[1], ..., [0]] with an empty ellipsis still separates.
    let d = arange(&[2, 3]).index(idx![&[1], ..., &[0]]).unwrap();
    assert_eq!(d.shape(), &[1]);
    // a[[0, 1], None, [0, 1]]: a new axis separates too.
    let e = arange(&[2, 3])
        .index(idx![&[0, 1], NewAxis, &[0, 1]])
        .unwrap();
    assert_eq!(e.shape(), &[2, 1]);
}

#[test]
fn zero_dimensional_masks_add_an_axis() {
    let a = arange(&[2, 3]);
    assert_eq!(
        a.index(idx![&Array::from_scalar(true)]).unwrap().shape(),
        &[1, 2, 3]
    );
    assert_eq!(
        a.index(idx![&Array::from_scalar(false)]).unwrap().shape(),
        &[0, 2, 3]
    );
}

#[test]
fn every_integer_dtype_indexes() {
    let a = arange(&[5]);
    let want = vec![4, 0, 3];
    assert_eq!(a.index(idx![&[4i8, 0, -2]]).unwrap().to_vec(), want);
    assert_eq!(a.index(idx![&[4i16, 0, -2]]).unwrap().to_vec(), want);
    assert_eq!(a.index(idx![&[4u8, 0, 3]]).unwrap().to_vec(), want);
    assert_eq!(a.index(idx![&[4u32, 0, 3]]).unwrap().to_vec(), want);
    assert_eq!(a.index(idx![&[4u64, 0, 3]]).unwrap().to_vec(), want);
    assert_eq!(a.index(idx![&[4usize, 0, 3]]).unwrap().to_vec(), want);
    assert_eq!(a.index(idx![&vec![4isize, 0, -2]]).unwrap().to_vec(), want);
    let ia: IndexArray<'_> = (&[4i64, 0, -2][..]).into();
    assert_eq!(ia.shape().to_vec(), vec![3]);
    assert_eq!(a.index([IndexArg::Int(ia)]).unwrap().to_vec(), want);
}

#[test]
fn large_gathers_match_a_direct_loop() {
    // Large enough to run on several threads: a 2-D gather, and a single long run.
    let n = 400;
    let m = arange(&[n, n]);
    let rows: Vec<i64> = (0..n as i64).map(|i| (i * 7919) % n as i64).collect();
    let cols: Vec<i64> = (0..n as i64)
        .rev()
        .map(|i| (i * 104_729) % n as i64 - n as i64)
        .collect();
    let r = Array::from_vec(rows.clone(), [n, 1]).unwrap();
    let sub = m.index(idx![&r, &cols]).unwrap();
    let expected: Vec<i32> = rows
        .iter()
        .flat_map(|&i| {
            cols.iter()
                .map(move |&j| (i as usize * n + (j + n as i64) as usize) as i32)
        })
        .collect();
    assert_eq!(sub.to_vec(), expected);
    let mask = m.view().map(|x| x % 3 != 0);
    let selected = m.mask_select(&mask).unwrap();
    let expected: Vec<i32> = m.to_vec().into_iter().filter(|x| x % 3 != 0).collect();
    assert_eq!(selected.to_vec(), expected);
    // Mask assignment and fill over several threads, through a reversed view.
    let mut w = m.clone();
    let vals: Vec<i32> = (0..expected.len() as i32).map(|v| -v).collect();
    let vals = Array::from_vec(vals, [expected.len()]).unwrap();
    let mask_rev = m.slice(s![..;-1, ..]).unwrap().map(|x| x % 3 != 0);
    w.slice_mut(s![..;-1, ..])
        .unwrap()
        .mask_assign(&mask_rev, &vals)
        .unwrap();
    let mut k = 0;
    let mut want = m.to_vec();
    for i in (0..n).rev() {
        for j in 0..n {
            if want[i * n + j] % 3 != 0 {
                want[i * n + j] = -k;
                k += 1;
            }
        }
    }
    assert_eq!(w.to_vec(), want);
    w.mask_fill(&mask, 5).unwrap();
    let want: Vec<i32> = want
        .iter()
        .zip(m.iter())
        .map(|(&w, &x)| if x % 3 != 0 { 5 } else { w })
        .collect();
    assert_eq!(w.to_vec(), want);
    let t = m.t().index(idx![.., &rows[..7]]).unwrap();
    assert_eq!(t.shape(), &[n, 7]);
    assert_eq!(t[[5, 2]], m[[rows[2] as usize, 5]]);
}

#[test]
fn pure_basic_expressions_copy_the_slice() {
    let a = arange(&[3, 4]);
    let b = a.index(idx![1.., ..;-2]).unwrap();
    assert_eq!(b, a.slice(s![1.., ..;-2]).unwrap());
}

#[test]
fn repeated_indices_assign_last_value() {
    let mut a = Array::<i32>::zeros([4]).unwrap();
    a.index_assign(
        idx![&[1, 1, 2, 1]],
        &Array::from_vec(vec![5, 6, 7, 8], [4]).unwrap(),
    )
    .unwrap();
    assert_eq!(a.to_vec(), vec![0, 8, 7, 0]);
    a.index_fill(idx![&[true, false, false, true]], -1).unwrap();
    assert_eq!(a.to_vec(), vec![-1, 8, 7, -1]);
}

#[test]
fn writes_through_shared_arrays_copy_first() {
    let a = arange(&[4]);
    let mut b = a.clone();
    b.index_fill(idx![&[0]], 9).unwrap();
    assert_eq!(a.to_vec(), vec![0, 1, 2, 3]);
    assert_eq!(b.to_vec(), vec![9, 1, 2, 3]);
}

// ---------------------------------------------------------------------------------------------
// Errors, exactly.

#[test]
fn out_of_bounds_indices_name_index_axis_and_length() {
    let a = arange(&[3, 4]);
    assert_eq!(
        a.index(idx![&[0, 3]]).unwrap_err(),
        Error::IndexOutOfBounds {
            index: 3,
            axis: 0,
            len: 3
        }
    );
    assert_eq!(
        a.index(idx![.., &[-5]]).unwrap_err(),
        Error::IndexOutOfBounds {
            index: -5,
            axis: 1,
            len: 4
        }
    );
    assert_eq!(
        a.index(idx![5, &[0]]).unwrap_err(),
        Error::IndexOutOfBounds {
            index: 5,
            axis: 0,
            len: 3
        }
    );
    assert_eq!(
        a.index(idx![&[u64::MAX]]).unwrap_err(),
        Error::IndexOutOfBounds {
            index: isize::MAX,
            axis: 0,
            len: 3
        }
    );
    // Checked even when the result is empty.
    assert_eq!(
        arange(&[0, 3]).index(idx![.., &[3]]).unwrap_err(),
        Error::IndexOutOfBounds {
            index: 3,
            axis: 1,
            len: 3
        }
    );
    assert_eq!(
        a.take(&[12], None).unwrap_err(),
        Error::IndexOutOfBounds {
            index: 12,
            axis: 0,
            len: 12
        }
    );
    assert_eq!(
        a.take(&[-4], Some(0)).unwrap_err(),
        Error::IndexOutOfBounds {
            index: -4,
            axis: 0,
            len: 3
        }
    );
    assert_eq!(
        a.compress(&[false, false, false, true], Some(0))
            .unwrap_err(),
        Error::IndexOutOfBounds {
            index: 3,
            axis: 0,
            len: 3
        }
    );
    let mut b = a.clone();
    assert_eq!(
        b.put(&[0, 12], &Array::from_scalar(1)).unwrap_err(),
        Error::IndexOutOfBounds {
            index: 12,
            axis: 0,
            len: 12
        }
    );
    assert_eq!(b, a, "nothing is written when an index is out of bounds");
    assert_eq!(
        b.index_assign(idx![.., &[4]], &Array::from_scalar(1))
            .unwrap_err(),
        Error::IndexOutOfBounds {
            index: 4,
            axis: 1,
            len: 4
        }
    );
}

#[test]
fn mask_mismatch_names_the_axis() {
    let a = arange(&[3, 4]);
    assert_eq!(
        a.index(idx![&[true, false, true, true]]).unwrap_err(),
        Error::MaskMismatch {
            axis: 0,
            len: 3,
            mask_len: 4
        }
    );
    let m = Array::<bool>::full([3, 5], true).unwrap();
    assert_eq!(
        a.mask_select(&m).unwrap_err(),
        Error::MaskMismatch {
            axis: 1,
            len: 4,
            mask_len: 5
        }
    );
    let mut b = a.clone();
    assert_eq!(
        b.mask_fill(&m, 0).unwrap_err(),
        Error::MaskMismatch {
            axis: 1,
            len: 4,
            mask_len: 5
        }
    );
    assert_eq!(
        a.index(idx![.., &[true, true]]).unwrap_err(),
        Error::MaskMismatch {
            axis: 1,
            len: 4,
            mask_len: 2
        }
    );
}

#[test]
fn too_many_indices_counts_mask_dimensions() {
    let a = arange(&[3, 4]);
    assert_eq!(
        a.index(idx![&[0], &[0], &[0]]).unwrap_err(),
        Error::TooManyIndices { ndim: 2, given: 3 }
    );
    let mask = Array::<bool>::full([3, 4], true).unwrap();
    assert_eq!(
        a.index(idx![&mask, 0]).unwrap_err(),
        Error::TooManyIndices { ndim: 2, given: 3 }
    );
    assert_eq!(
        a.index(idx![0, .., &[1], NewAxis]).unwrap_err(),
        Error::TooManyIndices { ndim: 2, given: 3 }
    );
}

#[test]
fn other_errors() {
    let a = arange(&[3, 4]);
    // NumPy: `IndexError: shape mismatch: indexing arrays could not be broadcast together
    // with shapes (2,) (3,)`.
    let e = a.index(idx![&[0, 1], &[0, 1, 2]]).unwrap_err();
    assert_eq!(
        e,
        Error::IndexShapeMismatch {
            shapes: vec![vec![2], vec![3]]
        }
    );
    assert_eq!(
        e.to_string(),
        "shape mismatch: indexing arrays could not be broadcast together with shapes (2,) (3,)"
    );
    // NumPy: `IndexError: an index can only have a single ellipsis ('...')`.
    let e = a.index(idx![..., &[0], ...]).unwrap_err();
    assert_eq!(e, Error::MultipleEllipsis);
    assert_eq!(
        e.to_string(),
        "an index can only have a single ellipsis ('...')"
    );
    assert_eq!(
        a.take(&[0], Some(2)).unwrap_err(),
        Error::AxisOutOfBounds { axis: 2, ndim: 2 }
    );
    let mut b = a.clone();
    assert!(matches!(
        b.index_assign(idx![&[0, 1]], &Array::from_vec(vec![1, 2, 3], [3]).unwrap())
            .unwrap_err(),
        Error::BroadcastTo { .. }
    ));
}
