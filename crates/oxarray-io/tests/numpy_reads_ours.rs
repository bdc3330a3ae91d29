//! Files written here load in NumPy with the same values, and NumPy writing what it loaded
//! gives our bytes back, bit for bit. Runs when a Python with NumPy is present or can be
//! installed into the project's venv; skipped with a printed notice otherwise.

use oxarray_core::{Array, Complex64, DType, DynArray, Element, Order, Scalar, dispatch_dtype, s};
use oxarray_io::{Mode, NpyWritable, save, savez, savez_compressed};
use oxarray_record::{RecordArray, RecordDType};

/// The values of tests/golden/gen_io.py's `values(code, n)`, in Rust.
fn values(dtype: DType, n: usize) -> DynArray {
    let k: Vec<i64> = (0..n as i64).collect();
    match dtype {
        DType::Bool => Array::from_vec(k.iter().map(|&k| k % 3 == 0).collect(), [n])
            .unwrap()
            .into_dyn(),
        d if d.kind_char() == 'i' => {
            dispatch_dtype!(d, T => Array::from_vec(k.iter().map(|&k| T::from_scalar(Scalar::Int(k * 37 - 50))).collect::<Vec<T>>(), [n]).unwrap().into_dyn())
        }
        d if d.kind_char() == 'u' => {
            dispatch_dtype!(d, T => Array::from_vec(k.iter().map(|&k| T::from_scalar(Scalar::Int(k * 37 + 200))).collect::<Vec<T>>(), [n]).unwrap().into_dyn())
        }
        d if d.is_float() => {
            let mut v: Vec<f64> = k.iter().map(|&k| k as f64 * 0.25 - 3.0).collect();
            if n >= 3 {
                v[0] = -0.0;
                v[1] = f64::NAN;
                v[2] = f64::INFINITY;
            }
            dispatch_dtype!(d, T => Array::from_vec(v.iter().map(|&x| T::from_scalar(Scalar::Float(x))).collect::<Vec<T>>(), [n]).unwrap().into_dyn())
        }
        d => {
            let mut v: Vec<Complex64> = k
                .iter()
                .map(|&k| Complex64::new(k as f64 * 0.5, -(k as f64)))
                .collect();
            if n >= 2 {
                v[1] = Complex64::new(f64::INFINITY, f64::NAN);
            }
            dispatch_dtype!(d, T => Array::from_vec(v.iter().map(|&x| T::from_scalar(Scalar::Complex(x))).collect::<Vec<T>>(), [n]).unwrap().into_dyn())
        }
    }
}

const CHECK: &str = r#"
import io, json, sys
import numpy as np
sys.path.insert(0, sys.argv[1])
from gen_io import values, record_values
cases = json.load(open(sys.argv[2]))
failures = []
for c in cases:
    path = c["path"]
    try:
        if c["kind"] == "npz":
            with np.load(path) as z:
                assert sorted(z.files) == sorted(c["members"]), z.files
                for name, (code, n) in c["members"].items():
                    assert np.array_equal(z[name], values(code, n), equal_nan=True), name
            continue
        a = np.load(path)
        if c["kind"] == "plain":
            want = values(c["code"], int(np.prod(c["shape"]))).reshape(c["shape"])
            assert a.dtype == want.dtype, (a.dtype, want.dtype)
            assert np.array_equal(a, want, equal_nan=True), (a, want)
            assert a.flags.f_contiguous if c["fortran"] else a.flags.c_contiguous
        else:
            dt = np.dtype(eval(c["spec"]), align=c["align"])
            want = record_values(dt, int(np.prod(c["shape"]))).reshape(c["shape"])
            assert a.dtype.itemsize == dt.itemsize and a.dtype.names == dt.names
            assert [a.dtype.fields[n][1] for n in a.dtype.names] == [dt.fields[n][1] for n in dt.names]
            assert a.tobytes() == want.tobytes()
        buf = io.BytesIO()
        np.save(buf, a)
        assert buf.getvalue() == open(path, "rb").read(), "np.save gives other bytes"
    except Exception as e:
        failures.append(f"{path}: {type(e).__name__}: {e}")
print(json.dumps(failures))
"#;

#[test]
fn numpy_reads_our_files_bit_for_bit() {
    let Some(py) =
        oxarray_testkit::python::require("numpy_reads_our_files_bit_for_bit", &["numpy"])
    else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut cases = Vec::new();
    let mut add = |name: String,
                   a: &dyn NpyWritable,
                   code: &str,
                   shape: &[usize],
                   fortran: bool| {
        let path = dir.path().join(&name);
        save(&path, a).unwrap();
        cases.push(serde_json::json!({"kind": "plain", "path": path, "code": code, "shape": shape, "fortran": fortran}));
    };
    for dtype in DType::ALL.into_iter().filter(|&d| d != DType::BF16) {
        let code = oxarray_record::FieldType::native(dtype).type_str()[1..].to_string();
        let flat = values(dtype, 24);
        dispatch_dtype!(dtype, T => {
            let a = flat.as_array::<T>().unwrap().clone().into_shape([4, 6]).unwrap();
            add(format!("{code}_c.npy"), &a, &code, &[4, 6], false);
            let f = Array::from_view_in_order(&a.view(), Order::F);
            add(format!("{code}_f.npy"), &f, &code, &[4, 6], true);
            let one = values(dtype, 1);
            let zero_d = Array::<T>::from_scalar(*one.as_array::<T>().unwrap().get(&[0]).unwrap());
            add(format!("{code}_0d.npy"), &zero_d, &code, &[], false);
            let empty = Array::<T>::zeros([0, 3]).unwrap();
            add(format!("{code}_empty.npy"), &empty, &code, &[0, 3], false);
        });
    }
    // Views of every layout: reversed, stepped, transposed; NumPy gets their logical values.
    let a = values(DType::I32, 24).into_array::<i32>().unwrap();
    let rev = a.slice(s![..;-1]).unwrap();
    let back: Vec<i32> = rev.to_vec();
    let path = dir.path().join("reversed.npy");
    save(&path, &rev).unwrap();
    let loaded: Array<i32> = oxarray_io::load(&path).unwrap();
    assert_eq!(loaded.to_vec(), back);
    // Records: packed, aligned with padding, nested.
    for (i, (spec, align)) in [
        (
            "[('timestamp','<u8'),('position','<f4',(3,)),('velocity','<f4',(3,))]",
            true,
        ),
        ("[('a','u1'),('b','<f8'),('c','<i2')]", true),
        ("[('a','u1'),('b','<f8'),('c','<i2')]", false),
        (
            "[('id','<i4'),('pos',[('x','<f8'),('y','<f8')]),('flag','?')]",
            true,
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let dt = RecordDType::parse(spec, align).unwrap();
        let records = record_values(&dt, 5);
        let path = dir.path().join(format!("rec{i}.npy"));
        save(&path, &records).unwrap();
        cases.push(serde_json::json!({"kind": "record", "path": path, "spec": spec, "align": align, "shape": [5]}));
    }
    // Archives.
    let x = values(DType::F64, 12).into_array::<f64>().unwrap();
    let y = values(DType::U16, 5).into_array::<u16>().unwrap();
    for (name, compressed) in [("s.npz", false), ("d.npz", true)] {
        let path = dir.path().join(name);
        let arrays: [(&str, &dyn NpyWritable); 2] = [("x", &x), ("y", &y)];
        if compressed {
            savez_compressed(&path, &arrays).unwrap()
        } else {
            savez(&path, &arrays).unwrap()
        }
        cases.push(serde_json::json!({"kind": "npz", "path": path, "members": {"x": ["f8", 12], "y": ["u2", 5]}}));
    }
    // A file created as a memory map.
    let path = dir.path().join("mapped.npy");
    let mut m = oxarray_io::open_memmap(
        &path,
        Mode::Create,
        Some(DType::F32.into()),
        Some(&[3, 4]),
        false,
        None,
    )
    .unwrap();
    m.view_mut::<f32>()
        .unwrap()
        .assign(
            &values(DType::F32, 12)
                .into_array::<f32>()
                .unwrap()
                .into_shape([3, 4])
                .unwrap(),
        )
        .unwrap();
    m.flush().unwrap();
    drop(m);
    cases.push(serde_json::json!({"kind": "plain", "path": path, "code": "f4", "shape": [3, 4], "fortran": false}));

    let list = dir.path().join("cases.json");
    std::fs::write(&list, serde_json::to_string(&cases).unwrap()).unwrap();
    let golden = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden");
    let out = oxarray_testkit::python::run(&py, CHECK, &[golden, list.to_str().unwrap()]).unwrap();
    let failures: Vec<String> = serde_json::from_str(out.trim()).unwrap();
    assert!(
        failures.is_empty(),
        "NumPy disagrees:\n{}",
        failures.join("\n")
    );
    assert!(cases.len() >= 60);
}

/// Records whose scalars follow `values` (gen_io.py's `record_values`): each leaf field,
/// in declaration order, holds `values(code, records * count)`.
fn record_values(dt: &RecordDType, n: usize) -> RecordArray {
    let mut a = RecordArray::zeros(dt.clone(), [n]).unwrap();
    fill(&mut a, dt, n);
    a
}

fn fill(a: &mut RecordArray, dt: &RecordDType, n: usize) {
    for field in dt.fields() {
        match &field.ty {
            oxarray_record::FieldType::Record(inner) => {
                // Nested: fill a copy of the nested records and write their bytes back.
                let sub = a.record_field(&field.name).unwrap();
                let filled = record_values(inner, sub.len());
                let bytes = filled.to_bytes();
                let itemsize = dt.itemsize();
                let mut all = a.to_bytes();
                for r in 0..n {
                    let dst = r * itemsize + field.offset;
                    all[dst..dst + inner.itemsize()]
                        .copy_from_slice(&bytes[r * inner.itemsize()..(r + 1) * inner.itemsize()]);
                }
                *a = RecordArray::from_bytes(dt.clone(), &all, [n], Order::C).unwrap();
            }
            oxarray_record::FieldType::Scalar(d, _) => {
                let count = field.count();
                let v = values(*d, n * count);
                let mut shape = vec![n];
                shape.extend(field.shape.iter().copied());
                dispatch_dtype!(*d, T => set::<T>(a, &field.name, v, &shape));
            }
            oxarray_record::FieldType::Void(_) => {}
        }
    }
}

fn set<T: Element>(a: &mut RecordArray, name: &str, v: DynArray, shape: &[usize]) {
    let v = v.into_array::<T>().unwrap().into_shape(shape).unwrap();
    match a.set_field(name, &v) {
        Ok(()) => {}
        Err(_) => {
            // A packed (misaligned) field: write its bytes record by record.
            let dt = a.dtype().clone();
            let f = dt.field(name).unwrap();
            let mut all = a.to_bytes();
            let size = std::mem::size_of::<T>();
            for (i, x) in v.iter().enumerate() {
                let (r, j) = (i / f.count(), i % f.count());
                let at = r * dt.itemsize() + f.offset + j * size;
                all[at..at + size]
                    .copy_from_slice(oxarray_record::bytes::as_bytes(std::slice::from_ref(x)));
            }
            *a = RecordArray::from_bytes(dt, &all, a.shape(), Order::C).unwrap();
        }
    }
}
