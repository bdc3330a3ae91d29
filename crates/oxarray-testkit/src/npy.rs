//! A small `.npy` reader for golden files made by NumPy: format versions 1 to 3, every dtype of
//! the core (`bfloat16` as `ml_dtypes` writes it is not a `.npy` code and is not read), either
//! byte order, C or Fortran order. Errors are strings naming the file and the problem; a golden
//! test that cannot read its file should fail loudly, not skip.
//!
//! oxarray-io has the real reader (with memory maps, structured dtypes and strict validation);
//! the core crates' tests cannot depend on it, so they use this one.

use std::path::Path;

use oxarray_core::{Array, Complex32, Complex64, DType, DynArray, Element, Order, f16};

/// Reads a `.npy` file into a [`DynArray`].
pub fn read(path: &Path) -> Result<DynArray, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    parse(&bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// Reads a `.npy` file into an `Array<T>`; an error when its dtype is not `T`'s.
pub fn read_as<T: Element>(path: &Path) -> Result<Array<T>, String> {
    let a = read(path)?;
    let dtype = a.dtype();
    a.into_array::<T>()
        .map_err(|_| format!("{}: dtype {dtype}, expected {}", path.display(), T::DTYPE))
}

/// Parses the bytes of a `.npy` file.
pub fn parse(bytes: &[u8]) -> Result<DynArray, String> {
    if bytes.len() < 10 || &bytes[..6] != b"\x93NUMPY" {
        return Err("not a .npy file (bad magic)".into());
    }
    let (header_len, start) = match bytes[6] {
        1 => (u16::from_le_bytes([bytes[8], bytes[9]]) as usize, 10),
        2 | 3 => {
            let len = bytes.get(8..12).ok_or("truncated header length")?;
            (
                u32::from_le_bytes(len.try_into().expect("4 bytes")) as usize,
                12,
            )
        }
        v => return Err(format!("unsupported format version {v}")),
    };
    let header = bytes
        .get(start..start + header_len)
        .ok_or("truncated header")?;
    let header = std::str::from_utf8(header).map_err(|e| e.to_string())?;
    let descr = dict_value(header, "descr")?
        .trim()
        .trim_matches(|c| c == '\'' || c == '"');
    let order = match dict_value(header, "fortran_order")?.trim() {
        "True" => Order::F,
        "False" => Order::C,
        other => return Err(format!("bad fortran_order {other}")),
    };
    let shape: Vec<usize> = dict_value(header, "shape")?
        .trim()
        .trim_start_matches('(')
        .trim_end_matches(')')
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| s.parse::<usize>().map_err(|e| format!("shape {s}: {e}")))
        .collect::<Result<_, _>>()?;
    let (dtype, big_endian) = parse_descr(descr)?;
    let body = &bytes[start + header_len..];
    let size: usize = shape.iter().product();
    let itemsize = dtype.itemsize();
    let needed = size * itemsize;
    if body.len() < needed {
        return Err(format!(
            "data has {} bytes, shape {shape:?} of {descr} needs {needed}",
            body.len()
        ));
    }
    let items = body[..needed].chunks_exact(itemsize);
    // Bytes of one element in little-endian order.
    let le = |c: &[u8]| -> Vec<u8> {
        if big_endian {
            match dtype {
                // Complex numbers swap each part, not the whole.
                DType::C64 | DType::C128 => {
                    let half = c.len() / 2;
                    let mut v: Vec<u8> = c[..half].iter().rev().copied().collect();
                    v.extend(c[half..].iter().rev());
                    v
                }
                _ => c.iter().rev().copied().collect(),
            }
        } else {
            c.to_vec()
        }
    };
    fn arr<T: Element>(v: Vec<T>, shape: &[usize], order: Order) -> Result<DynArray, String> {
        Array::from_vec_order(v, shape, order)
            .map(Array::into_dyn)
            .map_err(|e| e.to_string())
    }
    macro_rules! numbers {
        ($t:ty) => {
            arr(
                items
                    .map(|c| <$t>::from_le_bytes(le(c).try_into().expect("itemsize")))
                    .collect(),
                &shape,
                order,
            )
        };
    }
    match dtype {
        DType::Bool => arr(items.map(|c| c[0] != 0).collect(), &shape, order),
        DType::I8 => numbers!(i8),
        DType::I16 => numbers!(i16),
        DType::I32 => numbers!(i32),
        DType::I64 => numbers!(i64),
        DType::U8 => numbers!(u8),
        DType::U16 => numbers!(u16),
        DType::U32 => numbers!(u32),
        DType::U64 => numbers!(u64),
        DType::F16 => arr(
            items
                .map(|c| f16::from_bits(u16::from_le_bytes(le(c).try_into().expect("2"))))
                .collect(),
            &shape,
            order,
        ),
        DType::F32 => numbers!(f32),
        DType::F64 => numbers!(f64),
        DType::C64 => arr(
            items
                .map(|c| {
                    let b = le(c);
                    Complex32::new(
                        f32::from_le_bytes(b[..4].try_into().expect("4")),
                        f32::from_le_bytes(b[4..].try_into().expect("4")),
                    )
                })
                .collect(),
            &shape,
            order,
        ),
        DType::C128 => arr(
            items
                .map(|c| {
                    let b = le(c);
                    Complex64::new(
                        f64::from_le_bytes(b[..8].try_into().expect("8")),
                        f64::from_le_bytes(b[8..].try_into().expect("8")),
                    )
                })
                .collect(),
            &shape,
            order,
        ),
        other => Err(format!("unsupported dtype {other}")),
    }
}

/// The dtype and byte order of a simple descriptor (`<f8`, `>i4`, `|b1`, `=u2`).
fn parse_descr(descr: &str) -> Result<(DType, bool), String> {
    let (order, code) = descr.split_at(descr.len().min(1));
    let big = match order {
        ">" => true,
        "<" | "|" | "=" => false,
        _ => return Err(format!("unsupported descriptor {descr}")),
    };
    let dtype = match code {
        "b1" => DType::Bool,
        "i1" => DType::I8,
        "i2" => DType::I16,
        "i4" => DType::I32,
        "i8" => DType::I64,
        "u1" => DType::U8,
        "u2" => DType::U16,
        "u4" => DType::U32,
        "u8" => DType::U64,
        "f2" => DType::F16,
        "f4" => DType::F32,
        "f8" => DType::F64,
        "c8" => DType::C64,
        "c16" => DType::C128,
        _ => return Err(format!("unsupported descriptor {descr}")),
    };
    Ok((dtype, big))
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
        .ok_or("no ':' after a key")?;
    // The value ends at the first comma (or brace) outside parentheses.
    let mut depth = 0i32;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn npy(descr: &str, shape: &str, fortran: bool, body: &[u8]) -> Vec<u8> {
        let mut header = format!(
            "{{'descr': '{descr}', 'fortran_order': {}, 'shape': {shape}, }}",
            if fortran { "True" } else { "False" }
        );
        while (10 + header.len() + 1) % 64 != 0 {
            header.push(' ');
        }
        header.push('\n');
        let mut out = b"\x93NUMPY\x01\x00".to_vec();
        out.extend((header.len() as u16).to_le_bytes());
        out.extend(header.as_bytes());
        out.extend(body);
        out
    }

    #[test]
    fn reads_both_orders_and_endians() {
        let body: Vec<u8> = [1i32, 2, 3, 4, 5, 6]
            .iter()
            .flat_map(|v| v.to_be_bytes())
            .collect();
        let a = parse(&npy(">i4", "(2, 3)", false, &body)).unwrap();
        assert_eq!(a.to_array::<i32>().to_vec(), vec![1, 2, 3, 4, 5, 6]);
        let body: Vec<u8> = [1.0f64, 2.0, 3.0, 4.0]
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect();
        let f = parse(&npy("<f8", "(2, 2)", true, &body)).unwrap();
        assert_eq!(f.to_array::<f64>().to_vec(), vec![1.0, 3.0, 2.0, 4.0]);
        let z = parse(&npy("<c8", "()", false, &[0, 0, 128, 63, 0, 0, 0, 64])).unwrap();
        assert_eq!(z.shape(), &[] as &[usize]);
        assert_eq!(
            z.to_array::<Complex32>().to_vec(),
            vec![Complex32::new(1.0, 2.0)]
        );
    }

    #[test]
    fn damaged_files_are_errors() {
        assert!(parse(b"hello").is_err());
        let good = npy("<f8", "(3,)", false, &[0; 24]);
        assert!(parse(&good[..good.len() - 1]).is_err());
        assert!(parse(&npy("<x9", "(1,)", false, &[0; 8])).is_err());
    }
}
