//! AR-*: Arrow interop (oxarray-arrow), beside pyarrow.
//!
//! Sizes (`n` = bytes of tensor data, the same on the Python side): a 1 GiB float32 tensor
//! column of 1024-element rows, `x[i] = i % 4096`; `--quick` divides it by 16.
//!
//! * AR-ipc-write: the column written as an uncompressed IPC file (pyarrow:
//!   `ipc.new_file(...).write_table`), from memory to the page cache.
//! * AR-ipc-read: the file read back whole (pyarrow: `ipc.open_file(path).read_all()`), with
//!   ordinary reads (not the zero-copy map).
//! * AR-zero-copy: array to an Arrow tensor column and back (pyarrow:
//!   `FixedShapeTensorArray.from_numpy_ndarray(a).to_numpy_ndarray()`): O(1), no bytes moved.
//! * AR-pipeline: the `arrow_pipeline` example: a memory-mapped `.npy` streamed through an
//!   IPC file in record batches of 4096 rows, then the file mapped, every batch read in place
//!   and summed; GB/s counts the bytes written plus the bytes read.

use std::path::PathBuf;

use oxarray::arrow::ipc::{
    IpcFileWriter, IpcOptions, MappedIpcFile, read_ipc_file, write_ipc_file,
};
use oxarray::arrow::{
    FromArrowOptions, from_arrow_field, from_record_batch, to_record_batch, to_tensor_column,
};
use oxarray::io::{Mode, SaveOptions, open_memmap, save_with};
use oxarray::ufunc::sum;
use oxarray_core::Array;

use crate::{Prepared, Workload};

/// The workloads of this family.
pub fn workloads() -> Vec<Workload> {
    let w = |id, run| Workload {
        id,
        imp: "oxarray",
        sizes: gib_1,
        run,
    };
    vec![
        w("AR-ipc-write", ipc_write),
        w("AR-ipc-read", ipc_read),
        w("AR-zero-copy", zero_copy),
        w("AR-pipeline", pipeline),
    ]
}

/// Elements per row.
const ROW: usize = 1024;
/// Rows per record batch in the pipeline.
const BATCH_ROWS: usize = 4096;

fn gib_1(quick: bool) -> Vec<Option<usize>> {
    vec![Some(if quick { (1 << 30) / 16 } else { 1 << 30 })]
}

/// `n` bytes of float32 rows of 1024, `x[i] = i % 4096` (NumPy: `(np.arange(len) % 4096)`).
fn tensor_data(n: usize) -> Array<f32> {
    let rows = n / (4 * ROW);
    Array::from_shape_fn([rows, ROW], |i| ((i[0] * ROW + i[1]) % 4096) as f32).expect("2-d")
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

fn ipc_write(n: Option<usize>) -> Prepared {
    let n = n.expect("sized");
    let batch = to_record_batch(&[("t", &tensor_data(n).into_dyn())]).expect("batch");
    let file = BenchFile::new("write.arrow");
    Prepared::new(move || {
        write_ipc_file(
            &file.0,
            std::slice::from_ref(&batch),
            &IpcOptions::default(),
        )
        .expect("write")
    })
    .bytes(n as f64)
}

fn ipc_read(n: Option<usize>) -> Prepared {
    let n = n.expect("sized");
    let file = BenchFile::new("read.arrow");
    let batch = to_record_batch(&[("t", &tensor_data(n).into_dyn())]).expect("batch");
    write_ipc_file(&file.0, &[batch], &IpcOptions::default()).expect("write");
    Prepared::new(move || read_ipc_file(&file.0).expect("read")).bytes(n as f64)
}

fn zero_copy(n: Option<usize>) -> Prepared {
    let a = tensor_data(n.expect("sized")).into_dyn();
    Prepared::new(move || {
        let (field, col) = to_tensor_column("t", &a, None).expect("to arrow");
        from_arrow_field(&field, &col, &FromArrowOptions::default())
            .expect("from arrow")
            .values
    })
}

fn pipeline(n: Option<usize>) -> Prepared {
    let n = n.expect("sized");
    let npy = BenchFile::new("pipeline.npy");
    save_with(&npy.0, &tensor_data(n), SaveOptions::default()).expect("save");
    let ipc = BenchFile::new("pipeline.arrow");
    Prepared::new(move || {
        let map = open_memmap(&npy.0, Mode::ReadOnly, None, None, false, None).expect("map");
        let rows = map.array::<f32>().expect("f32").clone();
        let first = rows
            .slice_shared(oxarray_core::s![..1])
            .expect("rows")
            .into_dyn();
        let schema = to_record_batch(&[("x", &first)]).expect("batch").schema();
        let mut w = IpcFileWriter::create(&ipc.0, &schema, &IpcOptions::default()).expect("create");
        for start in (0..rows.shape()[0]).step_by(BATCH_ROWS) {
            let part = rows
                .slice_shared(oxarray_core::s![start..start + BATCH_ROWS])
                .expect("rows")
                .into_dyn();
            w.write(&to_record_batch(&[("x", &part)]).expect("batch"))
                .expect("write");
        }
        w.finish().expect("finish");
        let file = MappedIpcFile::open(&ipc.0).expect("open");
        let mut total = 0.0f64;
        for i in 0..file.num_batches() {
            let cols =
                from_record_batch(&file.batch(i).expect("batch"), &FromArrowOptions::default())
                    .expect("read");
            let x = cols[0].1.values.as_array::<f32>().expect("f32");
            total += f64::from(sum(x, None, false).expect("sum").item().expect("scalar"));
        }
        total
    })
    .bytes(2.0 * n as f64)
}
