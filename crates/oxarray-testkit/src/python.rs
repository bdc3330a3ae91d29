//! The project's Python: a virtual environment under the target directory
//! (`target/bench-venv`), made with the machine's `python3` and filled on demand by `pip`.
//!
//! Packages are named as `pip` knows them, optionally followed by `:` and the module to import
//! when that differs (`"dask[array]:dask.array"`, `"nvidia-cuda-nvrtc:nvidia.cuda_nvrtc"`).
//!
//! Order of search: `$OXARRAY_PYTHON` (or the older `$OXARRAY_BENCH_PYTHON`) when set, used as
//! it is; else the venv, created when missing and given the missing packages with `pip
//! install`; else (no venv can be made, no network) the system `python3` if it imports them.
//! A failed `pip install` leaves a marker file in the venv so that later calls do not retry it
//! for every test (delete `target/bench-venv/.pip-failed-*` to retry). Concurrent callers (the
//! tests of one run) serialise on a lock file.
//!
//! ```no_run
//! use oxarray_testkit::python;
//! let Some(py) = python::require("my_test", &["numpy"]) else {
//!     return; // a notice was printed: the test is skipped, visibly
//! };
//! let out = python::run(&py, "import numpy; print(numpy.arange(3).sum())", &[]).unwrap();
//! assert_eq!(out.trim(), "3");
//! ```

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The workspace root (two levels above this crate).
pub fn workspace_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest
        .parent()
        .and_then(Path::parent)
        .map(PathBuf::from)
        .unwrap_or(manifest)
}

/// The cargo target directory: `$CARGO_TARGET_DIR` (relative to the root when relative), else
/// `<root>/target`.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => {
            let dir = PathBuf::from(dir);
            if dir.is_absolute() {
                dir
            } else {
                workspace_root().join(dir)
            }
        }
        _ => workspace_root().join("target"),
    }
}

/// The venv's directory.
pub fn venv_dir() -> PathBuf {
    target_dir().join("bench-venv")
}

fn venv_python(venv: &Path) -> PathBuf {
    if cfg!(windows) {
        venv.join("Scripts").join("python.exe")
    } else {
        venv.join("bin").join("python")
    }
}

/// `(pip name, import name)` of a package spec.
fn split_spec(spec: &str) -> (&str, &str) {
    match spec.split_once(':') {
        Some((pip, module)) => (pip, module),
        None => (spec, spec),
    }
}

fn quiet(cmd: &mut Command) -> &mut Command {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
}

/// Whether `python` imports every module of `specs`.
pub fn imports(python: &Path, specs: &[&str]) -> bool {
    let modules: Vec<&str> = specs.iter().map(|s| split_spec(s).1).collect();
    let code = if modules.is_empty() {
        "pass".to_string()
    } else {
        format!("import {}", modules.join(", "))
    };
    quiet(Command::new(python).args(["-c", &code]))
        .status()
        .is_ok_and(|s| s.success())
}

/// The machine's Python 3, if any.
pub fn system_python() -> Option<PathBuf> {
    ["python3", "python"].iter().map(PathBuf::from).find(|p| {
        quiet(Command::new(p).args(["-c", "import sys; sys.exit(sys.version_info[0] != 3)"]))
            .status()
            .is_ok_and(|s| s.success())
    })
}

fn forced_python() -> Option<PathBuf> {
    ["OXARRAY_PYTHON", "OXARRAY_BENCH_PYTHON"]
        .iter()
        .filter_map(std::env::var_os)
        .find(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// Holds the venv's lock file locked (exclusive) until dropped.
struct VenvLock(File);

impl VenvLock {
    fn acquire(venv: &Path) -> Result<Self, String> {
        let parent = venv.parent().unwrap_or(venv);
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        let path = parent.join(".bench-venv.lock");
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        file.lock()
            .map_err(|e| format!("locking {}: {e}", path.display()))?;
        Ok(VenvLock(file))
    }
}

impl Drop for VenvLock {
    fn drop(&mut self) {
        let _ = self.0.unlock();
    }
}

fn failed_marker(venv: &Path, pip: &str) -> PathBuf {
    let name: String = pip
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    venv.join(format!(".pip-failed-{name}"))
}

/// A Python interpreter that imports every package of `specs`, installing the missing ones
/// into the project's venv (see the module docs); the error says why there is none.
pub fn python_with(specs: &[&str]) -> Result<PathBuf, String> {
    if let Some(forced) = forced_python() {
        return if imports(&forced, specs) {
            Ok(forced)
        } else {
            Err(format!(
                "$OXARRAY_PYTHON={} cannot import {}",
                forced.display(),
                specs.join(", ")
            ))
        };
    }
    let venv = venv_dir();
    let py = venv_python(&venv);
    if py.exists() && imports(&py, specs) {
        return Ok(py);
    }
    let system = system_python().ok_or("no python3 on this machine")?;
    let _lock = VenvLock::acquire(&venv)?;
    if !py.exists() {
        eprintln!("notice: creating {} (python3 -m venv)", venv.display());
        let status = quiet(Command::new(&system).args(["-m", "venv"]).arg(&venv))
            .status()
            .map_err(|e| format!("python3 -m venv: {e}"))?;
        if !status.success() || !py.exists() {
            return if imports(&system, specs) {
                Ok(system)
            } else {
                Err(format!("python3 -m venv {} failed", venv.display()))
            };
        }
    }
    let mut errors = Vec::new();
    for spec in specs {
        let (pip, module) = split_spec(spec);
        if imports(&py, &[module]) {
            continue;
        }
        let marker = failed_marker(&venv, pip);
        if marker.exists() {
            errors.push(format!(
                "an earlier `pip install {pip}` failed (remove {} to retry)",
                marker.display()
            ));
            continue;
        }
        eprintln!("notice: pip install {pip} into {}", venv.display());
        let ok = quiet(Command::new(&py).args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--retries",
            "1",
            "--timeout",
            "60",
            pip,
        ]))
        .status()
        .is_ok_and(|s| s.success());
        if !ok || !imports(&py, &[module]) {
            let _ = std::fs::write(&marker, format!("pip install {pip} failed\n"));
            errors.push(format!("pip install {pip} failed"));
        }
    }
    if errors.is_empty() {
        Ok(py)
    } else if imports(&system, specs) {
        Ok(system)
    } else {
        Err(errors.join("; "))
    }
}

/// [`python_with`] for a test: `None` after printing `notice: <test> skipped: ...` when there
/// is no such Python.
pub fn require(test: &str, specs: &[&str]) -> Option<PathBuf> {
    match python_with(specs) {
        Ok(py) => Some(py),
        Err(why) => {
            eprintln!(
                "notice: {test} skipped: no Python with {}: {why}",
                specs.join(", ")
            );
            None
        }
    }
}

/// Runs `python -c code args...` and returns its standard output; the error holds its
/// standard error.
pub fn run(python: &Path, code: &str, args: &[&str]) -> Result<String, String> {
    let out = Command::new(python)
        .args(["-c", code])
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot start {}: {e}", python.display()))?;
    if out.status.success() {
        String::from_utf8(out.stdout).map_err(|e| e.to_string())
    } else {
        Err(format!(
            "python failed ({}):\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_split_into_pip_and_module() {
        assert_eq!(split_spec("numpy"), ("numpy", "numpy"));
        assert_eq!(
            split_spec("dask[array]:dask.array"),
            ("dask[array]", "dask.array")
        );
    }

    #[test]
    fn markers_are_plain_file_names() {
        let m = failed_marker(Path::new("/v"), "dask[array]");
        assert_eq!(m, Path::new("/v/.pip-failed-dask_array_"));
    }

    #[test]
    fn the_root_holds_the_workspace_manifest() {
        assert!(workspace_root().join("Cargo.toml").exists());
        assert!(workspace_root().join("benches/ids.txt").exists());
    }
}
