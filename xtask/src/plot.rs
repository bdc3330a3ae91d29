//! SVG plots of the sweeps (time vs size, log-log, one line per implementation), like the
//! articles' figures: one file per id with two or more sizes, `target/bench/<id>.svg`.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

use crate::bench::Row;
use crate::table::impl_rank;

const COLORS: &[&str] = &[
    "#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
    "#7f7f7f",
];
const W: f64 = 640.0;
const H: f64 = 420.0;
const L: f64 = 80.0;
const R: f64 = 150.0;
const T: f64 = 40.0;
const B: f64 = 50.0;

/// Writes one SVG per swept id; returns the files written.
pub fn write_all(rows: &[Row], ids: &[&str], dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut by_id: BTreeMap<(usize, &str), Vec<&Row>> = BTreeMap::new();
    for r in rows.iter().filter(|r| r.n.is_some() && r.median_s > 0.0) {
        let rank = ids.iter().position(|&i| i == r.id).unwrap_or(ids.len());
        by_id.entry((rank, r.id.as_str())).or_default().push(r);
    }
    let mut files = Vec::new();
    for ((_, id), rows) in by_id {
        let mut sizes: Vec<u64> = rows.iter().filter_map(|r| r.n).collect();
        sizes.sort_unstable();
        sizes.dedup();
        if sizes.len() < 2 {
            continue;
        }
        let path = dir.join(format!("{id}.svg"));
        std::fs::write(&path, svg(id, &rows))
            .map_err(|e| format!("writing {}: {e}", path.display()))?;
        files.push(path);
    }
    Ok(files)
}

fn svg(id: &str, rows: &[&Row]) -> String {
    let mut series: BTreeMap<&str, Vec<(f64, f64)>> = BTreeMap::new();
    for r in rows {
        if let Some(n) = r.n {
            series
                .entry(r.imp.as_str())
                .or_default()
                .push((n as f64, r.median_s));
        }
    }
    let lg = |v: f64| v.log10();
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for pts in series.values_mut() {
        pts.sort_by(|a, b| a.0.total_cmp(&b.0));
        for &(x, y) in pts.iter() {
            x0 = x0.min(lg(x));
            x1 = x1.max(lg(x));
            y0 = y0.min(lg(y));
            y1 = y1.max(lg(y));
        }
    }
    let (x0, x1) = (x0.floor(), x1.ceil().max(x0.floor() + 1.0));
    let (y0, y1) = (y0.floor(), y1.ceil().max(y0.floor() + 1.0));
    let px = |x: f64| L + (lg(x) - x0) / (x1 - x0) * (W - L - R);
    let py = |y: f64| H - B - (lg(y) - y0) / (y1 - y0) * (H - T - B);

    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">"#
    );
    let _ = writeln!(s, r#"<rect width="{W}" height="{H}" fill="white"/>"#);
    let _ = writeln!(
        s,
        r#"<text x="{}" y="22" text-anchor="middle" font-size="15">{id}: median time vs n</text>"#,
        (L + W - R) / 2.0
    );
    // Decade grid lines and labels.
    for e in (x0 as i32)..=(x1 as i32) {
        let x = px(10f64.powi(e));
        let _ = writeln!(
            s,
            r##"<line x1="{x:.1}" y1="{T}" x2="{x:.1}" y2="{}" stroke="#ddd"/>"##,
            H - B
        );
        let _ = writeln!(
            s,
            r#"<text x="{x:.1}" y="{}" text-anchor="middle">1e{e}</text>"#,
            H - B + 18.0
        );
    }
    for e in (y0 as i32)..=(y1 as i32) {
        let y = py(10f64.powi(e));
        let _ = writeln!(
            s,
            r##"<line x1="{L}" y1="{y:.1}" x2="{}" y2="{y:.1}" stroke="#ddd"/>"##,
            W - R
        );
        let _ = writeln!(
            s,
            r#"<text x="{}" y="{:.1}" text-anchor="end">{}</text>"#,
            L - 6.0,
            y + 4.0,
            decade_label(e)
        );
    }
    let _ = writeln!(
        s,
        r#"<rect x="{L}" y="{T}" width="{}" height="{}" fill="none" stroke="black"/>"#,
        W - L - R,
        H - T - B
    );
    let _ = writeln!(
        s,
        r#"<text x="{}" y="{}" text-anchor="middle">n</text>"#,
        (L + W - R) / 2.0,
        H - 10.0
    );
    for (k, (imp, pts)) in series.iter().enumerate() {
        let color = COLORS[impl_rank(imp) % COLORS.len()];
        let coords: Vec<String> = pts
            .iter()
            .map(|&(x, y)| format!("{:.1},{:.1}", px(x), py(y)))
            .collect();
        let _ = writeln!(
            s,
            r#"<polyline points="{}" fill="none" stroke="{color}" stroke-width="2"/>"#,
            coords.join(" ")
        );
        for &(x, y) in pts {
            let _ = writeln!(
                s,
                r#"<circle cx="{:.1}" cy="{:.1}" r="3" fill="{color}"/>"#,
                px(x),
                py(y)
            );
        }
        let ly = T + 10.0 + 18.0 * k as f64;
        let _ = writeln!(
            s,
            r#"<line x1="{}" y1="{ly}" x2="{}" y2="{ly}" stroke="{color}" stroke-width="2"/>"#,
            W - R + 10.0,
            W - R + 30.0
        );
        let _ = writeln!(
            s,
            r#"<text x="{}" y="{}">{imp}</text>"#,
            W - R + 36.0,
            ly + 4.0
        );
    }
    s.push_str("</svg>\n");
    s
}

/// `10^e` seconds as a label: `1 s`, `100 ms`, `10 us`.
fn decade_label(e: i32) -> String {
    let (shift, unit) = match e {
        0.. => (0, "s"),
        -3..=-1 => (3, "ms"),
        -6..=-4 => (6, "us"),
        _ => (9, "ns"),
    };
    format!("{} {unit}", 10u64.pow((e + shift).max(0) as u32))
}
