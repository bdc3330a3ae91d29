//! Files made by NumPy (tests/golden/gen_io.py) load here with NumPy's values, and writing
//! what was loaded gives NumPy's bytes back, bit for bit.

mod common;

use common::{assert_values, golden_dir, manifest, shape_of};
use oxarray_core::{DynArray, Order};
use oxarray_io::{LoadOptions, NpyData, NpyFile, NpzFile, SaveOptions, Version, load, to_bytes};
use oxarray_record::RecordArray;

#[test]
fn plain_arrays_load_with_numpys_values_and_save_to_numpys_bytes() {
    let mut checked = 0;
    for case in manifest().iter().filter(|c| c.get("code").is_some()) {
        let file = case["file"].as_str().unwrap();
        let path = golden_dir().join(file);
        let a: DynArray = load(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(a.shape(), shape_of(&case["shape"]), "{file}");
        let code = case["code"].as_str().unwrap();
        assert_values(&a, code, &case["values"], file);
        let fortran = case["fortran"].as_bool().unwrap();
        let is_f_only = dispatch(&a, |f| f);
        assert_eq!(
            is_f_only,
            fortran && a.ndim() > 1,
            "{file}: memory order kept"
        );
        let version = case["version"].as_array().unwrap();
        let version = Version(
            version[0].as_u64().unwrap() as u8,
            version[1].as_u64().unwrap() as u8,
        );
        let bytes = std::fs::read(&path).unwrap();
        if case["endian"] != "be" {
            let mut ours = Vec::new();
            oxarray_io::write_npy(&mut ours, &a, Some(version)).unwrap();
            assert_eq!(ours, bytes, "{file}: our bytes differ from NumPy's");
        } else {
            // Kept as stored, the values are byte-swapped; converted, they are NumPy's.
            let raw: DynArray = oxarray_io::load_with(
                &path,
                LoadOptions {
                    to_native_byte_order: false,
                    ..Default::default()
                },
            )
            .unwrap();
            let f = NpyFile::open(&path).unwrap();
            assert_eq!(f.byte_order(), oxarray_record::ByteOrder::Big);
            if a.dtype().itemsize() > 1 && a.len() > 1 {
                assert_ne!(to_bytes(&raw).unwrap(), to_bytes(&a).unwrap(), "{file}");
            }
        }
        checked += 1;
    }
    assert!(checked >= 60, "only {checked} plain golden files");
}

/// Whether the array is F-contiguous and not C-contiguous.
fn dispatch(a: &DynArray, f: impl Fn(bool) -> bool) -> bool {
    oxarray_core::dispatch_dyn!(a, x: _T => f(x.is_f_contiguous() && !x.is_c_contiguous()))
}

fn check_fields(records: &RecordArray, fields: &serde_json::Value, file: &str) {
    for (name, want) in fields.as_object().unwrap() {
        let mut parts: Vec<&str> = name.split('.').collect();
        let leaf = parts.pop().unwrap();
        let mut r = records.clone();
        for p in parts {
            r = r
                .record_field(p)
                .unwrap_or_else(|e| panic!("{file}: {name}: {e}"));
        }
        let got = r
            .field_to_dyn(leaf)
            .unwrap_or_else(|e| panic!("{file}: {name}: {e}"));
        assert_eq!(got.shape(), shape_of(&want["shape"]), "{file}: {name}");
        assert_values(
            &got,
            want["code"].as_str().unwrap(),
            &want["values"],
            &format!("{file}: {name}"),
        );
    }
}

#[test]
fn structured_arrays_load_with_numpys_layout_and_values() {
    let mut checked = 0;
    for case in manifest().iter().filter(|c| c.get("record").is_some()) {
        let file = case["file"].as_str().unwrap();
        let path = golden_dir().join(file);
        let r: RecordArray = load(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(r.shape(), shape_of(&case["shape"]), "{file}");
        assert_eq!(
            r.dtype().itemsize() as u64,
            case["itemsize"].as_u64().unwrap(),
            "{file}"
        );
        check_fields(&r, &case["fields"], file);
        if let Some(spec) = case["spec"].as_str() {
            // The loaded layout has NumPy's offsets for the align flag the file was made with.
            let made =
                oxarray_record::RecordDType::parse(spec, case["align"].as_bool().unwrap()).unwrap();
            assert_eq!(r.dtype().offsets(), made.offsets(), "{file}");
            assert_eq!(r.dtype().is_aligned(), made.is_aligned(), "{file}");
        }
        let bytes = std::fs::read(&path).unwrap();
        let raw: RecordArray = oxarray_io::load_with(
            &path,
            LoadOptions {
                to_native_byte_order: false,
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(to_bytes(&raw).unwrap(), bytes, "{file}: bit for bit");
        checked += 1;
    }
    assert!(checked >= 10);
}

#[test]
fn npz_archives_from_savez_and_savez_compressed() {
    for case in manifest().iter().filter(|c| c.get("npz").is_some()) {
        let file = case["file"].as_str().unwrap();
        let mut npz = NpzFile::open(golden_dir().join(file)).unwrap();
        let members = case["npz"].as_object().unwrap();
        let mut names: Vec<&String> = members.keys().collect();
        names.sort();
        let mut files: Vec<&String> = npz.files().iter().collect();
        files.sort();
        assert_eq!(files, names, "{file}");
        for (name, want) in members {
            let w = want.as_array().unwrap();
            let a: DynArray = npz
                .get(name)
                .unwrap_or_else(|e| panic!("{file}/{name}: {e}"));
            assert_eq!(a.shape(), shape_of(&w[1]), "{file}/{name}");
            assert_values(&a, w[0].as_str().unwrap(), &w[3], &format!("{file}/{name}"));
            let f_only = dispatch(&a, |f| f);
            assert_eq!(f_only, w[2].as_bool().unwrap(), "{file}/{name}: order");
            let again: NpyData = npz.get(&format!("{name}.npy")).unwrap();
            assert_eq!(again.shape(), a.shape());
        }
        assert!(
            npz.get::<DynArray>("missing")
                .unwrap_err()
                .to_string()
                .contains("missing")
        );
    }
}

#[test]
fn versions_are_written_as_asked() {
    let a: DynArray = load(golden_dir().join("version_1.npy")).unwrap();
    for (v, file) in [
        (Version::V1, "version_1.npy"),
        (Version::V2, "version_2.npy"),
        (Version::V3, "version_3.npy"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("v.npy");
        oxarray_io::save_with(
            &out,
            &a,
            SaveOptions {
                version: Some(v),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(
            std::fs::read(&out).unwrap(),
            std::fs::read(golden_dir().join(file)).unwrap(),
            "{file}"
        );
    }
    let f = oxarray_core::Array::<f64>::zeros_order([2, 3], Order::F).unwrap();
    assert!(to_bytes(&f).unwrap().windows(4).any(|w| w == b"True"));
}
