//! Memory maps in every mode, atomic saves, and save/load round trips over every layout.

use std::io::Write;

use oxarray_core::{Array, DType, DynArray, Error, Order, s};
use oxarray_io::{
    Durability, Mode, NpyWritable, SaveOptions, load, memmap, open_memmap, save, save_with,
};
use oxarray_record::{FieldType, RecordArray, RecordDType};
use proptest::prelude::*;

#[test]
fn modes_r_rplus_c_and_wplus() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.npy");
    let a = Array::<f32>::from_shape_fn([4, 5], |i| (i[0] * 5 + i[1]) as f32).unwrap();
    save(&path, &a).unwrap();
    // r: zero-copy, read-only.
    let mut r = open_memmap(&path, Mode::ReadOnly, None, None, false, None).unwrap();
    assert_eq!(r.array::<f32>().unwrap(), &a);
    assert!(matches!(r.view_mut::<f32>(), Err(Error::ReadOnly)));
    assert!(r.array::<f64>().is_err());
    let storage_ptr = r.array::<f32>().unwrap().as_ptr() as usize;
    let shared = r.array::<f32>().unwrap().clone();
    assert_eq!(
        shared.as_ptr() as usize,
        storage_ptr,
        "a clone shares the map"
    );
    drop((r, shared));
    // c: writes stay in memory.
    let mut c = open_memmap(&path, Mode::CopyOnWrite, None, None, false, None).unwrap();
    c.view_mut::<f32>().unwrap().fill(-1.0);
    assert!(c.array::<f32>().unwrap().iter().all(|&x| x == -1.0));
    c.flush().unwrap();
    drop(c);
    assert_eq!(load::<Array<f32>>(&path).unwrap(), a);
    // r+: writes reach the file; a live clone makes view_mut refuse instead of copying.
    let mut rw = open_memmap(&path, Mode::ReadWrite, None, None, false, None).unwrap();
    let clone = rw.array::<f32>().unwrap().clone();
    assert!(rw.view_mut::<f32>().is_err());
    drop(clone);
    rw.view_mut::<f32>()
        .unwrap()
        .slice_mut(s![1, ..])
        .unwrap()
        .fill(9.0);
    rw.flush().unwrap();
    drop(rw);
    let back: Array<f32> = load(&path).unwrap();
    assert_eq!(back.slice(s![1, ..]).unwrap().to_vec(), vec![9.0; 5]);
    assert_eq!(
        back.slice(s![2, ..]).unwrap().to_vec(),
        a.slice(s![2, ..]).unwrap().to_vec()
    );
    // w+: F-order creation, then a normal .npy file.
    let f = dir.path().join("f.npy");
    let mut w = open_memmap(
        &f,
        Mode::Create,
        Some(DType::I16.into()),
        Some(&[3, 2]),
        true,
        None,
    )
    .unwrap();
    assert!(w.array::<i16>().unwrap().is_f_contiguous());
    w.view_mut::<i16>()
        .unwrap()
        .assign(&oxarray_core::array![[1i16, 2], [3, 4], [5, 6]])
        .unwrap();
    w.flush().unwrap();
    drop(w);
    let back: Array<i16> = load(&f).unwrap();
    assert_eq!(back.to_vec(), vec![1, 2, 3, 4, 5, 6]);
    assert!(back.is_f_contiguous());
    assert!(open_memmap(&f, Mode::Create, None, Some(&[1]), false, None).is_err());
    assert_eq!(Mode::from_numpy("r+").unwrap(), Mode::ReadWrite);
    assert!(Mode::from_numpy("x").is_err());
}

#[test]
fn raw_maps_like_np_memmap() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("raw.f64");
    let bytes: Vec<u8> = (0..24).flat_map(|i| (i as f64).to_le_bytes()).collect();
    std::fs::write(&path, &bytes).unwrap();
    let m = memmap(
        &path,
        DType::F64,
        Mode::ReadOnly,
        16,
        Some(&[2, 5]),
        Order::F,
    )
    .unwrap();
    let a = m.array::<f64>().unwrap();
    assert_eq!(a.get(&[1, 0]).unwrap(), &3.0);
    assert_eq!(a.get(&[0, 1]).unwrap(), &4.0);
    let whole = memmap(&path, DType::F64, Mode::ReadOnly, 0, None, Order::C).unwrap();
    assert_eq!(whole.shape(), &[24]);
    whole.advise_will_need().unwrap();
    whole.advise_sequential().unwrap();
    // r+ with a larger shape extends the file with zeros, as NumPy does.
    let mut grown = memmap(&path, DType::F64, Mode::ReadWrite, 0, Some(&[30]), Order::C).unwrap();
    grown
        .view_mut::<f64>()
        .unwrap()
        .slice_mut(s![29])
        .unwrap()
        .fill(1.5);
    grown.flush().unwrap();
    drop(grown);
    assert_eq!(std::fs::metadata(&path).unwrap().len(), 240);
    let big = memmap(
        &path,
        FieldType::Scalar(DType::F64, oxarray_record::ByteOrder::Big),
        Mode::ReadOnly,
        0,
        None,
        Order::C,
    )
    .unwrap();
    assert!(big.array::<f64>().is_err());
    // As stored: the bytes of 1.0 little-endian, which a big-endian reader would swap.
    assert_eq!(
        big.array_as_stored::<f64>()
            .unwrap()
            .get(&[1])
            .unwrap()
            .to_bits(),
        1f64.to_bits()
    );
    assert_eq!(big.byte_order(), oxarray_record::ByteOrder::Big);
    let empty = memmap(&path, DType::U8, Mode::ReadOnly, 240, None, Order::C).unwrap();
    assert!(empty.array::<u8>().unwrap().is_empty());
}

#[test]
fn record_maps_view_fields_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.npy");
    let dt = RecordDType::parse(
        "[('timestamp','<u8'),('position','<f4',(3,)),('velocity','<f4',(3,))]",
        true,
    )
    .unwrap();
    let mut recs = RecordArray::zeros(dt, [100]).unwrap();
    recs.field_mut::<u64>("timestamp")
        .unwrap()
        .assign(&Array::<u64>::from_shape_fn([100], |i| i[0] as u64).unwrap())
        .unwrap();
    save(&path, &recs).unwrap();
    let mut m = open_memmap(&path, Mode::ReadWrite, None, None, false, None).unwrap();
    let r = m.records().unwrap();
    assert!(r.is_aligned());
    let t = r.field::<u64>("timestamp").unwrap();
    assert_eq!(t.get(&[42]).unwrap(), &42);
    let base = m.records().unwrap().storage().as_ptr() as usize;
    assert_eq!(
        t.as_ptr() as usize,
        base,
        "the field view points into the map"
    );
    m.records_mut()
        .unwrap()
        .field_mut::<f32>("velocity")
        .unwrap()
        .fill(2.0);
    m.flush().unwrap();
    drop(m);
    let back: RecordArray = load(&path).unwrap();
    assert!(
        back.field::<f32>("velocity")
            .unwrap()
            .iter()
            .all(|&v| v == 2.0)
    );
    assert_eq!(
        back.field::<u64>("timestamp").unwrap().get(&[99]).unwrap(),
        &99
    );
}

/// A writer that fails halfway through the data.
struct Failing;

impl NpyWritable for Failing {
    fn npy_type(&self) -> FieldType {
        FieldType::native(DType::U8)
    }
    fn npy_shape(&self) -> Vec<usize> {
        vec![1 << 20]
    }
    fn npy_fortran_order(&self) -> bool {
        false
    }
    fn write_npy_data(&self, w: &mut dyn Write) -> std::io::Result<()> {
        w.write_all(&[7u8; 1000])?;
        Err(std::io::Error::other("disk full (simulated)"))
    }
}

#[test]
fn a_failed_save_leaves_the_old_file_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keep.npy");
    let old = Array::<i32>::from_vec(vec![1, 2, 3], [3]).unwrap();
    save(&path, &old).unwrap();
    let before = std::fs::read(&path).unwrap();
    let e = save(&path, &Failing).unwrap_err();
    assert!(e.to_string().contains("disk full"), "{e}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let e = oxarray_io::savez(&path, &[("x", &Failing as &dyn NpyWritable)]).unwrap_err();
    assert!(e.to_string().contains("disk full"));
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "temporary files left: {leftovers:?}");
    let e = save(dir.path().join("no/such/dir/x.npy"), &old).unwrap_err();
    assert!(
        matches!(e, Error::Io { .. }) && e.to_string().contains("no/such/dir"),
        "{e}"
    );
    save_with(
        &path,
        &old,
        SaveOptions {
            durability: Durability::Unsynced,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let bf = Array::<oxarray_core::bf16>::zeros([2]).unwrap();
    assert!(
        save(dir.path().join("bf.npy"), &bf)
            .unwrap_err()
            .to_string()
            .contains("bfloat16")
    );
}

fn layouts(len: usize) -> impl Strategy<Value = (Vec<usize>, u8, i8)> {
    (1usize..4, 0u8..4, -1i8..=1).prop_map(move |(ndim, pick, step)| {
        let shape = match ndim {
            1 => vec![len],
            2 => vec![len / 6, 6],
            _ => vec![len / 12, 3, 4],
        };
        (shape, pick, step)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Any view (C, F, transposed, stepped, reversed) saves to the values it shows, and
    /// loads back with them; its bytes equal those of the C or F copy NumPy would write.
    #[test]
    fn views_of_every_layout_round_trip((shape, pick, step) in layouts(48), dtype_index in 0usize..14) {
        let dtype = DType::ALL.into_iter().filter(|&d| d != DType::BF16).nth(dtype_index).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.npy");
        oxarray_core::dispatch_dtype!(dtype, T => {
            let base = Array::<f64>::from_shape_fn(&shape[..], |i| i.iter().fold(0usize, |a, &x| a * 7 + x) as f64 - 20.0)
                .unwrap()
                .astype::<T>();
            let f = Array::from_view_in_order(&base.view(), Order::F);
            let view = match pick {
                0 => base.view(),
                1 => f.view(),
                2 => base.t(),
                _ => base.slice(s![..;if step == 0 { 2 } else { step as isize * 2 }]).unwrap(),
            };
            save(&path, &view).unwrap();
            let back: Array<T> = load(&path).unwrap();
            prop_assert_eq!(back.shape(), view.shape());
            prop_assert_eq!(back.to_vec(), view.to_vec());
            let copy = if view.is_f_contiguous() && !view.is_c_contiguous() { Array::from_view_in_order(&view, Order::F) } else { view.to_owned() };
            prop_assert_eq!(std::fs::read(&path).unwrap(), oxarray_io::to_bytes(&copy).unwrap());
            let d: DynArray = load(&path).unwrap();
            prop_assert_eq!(d.dtype(), dtype);
        });
    }
}
