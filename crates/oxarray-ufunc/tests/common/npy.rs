//! A tiny `.npy` reader for the golden tests: version 1-3 headers, little-endian (and
//! byte-sized) dtypes, C or F order. Returns a [`DynArray`].

use std::path::Path;

use oxarray_core::{Array, DType, DynArray, Element, Order, dispatch_dtype};

/// The parsed header dict of a `.npy` file.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// The dtype descriptor, e.g. `<f8`.
    pub descr: String,
    /// Whether the data is in column-major order.
    pub fortran_order: bool,
    /// The shape.
    pub shape: Vec<usize>,
}

/// Parses the bytes of a `.npy` file into its header and data bytes.
pub fn parse(bytes: &[u8]) -> Result<(Header, &[u8]), String> {
    if bytes.len() < 10 || &bytes[..6] != b"\x93NUMPY" {
        return Err("not a .npy file (bad magic)".into());
    }
    let major = bytes[6];
    let (len, start) = match major {
        1 => (u16::from_le_bytes([bytes[8], bytes[9]]) as usize, 10),
        2 | 3 => {
            let b: [u8; 4] = bytes[8..12].try_into().map_err(|_| "truncated header")?;
            (u32::from_le_bytes(b) as usize, 12)
        }
        v => return Err(format!("unsupported .npy version {v}")),
    };
    let text = std::str::from_utf8(bytes.get(start..start + len).ok_or("truncated header")?)
        .map_err(|e| e.to_string())?;
    let descr = field(text, "descr")?
        .trim()
        .trim_matches(|c| c == '\'' || c == '"')
        .to_string();
    let fortran_order = match field(text, "fortran_order")?.trim() {
        "True" => true,
        "False" => false,
        other => return Err(format!("bad fortran_order {other}")),
    };
    let shape_text = field(text, "shape")?;
    let inner = shape_text
        .trim()
        .strip_prefix('(')
        .and_then(|s| s.strip_suffix(')'))
        .ok_or_else(|| format!("bad shape {shape_text}"))?;
    let shape = inner
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<usize>()
                .map_err(|e| format!("bad shape entry {s}: {e}"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok((
        Header {
            descr,
            fortran_order,
            shape,
        },
        &bytes[start + len..],
    ))
}

/// The text of the value of `key` in a Python dict literal (up to the next top-level comma).
fn field<'t>(text: &'t str, key: &str) -> Result<&'t str, String> {
    let pat = format!("'{key}':");
    let at = text
        .find(&pat)
        .ok_or_else(|| format!("no {key} in header"))?
        + pat.len();
    let rest = &text[at..];
    let mut depth = 0i32;
    for (i, c) in rest.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' | '}' if depth == 0 => return Ok(&rest[..i]),
            _ => {}
        }
    }
    Err(format!("unterminated {key}"))
}

fn typed<T: Element>(data: &[u8], header: &Header) -> Result<Array<T>, String> {
    let n: usize = header.shape.iter().product();
    let size = std::mem::size_of::<T>();
    if data.len() < n * size {
        return Err(format!(
            "{} data bytes for {n} elements of {size}",
            data.len()
        ));
    }
    if T::DTYPE == DType::Bool && data[..n].iter().any(|&b| b > 1) {
        return Err("bool data other than 0/1".into());
    }
    let values: Vec<T> = (0..n)
        .map(|i| {
            // SAFETY: `i * size + size <= data.len()` (checked above); every element type is
            // plain data valid for any bytes of its little-endian encoding (bool checked).
            unsafe { data.as_ptr().add(i * size).cast::<T>().read_unaligned() }
        })
        .collect();
    let order = if header.fortran_order {
        Order::F
    } else {
        Order::C
    };
    Array::from_vec_order(values, &header.shape[..], order).map_err(|e| e.to_string())
}

/// Reads a `.npy` file into a [`DynArray`].
pub fn read(path: impl AsRef<Path>) -> Result<DynArray, String> {
    let path = path.as_ref();
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let (header, data) = parse(&bytes)?;
    let dtype = DType::from_name(&header.descr)
        .ok_or_else(|| format!("{}: unsupported descr {}", path.display(), header.descr))?;
    dispatch_dtype!(dtype, T => typed::<T>(data, &header).map(DynArray::from))
}
