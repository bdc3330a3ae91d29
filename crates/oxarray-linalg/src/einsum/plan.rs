//! Choosing the contraction order of an einsum (opt_einsum's cost model, as NumPy's
//! `einsum_path` uses): exhaustive search for up to four operands, greedy beyond, and the
//! printable report.

use std::fmt;

use crate::contract::Label;
use crate::einsum::parse::{ELLIPSIS_BASE, Parsed, letter};

/// Operands up to which the optimal order is found by exhaustive search.
const OPTIMAL_MAX_OPERANDS: usize = 4;

/// A set of labels as a bit set (labels are < 128: 52 letters and at most 76 broadcast axes).
pub(crate) type LabelSet = u128;

fn set_of(labels: &[Label]) -> LabelSet {
    labels.iter().fold(0, |s, &l| s | 1u128 << l)
}

fn labels_of(set: LabelSet) -> impl Iterator<Item = Label> {
    (0..128).filter(move |&l| set >> l & 1 == 1)
}

/// The number of elements of an array with the labels of `set`.
fn size_of_set(set: LabelSet, sizes: &[usize]) -> f64 {
    labels_of(set).map(|l| sizes[l as usize] as f64).product()
}

/// opt_einsum's FLOP count of a contraction over the labels `all` of `terms` operands,
/// `inner` when some label is summed.
fn flop_count(all: LabelSet, inner: bool, terms: usize, sizes: &[usize]) -> f64 {
    let factor = (terms.saturating_sub(1)).max(1) + usize::from(inner);
    size_of_set(all, sizes) * factor as f64
}

/// One step of a path: the positions contracted (in the current operand list) and the labels
/// of the result, which is appended to the end of the list.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Step {
    pub positions: Vec<usize>,
    pub result: LabelSet,
    pub all: LabelSet,
    pub removed: LabelSet,
    pub flops: f64,
}

/// The step contracting `positions` of `sets`, keeping the labels of the other operands and of
/// the output.
fn step(positions: &[usize], sets: &[LabelSet], output: LabelSet, sizes: &[usize]) -> Step {
    let mut all = 0;
    let mut keep = output;
    for (i, &s) in sets.iter().enumerate() {
        if positions.contains(&i) {
            all |= s;
        } else {
            keep |= s;
        }
    }
    let result = all & keep;
    let removed = all & !result;
    Step {
        positions: positions.to_vec(),
        result,
        all,
        removed,
        flops: flop_count(all, removed != 0, positions.len(), sizes),
    }
}

/// The operand list after `step`.
fn apply(sets: &[LabelSet], step: &Step) -> Vec<LabelSet> {
    let mut next: Vec<LabelSet> = sets
        .iter()
        .enumerate()
        .filter(|(i, _)| !step.positions.contains(i))
        .map(|(_, &s)| s)
        .collect();
    next.push(step.result);
    next
}

/// The cheapest sequence of pairwise contractions, by exhaustive search.
fn optimal(sets: &[LabelSet], output: LabelSet, sizes: &[usize]) -> Vec<Step> {
    fn search(
        sets: &[LabelSet],
        output: LabelSet,
        sizes: &[usize],
        cost: f64,
        path: &mut Vec<Step>,
        best: &mut (f64, Vec<Step>),
    ) {
        if sets.len() == 1 {
            if cost < best.0 {
                *best = (cost, path.clone());
            }
            return;
        }
        for i in 0..sets.len() {
            for j in i + 1..sets.len() {
                let s = step(&[i, j], sets, output, sizes);
                if cost + s.flops >= best.0 {
                    continue;
                }
                let next = apply(sets, &s);
                let flops = s.flops;
                path.push(s);
                search(&next, output, sizes, cost + flops, path, best);
                path.pop();
            }
        }
    }
    let mut best = (f64::INFINITY, Vec::new());
    search(sets, output, sizes, 0.0, &mut Vec::new(), &mut best);
    best.1
}

/// opt_einsum's greedy order: repeatedly the pair (sharing a label, when any does) that
/// removes the most elements, ties broken by FLOPs.
fn greedy(sets: &[LabelSet], output: LabelSet, sizes: &[usize]) -> Vec<Step> {
    let mut sets = sets.to_vec();
    let mut path = Vec::new();
    while sets.len() > 1 {
        let mut best: Option<(f64, f64, Step)> = None;
        for connected_only in [true, false] {
            for i in 0..sets.len() {
                for j in i + 1..sets.len() {
                    if connected_only && sets[i] & sets[j] == 0 {
                        continue;
                    }
                    let s = step(&[i, j], &sets, output, sizes);
                    let removed_size = size_of_set(sets[i], sizes) + size_of_set(sets[j], sizes)
                        - size_of_set(s.result, sizes);
                    let key = (-removed_size, s.flops);
                    if best.as_ref().is_none_or(|b| key < (b.0, b.1)) {
                        best = Some((key.0, key.1, s));
                    }
                }
            }
            if best.is_some() {
                break;
            }
        }
        let (_, _, s) = best.expect("two or more operands have a pair");
        sets = apply(&sets, &s);
        path.push(s);
    }
    path
}

/// The plan of one einsum: parsed subscripts, contraction steps and the report.
#[derive(Debug, Clone)]
pub(crate) struct Plan {
    pub parsed: Parsed,
    pub steps: Vec<Step>,
    pub report: EinsumPath,
}

impl Plan {
    pub fn new(parsed: Parsed) -> Plan {
        let sizes = &parsed.sizes;
        let sets: Vec<LabelSet> = parsed.inputs.iter().map(|l| set_of(l)).collect();
        let output = set_of(&parsed.output);
        let steps = match sets.len() {
            1 => vec![step(&[0], &sets, output, sizes)],
            2 => vec![step(&[0, 1], &sets, output, sizes)],
            n if n <= OPTIMAL_MAX_OPERANDS => optimal(&sets, output, sizes),
            _ => greedy(&sets, output, sizes),
        };
        let report = EinsumPath::new(&parsed, &sets, &steps);
        Plan {
            parsed,
            steps,
            report,
        }
    }
}

/// The contraction order einsum chooses for some subscripts and shapes, with its cost
/// estimate: what NumPy's `einsum_path` returns. Its `Display` prints NumPy's report.
///
/// ```
/// use oxarray_linalg::einsum_path;
///
/// let path = einsum_path("ij,jk,kl->il", &[&[100, 2], &[2, 100], &[100, 3]])?;
/// // (jk, kl) first: a 2x3 intermediate instead of 100x100
/// assert_eq!(path.path(), &[vec![1, 2], vec![0, 1]]);
/// assert!(path.optimized_flops() < path.naive_flops());
/// println!("{path}");
/// # Ok::<(), oxarray_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct EinsumPath {
    subscripts: String,
    path: Vec<Vec<usize>>,
    naive_flops: f64,
    optimized_flops: f64,
    naive_scaling: usize,
    largest_intermediate: f64,
    lines: Vec<(usize, String, String)>,
}

impl EinsumPath {
    fn new(parsed: &Parsed, sets: &[LabelSet], steps: &[Step]) -> EinsumPath {
        let sizes = &parsed.sizes;
        // Broadcast axes print as letters unused by the subscripts, as NumPy does.
        let used: LabelSet = sets.iter().fold(0, |a, &s| a | s) | set_of(&parsed.output);
        let mut spare = (0..ELLIPSIS_BASE).rev().filter(|&l| used >> l & 1 == 0);
        let mut names: Vec<char> = (0..parsed.sizes.len() as Label).map(letter).collect();
        for e in 0..parsed.ellipsis_dims {
            names[ELLIPSIS_BASE as usize + e] = spare.next().map(letter).unwrap_or('?');
        }
        let name = |labels: &[Label]| {
            labels
                .iter()
                .map(|&l| names[l as usize])
                .collect::<String>()
        };
        // Intermediates list their labels by (size, name), as NumPy's report does.
        let name_set = |set: LabelSet| {
            let mut ls: Vec<Label> = labels_of(set).collect();
            ls.sort_by_key(|&l| (sizes[l as usize], names[l as usize]));
            name(&ls)
        };
        let output = name(&parsed.output);
        let mut terms: Vec<String> = parsed.inputs.iter().map(|l| name(l)).collect();
        let subscripts = format!("{}->{output}", terms.join(","));
        let all = sets.iter().fold(0, |a, &s| a | s);
        let total_labels: usize = sets.iter().map(|s| s.count_ones() as usize).sum();
        let naive_flops = flop_count(
            all,
            total_labels > all.count_ones() as usize,
            sets.len(),
            sizes,
        );
        let mut largest: f64 = 0.0;
        let mut lines = Vec::new();
        for (n, s) in steps.iter().enumerate() {
            let mut positions = s.positions.clone();
            positions.sort_unstable_by(|a, b| b.cmp(a));
            let inputs: Vec<String> = positions.iter().map(|&p| terms.remove(p)).collect();
            let result = if n + 1 == steps.len() {
                output.clone()
            } else {
                name_set(s.result)
            };
            largest = largest.max(size_of_set(s.result, sizes));
            let current = format!("{}->{result}", inputs.join(","));
            terms.push(result);
            let remaining = format!("{}->{output}", terms.join(","));
            lines.push((s.all.count_ones() as usize, current, remaining));
        }
        EinsumPath {
            subscripts,
            path: steps.iter().map(|s| s.positions.clone()).collect(),
            naive_flops,
            // NumPy adds one (so that the speed-up of an empty contraction is finite).
            optimized_flops: steps.iter().map(|s| s.flops).sum::<f64>() + 1.0,
            naive_scaling: all.count_ones() as usize,
            largest_intermediate: largest,
            lines,
        }
    }

    /// The contraction order: each entry lists the positions (in the current operand list)
    /// contracted at that step; the result goes to the end of the list. NumPy's path without
    /// its leading `'einsum_path'`.
    pub fn path(&self) -> &[Vec<usize>] {
        &self.path
    }

    /// The FLOP count of evaluating all operands in one nested loop (opt_einsum's model).
    pub fn naive_flops(&self) -> f64 {
        self.naive_flops
    }

    /// The FLOP count of the chosen pairwise order, counted as NumPy counts it (the sum over
    /// the steps, plus one).
    pub fn optimized_flops(&self) -> f64 {
        self.optimized_flops
    }

    /// `naive_flops / optimized_flops`.
    pub fn speedup(&self) -> f64 {
        self.naive_flops / self.optimized_flops
    }

    /// The number of elements of the largest array a step produces (intermediates and the
    /// output), as NumPy reports it.
    pub fn largest_intermediate(&self) -> f64 {
        self.largest_intermediate
    }

    /// The subscripts with explicit output and broadcast axes named by letters.
    pub fn subscripts(&self) -> &str {
        &self.subscripts
    }
}

/// `x` like C's `%.3e` (`1.000e+06`).
fn sci(x: f64) -> String {
    let s = format!("{x:.3e}");
    match s.split_once('e') {
        Some((mantissa, exp)) => {
            let (sign, digits) = match exp.strip_prefix('-') {
                Some(d) => ('-', d),
                None => ('+', exp),
            };
            format!("{mantissa}e{sign}{digits:0>2}")
        }
        None => s,
    }
}

impl fmt::Display for EinsumPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let optimized_scaling = self.lines.iter().map(|l| l.0).max().unwrap_or(0);
        writeln!(f, "  Complete contraction:  {}", self.subscripts)?;
        writeln!(f, "         Naive scaling:  {}", self.naive_scaling)?;
        writeln!(f, "     Optimized scaling:  {optimized_scaling}")?;
        writeln!(f, "      Naive FLOP count:  {}", sci(self.naive_flops))?;
        writeln!(f, "  Optimized FLOP count:  {}", sci(self.optimized_flops))?;
        writeln!(f, "   Theoretical speedup:  {:.3}", self.speedup())?;
        writeln!(
            f,
            "  Largest intermediate:  {} elements",
            sci(self.largest_intermediate)
        )?;
        writeln!(f, "{}", "-".repeat(74))?;
        writeln!(f, "{:>6} {:>24} {:>40}", "scaling", "current", "remaining")?;
        write!(f, "{}", "-".repeat(74))?;
        for (scaling, current, remaining) in &self.lines {
            write!(f, "\n{scaling:>4}    {current:>24} {remaining:>40}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::einsum::parse::parse;

    #[test]
    fn sci_matches_c_printf() {
        assert_eq!(sci(800000000.0), "8.000e+08");
        assert_eq!(sci(0.000125), "1.250e-04");
        assert_eq!(sci(1.0), "1.000e+00");
    }

    #[test]
    fn optimal_and_greedy_agree_on_a_chain() {
        let parsed = parse("ab,bc,cd,de->ae", &[&[10, 2], &[2, 30], &[30, 2], &[2, 10]]).unwrap();
        let sets: Vec<LabelSet> = parsed.inputs.iter().map(|l| set_of(l)).collect();
        let out = set_of(&parsed.output);
        let total = |p: &[Step]| p.iter().map(|s| s.flops).sum::<f64>();
        let o = optimal(&sets, out, &parsed.sizes);
        let g = greedy(&sets, out, &parsed.sizes);
        assert_eq!(o.len(), 3);
        assert!(total(&o) <= total(&g));
    }

    #[test]
    fn numpy_report_numbers() {
        // numpy.einsum_path('ij,jk,kl->il', ...) with shapes 100x2, 2x100, 100x3 reports
        // naive 1.800e+05, optimised 2.401e+03, largest intermediate 3.000e+02.
        let plan = Plan::new(parse("ij,jk,kl->il", &[&[100, 2], &[2, 100], &[100, 3]]).unwrap());
        assert_eq!(plan.report.naive_flops(), 100.0 * 2.0 * 100.0 * 3.0 * 3.0);
        assert_eq!(plan.report.path(), &[vec![1, 2], vec![0, 1]]);
        // jk,kl->jl: 2*100*3*2 ; ij,jl->il: 100*2*3*2
        assert_eq!(plan.report.optimized_flops(), 1200.0 + 1200.0 + 1.0);
        assert_eq!(plan.report.largest_intermediate(), 300.0);
    }
}
