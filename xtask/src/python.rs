//! Finding a Python with NumPy (and SciPy) for the benchmark and the golden files.
//!
//! Order: `$OXARRAY_BENCH_PYTHON` if set; else the first of the venv `target/bench-venv`
//! and the system `python3` that imports numpy and scipy; else the venv is created
//! (`python3 -m venv`) and `pip install numpy scipy` run in it; should that fail (no
//! network), a system `python3` with numpy alone; else none.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::cmd::{display, root, run, target_dir};

/// What an interpreter can import.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Has {
    Nothing,
    Numpy,
    NumpyScipy,
}

fn probe(python: &Path) -> Has {
    let imports = |code: &str| {
        Command::new(python)
            .args(["-c", code])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    if imports("import numpy, scipy.signal, scipy.ndimage") {
        Has::NumpyScipy
    } else if imports("import numpy") {
        Has::Numpy
    } else {
        Has::Nothing
    }
}

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

fn system_python() -> Option<PathBuf> {
    ["python3", "python"].iter().map(PathBuf::from).find(|p| {
        Command::new(p)
            .args(["-c", "import sys; sys.exit(sys.version_info[0] != 3)"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })
}

/// A Python interpreter with NumPy, setting up the venv if needed; `None` (after a notice
/// on stderr) when there is none to be had.
pub fn numpy_python() -> Option<PathBuf> {
    if let Some(forced) = std::env::var_os("OXARRAY_BENCH_PYTHON").filter(|v| !v.is_empty()) {
        let forced = PathBuf::from(forced);
        if probe(&forced) >= Has::Numpy {
            return Some(forced);
        }
        eprintln!(
            "notice: OXARRAY_BENCH_PYTHON={} cannot import numpy",
            forced.display()
        );
        return None;
    }
    let venv = venv_dir();
    let venv_py = venv_python(&venv);
    let system = system_python();
    let mut numpy_only = None;
    for candidate in [Some(venv_py.clone()).filter(|p| p.exists()), system.clone()]
        .into_iter()
        .flatten()
    {
        match probe(&candidate) {
            Has::NumpyScipy => return Some(candidate),
            Has::Numpy if numpy_only.is_none() => numpy_only = Some(candidate),
            _ => {}
        }
    }
    let Some(system) = system else {
        eprintln!("notice: no python3 found: NumPy columns skipped");
        return None;
    };
    match setup_venv(&system, &venv) {
        Ok(()) if probe(&venv_py) >= Has::Numpy => Some(venv_py),
        result => {
            if let Err(e) = result {
                eprintln!("notice: could not set up {}: {e}", venv.display());
            }
            if numpy_only.is_none() {
                eprintln!("notice: no Python with numpy: NumPy columns skipped");
            } else {
                eprintln!("notice: scipy missing: the scipy columns of C-conv are skipped");
            }
            numpy_only
        }
    }
}

fn setup_venv(system: &Path, venv: &Path) -> Result<(), String> {
    let failed_marker = venv.join(".pip-install-failed");
    if failed_marker.exists() {
        return Err(format!(
            "an earlier `pip install numpy scipy` failed (remove {} to retry)",
            venv.display()
        ));
    }
    let python = venv_python(venv);
    if !python.exists() {
        eprintln!("==> creating {} (python3 -m venv)", venv.display());
        let mut cmd = Command::new(system);
        cmd.args(["-m", "venv"]).arg(venv).stdin(Stdio::null());
        run(&mut cmd)?;
    }
    eprintln!("==> pip install numpy scipy into {}", venv.display());
    let mut cmd = Command::new(&python);
    cmd.args([
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "--retries",
        "1",
        "--timeout",
        "30",
        "numpy",
        "scipy",
    ])
    .stdin(Stdio::null());
    run(&mut cmd).inspect_err(|_| {
        let _ = std::fs::write(&failed_marker, "pip install numpy scipy failed\n");
    })
}

/// `cargo xtask golden`: runs crates/oxarray-core/tests/golden/generate.py with NumPy.
pub fn golden(args: &[String]) -> Result<(), String> {
    let script = root().join("crates/oxarray-core/tests/golden/generate.py");
    if !script.exists() {
        return Err(format!("{} does not exist (yet)", script.display()));
    }
    let python = numpy_python().ok_or("golden files need a Python with numpy")?;
    let mut cmd = Command::new(python);
    cmd.arg(&script).args(args).current_dir(root());
    eprintln!("==> {}", display(&cmd));
    run(&mut cmd)
}
