//! A corpus of damaged files: each one gives an error naming the file and the problem; none
//! panics, allocates what a lying header asks for, or reads out of bounds.

use std::path::Path;

use oxarray_core::{Array, DType, DynArray, Error};
use oxarray_io::{Mode, NpyData, NpzFile, load, open_memmap};
use oxarray_record::RecordDType;

fn npy_with_header(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut header = dict.to_string();
    while !(10 + header.len() + 1).is_multiple_of(64) {
        header.push(' ');
    }
    header.push('\n');
    let mut out = b"\x93NUMPY\x01\x00".to_vec();
    out.extend((header.len() as u16).to_le_bytes());
    out.extend(header.as_bytes());
    out.extend(data);
    out
}

/// Loading `bytes` from a file, as a plain array, as records and as a map, must fail, with
/// a message that names the file.
fn assert_rejected(dir: &Path, name: &str, bytes: &[u8], expect: &str) {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    let errors = [
        load::<NpyData>(&path).map(|_| ()),
        load::<DynArray>(&path).map(|_| ()),
        open_memmap(&path, Mode::ReadOnly, None, None, false, None).map(|_| ()),
        open_memmap(&path, Mode::CopyOnWrite, None, None, false, None).map(|_| ()),
        oxarray_io::from_bytes::<NpyData>(bytes).map(|_| ()),
    ];
    for (i, e) in errors.into_iter().enumerate() {
        let e = e
            .err()
            .unwrap_or_else(|| panic!("{name}: attempt {i} accepted a damaged file"));
        let msg = e.to_string();
        let named = if i == 4 {
            msg.contains("<memory>")
        } else {
            msg.contains(name)
        };
        assert!(named, "{name}: the error does not name the file: {msg}");
        assert!(
            msg.to_lowercase().contains(&expect.to_lowercase()),
            "{name}: expected {expect:?} in {msg}"
        );
    }
}

#[test]
fn truncated_at_every_header_byte_and_in_the_data() {
    let dir = tempfile::tempdir().unwrap();
    let good_plain = oxarray_io::to_bytes(&Array::<f64>::zeros([3, 5]).unwrap()).unwrap();
    let rec = RecordDType::parse("[('a','u1'),('b','<f8',(2,))]", true).unwrap();
    let good_rec =
        oxarray_io::to_bytes(&oxarray_record::RecordArray::zeros(rec, [4]).unwrap()).unwrap();
    let mut v2 = Vec::new();
    oxarray_io::write_npy(
        &mut v2,
        &Array::<i16>::zeros([7]).unwrap(),
        Some(oxarray_io::Version::V2),
    )
    .unwrap();
    for (tag, good) in [("plain", &good_plain), ("record", &good_rec), ("v2", &v2)] {
        for cut in 0..good.len() {
            let expect = if cut < 6 { "magic" } else { "truncated" };
            assert_rejected(
                dir.path(),
                &format!("{tag}_cut{cut}.npy"),
                &good[..cut],
                expect,
            );
        }
    }
}

#[test]
fn wrong_magic_version_and_lying_headers() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let good = oxarray_io::to_bytes(&Array::<i32>::zeros([4]).unwrap()).unwrap();
    let mut bad = good.clone();
    bad[1] = b'X';
    assert_rejected(d, "magic.npy", &bad, "magic");
    assert_rejected(
        d,
        "text.npy",
        b"hello, this is not an array at all",
        "magic",
    );
    let mut bad = good.clone();
    bad[6] = 7;
    assert_rejected(d, "version.npy", &bad, "version");
    // A version-2 header length of 4 GiB: refused before any allocation.
    let mut huge = b"\x93NUMPY\x02\x00".to_vec();
    huge.extend(u32::MAX.to_le_bytes());
    assert_rejected(d, "huge_header.npy", &huge, "limit");
    // The header claims more data than the file has.
    let lying = npy_with_header(
        "{'descr': '<f8', 'fortran_order': False, 'shape': (1000,), }",
        &[0; 80],
    );
    assert_rejected(d, "lying.npy", &lying, "truncated data");
    let cases: [(&str, &str, &str); 14] = [
        (
            "overflow",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (9223372036854775807, 9223372036854775807), }",
            "too large",
        ),
        (
            "overflow_bytes",
            "{'descr': '<c16', 'fortran_order': False, 'shape': (1152921504606846976,), }",
            "too large",
        ),
        (
            "python_int",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (123456789012345678901234567890123456789012345,), }",
            "python literal",
        ),
        (
            "negative",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (-1,), }",
            "shape",
        ),
        (
            "float_dim",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (2.5,), }",
            "literal",
        ),
        (
            "dtype_f16",
            "{'descr': '<f16', 'fortran_order': False, 'shape': (1,), }",
            "descr",
        ),
        (
            "dtype_object",
            "{'descr': '|O', 'fortran_order': False, 'shape': (1,), }",
            "descr",
        ),
        (
            "dtype_unicode",
            "{'descr': '<U5', 'fortran_order': False, 'shape': (1,), }",
            "descr",
        ),
        (
            "dtype_garbage",
            "{'descr': 'garbage', 'fortran_order': False, 'shape': (1,), }",
            "descr",
        ),
        ("missing_key", "{'descr': '<f8', 'shape': (1,), }", "keys"),
        (
            "extra_key",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'x': 1, }",
            "keys",
        ),
        (
            "fortran_not_bool",
            "{'descr': '<f8', 'fortran_order': 0, 'shape': (1,), }",
            "bool",
        ),
        ("not_dict", "[1, 2, 3]", "dict"),
        (
            "code",
            "{'descr': __import__('os').system('true'), 'fortran_order': False, 'shape': (1,), }",
            "literal",
        ),
    ];
    for (name, dict, expect) in cases {
        assert_rejected(
            d,
            &format!("{name}.npy"),
            &npy_with_header(dict, &[0; 64]),
            expect,
        );
    }
    let bad_record = npy_with_header(
        "{'descr': [('a', '<f8'), ('a', '<f8')], 'fortran_order': False, 'shape': (1,), }",
        &[0; 16],
    );
    assert_rejected(d, "dup_field.npy", &bad_record, "twice");
    let deep = format!(
        "{{'descr': {}'<f8'{}, 'fortran_order': False, 'shape': (1,), }}",
        "[".repeat(200),
        "]".repeat(200)
    );
    assert_rejected(d, "deep.npy", &npy_with_header(&deep, &[0; 8]), "nested");
    let mut v3 = b"\x93NUMPY\x03\x00".to_vec();
    v3.extend(4u32.to_le_bytes());
    v3.extend([0xff, 0xfe, b'{', b'}']);
    assert_rejected(d, "not_utf8.npy", &v3, "utf-8");
}

#[test]
fn wrong_dtype_requests_name_the_file_and_both_dtypes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ints.npy");
    oxarray_io::save(&path, &Array::<i64>::zeros([3]).unwrap()).unwrap();
    let e = load::<Array<f32>>(&path).unwrap_err();
    assert!(
        matches!(&e, Error::FileDTypeMismatch { expected, found, .. } if expected == "float32" && found == "int64"),
        "{e}"
    );
    assert!(e.to_string().contains("ints.npy"));
    assert!(load::<oxarray_record::RecordArray>(&path).is_err());
    let e = load::<DynArray>(dir.path().join("missing.npy")).unwrap_err();
    assert!(
        matches!(
            e,
            Error::Io {
                kind: std::io::ErrorKind::NotFound,
                ..
            }
        ),
        "{e}"
    );
}

#[test]
fn damaged_archives_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.npz");
    let x = Array::<f64>::from_shape_fn([64, 64], |i| (i[0] * i[1]) as f64).unwrap();
    oxarray_io::savez_compressed(&path, &[("x", &x)]).unwrap();
    let good = std::fs::read(&path).unwrap();
    for cut in [0, 10, 30, good.len() / 2, good.len() - 30, good.len() - 1] {
        let p = dir.path().join(format!("cut{cut}.npz"));
        std::fs::write(&p, &good[..cut]).unwrap();
        let r = NpzFile::open(&p).and_then(|mut z| z.get::<DynArray>("x"));
        assert!(
            r.unwrap_err()
                .to_string()
                .contains(&format!("cut{cut}.npz"))
        );
    }
    // Flipped bytes inside the compressed data: a deflate or CRC error, not a panic.
    for at in [100, 200, good.len() / 2] {
        let mut bad = good.clone();
        bad[at] ^= 0x55;
        let p = dir.path().join(format!("flip{at}.npz"));
        std::fs::write(&p, &bad).unwrap();
        let r = NpzFile::open(&p).and_then(|mut z| z.get::<Array<f64>>("x"));
        if let Ok(a) = r {
            panic!("flip at {at} went unnoticed ({} elements)", a.len());
        }
    }
}

#[test]
fn raw_maps_check_offsets_sizes_and_alignment() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("raw.bin");
    std::fs::write(&path, [0u8; 100]).unwrap();
    use oxarray_core::Order;
    use oxarray_io::memmap;
    let e = memmap(&path, DType::F64, Mode::ReadOnly, 0, None, Order::C).unwrap_err();
    assert!(e.to_string().contains("whole number"), "{e}");
    let e = memmap(&path, DType::F64, Mode::ReadOnly, 4, None, Order::C).unwrap_err();
    assert!(e.to_string().contains("alignment"), "{e}");
    let e = memmap(&path, DType::F32, Mode::ReadOnly, 0, Some(&[26]), Order::C).unwrap_err();
    assert!(e.to_string().contains("greater than file size"), "{e}");
    let e = memmap(&path, DType::F32, Mode::ReadOnly, 200, None, Order::C).unwrap_err();
    assert!(e.to_string().contains("past the end"), "{e}");
    let e = memmap(
        &path,
        DType::F32,
        Mode::ReadOnly,
        0,
        Some(&[usize::MAX, 4]),
        Order::C,
    )
    .unwrap_err();
    assert!(e.to_string().contains("too large"), "{e}");
    assert!(memmap(&path, DType::F32, Mode::Create, 0, None, Order::C).is_err());
    let bools = dir.path().join("bools.bin");
    std::fs::write(&bools, [0u8, 1, 2]).unwrap();
    let e = memmap(&bools, DType::Bool, Mode::ReadOnly, 0, None, Order::C).unwrap_err();
    assert!(e.to_string().contains("not a bool"), "{e}");
}

#[test]
fn a_billion_records_of_no_bytes_load_and_save_at_once() {
    // Found by fuzzing: NumPy allows zero-size records (`V0` fields), so a 200-byte file can
    // hold 10^9 of them; writing them back visited each one and took minutes.
    let bytes = npy_with_header(
        "{'descr': [('a', '|V0')], 'fortran_order': False, 'shape': (1000000000,), }",
        &[],
    );
    let NpyData::Records(r) = oxarray_io::from_bytes::<NpyData>(&bytes).unwrap() else {
        panic!("a record dtype loads as records");
    };
    assert_eq!(r.shape(), &[1_000_000_000]);
    let again = oxarray_io::to_bytes(&r).unwrap();
    let NpyData::Records(back) = oxarray_io::from_bytes::<NpyData>(&again).unwrap() else {
        panic!("our own file loads as records");
    };
    assert_eq!(back.shape(), &[1_000_000_000]);
    assert_eq!(back.dtype().itemsize(), 0);
}
