//! Dtype descriptors as NumPy writes them: type strings (`'<f8'`), `dtype.descr` lists
//! (`[('a', '<u8'), ('b', '<f4', (3,))]`) and the `np.dtype(...)` spellings of records.
//!
//! Two readings of a list exist in NumPy, and both are here:
//!
//! * [`from_npy_descr`] is `numpy.lib.format.descr_to_dtype`, used for `.npy` headers:
//!   unnamed void entries (`('', '|V4')`) are padding and are dropped, and every other field
//!   keeps the offset the list implies, so a record saved with `align=True` comes back with
//!   the same offsets and itemsize (but as a packed dtype with explicit offsets).
//! * [`RecordDType::parse`] is `np.dtype(list_or_dict, align=...)`, which places the fields
//!   itself.
//!
//! [`npy_descr`] is the inverse of the first: NumPy's `dtype.descr` (padding written as
//! `('', '|Vn')`), the value of a `.npy` header's `'descr'` key.

use std::sync::Arc;

use oxarray_core::{DType, Dims, Error, Result};

use crate::dtype::{Align, ByteOrder, Field, FieldSpec, FieldType, RecordDType, scalar_code};
use crate::pyliteral::{self, PyValue};

fn bad(descr: impl std::fmt::Display, reason: impl Into<String>) -> Error {
    Error::BadDescriptor {
        descr: descr.to_string(),
        reason: reason.into(),
    }
}

/// Parses a NumPy type string: `'<f8'`, `'>i4'`, `'|b1'`, `'=u2'`, `'V8'`, or a NumPy name
/// (`'float32'`, `'uint8'`, `'bool'`). Types the core has no element for (`'<M8[ns]'`, `'O'`,
/// `'<U10'`, `'<f16'`) are an error naming them.
///
/// ```
/// use oxarray_record::{descr::parse_type_str, ByteOrder, DType, FieldType};
/// assert_eq!(parse_type_str(">f8")?, FieldType::Scalar(DType::F64, ByteOrder::Big));
/// assert_eq!(parse_type_str("|V4")?, FieldType::Void(4));
/// assert!(parse_type_str("<M8[ns]").is_err());
/// # Ok::<(), oxarray_record::Error>(())
/// ```
pub fn parse_type_str(s: &str) -> Result<FieldType> {
    if let Some(d) = DType::from_name(s).filter(|_| !s.starts_with(['<', '>', '|', '='])) {
        return Ok(FieldType::native(d));
    }
    let (order, code) = match s.chars().next() {
        Some('<') => (Some(ByteOrder::Little), &s[1..]),
        Some('>') => (Some(ByteOrder::Big), &s[1..]),
        Some('=') => (Some(ByteOrder::NATIVE), &s[1..]),
        Some('|') => (None, &s[1..]),
        _ => (None, s),
    };
    if let Some(n) = code.strip_prefix('V') {
        let n: usize = n
            .parse()
            .ok()
            .filter(|&n| n <= isize::MAX as usize)
            .ok_or_else(|| bad(format!("{s:?}"), "a void type needs a byte count, as 'V8'"))?;
        return Ok(FieldType::Void(n));
    }
    let dtype = match code {
        "b1" | "?" => DType::Bool,
        "i1" | "b" => DType::I8,
        "u1" | "B" => DType::U8,
        _ => DType::ALL
            .into_iter()
            .find(|&d| d != DType::BF16 && scalar_code(d) == code)
            .ok_or_else(|| {
                bad(
                    format!("{s:?}"),
                    "not a type oxarray has (bool, int8-64, uint8-64, float16/32/64, \
                     complex64/128, void)",
                )
            })?,
    };
    let order = match order {
        _ if dtype.itemsize() == 1 => ByteOrder::Little,
        Some(o) => o,
        None => ByteOrder::NATIVE,
    };
    Ok(FieldType::Scalar(dtype, order))
}

/// A shape value: an int (`3`, NumPy's shorthand for `(3,)`) or a tuple of non-negative ints.
fn parse_shape(v: &PyValue, context: &dyn std::fmt::Display) -> Result<Dims> {
    let dim = |x: &PyValue| match x {
        PyValue::Int(i) if *i >= 0 && *i <= isize::MAX as i128 => Ok(*i as usize),
        other => Err(bad(
            context,
            format!("a sub-array dimension must be a non-negative int, not {other}"),
        )),
    };
    match v {
        PyValue::Int(_) => Ok(Dims::from(&[dim(v)?][..])),
        PyValue::Tuple(items) => items.iter().map(dim).collect(),
        other => Err(bad(
            context,
            format!("a sub-array shape must be an int or a tuple, not {other}"),
        )),
    }
}

/// A type combined with a sub-array shape: nested sub-arrays flatten, as in NumPy
/// (`np.dtype((np.dtype(('<f4', 2)), 3))` is `('<f4', (3, 2))`).
fn with_shape((ty, inner): (FieldType, Dims), outer: Dims) -> (FieldType, Dims) {
    let mut shape = outer;
    for &x in inner.iter() {
        shape.push(x);
    }
    (ty, shape)
}

/// Bytes of a type with a sub-array shape, checked.
fn sized(ty: &FieldType, shape: &[usize], context: &dyn std::fmt::Display) -> Result<usize> {
    shape
        .iter()
        .try_fold(ty.itemsize(), |acc, &d| acc.checked_mul(d))
        .filter(|&n| n <= isize::MAX as usize)
        .ok_or_else(|| bad(context, "the type's size overflows isize"))
}

/// `numpy.lib.format.descr_to_dtype`: the element type and sub-array shape a `.npy` header's
/// `'descr'` value describes (see the module docs).
///
/// ```
/// use oxarray_record::{descr::from_npy_descr, pyliteral::parse, FieldType};
/// let v = parse("[('a', '|u1'), ('', '|V7'), ('b', '<f8')]")?;
/// let (ty, shape) = from_npy_descr(&v)?;
/// let FieldType::Record(r) = ty else { unreachable!() };
/// assert_eq!((r.names(), r.offsets(), r.itemsize()), (vec!["a", "b"], vec![0, 8], 16));
/// assert!(shape.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn from_npy_descr(v: &PyValue) -> Result<(FieldType, Dims)> {
    from_npy_descr_at(v, 0)
}

fn from_npy_descr_at(v: &PyValue, depth: usize) -> Result<(FieldType, Dims)> {
    if depth > pyliteral::MAX_DEPTH {
        return Err(bad(v, "descriptor nested too deeply"));
    }
    match v {
        PyValue::Str(s) => Ok((parse_type_str(s)?, Dims::new())),
        PyValue::Tuple(items) if items.len() == 2 => {
            let inner = from_npy_descr_at(&items[0], depth + 1)?;
            let outer = parse_shape(&items[1], v)?;
            let out = with_shape(inner, outer);
            sized(&out.0, &out.1, v)?;
            Ok(out)
        }
        PyValue::List(items) => {
            let mut fields = Vec::with_capacity(items.len());
            let mut offset: usize = 0;
            for item in items {
                let PyValue::Tuple(parts) = item else {
                    return Err(bad(v, format!("a field must be a tuple, not {item}")));
                };
                let (name, title) = match parts.first() {
                    Some(PyValue::Str(s)) => (s.clone(), None),
                    Some(PyValue::Tuple(t)) if t.len() == 2 => match (&t[0], &t[1]) {
                        (PyValue::Str(title), PyValue::Str(name)) => {
                            (name.clone(), Some(title.clone()))
                        }
                        _ => return Err(bad(v, format!("bad titled field name {}", parts[0]))),
                    },
                    _ => return Err(bad(v, format!("a field needs a string name: {item}"))),
                };
                let (ty, shape) = match parts.len() {
                    2 => from_npy_descr_at(&parts[1], depth + 1)?,
                    3 => with_shape(
                        from_npy_descr_at(&parts[1], depth + 1)?,
                        parse_shape(&parts[2], item)?,
                    ),
                    _ => return Err(bad(v, format!("a field has 2 or 3 entries: {item}"))),
                };
                let size = sized(&ty, &shape, item)?;
                let is_padding = name.is_empty() && matches!(ty, FieldType::Void(_));
                if !is_padding {
                    fields.push(Field {
                        name,
                        title,
                        ty,
                        shape,
                        offset,
                    });
                }
                offset = offset
                    .checked_add(size)
                    .filter(|&o| o <= isize::MAX as usize)
                    .ok_or_else(|| bad(v, "the record's size overflows isize"))?;
            }
            let record = RecordDType::from_placed_fields(fields, offset, false)?;
            Ok((FieldType::Record(Arc::new(record)), Dims::new()))
        }
        other => Err(bad(
            other,
            format!(
                "a descriptor is a type string, a (type, shape) tuple or a list of fields, not a {}",
                other.type_name()
            ),
        )),
    }
}

/// NumPy's `dtype.descr` of a field type: the value written as a `.npy` header's `'descr'`.
/// Records must have their fields in increasing offset order without overlap (NumPy cannot
/// write others either).
pub fn npy_descr(ty: &FieldType) -> Result<PyValue> {
    match ty {
        FieldType::Record(r) => record_descr(r),
        FieldType::Scalar(DType::BF16, _) => Err(bad(
            "bfloat16",
            "the .npy format has no code for bfloat16 (NumPy needs ml_dtypes); cast to float32",
        )),
        other => Ok(PyValue::Str(other.type_str())),
    }
}

/// `dtype.descr` of a record (see [`npy_descr`]).
pub fn record_descr(r: &RecordDType) -> Result<PyValue> {
    let mut out = Vec::new();
    let mut offset = 0;
    let pad = |n: usize| {
        PyValue::Tuple(vec![
            PyValue::Str(String::new()),
            PyValue::Str(format!("|V{n}")),
        ])
    };
    for f in r.fields() {
        if f.offset < offset {
            return Err(bad(
                r.names().join(", "),
                "dtype.descr is not defined for records with overlapping or out-of-order fields",
            ));
        }
        if f.offset > offset {
            out.push(pad(f.offset - offset));
        }
        let name = match &f.title {
            Some(t) => PyValue::Tuple(vec![PyValue::Str(t.clone()), PyValue::Str(f.name.clone())]),
            None => PyValue::Str(f.name.clone()),
        };
        let mut entry = vec![name, npy_descr(&f.ty)?];
        if !f.shape.is_empty() {
            entry.push(PyValue::Tuple(
                f.shape.iter().map(|&d| PyValue::Int(d as i128)).collect(),
            ));
        }
        out.push(PyValue::Tuple(entry));
        offset = f.offset + f.size();
    }
    if r.itemsize() > offset {
        out.push(pad(r.itemsize() - offset));
    }
    Ok(PyValue::List(out))
}

impl RecordDType {
    /// `np.dtype(spec, align=align)` for a record spelled as NumPy spells it: a list of
    /// `(name, type)` / `(name, type, shape)` tuples, types being type strings, nested lists
    /// or `(type, shape)` tuples; or the dict form `{'names': [...], 'formats': [...],
    /// 'offsets': [...], 'itemsize': n}` (`offsets` and `itemsize` optional). `align`
    /// applies to nested records too, as in NumPy.
    ///
    /// ```
    /// use oxarray_record::RecordDType;
    /// let spec = "[('timestamp','<u8'),('position','<f4',(3,)),('velocity','<f4',(3,))]";
    /// let c = RecordDType::parse(spec, true)?;
    /// assert_eq!((c.itemsize(), c.offsets()), (32, vec![0, 8, 20]));
    /// let d = RecordDType::parse("{'names': ['a', 'b'], 'formats': ['u1', '<f8'], 'offsets': [0, 4]}", false)?;
    /// assert_eq!(d.itemsize(), 12);
    /// # Ok::<(), oxarray_record::Error>(())
    /// ```
    pub fn parse(spec: &str, align: bool) -> Result<RecordDType> {
        let v = pyliteral::parse(spec).map_err(|e| bad(spec, e.to_string()))?;
        match record_from_spec(&v, align, 0)? {
            (FieldType::Record(r), shape) if shape.is_empty() => Ok(Arc::unwrap_or_clone(r)),
            _ => Err(bad(
                spec,
                "not a record: a list of fields or a dict of names and formats",
            )),
        }
    }
}

/// `np.dtype(v, align)` for the spellings of [`RecordDType::parse`].
fn record_from_spec(v: &PyValue, align: bool, depth: usize) -> Result<(FieldType, Dims)> {
    if depth > pyliteral::MAX_DEPTH {
        return Err(bad(v, "descriptor nested too deeply"));
    }
    match v {
        PyValue::Str(s) => Ok((parse_type_str(s)?, Dims::new())),
        PyValue::Tuple(items) if items.len() == 2 => {
            let out = with_shape(
                record_from_spec(&items[0], align, depth + 1)?,
                parse_shape(&items[1], v)?,
            );
            sized(&out.0, &out.1, v)?;
            Ok(out)
        }
        PyValue::List(items) => {
            let mut specs = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let PyValue::Tuple(parts) = item else {
                    return Err(bad(v, format!("a field must be a tuple, not {item}")));
                };
                let name = match parts.first() {
                    Some(PyValue::Str(s)) if s.is_empty() => format!("f{i}"),
                    Some(PyValue::Str(s)) => s.clone(),
                    _ => return Err(bad(v, format!("a field needs a string name: {item}"))),
                };
                let (ty, shape) = match parts.len() {
                    2 => record_from_spec(&parts[1], align, depth + 1)?,
                    3 => with_shape(
                        record_from_spec(&parts[1], align, depth + 1)?,
                        parse_shape(&parts[2], item)?,
                    ),
                    _ => return Err(bad(v, format!("a field has 2 or 3 entries: {item}"))),
                };
                specs.push(FieldSpec {
                    name,
                    ty,
                    shape,
                    offset: None,
                });
            }
            let r = RecordDType::new(&specs, Align::from(align))?;
            Ok((FieldType::Record(Arc::new(r)), Dims::new()))
        }
        PyValue::Dict(_) => {
            let list = |key: &str| -> Result<Option<&Vec<PyValue>>> {
                match v.get(key) {
                    None => Ok(None),
                    Some(PyValue::List(l) | PyValue::Tuple(l)) => Ok(Some(l)),
                    Some(other) => Err(bad(v, format!("'{key}' must be a list, not {other}"))),
                }
            };
            let names = list("names")?.ok_or_else(|| bad(v, "the dict form needs 'names'"))?;
            let formats =
                list("formats")?.ok_or_else(|| bad(v, "the dict form needs 'formats'"))?;
            let offsets = list("offsets")?;
            if formats.len() != names.len() || offsets.is_some_and(|o| o.len() != names.len()) {
                return Err(bad(v, "'names', 'formats' and 'offsets' differ in length"));
            }
            let mut specs = Vec::with_capacity(names.len());
            for (i, (name, format)) in names.iter().zip(formats).enumerate() {
                let PyValue::Str(name) = name else {
                    return Err(bad(v, format!("field names must be strings, not {name}")));
                };
                let (ty, shape) = record_from_spec(format, align, depth + 1)?;
                let offset = match offsets.map(|o| &o[i]) {
                    None => None,
                    Some(PyValue::Int(o)) if *o >= 0 && *o <= isize::MAX as i128 => {
                        Some(*o as usize)
                    }
                    Some(other) => {
                        return Err(bad(
                            v,
                            format!("offsets must be non-negative ints: {other}"),
                        ));
                    }
                };
                specs.push(FieldSpec {
                    name: name.clone(),
                    ty,
                    shape,
                    offset,
                });
            }
            let itemsize = match v.get("itemsize") {
                None => None,
                Some(PyValue::Int(n)) if *n >= 0 && *n <= isize::MAX as i128 => Some(*n as usize),
                Some(other) => return Err(bad(v, format!("bad itemsize {other}"))),
            };
            let r = RecordDType::with_itemsize(&specs, Align::from(align), itemsize)?;
            Ok((FieldType::Record(Arc::new(r)), Dims::new()))
        }
        other => Err(bad(other, "not a dtype specification")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pyliteral::parse;

    #[test]
    fn type_strings() {
        assert_eq!(
            parse_type_str("<c16").unwrap(),
            FieldType::Scalar(DType::C128, ByteOrder::Little)
        );
        assert_eq!(
            parse_type_str("|b1").unwrap(),
            FieldType::native(DType::Bool)
        );
        assert_eq!(parse_type_str(">u1").unwrap(), FieldType::native(DType::U8));
        assert_eq!(
            parse_type_str("float32").unwrap(),
            FieldType::native(DType::F32)
        );
        for bad in [
            "", "<", "<f16", "|O", "<U10", "|S3", "<m8[s]", "V", "Vx", "<bf2", "<f8 ",
        ] {
            assert!(parse_type_str(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn descr_round_trips_with_padding() {
        let text =
            "[('a', '|u1'), ('', '|V3'), ('b', '<f4', (3,)), ('n', [('x', '>i2')]), ('', '|V2')]";
        let (ty, shape) = from_npy_descr(&parse(text).unwrap()).unwrap();
        assert!(shape.is_empty());
        assert_eq!(ty.itemsize(), 1 + 3 + 12 + 2 + 2);
        assert_eq!(npy_descr(&ty).unwrap().to_string(), text);
    }

    #[test]
    fn subarray_descr_flattens() {
        let (ty, shape) = from_npy_descr(&parse("(('<f4', 2), (3,))").unwrap()).unwrap();
        assert_eq!(
            (ty, shape.to_vec()),
            (FieldType::native(DType::F32), vec![3, 2])
        );
    }

    #[test]
    fn bad_descriptors_are_errors() {
        for text in [
            "[('a',)]",
            "[('a', '<f8', (-1,))]",
            "[(1, '<f8')]",
            "3",
            "[('a', '<f8'), ('a', '<f8')]",
            "[('a', '<f8', (9223372036854775807, 9223372036854775807))]",
            "{'descr': 1}",
        ] {
            let v = parse(text).unwrap();
            assert!(from_npy_descr(&v).is_err(), "{text}");
        }
    }
}
