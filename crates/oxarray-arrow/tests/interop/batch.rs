//! Record batches: DynArray columns and record arrays.

use oxarray_arrow::{
    Error, FromArrowOptions, from_record_batch, records_from_batch, records_to_batch,
    to_record_batch,
};
use oxarray_core::{Array, Complex32, array};
use oxarray_record::{Align, ByteOrder, DType, FieldSpec, FieldType, RecordArray, RecordDType};

#[test]
fn dynarray_columns_round_trip_with_their_shapes_and_without_copy() {
    let id = array![10i64, 20, 30];
    let emb =
        Array::<f32>::from_shape_fn([3, 2, 2], |i| (i[0] * 4 + i[1] * 2 + i[2]) as f32).unwrap();
    let flag = array![true, false, true];
    let z = array![
        Complex32::new(1.0, 2.0),
        Complex32::new(0.0, -1.0),
        Complex32::new(3.0, 0.5)
    ];
    let batch = to_record_batch(&[
        ("id", &id.clone().into_dyn()),
        ("emb", &emb.clone().into_dyn()),
        ("flag", &flag.clone().into_dyn()),
        ("z", &z.clone().into_dyn()),
    ])
    .unwrap();
    let cols = from_record_batch(&batch, &FromArrowOptions::default()).unwrap();
    let names: Vec<&str> = cols.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["id", "emb", "flag", "z"]);
    assert_eq!(
        cols[0].1.values.as_array::<i64>().unwrap().as_ptr(),
        id.as_ptr()
    );
    assert_eq!(cols[1].1.values.as_array::<f32>().unwrap(), &emb);
    assert_eq!(
        cols[1].1.values.as_array::<f32>().unwrap().as_ptr(),
        emb.as_ptr()
    );
    assert_eq!(cols[2].1.values.as_array::<bool>().unwrap(), &flag);
    assert_eq!(cols[3].1.values.as_array::<Complex32>().unwrap(), &z);
}

#[test]
fn columns_of_different_lengths_are_an_error_naming_the_column() {
    let err = to_record_batch(&[
        ("a", &array![1i8, 2].into_dyn()),
        ("b", &array![1i8].into_dyn()),
    ])
    .unwrap_err();
    assert!(
        matches!(&err, Error::ShapeMismatch { expected, got, .. } if expected == &[2] && got == &[1]),
        "{err}"
    );
    assert!(err.to_string().contains("column \"b\""), "{err}");
}

fn particles() -> RecordArray {
    let dt = RecordDType::new(
        &[
            FieldSpec::new("t", DType::U64),
            FieldSpec::new("pos", DType::F32).shape([3]),
            FieldSpec::new("m", DType::F64),
            FieldSpec::new("grid", DType::I16).shape([2, 2]),
        ],
        Align::C,
    )
    .unwrap();
    let mut r = RecordArray::zeros(dt, [5]).unwrap();
    r.set_field::<u64>("t", &Array::from_vec((0..5).collect(), [5]).unwrap())
        .unwrap();
    r.set_field::<f32>(
        "pos",
        &Array::from_shape_fn([5, 3], |i| (i[0] * 3 + i[1]) as f32 * 0.5).unwrap(),
    )
    .unwrap();
    r.set_field::<f64>("m", &array![1.0, 2.0, 4.0, 8.0, 16.0])
        .unwrap();
    r.set_field::<i16>(
        "grid",
        &Array::from_shape_fn([5, 2, 2], |i| (i[0] * 10 + i[1] * 2 + i[2]) as i16 - 20).unwrap(),
    )
    .unwrap();
    r
}

#[test]
fn record_arrays_round_trip_through_batches_aligned_and_packed() {
    let r = particles();
    let batch = records_to_batch(&r).unwrap();
    assert_eq!(batch.num_rows(), 5);
    assert_eq!(
        batch.schema().field(3).metadata()["ARROW:extension:metadata"],
        r#"{"shape":[2,2]}"#
    );
    let back = records_from_batch(&batch, Align::C).unwrap();
    assert_eq!(back, r);
    let packed = records_from_batch(&batch, Align::Packed).unwrap();
    assert_eq!(packed.dtype().itemsize(), 8 + 12 + 8 + 8);
    for name in ["t", "pos", "m", "grid"] {
        let (p, q) = (
            packed.field_to_dyn(name).unwrap(),
            r.field_to_dyn(name).unwrap(),
        );
        assert_eq!(
            (p.dtype(), p.shape(), format!("{p:?}")),
            (q.dtype(), q.shape(), format!("{q:?}")),
            "{name}"
        );
    }
    // A sliced (strided) record array writes the selected records.
    let every_other = r.slice(oxarray_core::s![..;2]).unwrap();
    let b2 = records_to_batch(&every_other).unwrap();
    assert_eq!(
        records_from_batch(&b2, Align::C).unwrap(),
        every_other.to_native_order()
    );
}

#[test]
fn big_endian_fields_are_converted_and_nested_records_refused() {
    let dt = RecordDType::new(
        &[FieldSpec::new(
            "x",
            FieldType::Scalar(DType::I32, ByteOrder::Big),
        )],
        Align::C,
    )
    .unwrap();
    let bytes: Vec<u8> = [1i32, -2, 300]
        .iter()
        .flat_map(|v| v.to_be_bytes())
        .collect();
    let r = RecordArray::from_bytes(dt, &bytes, [3], oxarray_core::Order::C).unwrap();
    let batch = records_to_batch(&r).unwrap();
    let cols = from_record_batch(&batch, &FromArrowOptions::default()).unwrap();
    assert_eq!(
        cols[0].1.values.as_array::<i32>().unwrap().to_vec(),
        vec![1, -2, 300]
    );
    let inner = RecordDType::new(&[FieldSpec::new("a", DType::U8)], Align::C).unwrap();
    let outer = RecordDType::new(
        &[FieldSpec::new("rec", FieldType::Record(inner.into()))],
        Align::C,
    )
    .unwrap();
    let err = records_to_batch(&RecordArray::zeros(outer, [1]).unwrap()).unwrap_err();
    assert!(err.to_string().contains("column \"rec\""), "{err}");
}
