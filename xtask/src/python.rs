//! Finding a Python with NumPy (and SciPy and the optional peers) for the benchmark and the
//! golden files: the project's venv of `oxarray_testkit::python` (`target/bench-venv`),
//! filled from `benches/python/requirements.txt` (needed) and
//! `benches/python/requirements-optional.txt` (best effort). `$OXARRAY_PYTHON` (or
//! `$OXARRAY_BENCH_PYTHON`) overrides the interpreter.

use std::path::PathBuf;
use std::process::Command;

use oxarray_testkit::python::python_with;

use crate::cmd::{display, root, run};

/// The package specs of a requirements file (comments and blank lines skipped).
fn requirements(name: &str) -> Vec<String> {
    let path = root().join("benches/python").join(name);
    std::fs::read_to_string(&path)
        .unwrap_or_default()
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// A Python interpreter with NumPy, setting up the venv if needed; `None` (after a notice
/// on stderr) when there is none to be had.
pub fn numpy_python() -> Option<PathBuf> {
    let needed = requirements("requirements.txt");
    let needed: Vec<&str> = needed.iter().map(String::as_str).collect();
    let python = match python_with(&needed) {
        Ok(py) => py,
        Err(e) => {
            eprintln!("notice: no Python with {}: {e}", needed.join(", "));
            match python_with(&["numpy"]) {
                Ok(py) => {
                    eprintln!("notice: using a Python with numpy alone: SciPy columns skipped");
                    py
                }
                Err(e) => {
                    eprintln!("notice: no Python with numpy ({e}): NumPy columns skipped");
                    return None;
                }
            }
        }
    };
    for spec in requirements("requirements-optional.txt") {
        if let Err(e) = python_with(&[spec.as_str()]) {
            eprintln!("notice: optional peer {spec} unavailable ({e}): its columns are skipped");
        }
    }
    Some(python)
}

/// `cargo xtask golden`: runs every `tests/golden/generate*.py` of the workspace's crates
/// with the project's Python (each script writes the files beside it).
pub fn golden(args: &[String]) -> Result<(), String> {
    let python = numpy_python().ok_or("golden files need a Python with numpy")?;
    let mut scripts = Vec::new();
    let crates = root().join("crates");
    let entries = std::fs::read_dir(&crates).map_err(|e| format!("{}: {e}", crates.display()))?;
    for entry in entries.flatten() {
        let dir = entry.path().join("tests/golden");
        let Ok(files) = std::fs::read_dir(&dir) else {
            continue;
        };
        for file in files.flatten() {
            let path = file.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name.starts_with("gen") && name.ends_with(".py") {
                scripts.push(path);
            }
        }
    }
    scripts.sort();
    if scripts.is_empty() {
        return Err("no tests/golden/gen*.py script in crates/*".into());
    }
    for script in scripts {
        let mut cmd = Command::new(&python);
        cmd.arg(&script).args(args).current_dir(root());
        eprintln!("==> {}", display(&cmd));
        run(&mut cmd)?;
    }
    Ok(())
}
