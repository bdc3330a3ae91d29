//! The results table: rows (id, n), one column per implementation, the ratio to NumPy.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::bench::Row;

/// Column order of the known implementations (others follow, alphabetically).
const IMPLS: &[&str] = &[
    "oxarray",
    "oxarray-cuda",
    "naive",
    "numpy",
    "scipy-signal",
    "scipy-ndimage",
    "pyarrow",
    "dask",
    "torch",
    "torch-cuda",
    "cupy",
];

/// The CPU peers a row is compared with when it has no NumPy column (the fastest of those
/// present): SciPy for C-conv, pyarrow for AR-*, Dask for X-*, PyTorch for C-conv-nchw.
const OTHER_PEERS: &[&str] = &["scipy-signal", "scipy-ndimage", "pyarrow", "dask", "torch"];

/// Seconds with three significant digits and a unit: `2.40 s`, `10.4 ms`, `460 ns`.
pub fn fmt_time(s: f64) -> String {
    let (v, unit) = if s >= 1.0 {
        (s, "s")
    } else if s >= 1e-3 {
        (s * 1e3, "ms")
    } else if s >= 1e-6 {
        (s * 1e6, "us")
    } else {
        (s * 1e9, "ns")
    };
    format!("{} {unit}", sig3(v))
}

fn sig3(v: f64) -> String {
    if v >= 100.0 {
        format!("{v:.0}")
    } else if v >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

fn cell(row: &Row) -> String {
    let mut s = fmt_time(row.median_s);
    if let Some(g) = row.gflops {
        let _ = write!(s, " ({} GF/s)", sig3(g));
    } else if let Some(g) = row.gbps {
        let _ = write!(s, " ({} GB/s)", sig3(g));
    }
    s
}

pub fn impl_rank(imp: &str) -> usize {
    IMPLS.iter().position(|&i| i == imp).unwrap_or(IMPLS.len())
}

/// Renders the table; `ids` gives the row order (unknown ids go last).
pub fn render(rows: &[Row], ids: &[&str]) -> String {
    if rows.is_empty() {
        return "no results\n".to_string();
    }
    let id_rank = |id: &str| ids.iter().position(|&i| i == id).unwrap_or(ids.len());
    let mut impls: Vec<&str> = rows.iter().map(|r| r.imp.as_str()).collect();
    impls.sort_by_key(|&i| (impl_rank(i), i));
    impls.dedup();

    // (id rank, id, n) -> impl -> row; a later row for the same cell wins.
    let mut grid: BTreeMap<(usize, &str, Option<u64>), BTreeMap<&str, &Row>> = BTreeMap::new();
    for r in rows {
        grid.entry((id_rank(&r.id), r.id.as_str(), r.n))
            .or_default()
            .insert(r.imp.as_str(), r);
    }

    let mut header: Vec<String> = vec!["id".into(), "n".into()];
    header.extend(impls.iter().map(|i| i.to_string()));
    header.push("ox/numpy".into());
    let gpu = rows.iter().any(|r| r.imp == "oxarray-cuda");
    if gpu {
        header.push("cuda/cupy".into());
    }
    let mut lines = vec![header];
    let mut used_scipy_ref = false;
    for ((_, id, n), cells) in &grid {
        let mut line = vec![id.to_string(), n.map_or("-".into(), |n| n.to_string())];
        line.extend(
            impls
                .iter()
                .map(|i| cells.get(i).map_or("-".into(), |r| cell(r))),
        );
        // Reference: NumPy, else the fastest other CPU peer (C-conv has no plain-NumPy column).
        let reference = cells.get("numpy").map(|r| (r.median_s, false)).or_else(|| {
            OTHER_PEERS
                .iter()
                .filter_map(|i| cells.get(i))
                .map(|r| r.median_s)
                .min_by(f64::total_cmp)
                .map(|s| (s, true))
        });
        let ratio = match (cells.get("oxarray"), reference) {
            (Some(ox), Some((reference, scipy))) if reference > 0.0 => {
                used_scipy_ref |= scipy;
                format!(
                    "{:.2}x{}",
                    ox.median_s / reference,
                    if scipy { "*" } else { "" }
                )
            }
            _ => "-".into(),
        };
        line.push(ratio);
        if gpu {
            line.push(match (cells.get("oxarray-cuda"), cells.get("cupy")) {
                (Some(ox), Some(cp)) if cp.median_s > 0.0 => {
                    format!("{:.2}x", ox.median_s / cp.median_s)
                }
                _ => "-".into(),
            });
        }
        lines.push(line);
    }

    let widths: Vec<usize> = (0..lines[0].len())
        .map(|c| {
            lines
                .iter()
                .map(|l| l[c].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for (k, line) in lines.iter().enumerate() {
        let cols: Vec<String> = line
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(c, (text, &w))| {
                if c == 0 {
                    format!("{text:<w$}")
                } else {
                    format!("{text:>w$}")
                }
            })
            .collect();
        let _ = writeln!(out, "{}", cols.join("  ").trim_end());
        if k == 0 {
            let total = widths.iter().sum::<usize>() + 2 * (widths.len() - 1);
            let _ = writeln!(out, "{}", "-".repeat(total));
        }
    }
    let _ = writeln!(
        out,
        "\nmedian time per call (GF/s or GB/s); ox/numpy = oxarray time / NumPy time, < 1 is faster"
    );
    if used_scipy_ref {
        let _ = writeln!(
            out,
            "* no NumPy column: vs the fastest of {} present",
            OTHER_PEERS.join(", ")
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, n: Option<u64>, imp: &str, s: f64) -> Row {
        Row {
            id: id.into(),
            n,
            imp: imp.into(),
            median_s: s,
            gflops: None,
            gbps: None,
        }
    }

    #[test]
    fn times() {
        assert_eq!(fmt_time(2.4), "2.40 s");
        assert_eq!(fmt_time(0.0104), "10.4 ms");
        assert_eq!(fmt_time(4.6e-7), "460 ns");
    }

    #[test]
    fn table_has_ratio_and_order() {
        let rows = vec![
            row("C-mm-f32", Some(200), "numpy", 0.002),
            row("A3", None, "numpy", 0.01),
            row("A3", None, "oxarray", 0.005),
            row("C-conv", Some(1000), "scipy-signal", 0.02),
            row("C-conv", Some(1000), "oxarray", 0.01),
        ];
        let t = render(&rows, &["A3", "C-mm-f32", "C-conv"]);
        let lines: Vec<&str> = t.lines().collect();
        assert!(lines[0].starts_with("id"));
        assert!(
            lines[2].starts_with("A3") && lines[2].ends_with("0.50x"),
            "{t}"
        );
        assert!(
            lines[3].starts_with("C-mm-f32") && lines[3].ends_with('-'),
            "{t}"
        );
        assert!(lines[4].ends_with("0.50x*"), "{t}");
    }
}
