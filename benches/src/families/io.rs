//! IO-*: `.npy` / `.npz` files, memory maps, the batch loader (oxarray-io).
//!
//! Sizes (`n` = bytes of array data, the same on the Python side): IO-save, IO-load and
//! IO-mmap 1 GiB of f64; IO-npz 256 MiB of f64; the loaders a 2 GiB raw float32 file of
//! 1024-value rows in batches of 256 rows. `--quick` divides every size by 4.
//!
//! Files go to `$OXARRAY_BENCH_DIR` (default: the system temporary directory) and are
//! deleted when the workload is dropped. Every file is written once in the untimed setup and
//! read from the page cache, as NumPy's is.
//!
//! The loader workloads deliver every batch of one epoch to a consumer that sums it (both
//! sides: a batch nobody reads would measure nothing for a loader that hands out views).
//! NumPy's loader is the one the issue describes: `np.memmap` sliced per batch and copied;
//! shuffled, a seeded permutation with each batch's rows gathered in sorted order.

use std::path::PathBuf;

use oxarray::io::loader::{BatchLoader, LoaderOptions};
use oxarray::io::{
    Durability, Mode, SaveOptions, load, memmap, open_memmap, save_with, savez_compressed,
};
use oxarray::ufunc::sum;
use oxarray_core::{Array, DType, Order};

use crate::{Prepared, Workload};

/// The workloads of this family.
pub fn workloads() -> Vec<Workload> {
    let w = |id, sizes, run| Workload {
        id,
        imp: "oxarray",
        sizes,
        run,
    };
    vec![
        w("IO-save", gib_1, io_save),
        w("IO-load", gib_1, io_load),
        w("IO-mmap", gib_1, io_mmap),
        w("IO-npz", mib_256, io_npz),
        w("IO-loader-seq", gib_2, loader_seq),
        w("IO-loader-shuf", gib_2, loader_shuf),
    ]
}

fn bytes_size(full: usize, quick: bool) -> Vec<Option<usize>> {
    vec![Some(if quick { full / 4 } else { full })]
}

fn gib_1(quick: bool) -> Vec<Option<usize>> {
    bytes_size(1 << 30, quick)
}

fn mib_256(quick: bool) -> Vec<Option<usize>> {
    bytes_size(256 << 20, quick)
}

fn gib_2(quick: bool) -> Vec<Option<usize>> {
    bytes_size(2 << 30, quick)
}

/// A file path in the bench directory that is deleted when dropped.
struct BenchFile(PathBuf);

impl BenchFile {
    fn new(name: &str) -> Self {
        let dir =
            std::env::var_os("OXARRAY_BENCH_DIR").map_or_else(std::env::temp_dir, PathBuf::from);
        std::fs::create_dir_all(&dir).expect("bench directory");
        BenchFile(dir.join(format!("oxarray-bench-{}-{name}", std::process::id())))
    }
}

impl Drop for BenchFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// `n` bytes of f64, `x[i] = i * 0.5` (NumPy's side: `np.arange(len) * 0.5`).
fn f64_data(n: usize) -> Array<f64> {
    Array::from_shape_fn([n / 8], |i| i[0] as f64 * 0.5).expect("1-d")
}

/// IO-save: `np.save` of 1 GiB f64. Atomic (temporary file and rename) without `fsync`, the
/// durability `np.save` has; the default, synced save waits for the disk on top.
fn io_save(n: Option<usize>) -> Prepared {
    let a = f64_data(n.expect("sized"));
    let file = BenchFile::new("save.npy");
    let options = SaveOptions {
        durability: Durability::Unsynced,
        ..SaveOptions::default()
    };
    Prepared::new(move || save_with(&file.0, &a, options).expect("save")).bytes(n.unwrap() as f64)
}

/// IO-load: `np.load` of the 1 GiB f64 file.
fn io_load(n: Option<usize>) -> Prepared {
    let file = BenchFile::new("load.npy");
    save_with(
        &file.0,
        &f64_data(n.expect("sized")),
        SaveOptions::default(),
    )
    .expect("save");
    Prepared::new(move || load::<Array<f64>>(&file.0).expect("load")).bytes(n.unwrap() as f64)
}

/// IO-mmap: `np.load(path, mmap_mode='r').sum()`: open the map, read all of it.
fn io_mmap(n: Option<usize>) -> Prepared {
    let file = BenchFile::new("mmap.npy");
    save_with(
        &file.0,
        &f64_data(n.expect("sized")),
        SaveOptions::default(),
    )
    .expect("save");
    Prepared::new(move || {
        let m = open_memmap(&file.0, Mode::ReadOnly, None, None, false, None).expect("map");
        sum(m.array::<f64>().expect("f64"), None, false).expect("sum")
    })
    .bytes(n.unwrap() as f64)
}

/// IO-npz: `np.savez_compressed` of 256 MiB f64 with `x[i] = (i * 7919) % 10007` (small
/// integers as floats: a few bytes of each value compress).
fn io_npz(n: Option<usize>) -> Prepared {
    let len = n.expect("sized") / 8;
    let a = Array::from_shape_fn([len], |i| ((i[0] * 7919) % 10007) as f64).expect("1-d");
    let file = BenchFile::new("npz.npz");
    Prepared::new(move || savez_compressed(&file.0, &[("x", &a)]).expect("savez"))
        .bytes(n.unwrap() as f64)
}

/// Row width of the loader file (float32 values).
const ROW: usize = 1024;
/// Rows per batch.
const BATCH: usize = 256;

/// The raw float32 loader file of `n` bytes, `x[i] = i % 4096`, mapped read-only.
fn loader_file(n: usize) -> (BenchFile, Array<f32>) {
    let file = BenchFile::new("loader.f32");
    let rows = n / (4 * ROW);
    {
        let mut m = memmap(
            &file.0,
            DType::F32,
            Mode::Create,
            0,
            Some(&[rows, ROW]),
            Order::C,
        )
        .expect("create");
        let mut v = m.view_mut::<f32>().expect("writable");
        let s = v.as_slice_mut().expect("contiguous");
        for (i, x) in s.iter_mut().enumerate() {
            *x = (i % 4096) as f32;
        }
        drop(v);
        m.flush().expect("flush");
    }
    let m = memmap(
        &file.0,
        DType::F32,
        Mode::ReadOnly,
        0,
        Some(&[rows, ROW]),
        Order::C,
    )
    .expect("map");
    let data = m.array::<f32>().expect("f32").clone();
    (file, data)
}

fn run_epoch(loader: &BatchLoader<f32>) -> f32 {
    let mut total = 0.0f32;
    for batch in loader {
        total += sum(&batch, None, false)
            .expect("sum")
            .item()
            .expect("scalar");
    }
    total
}

/// IO-loader-seq: one epoch in order; batches are views of the map.
fn loader_seq(n: Option<usize>) -> Prepared {
    let (file, data) = loader_file(n.expect("sized"));
    let loader = BatchLoader::new(
        data,
        LoaderOptions {
            batch_size: BATCH,
            ..LoaderOptions::default()
        },
    )
    .expect("loader");
    Prepared::new(move || {
        let _keep = &file;
        run_epoch(&loader)
    })
    .bytes(n.unwrap() as f64)
}

/// IO-loader-shuf: one shuffled epoch; batches gathered by the prefetch thread into pooled
/// buffers while the consumer sums the previous one.
fn loader_shuf(n: Option<usize>) -> Prepared {
    let (file, data) = loader_file(n.expect("sized"));
    let loader = BatchLoader::new(
        data,
        LoaderOptions {
            batch_size: BATCH,
            shuffle: true,
            seed: 0,
            drop_last: false,
            prefetch: 4,
        },
    )
    .expect("loader");
    Prepared::new(move || {
        let _keep = &file;
        run_epoch(&loader)
    })
    .bytes(n.unwrap() as f64)
}
