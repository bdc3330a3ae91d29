//! Placements against the host arrays' own views (the same layout functions must give the
//! same shapes, strides and offsets) and the kernels' index walk against a naive one.

use oxarray_core::{Array, s};

use super::*;

/// The element offset of a host view's first element from its base array's.
fn host_offset(base: &Array<f64>, view: &oxarray_core::ArrayView<'_, f64>) -> isize {
    (view.as_ptr() as isize - base.as_ptr() as isize) / size_of::<f64>() as isize
}

fn base() -> (Array<f64>, Placement) {
    let a = Array::<f64>::zeros([4, 5, 6]).unwrap();
    (a, Placement::contiguous(&[4, 5, 6], Order::C))
}

#[test]
fn views_match_the_host_views() {
    let (a, p) = base();
    let exprs: Vec<Vec<SliceArg>> = vec![
        s![1.., ..;2, ..;-1].to_vec(),
        s![-1, .., 2..5].to_vec(),
        s![..;-3, oxarray_core::NewAxis, 1, ..].to_vec(),
        s![oxarray_core::Ellipsis, 3].to_vec(),
        s![2..2, .., ..].to_vec(),
    ];
    for e in exprs {
        let hv = a.slice(&e).unwrap();
        let dv = p.slice(&e).unwrap();
        assert_eq!(dv.shape(), hv.shape(), "{e:?}");
        assert_eq!(&dv.layout.strides[..], hv.strides(), "{e:?}");
        if !hv.is_empty() {
            assert_eq!(dv.offset, host_offset(&a, &hv), "{e:?}");
        }
        assert!(dv.in_bounds());
    }
    let t = p.permuted(Some(&[2, 0, 1])).unwrap();
    assert_eq!(
        &t.layout.strides[..],
        a.permute_axes(&[2, 0, 1]).unwrap().strides()
    );
    let f = p.flipped(Some(&[1])).unwrap();
    assert_eq!(f.offset, 4 * 6);
    assert_eq!(&f.layout.strides[..], &[30, -6, 1]);
    let b = p
        .slice(&s![.., 0, ..])
        .unwrap()
        .expanded(&[1])
        .unwrap()
        .broadcast_to(&[4, 3, 6])
        .unwrap();
    assert_eq!(&b.layout.strides[..], &[30, 0, 1]);
    assert!(p.broadcast_to(&[4, 5]).is_err());
    assert!(p.slice(&s![.., .., .., 0]).is_err());
    assert!(p.squeezed(Some(&[0])).is_err());
}

#[test]
fn reshape_is_a_view_only_when_the_strides_allow() {
    let (_, p) = base();
    let r = p.reshaped(&[20, 6]).unwrap().unwrap();
    assert_eq!(&r.layout.strides[..], &[6, 1]);
    let t = p.permuted(None).unwrap();
    assert!(t.reshaped(&[120]).unwrap().is_none());
    assert!(p.reshaped(&[7, 7]).is_err());
}

/// The offsets the kernels' `ox_offsets` computes for linear index `i`.
fn kernel_offsets(s: &Strided, mut i: i64, k: usize) -> i64 {
    let mut off = s.offset[k];
    for d in (0..s.ndim as usize).rev() {
        off += (i % s.shape[d]) * s.strides[k][d];
        i /= s.shape[d];
    }
    off
}

/// The offsets of every element in C order, by the definition.
fn naive_offsets(p: &Placement) -> Vec<i64> {
    let shape = p.shape();
    let n: usize = shape.iter().product();
    (0..n)
        .map(|mut i| {
            let mut off = p.offset as i64;
            for d in (0..shape.len()).rev() {
                off += (i % shape[d]) as i64 * p.layout.strides[d] as i64;
                i /= shape[d];
            }
            off
        })
        .collect()
}

#[test]
fn merged_kernel_walks_visit_what_the_naive_walk_visits() {
    let (_, p) = base();
    let views = [
        p.clone(),
        p.slice(&s![.., 1..2, ..]).unwrap(),
        p.flipped(None).unwrap(),
        p.slice(&s![.., .., 0])
            .unwrap()
            .expanded(&[2])
            .unwrap()
            .broadcast_to(&[4, 5, 6])
            .unwrap(),
        Placement::contiguous(&[8, 5, 12], Order::C)
            .slice(&s![..;-2, .., ..;2])
            .unwrap(),
    ];
    for a in &views {
        for b in &views {
            let (shape, ops) = broadcast(&[a, b]).unwrap();
            let out = result_placement(&shape, &[&ops[0], &ops[1]]);
            let args = strided_args("add", &[&ops[0], &ops[1], &out]).unwrap();
            assert_eq!(args.size as usize, out.layout.size());
            for (k, op) in [&ops[0], &ops[1], &out].into_iter().enumerate() {
                let naive = naive_offsets(op);
                let walked: Vec<i64> = (0..args.size)
                    .map(|i| kernel_offsets(&args, i, k))
                    .collect();
                assert_eq!(walked, naive, "operand {k} of {a:?} + {b:?}");
            }
        }
        // Contiguous operands merge into one axis.
        let c = Placement::contiguous(a.shape(), Order::C);
        assert_eq!(strided_args("neg", &[&c, &c]).unwrap().ndim, 1);
    }
    let unary = strided_args("neg", &[&views[2], &p]).unwrap();
    assert_eq!(unary.strides[1], [0; MAX_DIMS_TEST]);
}

const MAX_DIMS_TEST: usize = crate::launch::MAX_DIMS;

#[test]
fn reduce_plans_split_kept_and_reduced_axes() {
    let (_, p) = base();
    let v = p.slice(&s![.., ..;-1, 1..]).unwrap();
    let plan = reduce_plan("sum", &v, Some(&[0, -1]), false).unwrap();
    assert_eq!(plan.out_shape, [5]);
    assert_eq!(plan.count, 4 * 5);
    assert_eq!(plan.args.kept.shape[..1], [5]);
    assert_eq!(plan.args.kept.strides[0][..1], [-6]);
    assert_eq!(plan.args.kept.strides[2][..1], [1]);
    assert_eq!(plan.args.red.shape[..2], [4, 5]);
    assert_eq!(plan.args.red.strides[0][..2], [30, 1]);
    assert_eq!(plan.args.kept.offset[0], v.offset as i64);
    // For every output element and reduced index, the kernel reads the element the naive
    // definition names.
    for o in 0..5i64 {
        for j in 0..plan.count as i64 {
            let off = kernel_offsets(&plan.args.kept, o, 0) + kernel_offsets(&plan.args.red, j, 0);
            let (i0, i2) = (j / 5, j % 5);
            let want = v.offset as i64 + i0 * 30 + o * -6 + i2;
            assert_eq!(off, want);
        }
    }
    let all = reduce_plan("sum", &p, None, true).unwrap();
    assert_eq!((all.out_shape.as_slice(), all.count), (&[1, 1, 1][..], 120));
    assert_eq!(all.args.kept.size, 1);
    assert!(reduce_plan("sum", &p, Some(&[3]), false).is_err());
    assert!(reduce_plan("sum", &p, Some(&[1, -2]), false).is_err());
}
