//! A memory-mapped `.npy` streamed through Arrow IPC in record batches, then read back and
//! reduced, with a progress bar:
//!
//! 1. make (once) a `.npy` of float32 rows of 1024 values, `x[i] = i % 4096`;
//! 2. map it read-only and write it to an Arrow IPC file, one record batch (a
//!    `arrow.fixed_shape_tensor` column) per 4096 rows: each batch's column is the map's
//!    memory itself, no copy;
//! 3. map the IPC file and read every batch in place (again no copy), summing it.
//!
//! ```text
//! cargo run --release -p oxarray --example arrow_pipeline -- [MiB] [DIR]
//! ```
//!
//! Prints the sums of the `.npy` and of the round trip (they must agree) and the throughput.

use std::path::PathBuf;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};
use oxarray::arrow::ipc::{IpcFileWriter, IpcOptions, MappedIpcFile};
use oxarray::arrow::{FromArrowOptions, from_record_batch, to_record_batch};
use oxarray::io::{Mode, SaveOptions, open_memmap, save_with};
use oxarray::prelude::*;
use oxarray::s;

const ROW: usize = 1024;
const BATCH_ROWS: usize = 4096;

fn bar(len: u64, what: &str) -> ProgressBar {
    let bar = ProgressBar::new(len);
    bar.set_style(
        ProgressStyle::with_template("{msg:>6} [{bar:40}] {bytes}/{total_bytes} {bytes_per_sec}")
            .expect("template")
            .progress_chars("=> "),
    );
    bar.set_message(what.to_string());
    bar
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mib: usize = args.next().map_or(Ok(256), |a| a.parse())?;
    let dir = args.next().map_or_else(std::env::temp_dir, PathBuf::from);
    let (npy, ipc) = (
        dir.join("arrow_pipeline.npy"),
        dir.join("arrow_pipeline.arrow"),
    );
    let rows = (mib << 20) / (4 * ROW);
    let row_bytes = (4 * ROW) as u64;

    let data = Array::from_shape_fn([rows, ROW], |i| ((i[0] * ROW + i[1]) % 4096) as f32)?;
    save_with(&npy, &data, SaveOptions::default())?;
    drop(data);
    // Every 4096 consecutive values are 0..4096 once (rows * 1024 is a multiple of 4096).
    let expected = (rows * ROW / 4096) as f64 * (4095.0 * 4096.0 / 2.0);

    let start = Instant::now();
    let map = open_memmap(&npy, Mode::ReadOnly, None, None, false, None)?;
    let x = map.array::<f32>()?.clone();
    let schema = to_record_batch(&[("x", &x.slice_shared(s![..1])?.into_dyn())])?.schema();
    let mut writer = IpcFileWriter::create(&ipc, &schema, &IpcOptions::default())?;
    let progress = bar(rows as u64 * row_bytes, "write");
    for first in (0..rows).step_by(BATCH_ROWS) {
        let part = x.slice_shared(s![first..first + BATCH_ROWS])?;
        progress.inc(part.shape()[0] as u64 * row_bytes);
        writer.write(&to_record_batch(&[("x", &part.into_dyn())])?)?;
    }
    writer.finish()?;
    progress.finish();

    let file = MappedIpcFile::open(&ipc)?;
    let progress = bar(rows as u64 * row_bytes, "read");
    let mut total = 0.0f64;
    for i in 0..file.num_batches() {
        let columns = from_record_batch(&file.batch(i)?, &FromArrowOptions::default())?;
        let batch = columns[0].1.values.as_array::<f32>()?;
        assert!(file.contains(batch.as_ptr().cast()), "read in place");
        total += f64::from(ox::sum(batch, None, false)?.item()?);
        progress.inc(batch.shape()[0] as u64 * row_bytes);
    }
    progress.finish();
    let seconds = start.elapsed().as_secs_f64();

    println!("exact sum: {expected}, sum after the Arrow round trip: {total}");
    println!(
        "{} batches, {:.2} GB/s (bytes written + bytes read)",
        file.num_batches(),
        2.0 * (rows as f64) * row_bytes as f64 / seconds / 1e9
    );
    std::fs::remove_file(&npy)?;
    std::fs::remove_file(&ipc)?;
    if (total - expected).abs() > 1e-5 * expected.abs() {
        return Err(format!("the sums differ: {expected} vs {total}").into());
    }
    Ok(())
}
