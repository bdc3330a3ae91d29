//! A minimal `.npy` reader for the golden files: format versions 1 to 3, little-endian
//! `int64`, `float64` and `bool`, C or Fortran order. (oxarray-io has the real reader; core's
//! tests cannot depend on it.)

use std::path::Path;

use oxarray_core::{Array, Order};

/// The elements of a `.npy` file, in logical (row-major) order.
#[derive(Debug, Clone, PartialEq)]
pub enum NpyData {
    I64(Vec<i64>),
    F64(Vec<f64>),
    Bool(Vec<bool>),
}

/// A loaded `.npy` array.
#[derive(Debug, Clone, PartialEq)]
pub struct Npy {
    pub shape: Vec<usize>,
    pub data: NpyData,
}

impl Npy {
    /// The array as `i64` (panics for another dtype).
    pub fn to_i64(&self) -> Array<i64> {
        match &self.data {
            NpyData::I64(v) => Array::from_vec(v.clone(), &self.shape[..]).unwrap(),
            other => panic!("expected int64 data, found {other:?}"),
        }
    }

    /// The array as `bool` (panics for another dtype).
    pub fn to_bool(&self) -> Array<bool> {
        match &self.data {
            NpyData::Bool(v) => Array::from_vec(v.clone(), &self.shape[..]).unwrap(),
            other => panic!("expected bool data, found {other:?}"),
        }
    }
}

/// Reads a `.npy` file.
pub fn read(path: &Path) -> Result<Npy, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    parse(&bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// Parses the bytes of a `.npy` file.
pub fn parse(bytes: &[u8]) -> Result<Npy, String> {
    if bytes.len() < 10 || &bytes[..6] != b"\x93NUMPY" {
        return Err("not a .npy file (bad magic)".into());
    }
    let major = bytes[6];
    let (header_len, start) = match major {
        1 => (u16::from_le_bytes([bytes[8], bytes[9]]) as usize, 10),
        2 | 3 => {
            if bytes.len() < 12 {
                return Err("truncated header".into());
            }
            (
                u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]) as usize,
                12,
            )
        }
        v => return Err(format!("unsupported .npy version {v}")),
    };
    let header = std::str::from_utf8(
        bytes
            .get(start..start + header_len)
            .ok_or("truncated header")?,
    )
    .map_err(|e| e.to_string())?;
    let descr = dict_value(header, "descr")?;
    let descr = descr.trim().trim_matches(|c| c == '\'' || c == '"');
    let fortran = match dict_value(header, "fortran_order")?.trim() {
        "True" => true,
        "False" => false,
        other => return Err(format!("bad fortran_order {other}")),
    };
    let shape_text = dict_value(header, "shape")?;
    let shape: Vec<usize> = shape_text
        .trim()
        .trim_start_matches('(')
        .trim_end_matches(')')
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| s.parse::<usize>().map_err(|e| format!("shape {s}: {e}")))
        .collect::<Result<_, _>>()?;
    let body = &bytes[start + header_len..];
    let size: usize = shape.iter().product();
    let order = if fortran { Order::F } else { Order::C };
    let data = match descr {
        "<i8" => {
            let v = chunks::<8>(body, size)?.map(i64::from_le_bytes).collect();
            NpyData::I64(reorder(v, &shape, order))
        }
        "<f8" => {
            let v = chunks::<8>(body, size)?.map(f64::from_le_bytes).collect();
            NpyData::F64(reorder(v, &shape, order))
        }
        "|b1" => {
            let v = chunks::<1>(body, size)?.map(|c| c[0] != 0).collect();
            NpyData::Bool(reorder(v, &shape, order))
        }
        other => return Err(format!("unsupported dtype {other}")),
    };
    Ok(Npy { shape, data })
}

fn chunks<const N: usize>(
    body: &[u8],
    size: usize,
) -> Result<impl Iterator<Item = [u8; N]> + '_, String> {
    if body.len() < size * N {
        return Err(format!(
            "data has {} bytes, {} expected",
            body.len(),
            size * N
        ));
    }
    Ok(body[..size * N]
        .chunks_exact(N)
        .map(|c| <[u8; N]>::try_from(c).expect("exact chunk")))
}

/// Memory-order data in `order` to logical row-major order.
fn reorder<T: oxarray_core::Element>(v: Vec<T>, shape: &[usize], order: Order) -> Vec<T> {
    match order {
        Order::C => v,
        Order::F => Array::from_vec_order(v, shape, Order::F).unwrap().to_vec(),
    }
}

/// The text of `key`'s value in the header's Python dict literal.
fn dict_value<'h>(header: &'h str, key: &str) -> Result<&'h str, String> {
    let quoted = [format!("'{key}'"), format!("\"{key}\"")];
    let pos = quoted
        .iter()
        .find_map(|k| header.find(k.as_str()).map(|p| p + k.len()))
        .ok_or_else(|| format!("header lacks {key}: {header}"))?;
    let rest = header[pos..]
        .trim_start()
        .strip_prefix(':')
        .ok_or("no ':'")?;
    // The value ends at the first comma outside parentheses.
    let mut depth = 0;
    for (i, c) in rest.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' | '}' if depth == 0 => return Ok(&rest[..i]),
            _ => {}
        }
    }
    Err(format!("unterminated value for {key}"))
}
