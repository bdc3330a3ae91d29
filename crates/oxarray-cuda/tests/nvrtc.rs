//! Every kernel module compiles with NVRTC for sm_80 and sm_90, and the PTX defines every
//! symbol of the catalogue. Needs no GPU: NVRTC is a compiler library. Where the system has
//! no libnvrtc, the test takes it from the `nvidia-cuda-nvrtc` wheel installed into the
//! project's venv (`target/bench-venv`) and preloads it, so that cudarc's loader (which asks
//! for `libnvrtc.so.13` by name) finds the loaded library; it skips with a notice where
//! neither can be had.

use std::collections::BTreeSet;
use std::path::PathBuf;

use oxarray_cuda::compile::{PtxCache, nvrtc_compile, ptx_entries};
use oxarray_cuda::naming::{Module, catalogue};
use oxarray_cuda::sources::module_source;
use oxarray_cuda::{CudaError, probe};

const FIND_LIB: &str = r#"
import nvidia, os, sys
for base in nvidia.__path__:
    for root, _, files in os.walk(base):
        for f in files:
            if f.startswith('libnvrtc.so') and 'builtins' not in f:
                print(os.path.join(root, f)); sys.exit(0)
sys.exit(1)
"#;

/// A libnvrtc from the venv's wheel, loaded for the rest of the process.
fn preload_wheel() -> Result<PathBuf, String> {
    let py = oxarray_testkit::python::python_with(&["nvidia-cuda-nvrtc:nvidia"])?;
    let path = oxarray_testkit::python::run(&py, FIND_LIB, &[])?;
    let path = PathBuf::from(path.trim());
    // SAFETY: loading NVIDIA's NVRTC runs its (trusted) initialisers only; the handle is
    // leaked so the library stays loaded for cudarc, which opens it again by its soname.
    let lib = unsafe {
        libloading::os::unix::Library::open(
            Some(&path),
            libloading::os::unix::RTLD_NOW | libloading::os::unix::RTLD_GLOBAL,
        )
    }
    .map_err(|e| format!("{}: {e}", path.display()))?;
    std::mem::forget(lib);
    Ok(path)
}

#[test]
fn every_kernel_compiles_for_sm80_and_sm90_and_defines_its_symbols() {
    if probe::nvrtc().is_err() {
        // Not on the library path: try the wheel.
        match preload_wheel() {
            Ok(path) => eprintln!("notice: using libnvrtc from {}", path.display()),
            Err(why) => {
                eprintln!("notice: NVRTC compile test skipped: no libnvrtc ({why})");
                return;
            }
        }
    }
    // cudarc's own loader must now find it by name.
    if probe::nvrtc().is_err() {
        eprintln!("notice: NVRTC compile test skipped: libnvrtc preloaded but not found by name");
        return;
    }
    let dir = std::env::temp_dir().join(format!("oxarray-nvrtc-test-{}", std::process::id()));
    let cache = PtxCache::new(Some(dir.clone()));
    for arch in ["compute_80", "compute_90"] {
        for module in Module::ALL {
            let src = module_source(module);
            let ptx = cache
                .get_or_compile(module.name(), &src, arch, &mut nvrtc_compile)
                .unwrap_or_else(|e| panic!("{e}"));
            let entries: BTreeSet<&str> = ptx_entries(&ptx).into_iter().collect();
            let expected = catalogue().symbols(module);
            let missing: Vec<&String> = expected
                .iter()
                .filter(|s| !entries.contains(s.as_str()))
                .collect();
            assert!(missing.is_empty(), "{arch} {module:?}: missing {missing:?}");
            assert_eq!(
                entries.len(),
                expected.len(),
                "{arch} {module:?}: extra entry points"
            );
            assert!(
                ptx.contains(&format!(".target sm_{}", &arch[8..])),
                "{arch}"
            );
        }
    }
    // A generated fused kernel compiles too and defines its symbol.
    let (x, y) = (
        oxarray_core::array![1.0f32, 2.0],
        oxarray_core::array![3.0f32, 4.0],
    );
    let e = oxarray_ufunc::lazy(&x).greater(0.5f32).select(
        (oxarray_ufunc::lazy(&x) * 2.5f32 + &y).sqrt(),
        oxarray_ufunc::lazy(&y).cast::<i32>().cast::<f32>(),
    );
    let k = oxarray_cuda::fused::generate(&e.describe()).unwrap();
    for arch in ["compute_80", "compute_90"] {
        let ptx = cache
            .get_or_compile(&k.symbol, &k.source, arch, &mut nvrtc_compile)
            .unwrap_or_else(|e| panic!("{e}\n{}", k.source));
        assert!(ptx_entries(&ptx).contains(&k.symbol.as_str()), "{arch}");
    }
    // The disk cache now holds every program: a new cache reads them without compiling.
    let again = PtxCache::new(Some(dir.clone()));
    let mut calls = 0;
    for module in Module::ALL {
        again
            .get_or_compile(
                module.name(),
                &module_source(module),
                "compute_90",
                &mut |_, _| {
                    calls += 1;
                    Err(CudaError::NoGpu("must not compile".into()))
                },
            )
            .unwrap();
    }
    assert_eq!(calls, 0);
    // A source error is reported with NVRTC's log and the module's name.
    let err = cache
        .get_or_compile(
            "broken",
            "extern \"C\" __global__ void k() { nope; }",
            "compute_80",
            &mut nvrtc_compile,
        )
        .unwrap_err();
    match err {
        CudaError::Compile { module, arch, log } => {
            assert_eq!((module.as_str(), arch.as_str()), ("broken", "compute_80"));
            assert!(log.contains("nope"), "{log}");
        }
        e => panic!("{e}"),
    }
    let _ = std::fs::remove_dir_all(dir);
}
