//! Record layouts against NumPy: every spec of `tests/golden/gen_record.py`, with
//! `align=False` and `align=True`, must give NumPy's itemsize, alignment, offsets and
//! `descr`, or fail where NumPy fails.

use oxarray_record::descr::record_descr;
use oxarray_record::{Align, DType, FieldSpec, Record, RecordArray, RecordDType};
use serde_json::Value;

fn layouts() -> Vec<Value> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/golden/data/record_layouts.json"
    );
    let text = std::fs::read_to_string(path).expect("golden file (run cargo xtask golden)");
    serde_json::from_str::<Value>(&text)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn layouts_match_numpy() {
    let cases = layouts();
    assert!(cases.len() >= 40);
    for case in &cases {
        let spec = case["spec"].as_str().unwrap();
        let align = case["align"].as_bool().unwrap();
        let ours = RecordDType::parse(spec, align);
        if case.get("error").is_some() {
            assert!(
                ours.is_err(),
                "{spec} align={align}: NumPy refuses ({}), we gave {ours:?}",
                case["error"]
            );
            continue;
        }
        let dt = ours.unwrap_or_else(|e| panic!("{spec} align={align}: {e}"));
        let ctx = format!("{spec} align={align}");
        assert_eq!(
            dt.itemsize() as u64,
            case["itemsize"].as_u64().unwrap(),
            "itemsize of {ctx}"
        );
        assert_eq!(
            dt.alignment() as u64,
            case["alignment"].as_u64().unwrap(),
            "alignment of {ctx}"
        );
        assert_eq!(
            dt.is_aligned_struct(),
            case["isalignedstruct"].as_bool().unwrap(),
            "{ctx}"
        );
        let names: Vec<&str> = case["names"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(dt.names(), names, "names of {ctx}");
        let offsets: Vec<usize> = case["offsets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap() as usize)
            .collect();
        assert_eq!(dt.offsets(), offsets, "offsets of {ctx}");
        match case["descr"].as_str() {
            Some(descr) => assert_eq!(
                record_descr(&dt).unwrap().to_string(),
                descr,
                "descr of {ctx}"
            ),
            None => assert!(record_descr(&dt).is_err(), "NumPy has no descr for {ctx}"),
        }
    }
}

#[test]
fn the_article_record_in_both_modes() {
    let spec = "[('timestamp','<u8'),('position','<f4',(3,)),('velocity','<f4',(3,))]";
    for align in [false, true] {
        let dt = RecordDType::parse(spec, align).unwrap();
        assert_eq!((dt.itemsize(), dt.offsets()), (32, vec![0, 8, 20]));
        assert_eq!(dt.alignment(), if align { 8 } else { 1 });
        assert!(dt.is_aligned());
    }
}

#[derive(Record, Clone, Copy, Debug, PartialEq)]
#[repr(C)]
struct Particle {
    timestamp: u64,
    position: [f32; 3],
    velocity: [f32; 3],
}

#[derive(Record, Clone, Copy, Debug, PartialEq)]
#[repr(C)]
struct Padded {
    flag: bool,
    value: f64,
    small: i16,
    grid: [[u8; 3]; 2],
    inner: Particle,
    z: oxarray_core::Complex64,
}

#[derive(Record, Clone, Copy, Debug, PartialEq)]
#[repr(C, packed)]
struct Packed {
    a: u8,
    b: f64,
    c: u16,
}

#[derive(Record, Clone, Copy, Debug, PartialEq)]
#[repr(C)]
struct Pair(i32, f32);

#[test]
fn derive_gives_numpys_layout() {
    assert_eq!(
        Particle::record_dtype(),
        RecordDType::parse(
            "[('timestamp','<u8'),('position','<f4',(3,)),('velocity','<f4',(3,))]",
            true
        )
        .unwrap()
    );
    let p = Padded::record_dtype();
    let spec = "[('flag','?'),('value','<f8'),('small','<i2'),('grid','u1',(2,3)),\
                ('inner',[('timestamp','<u8'),('position','<f4',(3,)),('velocity','<f4',(3,))]),('z','<c16')]";
    assert_eq!(p, RecordDType::parse(spec, true).unwrap());
    assert_eq!(p.itemsize(), std::mem::size_of::<Padded>());
    let q = Packed::record_dtype();
    assert_eq!(
        q,
        RecordDType::parse("[('a','u1'),('b','<f8'),('c','<u2')]", false).unwrap()
    );
    assert_eq!(q.itemsize(), 11);
    assert_eq!(Pair::record_dtype().names(), ["f0", "f1"]);
}

#[test]
fn derived_records_round_trip_through_arrays() {
    let inner = Particle {
        timestamp: 9,
        position: [1.0, 2.0, 3.0],
        velocity: [-1.0, 0.5, 4.0],
    };
    let values: Vec<Padded> = (0..7)
        .map(|i| Padded {
            flag: i % 2 == 0,
            value: i as f64 * 1.5,
            small: -(i as i16),
            grid: [[i as u8, 1, 2], [3, 4, 5]],
            inner: Particle {
                timestamp: i as u64,
                ..inner
            },
            z: oxarray_core::Complex64::new(i as f64, -1.0),
        })
        .collect();
    let a = RecordArray::from_records(&values, [7]).unwrap();
    assert_eq!(a.to_records::<Padded>().unwrap(), values);
    let grid = a.field::<u8>("grid").unwrap();
    assert_eq!(grid.shape(), &[7, 2, 3]);
    assert_eq!(grid.get(&[4, 0, 0]).unwrap(), &4);
    let nested = a.record_field("inner").unwrap();
    assert_eq!(
        nested.field::<u64>("timestamp").unwrap().to_vec(),
        (0..7).collect::<Vec<u64>>()
    );
    assert_eq!(
        nested
            .field::<f32>("velocity")
            .unwrap()
            .get(&[3, 2])
            .unwrap(),
        &4.0
    );
    let tail = a.slice(oxarray_core::s![2..;2]).unwrap();
    assert_eq!(
        tail.to_records::<Padded>().unwrap(),
        vec![values[2], values[4], values[6]]
    );
    // A packed record: the f64 field is misaligned, so it cannot be a view, but copies.
    let packed = RecordArray::from_records(&[Packed { a: 1, b: 2.5, c: 3 }; 4], [2, 2]).unwrap();
    assert!(packed.field::<f64>("b").is_err());
    assert!(!packed.is_aligned());
    assert_eq!(
        packed.field_to_array::<f64>("b").unwrap().to_vec(),
        vec![2.5; 4]
    );
    assert!(a.to_records::<Particle>().is_err());
}

#[test]
fn field_views_are_strided_and_writes_reach_the_records() {
    let dt = RecordDType::new(
        &[
            FieldSpec::new("t", DType::U64),
            FieldSpec::new("p", DType::F32).shape([3]),
        ],
        Align::C,
    )
    .unwrap();
    let mut a = RecordArray::zeros(dt, [3, 2]).unwrap();
    {
        let mut p = a.field_mut::<f32>("p").unwrap();
        assert_eq!((p.shape(), p.strides()), (&[3, 2, 3][..], &[12, 6, 1][..]));
        p.slice_mut(oxarray_core::s![1, .., 2]).unwrap().fill(7.0);
    }
    let t = a.t();
    assert_eq!(t.field::<f32>("p").unwrap().get(&[1, 1, 2]).unwrap(), &7.0);
    assert_eq!(t.field::<f32>("p").unwrap().get(&[0, 1, 2]).unwrap(), &7.0);
    assert_eq!(t.field::<f32>("p").unwrap().get(&[1, 0, 2]).unwrap(), &0.0);
    let shared = a.clone();
    a.field_mut::<u64>("t").unwrap().fill(5); // copy-on-write: `shared` keeps its zeros
    assert!(shared.field::<u64>("t").unwrap().iter().all(|&x| x == 0));
    assert!(a.field::<u64>("t").unwrap().iter().all(|&x| x == 5));
    assert!(matches!(
        a.field::<f64>("t"),
        Err(oxarray_core::Error::FieldView { .. })
    ));
    assert!(matches!(
        a.field::<f32>("nope"),
        Err(oxarray_core::Error::NoSuchField { .. })
    ));
    let reversed = a.slice(oxarray_core::s![..;-1, ..]).unwrap();
    assert_eq!(
        reversed.field::<f32>("p").unwrap().get(&[1, 1, 2]).unwrap(),
        &7.0
    );
}
