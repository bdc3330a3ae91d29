//! Pairwise contraction of labelled operands, lowered to one batched matrix product.
//!
//! Every axis of both operands carries a label. Labels in both operands and in the output are
//! batch axes; in both and not in the output, contracted (`k`); in one operand and the output,
//! free (`m` for the first operand, `n` for the second); in one operand only, summed first.
//! Each group must merge into one stride for the kernel: the group orders are chosen so that
//! they do (following the operands' strides), and an operand is copied only when no order
//! makes its groups mergeable. tensordot and every step of einsum go through here.

use oxarray_core::parallel::SendPtr;
use oxarray_core::{Array, ArrayView, Layout, Result};

use crate::kernel::{self, Operand, Product, Uninit};
use crate::scalar::LinalgScalar;

/// An axis label (einsum subscripts map letters and broadcast axes to labels).
pub(crate) type Label = u32;

/// The position of `label` in `labels`.
fn position(labels: &[Label], label: Label) -> Option<usize> {
    labels.iter().position(|&l| l == label)
}

/// `(size, stride)` of the axes `group` (in that order) merged into one axis, or `None` when
/// their strides do not allow it. Axes of length one never block a merge.
fn merged(layout: &Layout, group: &[usize]) -> Option<(usize, isize)> {
    if group.iter().any(|&ax| layout.shape[ax] == 0) {
        return Some((0, 1));
    }
    let mut size = 1usize;
    let mut stride: Option<isize> = None;
    for &ax in group.iter().rev() {
        let (d, s) = (layout.shape[ax], layout.strides[ax]);
        if d == 1 {
            continue;
        }
        match stride {
            None => stride = Some(s),
            Some(inner) => {
                if s != inner * size as isize {
                    return None;
                }
            }
        }
        size *= d;
    }
    Some((size, stride.unwrap_or(1)))
}

/// Axes of `view` for `labels` (all present).
fn axes_of(labels_of_view: &[Label], labels: &[Label]) -> Vec<usize> {
    labels
        .iter()
        .map(|&l| position(labels_of_view, l).expect("label of this operand"))
        .collect()
}

/// `labels` sorted by decreasing absolute stride in `view` (the memory order, outermost first).
fn memory_order(
    view: &ArrayView<'_, impl oxarray_core::Element>,
    view_labels: &[Label],
    labels: &[Label],
) -> Vec<Label> {
    let mut sorted = labels.to_vec();
    sorted.sort_by_key(|&l| {
        let ax = position(view_labels, l).expect("label of this operand");
        std::cmp::Reverse(view.strides()[ax].unsigned_abs())
    });
    sorted
}

/// A C-order copy of `view` with its axes in the order of `order` (labels of `view`).
fn copy_in_order<T: LinalgScalar>(
    view: &ArrayView<'_, T>,
    labels: &[Label],
    order: &[Label],
) -> Array<T> {
    let perm: Vec<isize> = axes_of(labels, order).iter().map(|&a| a as isize).collect();
    view.clone()
        .into_permuted(&perm)
        .expect("a permutation of the view's axes")
        .to_owned()
}

/// `v` with axes `axes` first and its other axes (all of length one) dropped: shape `shape`.
fn batch_view<'v, T: LinalgScalar>(
    v: &ArrayView<'v, T>,
    axes: &[usize],
    shape: &[usize],
) -> ArrayView<'v, T> {
    let others: Vec<usize> = (0..v.ndim()).filter(|ax| !axes.contains(ax)).collect();
    let perm: Vec<isize> = axes.iter().chain(&others).map(|&a| a as isize).collect();
    v.clone()
        .into_permuted(&perm)
        .and_then(|p| p.into_reshape(shape))
        .expect("the remaining axes have length one")
}

/// Contracts `a` and `b` into a new C-order array whose axes carry `out_labels`.
///
/// Every label of `out_labels` is in `a` or `b`; labels of `a` and `b` not in `out_labels` are
/// summed. A label in both operands has the same length in both. Labels are distinct within
/// each operand.
pub(crate) fn contract<T: LinalgScalar>(
    a: &ArrayView<'_, T>,
    a_labels: &[Label],
    b: &ArrayView<'_, T>,
    b_labels: &[Label],
    out_labels: &[Label],
) -> Result<Array<T>> {
    // Labels in one operand only and not kept: sum them away first.
    let reduce = |v: &ArrayView<'_, T>,
                  labels: &[Label],
                  other: &[Label]|
     -> Result<Option<(Array<T>, Vec<Label>)>> {
        let summed: Vec<usize> = (0..labels.len())
            .filter(|&ax| !other.contains(&labels[ax]) && !out_labels.contains(&labels[ax]))
            .collect();
        if summed.is_empty() {
            return Ok(None);
        }
        let kept = (0..labels.len())
            .filter(|ax| !summed.contains(ax))
            .map(|ax| labels[ax])
            .collect();
        Ok(Some((T::sum_axes(v, &summed)?, kept)))
    };
    let a_reduced = reduce(a, a_labels, b_labels)?;
    let b_reduced = reduce(b, b_labels, a_labels)?;
    let (a, a_labels) = match &a_reduced {
        Some((arr, labels)) => (arr.view(), &labels[..]),
        None => (a.clone(), a_labels),
    };
    let (b, b_labels) = match &b_reduced {
        Some((arr, labels)) => (arr.view(), &labels[..]),
        None => (b.clone(), b_labels),
    };
    contract_reduced(&a, a_labels, &b, b_labels, out_labels)
}

/// [`contract`] once every label is in the output or in both operands.
fn contract_reduced<T: LinalgScalar>(
    a: &ArrayView<'_, T>,
    a_labels: &[Label],
    b: &ArrayView<'_, T>,
    b_labels: &[Label],
    out_labels: &[Label],
) -> Result<Array<T>> {
    let in_a = |l: &Label| a_labels.contains(l);
    let in_b = |l: &Label| b_labels.contains(l);
    let batch: Vec<Label> = out_labels
        .iter()
        .copied()
        .filter(|l| in_a(l) && in_b(l))
        .collect();
    let free_a: Vec<Label> = out_labels
        .iter()
        .copied()
        .filter(|l| in_a(l) && !in_b(l))
        .collect();
    let free_b: Vec<Label> = out_labels
        .iter()
        .copied()
        .filter(|l| !in_a(l) && in_b(l))
        .collect();
    let contracted: Vec<Label> = a_labels
        .iter()
        .copied()
        .filter(|l| in_b(l) && !out_labels.contains(l))
        .collect();
    let size_of_label = |l: Label| match position(a_labels, l) {
        Some(ax) => a.shape()[ax],
        None => b.shape()[position(b_labels, l).expect("label of b")],
    };
    let out_shape: Vec<usize> = out_labels.iter().map(|&l| size_of_label(l)).collect();
    let mut out = Uninit::<T>::new(&out_shape)?;
    if out.layout.size() == 0 {
        // SAFETY: an empty array has no element to write.
        return unsafe { out.assume_init() };
    }

    // Pure elementwise product (no matrix axes at all): one pass over the batch.
    if contracted.iter().all(|&l| size_of_label(l) == 1) && free_a.is_empty() && free_b.is_empty() {
        let a_axes = axes_of(a_labels, &batch);
        let b_axes = axes_of(b_labels, &batch);
        let (va, vb) = (
            batch_view(a, &a_axes, &out_shape),
            batch_view(b, &b_axes, &out_shape),
        );
        let mut product = Array::<T>::zeros(&out_shape[..])?;
        T::multiply_into(&va, &vb, &mut product.view_mut())?;
        return Ok(product);
    }

    // Group orders: batch and free groups follow the output; the contracted group follows
    // the memory order of whichever operand then needs no copy.
    let k_by_a = memory_order(a, a_labels, &contracted);
    let k_by_b = memory_order(b, b_labels, &contracted);
    let a_ok = |k: &[Label]| {
        merged(a.layout(), &axes_of(a_labels, &free_a)).is_some()
            && merged(a.layout(), &axes_of(a_labels, k)).is_some()
    };
    let b_ok = |k: &[Label]| {
        merged(b.layout(), &axes_of(b_labels, &free_b)).is_some()
            && merged(b.layout(), &axes_of(b_labels, k)).is_some()
    };
    let (k_order, copy_a, copy_b) = if a_ok(&k_by_a) && b_ok(&k_by_a) {
        (k_by_a, false, false)
    } else if a_ok(&k_by_b) && b_ok(&k_by_b) {
        (k_by_b, false, false)
    } else if a_ok(&k_by_a) {
        (k_by_a, false, true)
    } else if b_ok(&k_by_b) {
        (k_by_b, true, false)
    } else {
        (k_by_a, true, true)
    };
    let a_order: Vec<Label> = batch
        .iter()
        .chain(&free_a)
        .chain(&k_order)
        .copied()
        .collect();
    let b_order: Vec<Label> = batch
        .iter()
        .chain(&k_order)
        .chain(&free_b)
        .copied()
        .collect();
    let a_copy = copy_a.then(|| copy_in_order(a, a_labels, &a_order));
    let b_copy = copy_b.then(|| copy_in_order(b, b_labels, &b_order));
    let (a, a_labels) = match &a_copy {
        Some(c) => (c.view(), &a_order[..]),
        None => (a.clone(), a_labels),
    };
    let (b, b_labels) = match &b_copy {
        Some(c) => (c.view(), &b_order[..]),
        None => (b.clone(), b_labels),
    };

    // The output: written in place when its free groups merge, through a temporary otherwise.
    let out_order: Vec<Label> = batch
        .iter()
        .chain(&free_a)
        .chain(&free_b)
        .copied()
        .collect();
    let out_fits = merged(&out.layout, &axes_of(out_labels, &free_a)).is_some()
        && merged(&out.layout, &axes_of(out_labels, &free_b)).is_some();
    let groups = [&batch[..], &free_a, &free_b, &k_order];
    if out_fits {
        let layout = out.layout.clone();
        // SAFETY: `out` is fresh room with `layout`; the product writes all of it.
        unsafe {
            run_grouped(
                (out.as_mut_ptr(), &layout),
                out_labels,
                (&a, a_labels),
                (&b, b_labels),
                groups,
            );
            out.assume_init()
        }
    } else {
        let temp_shape: Vec<usize> = out_order.iter().map(|&l| size_of_label(l)).collect();
        let mut temp = Uninit::<T>::new(&temp_shape)?;
        let layout = temp.layout.clone();
        // SAFETY: `temp` is fresh room with `layout`; the product writes all of it.
        let temp = unsafe {
            run_grouped(
                (temp.as_mut_ptr(), &layout),
                &out_order,
                (&a, a_labels),
                (&b, b_labels),
                groups,
            );
            temp.assume_init()?
        };
        let perm: Vec<isize> = axes_of(&out_order, out_labels)
            .iter()
            .map(|&x| x as isize)
            .collect();
        Ok(temp.permute_axes(&perm)?.to_owned())
    }
}

/// Runs the batched product for groups `[batch, free_a, free_b, contracted]`, each mergeable in
/// the operands that carry it.
///
/// # Safety
/// `out_ptr` points to a writable array with layout `out`, that nothing else accesses.
unsafe fn run_grouped<T: LinalgScalar>(
    (out_ptr, out): (*mut T, &Layout),
    out_labels: &[Label],
    (a, a_labels): (&ArrayView<'_, T>, &[Label]),
    (b, b_labels): (&ArrayView<'_, T>, &[Label]),
    [batch, free_a, free_b, contracted]: [&[Label]; 4],
) {
    let group = |v: &Layout, labels: &[Label], g: &[Label]| {
        merged(v, &axes_of(labels, g)).expect("group orders were chosen to merge")
    };
    let batch_strides = |v: &Layout, labels: &[Label]| -> Vec<isize> {
        axes_of(labels, batch)
            .iter()
            .map(|&ax| v.strides[ax])
            .collect()
    };
    let (m, a_rs) = group(a.layout(), a_labels, free_a);
    let (k, a_cs) = group(a.layout(), a_labels, contracted);
    let (_, b_rs) = group(b.layout(), b_labels, contracted);
    let (n, b_cs) = group(b.layout(), b_labels, free_b);
    let (_, out_rs) = group(out, out_labels, free_a);
    let (_, out_cs) = group(out, out_labels, free_b);
    let product = Product {
        m,
        n,
        k,
        batch_shape: axes_of(out_labels, batch)
            .iter()
            .map(|&ax| out.shape[ax])
            .collect(),
        out: Operand {
            ptr: SendPtr::new(out_ptr),
            batch_strides: batch_strides(out, out_labels),
            rs: out_rs,
            cs: out_cs,
        },
        a: Operand {
            ptr: SendPtr::from_const(a.as_ptr()),
            batch_strides: batch_strides(a.layout(), a_labels),
            rs: a_rs,
            cs: a_cs,
        },
        b: Operand {
            ptr: SendPtr::from_const(b.as_ptr()),
            batch_strides: batch_strides(b.layout(), b_labels),
            rs: b_rs,
            cs: b_cs,
        },
    };
    // SAFETY: each operand's groups merge into the strides above, so the product visits
    // exactly the views' elements; `out` is fresh, non-overlapping and unaliased (contract).
    unsafe { kernel::run(&product) };
}
