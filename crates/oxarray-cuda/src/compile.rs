//! NVRTC compilation, once per (source, architecture): a process-wide memory cache, and a
//! disk cache of PTX under the user's cache directory so later processes skip NVRTC.
//!
//! The key is a 64-bit FNV-1a hash of the whole program text and the target architecture
//! (`compute_80`, ...), so editing a kernel or changing the catalogue changes the key. The
//! disk cache lives in `$OXARRAY_CUDA_CACHE` if set, else `$XDG_CACHE_HOME/oxarray/ptx`,
//! else `~/.cache/oxarray/ptx`; a missing or unwritable directory only disables it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex};

use crate::error::{CudaError, Result};
use crate::probe;

/// FNV-1a, 64 bits: a hash that is the same in every build and on every machine (std's
/// `DefaultHasher` promises neither), good enough to tell sources apart.
///
/// ```
/// assert_eq!(oxarray_cuda::compile::fnv1a(b""), 0xcbf2_9ce4_8422_2325);
/// assert_ne!(oxarray_cuda::compile::fnv1a(b"a"), oxarray_cuda::compile::fnv1a(b"b"));
/// ```
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The cache key of a program for an architecture.
///
/// ```
/// use oxarray_cuda::compile::CacheKey;
/// let k = CacheKey::new("extern \"C\" __global__ void k() {}", "compute_80");
/// assert_ne!(k, CacheKey::new("extern \"C\" __global__ void k() {}", "compute_90"));
/// assert!(k.file_name().ends_with("-compute_80.ptx"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CacheKey {
    /// Hash of the program text.
    pub source_hash: u64,
    /// The architecture (`compute_80`).
    pub arch: String,
}

impl CacheKey {
    /// The key of `source` compiled for `arch`.
    pub fn new(source: &str, arch: &str) -> CacheKey {
        CacheKey {
            source_hash: fnv1a(source.as_bytes()),
            arch: arch.to_string(),
        }
    }

    /// The file the PTX is kept in.
    pub fn file_name(&self) -> String {
        format!("{:016x}-{}.ptx", self.source_hash, self.arch)
    }
}

/// The disk cache directory (see the [module docs](self)), or `None`.
pub fn cache_dir() -> Option<PathBuf> {
    let env = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if let Some(dir) = env("OXARRAY_CUDA_CACHE") {
        return Some(dir);
    }
    let base = env("XDG_CACHE_HOME").or_else(|| env("HOME").map(|h| h.join(".cache")))?;
    Some(base.join("oxarray").join("ptx"))
}

/// A compiler of programs to PTX with a memory cache and an optional disk cache in front.
///
/// The compile function is a parameter so that the caching is tested without NVRTC.
///
/// ```
/// use oxarray_cuda::compile::PtxCache;
/// let dir = std::env::temp_dir().join(format!("ox-doc-cache-{}", std::process::id()));
/// let cache = PtxCache::new(Some(dir.clone()));
/// let mut calls = 0;
/// let mut fake = |src: &str, arch: &str| { calls += 1; Ok(format!("// {arch}\n{src}")) };
/// let a = cache.get_or_compile("k", "src", "compute_80", &mut fake)?;
/// let b = cache.get_or_compile("k", "src", "compute_80", &mut fake)?;
/// assert_eq!((a, calls), (b, 1));
/// # let _ = std::fs::remove_dir_all(dir);
/// # Ok::<(), oxarray_cuda::CudaError>(())
/// ```
#[derive(Debug)]
pub struct PtxCache {
    memory: Mutex<HashMap<CacheKey, Arc<str>>>,
    dir: Option<PathBuf>,
}

impl PtxCache {
    /// A cache that keeps PTX files in `dir` (none: memory only).
    pub fn new(dir: Option<PathBuf>) -> PtxCache {
        PtxCache {
            memory: Mutex::new(HashMap::new()),
            dir,
        }
    }

    /// The PTX of `source` for `arch`: from memory, else from disk, else from `compile`
    /// (then kept in both). `module` names the program in errors.
    pub fn get_or_compile(
        &self,
        module: &str,
        source: &str,
        arch: &str,
        compile: &mut dyn FnMut(&str, &str) -> Result<String>,
    ) -> Result<Arc<str>> {
        let key = CacheKey::new(source, arch);
        if let Some(ptx) = self.lock().get(&key) {
            return Ok(ptx.clone());
        }
        let path = self.dir.as_ref().map(|d| d.join(key.file_name()));
        let from_disk = path.as_deref().and_then(read_ptx);
        let ptx: Arc<str> = match from_disk {
            Some(ptx) => ptx.into(),
            None => {
                let ptx = compile(source, arch).map_err(|e| match e {
                    CudaError::Compile { arch, log, .. } => CudaError::Compile {
                        module: module.to_string(),
                        arch,
                        log,
                    },
                    e => e,
                })?;
                if let Some(path) = &path {
                    write_ptx(path, &ptx);
                }
                ptx.into()
            }
        };
        self.lock().insert(key, ptx.clone());
        Ok(ptx)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<CacheKey, Arc<str>>> {
        self.memory.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The number of programs held in memory.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// Whether nothing is held in memory.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A cached PTX file, if it is there and looks like PTX (a truncated write is ignored).
fn read_ptx(path: &Path) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    (text.contains(".version") && text.contains(".target")).then_some(text)
}

/// Writes through a temporary file and a rename, so that a concurrent reader never sees half
/// a file; failures only cost the next process a compile.
fn write_ptx(path: &Path, ptx: &str) {
    let Some(dir) = path.parent() else { return };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let tmp = dir.join(format!(".{}.{}", std::process::id(), fnv1a(ptx.as_bytes())));
    if std::fs::write(&tmp, ptx).is_ok() && std::fs::rename(&tmp, path).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

/// Compiles `source` to PTX for `arch` with NVRTC (`-arch=compute_XY`, `--std=c++17`).
///
/// # Errors
/// [`CudaError::NoGpu`] when libnvrtc cannot be loaded (probed first: cudarc would panic);
/// [`CudaError::Compile`] with NVRTC's log when the source does not compile.
pub fn nvrtc_compile(source: &str, arch: &str) -> Result<String> {
    probe::nvrtc()?;
    let arch_static: &'static str = static_arch(arch);
    let opts = cudarc::nvrtc::CompileOptions {
        arch: Some(arch_static),
        options: vec!["--std=c++17".into()],
        ..Default::default()
    };
    match cudarc::nvrtc::compile_ptx_with_opts(source, opts) {
        Ok(ptx) => Ok(ptx.to_src()),
        Err(e) => Err(CudaError::Compile {
            module: String::new(),
            arch: arch.to_string(),
            log: match e {
                cudarc::nvrtc::CompileError::CompileError { log, .. } => {
                    log.to_string_lossy().into_owned()
                }
                e => e.to_string(),
            },
        }),
    }
}

/// cudarc takes the architecture as `&'static str`: intern each distinct one once.
fn static_arch(arch: &str) -> &'static str {
    static ARCHES: LazyLock<Mutex<Vec<&'static str>>> = LazyLock::new(Mutex::default);
    let mut known = ARCHES.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(a) = known.iter().find(|a| **a == arch) {
        return a;
    }
    let leaked: &'static str = Box::leak(arch.to_string().into_boxed_str());
    known.push(leaked);
    leaked
}

/// The process-wide cache used by [`Gpu`](crate::Gpu) (disk under [`cache_dir`]).
pub fn global_cache() -> &'static PtxCache {
    static CACHE: LazyLock<PtxCache> = LazyLock::new(|| PtxCache::new(cache_dir()));
    &CACHE
}

/// The names of the `.entry` points of a PTX text.
///
/// ```
/// let ptx = ".visible .entry ox_fill_f32(\n.param .u64 a\n)\n.visible .entry ox_fill_f64(";
/// assert_eq!(oxarray_cuda::compile::ptx_entries(ptx), ["ox_fill_f32", "ox_fill_f64"]);
/// ```
pub fn ptx_entries(ptx: &str) -> Vec<&str> {
    ptx.split(".entry")
        .skip(1)
        .filter_map(|rest| {
            let name = rest.trim_start();
            let end = name.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))?;
            Some(&name[..end])
        })
        .collect()
}
