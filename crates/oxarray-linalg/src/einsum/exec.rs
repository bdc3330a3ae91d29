//! Running an einsum plan: diagonals and broadcasts as views, then each step of the path as
//! one contraction (a batched matrix product), intermediates owned, the result in C order.

use oxarray_core::{Array, ArrayView, CowArray, Layout, Result};

use crate::contract::{Label, contract};
use crate::einsum::plan::{LabelSet, Plan};
use crate::scalar::LinalgScalar;

/// `view` with one axis per distinct label: repeated labels become their diagonal (the
/// strides add up), and axes of length one whose label is longer elsewhere are broadcast
/// (stride zero).
pub(crate) fn prepare<'a, T: LinalgScalar>(
    view: ArrayView<'a, T>,
    labels: &[Label],
    sizes: &[usize],
) -> (ArrayView<'a, T>, Vec<Label>) {
    let mut unique: Vec<Label> = Vec::new();
    let mut shape: Vec<usize> = Vec::new();
    let mut strides: Vec<isize> = Vec::new();
    for (ax, &l) in labels.iter().enumerate() {
        match unique.iter().position(|&u| u == l) {
            Some(i) => strides[i] += view.strides()[ax],
            None => {
                unique.push(l);
                shape.push(view.shape()[ax]);
                strides.push(view.strides()[ax]);
            }
        }
    }
    for (i, &l) in unique.iter().enumerate() {
        let full = sizes[l as usize];
        if shape[i] == 1 && full != 1 {
            shape[i] = full;
            strides[i] = 0;
        }
    }
    if unique.len() == labels.len() && shape == view.shape() {
        return (view, unique);
    }
    let layout = Layout {
        shape: shape.into(),
        strides: strides.into(),
    };
    // SAFETY: a repeated label's axes have equal lengths (checked by the parser), so diagonal
    // position t is the element (t, t, ..) of those axes, with the summed stride; a broadcast
    // axis (stride 0) only ever reaches index 0 of an axis of length one. Every position of
    // the new layout is thus an element of `view`.
    let diag = unsafe { view.with_layout_unchecked(layout, 0) };
    (diag, unique)
}

fn labels_in(set: LabelSet) -> impl Fn(&Label) -> bool {
    move |&l| set >> l & 1 == 1
}

/// Runs `plan` on `operands` (already checked against its shapes).
pub(crate) fn execute<T: LinalgScalar>(
    plan: &Plan,
    operands: &[ArrayView<'_, T>],
) -> Result<Array<T>> {
    let parsed = &plan.parsed;
    let mut list: Vec<(CowArray<'_, T>, Vec<Label>)> = operands
        .iter()
        .zip(&parsed.inputs)
        .map(|(v, labels)| {
            let (view, labels) = prepare(v.clone(), labels, &parsed.sizes);
            (CowArray::View(view), labels)
        })
        .collect();
    let last = plan.steps.len() - 1;
    for (n, step) in plan.steps.iter().enumerate() {
        let mut positions = step.positions.clone();
        positions.sort_unstable_by(|a, b| b.cmp(a));
        let taken: Vec<(CowArray<'_, T>, Vec<Label>)> =
            positions.iter().map(|&p| list.remove(p)).collect();
        let keep: Vec<Label> = if n == last {
            parsed.output.clone()
        } else {
            // The kept labels as the product writes them: batch labels (in both operands),
            // then the first operand's, then the second's, each in its operand's axis order.
            let kept = labels_in(step.result);
            let mut keep: Vec<Label> = Vec::new();
            let in_all = |l: &Label| taken.iter().all(|(_, labels)| labels.contains(l));
            for batch_first in [true, false] {
                for (_, labels) in taken.iter().rev() {
                    for l in labels {
                        if kept(l) && (in_all(l) || !batch_first) && !keep.contains(l) {
                            keep.push(*l);
                        }
                    }
                }
            }
            keep
        };
        let result = match &taken[..] {
            [(a, a_labels)] => single(&a.view(), a_labels, &keep)?,
            [(b, b_labels), (a, a_labels)] => {
                contract(&a.view(), a_labels, &b.view(), b_labels, &keep)?
            }
            _ => unreachable!("plans contract one or two operands per step"),
        };
        list.push((CowArray::Owned(result), keep));
    }
    let (result, _) = list.pop().expect("the last step leaves one operand");
    Ok(result.into_owned())
}

/// One operand alone: sums the labels not in `keep`, then orders the axes as `keep`.
fn single<T: LinalgScalar>(
    a: &ArrayView<'_, T>,
    labels: &[Label],
    keep: &[Label],
) -> Result<Array<T>> {
    let summed: Vec<usize> = (0..labels.len())
        .filter(|&ax| !keep.contains(&labels[ax]))
        .collect();
    let reduced;
    let (view, remaining): (ArrayView<'_, T>, Vec<Label>) = if summed.is_empty() {
        (a.clone(), labels.to_vec())
    } else {
        reduced = T::sum_axes(a, &summed)?;
        let remaining = labels
            .iter()
            .copied()
            .filter(|l| keep.contains(l))
            .collect();
        (reduced.view(), remaining)
    };
    let perm: Vec<isize> = keep
        .iter()
        .map(|l| remaining.iter().position(|r| r == l).expect("kept label") as isize)
        .collect();
    Ok(view.into_permuted(&perm)?.to_owned())
}
