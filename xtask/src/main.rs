//! Project automation, run as `cargo xtask <command>`:
//!
//! ```text
//! cargo xtask bench [--quick] [--only ID[,ID...]] [--json PATH] [--runs N] [--no-python]
//!                   [--update-docs]
//! cargo xtask ci         # cargo test --workspace; cargo fmt --all --check; cargo clippy ... -D warnings
//! cargo xtask golden     # regenerate the NumPy golden files (crates/*/tests/golden/gen*.py)
//! cargo xtask gpu-test   # cargo test -p oxarray-cuda -- --nocapture
//! ```

use std::process::ExitCode;

mod bench;
mod ci;
mod cmd;
mod docs;
mod plot;
mod python;
mod table;

const USAGE: &str = "\
usage: cargo xtask <command> [options]

commands:
  bench [--quick] [--only ID[,ID...]] [--json PATH] [--runs N] [--no-python]
      Run the workloads of WORKLOADS.md: the Rust binary oxarray-bench (release), then
      benches/python/bench_numpy.py (NumPy/SciPy, and PyTorch/CuPy when importable).
      Prints a table, writes JSON lines (default target/bench/results.jsonl, overwritten;
      an explicit --json PATH is appended to) and SVG plots of the sweeps (target/bench/).
      --only: an exact id (A1), a family (A, C-mm, D-), or a prefix with * (A1*).
      Python: the venv target/bench-venv, created with python3 and filled from
      benches/python/requirements.txt (and requirements-optional.txt, best effort);
      OXARRAY_PYTHON overrides the interpreter.
      --update-docs: also rewrite the marked section of docs/benchmarks.md with the table,
      the machine and the date, and copy the SVG plots into docs/results/.
  ci        cargo test --workspace; cargo fmt --all --check;
            cargo clippy --workspace --all-targets -- -D warnings (stops at the first failure)
  golden    run every crates/*/tests/golden/gen*.py with the project's Python (the bench venv)
  gpu-test  cargo test -p oxarray-cuda -- --nocapture
";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(command) = args.next() else {
        eprint!("{USAGE}");
        return ExitCode::from(2);
    };
    let rest: Vec<String> = args.collect();
    let result = match command.as_str() {
        "bench" => bench::main(&rest),
        "ci" => ci::main(&rest),
        "golden" => python::golden(&rest),
        "gpu-test" => ci::gpu_test(&rest),
        "-h" | "--help" | "help" => {
            print!("{USAGE}");
            Ok(())
        }
        other => Err(format!("unknown command `{other}`\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}
