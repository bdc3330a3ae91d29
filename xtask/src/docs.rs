//! `cargo xtask bench --update-docs`: writes the run's table, machine and date into the marked
//! section of `docs/benchmarks.md` and copies the run's SVG plots into `docs/results/`, so that
//! the committed figures are refreshed by one command.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// The markers around the generated section of `docs/benchmarks.md`.
pub const BEGIN: &str =
    "<!-- bench-results:begin (written by `cargo xtask bench --update-docs`) -->";
pub const END: &str = "<!-- bench-results:end -->";

/// `doc` with the text between [`BEGIN`] and [`END`] replaced by `body`; a document without
/// the markers gets the section appended.
pub fn replace_section(doc: &str, body: &str) -> Result<String, String> {
    let section = format!("{BEGIN}\n{}\n{END}", body.trim_end());
    match (doc.find(BEGIN), doc.find(END)) {
        (Some(b), Some(e)) if b < e => {
            Ok(format!("{}{section}{}", &doc[..b], &doc[e + END.len()..]))
        }
        (None, None) => Ok(format!("{}\n\n{section}\n", doc.trim_end())),
        _ => Err(format!(
            "docs/benchmarks.md: the markers `{BEGIN}` and `{END}` must both be there, in order"
        )),
    }
}

/// The body of the section: what ran, where, when, the table, and the plots.
pub fn section_body(
    command: &str,
    machine: &str,
    date: &str,
    table: &str,
    plots: &[String],
) -> String {
    let mut out = format!(
        "## Latest recorded run\n\n`{command}` on {machine}, {date} (UTC). Ratios are oxarray's \
         time over NumPy's, measured in the same run.\n\n```\n{}\n```\n",
        table.trim_end()
    );
    for p in plots {
        let id = p.trim_end_matches(".svg");
        out.push_str(&format!("\n![{id}: time against size](results/{p})\n"));
    }
    out
}

/// The CPU model and the number of logical cores (from `/proc/cpuinfo` where there is one).
pub fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, m)| m.trim().to_string())
        })
        .unwrap_or_else(|| std::env::consts::ARCH.to_string());
    format!("{model}, {cores} logical cores, {}", std::env::consts::OS)
}

/// Today's date (UTC) as `YYYY-MM-DD`.
pub fn today() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (y, m, d) = civil_from_days((secs / 86_400) as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's
/// `civil_from_days`).
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = (if mp < 10 { mp + 3 } else { mp - 9 }) as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Rewrites `docs_dir/benchmarks.md` and copies `plots` into `docs_dir/results/`; returns
/// the files written.
pub fn update(
    docs_dir: &Path,
    command: &str,
    table: &str,
    plots: &[PathBuf],
) -> Result<Vec<PathBuf>, String> {
    let results = docs_dir.join("results");
    std::fs::create_dir_all(&results)
        .map_err(|e| format!("creating {}: {e}", results.display()))?;
    let mut written = Vec::new();
    let mut names = Vec::new();
    for p in plots {
        let name = p
            .file_name()
            .ok_or_else(|| format!("{}: not a file", p.display()))?
            .to_string_lossy()
            .into_owned();
        let to = results.join(&name);
        std::fs::copy(p, &to)
            .map_err(|e| format!("copying {} to {}: {e}", p.display(), to.display()))?;
        written.push(to);
        names.push(name);
    }
    let path = docs_dir.join("benchmarks.md");
    let doc =
        std::fs::read_to_string(&path).map_err(|e| format!("reading {}: {e}", path.display()))?;
    let body = section_body(command, &machine(), &today(), table, &names);
    std::fs::write(&path, replace_section(&doc, &body)?)
        .map_err(|e| format!("writing {}: {e}", path.display()))?;
    written.push(path);
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_section_is_replaced_between_the_markers_only() {
        let doc = format!("# B\n\nintro\n\n{BEGIN}\nold table\n{END}\n\n## After\ntext\n");
        let new = replace_section(&doc, "new table\n").unwrap();
        assert_eq!(
            new,
            format!("# B\n\nintro\n\n{BEGIN}\nnew table\n{END}\n\n## After\ntext\n")
        );
        // idempotent
        assert_eq!(replace_section(&new, "new table").unwrap(), new);
    }

    #[test]
    fn a_document_without_markers_gets_the_section_appended() {
        let new = replace_section("# B\n", "t").unwrap();
        assert_eq!(new, format!("# B\n\n{BEGIN}\nt\n{END}\n"));
    }

    #[test]
    fn one_marker_alone_is_an_error() {
        assert!(replace_section(&format!("x {BEGIN} y"), "t").is_err());
        assert!(replace_section(&format!("{END} x {BEGIN}"), "t").is_err());
    }

    #[test]
    fn dates_are_gregorian() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(civil_from_days(20_789), (2026, 12, 2));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
    }

    #[test]
    fn the_body_names_the_run_and_links_the_plots() {
        let b = section_body(
            "cargo xtask bench",
            "cpu",
            "2026-12-02",
            "id n\nA1 -\n",
            &["C-mm-f32.svg".into()],
        );
        assert!(b.contains("`cargo xtask bench` on cpu, 2026-12-02"));
        assert!(b.contains("```\nid n\nA1 -\n```"));
        assert!(b.contains("![C-mm-f32: time against size](results/C-mm-f32.svg)"));
    }

    #[test]
    fn update_rewrites_the_doc_and_copies_the_plots() {
        let dir = std::env::temp_dir().join(format!("oxarray-xtask-docs-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("benchmarks.md"), "# Benchmarks\n").unwrap();
        let svg = dir.join("X-sweep.svg");
        std::fs::write(&svg, "<svg/>").unwrap();
        let written = update(&dir, "cargo xtask bench --only X", "table", &[svg]).unwrap();
        assert_eq!(written.len(), 2);
        assert_eq!(
            std::fs::read_to_string(dir.join("results/X-sweep.svg")).unwrap(),
            "<svg/>"
        );
        let doc = std::fs::read_to_string(dir.join("benchmarks.md")).unwrap();
        assert!(doc.starts_with("# Benchmarks\n\n<!-- bench-results:begin"));
        assert!(doc.contains("results/X-sweep.svg"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
