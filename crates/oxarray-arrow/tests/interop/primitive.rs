//! 1-D columns of every dtype: round trips, zero-copy by pointer equality, slices, nulls,
//! misaligned buffers, layouts, ownership.

use std::sync::Arc;

use arrow_array::{Array as _, ArrayRef, BooleanArray, Float64Array, Int32Array, make_array};
use arrow_buffer::Buffer;
use arrow_data::ArrayData;
use arrow_schema::DataType;
use oxarray_arrow::{
    Error, FromArrowOptions, Nulls, from_array_data, from_arrow, from_arrow_field, from_arrow_with,
    from_primitive_array, to_arrow, to_arrow_field, to_arrow_masked, to_primitive_array,
};
use oxarray_core::{Array, Complex32, Complex64, DType, Element, Scalar, array, bf16, f16, s};

/// Sample values of `T`: negative, zero, fractional, large (cast with astype semantics).
fn sample<T: Element>(n: usize) -> Array<T> {
    Array::from_shape_fn([n], |i| {
        T::from_scalar(Scalar::Float(i[0] as f64 * 7.25 - 20.0))
    })
    .unwrap()
}

fn leaf_ptr(col: &ArrayRef) -> *const u8 {
    let data = col.to_data();
    match data.data_type() {
        DataType::FixedSizeList(..) => data.child_data()[0].buffers()[0].as_ptr(),
        _ => data.buffers()[0].as_ptr(),
    }
}

fn roundtrip<T: Element>(zero_copy: bool) {
    let a = sample::<T>(37);
    let col = to_arrow(&a.clone().into_dyn()).unwrap();
    assert_eq!(col.len(), 37, "{}", T::DTYPE);
    let back = from_arrow(&col).unwrap();
    if T::DTYPE.is_complex() {
        // A bare FixedSizeList<float, 2> reads as floats with a last axis of 2 ...
        assert_eq!(back.shape(), &[37, 2]);
        // ... and as complex through its field.
        let (field, col) = to_arrow_field("z", &a.clone().into_dyn(), None).unwrap();
        let z = from_arrow_field(&field, &col, &FromArrowOptions::default()).unwrap();
        assert!(!z.copied);
        assert_eq!(z.values.as_array::<T>().unwrap(), &a);
        assert_eq!(z.values.as_array::<T>().unwrap().as_ptr(), a.as_ptr());
        return;
    }
    let back = back.as_array::<T>().unwrap();
    assert_eq!(back, &a, "{}", T::DTYPE);
    if zero_copy {
        assert_eq!(
            leaf_ptr(&col),
            a.as_ptr().cast::<u8>(),
            "{} to Arrow copied",
            T::DTYPE
        );
        assert_eq!(back.as_ptr(), a.as_ptr(), "{} from Arrow copied", T::DTYPE);
    } else {
        assert_ne!(back.as_ptr(), a.as_ptr());
    }
}

#[test]
fn every_dtype_round_trips_and_numerics_are_zero_copy() {
    roundtrip::<bool>(false);
    roundtrip::<i8>(true);
    roundtrip::<i16>(true);
    roundtrip::<i32>(true);
    roundtrip::<i64>(true);
    roundtrip::<u8>(true);
    roundtrip::<u16>(true);
    roundtrip::<u32>(true);
    roundtrip::<u64>(true);
    roundtrip::<f16>(true);
    roundtrip::<f32>(true);
    roundtrip::<f64>(true);
    roundtrip::<Complex32>(true);
    roundtrip::<Complex64>(true);
}

#[test]
fn arrow_types_match_numpy_widths() {
    let cases = [
        (DType::Bool, DataType::Boolean),
        (DType::I8, DataType::Int8),
        (DType::U64, DataType::UInt64),
        (DType::F16, DataType::Float16),
        (DType::F64, DataType::Float64),
    ];
    for (dtype, arrow) in cases {
        let col = to_arrow(&oxarray_core::DynArray::zeros(dtype, [3]).unwrap()).unwrap();
        assert_eq!(col.data_type(), &arrow);
        assert_eq!(from_arrow(&col).unwrap().dtype(), dtype);
    }
}

#[test]
fn bfloat16_is_an_error_naming_the_column() {
    let a = Array::<bf16>::zeros([2]).unwrap().into_dyn();
    let err = to_arrow_field("w", &a, None).unwrap_err();
    assert!(
        matches!(
            err,
            Error::UnsupportedDType {
                dtype: DType::BF16,
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("column \"w\""), "{err}");
}

#[test]
fn primitive_arrays_cross_without_copy_both_ways() {
    let a = sample::<f32>(1000);
    let p = to_primitive_array(&a).unwrap();
    assert_eq!(p.values().as_ptr(), a.as_ptr());
    drop(a); // the Arrow buffer keeps the storage alive
    let b = from_primitive_array(&p).unwrap();
    assert_eq!(b.as_ptr(), p.values().as_ptr());
    drop(p); // the array keeps the Arrow buffer alive
    assert_eq!(b.to_vec(), sample::<f32>(1000).to_vec());
}

#[test]
fn sliced_arrow_arrays_are_read_from_their_offset() {
    let full = Int32Array::from((0..100).collect::<Vec<i32>>());
    for (offset, len) in [(0, 100), (1, 5), (17, 40), (99, 1), (100, 0)] {
        let col = full.slice(offset, len);
        let a = from_arrow(&col).unwrap();
        let a = a.as_array::<i32>().unwrap();
        assert_eq!(
            a.to_vec(),
            (offset as i32..(offset + len) as i32).collect::<Vec<_>>()
        );
        if len > 0 {
            assert_eq!(a.as_ptr(), full.values()[offset..].as_ptr());
        }
    }
    let bools = BooleanArray::from((0..20).map(|i| i % 3 == 0).collect::<Vec<_>>()).slice(5, 9);
    let b = from_arrow(&bools).unwrap();
    assert_eq!(
        b.as_array::<bool>().unwrap().to_vec(),
        (5..14).map(|i| i % 3 == 0).collect::<Vec<_>>()
    );
    // A slice with nulls: the null positions move with the offset.
    let with_nulls =
        Float64Array::from(vec![Some(1.0), None, Some(3.0), Some(4.0), None]).slice(2, 3);
    let m = from_arrow_with(&with_nulls, &FromArrowOptions::default().nulls(Nulls::Mask)).unwrap();
    assert_eq!(
        m.values
            .as_array::<f64>()
            .unwrap()
            .slice(s![..2])
            .unwrap()
            .to_vec(),
        vec![3.0, 4.0]
    );
    assert_eq!(m.mask.unwrap().to_vec(), vec![false, false, true]);
}

#[test]
fn nulls_are_refused_filled_or_masked() {
    let col = Int32Array::from(vec![Some(1), Some(2), None, Some(4), None]);
    let err = from_arrow_with(&col, &FromArrowOptions::default().column("ids")).unwrap_err();
    match &err {
        Error::Nulls {
            column,
            data_type,
            first_null,
            null_count,
        } => {
            assert_eq!(column.0.as_deref(), Some("ids"));
            assert_eq!(data_type, &DataType::Int32);
            assert_eq!((*first_null, *null_count), (2, 2));
        }
        other => panic!("expected Nulls, got {other}"),
    }
    let filled = from_arrow_with(
        &col,
        &FromArrowOptions::default().nulls(Nulls::Fill(Scalar::Int(-9))),
    )
    .unwrap();
    assert!(filled.copied);
    assert_eq!(
        filled.values.as_array::<i32>().unwrap().to_vec(),
        vec![1, 2, -9, 4, -9]
    );
    let masked = from_arrow_with(&col, &FromArrowOptions::default().nulls(Nulls::Mask)).unwrap();
    assert!(!masked.copied);
    assert_eq!(
        masked.values.as_array::<i32>().unwrap().as_ptr(),
        col.values().as_ptr()
    );
    assert_eq!(
        masked.mask.unwrap().to_vec(),
        vec![false, false, true, false, true]
    );
    // Written back with the mask: the same validity.
    let again = to_arrow_masked(
        &masked.values,
        Some(&array![false, false, true, false, true]),
    )
    .unwrap();
    assert_eq!(again.null_count(), 2);
    assert!(again.is_null(2) && again.is_null(4) && again.is_valid(3));
    // A mask of the wrong length is an error naming both shapes.
    let bad = to_arrow_masked(&masked.values, Some(&array![true])).unwrap_err();
    assert!(matches!(bad, Error::ShapeMismatch { .. }), "{bad}");
    // No nulls: no mask even when asked for.
    let clean = from_arrow_with(
        &Int32Array::from(vec![1, 2]),
        &FromArrowOptions::default().nulls(Nulls::Mask),
    )
    .unwrap();
    assert!(clean.mask.is_none());
}

#[test]
fn misaligned_foreign_buffers_are_copied_not_read_in_place() {
    let bytes: Vec<u8> = (0..33u8).collect();
    let buffer = Buffer::from_vec(bytes.clone()).slice(1); // starts at an odd address
    assert_eq!(buffer.as_ptr() as usize % 2, 1);
    // SAFETY: an Int16 array of 16 values over 32 valid bytes; only the alignment rule of
    // typed arrays is broken on purpose (ArrayData::build would refuse it).
    let data = unsafe {
        ArrayData::builder(DataType::Int16)
            .len(16)
            .add_buffer(buffer)
            .build_unchecked()
    };
    let m = from_array_data(&data, &FromArrowOptions::default()).unwrap();
    assert!(m.copied);
    let expected: Vec<i16> = bytes[1..]
        .chunks(2)
        .map(|c| i16::from_ne_bytes([c[0], c[1]]))
        .collect();
    assert_eq!(m.values.as_array::<i16>().unwrap().to_vec(), expected);
}

#[test]
fn non_contiguous_arrays_are_copied_once_into_c_order() {
    let a = sample::<i64>(20);
    let stepped = a.slice_shared(s![..;-3]).unwrap();
    let col = to_arrow(&stepped.clone().into_dyn()).unwrap();
    assert_ne!(leaf_ptr(&col), stepped.as_ptr().cast());
    assert_eq!(
        from_arrow(&col)
            .unwrap()
            .as_array::<i64>()
            .unwrap()
            .to_vec(),
        stepped.to_vec()
    );
}

#[test]
fn writes_after_export_copy_first_and_never_reach_arrow() {
    let mut a = sample::<f64>(8);
    let col = to_arrow(&a.clone().into_dyn()).unwrap();
    a.fill(0.0); // shared with the Arrow buffer: copy-on-write
    let ints = col.as_any().downcast_ref::<Float64Array>().unwrap();
    assert_eq!(ints.values().to_vec(), sample::<f64>(8).to_vec());
    let mut b = from_arrow(&col).unwrap().into_array::<f64>().unwrap();
    b.fill(1.0); // read-only foreign storage: copy-on-write
    assert_eq!(ints.values().to_vec(), sample::<f64>(8).to_vec());
    assert_ne!(b.as_ptr(), ints.values().as_ptr());
}

#[test]
fn unsupported_arrow_types_name_column_and_type() {
    let strings: ArrayRef = Arc::new(arrow_array::StringArray::from(vec!["a"]));
    let err = from_arrow_with(&strings, &FromArrowOptions::default().column("name")).unwrap_err();
    assert!(
        matches!(
            &err,
            Error::UnsupportedArrowType {
                data_type: DataType::Utf8,
                ..
            }
        ),
        "{err}"
    );
    assert!(
        err.to_string().contains("column \"name\" of type Utf8"),
        "{err}"
    );
    let zero_d = Array::<f32>::from_scalar(1.0).into_dyn();
    assert!(matches!(
        to_arrow(&zero_d).unwrap_err(),
        Error::ShapeMismatch { .. }
    ));
    let empty = make_array(ArrayData::new_empty(&DataType::Float32));
    assert_eq!(from_arrow(&empty).unwrap().shape(), &[0]);
}
