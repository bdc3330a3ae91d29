//! Property tests of the strided array model against a naive reference (tests/common): random
//! shapes (lengths 0 and 1 included, up to 4-D before new axes) laid out in C or F order, then
//! transposed, permuted, flipped, stepped (negative steps included) and broadcast (zero
//! strides), checked element by element for slicing, broadcasting, reshaping, axis
//! manipulation, iteration, loop plans, copies, writes through views and copy-on-write.

mod common;

use common::{
    MAX_RANK, Model, VALUE_BASE, ViewCase, multi_indices, nonzero_step, py_slice, view_case,
};
use oxarray_core::iter::{LoopPlan, for_each_run_c, outer_len_c_order, unravel};
use oxarray_core::{
    Array, ArrayView, CowArray, Error, Layout, Order, SliceArg, broadcast_arrays, broadcast_shapes,
    copyto,
};
use proptest::prelude::*;

/// 2000 cases per property (they are cheap: small arrays). Failing inputs are printed, shrunk;
/// no regression files are written into the source tree.
fn config() -> ProptestConfig {
    ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::with_cases(2000)
    }
}

// ---------------------------------------------------------------------------------------------
// Basic slicing

/// A slicing argument as generated (mirrors `SliceArg`, kept separate so that the reference
/// model does not lean on oxarray's type).
#[derive(Debug, Clone, Copy)]
enum Arg {
    Index(isize),
    Slice(Option<isize>, Option<isize>, isize),
    NewAxis,
    Ellipsis,
}

impl Arg {
    fn to_slice_arg(self) -> SliceArg {
        match self {
            Arg::Index(i) => SliceArg::Index(i),
            Arg::Slice(start, stop, step) => SliceArg::Slice { start, stop, step },
            Arg::NewAxis => SliceArg::NewAxis,
            Arg::Ellipsis => SliceArg::Ellipsis,
        }
    }
}

fn consuming_arg() -> impl Strategy<Value = Arg> {
    let step = prop_oneof![30 => nonzero_step(), 1 => Just(0isize)];
    prop_oneof![
        3 => prop_oneof![6 => -3isize..=3, 1 => -7isize..=7].prop_map(Arg::Index),
        5 => (common::bound(), common::bound(), step).prop_map(|(a, b, c)| Arg::Slice(a, b, c)),
    ]
}

/// Slicing expressions for an array of rank `ndim`: mostly at most `ndim` consuming entries,
/// new axes and ellipses inserted anywhere (sometimes two ellipses, sometimes one index too
/// many, sometimes a zero step or an out-of-range index: the model predicts the error).
fn slice_args(ndim: usize) -> impl Strategy<Value = Vec<Arg>> {
    let extra_consuming = prop_oneof![12 => Just(0usize), 1 => Just(1usize)];
    let extras = proptest::collection::vec(
        (
            prop_oneof![4 => Just(Arg::NewAxis), 3 => Just(Arg::Ellipsis)],
            any::<usize>(),
        ),
        0..=2,
    );
    (0..=ndim, extra_consuming)
        .prop_flat_map(|(k, e)| proptest::collection::vec(consuming_arg(), k + e))
        .prop_flat_map(move |consuming| (Just(consuming), extras.clone()))
        .prop_map(|(mut args, extras)| {
            for (arg, pos) in extras {
                let p = pos % (args.len() + 1);
                args.insert(p, arg);
            }
            args
        })
}

/// What slicing `m` with `args` gives, computed by hand: NumPy's checks in NumPy's order
/// (several ellipses, then too many indices, then each entry from the left).
fn model_slice(m: &Model, args: &[Arg]) -> Result<Model, Error> {
    let ellipses = args.iter().filter(|a| matches!(a, Arg::Ellipsis)).count();
    if ellipses > 1 {
        return Err(Error::MultipleEllipsis);
    }
    let consuming = args
        .iter()
        .filter(|a| matches!(a, Arg::Index(_) | Arg::Slice(..)))
        .count();
    if consuming > m.ndim() {
        return Err(Error::TooManyIndices {
            ndim: m.ndim(),
            given: consuming,
        });
    }
    let mut expanded = vec![];
    for a in args {
        if let Arg::Ellipsis = a {
            expanded.extend(std::iter::repeat_n(
                Arg::Slice(None, None, 1),
                m.ndim() - consuming,
            ));
        } else {
            expanded.push(*a);
        }
    }
    if ellipses == 0 {
        expanded.extend(std::iter::repeat_n(
            Arg::Slice(None, None, 1),
            m.ndim() - consuming,
        ));
    }
    let mut out = Model {
        shape: vec![],
        strides: vec![],
        offset: m.offset,
    };
    let mut axis = 0;
    for a in expanded {
        match a {
            Arg::Index(i) => {
                let len = m.shape[axis] as isize;
                if i < -len || i >= len {
                    return Err(Error::IndexOutOfBounds {
                        index: i,
                        axis,
                        len: m.shape[axis],
                    });
                }
                let j = if i < 0 { i + len } else { i };
                out.offset += j * m.strides[axis];
                axis += 1;
            }
            Arg::Slice(start, stop, step) => {
                if step == 0 {
                    return Err(Error::InvalidSlice {
                        reason: String::new(),
                    });
                }
                let sel = py_slice(start, stop, step, m.shape[axis]);
                if let Some(&first) = sel.first() {
                    out.offset += first as isize * m.strides[axis];
                }
                out.shape.push(sel.len());
                out.strides.push(m.strides[axis] * step);
                axis += 1;
            }
            Arg::NewAxis => {
                out.shape.push(1);
                out.strides.push(0);
            }
            Arg::Ellipsis => unreachable!(),
        }
    }
    Ok(out)
}

/// Equal errors, ignoring the free-text reason of `InvalidSlice`.
fn assert_same_error(got: &Error, want: &Error) {
    match (got, want) {
        (Error::InvalidSlice { .. }, Error::InvalidSlice { .. }) => {}
        _ => assert_eq!(got, want),
    }
}

fn view_and_args(broadcasting: bool) -> impl Strategy<Value = (ViewCase, Vec<Arg>)> {
    view_case(broadcasting).prop_flat_map(|vc| {
        let ndim = vc.model().ndim();
        (Just(vc), slice_args(ndim))
    })
}

proptest! {
    #![proptest_config(config())]

    /// `a[args]` on random views equals the hand-computed view, or the predicted error.
    #[test]
    fn slicing_matches_reference((case, args) in view_and_args(true)) {
        let base = case.base();
        let (v, m) = case.view(&base);
        let slice_args: Vec<SliceArg> = args.iter().map(|a| a.to_slice_arg()).collect();
        match (v.clone().into_slice(&slice_args), model_slice(&m, &args)) {
            (Ok(got), Ok(want)) => common::assert_view_matches(&got, &want),
            (Err(got), Err(want)) => assert_same_error(&got, &want),
            (got, want) => panic!("slicing {args:?} of {m:?}: got {got:?}, want {want:?}"),
        }
        // The borrowing entry point agrees with the consuming one.
        prop_assert_eq!(v.slice(&slice_args).map(|s| s.to_vec()).ok(),
            model_slice(&m, &args).ok().map(|w| w.expected_values()));
    }

    /// Writing through `slice_mut` changes exactly the selected elements of the base, as in
    /// NumPy (a view, not a copy).
    #[test]
    fn writes_through_mutable_slices_reach_the_base((case, args) in view_and_args(false)) {
        let mut base = case.base();
        let mut mem = case.memory();
        let (vm, m) = case.view_mut(&mut base);
        let slice_args: Vec<SliceArg> = args.iter().map(|a| a.to_slice_arg()).collect();
        match (vm.into_slice(&slice_args), model_slice(&m, &args)) {
            (Ok(mut got), Ok(want)) => {
                for (k, x) in got.iter_mut().enumerate() {
                    *x = -(k as i64) - 1;
                }
                for (k, a) in want.addrs_c().iter().enumerate() {
                    mem[*a as usize] = -(k as i64) - 1;
                }
            }
            (Err(got), Err(want)) => assert_same_error(&got, &want),
            (got, want) => panic!("slicing {args:?} of {m:?}: got {:?}, want {want:?}",
                got.map(|g| g.shape().to_vec())),
        }
        prop_assert_eq!(base.as_slice_memory_order().unwrap(), &mem[..]);
    }

    /// `get_mut`, `fill` and `map_inplace` through a random mutable view write where the model
    /// says.
    #[test]
    fn element_writes_through_views(case in view_case(false), pick in any::<usize>(), how in 0u8..3) {
        let mut base = case.base();
        let mut mem = case.memory();
        let (mut vm, m) = case.view_mut(&mut base);
        let addrs = m.addrs_c();
        match how {
            0 if !addrs.is_empty() => {
                let idx = &multi_indices(&m.shape)[pick % addrs.len()];
                let signed: Vec<isize> = idx.iter().map(|&i| i as isize).collect();
                *vm.get_mut(&signed).unwrap() = -5;
                mem[m.addr(idx) as usize] = -5;
            }
            1 => {
                vm.fill(-7);
                for &a in &addrs {
                    mem[a as usize] = -7;
                }
            }
            _ => {
                vm.map_inplace(|x| -x);
                for &a in &addrs {
                    mem[a as usize] = -mem[a as usize];
                }
            }
        }
        prop_assert_eq!(base.as_slice_memory_order().unwrap(), &mem[..]);
    }
}

// ---------------------------------------------------------------------------------------------
// Broadcasting

/// NumPy's broadcasting rule written out: right-align the shapes; on each axis the lengths
/// other than 1 must agree, and the result takes that length (1 when all are 1).
fn naive_broadcast(shapes: &[Vec<usize>]) -> Option<Vec<usize>> {
    let ndim = shapes.iter().map(Vec::len).max().unwrap_or(0);
    let mut out = vec![];
    for k in 0..ndim {
        // Axis k counted from the right.
        let lens: Vec<usize> = shapes
            .iter()
            .filter(|s| s.len() > k)
            .map(|s| s[s.len() - 1 - k])
            .filter(|&d| d != 1)
            .collect();
        match lens.first() {
            None => out.push(1),
            Some(&d) if lens.iter().all(|&e| e == d) => out.push(d),
            Some(_) => return None,
        }
    }
    out.reverse();
    Some(out)
}

fn small_len() -> impl Strategy<Value = usize> {
    prop_oneof![1 => Just(0usize), 4 => Just(1usize), 3 => 2usize..=3]
}

/// A target shape for broadcasting a `shape`: each axis kept or (when of length one)
/// stretched, plus leading axes; sometimes a wrong length.
fn broadcast_target(shape: Vec<usize>) -> impl Strategy<Value = Vec<usize>> {
    let n = shape.len();
    (
        proptest::collection::vec(small_len(), 0..=2),
        proptest::collection::vec(small_len(), n),
        proptest::collection::vec(prop_oneof![9 => Just(false), 1 => Just(true)], n),
    )
        .prop_map(move |(lead, stretch, wrong)| {
            let mut out = lead;
            for a in 0..n {
                out.push(if wrong[a] {
                    shape[a] + 1
                } else if shape[a] == 1 {
                    stretch[a]
                } else {
                    shape[a]
                });
            }
            out
        })
}

proptest! {
    #![proptest_config(config())]

    /// `broadcast_shapes` follows the naive rule and names the shapes when it fails.
    #[test]
    fn broadcast_shapes_matches_the_rule(
        shapes in proptest::collection::vec(proptest::collection::vec(small_len(), 0..=4), 0..=4)
    ) {
        let refs: Vec<&[usize]> = shapes.iter().map(|s| &s[..]).collect();
        match (broadcast_shapes(&refs), naive_broadcast(&shapes)) {
            (Ok(got), Some(want)) => prop_assert_eq!(got, want),
            (Err(e), None) => prop_assert_eq!(e, Error::BroadcastMismatch { shapes: shapes.clone() }),
            (got, want) => panic!("{shapes:?}: got {got:?}, want {want:?}"),
        }
    }

    /// `broadcast_to` of random views: zero strides on new and stretched axes, every element
    /// where the rule puts it, `BroadcastTo` naming both shapes otherwise.
    #[test]
    fn broadcast_to_matches_reference(
        (case, target) in view_case(true).prop_flat_map(|vc| {
            let shape = vc.model().shape;
            (Just(vc), broadcast_target(shape))
        })
    ) {
        let base = case.base();
        let (v, m) = case.view(&base);
        let lead = target.len() - m.ndim();
        let compatible = (0..m.ndim()).all(|a| m.shape[a] == target[lead + a] || m.shape[a] == 1);
        match v.broadcast_to(&target[..]) {
            Ok(b) => {
                prop_assert!(compatible);
                let mut want = Model { shape: target.clone(), strides: vec![0; lead], offset: m.offset };
                for a in 0..m.ndim() {
                    want.strides.push(if m.shape[a] == target[lead + a] { m.strides[a] } else { 0 });
                }
                common::assert_view_matches(&b, &want);
                for a in 0..target.len() {
                    if a < lead || m.shape[a - lead] != target[a] {
                        prop_assert_eq!(b.strides()[a], 0, "axis {} of {:?} must have stride 0", a, target);
                    }
                }
                // The free function and the consuming method agree.
                let free = oxarray_core::broadcast_to(&v, &target).unwrap();
                prop_assert_eq!(free.to_vec(), want.expected_values());
            }
            Err(e) => {
                prop_assert!(!compatible);
                prop_assert_eq!(e, Error::BroadcastTo { from: m.shape.clone(), to: target.clone() });
            }
        }
    }

    /// `broadcast_arrays` of two random views equals broadcasting each to the naive shape.
    #[test]
    fn broadcast_arrays_matches_reference(a in view_case(true), b in view_case(true)) {
        let (base_a, base_b) = (a.base(), b.base());
        let ((va, ma), (vb, mb)) = (a.view(&base_a), b.view(&base_b));
        match (broadcast_arrays(&[va.clone(), vb.clone()]), naive_broadcast(&[ma.shape.clone(), mb.shape.clone()])) {
            (Ok(out), Some(shape)) => {
                for (o, v) in out.iter().zip([&va, &vb]) {
                    prop_assert_eq!(o.shape(), &shape[..]);
                    prop_assert_eq!(o.to_vec(), v.broadcast_to(&shape[..]).unwrap().to_vec());
                }
            }
            (Err(e), None) => assert!(matches!(e, Error::BroadcastMismatch { .. })),
            (got, want) => panic!("got {:?}, want {want:?}", got.map(|v| v.len())),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Reshape

fn prime_factors(mut n: usize) -> Vec<usize> {
    let mut out = vec![];
    let mut p = 2;
    while n > 1 {
        while n.is_multiple_of(p) {
            out.push(p);
            n /= p;
        }
        p += 1;
    }
    out
}

/// A reshape request for `size` elements: the prime factors (and some ones) shuffled into up
/// to four axes, sometimes with one `-1`, sometimes of the wrong size.
fn reshape_target(size: usize) -> impl Strategy<Value = Vec<isize>> {
    (
        1usize..=4,
        0usize..=2,
        any::<u64>(),
        proptest::collection::vec(any::<usize>(), 12),
        prop_oneof![3 => Just(None), 1 => any::<usize>().prop_map(Some)],
        prop_oneof![12 => Just(false), 1 => Just(true)],
    )
        .prop_map(move |(ndim, ones, seed, buckets, infer, wrong)| {
            let mut dims = vec![1usize; ndim];
            if size == 0 {
                dims = buckets[..ndim].iter().map(|b| b % 4).collect();
                dims[seed as usize % ndim] = 0;
            } else {
                let mut factors = prime_factors(size);
                factors.extend(std::iter::repeat_n(1, ones));
                let order = common::permutation(factors.len(), seed);
                for (k, &f) in order.iter().enumerate() {
                    dims[buckets[k % buckets.len()] % ndim] *= factors[f];
                }
            }
            if wrong {
                dims[0] += 1;
            }
            let mut spec: Vec<isize> = dims.iter().map(|&d| d as isize).collect();
            if let Some(i) = infer {
                spec[i % ndim] = -1;
            }
            spec
        })
}

/// The shape NumPy's reshape resolves `spec` to, or `None` when it does not fit `size`.
fn resolve(size: usize, spec: &[isize]) -> Option<Vec<usize>> {
    let known: usize = spec
        .iter()
        .filter(|&&d| d >= 0)
        .map(|&d| d as usize)
        .product();
    let mut shape: Vec<usize> = spec.iter().map(|&d| d.max(0) as usize).collect();
    match spec.iter().position(|&d| d == -1) {
        Some(i) => {
            if known == 0 || !size.is_multiple_of(known) {
                return None;
            }
            shape[i] = size / known;
        }
        None if known != size => return None,
        None => {}
    }
    Some(shape)
}

/// Whether the elements at `addrs` (row-major order of the source) can be viewed with
/// `new_shape` by some strides: the only candidate strides are the address steps to each
/// axis' unit vector; check them on every element.
fn view_strides_exist(addrs: &[isize], new_shape: &[usize]) -> bool {
    if addrs.len() <= 1 {
        return true;
    }
    let n = new_shape.len();
    let mut strides = vec![0isize; n];
    for j in 0..n {
        if new_shape[j] > 1 {
            let unit: usize = new_shape[j + 1..].iter().product();
            strides[j] = addrs[unit] - addrs[0];
        }
    }
    multi_indices(new_shape).iter().zip(addrs).all(|(idx, &a)| {
        a == addrs[0]
            + idx
                .iter()
                .zip(&strides)
                .map(|(&i, &s)| i as isize * s)
                .sum::<isize>()
    })
}

proptest! {
    #![proptest_config(config())]

    /// `reshape` returns a view exactly when some strides can express the new shape over the
    /// same elements (checked by brute force), and that view reads the source's elements in
    /// C order; `to_shape` copies exactly in the other cases, with the same values.
    #[test]
    fn reshape_is_a_view_exactly_when_possible(
        (case, spec) in view_case(true).prop_flat_map(|vc| {
            let size = vc.model().size();
            (Just(vc), reshape_target(size))
        })
    ) {
        let base = case.base();
        let (v, m) = case.view(&base);
        let Some(new_shape) = resolve(m.size(), &spec) else {
            assert!(matches!(v.reshape_view(spec.clone()), Err(Error::ReshapeSize { .. }) | Err(Error::InvalidArgument { .. })),
                "reshape {:?} of {:?}", spec, m.shape);
            prop_assert!(v.reshape(spec.clone()).is_err());
            return Ok(());
        };
        let addrs = m.addrs_c();
        let possible = view_strides_exist(&addrs, &new_shape);
        match v.reshape_view(spec.clone()) {
            Ok(r) => {
                prop_assert!(possible, "reshape {:?} of {:?} gave a view that cannot exist", spec, m);
                prop_assert_eq!(r.shape(), &new_shape[..]);
                // Values name addresses: the view reads the source's elements in C order.
                prop_assert_eq!(r.to_vec(), m.expected_values());
            }
            Err(e) => {
                prop_assert!(!possible, "reshape {:?} of {:?} refused a possible view: {}", spec, m, e);
                prop_assert_eq!(e, Error::ReshapeNeedsCopy {
                    shape: m.shape.clone(), strides: v.strides().to_vec(), new_shape: new_shape.clone(),
                });
            }
        }
        let cow = v.reshape(spec.clone()).unwrap();
        prop_assert_eq!(cow.is_owned(), !possible);
        prop_assert_eq!(cow.shape(), new_shape.clone());
        prop_assert_eq!(cow.view().to_vec(), m.expected_values());
        if let CowArray::Owned(a) = &cow {
            prop_assert!(a.is_c_contiguous());
        }
        // ravel: a view exactly when a 1-D view exists.
        let flat = v.ravel();
        prop_assert_eq!(flat.is_owned(), !view_strides_exist(&addrs, &[m.size()]));
        prop_assert_eq!(flat.view().to_vec(), m.expected_values());
        prop_assert_eq!(v.flatten().to_vec(), m.expected_values());
        // The owning variant, on an owned copy in F order (shares when it can, copies otherwise).
        let owned = Array::from_view_in_order(&v, Order::F);
        let reshaped = owned.clone().into_shape(spec.clone()).unwrap();
        prop_assert_eq!(reshaped.shape(), &new_shape[..]);
        prop_assert_eq!(reshaped.to_vec(), m.expected_values());
    }
}

// ---------------------------------------------------------------------------------------------
// Axis manipulation

#[derive(Debug, Clone)]
enum AxisOp {
    Transpose,
    Permute(Vec<isize>),
    Swap(isize, isize),
    Move(isize, isize),
    Flip(Option<Vec<isize>>),
    Squeeze(Option<Vec<isize>>),
    ExpandDims(Vec<isize>),
}

/// An axis for rank `n`: mostly valid (negative or not), sometimes one past either end.
fn axis_for(n: usize) -> BoxedStrategy<isize> {
    let n = n as isize;
    if n == 0 {
        prop_oneof![Just(0isize), Just(-1isize)].boxed()
    } else {
        prop_oneof![8 => -n..n, 1 => Just(n), 1 => Just(-n - 1)].boxed()
    }
}

fn distinct_axes(n: usize, max: usize) -> impl Strategy<Value = Vec<isize>> {
    (
        any::<u64>(),
        0..=max.min(n),
        proptest::collection::vec(any::<bool>(), max),
    )
        .prop_map(move |(seed, k, neg)| {
            common::permutation(n, seed)[..k]
                .iter()
                .zip(neg)
                .map(|(&a, neg)| {
                    if neg {
                        a as isize - n as isize
                    } else {
                        a as isize
                    }
                })
                .collect()
        })
}

fn axis_op(n: usize) -> impl Strategy<Value = AxisOp> {
    let permute = (
        any::<u64>(),
        proptest::collection::vec(any::<bool>(), n),
        prop_oneof![8 => Just(None), 1 => (any::<usize>(), axis_for(n + 1)).prop_map(Some)],
    )
        .prop_map(move |(seed, neg, corrupt)| {
            let mut axes: Vec<isize> = common::permutation(n, seed)
                .iter()
                .zip(neg)
                .map(|(&a, neg)| {
                    if neg {
                        a as isize - n as isize
                    } else {
                        a as isize
                    }
                })
                .collect();
            if let Some((pos, ax)) = corrupt {
                if axes.is_empty() || pos % 3 == 0 {
                    axes.push(ax);
                } else {
                    let len = axes.len();
                    axes[pos % len] = ax;
                }
            }
            AxisOp::Permute(axes)
        });
    prop_oneof![
        Just(AxisOp::Transpose),
        permute,
        (axis_for(n), axis_for(n)).prop_map(|(a, b)| AxisOp::Swap(a, b)),
        (axis_for(n), axis_for(n)).prop_map(|(a, b)| AxisOp::Move(a, b)),
        proptest::option::of(prop_oneof![
            4 => distinct_axes(n, 3),
            1 => axis_for(n).prop_map(|a| vec![a]),
            1 => proptest::collection::vec(axis_for(n), 2..=3),
        ])
        .prop_map(AxisOp::Flip),
        proptest::option::of(prop_oneof![
            2 => distinct_axes(n, 2),
            1 => axis_for(n).prop_map(|a| vec![a]),
            1 => proptest::collection::vec(axis_for(n), 2..=3),
        ])
        .prop_map(AxisOp::Squeeze),
        (1usize..=2).prop_flat_map(move |k| prop_oneof![4 => distinct_axes(n + k, k), 1 => proptest::collection::vec(axis_for(n + k), k)]).prop_map(AxisOp::ExpandDims),
    ]
}

/// NumPy's `normalize_axis_tuple`, checked entry by entry: out of range, then repeated.
fn norm_all(axes: &[isize], ndim: usize, context: &'static str) -> Result<Vec<usize>, Error> {
    let mut out: Vec<usize> = vec![];
    for &a in axes {
        let a = norm(a, ndim)?;
        if out.contains(&a) {
            return Err(Error::RepeatedAxis { axis: a, context });
        }
        out.push(a);
    }
    Ok(out)
}

fn norm(axis: isize, ndim: usize) -> Result<usize, Error> {
    let n = ndim as isize;
    if axis < -n || axis >= n {
        Err(Error::AxisOutOfBounds { axis, ndim })
    } else {
        Ok(if axis < 0 { axis + n } else { axis } as usize)
    }
}

fn pick(m: &Model, axes: &[usize]) -> Model {
    Model {
        shape: axes.iter().map(|&a| m.shape[a]).collect(),
        strides: axes.iter().map(|&a| m.strides[a]).collect(),
        offset: m.offset,
    }
}

/// NumPy's result (or error) for each axis operation, by hand.
fn model_axis_op(m: &Model, op: &AxisOp) -> Result<Model, Error> {
    let n = m.ndim();
    match op {
        AxisOp::Transpose => Ok(pick(m, &(0..n).rev().collect::<Vec<_>>())),
        AxisOp::Permute(axes) => {
            let bad = || Error::BadPermutation {
                axes: axes.clone(),
                ndim: n,
            };
            if axes.len() != n {
                return Err(bad());
            }
            let mut perm = vec![];
            for &a in axes {
                let a = norm(a, n)?;
                if perm.contains(&a) {
                    return Err(bad());
                }
                perm.push(a);
            }
            Ok(pick(m, &perm))
        }
        AxisOp::Swap(a, b) => {
            let (a, b) = (norm(*a, n)?, norm(*b, n)?);
            let mut order: Vec<usize> = (0..n).collect();
            order.swap(a, b);
            Ok(pick(m, &order))
        }
        AxisOp::Move(s, d) => {
            let (s, d) = (norm(*s, n)?, norm(*d, n)?);
            let mut order: Vec<usize> = (0..n).filter(|&a| a != s).collect();
            order.insert(d, s);
            Ok(pick(m, &order))
        }
        AxisOp::Flip(axes) => {
            let axes: Vec<usize> = match axes {
                None => (0..n).collect(),
                Some(axes) => norm_all(axes, n, "flip")?,
            };
            let mut out = m.clone();
            for a in axes {
                if m.shape[a] > 0 {
                    out.offset += (m.shape[a] as isize - 1) * m.strides[a];
                }
                out.strides[a] = -m.strides[a];
            }
            Ok(out)
        }
        AxisOp::Squeeze(axes) => {
            let drop: Vec<usize> = match axes {
                None => (0..n).filter(|&a| m.shape[a] == 1).collect(),
                Some(axes) => {
                    let mut drop = vec![];
                    for a in norm_all(axes, n, "squeeze")? {
                        if m.shape[a] != 1 {
                            return Err(Error::invalid_argument("axis", a, ""));
                        }
                        drop.push(a);
                    }
                    drop
                }
            };
            Ok(pick(
                m,
                &(0..n).filter(|a| !drop.contains(a)).collect::<Vec<_>>(),
            ))
        }
        AxisOp::ExpandDims(axes) => {
            let out_n = n + axes.len();
            let mut new = vec![];
            for &a in axes {
                let a = norm(a, out_n)?;
                if new.contains(&a) {
                    return Err(Error::RepeatedAxis {
                        axis: a,
                        context: "expand_dims",
                    });
                }
                new.push(a);
            }
            let mut out = Model {
                shape: vec![],
                strides: vec![],
                offset: m.offset,
            };
            let mut src = 0;
            for a in 0..out_n {
                if new.contains(&a) {
                    out.shape.push(1);
                    out.strides.push(0);
                } else {
                    out.shape.push(m.shape[src]);
                    out.strides.push(m.strides[src]);
                    src += 1;
                }
            }
            Ok(out)
        }
    }
}

fn run_axis_op<'a>(v: ArrayView<'a, i64>, op: &AxisOp) -> Result<ArrayView<'a, i64>, Error> {
    match op {
        AxisOp::Transpose => Ok(v.into_t()),
        AxisOp::Permute(axes) => v.into_permuted(axes),
        AxisOp::Swap(a, b) => v.into_swapaxes(*a, *b),
        AxisOp::Move(s, d) => v.into_moveaxis(*s, *d),
        AxisOp::Flip(axes) => v.into_flip(axes.as_deref()),
        AxisOp::Squeeze(axes) => v.into_squeeze(axes.as_deref()),
        AxisOp::ExpandDims(axes) => v.into_expand_dims(axes),
    }
}

proptest! {
    #![proptest_config(config())]

    /// transpose / permute_axes / swapaxes / moveaxis / flip / squeeze / expand_dims on random
    /// views: the hand-computed view, or the named error with its values.
    #[test]
    fn axis_operations_match_reference(
        (case, op) in view_case(true).prop_flat_map(|vc| {
            let n = vc.model().ndim();
            (Just(vc), axis_op(n))
        })
    ) {
        let base = case.base();
        let (v, m) = case.view(&base);
        match (run_axis_op(v.clone(), &op), model_axis_op(&m, &op)) {
            (Ok(got), Ok(want)) => common::assert_view_matches(&got, &want),
            (Err(got), Err(want)) => match (&got, &want) {
                (Error::InvalidArgument { name: g, value: gv, .. }, Error::InvalidArgument { name: w, value: wv, .. }) => {
                    prop_assert_eq!(g, w);
                    prop_assert_eq!(gv, wv);
                }
                _ => prop_assert_eq!(got, want),
            },
            (got, want) => panic!("{op:?} on {m:?}: got {:?}, want {want:?}", got.map(|g| g.layout().clone())),
        }
        // The borrowing methods agree with the consuming ones (a few of them).
        match &op {
            AxisOp::Transpose => prop_assert_eq!(v.t().to_vec(), v.clone().into_t().to_vec()),
            AxisOp::Swap(a, b) => prop_assert_eq!(v.swapaxes(*a, *b).map(|x| x.to_vec()).ok(),
                v.clone().into_swapaxes(*a, *b).map(|x| x.to_vec()).ok()),
            AxisOp::Move(s, d) => prop_assert_eq!(v.moveaxis(*s, *d).map(|x| x.to_vec()).ok(),
                v.clone().into_moveaxis(*s, *d).map(|x| x.to_vec()).ok()),
            _ => {}
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Iteration and loop plans

/// Offsets of `layout`'s elements from element `[0, ..., 0]`, in row-major order.
fn naive_offsets(shape: &[usize], strides: &[isize]) -> Vec<isize> {
    multi_indices(shape)
        .iter()
        .map(|i| i.iter().zip(strides).map(|(&i, &s)| i as isize * s).sum())
        .collect()
}

fn layout_of(shape: &[usize], strides: &[isize]) -> Layout {
    Layout {
        shape: shape.into(),
        strides: strides.into(),
    }
}

/// Offsets visited by `for_each_run_c` over the outer positions `range`.
fn run_c_offsets(layout: &Layout, range: std::ops::Range<usize>) -> Vec<isize> {
    let mut out = vec![];
    for_each_run_c(layout, range, |offset, len, stride| {
        out.extend((0..len as isize).map(|j| offset + j * stride));
    });
    out
}

/// Random shapes with arbitrary strides (zero, negative, overlapping), one stride list per
/// operand.
fn strided_operands(
    nops: std::ops::RangeInclusive<usize>,
) -> impl Strategy<Value = (Vec<usize>, Vec<Vec<isize>>)> {
    (common::shape_strategy(5), nops).prop_flat_map(|(shape, k)| {
        let n = shape.len();
        let stride = prop_oneof![2 => Just(0isize), 8 => -13isize..=13];
        (
            Just(shape),
            proptest::collection::vec(proptest::collection::vec(stride, n), k),
        )
    })
}

proptest! {
    #![proptest_config(config())]

    /// `for_each_run_c` visits every element of any layout once, in row-major logical order,
    /// also when the outer space is split in two; `outer_len_c_order` counts its runs.
    #[test]
    fn runs_visit_row_major_order(
        (shape, strides) in strided_operands(1..=1), split in any::<usize>()
    ) {
        let layout = layout_of(&shape, &strides[0]);
        let want = naive_offsets(&shape, &strides[0]);
        let (outer, inner) = outer_len_c_order(&layout);
        prop_assert_eq!(outer * inner, want.len());
        prop_assert_eq!(run_c_offsets(&layout, 0..outer), want.clone());
        let p = if outer == 0 { 0 } else { split % (outer + 1) };
        let mut halves = run_c_offsets(&layout, 0..p);
        halves.extend(run_c_offsets(&layout, p..outer));
        prop_assert_eq!(halves, want);
    }

    /// `unravel` is the row-major multi-index.
    #[test]
    fn unravel_is_row_major(shape in common::shape_strategy(5)) {
        for (pos, idx) in multi_indices(&shape).iter().enumerate() {
            prop_assert_eq!(unravel(pos, &shape).to_vec(), idx.clone());
        }
    }

    /// A `LoopPlan` over one to three operands visits every element exactly once with the
    /// right pairing of operand offsets (compared as multisets of tuples), walks operand 0
    /// forwards, and fully merges identical dense layouts into one run.
    #[test]
    fn loop_plan_pairs_every_element_once(
        (shape, strides) in strided_operands(1..=3), split in any::<usize>()
    ) {
        let refs: Vec<&[isize]> = strides.iter().map(|s| &s[..]).collect();
        let plan = LoopPlan::new(&shape, &refs);
        let size: usize = shape.iter().product();
        prop_assert_eq!(plan.outer_len() * plan.inner_len(), size);
        prop_assert_eq!(plan.size(), size);
        let inner = plan.inner_strides();
        prop_assert_eq!(inner.len(), strides.len());
        if size > 1 && plan.inner_len() > 1 {
            prop_assert!(inner[0] >= 0, "operand 0 runs backwards: {:?}", inner);
        }
        let collect = |range: std::ops::Range<usize>| {
            let mut tuples: Vec<Vec<isize>> = vec![];
            plan.for_each_run(range, |offsets, len| {
                for j in 0..len as isize {
                    tuples.push(offsets.iter().zip(&inner).map(|(&o, &s)| o + j * s).collect());
                }
            });
            tuples
        };
        let mut got = collect(0..plan.outer_len());
        let p = split % (plan.outer_len() + 1);
        let mut halves = collect(0..p);
        halves.extend(collect(p..plan.outer_len()));
        prop_assert_eq!(&halves, &got);
        let per_op: Vec<Vec<isize>> = strides.iter().map(|s| naive_offsets(&shape, s)).collect();
        let mut want: Vec<Vec<isize>> = (0..size).map(|k| per_op.iter().map(|o| o[k]).collect()).collect();
        got.sort();
        want.sort();
        prop_assert_eq!(got, want);
    }

    /// Identical dense layouts (any permutation and flip of a contiguous array) merge into a
    /// single forward run for operand 0.
    #[test]
    fn loop_plan_merges_dense_layouts(case in view_case(false)) {
        let base = case.base();
        let (v, m) = case.view(&base);
        let mut sorted = m.addrs_c();
        sorted.sort_unstable();
        let dense = sorted.windows(2).all(|w| w[1] == w[0] + 1);
        let plan = LoopPlan::new(v.shape(), &[v.strides(), v.strides()]);
        if dense && m.size() > 0 {
            prop_assert_eq!(plan.outer_len(), 1, "{:?}", m);
            prop_assert_eq!(plan.inner_len(), m.size());
            prop_assert!(plan.inner_len() == 1 || plan.inner_strides() == vec![1, 1]);
        }
    }

    /// Logical-order iteration of random views, and NumPy's contiguity flags, by hand:
    /// C-contiguous exactly when row-major addresses are consecutive, likewise for F.
    #[test]
    fn iteration_and_contiguity_match_reference(case in view_case(true), split in any::<usize>()) {
        let base = case.base();
        let (v, m) = case.view(&base);
        common::assert_view_matches(&v, &m);
        // Runs of the view's layout, relative to element [0, ..., 0].
        let want: Vec<isize> = m.addrs_c().iter().map(|&a| a - m.offset).collect();
        let (outer, _) = outer_len_c_order(v.layout());
        let p = if outer == 0 { 0 } else { split % (outer + 1) };
        let mut got = run_c_offsets(v.layout(), 0..p);
        got.extend(run_c_offsets(v.layout(), p..outer));
        prop_assert_eq!(got, want);
        let consecutive = |a: &[isize]| a.windows(2).all(|w| w[1] == w[0] + 1);
        let c = m.size() == 0 || consecutive(&m.addrs_c());
        let f = m.size() == 0 || consecutive(&m.addrs_f());
        prop_assert_eq!(v.is_c_contiguous(), c, "C flag of {:?}", m);
        prop_assert_eq!(v.is_f_contiguous(), f, "F flag of {:?}", m);
        prop_assert_eq!(v.as_slice().is_some(), c);
        if let Some(s) = v.as_slice() {
            prop_assert_eq!(s.to_vec(), m.expected_values());
        }
        // Memory order: a forward dense run starting at element [0, ..., 0].
        let mut sorted = m.addrs_c();
        sorted.sort_unstable();
        let forward_dense = m.size() > 0 && consecutive(&sorted) && sorted[0] == m.offset;
        match v.as_slice_memory_order() {
            Some(s) => {
                prop_assert!(m.size() == 0 || forward_dense, "{:?}", m);
                let want: Vec<i64> = sorted.iter().map(|&a| VALUE_BASE + a as i64).collect();
                prop_assert_eq!(s.to_vec(), want);
            }
            None => {
                // Conservative only where an axis of length <= 1 carries a negative stride.
                let excused = (0..m.ndim()).any(|a| m.shape[a] <= 1 && v.strides()[a] < 0);
                prop_assert!(!forward_dense || excused, "{:?} is a forward dense run", m);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Copies

proptest! {
    #![proptest_config(config())]

    /// `to_owned`, `as_standard_layout`, `as_fortran_layout`, `from_view_in_order`, `map`,
    /// `astype`: same logical values, the promised memory order, copying only when needed.
    #[test]
    fn copies_match_reference(case in view_case(true)) {
        let base = case.base();
        let (v, m) = case.view(&base);
        let want = m.expected_values();
        let owned = v.to_owned();
        prop_assert_eq!(owned.shape(), &m.shape[..]);
        prop_assert!(owned.is_c_contiguous());
        prop_assert_eq!(owned.as_slice().unwrap(), &want[..]);
        prop_assert!(!owned.is_shared());

        let std = v.as_standard_layout();
        prop_assert_eq!(std.is_owned(), !v.is_c_contiguous());
        prop_assert!(std.view().is_c_contiguous());
        prop_assert_eq!(std.view().to_vec(), want.clone());
        if !std.is_owned() {
            prop_assert_eq!(std.view().as_ptr(), v.as_ptr());
        }

        let fort = Array::from_view_in_order(&v, Order::F);
        prop_assert!(fort.is_f_contiguous());
        prop_assert_eq!(fort.to_vec(), want.clone());
        let want_f: Vec<i64> = m.addrs_f().iter().map(|&a| VALUE_BASE + a as i64).collect();
        prop_assert_eq!(fort.as_slice_memory_order().unwrap(), &want_f[..]);
        let fl = v.as_fortran_layout();
        prop_assert_eq!(fl.is_owned(), !v.is_f_contiguous());
        prop_assert_eq!(fl.view().to_vec(), want.clone());

        prop_assert_eq!(v.map(|x| 2 * x).to_vec(), want.iter().map(|x| 2 * x).collect::<Vec<_>>());
        prop_assert_eq!(v.astype::<f64>().to_vec(), want.iter().map(|&x| x as f64).collect::<Vec<_>>());
    }
}

/// A source shape that broadcasts to `dst` (each axis kept or 1, leading axes dropped),
/// sometimes one that does not.
fn broadcastable_to(dst: Vec<usize>) -> impl Strategy<Value = Vec<usize>> {
    let n = dst.len();
    (
        0..=n,
        proptest::collection::vec(any::<bool>(), n),
        prop_oneof![10 => Just(false), 1 => Just(true)],
    )
        .prop_map(move |(drop, ones, wrong)| {
            let mut s: Vec<usize> = (drop..n)
                .map(|a| if ones[a] { 1 } else { dst[a] })
                .collect();
            if wrong {
                match s.first_mut() {
                    Some(d) => *d += 2,
                    None => s.push(2),
                }
            }
            s
        })
}

/// The element of an operand of shape `src` broadcast to `idx` (right-aligned, 0 on
/// stretched axes), as a row-major position in `src`.
fn broadcast_position(src: &[usize], idx: &[usize]) -> usize {
    let lead = idx.len() - src.len();
    let mut pos = 0;
    for a in 0..src.len() {
        let i = if src[a] == 1 { 0 } else { idx[lead + a] };
        pos = pos * src[a] + i;
    }
    pos
}

#[derive(Debug, Clone)]
struct CopytoCase {
    dst: ViewCase,
    src_shape: Vec<usize>,
    src_order: Order,
    src_flip: bool,
    mask: Option<(Vec<usize>, Vec<bool>)>,
    entry: u8,
}

fn copyto_case() -> impl Strategy<Value = CopytoCase> {
    view_case(false).prop_flat_map(|dst| {
        let shape = dst.model().shape;
        let mask = proptest::option::of(broadcastable_to(shape.clone()).prop_flat_map(|ms| {
            let size = ms.iter().product::<usize>();
            (Just(ms), proptest::collection::vec(any::<bool>(), size))
        }));
        (
            Just(dst),
            broadcastable_to(shape),
            common::order_strategy(),
            any::<bool>(),
            mask,
            0u8..3,
        )
            .prop_map(
                |(dst, src_shape, src_order, src_flip, mask, entry)| CopytoCase {
                    dst,
                    src_shape,
                    src_order,
                    src_flip,
                    mask,
                    entry,
                },
            )
    })
}

fn fits(src: &[usize], dst: &[usize]) -> bool {
    src.len() <= dst.len()
        && (0..src.len()).all(|a| src[a] == 1 || src[a] == dst[dst.len() - src.len() + a])
}

proptest! {
    #![proptest_config(config())]

    /// `copyto(dst, src, where=mask)`, `ArrayViewMut::assign` and `Array::assign` with
    /// broadcasting into random (transposed, flipped, stepped) destinations: exactly the
    /// masked elements of the base change, to the broadcast source's values.
    #[test]
    fn copyto_matches_reference(case in copyto_case()) {
        let mut base = case.dst.base();
        let mut mem = case.dst.memory();
        let src_size: usize = case.src_shape.iter().product();
        let src_vals: Vec<i64> = (0..src_size as i64).map(|k| -k - 1).collect();
        // Logical values `src_vals` laid out in the chosen order; when `src_flip`, read through
        // a view flipped on every axis (negative strides) of the reversed values.
        let logical = if case.src_flip {
            src_vals.iter().rev().copied().collect()
        } else {
            src_vals.clone()
        };
        let laid = Array::from_view_in_order(
            &Array::from_vec(logical, &case.src_shape[..]).unwrap().view(),
            case.src_order,
        );
        let src_view = if case.src_flip { laid.flip(None).unwrap() } else { laid.view() };
        let mask_array = case.mask.as_ref().map(|(s, b)| Array::from_vec(b.clone(), &s[..]).unwrap());
        let (mut vm, m) = case.dst.view_mut(&mut base);
        let src_fits = fits(&case.src_shape, &m.shape);
        let mask_fits = case.mask.as_ref().is_none_or(|(s, _)| fits(s, &m.shape));
        let result = match (case.entry, &mask_array) {
            (_, Some(mask)) => copyto(&mut vm, &src_view, Some(&mask.view())),
            (0, None) => copyto(&mut vm, &src_view, None),
            (1, None) => vm.assign(&src_view),
            _ if case.src_flip => vm.assign(&src_view),
            _ => vm.assign(&laid),
        };
        if !src_fits {
            prop_assert_eq!(result, Err(Error::BroadcastTo { from: case.src_shape.clone(), to: m.shape.clone() }));
        } else if !mask_fits {
            let (s, _) = case.mask.as_ref().unwrap();
            prop_assert_eq!(result, Err(Error::BroadcastTo { from: s.clone(), to: m.shape.clone() }));
        } else {
            prop_assert_eq!(result, Ok(()));
            for idx in multi_indices(&m.shape) {
                let selected = case.mask.as_ref().is_none_or(|(s, b)| b[broadcast_position(s, &idx)]);
                if selected {
                    mem[m.addr(&idx) as usize] = src_vals[broadcast_position(&case.src_shape, &idx)];
                }
            }
        }
        prop_assert_eq!(base.as_slice_memory_order().unwrap(), &mem[..]);
    }

    /// `Array::assign` on an owned array in either memory order.
    #[test]
    fn array_assign_broadcasts(
        (shape, order, src_shape) in (common::shape_strategy(4), common::order_strategy())
            .prop_flat_map(|(s, o)| (Just(s.clone()), Just(o), broadcastable_to(s)))
    ) {
        let size: usize = shape.iter().product();
        let mut a = Array::from_vec_order(vec![0i64; size], &shape[..], order).unwrap();
        let src_size: usize = src_shape.iter().product();
        let src = Array::from_vec((1..=src_size as i64).collect(), &src_shape[..]).unwrap();
        match a.assign(&src) {
            Ok(()) => {
                prop_assert!(fits(&src_shape, &shape));
                let want: Vec<i64> = multi_indices(&shape).iter()
                    .map(|i| src.as_slice().unwrap()[broadcast_position(&src_shape, i)]).collect();
                prop_assert_eq!(a.to_vec(), want);
            }
            Err(e) => {
                prop_assert!(!fits(&src_shape, &shape));
                prop_assert_eq!(e, Error::BroadcastTo { from: src_shape.clone(), to: shape.clone() });
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Sliding windows and as_strided

#[derive(Debug, Clone)]
struct WindowSpec {
    window: Vec<usize>,
    axes: Option<Vec<isize>>,
}

/// Windows of length 1..=len+1 (the last one too large) on every axis, or on a few axes
/// (repeats allowed, as NumPy allows them), sometimes out of range.
fn window_spec(shape: Vec<usize>) -> impl Strategy<Value = WindowSpec> {
    let n = shape.len();
    let shape2 = shape.clone();
    let all_axes = proptest::collection::vec(any::<usize>(), n).prop_map(move |r| WindowSpec {
        window: r
            .iter()
            .zip(&shape)
            .map(|(&r, &d)| 1 + r % (d + 1).max(1))
            .collect(),
        axes: None,
    });
    let some_axes =
        proptest::collection::vec((axis_for(n), any::<usize>()), 1..=3).prop_map(move |v| {
            let window = v
                .iter()
                .map(|&(a, r)| {
                    let d = norm(a, n).map(|a| shape2[a]).unwrap_or(1);
                    1 + r % (d + 1).max(1)
                })
                .collect();
            WindowSpec {
                window,
                axes: Some(v.iter().map(|&(a, _)| a).collect()),
            }
        });
    prop_oneof![all_axes, some_axes]
}

fn model_windows(m: &Model, spec: &WindowSpec) -> Result<Model, Error> {
    let n = m.ndim();
    let axes: Vec<usize> = match &spec.axes {
        None => (0..n).collect(),
        Some(a) => a.iter().map(|&a| norm(a, n)).collect::<Result<_, _>>()?,
    };
    let mut out = m.clone();
    for (&a, &w) in axes.iter().zip(&spec.window) {
        if out.shape[a] < w {
            return Err(Error::WindowTooLarge {
                shape: m.shape.clone(),
                window: spec.window.clone(),
                axes: axes.clone(),
            });
        }
        out.shape[a] -= w - 1;
    }
    for (&a, &w) in axes.iter().zip(&spec.window) {
        out.shape.push(w);
        out.strides.push(m.strides[a]);
    }
    Ok(out)
}

/// Shapes and strides for `as_strided`, small enough to be mostly in bounds.
fn strided_request() -> impl Strategy<Value = (Vec<usize>, Vec<isize>)> {
    (0usize..=3).prop_flat_map(|n| {
        (
            proptest::collection::vec(prop_oneof![1 => Just(0usize), 6 => 1usize..=4], n),
            proptest::collection::vec(-3isize..=6, n),
        )
    })
}

proptest! {
    #![proptest_config(config())]

    /// `sliding_window_view` of random views: window axes appended with the windowed axes'
    /// strides, trimmed lengths, every element where NumPy puts it.
    #[test]
    fn sliding_windows_match_reference(
        (case, spec) in view_case(true).prop_flat_map(|vc| {
            let shape = vc.model().shape;
            (Just(vc), window_spec(shape))
        })
    ) {
        let base = case.base();
        let (v, m) = case.view(&base);
        match (v.sliding_window_view(&spec.window, spec.axes.as_deref()), model_windows(&m, &spec)) {
            (Ok(got), Ok(want)) => common::assert_view_matches(&got, &want),
            (Err(got), Err(want)) => prop_assert_eq!(got, want),
            (got, want) => panic!("{spec:?} on {m:?}: got {:?}, want {want:?}", got.map(|g| g.layout().clone())),
        }
    }

    /// `try_as_strided` accepts exactly the layouts that stay inside a forward contiguous
    /// base, and then reads memory position `offset + Σ i·s`.
    #[test]
    fn try_as_strided_matches_reference(case in view_case(true), (shape, strides) in strided_request()) {
        let base = case.base();
        let (v, m) = case.view(&base);
        let mut sorted = m.addrs_c();
        sorted.sort_unstable();
        let forward_run = m.size() > 0
            && sorted.windows(2).all(|w| w[1] == w[0] + 1)
            && sorted[0] == m.offset;
        let new = Model { shape: shape.clone(), strides: strides.clone(), offset: m.offset };
        let new_addrs = new.addrs_c();
        let inside = new_addrs.iter().all(|&a| a >= m.offset && a < m.offset + m.size() as isize);
        let view_strides = v.strides().to_vec();
        match v.try_as_strided(&shape, &strides) {
            Ok(got) => {
                prop_assert!(inside, "{:?} over {:?} reaches outside", new, m);
                prop_assert!(forward_run || new.size() == 0, "base {:?} is not a forward run", m);
                common::assert_view_matches(&got, &new);
            }
            Err(Error::InvalidStrides { shape: s, strides: st, reason }) => {
                prop_assert_eq!(&s, &shape);
                prop_assert_eq!(&st, &strides);
                let excused = m.size() == 0
                    || (0..m.ndim()).any(|a| m.shape[a] <= 1 && view_strides[a] < 0);
                prop_assert!(!(forward_run && inside) || excused,
                    "refused {:?} over the forward run {:?}: {}", new, m, reason);
            }
            Err(e) => panic!("unexpected error {e}"),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Copy-on-write and shared slices

proptest! {
    #![proptest_config(config())]

    /// Clones share storage until one is written: the other never sees the write. Slices
    /// shared with `slice_shared` behave the same way (NumPy's views of an owned array, made
    /// safe by copy-on-write).
    #[test]
    fn clones_copy_on_write(
        (shape, order, args) in (common::shape_strategy(4), common::order_strategy()).prop_flat_map(|(s, o)| {
            let n = s.len();
            (Just(s), Just(o), slice_args(n))
        }),
        how in 0u8..4, write_original in any::<bool>()
    ) {
        let case = ViewCase { shape: shape.clone(), order, ops: vec![] };
        let original = case.base();
        let m = Model::contiguous(&shape, order);
        let before = m.expected_values();
        let mut a = original.clone();
        let mut b = a.clone();
        prop_assert!(a.is_shared() && b.is_shared());
        let (writer, reader) = if write_original { (&mut a, &b) } else { (&mut b, &a) };
        let mut want = before.clone();
        match how {
            0 => {
                writer.fill(-1);
                want.iter_mut().for_each(|x| *x = -1);
            }
            1 => {
                if !want.is_empty() {
                    let last: Vec<isize> = vec![-1; shape.len()];
                    *writer.get_mut(&last).unwrap() = -2;
                    *want.last_mut().unwrap() = -2;
                }
            }
            2 => {
                for x in writer.iter_mut() {
                    *x += 1;
                }
                want.iter_mut().for_each(|x| *x += 1);
            }
            _ => {
                writer.map_inplace(|x| x * 3);
                want.iter_mut().for_each(|x| *x *= 3);
            }
        }
        prop_assert_eq!(writer.to_vec(), want);
        prop_assert_eq!(reader.to_vec(), before.clone());
        prop_assert_eq!(original.to_vec(), before.clone());
        prop_assert_eq!(writer.shape(), &shape[..]);

        // slice_shared: a view of the storage as an owned array, copy-on-write on both sides.
        let slice_args: Vec<SliceArg> = args.iter().map(|a| a.to_slice_arg()).collect();
        let mut parent = original.clone();
        match (parent.slice_shared(&slice_args), model_slice(&m, &args)) {
            (Ok(mut s), Ok(want)) => {
                prop_assert_eq!(s.to_vec(), want.expected_values());
                s.fill(-9);
                prop_assert_eq!(parent.to_vec(), before.clone());
                prop_assert!(s.iter().all(|&x| x == -9));
                let s2 = parent.slice_shared(&slice_args).unwrap();
                parent.fill(-4);
                prop_assert_eq!(s2.to_vec(), want.expected_values());
            }
            (Err(got), Err(want)) => assert_same_error(&got, &want),
            (got, want) => panic!("slice_shared {args:?}: got {:?}, want {want:?}", got.map(|g| g.shape().to_vec())),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Large arrays: the multi-threaded copy paths (above PARALLEL_MIN_ELEMENTS) against the same
// reference, once each.

fn big_case(ops: Vec<common::ViewOp>, order: Order) -> ViewCase {
    ViewCase {
        shape: vec![3, 257, 130],
        order,
        ops,
    }
}

#[test]
fn large_views_copy_like_the_reference() {
    use common::ViewOp::*;
    let chains = [
        vec![],
        vec![Transpose],
        vec![Flip(1), Permute(7)],
        vec![Step {
            axis: 2,
            start: Some(-3),
            stop: None,
            step: -2,
        }],
        vec![Broadcast {
            stretch: vec![],
            lead: Some(2),
        }],
    ];
    for order in [Order::C, Order::F] {
        for ops in &chains {
            let case = big_case(ops.clone(), order);
            let base = case.base();
            let (v, m) = case.view(&base);
            let want = m.expected_values();
            assert_eq!(v.to_owned().as_slice().unwrap(), &want[..], "{ops:?}");
            assert_eq!(Array::from_view_in_order(&v, Order::F).to_vec(), want);
            assert_eq!(
                v.map(|x| x + 1).to_vec(),
                want.iter().map(|x| x + 1).collect::<Vec<_>>()
            );
        }
    }
}

#[test]
fn large_writes_through_views_match_the_reference() {
    use common::ViewOp::*;
    let chains = [
        vec![],
        vec![Transpose, Flip(0)],
        vec![Step {
            axis: 1,
            start: None,
            stop: None,
            step: -1,
        }],
    ];
    for ops in &chains {
        let case = big_case(ops.clone(), Order::C);
        let mut base = case.base();
        let mut mem = case.memory();
        let (mut vm, m) = case.view_mut(&mut base);
        // A broadcast row source: every destination row gets the same values.
        let last = *m.shape.last().unwrap();
        let row = Array::from_vec((0..last as i64).map(|k| -k).collect(), [last]).unwrap();
        vm.assign(&row).unwrap();
        for idx in multi_indices(&m.shape) {
            mem[m.addr(&idx) as usize] = -(*idx.last().unwrap() as i64);
        }
        vm.map_inplace(|x| x - 1);
        for idx in multi_indices(&m.shape) {
            mem[m.addr(&idx) as usize] -= 1;
        }
        assert_eq!(base.as_slice_memory_order().unwrap(), &mem[..], "{ops:?}");
    }
}

#[test]
fn model_sanity() {
    // The reference itself, on NumPy facts: np.arange(10)[8:1:-3] == [8, 5, 2].
    assert_eq!(py_slice(Some(8), Some(1), -3, 10), vec![8, 5, 2]);
    assert_eq!(py_slice(None, None, -1, 0), Vec::<usize>::new());
    assert_eq!(py_slice(Some(-100), Some(100), 1, 3), vec![0, 1, 2]);
    let m = Model::contiguous(&[2, 3], Order::F);
    assert_eq!(m.strides, vec![1, 2]);
    assert_eq!(m.addrs_c(), vec![0, 2, 4, 1, 3, 5]);
    const { assert!(MAX_RANK >= 5) };
    let _ = nonzero_step();
}

/// Regression: flipping an empty array used to move the pointer by `(len - 1) * stride` of the
/// other axes, outside the (empty) allocation: undefined behaviour, caught by the debug
/// precondition check of `ptr::offset` (layout.rs, `Layout::flipped`).
#[test]
fn flipping_empty_arrays_keeps_the_pointer_in_bounds() {
    for shape in [[0usize, 5], [5, 0]] {
        let a = Array::<i64>::zeros(shape).unwrap();
        let f = a.flip(None).unwrap();
        assert_eq!(f.shape(), &shape);
        assert_eq!(f.as_ptr(), a.as_ptr());
        assert!(f.to_vec().is_empty());
        let mut b = a.clone();
        let fm = b.view_mut().into_flip(Some(&[1])).unwrap();
        assert_eq!(fm.len(), 0);
    }
}
