//! The workload programs of WORKLOADS.md, shared by the `oxarray-bench` binary (driven by
//! `cargo xtask bench`) and the criterion bench `benches/workloads.rs`.
//!
//! A [`Workload`] is one (id, implementation) pair: an id from the contract in WORKLOADS.md
//! (`"A4"`, `"C-mm-f32"`, ...), the implementation column it fills (`"oxarray"`, `"naive"`, ...),
//! the sizes it runs at, and a setup function. The setup function builds the inputs for one
//! size *outside* the timed region and returns a [`Prepared`]: the closure to time plus the work
//! it does (FLOPs, bytes), from which GFLOP/s and GB/s are derived.
//!
//! Adding a workload is one small function and one line in a registry, e.g. in
//! [`oxarray_workloads`] (see `src/ox.rs`):
//!
//! ```
//! use oxarray_benches::{Prepared, Workload, sizes};
//!
//! fn a2_setup(_n: Option<usize>) -> Prepared {
//!     let x: Vec<f64> = (0..10_000_000).map(|i| i as f64).collect(); // untimed setup
//!     Prepared::new(move || x.iter().map(|v| 2.5 * v + 1.2).collect::<Vec<f64>>()) // timed
//!         .bytes(2.0 * 8.0 * 10_000_000.0)
//! }
//!
//! let w = Workload { id: "A2", imp: "naive", sizes: sizes::fixed, run: a2_setup };
//! # let _ = w;
//! ```
//!
//! The value the closure returns is kept until the clock has stopped, so neither its
//! deallocation nor an optimiser removing the work is part of a timing.

use std::hint::black_box;
use std::time::{Duration, Instant};

pub mod families;
pub mod inputs;
pub mod naive;
pub mod ox;
pub mod sizes;

pub use ox::oxarray_workloads;

/// The text of `benches/ids.txt`, the one list of workload ids (shared with `cargo xtask
/// bench` and `benches/python/bench_numpy.py`).
pub const IDS_TXT: &str = include_str!("../ids.txt");

/// Every workload id of the contract (WORKLOADS.md) in table order, read from
/// `benches/ids.txt`: one id per line, `#` comments and blank lines skipped.
pub fn all_ids() -> Vec<&'static str> {
    parse_ids(IDS_TXT)
}

/// The ids of an `ids.txt` text.
pub fn parse_ids(text: &str) -> Vec<&str> {
    text.lines()
        .map(|line| line.split('#').next().unwrap_or("").trim())
        .filter(|id| !id.is_empty())
        .collect()
}

/// One workload: a contract id, the implementation it measures, its sizes and its setup.
#[derive(Clone, Copy, Debug)]
pub struct Workload {
    /// Contract id, e.g. `"C-mm-f32"` (see [`all_ids`]).
    pub id: &'static str,
    /// Implementation column: `"oxarray"`, `"oxarray-cuda"` or `"naive"`.
    pub imp: &'static str,
    /// The sizes to run, `None` for a workload of fixed size (reported without `"n"`).
    /// Use the helpers in [`sizes`] so that rows line up with the NumPy ones.
    pub sizes: fn(quick: bool) -> Vec<Option<usize>>,
    /// Untimed setup for one size; returns the closure to time.
    pub run: fn(n: Option<usize>) -> Prepared,
}

type Sampler = Box<dyn FnMut(usize) -> Duration>;

/// The most samples taken of a short point when the run count is not given explicitly.
pub const SHORT_POINT_RUNS: usize = 41;

/// The time a short point's extra samples may take in all, in seconds.
pub const SHORT_POINT_SECONDS: f64 = 0.25;

/// A workload made ready for one size: the closure to time and the work it does per call.
pub struct Prepared {
    sample: Sampler,
    flops: Option<f64>,
    bytes: Option<f64>,
    max_runs: Option<usize>,
}

impl std::fmt::Debug for Prepared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Prepared")
            .field("flops", &self.flops)
            .field("bytes", &self.bytes)
            .field("max_runs", &self.max_runs)
            .finish_non_exhaustive()
    }
}

impl Prepared {
    /// Wraps the routine to time. Its result is held until the clock stops, then dropped.
    pub fn new<R: 'static, F: FnMut() -> R + 'static>(mut routine: F) -> Self {
        let sample = move |calls: usize| {
            let mut results: Vec<R> = Vec::with_capacity(calls);
            let start = Instant::now();
            for _ in 0..calls {
                results.push(black_box(routine()));
            }
            let elapsed = start.elapsed();
            drop(results);
            elapsed
        };
        Self {
            sample: Box::new(sample),
            flops: None,
            bytes: None,
            max_runs: None,
        }
    }

    /// Floating-point operations per call (reported as `"gflops"`).
    #[must_use]
    pub fn flops(mut self, flops: f64) -> Self {
        self.flops = Some(flops);
        self
    }

    /// Minimal memory traffic per call in bytes: every input read once plus every output
    /// written once, the same figure for every implementation of an id (reported as `"gbps"`).
    #[must_use]
    pub fn bytes(mut self, bytes: f64) -> Self {
        self.bytes = Some(bytes);
        self
    }

    /// Caps the number of timed runs (for very long workloads).
    #[must_use]
    pub fn max_runs(mut self, runs: usize) -> Self {
        self.max_runs = Some(runs.max(1));
        self
    }

    /// Runs the routine `calls` times back to back and returns the total time (timed in
    /// chunks of at most 10 000 calls, so that the results held meanwhile stay small).
    pub fn sample(&mut self, calls: usize) -> Duration {
        let mut left = calls.max(1);
        let mut total = Duration::ZERO;
        while left > 0 {
            let chunk = left.min(10_000);
            total += (self.sample)(chunk);
            left -= chunk;
        }
        total
    }

    /// Warm-up call, then timed runs; returns the median time of one call.
    ///
    /// Calls shorter than a millisecond are batched so that one sample lasts about 2 ms.
    /// With `budget_s` (no explicit run count), the run count is lowered (down to 3) so that
    /// the timed runs take about that long in all, and raised for short points (up to
    /// [`SHORT_POINT_RUNS`] samples within [`SHORT_POINT_SECONDS`]). The Python side
    /// (`benches/python/bench_numpy.py`) applies the same rules.
    pub fn measure(&mut self, runs: usize, budget_s: Option<f64>) -> Measurement {
        let warm = self.sample(1).as_secs_f64();
        let mut batch = 1;
        if warm < 1e-3 {
            let again = self.sample(1).as_secs_f64().max(1e-9);
            batch = ((2e-3 / again).ceil() as usize).clamp(1, 10_000);
        }
        let mut runs = runs.max(1);
        if let Some(cap) = self.max_runs {
            runs = runs.min(cap);
        }
        if let Some(budget) = budget_s {
            let fit = (budget / warm.max(1e-9)).floor() as usize;
            runs = runs.min(fit.max(3));
            // Short points are cheap to repeat and the most exposed to a noisy neighbour:
            // take up to SHORT_POINT_RUNS samples, as many as fit in SHORT_POINT_SECONDS.
            let per_sample = (warm * batch as f64).max(1e-9);
            let cheap = ((SHORT_POINT_SECONDS / per_sample).floor() as usize).min(SHORT_POINT_RUNS);
            runs = runs.max(cheap);
        }
        let mut times: Vec<f64> = (0..runs)
            .map(|_| self.sample(batch).as_secs_f64() / batch as f64)
            .collect();
        let median_s = median(&mut times);
        Measurement {
            median_s,
            runs,
            batch,
        }
    }

    /// The GFLOP/s and GB/s of a call that took `seconds`.
    pub fn rates(&self, seconds: f64) -> (Option<f64>, Option<f64>) {
        let per_s = |work: Option<f64>| work.map(|w| round2(w / seconds / 1e9));
        (per_s(self.flops), per_s(self.bytes))
    }
}

/// The outcome of [`Prepared::measure`].
#[derive(Clone, Copy, Debug)]
pub struct Measurement {
    /// Median seconds per call.
    pub median_s: f64,
    /// Number of timed samples.
    pub runs: usize,
    /// Calls per sample.
    pub batch: usize,
}

/// Median of a non-empty slice (sorted in place).
pub fn median(times: &mut [f64]) -> f64 {
    times.sort_by(f64::total_cmp);
    let mid = times.len() / 2;
    if times.len() % 2 == 1 {
        times[mid]
    } else {
        0.5 * (times[mid - 1] + times[mid])
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// One JSON line of the contract.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub id: String,
    pub n: Option<usize>,
    pub imp: String,
    pub median_s: f64,
    pub runs: usize,
    pub gflops: Option<f64>,
    pub gbps: Option<f64>,
}

impl Record {
    /// `{"id": "C-mm-f32", "n": 2000, "impl": "oxarray", "median_s": 0.101, "runs": 5, "gflops": 158.0}`
    pub fn to_json(&self) -> String {
        let mut s = format!("{{\"id\": {}", serde_json::Value::from(self.id.as_str()));
        if let Some(n) = self.n {
            s += &format!(", \"n\": {n}");
        }
        s += &format!(
            ", \"impl\": {}, \"median_s\": {}, \"runs\": {}",
            serde_json::Value::from(self.imp.as_str()),
            serde_json::Value::from(self.median_s),
            self.runs
        );
        if let Some(g) = self.gflops {
            s += &format!(", \"gflops\": {}", serde_json::Value::from(g));
        }
        if let Some(g) = self.gbps {
            s += &format!(", \"gbps\": {}", serde_json::Value::from(g));
        }
        s + "}"
    }
}

/// Every registered workload: the naive loops, then oxarray's (the article workloads of
/// [`ox`], then each family module of [`families`]).
pub fn registry() -> Vec<Workload> {
    let mut all = naive::naive_workloads();
    all.extend(oxarray_workloads());
    all.extend(families::workloads());
    all
}

/// Whether `--only` selects `id`. Each comma-separated token (case-insensitive) selects
/// the id equal to it, or a family: the ids that start with it where the token is a single
/// letter (`B`), ends with `-` (`D-`), or is followed by `-` in the id (`C-mm` selects
/// `C-mm-f32` and `C-mm-f64`). A trailing `*` makes it a plain prefix (`A1*` selects `A1`
/// and `A1F`). No token (`only` empty) or `all` selects everything.
pub fn selects(only: &[String], id: &str) -> bool {
    only.is_empty() || only.iter().any(|token| token_selects(token, id))
}

fn token_selects(token: &str, id: &str) -> bool {
    let token = token.trim().to_ascii_lowercase();
    let id = id.to_ascii_lowercase();
    if token == "all" || token == id {
        return true;
    }
    if let Some(prefix) = token.strip_suffix('*') {
        return id.starts_with(prefix);
    }
    match id.strip_prefix(token.as_str()) {
        Some(rest) => token.len() == 1 || token.ends_with('-') || rest.starts_with('-'),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn only(s: &str) -> Vec<String> {
        s.split(',').map(String::from).collect()
    }

    #[test]
    fn selection_rules() {
        assert!(selects(&[], "A1"));
        assert!(selects(&only("C-mm"), "C-mm-f32"));
        assert!(selects(&only("C-mm"), "C-mm-f64"));
        assert!(!selects(&only("C-mm"), "C-conv"));
        assert!(selects(&only("A1"), "A1"));
        assert!(!selects(&only("A1"), "A1F"));
        assert!(selects(&only("A1*"), "A1F"));
        assert!(selects(&only("b"), "B-bmm8"));
        assert!(selects(&only("B"), "B3"));
        assert!(selects(&only("D-"), "D-ones"));
        assert!(!selects(&only("D-three"), "D-threeF"));
        assert!(selects(&only("A4,c-conv"), "C-conv"));
        assert!(!selects(&only("A4,c-conv"), "A5"));
    }

    #[test]
    fn json_line_format() {
        let r = Record {
            id: "C-mm-f32".into(),
            n: Some(2000),
            imp: "numpy".into(),
            median_s: 0.101,
            runs: 5,
            gflops: Some(158.0),
            gbps: None,
        };
        assert_eq!(
            r.to_json(),
            r#"{"id": "C-mm-f32", "n": 2000, "impl": "numpy", "median_s": 0.101, "runs": 5, "gflops": 158.0}"#
        );
    }

    #[test]
    fn median_and_measure() {
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&mut [4.0, 1.0, 2.0, 3.0]), 2.5);
        let mut p = Prepared::new(|| vec![1u8; 16]).bytes(16.0).max_runs(2);
        let m = p.measure(5, None);
        assert_eq!(m.runs, 2);
        assert!(m.batch > 1, "a tiny routine is batched");
        assert!(p.rates(m.median_s).1.is_some());
    }

    #[test]
    fn ids_file_parses_and_has_no_duplicates() {
        let ids = all_ids();
        assert!(ids.contains(&"A1") && ids.contains(&"D-sweep"));
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), ids.len(), "an id is listed twice in ids.txt");
        assert_eq!(parse_ids("# c\nA1  # x\n\nB2\n"), vec!["A1", "B2"]);
    }

    #[test]
    fn registry_ids_are_in_the_contract() {
        for w in registry() {
            assert!(all_ids().contains(&w.id), "{} is not a contract id", w.id);
            assert!(!(w.sizes)(true).is_empty());
        }
    }
}
