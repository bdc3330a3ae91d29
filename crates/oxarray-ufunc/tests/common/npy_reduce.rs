//! A tiny `.npy` reader for the reduction tests (little-endian, C order, the numeric dtypes).

use std::path::Path;

use oxarray_core::num_complex::Complex;
use oxarray_core::{Array, DynArray, f16};

/// Reads a `.npy` file into a C-order array.
pub fn read_npy(path: &Path) -> DynArray {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    assert_eq!(
        &bytes[..6],
        b"\x93NUMPY",
        "{}: not a .npy file",
        path.display()
    );
    let (header_len, start) = match bytes[6] {
        1 => (u16::from_le_bytes([bytes[8], bytes[9]]) as usize, 10),
        _ => (
            u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]) as usize,
            12,
        ),
    };
    let header = std::str::from_utf8(&bytes[start..start + header_len]).expect("ascii header");
    let data = &bytes[start + header_len..];
    let descr = field(header, "descr")
        .trim_matches(|c| c == '\'' || c == ' ')
        .to_string();
    assert!(
        field(header, "fortran_order").contains("False"),
        "{}: F order not supported",
        path.display()
    );
    let shape_text = field(header, "shape");
    let shape: Vec<usize> = shape_text
        .trim_matches(|c| c == '(' || c == ')' || c == ' ')
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().expect("shape entry"))
        .collect();
    macro_rules! load {
        ($t:ty, $size:expr, |$b:ident| $conv:expr) => {{
            let v: Vec<$t> = data.chunks_exact($size).map(|$b| $conv).collect();
            Array::from_vec(v, shape.as_slice())
                .expect("size matches")
                .into_dyn()
        }};
    }
    match descr.as_str() {
        "|b1" => load!(bool, 1, |b| b[0] != 0),
        "|i1" => load!(i8, 1, |b| b[0] as i8),
        "<i2" => load!(i16, 2, |b| i16::from_le_bytes([b[0], b[1]])),
        "<i4" => load!(i32, 4, |b| i32::from_le_bytes(b.try_into().unwrap())),
        "<i8" => load!(i64, 8, |b| i64::from_le_bytes(b.try_into().unwrap())),
        "|u1" => load!(u8, 1, |b| b[0]),
        "<u2" => load!(u16, 2, |b| u16::from_le_bytes([b[0], b[1]])),
        "<u4" => load!(u32, 4, |b| u32::from_le_bytes(b.try_into().unwrap())),
        "<u8" => load!(u64, 8, |b| u64::from_le_bytes(b.try_into().unwrap())),
        "<f2" => load!(f16, 2, |b| f16::from_bits(u16::from_le_bytes([b[0], b[1]]))),
        "<f4" => load!(f32, 4, |b| f32::from_le_bytes(b.try_into().unwrap())),
        "<f8" => load!(f64, 8, |b| f64::from_le_bytes(b.try_into().unwrap())),
        "<c8" => load!(Complex<f32>, 8, |b| Complex::new(
            f32::from_le_bytes(b[..4].try_into().unwrap()),
            f32::from_le_bytes(b[4..].try_into().unwrap())
        )),
        "<c16" => load!(Complex<f64>, 16, |b| Complex::new(
            f64::from_le_bytes(b[..8].try_into().unwrap()),
            f64::from_le_bytes(b[8..].try_into().unwrap())
        )),
        other => panic!("{}: unsupported dtype {other}", path.display()),
    }
}

/// The text of `'key': value` in a `.npy` header dict (up to the next top-level comma).
fn field<'h>(header: &'h str, key: &str) -> &'h str {
    let pat = format!("'{key}':");
    let at = header
        .find(&pat)
        .unwrap_or_else(|| panic!("no {key} in {header}"))
        + pat.len();
    let rest = &header[at..];
    let mut depth = 0;
    for (i, c) in rest.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' | '}' if depth == 0 => return &rest[..i],
            _ => {}
        }
    }
    rest
}
