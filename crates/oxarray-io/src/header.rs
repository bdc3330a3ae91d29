//! The `.npy` header: magic string, format version, header length and the Python dict
//! literal `{'descr': ..., 'fortran_order': ..., 'shape': ...}`, read with NumPy's checks
//! and written exactly as NumPy's `numpy/lib/format.py` writes it.
//!
//! The layout (format.py): `\x93NUMPY`, major and minor version bytes, the header length
//! (`<u2` in version 1.0, `<u4` in 2.0 and 3.0), then the header text (latin-1, or UTF-8 in
//! 3.0) padded with spaces and ended by `\n` so that the data starts at a multiple of 64
//! bytes. NumPy leaves room for 21 digits of the growing axis before padding, picks the
//! oldest version that can hold the header, and sorts the dict keys.

use std::path::Path;

use oxarray_core::{DType, Dims, Result};
use oxarray_record::descr::{from_npy_descr, npy_descr};
use oxarray_record::pyliteral::{self, PyValue};
use oxarray_record::{ByteOrder, FieldType};

use crate::error::bad_file;

/// The magic string every `.npy` file starts with.
pub const MAGIC: &[u8; 6] = b"\x93NUMPY";

/// The data of a `.npy` file starts at a multiple of this (NumPy's `ARRAY_ALIGN`).
pub const ARRAY_ALIGN: usize = 64;

/// Room NumPy leaves in a header for the growing axis (`GROWTH_AXIS_MAX_DIGITS`).
const GROWTH_AXIS_MAX_DIGITS: usize = 21;

/// The largest header read by default (NumPy's default `max_header_size` is 10 000 bytes;
/// our parser is linear and depth-limited, so a larger bound only limits memory).
pub const DEFAULT_MAX_HEADER_SIZE: usize = 1 << 20;

/// A `.npy` format version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Version(pub u8, pub u8);

impl Version {
    /// 1.0: header length `<u2`, latin-1.
    pub const V1: Version = Version(1, 0);
    /// 2.0: header length `<u4`, latin-1.
    pub const V2: Version = Version(2, 0);
    /// 3.0: header length `<u4`, UTF-8.
    pub const V3: Version = Version(3, 0);

    fn length_bytes(self) -> usize {
        if self.0 == 1 { 2 } else { 4 }
    }
}

/// What a `.npy` header says: the element type (a scalar with its byte order, or a record),
/// the shape, the memory order, and where the data starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NpyHeader {
    /// The format version of the file.
    pub version: Version,
    /// The element type. A sub-array descriptor (`('<f4', (3,))`) is folded into `shape`.
    pub ty: FieldType,
    /// The shape (sub-array axes of the descriptor appended).
    pub shape: Dims,
    /// Whether the data is in Fortran (column-major) order.
    pub fortran_order: bool,
    /// Byte offset of the data from the start of the file.
    pub data_offset: u64,
}

impl NpyHeader {
    /// Number of elements.
    pub fn len(&self) -> usize {
        self.shape.iter().product()
    }

    /// Whether the array has no elements.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Bytes of data that follow the header (checked against overflow when parsed).
    pub fn data_len(&self) -> usize {
        self.len() * self.ty.itemsize()
    }

    /// The scalar dtype and byte order, when the file holds a plain (non-record) array.
    pub fn scalar(&self) -> Option<(DType, ByteOrder)> {
        self.ty.scalar()
    }
}

/// Reads the fixed part of a header (magic, version, length) from `prefix`, which must hold
/// at least 12 bytes or the whole file: the version and the length of the header text.
fn read_preamble(prefix: &[u8], path: &Path) -> Result<(Version, usize, usize)> {
    if prefix.len() < MAGIC.len() || &prefix[..MAGIC.len()] != MAGIC {
        let shown: Vec<u8> = prefix.iter().take(6).copied().collect();
        return Err(bad_file(
            path,
            Some(0),
            format!(
                "not a .npy file: it starts with {:?}, not the magic string \\x93NUMPY",
                String::from_utf8_lossy(&shown)
            ),
        ));
    }
    let truncated = |what: &str| {
        bad_file(
            path,
            Some(prefix.len() as u64),
            format!("truncated .npy header: the file ends inside the {what}"),
        )
    };
    let (&major, &minor) = match (prefix.get(6), prefix.get(7)) {
        (Some(a), Some(b)) => (a, b),
        _ => return Err(truncated("format version")),
    };
    let version = Version(major, minor);
    if ![Version::V1, Version::V2, Version::V3].contains(&version) {
        return Err(bad_file(
            path,
            Some(6),
            format!("unsupported .npy format version {major}.{minor} (1.0, 2.0 and 3.0 are known)"),
        ));
    }
    let n = version.length_bytes();
    let len_bytes = prefix
        .get(8..8 + n)
        .ok_or_else(|| truncated("header length"))?;
    let header_len = if n == 2 {
        u16::from_le_bytes([len_bytes[0], len_bytes[1]]) as usize
    } else {
        u32::from_le_bytes([len_bytes[0], len_bytes[1], len_bytes[2], len_bytes[3]]) as usize
    };
    Ok((version, 8 + n, header_len))
}

/// The number of bytes to read to know a header's full length.
pub const PREAMBLE_LEN: usize = 12;

/// Reads a header from `read`, which is positioned at the start of a `.npy` stream.
/// `max_header_size` bounds the header text.
pub fn read_header(
    read: &mut impl std::io::Read,
    path: &Path,
    max_header_size: usize,
) -> Result<NpyHeader> {
    let mut prefix = [0u8; 10];
    let got = read_up_to(read, &mut prefix, path)?;
    let version_known = got >= 8;
    let (version, start, header_len) = if version_known && prefix[6] != 1 {
        let mut long = [0u8; PREAMBLE_LEN];
        long[..got].copy_from_slice(&prefix[..got]);
        let more = read_up_to(read, &mut long[got..], path)?;
        read_preamble(&long[..got + more], path)?
    } else {
        read_preamble(&prefix[..got], path)?
    };
    check_header_size(header_len, max_header_size, path)?;
    let mut text = vec![0u8; header_len];
    let got = read_up_to(read, &mut text, path)?;
    if got < header_len {
        return Err(bad_file(
            path,
            Some((start + got) as u64),
            format!("truncated .npy header: {header_len} header bytes announced, {got} present"),
        ));
    }
    parse_header_text(&text, version, start, path)
}

fn check_header_size(header_len: usize, max: usize, path: &Path) -> Result<()> {
    if header_len > max {
        return Err(bad_file(
            path,
            Some(8),
            format!(
                "the header announces {header_len} bytes, more than the limit of {max} \
                 (raise max_header_size to read it)"
            ),
        ));
    }
    Ok(())
}

/// Parses a header from the first bytes of a file (`bytes` may hold the whole file).
///
/// ```
/// use oxarray_io::header::{parse_header, write_header, Version};
/// use oxarray_record::FieldType;
/// use oxarray_core::DType;
/// let bytes = write_header(&FieldType::native(DType::F64), &[2, 3], false, None)?;
/// assert_eq!(bytes.len(), 128);
/// let h = parse_header(&bytes, std::path::Path::new("x.npy"), 1 << 20)?;
/// assert_eq!((h.version, &h.shape[..], h.data_offset), (Version::V1, &[2, 3][..], 128));
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn parse_header(bytes: &[u8], path: &Path, max_header_size: usize) -> Result<NpyHeader> {
    let (version, start, header_len) = read_preamble(bytes, path)?;
    check_header_size(header_len, max_header_size, path)?;
    let text = bytes.get(start..start + header_len).ok_or_else(|| {
        bad_file(
            path,
            Some(bytes.len() as u64),
            format!(
                "truncated .npy header: {header_len} header bytes announced, {} present",
                bytes.len().saturating_sub(start)
            ),
        )
    })?;
    parse_header_text(text, version, start, path)
}

fn read_up_to(read: &mut impl std::io::Read, buf: &mut [u8], path: &Path) -> Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        match read.read(&mut buf[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(crate::error::io_error("read", path, &e)),
        }
    }
    Ok(got)
}

fn parse_header_text(
    text: &[u8],
    version: Version,
    start: usize,
    path: &Path,
) -> Result<NpyHeader> {
    let at = Some(start as u64);
    let decoded: String = if version == Version::V3 {
        std::str::from_utf8(text)
            .map_err(|e| bad_file(path, at, format!("the header is not UTF-8: {e}")))?
            .to_string()
    } else {
        text.iter().map(|&b| b as char).collect() // latin-1
    };
    let value = pyliteral::parse(&decoded).map_err(|e| {
        bad_file(
            path,
            Some((start + e.pos) as u64),
            format!(
                "the header is not a Python literal: {}: {:?}",
                e.reason,
                shorten(&decoded)
            ),
        )
    })?;
    let PyValue::Dict(items) = &value else {
        return Err(bad_file(
            path,
            at,
            format!("the header is not a dict: {:?}", shorten(&decoded)),
        ));
    };
    let mut keys: Vec<&str> = items.iter().filter_map(|(k, _)| k.as_str()).collect();
    keys.sort_unstable();
    if keys != ["descr", "fortran_order", "shape"] || items.len() != 3 {
        return Err(bad_file(
            path,
            at,
            format!(
                "the header must have exactly the keys 'descr', 'fortran_order' and 'shape': {:?}",
                shorten(&decoded)
            ),
        ));
    }
    let fortran_order = match value.get("fortran_order") {
        Some(PyValue::Bool(b)) => *b,
        other => {
            return Err(bad_file(
                path,
                at,
                format!(
                    "'fortran_order' is not a bool: {}",
                    other.map(|v| v.to_string()).unwrap_or_default()
                ),
            ));
        }
    };
    let mut shape = match value.get("shape") {
        Some(PyValue::Tuple(dims)) => dims
            .iter()
            .map(|d| match d {
                PyValue::Int(i) if *i >= 0 && *i <= isize::MAX as i128 => Ok(*i as usize),
                other => Err(bad_file(
                    path,
                    at,
                    format!("'shape' holds {other}, not a non-negative int"),
                )),
            })
            .collect::<Result<Dims>>()?,
        other => {
            return Err(bad_file(
                path,
                at,
                format!(
                    "'shape' is not a tuple of ints: {}",
                    other.map(|v| v.to_string()).unwrap_or_default()
                ),
            ));
        }
    };
    let descr = value.get("descr").expect("the keys were checked");
    let (ty, subshape) =
        from_npy_descr(descr).map_err(|e| bad_file(path, at, format!("bad 'descr': {e}")))?;
    if let FieldType::Void(_) = ty {
        return Err(bad_file(
            path,
            at,
            format!("'descr' {descr} is raw void bytes, which oxarray has no array type for"),
        ));
    }
    if ty == FieldType::native(DType::BF16) {
        return Err(bad_file(path, at, "bfloat16 has no .npy code"));
    }
    for &d in subshape.iter() {
        shape.push(d);
    }
    let size = shape
        .iter()
        .try_fold(ty.itemsize(), |acc, &d| acc.checked_mul(d))
        .filter(|&n| n <= isize::MAX as usize);
    if size.is_none() {
        return Err(bad_file(
            path,
            at,
            format!(
                "the shape {:?} of {}-byte elements is too large (its size overflows)",
                &shape[..],
                ty.itemsize()
            ),
        ));
    }
    Ok(NpyHeader {
        version,
        ty,
        shape,
        fortran_order,
        data_offset: (start + text.len()) as u64,
    })
}

fn shorten(s: &str) -> String {
    if s.chars().count() > 200 {
        let head: String = s.chars().take(200).collect();
        format!("{head}...")
    } else {
        s.to_string()
    }
}

/// The bytes of a `.npy` header for an array of `ty` and `shape`, exactly as NumPy's
/// `np.save` writes them: the dict with sorted keys, room for the growing axis, padding to a
/// multiple of 64 bytes, and the oldest format version that holds it (or `version`).
pub fn write_header(
    ty: &FieldType,
    shape: &[usize],
    fortran_order: bool,
    version: Option<Version>,
) -> Result<Vec<u8>> {
    let descr = npy_descr(ty)?;
    let shape_value = PyValue::Tuple(shape.iter().map(|&d| PyValue::Int(d as i128)).collect());
    let mut header = format!(
        "{{'descr': {descr}, 'fortran_order': {}, 'shape': {shape_value}, }}",
        if fortran_order { "True" } else { "False" }
    );
    if !shape.is_empty() {
        let growing = if fortran_order {
            shape[shape.len() - 1]
        } else {
            shape[0]
        };
        let digits = growing.to_string().len();
        header.extend(std::iter::repeat_n(
            ' ',
            GROWTH_AXIS_MAX_DIGITS.saturating_sub(digits),
        ));
    }
    let versions = match version {
        Some(v) => vec![v],
        None => vec![Version::V1, Version::V2, Version::V3],
    };
    let mut last_problem = String::new();
    for v in versions {
        match wrap_header(&header, v) {
            Ok(bytes) => return Ok(bytes),
            Err(problem) => last_problem = problem,
        }
    }
    Err(oxarray_core::Error::invalid_argument(
        "version",
        format!("{version:?}"),
        last_problem,
    ))
}

fn wrap_header(header: &str, version: Version) -> std::result::Result<Vec<u8>, String> {
    if ![Version::V1, Version::V2, Version::V3].contains(&version) {
        return Err(format!(
            "unknown .npy format version {}.{}",
            version.0, version.1
        ));
    }
    let encoded: Vec<u8> = if version == Version::V3 {
        header.as_bytes().to_vec()
    } else {
        header
            .chars()
            .map(|c| u8::try_from(c as u32).map_err(|_| "the header is not latin-1".to_string()))
            .collect::<std::result::Result<_, _>>()?
    };
    let prefix = MAGIC.len() + 2 + version.length_bytes();
    let hlen = encoded.len() + 1;
    let padlen = ARRAY_ALIGN - (prefix + hlen) % ARRAY_ALIGN;
    let total = hlen + padlen;
    let max = if version == Version::V1 {
        u16::MAX as usize
    } else {
        u32::MAX as usize
    };
    if total > max {
        return Err(format!(
            "header length {hlen} too big for version {}.{}",
            version.0, version.1
        ));
    }
    let mut out = Vec::with_capacity(prefix + total);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&[version.0, version.1]);
    if version == Version::V1 {
        out.extend_from_slice(&(total as u16).to_le_bytes());
    } else {
        out.extend_from_slice(&(total as u32).to_le_bytes());
    }
    out.extend_from_slice(&encoded);
    out.extend(std::iter::repeat_n(b' ', padlen));
    out.push(b'\n');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn p() -> &'static Path {
        Path::new("t.npy")
    }

    #[test]
    fn header_is_numpys() {
        let h = write_header(&FieldType::native(DType::F64), &[3], false, None).unwrap();
        let text = std::str::from_utf8(&h[10..]).unwrap();
        assert!(text.starts_with("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }"));
        assert_eq!(h.len() % 64, 0);
        assert!(text.ends_with(" \n"));
        let z = write_header(&FieldType::native(DType::Bool), &[], true, None).unwrap();
        assert!(
            std::str::from_utf8(&z[10..])
                .unwrap()
                .starts_with("{'descr': '|b1', 'fortran_order': True, 'shape': (), }")
        );
    }

    #[test]
    fn big_headers_move_to_version_2_and_unicode_to_3() {
        let many: Vec<oxarray_record::FieldSpec> = (0..5000)
            .map(|i| oxarray_record::FieldSpec::new(format!("field{i}"), DType::U8))
            .collect();
        let r = oxarray_record::RecordDType::new(&many, false).unwrap();
        let h = write_header(&r.into(), &[1], false, None).unwrap();
        assert_eq!(&h[6..8], &[2, 0]);
        let r = oxarray_record::RecordDType::new(
            &[oxarray_record::FieldSpec::new("€", DType::U8)],
            false,
        )
        .unwrap();
        let h = write_header(&r.into(), &[1], false, None).unwrap();
        assert_eq!(&h[6..8], &[3, 0]);
        assert!(parse_header(&h, p(), 1 << 20).is_ok());
        assert!(
            write_header(
                &FieldType::native(DType::U8),
                &[1],
                false,
                Some(Version(4, 0))
            )
            .is_err()
        );
    }

    #[test]
    fn rejects_bad_headers() {
        let good = write_header(&FieldType::native(DType::I32), &[2], false, None).unwrap();
        for cut in 0..good.len() {
            let e = parse_header(&good[..cut], p(), 1 << 20).unwrap_err();
            assert!(e.to_string().contains("t.npy"), "{e}");
        }
        let mut bad = good.clone();
        bad[6] = 9;
        assert!(
            parse_header(&bad, p(), 1 << 20)
                .unwrap_err()
                .to_string()
                .contains("version")
        );
        assert!(
            parse_header(&good, p(), 10)
                .unwrap_err()
                .to_string()
                .contains("limit")
        );
    }
}
