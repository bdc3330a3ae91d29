//! Golden interop with pyarrow: files pyarrow wrote (committed, made by
//! `tests/golden/make_golden.py`) read here, and files written here read by pyarrow and
//! written back (when the project's venv has, or can install, pyarrow; skipped with a notice
//! otherwise).

use std::path::{Path, PathBuf};

use oxarray_arrow::ipc::{IpcOptions, MappedIpcFile, read_ipc_file, write_ipc_file};
use oxarray_arrow::{
    FromArrowOptions, Nulls, from_arrow_field, from_record_batch, tensor_metadata, to_arrow_field,
    to_tensor_column,
};
use oxarray_core::{Array, DynArray, Order, array, f16};

fn golden(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name)
}

/// t[i, j, k] = 100 i + 10 j + k, as the generator writes it.
fn formula(shape: &[usize]) -> Array<f64> {
    Array::from_shape_fn(shape, |i| (i[0] * 100 + i[1] * 10 + i[2]) as f64).unwrap()
}

#[test]
fn files_written_by_pyarrow_read_with_values_and_tensor_metadata() {
    let file = MappedIpcFile::open(golden("pyarrow_tensors.arrow")).unwrap();
    let batch = file.batch(0).unwrap();
    assert_eq!(
        read_ipc_file(golden("pyarrow_tensors.arrow")).unwrap(),
        vec![batch.clone()]
    );
    let schema = batch.schema();
    let opts = FromArrowOptions::default();
    let col = |name: &str, o: &FromArrowOptions| {
        let (i, f) = schema.column_with_name(name).unwrap();
        from_arrow_field(f, batch.column(i), o).unwrap()
    };
    let i32s = col("i32", &opts.clone().nulls(Nulls::Mask));
    assert_eq!(i32s.mask.unwrap().to_vec(), vec![false, true, false, false]);
    let v = i32s.values.as_array::<i32>().unwrap();
    assert_eq!(
        (
            v.get(&[0]).unwrap(),
            v.get(&[2]).unwrap(),
            v.get(&[3]).unwrap()
        ),
        (&1, &3, &-4)
    );
    assert_eq!(
        col("u64", &opts).values.as_array::<u64>().unwrap().to_vec(),
        vec![0, 1, 1 << 63, u64::MAX]
    );
    let f16s: Vec<f32> = col("f16", &opts)
        .values
        .as_array::<f16>()
        .unwrap()
        .iter()
        .map(|x| x.to_f32())
        .collect();
    assert_eq!(f16s, vec![0.5, -1.25, 2.0, 65504.0]);
    assert_eq!(
        col("b", &opts).values.as_array::<bool>().unwrap().to_vec(),
        vec![true, false, true, true]
    );

    // C-order tensors with dim_names, read in place from the map.
    let c = col("c", &opts);
    assert!(!c.copied);
    assert!(file.contains(c.values.as_array::<f32>().unwrap().as_ptr().cast()));
    assert_eq!(
        c.values.as_array::<f32>().unwrap(),
        &formula(&[4, 2, 3]).astype::<f32>()
    );
    let meta = tensor_metadata(schema.field_with_name("c").unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(meta.dim_names, Some(vec!["h".to_string(), "w".to_string()]));
    assert_eq!(meta.permutation, None);

    // F-ordered rows: pyarrow's permutation [1, 0] over physical [3, 2] is logical [2, 3].
    let t = col("t", &opts);
    assert!(!t.copied);
    assert_eq!(t.values.as_array::<f64>().unwrap(), &formula(&[4, 2, 3]));
    let meta = tensor_metadata(schema.field_with_name("t").unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(
        (meta.shape, meta.permutation),
        (vec![3, 2], Some(vec![1, 0]))
    );

    // 3-D tensors with a permutation that is not its own inverse. pyarrow 26's
    // from_numpy_ndarray writes np.argsort(-strides) (physical axis j is logical axis
    // perm[j]), the inverse of the specification's rule (logical axis i is physical axis
    // perm[i]), and its own to_numpy_ndarray then fails on the column. oxarray follows the
    // specification: physical [4, 2, 3] with permutation [2, 0, 1] is logical [3, 4, 2].
    let p3 = col("p3", &opts);
    let meta = tensor_metadata(schema.field_with_name("p3").unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(
        (meta.shape.clone(), meta.permutation.clone()),
        (vec![4, 2, 3], Some(vec![2, 0, 1]))
    );
    let x = p3.values.as_array::<i16>().unwrap();
    assert_eq!(x.shape(), &[4, 3, 4, 2]);
    let physical = Array::<i16>::from_vec((0..96).collect(), [4, 4, 2, 3]).unwrap();
    // logical [r, a, b, c] = physical [r, b, c, a]
    for (r, a, b, c) in [(0, 0, 0, 0), (1, 2, 3, 1), (3, 1, 0, 1), (2, 0, 2, 1)] {
        assert_eq!(
            x.get(&[r, a, b, c]).unwrap(),
            physical.get(&[r, b, c, a]).unwrap()
        );
    }
}

const PYTHON_CHECK: &str = r#"
import sys
import numpy as np
import pyarrow as pa, pyarrow.ipc as ipc
src, dst = sys.argv[1], sys.argv[2]
t = ipc.open_file(src).read_all()
def check(cond, what):
    if not cond:
        raise SystemExit("pyarrow check failed: " + what)
check(t.column("i8").to_pylist() == [-3, -1, 1, 3], "i8")
check(t.column("u16").type == pa.uint16() and t.column("u16").to_pylist() == [0, 7, 14, 65535], "u16")
check(t.column("f16").type == pa.float16(), "f16 type")
check(t.column("f64").to_pylist() == [0.5, 1.5, 2.5, 3.5], "f64")
check(t.column("b").to_pylist() == [True, False, False, True], "bool")
check(t.column("n").to_pylist() == [10, None, 30, None], "nulls")
expected = (np.arange(4)[:, None, None] * 100 + np.arange(2)[None, :, None] * 10 + np.arange(3)[None, None, :])
for name, dtype in [("tc", np.float32), ("tf", np.float64)]:
    ty = t.schema.field(name).type
    check(isinstance(ty, pa.FixedShapeTensorType), name + " is not a fixed_shape_tensor: " + str(ty))
    got = t.column(name).combine_chunks().to_numpy_ndarray()
    check(got.dtype == dtype and got.shape == (4, 2, 3), name + " shape " + str(got.shape))
    check((got == expected).all(), name + " values")
tc, tf = t.schema.field("tc").type, t.schema.field("tf").type
check(tc.dim_names == ["h", "w"] and tc.permutation is None and tc.shape == [2, 3], "tc metadata")
check(tf.permutation == [1, 0] and tf.shape == [3, 2], "tf metadata " + str((tf.shape, tf.permutation)))
# (pyarrow reads only the spec's key `permutation`: tf.permutation above proves we wrote it.)
# Back: pyarrow's own columns, including a fresh F-ordered tensor column.
fresh = np.ascontiguousarray(expected.astype(np.float64).transpose(0, 2, 1)).transpose(0, 2, 1)
out = pa.table({
    "tc": t.column("tc"),
    "n": t.column("n"),
    "fresh": pa.FixedShapeTensorArray.from_numpy_ndarray(fresh),
    "i64": pa.array(np.arange(4, dtype=np.int64) * -5),
})
with ipc.new_file(dst, out.schema) as w:
    w.write_table(out)
print("ok", pa.__version__)
"#;

#[test]
fn pyarrow_reads_what_we_write_and_we_read_what_it_writes_back() {
    let Some(py) = oxarray_testkit::python::require("pyarrow_interop", &["numpy", "pyarrow"])
    else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (src, dst) = (
        dir.path().join("ours.arrow"),
        dir.path().join("theirs.arrow"),
    );
    let logical = formula(&[4, 2, 3]);
    // Rows F-ordered: physical [4, 3, 2] read through a permuted column written from C order.
    let f_rows =
        Array::from_view_in_order(&logical.view().permute_axes(&[0, 2, 1]).unwrap(), Order::C);
    let (pf, pc) = to_tensor_column("p", &f_rows.into_dyn(), None).unwrap();
    let mut pf = pf;
    pf.set_metadata(std::collections::HashMap::from([
        (
            "ARROW:extension:name".to_string(),
            "arrow.fixed_shape_tensor".to_string(),
        ),
        (
            "ARROW:extension:metadata".to_string(),
            r#"{"shape":[3,2],"permutation":[1,0]}"#.to_string(),
        ),
    ]));
    let tf = from_arrow_field(&pf, &pc, &FromArrowOptions::default())
        .unwrap()
        .values;
    assert_eq!(tf.as_array::<f64>().unwrap(), &logical);
    let tc = logical.astype::<f32>().into_dyn();
    let mut batch_cols: Vec<(&str, DynArray)> = vec![
        ("i8", array![-3i8, -1, 1, 3].into_dyn()),
        ("u16", array![0u16, 7, 14, 65535].into_dyn()),
        (
            "f16",
            Array::<f16>::from_vec([0.5f32, 1.0, 2.0, 4.0].map(f16::from_f32).to_vec(), [4])
                .unwrap()
                .into_dyn(),
        ),
        ("f64", array![0.5f64, 1.5, 2.5, 3.5].into_dyn()),
        ("b", array![true, false, false, true].into_dyn()),
    ];
    let mut fields = Vec::new();
    let mut columns = Vec::new();
    for (name, a) in batch_cols.drain(..) {
        let (f, c) = to_arrow_field(name, &a, None).unwrap();
        fields.push(f);
        columns.push(c);
    }
    let (f, c) = to_arrow_field(
        "n",
        &array![10i64, 0, 30, 0].into_dyn(),
        Some(&array![false, true, false, true]),
    )
    .unwrap();
    fields.push(f);
    columns.push(c);
    let (f, c) = to_tensor_column("tc", &tc, Some(&["h", "w"])).unwrap();
    fields.push(f);
    columns.push(c);
    let (f, c) = to_tensor_column("tf", &tf, None).unwrap();
    fields.push(f);
    columns.push(c);
    let batch = arrow_array::RecordBatch::try_new(
        std::sync::Arc::new(arrow_schema::Schema::new(fields)),
        columns,
    )
    .unwrap();
    write_ipc_file(&src, &[batch], &IpcOptions::default()).unwrap();

    let out = oxarray_testkit::python::run(
        &py,
        PYTHON_CHECK,
        &[src.to_str().unwrap(), dst.to_str().unwrap()],
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.starts_with("ok"), "{out}");

    let back = read_ipc_file(&dst).unwrap();
    let cols =
        from_record_batch(&back[0], &FromArrowOptions::default().nulls(Nulls::Mask)).unwrap();
    assert_eq!(
        cols[0].1.values.as_array::<f32>().unwrap(),
        tc.as_array::<f32>().unwrap()
    );
    assert_eq!(
        cols[1].1.mask.as_ref().unwrap().to_vec(),
        vec![false, true, false, true]
    );
    assert_eq!(cols[2].1.values.as_array::<f64>().unwrap(), &logical);
    assert_eq!(
        cols[3].1.values.as_array::<i64>().unwrap().to_vec(),
        vec![0, -5, -10, -15]
    );
}
