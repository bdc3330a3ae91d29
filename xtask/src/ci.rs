//! `cargo xtask ci` and `cargo xtask gpu-test`.

use crate::cmd::{cargo, display, run};

/// The CI steps, in order; the first failure stops the run.
const STEPS: &[&[&str]] = &[
    &["test", "--workspace"],
    &["fmt", "--all", "--check"],
    &[
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ],
];

pub fn main(args: &[String]) -> Result<(), String> {
    if let Some(arg) = args.first() {
        return Err(format!("ci takes no arguments (got `{arg}`)"));
    }
    for (i, step) in STEPS.iter().enumerate() {
        let mut cmd = cargo();
        cmd.args(*step);
        eprintln!("\n==> [{}/{}] {}", i + 1, STEPS.len(), display(&cmd));
        if let Err(e) = run(&mut cmd) {
            eprintln!(
                "\n==> ci FAILED at step {}/{}: {}",
                i + 1,
                STEPS.len(),
                display(&cmd)
            );
            return Err(e);
        }
    }
    eprintln!("\n==> ci passed ({} steps)", STEPS.len());
    Ok(())
}

pub fn gpu_test(args: &[String]) -> Result<(), String> {
    let mut cmd = cargo();
    cmd.args(["test", "-p", "oxarray-cuda"])
        .args(args)
        .args(["--", "--nocapture"]);
    eprintln!("==> {}", display(&cmd));
    run(&mut cmd)
}
