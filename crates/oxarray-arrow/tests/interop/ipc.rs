//! IPC files and streams, and zero-copy reading of memory-mapped files.

use oxarray_arrow::ipc::{
    Compression, IpcFileWriter, IpcOptions, MappedIpcFile, read_ipc_file, read_ipc_stream,
    write_ipc_file, write_ipc_stream,
};
use oxarray_arrow::{Error, FromArrowOptions, from_record_batch, tensor_metadata, to_record_batch};
use oxarray_core::{Array, array};

fn sample_batch(rows: usize, seed: f32) -> arrow_array::RecordBatch {
    let t = Array::<f32>::from_shape_fn([rows, 4, 8], |i| {
        seed + (i[0] * 32 + i[1] * 8 + i[2]) as f32
    })
    .unwrap();
    let id = Array::<u32>::from_shape_fn([rows], |i| i[0] as u32).unwrap();
    to_record_batch(&[("id", &id.into_dyn()), ("t", &t.into_dyn())]).unwrap()
}

#[test]
fn files_and_streams_round_trip_with_tensor_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.arrow");
    let batches = vec![sample_batch(10, 0.0), sample_batch(3, 100.0)];
    write_ipc_file(&path, &batches, &IpcOptions::default()).unwrap();
    let back = read_ipc_file(&path).unwrap();
    assert_eq!(back, batches);
    let meta = tensor_metadata(back[0].schema().field(1)).unwrap().unwrap();
    assert_eq!(meta.shape, vec![4, 8]);
    let mut bytes = Vec::new();
    write_ipc_stream(&mut bytes, &batches, &IpcOptions::default()).unwrap();
    assert_eq!(read_ipc_stream(&bytes[..]).unwrap(), batches);
}

#[test]
fn mapped_files_are_decoded_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.arrow");
    let mut w = IpcFileWriter::create(
        &path,
        &sample_batch(1, 0.0).schema(),
        &IpcOptions::default(),
    )
    .unwrap();
    for k in 0..3 {
        w.write(&sample_batch(50, k as f32)).unwrap();
    }
    w.finish().unwrap();
    let file = MappedIpcFile::open(&path).unwrap();
    assert_eq!(file.num_batches(), 3);
    let batch = file.batch(2).unwrap();
    let cols = from_record_batch(&batch, &FromArrowOptions::default()).unwrap();
    let t = cols[1].1.values.as_array::<f32>().unwrap().clone();
    assert!(!cols[1].1.copied);
    assert!(
        file.contains(t.as_ptr().cast()),
        "the tensor column was copied out of the map"
    );
    assert!(file.contains(cols[0].1.values.as_array::<u32>().unwrap().as_ptr().cast()));
    drop(file); // the arrays keep the map alive
    assert_eq!(t.get(&[49, 3, 7]).unwrap(), &(2.0 + (49 * 32 + 31) as f32));
    assert!(matches!(
        MappedIpcFile::open(dir.path().join("nope")).unwrap_err(),
        Error::Io { .. }
    ));
    std::fs::write(dir.path().join("junk"), b"0123456789abcdef").unwrap();
    assert!(MappedIpcFile::open(dir.path().join("junk")).is_err());
}

#[test]
fn compression_needs_its_feature() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.arrow");
    let options = IpcOptions {
        compression: Some(Compression::Lz4),
    };
    let result = write_ipc_file(&path, &[sample_batch(20, 1.0)], &options);
    if cfg!(feature = "lz4") {
        result.unwrap();
        assert_eq!(read_ipc_file(&path).unwrap(), vec![sample_batch(20, 1.0)]);
    } else {
        assert!(result.unwrap_err().to_string().contains("lz4"));
    }
    let _ = array![1];
}
