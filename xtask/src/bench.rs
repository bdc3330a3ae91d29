//! `cargo xtask bench`: the Rust workloads (release build of `oxarray-bench`) and the Python
//! ones (`benches/python/bench_numpy.py`), one table, JSON lines and plots.
//!
//! The two sides alternate workload by workload (oxarray's A1, NumPy's A1, oxarray's A1F, ...)
//! rather than one side after the other: on a shared machine a slow phase of the host then
//! falls on both columns of a ratio, not on one side only.

use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};

use crate::cmd::{cargo, display, root, target_dir};
use crate::{plot, python, table};

/// Every workload id of WORKLOADS.md in table order, from `benches/ids.txt` (the one list,
/// also read by `oxarray_benches::all_ids` and bench_numpy.py).
pub fn all_ids() -> Vec<&'static str> {
    include_str!("../../benches/ids.txt")
        .lines()
        .map(|line| line.split('#').next().unwrap_or("").trim())
        .filter(|id| !id.is_empty())
        .collect()
}

#[derive(Debug, Default)]
struct Args {
    quick: bool,
    only: Vec<String>,
    json: Option<PathBuf>,
    runs: Option<usize>,
    no_python: bool,
    no_rust: bool,
    update_docs: bool,
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut out = Args::default();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) => (f, Some(v.to_string())),
            None => (arg.as_str(), None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| it.next().cloned())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match flag {
            "--quick" => out.quick = true,
            "--no-python" => out.no_python = true,
            "--no-rust" => out.no_rust = true,
            "--update-docs" => out.update_docs = true,
            "--only" => out.only.extend(
                value("--only")?
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from),
            ),
            "--json" => out.json = Some(PathBuf::from(value("--json")?)),
            "--runs" => {
                let v = value("--runs")?;
                let n: usize = v
                    .parse()
                    .map_err(|_| format!("--runs: not a count: `{v}`"))?;
                out.runs = Some(n.max(1));
            }
            other => {
                return Err(format!(
                    "bench: unknown argument `{other}` (see cargo xtask --help)"
                ));
            }
        }
    }
    Ok(out)
}

/// Same rule as `oxarray_benches::selects` and bench_numpy.py: exact id, a family (single
/// letter, trailing `-`, or followed by `-` in the id), or a prefix ending in `*`.
fn token_selects(token: &str, id: &str) -> bool {
    let token = token.to_ascii_lowercase();
    let id = id.to_ascii_lowercase();
    if token == "all" || token == id {
        return true;
    }
    if let Some(prefix) = token.strip_suffix('*') {
        return id.starts_with(prefix);
    }
    id.strip_prefix(token.as_str())
        .is_some_and(|rest| token.len() == 1 || token.ends_with('-') || rest.starts_with('-'))
}

/// One JSON line of the contract.
#[derive(Clone, Debug)]
pub struct Row {
    pub id: String,
    pub n: Option<u64>,
    pub imp: String,
    pub median_s: f64,
    pub gflops: Option<f64>,
    pub gbps: Option<f64>,
}

fn parse_row(line: &str) -> Option<Row> {
    let v: serde_json::Value = serde_json::from_str(line).ok()?;
    Some(Row {
        id: v.get("id")?.as_str()?.to_string(),
        n: v.get("n").and_then(serde_json::Value::as_u64),
        imp: v.get("impl")?.as_str()?.to_string(),
        median_s: v.get("median_s")?.as_f64()?,
        gflops: v.get("gflops").and_then(serde_json::Value::as_f64),
        gbps: v.get("gbps").and_then(serde_json::Value::as_f64),
    })
}

/// Runs `cmd` with stdout piped: JSON lines become rows (and go to `sink`), anything else is
/// echoed to stderr. Returns an error when the command cannot start or fails.
fn collect(cmd: &mut Command, sink: &mut File, rows: &mut Vec<Row>) -> Result<(), String> {
    let line = display(cmd);
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start `{line}`: {e}"))?;
    if let Some(stdout) = child.stdout.take() {
        for text in BufReader::new(stdout).lines() {
            let text = text.map_err(|e| format!("reading from `{line}`: {e}"))?;
            match parse_row(&text) {
                Some(row) => {
                    writeln!(sink, "{text}").map_err(|e| format!("writing JSON lines: {e}"))?;
                    rows.push(row);
                }
                None => eprintln!("{text}"),
            }
        }
    }
    let status = child
        .wait()
        .map_err(|e| format!("waiting for `{line}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{line}` failed ({status})"))
    }
}

/// The arguments both sides get for workload `id`.
fn side_args(args: &Args, id: &str) -> Vec<String> {
    let mut out = Vec::new();
    if args.quick {
        out.push("--quick".to_string());
    }
    out.push("--only".to_string());
    out.push(id.to_string());
    if let Some(runs) = args.runs {
        out.push("--runs".to_string());
        out.push(runs.to_string());
    }
    out
}

/// The workload ids `--only` selects (all without it), in table order.
fn selected_ids(only: &[String]) -> Vec<&'static str> {
    all_ids()
        .into_iter()
        .filter(|id| only.is_empty() || only.iter().any(|t| token_selects(t, id)))
        .collect()
}

pub fn main(argv: &[String]) -> Result<(), String> {
    let args = parse(argv)?;
    for token in &args.only {
        if !all_ids().iter().any(|id| token_selects(token, id)) {
            eprintln!(
                "warning: --only `{token}` selects no workload id (ids: {})",
                all_ids().join(" ")
            );
        }
    }

    let bench_dir = target_dir().join("bench");
    std::fs::create_dir_all(&bench_dir)
        .map_err(|e| format!("creating {}: {e}", bench_dir.display()))?;
    // The default file holds this run only; an explicit --json PATH is appended to
    // (WORKLOADS.md: "appends one JSON object per line to PATH").
    let (json_path, append) = match &args.json {
        Some(p) => (p.clone(), true),
        None => (bench_dir.join("results.jsonl"), false),
    };
    if let Some(parent) = json_path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("creating {}: {e}", parent.display()))?;
    }
    let mut sink = OpenOptions::new()
        .create(true)
        .write(true)
        .append(append)
        .truncate(!append)
        .open(&json_path)
        .map_err(|e| format!("opening {}: {e}", json_path.display()))?;

    let mut rows = Vec::new();
    let mut failures = Vec::new();

    let rust_bin = if args.no_rust {
        None
    } else {
        let mut build = cargo();
        build.args([
            "build",
            "--release",
            "-p",
            "oxarray-benches",
            "--bin",
            "oxarray-bench",
        ]);
        eprintln!("==> {}", display(&build));
        match crate::cmd::run(&mut build) {
            Ok(()) => Some(
                target_dir()
                    .join("release")
                    .join(format!("oxarray-bench{}", std::env::consts::EXE_SUFFIX)),
            ),
            Err(e) => {
                eprintln!("error: Rust workloads: {e}");
                failures.push(e);
                None
            }
        }
    };
    let python = if args.no_python {
        None
    } else {
        let found = python::numpy_python();
        if found.is_none() {
            eprintln!("notice: no NumPy: the table has the Rust columns only");
        }
        found
    };
    let script = root().join("benches/python/bench_numpy.py");

    for id in selected_ids(&args.only) {
        if let Some(bin) = &rust_bin {
            let mut cmd = Command::new(bin);
            cmd.args(side_args(&args, id)).current_dir(root());
            eprintln!("==> {}", display(&cmd));
            if let Err(e) = collect(&mut cmd, &mut sink, &mut rows) {
                eprintln!("error: Rust workload {id}: {e}");
                failures.push(e);
            }
        }
        if let Some(py) = &python {
            let mut cmd = Command::new(py);
            cmd.arg(&script)
                .args(side_args(&args, id))
                .current_dir(root());
            eprintln!("==> {}", display(&cmd));
            if let Err(e) = collect(&mut cmd, &mut sink, &mut rows) {
                eprintln!("error: Python workload {id}: {e}");
                failures.push(e);
            }
        }
    }
    drop(sink);

    println!();
    let table_text = table::render(&rows, &all_ids());
    print!("{table_text}");
    println!(
        "\nJSON lines: {} ({} row{}{})",
        json_path.display(),
        rows.len(),
        if rows.len() == 1 { "" } else { "s" },
        if append { ", appended" } else { "" }
    );
    let plots = plot::write_all(&rows, &all_ids(), &bench_dir);
    if args.update_docs {
        let command = std::iter::once("cargo xtask bench")
            .chain(
                argv.iter()
                    .map(String::as_str)
                    .filter(|a| *a != "--update-docs"),
            )
            .collect::<Vec<_>>()
            .join(" ");
        let files = plots.as_deref().unwrap_or(&[]);
        match crate::docs::update(&root().join("docs"), &command, &table_text, files) {
            Ok(written) => println!(
                "docs: {}",
                written
                    .iter()
                    .map(|f| f.display().to_string())
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
            Err(e) => failures.push(format!("--update-docs: {e}")),
        }
    }
    match plots {
        Ok(files) if !files.is_empty() => {
            println!(
                "plots: {}",
                files
                    .iter()
                    .map(|f| f.display().to_string())
                    .collect::<Vec<_>>()
                    .join(" ")
            );
        }
        Ok(_) => {}
        Err(e) => eprintln!("warning: plots: {e}"),
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_tokens() {
        assert!(token_selects("C-mm", "C-mm-f32"));
        assert!(token_selects("c-mm", "C-mm-f64"));
        assert!(!token_selects("A1", "A1F"));
        assert!(token_selects("A1*", "A1F"));
        assert!(token_selects("D", "D-sweep"));
        assert!(token_selects("B", "B-bmm8"));
        assert!(!token_selects("D-three", "D-threeF"));
    }

    #[test]
    fn selection_keeps_table_order() {
        assert_eq!(selected_ids(&[]).len(), all_ids().len());
        let only = ["D-three".to_string(), "A1".to_string()];
        assert_eq!(selected_ids(&only), vec!["A1", "D-three"]);
        assert_eq!(
            selected_ids(&["C-mm".to_string()]),
            vec!["C-mm-f32", "C-mm-f64"]
        );
        assert!(selected_ids(&["nothing".to_string()]).is_empty());
    }

    #[test]
    fn rows_parse() {
        let r = parse_row(r#"{"id": "C-mm-f32", "n": 2000, "impl": "numpy", "median_s": 0.101, "runs": 5, "gflops": 158.0}"#)
            .expect("a row");
        assert_eq!(
            (r.id.as_str(), r.n, r.imp.as_str()),
            ("C-mm-f32", Some(2000), "numpy")
        );
        assert_eq!(r.gflops, Some(158.0));
        assert!(parse_row("not json").is_none());
    }
}
