//! The product family on small hand-checked cases and against each other: dot, vdot, inner,
//! outer, kron, trace, tensordot, multi_dot, einsum equivalences.

mod common;

use common::{Rng, random};
use oxarray_core::{Array, Complex64, array, s};
use oxarray_linalg::{
    dot, einsum, einsum_path, inner, kron, matmul, multi_dot, outer, tensordot, trace, trace_axes,
    vdot,
};

#[test]
fn einsum_equals_tensordot_and_matmul() {
    let mut rng = Rng::new(1);
    let a = random::<f64>(&[6, 7, 8], &mut rng);
    let b = random::<f64>(&[8, 5], &mut rng);
    let e = einsum("ijk,kl->ijl", &[a.view(), b.view()]).unwrap();
    let t = tensordot(&a, &b, (-1, 0)).unwrap();
    let m = matmul(&a, &b).unwrap();
    for ((x, y), z) in e.iter().zip(t.iter()).zip(m.iter()) {
        assert!((x - y).abs() < 1e-12 && (x - z).abs() < 1e-12);
    }
    // Transposed and stepped operands of the same einsum.
    let at = a.permute_axes(&[2, 0, 1]).unwrap().to_owned();
    let e2 = einsum("kij,kl->ijl", &[at.view(), b.view()]).unwrap();
    assert!(e2.iter().zip(e.iter()).all(|(x, y)| (x - y).abs() < 1e-12));
    let big = random::<f64>(&[12, 7, 16], &mut rng);
    let stepped = big.slice(s![..;2, .., ..;2]).unwrap();
    let e3 = einsum("ijk,kl->ijl", &[stepped.clone(), b.view()]).unwrap();
    let m3 = matmul(&stepped, &b).unwrap();
    assert!(e3.iter().zip(m3.iter()).all(|(x, y)| (x - y).abs() < 1e-12));
}

#[test]
fn einsum_plans_are_cached_and_reused() {
    let a = Array::<f64>::ones([3, 4]).unwrap();
    let b = Array::<f64>::ones([4, 5]).unwrap();
    for _ in 0..3 {
        let c = einsum("ij,jk->ik", &[a.view(), b.view()]).unwrap();
        assert_eq!(c.to_vec(), vec![4.0; 15]);
    }
    let p = einsum_path("ij,jk->ik", &[&[3, 4], &[4, 5]]).unwrap();
    assert_eq!(p.path(), &[vec![0, 1]]);
    assert_eq!(p.subscripts(), "ij,jk->ik");
}

#[test]
fn einsum_path_chooses_the_cheap_order_and_prints_numpy_report() {
    let p = einsum_path("ab,bc,cd->ad", &[&[1000, 2], &[2, 1000], &[1000, 3]]).unwrap();
    assert_eq!(p.path(), &[vec![1, 2], vec![0, 1]]);
    assert!(p.speedup() > 100.0);
    let text = p.to_string();
    assert!(
        text.starts_with("  Complete contraction:  ab,bc,cd->ad\n         Naive scaling:  4\n")
    );
    assert!(
        text.contains("   3                   cd,bc->bd                                ab,bd->ad")
    );
    // Broadcast axes print as a letter the subscripts do not use (NumPy picks one from a set,
    // so its choice varies from run to run; ours is fixed).
    let p = einsum_path("...ij,...jk", &[&[2, 3, 4], &[2, 4, 5]]).unwrap();
    let s = p.subscripts();
    let x = s.chars().next().unwrap();
    assert!(x.is_ascii_alphabetic() && !"ijk".contains(x), "{s}");
    assert_eq!(s, format!("{x}ij,{x}jk->{x}ik"));
    assert_eq!(s, p.subscripts(), "the choice is deterministic");
}

#[test]
fn dot_family_small_cases() {
    let a = array![[1.0, 2.0], [3.0, 4.0]];
    let v = array![1.0, -1.0];
    assert_eq!(dot(&a, &v).unwrap(), array![-1.0, -1.0]);
    assert_eq!(dot(&v, &a).unwrap(), array![-2.0, -2.0]);
    assert_eq!(dot(&v, &v).unwrap().item().unwrap(), 2.0);
    assert_eq!(
        dot(&Array::from_scalar(2.0), &v).unwrap(),
        array![2.0, -2.0]
    );
    assert_eq!(inner(&v, &v).unwrap().item().unwrap(), 2.0);
    assert_eq!(inner(&a, &v).unwrap(), array![-1.0, -1.0]);
    assert_eq!(
        outer(&v, &array![1.0, 2.0, 3.0]).unwrap(),
        array![[1.0, 2.0, 3.0], [-1.0, -2.0, -3.0]]
    );
    assert_eq!(outer(&a, &v).unwrap().shape(), &[4, 2]);
    assert_eq!(vdot(&a, &a).unwrap(), 30.0);
    assert_eq!(trace(&a).unwrap(), 5.0);
    assert_eq!(trace_axes(&a, 1, 0, 1).unwrap().item().unwrap(), 2.0);
    assert_eq!(trace_axes(&a, -1, 0, 1).unwrap().item().unwrap(), 3.0);
    assert_eq!(trace_axes(&a, 5, 0, 1).unwrap().item().unwrap(), 0.0);
    let c = array![Complex64::new(0.0, 1.0), Complex64::new(2.0, 0.0)];
    assert_eq!(vdot(&c, &c).unwrap(), Complex64::new(5.0, 0.0));
    assert_eq!(
        kron(&array![[1, 2]], &array![[1], [10]]).unwrap(),
        array![[1, 2], [10, 20]]
    );
    assert_eq!(
        kron(&Array::from_scalar(3), &array![1, 2]).unwrap(),
        array![3, 6]
    );
}

#[test]
fn tensordot_axis_forms() {
    let mut rng = Rng::new(2);
    let a = random::<f64>(&[3, 4, 5], &mut rng);
    let b = random::<f64>(&[4, 3, 2], &mut rng);
    let t = tensordot(&a, &b, ([1, 0], [0, 1])).unwrap();
    let e = einsum("jik,ijl->kl", &[a.view(), b.view()]).unwrap();
    assert_eq!(t.shape(), &[5, 2]);
    assert!(t.iter().zip(e.iter()).all(|(x, y)| (x - y).abs() < 1e-12));
    let outer0 = tensordot(&a, &b, 0).unwrap();
    assert_eq!(outer0.shape(), &[3, 4, 5, 4, 3, 2]);
    let full = tensordot(&a, &a, 3).unwrap();
    assert_eq!(full.ndim(), 0);
    let sumsq: f64 = a.iter().map(|x| x * x).sum();
    assert!((full.item().unwrap() - sumsq).abs() < 1e-12);
}

#[test]
fn multi_dot_matches_left_to_right() {
    let mut rng = Rng::new(3);
    let x = random::<f64>(&[30, 5], &mut rng);
    let y = random::<f64>(&[5, 40], &mut rng);
    let z = random::<f64>(&[40, 2], &mut rng);
    let w = random::<f64>(&[2, 9], &mut rng);
    let fast = multi_dot(&[x.view(), y.view(), z.view(), w.view()]).unwrap();
    let slow = matmul(&matmul(&matmul(&x, &y).unwrap(), &z).unwrap(), &w).unwrap();
    assert!(
        fast.iter()
            .zip(slow.iter())
            .all(|(a, b)| (a - b).abs() < 1e-10)
    );
    let v = random::<f64>(&[30], &mut rng);
    let u = random::<f64>(&[9], &mut rng);
    let s = multi_dot(&[v.view(), x.view(), y.view(), z.view(), w.view(), u.view()]).unwrap();
    assert_eq!(s.ndim(), 0);
    let two = multi_dot(&[x.view(), y.view()]).unwrap();
    assert_eq!(two.shape(), &[30, 40]);
}

#[test]
fn large_einsum_runs_as_gemm_with_threads() {
    // Big enough for threaded gemm; checked against tensordot on a transposed copy.
    let mut rng = Rng::new(4);
    let a = random::<f32>(&[16, 32, 256], &mut rng);
    let b = random::<f32>(&[256, 300], &mut rng);
    let e = einsum("ijk,kl->lji", &[a.view(), b.view()]).unwrap();
    let t = tensordot(&a, &b, (-1, 0)).unwrap();
    let tt = t.permute_axes(&[2, 1, 0]).unwrap();
    assert_eq!(e.shape(), tt.shape());
    assert!(e.iter().zip(tt.iter()).all(|(x, y)| (x - y).abs() < 1e-3));
}
