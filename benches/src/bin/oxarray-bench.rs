//! Runs the Rust workloads of WORKLOADS.md and prints one JSON line per (id, n, impl) to
//! stdout; a progress bar goes to stderr. Normally started by `cargo xtask bench`.
//!
//! ```text
//! oxarray-bench [--quick] [--only ID[,ID...]] [--runs N] [--list]
//! ```

use std::io::Write;
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressStyle};
use oxarray_benches::{Record, registry, selects};

struct Args {
    quick: bool,
    only: Vec<String>,
    runs: Option<usize>,
    list: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        quick: false,
        only: Vec::new(),
        runs: None,
        list: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) => (f.to_string(), Some(v.to_string())),
            None => (arg.clone(), None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| it.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match flag.as_str() {
            "--quick" => args.quick = true,
            "--list" => args.list = true,
            "--only" => args.only.extend(
                value("--only")?
                    .split(',')
                    .filter(|s| !s.trim().is_empty())
                    .map(String::from),
            ),
            "--runs" => {
                let v = value("--runs")?;
                let n: usize = v.parse().map_err(|_| format!("--runs: not a count: {v}"))?;
                args.runs = Some(n.max(1));
            }
            "-h" | "--help" => {
                return Err(
                    "usage: oxarray-bench [--quick] [--only ID[,ID...]] [--runs N] [--list]".into(),
                );
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(args)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("oxarray-bench: {e}");
            return ExitCode::from(2);
        }
    };
    let selected: Vec<_> = registry()
        .into_iter()
        .filter(|w| selects(&args.only, w.id))
        .collect();
    let points: Vec<_> = selected
        .iter()
        .flat_map(|w| (w.sizes)(args.quick).into_iter().map(move |n| (w, n)))
        .collect();
    if args.list {
        for (w, n) in &points {
            let n = n.map_or(String::new(), |n| format!(" n={n}"));
            println!("{} {}{n}", w.id, w.imp);
        }
        return ExitCode::SUCCESS;
    }

    let runs = args.runs.unwrap_or(if args.quick { 3 } else { 5 });
    // Without an explicit --runs, long points get fewer runs (not under 3): about this many
    // seconds each.
    let budget_s = match (args.runs, args.quick) {
        (Some(_), _) => None,
        (None, true) => Some(6.0),
        (None, false) => Some(30.0),
    };

    let bar = ProgressBar::new(points.len() as u64);
    bar.set_style(
        ProgressStyle::with_template("{spinner} rust [{bar:30}] {pos}/{len} {elapsed} {msg}")
            .expect("valid template")
            .progress_chars("=> "),
    );
    let stdout = std::io::stdout();
    for (w, n) in points {
        let label = match n {
            Some(n) => format!("{} {} n={n}", w.id, w.imp),
            None => format!("{} {}", w.id, w.imp),
        };
        bar.set_message(format!("{label}: setup"));
        let mut prepared = (w.run)(n);
        bar.set_message(format!("{label}: timing"));
        bar.tick();
        let m = prepared.measure(runs, budget_s);
        let (gflops, gbps) = prepared.rates(m.median_s);
        drop(prepared);
        let record = Record {
            id: w.id.to_string(),
            n,
            imp: w.imp.to_string(),
            median_s: m.median_s,
            runs: m.runs,
            gflops,
            gbps,
        };
        let mut out = stdout.lock();
        if writeln!(out, "{}", record.to_json())
            .and_then(|()| out.flush())
            .is_err()
        {
            return ExitCode::FAILURE;
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    ExitCode::SUCCESS
}
