//! A minimal `.npy` reader for the golden files: format versions 1-3, little-endian
//! `f4`/`f8`/`i4`/`i8`/`c8`/`c16`/`b1`, C or Fortran order.

use oxarray_core::{Array, Complex32, Complex64, DynArray, Order};

/// Parses a `.npy` file's bytes into a [`DynArray`].
pub fn parse(bytes: &[u8]) -> Result<DynArray, String> {
    if bytes.len() < 10 || &bytes[..6] != b"\x93NUMPY" {
        return Err("not an .npy file (bad magic)".into());
    }
    let major = bytes[6];
    let (header_len, start) = match major {
        1 => (u16::from_le_bytes([bytes[8], bytes[9]]) as usize, 10),
        2 | 3 => (
            u32::from_le_bytes(bytes[8..12].try_into().unwrap()) as usize,
            12,
        ),
        v => return Err(format!("unsupported .npy version {v}")),
    };
    let header =
        std::str::from_utf8(&bytes[start..start + header_len]).map_err(|e| e.to_string())?;
    let data = &bytes[start + header_len..];
    let descr = field(header, "descr")?
        .trim_matches(|c| c == '\'' || c == '"')
        .to_string();
    let fortran = field(header, "fortran_order")?.trim() == "True";
    let shape_str = field(header, "shape")?;
    let shape: Vec<usize> = shape_str
        .trim_matches(|c| c == '(' || c == ')')
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| s.parse::<usize>().map_err(|e| e.to_string()))
        .collect::<Result<_, _>>()?;
    let order = if fortran { Order::F } else { Order::C };
    fn chunks<const N: usize>(data: &[u8]) -> impl Iterator<Item = [u8; N]> + '_ {
        data.chunks_exact(N).map(|c| c.try_into().unwrap())
    }
    let size: usize = shape.iter().product();
    let arr = match descr.as_str() {
        "<f8" => DynArray::F64(build(
            chunks::<8>(data).map(f64::from_le_bytes).collect(),
            &shape,
            order,
            size,
        )?),
        "<f4" => DynArray::F32(build(
            chunks::<4>(data).map(f32::from_le_bytes).collect(),
            &shape,
            order,
            size,
        )?),
        "<i8" => DynArray::I64(build(
            chunks::<8>(data).map(i64::from_le_bytes).collect(),
            &shape,
            order,
            size,
        )?),
        "<i4" => DynArray::I32(build(
            chunks::<4>(data).map(i32::from_le_bytes).collect(),
            &shape,
            order,
            size,
        )?),
        "|b1" => DynArray::Bool(build(
            data.iter().map(|&b| b != 0).collect(),
            &shape,
            order,
            size,
        )?),
        "<c16" => DynArray::C128(build(
            chunks::<16>(data)
                .map(|c| {
                    Complex64::new(
                        f64::from_le_bytes(c[..8].try_into().unwrap()),
                        f64::from_le_bytes(c[8..].try_into().unwrap()),
                    )
                })
                .collect(),
            &shape,
            order,
            size,
        )?),
        "<c8" => DynArray::C64(build(
            chunks::<8>(data)
                .map(|c| {
                    Complex32::new(
                        f32::from_le_bytes(c[..4].try_into().unwrap()),
                        f32::from_le_bytes(c[4..].try_into().unwrap()),
                    )
                })
                .collect(),
            &shape,
            order,
            size,
        )?),
        other => return Err(format!("unsupported dtype descriptor {other}")),
    };
    Ok(arr)
}

fn build<T: oxarray_core::Element>(
    mut v: Vec<T>,
    shape: &[usize],
    order: Order,
    size: usize,
) -> Result<Array<T>, String> {
    if v.len() < size {
        return Err(format!(
            "data holds {} elements, shape {shape:?} needs {size}",
            v.len()
        ));
    }
    v.truncate(size);
    Array::from_vec_order(v, shape, order).map_err(|e| e.to_string())
}

/// The text of `key`'s value in the header dict (`{'descr': '<f8', 'fortran_order': False,
/// 'shape': (2, 3), }`).
fn field<'h>(header: &'h str, key: &str) -> Result<&'h str, String> {
    let pat = format!("'{key}':");
    let at = header
        .find(&pat)
        .ok_or_else(|| format!("header lacks '{key}': {header}"))?
        + pat.len();
    let rest = header[at..].trim_start();
    let end = if rest.starts_with('(') {
        rest.find(')').map(|i| i + 1)
    } else {
        rest.find(',')
    }
    .ok_or_else(|| format!("cannot parse '{key}' in {header}"))?;
    Ok(rest[..end].trim())
}
