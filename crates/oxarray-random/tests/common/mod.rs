//! Helpers shared by the golden tests: reading the JSON files of `tests/golden/`, turning JSON
//! arguments into arrays, and describing outputs exactly as `gen_streams.py` does (FNV-1a-64
//! of the little-endian bytes, first values with floats as bit patterns).

#![allow(dead_code)]

use std::path::PathBuf;

use oxarray_core::{Array, DynArray, Element, dispatch_dyn};
use oxarray_random::{Mt19937, Pcg64, Pcg64Dxsm, Philox, Sfc64};
use serde_json::Value;

pub fn golden(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run tests/golden/gen_streams.py)", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn fnv1a64(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Little-endian bytes and the `gen_streams.py` text of one element.
pub trait Encode: Element {
    fn le(self, out: &mut Vec<u8>);
    fn text(self) -> String;
}

macro_rules! encode_int {
    ($($t:ty),*) => {$(
        impl Encode for $t {
            fn le(self, out: &mut Vec<u8>) { out.extend_from_slice(&self.to_le_bytes()); }
            fn text(self) -> String { self.to_string() }
        }
    )*};
}
encode_int!(i8, i16, i32, i64, u8, u16, u32, u64);

impl Encode for bool {
    fn le(self, out: &mut Vec<u8>) {
        out.push(u8::from(self));
    }
    fn text(self) -> String {
        if self { "1" } else { "0" }.to_string()
    }
}
impl Encode for f64 {
    fn le(self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
    fn text(self) -> String {
        format!("{:016x}", self.to_bits())
    }
}
impl Encode for f32 {
    fn le(self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
    fn text(self) -> String {
        format!("{:08x}", self.to_bits())
    }
}
macro_rules! encode_unused {
    ($($t:ty),*) => {$(
        impl Encode for $t {
            fn le(self, _out: &mut Vec<u8>) { unreachable!("no sampler returns this type") }
            fn text(self) -> String { unreachable!("no sampler returns this type") }
        }
    )*};
}
encode_unused!(
    oxarray_core::f16,
    oxarray_core::bf16,
    oxarray_core::Complex32,
    oxarray_core::Complex64
);

/// (dtype, shape, fnv, head) of an output, as `describe` in gen_streams.py.
pub fn describe_typed<T: Encode>(a: &Array<T>) -> (String, Vec<usize>, String, Vec<String>) {
    let values = a.to_vec();
    let mut bytes = Vec::with_capacity(values.len() * std::mem::size_of::<T>());
    for &v in &values {
        v.le(&mut bytes);
    }
    let head = values.iter().take(6).map(|&v| v.text()).collect();
    (
        T::DTYPE.name().to_string(),
        a.shape().to_vec(),
        fnv1a64(&bytes),
        head,
    )
}

pub fn describe(a: &DynArray) -> (String, Vec<usize>, String, Vec<String>) {
    dispatch_dyn!(a, arr: T => describe_typed::<T>(arr))
}

/// Checks an output against a JSON description; a message naming `what` on mismatch.
pub fn check_output(what: &str, got: &DynArray, want: &Value) -> Result<(), String> {
    let (dtype, shape, fnv, head) = describe(got);
    let want_shape: Vec<usize> = want["shape"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap() as usize)
        .collect();
    let want_head: Vec<String> = want["head"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    if dtype != want["dtype"].as_str().unwrap() || shape != want_shape {
        return Err(format!(
            "{what}: dtype/shape {dtype} {shape:?}, NumPy {} {want_shape:?}",
            want["dtype"]
        ));
    }
    if head != want_head {
        return Err(format!(
            "{what}: first values {head:?}, NumPy {want_head:?}"
        ));
    }
    if fnv != want["fnv"].as_str().unwrap() {
        return Err(format!(
            "{what}: the first values agree but the stream differs later (digest {fnv}, NumPy {})",
            want["fnv"]
        ));
    }
    Ok(())
}

/// A JSON integer (possibly beyond i64, as NumPy's 2**64) as i128.
pub fn int(v: &Value) -> i128 {
    if let Some(i) = v.as_i64() {
        return i128::from(i);
    }
    if let Some(u) = v.as_u64() {
        return i128::from(u);
    }
    if let Some(s) = v.as_str() {
        return s.parse().unwrap();
    }
    let f = v.as_f64().unwrap();
    assert_eq!(f.fract(), 0.0, "not an integer: {v}");
    f as i128
}

/// A JSON number or nested list of numbers as an f64 array (0-d for a number).
pub fn f64_array(v: &Value) -> Array<f64> {
    let (shape, flat) = nested(v);
    Array::from_vec(flat, shape).unwrap()
}

/// The same as an i64 array.
pub fn i64_array(v: &Value) -> Array<i64> {
    let a = f64_array(v);
    a.view().map(|x| x as i64)
}

fn nested(v: &Value) -> (Vec<usize>, Vec<f64>) {
    match v {
        Value::Array(items) => {
            let mut shape = vec![items.len()];
            let mut flat = Vec::new();
            let mut inner_shape = None;
            for item in items {
                let (s, f) = nested(item);
                inner_shape.get_or_insert(s);
                flat.extend(f);
            }
            shape.extend(inner_shape.unwrap_or_default());
            (shape, flat)
        }
        other => (vec![], vec![other.as_f64().unwrap()]),
    }
}

/// Seeds of the JSON files: an integer or a list of integers.
pub enum Seed {
    Int(u128),
    List(Vec<u128>),
}

pub fn seed(v: &Value) -> Seed {
    match v {
        Value::Array(items) => Seed::List(items.iter().map(|x| int(x) as u128).collect()),
        other => Seed::Int(int(other) as u128),
    }
}

/// A bit generator of any kind, for dispatching the cases of the JSON files.
#[allow(
    clippy::large_enum_variant,
    reason = "a few test values; boxing MT19937 would only obscure the dispatch"
)]
pub enum AnyBitGen {
    Pcg64(Pcg64),
    Pcg64Dxsm(Pcg64Dxsm),
    Mt19937(Mt19937),
    Philox(Philox),
    Sfc64(Sfc64),
}

pub fn bitgen(name: &str, seed: &Seed) -> AnyBitGen {
    use oxarray_random::SeedableBitGenerator;
    macro_rules! make {
        ($t:ty) => {
            match seed {
                Seed::Int(v) => <$t>::new(*v).unwrap(),
                Seed::List(vs) => <$t>::new(vs.clone()).unwrap(),
            }
        };
    }
    match name {
        "PCG64" => AnyBitGen::Pcg64(make!(Pcg64)),
        "PCG64DXSM" => AnyBitGen::Pcg64Dxsm(make!(Pcg64Dxsm)),
        "MT19937" => AnyBitGen::Mt19937(make!(Mt19937)),
        "Philox" => AnyBitGen::Philox(make!(Philox)),
        "SFC64" => AnyBitGen::Sfc64(make!(Sfc64)),
        other => panic!("unknown bit generator {other}"),
    }
}

fn hex_words(words: &[u64]) -> String {
    words
        .iter()
        .map(|w| format!("{w:x}"))
        .collect::<Vec<_>>()
        .join("-")
}

/// The state text of `state_string` in gen_streams.py.
pub fn state_string(bg: &AnyBitGen) -> String {
    match bg {
        AnyBitGen::Pcg64(b) => {
            let s = b.state();
            format!(
                "{:x}/{:x}/{}/{}",
                s.state,
                s.inc,
                u8::from(s.half.has_uint32),
                s.half.uinteger
            )
        }
        AnyBitGen::Pcg64Dxsm(b) => {
            let s = b.state();
            format!(
                "{:x}/{:x}/{}/{}",
                s.state,
                s.inc,
                u8::from(s.half.has_uint32),
                s.half.uinteger
            )
        }
        AnyBitGen::Mt19937(b) => {
            let s = b.state();
            let bytes: Vec<u8> = s.key.iter().flat_map(|w| w.to_le_bytes()).collect();
            format!("{}/{}", fnv1a64(&bytes), s.pos)
        }
        AnyBitGen::Philox(b) => {
            let s = b.state();
            format!(
                "{}/{}/{}/{}/{}/{}",
                hex_words(&s.counter),
                hex_words(&s.key),
                hex_words(&s.buffer),
                s.buffer_pos,
                u8::from(s.half.has_uint32),
                s.half.uinteger
            )
        }
        AnyBitGen::Sfc64(b) => {
            let s = b.state();
            format!(
                "{}/{}/{}",
                hex_words(&s.state),
                u8::from(s.half.has_uint32),
                s.half.uinteger
            )
        }
    }
}

/// Runs `$body` with `$g` bound to the concrete bit generator inside an [`AnyBitGen`].
#[macro_export]
macro_rules! with_bitgen {
    ($any:expr, $g:ident => $body:expr) => {
        match $any {
            common::AnyBitGen::Pcg64($g) => $body,
            common::AnyBitGen::Pcg64Dxsm($g) => $body,
            common::AnyBitGen::Mt19937($g) => $body,
            common::AnyBitGen::Philox($g) => $body,
            common::AnyBitGen::Sfc64($g) => $body,
        }
    };
}
