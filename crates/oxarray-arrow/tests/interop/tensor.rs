//! n-d arrays: nested FixedSizeList columns and `arrow.fixed_shape_tensor` columns, C and
//! non-C layouts, permutations (both spellings), metadata errors.

use std::collections::HashMap;
use std::sync::Arc;

use arrow_array::{Array as _, ArrayRef, FixedSizeListArray, Float32Array};
use arrow_schema::{DataType, Field};
use oxarray_arrow::{
    Error, FromArrowOptions, Nulls, TensorMetadata, from_arrow, from_arrow_field, tensor_metadata,
    to_arrow, to_tensor_column, to_tensor_column_masked,
};
use oxarray_core::{Array, DynArray, array, s};

fn ramp(shape: &[usize]) -> Array<f32> {
    let n: usize = shape.iter().product();
    Array::from_vec((0..n).map(|x| x as f32).collect(), shape).unwrap()
}

fn leaf_ptr(col: &ArrayRef) -> *const u8 {
    let mut data = col.to_data();
    while let DataType::FixedSizeList(..) = data.data_type() {
        data = data.child_data()[0].clone();
    }
    data.buffers()[0].as_ptr()
}

fn tensor_field(name: &str, storage: &FixedSizeListArray, json: &str) -> Field {
    Field::new(name, storage.data_type().clone(), false).with_metadata(HashMap::from([
        (
            "ARROW:extension:name".to_string(),
            "arrow.fixed_shape_tensor".to_string(),
        ),
        ("ARROW:extension:metadata".to_string(), json.to_string()),
    ]))
}

#[test]
fn nd_arrays_become_nested_fixed_size_lists_without_copy() {
    let a = ramp(&[4, 3, 2]);
    let col = to_arrow(&a.clone().into_dyn()).unwrap();
    match col.data_type() {
        DataType::FixedSizeList(inner, 3) => {
            assert!(matches!(inner.data_type(), DataType::FixedSizeList(_, 2)))
        }
        other => panic!("{other}"),
    }
    assert_eq!(leaf_ptr(&col), a.as_ptr().cast());
    let back = from_arrow(&col).unwrap();
    assert_eq!(back.as_array::<f32>().unwrap(), &a);
    assert_eq!(back.as_array::<f32>().unwrap().as_ptr(), a.as_ptr());
    // Sliced rows of a nested list.
    let rows = from_arrow(&col.slice(1, 2)).unwrap();
    assert_eq!(
        rows.as_array::<f32>().unwrap(),
        &a.slice_shared(s![1..3]).unwrap()
    );
}

#[test]
fn c_order_tensor_columns_are_zero_copy_with_spec_metadata() {
    let a = ramp(&[5, 2, 3, 4]);
    let (field, col) =
        to_tensor_column("t", &a.clone().into_dyn(), Some(&["c", "h", "w"])).unwrap();
    assert_eq!(
        field.metadata()["ARROW:extension:metadata"],
        r#"{"shape":[2,3,4],"dim_names":["c","h","w"]}"#
    );
    assert_eq!(
        col.data_type(),
        &DataType::FixedSizeList(Arc::new(Field::new_list_field(DataType::Float32, true)), 24)
    );
    assert_eq!(leaf_ptr(&col), a.as_ptr().cast());
    let back = from_arrow_field(&field, &col, &FromArrowOptions::default()).unwrap();
    assert!(!back.copied);
    assert_eq!(back.values.as_array::<f32>().unwrap(), &a);
    assert_eq!(back.values.as_array::<f32>().unwrap().as_ptr(), a.as_ptr());
}

#[test]
fn f_order_and_transposed_rows_map_to_the_permutation() {
    // Physical tensors of shape [4, 3] per row; logical view [3, 4] (permutation [1, 0]).
    let physical = ramp(&[2, 4, 3]);
    let values = Float32Array::from(physical.to_vec());
    let storage = FixedSizeListArray::new(
        Arc::new(Field::new_list_field(DataType::Float32, true)),
        12,
        Arc::new(values),
        None,
    );
    for json in [
        r#"{"shape":[4,3],"permutation":[1,0]}"#,
        r#"{"shape":[4,3],"dim_names":null,"permutations":[1,0]}"#, // arrow-rs's spelling
    ] {
        let field = tensor_field("x", &storage, json);
        let x = from_arrow_field(&field, &storage, &FromArrowOptions::default()).unwrap();
        let x = x.values.as_array::<f32>().unwrap().clone();
        assert_eq!(x.shape(), &[2, 3, 4]);
        let expected = physical.view().permute_axes(&[0, 2, 1]).unwrap().to_owned();
        assert_eq!(x, expected);
        assert_eq!(
            x.as_ptr(),
            storage.values().to_data().buffers()[0].as_ptr().cast()
        );
        // Written again: the spec's key, the same physical shape, no copy.
        let (f2, c2) = to_tensor_column("x", &x.clone().into_dyn(), None).unwrap();
        assert_eq!(
            f2.metadata()["ARROW:extension:metadata"],
            r#"{"shape":[4,3],"permutation":[1,0]}"#
        );
        assert_eq!(leaf_ptr(&c2), x.as_ptr().cast());
    }
}

#[test]
fn three_d_permutation_follows_the_specification() {
    // Spec: physical [100, 200, 500] with permutation [2, 0, 1] is logical [500, 100, 200].
    let m = TensorMetadata::from_json(
        r#"{"shape":[2,3,4],"permutation":[2,0,1]}"#,
        &Default::default(),
    )
    .unwrap();
    assert_eq!(m.logical_shape(), vec![4, 2, 3]);
    let physical = ramp(&[1, 2, 3, 4]);
    let storage = FixedSizeListArray::new(
        Arc::new(Field::new_list_field(DataType::Float32, true)),
        24,
        Arc::new(Float32Array::from(physical.to_vec())),
        None,
    );
    let field = tensor_field("x", &storage, &m.to_json());
    let x = from_arrow_field(&field, &storage, &FromArrowOptions::default())
        .unwrap()
        .values;
    let x = x.as_array::<f32>().unwrap();
    assert_eq!(x.shape(), &[1, 4, 2, 3]);
    // logical [i, j, k] = physical [j, k, i]
    for (i, j, k) in [(0, 0, 0), (3, 1, 2), (1, 0, 2), (2, 1, 0)] {
        let p = *physical.get(&[0, j, k, i]).unwrap();
        assert_eq!(*x.get(&[0, i, j, k]).unwrap(), p);
    }
    let (f2, _) = to_tensor_column("x", &x.clone().into_dyn(), None).unwrap();
    assert_eq!(tensor_metadata(&f2).unwrap().unwrap(), m);
}

#[test]
fn other_layouts_are_copied_into_c_order() {
    let f = ramp(&[3, 2, 2]).as_fortran_layout().into_owned(); // the row axis is innermost
    let (field, col) = to_tensor_column("f", &f.clone().into_dyn(), None).unwrap();
    assert_eq!(
        field.metadata()["ARROW:extension:metadata"],
        r#"{"shape":[2,2]}"#
    );
    assert_ne!(leaf_ptr(&col), f.as_ptr().cast());
    let back = from_arrow_field(&field, &col, &FromArrowOptions::default())
        .unwrap()
        .values;
    assert_eq!(back.as_array::<f32>().unwrap(), &f);
    let stepped = ramp(&[4, 6]).slice_shared(s![.., ..;2]).unwrap();
    let (field, col) = to_tensor_column("s", &stepped.clone().into_dyn(), None).unwrap();
    let back = from_arrow_field(&field, &col, &FromArrowOptions::default())
        .unwrap()
        .values;
    assert_eq!(back.as_array::<f32>().unwrap(), &stepped);
}

#[test]
fn tensor_row_nulls_follow_the_options() {
    let a = ramp(&[3, 2]);
    let mask = array![false, true, false];
    let (field, col) = to_tensor_column_masked("t", &a.into_dyn(), None, Some(&mask)).unwrap();
    assert!(field.is_nullable());
    let err = from_arrow_field(&field, &col, &FromArrowOptions::default()).unwrap_err();
    assert!(matches!(&err, Error::Nulls { first_null: 1, .. }), "{err}");
    assert!(err.to_string().contains("column \"t\""), "{err}");
    let filled = from_arrow_field(
        &field,
        &col,
        &FromArrowOptions::default().nulls(Nulls::Fill(oxarray_core::Scalar::Int(0))),
    )
    .unwrap();
    assert_eq!(
        filled.values.as_array::<f32>().unwrap().to_vec(),
        vec![0.0, 1.0, 0.0, 0.0, 4.0, 5.0]
    );
    let masked = from_arrow_field(
        &field,
        &col,
        &FromArrowOptions::default().nulls(Nulls::Mask),
    )
    .unwrap();
    assert_eq!(masked.mask.unwrap(), mask);
}

#[test]
fn bad_metadata_and_shapes_are_errors_naming_the_column() {
    let storage = FixedSizeListArray::new(
        Arc::new(Field::new_list_field(DataType::Float32, true)),
        6,
        Arc::new(Float32Array::from(vec![0.0; 12])),
        None,
    );
    for (json, needle) in [
        (r#"{"shape":[2,4]}"#, "list size"),
        (
            r#"{"shape":[2,3],"permutation":[0,0]}"#,
            "not a permutation",
        ),
        (r#"{"permutation":[1,0]}"#, "\"shape\" is missing"),
        (r#"{"shape":[2,3],"dim_names":["a"]}"#, "dim_names"),
        ("not json", "not JSON"),
    ] {
        let err = from_arrow_field(
            &tensor_field("bad", &storage, json),
            &storage,
            &FromArrowOptions::default(),
        )
        .unwrap_err();
        assert!(err.to_string().contains("column \"bad\""), "{err}");
        assert!(err.to_string().contains(needle), "{json}: {err}");
    }
    let one_d = Array::<f32>::zeros([3]).unwrap().into_dyn();
    assert!(matches!(
        to_tensor_column("v", &one_d, None).unwrap_err(),
        Error::UnsupportedDType { .. }
    ));
    let names = to_tensor_column(
        "v",
        &DynArray::zeros(oxarray_core::DType::F32, [2, 2]).unwrap(),
        Some(&["a", "b"]),
    );
    assert!(matches!(names.unwrap_err(), Error::ShapeMismatch { .. }));
}

fn variable_column(json: &str, with_null: bool) -> (Field, arrow_array::StructArray) {
    use arrow_array::{Int32Array, ListArray};
    use arrow_buffer::{NullBuffer, OffsetBuffer};
    // Rows of physical shapes [2, 3] and [3, 1]; values 0..9.
    let values = Arc::new(Int32Array::from((0..9).collect::<Vec<i32>>()));
    let item = Arc::new(Field::new_list_field(DataType::Int32, true));
    let data = ListArray::new(item, OffsetBuffer::new(vec![0, 6, 9].into()), values, None);
    let dims = Arc::new(Field::new_list_field(DataType::Int32, true));
    let shape =
        FixedSizeListArray::new(dims, 2, Arc::new(Int32Array::from(vec![2, 3, 3, 1])), None);
    let fields = vec![
        Arc::new(Field::new("data", data.data_type().clone(), false)),
        Arc::new(Field::new("shape", shape.data_type().clone(), false)),
    ];
    let nulls = with_null.then(|| NullBuffer::from(vec![true, false]));
    let storage = arrow_array::StructArray::new(
        fields.into(),
        vec![Arc::new(data) as ArrayRef, Arc::new(shape)],
        nulls,
    );
    let field =
        Field::new("v", storage.data_type().clone(), with_null).with_metadata(HashMap::from([
            (
                "ARROW:extension:name".to_string(),
                "arrow.variable_shape_tensor".to_string(),
            ),
            ("ARROW:extension:metadata".to_string(), json.to_string()),
        ]));
    (field, storage)
}

#[test]
fn variable_shape_tensors_read_row_by_row_with_their_permutation() {
    let (field, storage) = variable_column(r#"{"permutation":[1,0],"dim_names":null}"#, false);
    let rows = oxarray_arrow::read_variable_shape_tensor(&field, &storage).unwrap();
    assert_eq!(rows.len(), 2);
    let r0 = rows[0].as_array::<i32>().unwrap();
    assert_eq!(r0.shape(), &[3, 2]);
    assert_eq!(
        r0,
        &Array::from_vec((0..6).collect(), [2, 3])
            .unwrap()
            .view()
            .t()
            .to_owned()
    );
    let r1 = rows[1].as_array::<i32>().unwrap();
    assert_eq!((r1.shape(), r1.to_vec()), (&[1usize, 3][..], vec![6, 7, 8]));
    assert_eq!(
        r1.as_ptr(),
        storage.column(0).to_data().child_data()[0].buffers()[0]
            .as_ptr()
            .cast::<i32>()
            .wrapping_add(6)
    );
    // Read as a fixed-shape column: an error pointing to the right function.
    let err = from_arrow_field(&field, &storage, &FromArrowOptions::default()).unwrap_err();
    assert!(
        err.to_string().contains("read_variable_shape_tensor"),
        "{err}"
    );
    let (field, storage) = variable_column("{}", true);
    let err = oxarray_arrow::read_variable_shape_tensor(&field, &storage).unwrap_err();
    assert!(matches!(err, Error::Nulls { first_null: 1, .. }), "{err}");
}
