//! The C Data Interface: pointers survive a round trip and the release callbacks run
//! exactly once.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use arrow_array::ffi::{FFI_ArrowArray, FFI_ArrowSchema};
use oxarray_arrow::ffi::{export_array, export_batch, import_array, import_batch};
use oxarray_arrow::{FromArrowOptions, to_record_batch};
use oxarray_core::{Array, Complex64, array};

/// The layout of `struct ArrowArray` of the C Data Interface (arrow-rs keeps the fields
/// private; the struct is `repr(C)`).
#[repr(C)]
struct RawArray {
    length: i64,
    null_count: i64,
    offset: i64,
    n_buffers: i64,
    n_children: i64,
    buffers: *mut *const std::ffi::c_void,
    children: *mut *mut RawArray,
    dictionary: *mut RawArray,
    release: Option<unsafe extern "C" fn(*mut RawArray)>,
    private_data: *mut std::ffi::c_void,
}

/// The layout of `struct ArrowSchema`.
#[repr(C)]
struct RawSchema {
    format: *const std::ffi::c_char,
    name: *const std::ffi::c_char,
    metadata: *const std::ffi::c_char,
    flags: i64,
    n_children: i64,
    children: *mut *mut RawSchema,
    dictionary: *mut RawSchema,
    release: Option<unsafe extern "C" fn(*mut RawSchema)>,
    private_data: *mut std::ffi::c_void,
}

static ARRAY_RELEASES: AtomicUsize = AtomicUsize::new(0);
static SCHEMA_RELEASES: AtomicUsize = AtomicUsize::new(0);
static ORIGINAL_ARRAY_RELEASE: std::sync::Mutex<Option<unsafe extern "C" fn(*mut RawArray)>> =
    std::sync::Mutex::new(None);
static ORIGINAL_SCHEMA_RELEASE: std::sync::Mutex<Option<unsafe extern "C" fn(*mut RawSchema)>> =
    std::sync::Mutex::new(None);

unsafe extern "C" fn counting_array_release(a: *mut RawArray) {
    ARRAY_RELEASES.fetch_add(1, Ordering::SeqCst);
    let original = ORIGINAL_ARRAY_RELEASE
        .lock()
        .unwrap()
        .expect("set before export");
    // SAFETY: `a` is the struct whose release arrow-rs installed as `original`.
    unsafe { original(a) };
}

unsafe extern "C" fn counting_schema_release(s: *mut RawSchema) {
    SCHEMA_RELEASES.fetch_add(1, Ordering::SeqCst);
    let original = ORIGINAL_SCHEMA_RELEASE
        .lock()
        .unwrap()
        .expect("set before export");
    // SAFETY: `s` is the struct whose release arrow-rs installed as `original`.
    unsafe { original(s) };
}

/// Installs the counting callbacks in place of arrow-rs's own (called once per test run:
/// the tests below run this in one test function, so the counters are not shared).
fn instrument(array: &mut FFI_ArrowArray, schema: &mut FFI_ArrowSchema) {
    // SAFETY: FFI_ArrowArray / FFI_ArrowSchema are `repr(C)` with exactly the C Data
    // Interface layout mirrored by RawArray / RawSchema.
    let (raw_a, raw_s) = unsafe {
        (
            &mut *(array as *mut FFI_ArrowArray).cast::<RawArray>(),
            &mut *(schema as *mut FFI_ArrowSchema).cast::<RawSchema>(),
        )
    };
    *ORIGINAL_ARRAY_RELEASE.lock().unwrap() = raw_a.release;
    *ORIGINAL_SCHEMA_RELEASE.lock().unwrap() = raw_s.release;
    raw_a.release = Some(counting_array_release);
    raw_s.release = Some(counting_schema_release);
    assert!(raw_a.length >= 0 && raw_a.null_count == 0 && raw_a.offset == 0);
    let _ = (
        raw_a.n_buffers,
        raw_a.n_children,
        raw_a.buffers,
        raw_a.children,
        raw_a.dictionary,
        raw_a.private_data,
    );
    let _ = (
        raw_s.format,
        raw_s.name,
        raw_s.metadata,
        raw_s.flags,
        raw_s.n_children,
        raw_s.children,
        raw_s.dictionary,
        raw_s.private_data,
    );
}

#[test]
fn arrays_cross_without_copy_and_release_exactly_once() {
    let a = Array::<f64>::from_shape_fn([64], |i| i[0] as f64 * 0.25).unwrap();
    assert_eq!(Arc::strong_count(a.storage()), 1);
    let (mut ffi_array, mut ffi_schema) = export_array("x", &a.clone().into_dyn()).unwrap();
    assert_eq!(
        Arc::strong_count(a.storage()),
        2,
        "the export holds a share of the storage"
    );
    instrument(&mut ffi_array, &mut ffi_schema);
    // SAFETY: freshly exported, handed over once.
    let back =
        unsafe { import_array(ffi_array, &ffi_schema, &FromArrowOptions::default()) }.unwrap();
    let values = back.values.as_array::<f64>().unwrap().clone();
    assert_eq!(
        values.as_ptr(),
        a.as_ptr(),
        "the pointer survived the round trip"
    );
    assert_eq!(values, a);
    assert_eq!(
        ARRAY_RELEASES.load(Ordering::SeqCst),
        0,
        "released while still in use"
    );
    drop(ffi_schema);
    assert_eq!(SCHEMA_RELEASES.load(Ordering::SeqCst), 1);
    drop(back);
    assert_eq!(
        ARRAY_RELEASES.load(Ordering::SeqCst),
        0,
        "a clone still holds the imported data"
    );
    drop(values);
    assert_eq!(ARRAY_RELEASES.load(Ordering::SeqCst), 1);
    assert_eq!(
        Arc::strong_count(a.storage()),
        1,
        "the release dropped the export's share"
    );

    // Tensors, complex columns and batches, with their metadata.
    let t =
        Array::<i32>::from_shape_fn([3, 2, 5], |i| (i[0] * 10 + i[1] * 5 + i[2]) as i32).unwrap();
    let (fa, fs) = export_array("t", &t.clone().into_dyn()).unwrap();
    // SAFETY: freshly exported, handed over once.
    let tb = unsafe { import_array(fa, &fs, &FromArrowOptions::default()) }.unwrap();
    assert_eq!(tb.values.as_array::<i32>().unwrap(), &t);
    assert_eq!(tb.values.as_array::<i32>().unwrap().as_ptr(), t.as_ptr());
    let z = array![Complex64::new(1.0, 2.0)];
    let (fa, fs) = export_array("z", &z.clone().into_dyn()).unwrap();
    // SAFETY: freshly exported, handed over once.
    let zb = unsafe { import_array(fa, &fs, &FromArrowOptions::default()) }.unwrap();
    assert_eq!(zb.values.as_array::<Complex64>().unwrap(), &z);
    let batch = to_record_batch(&[
        ("t", &t.clone().into_dyn()),
        ("k", &array![7u8, 8, 9].into_dyn()),
    ])
    .unwrap();
    let (fa, fs) = export_batch(&batch).unwrap();
    // SAFETY: freshly exported, handed over once.
    let bb = unsafe { import_batch(fa, &fs) }.unwrap();
    assert_eq!(bb, batch);
    assert_eq!(
        bb.schema().field(0).metadata(),
        batch.schema().field(0).metadata()
    );
}
