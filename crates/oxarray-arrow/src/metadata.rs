//! The extension metadata of Arrow's canonical tensor types, read and written as JSON.
//!
//! The Arrow specification and pyarrow spell the permutation key `permutation`; arrow-rs's
//! own `FixedShapeTensor` serialises it as `permutations` and writes `null` for absent keys.
//! This crate writes the specification's form (absent keys left out) and reads all three.

use serde_json::Value;

use crate::error::{Column, Error, Result};

/// The extension name key of a field's metadata.
pub const EXTENSION_NAME_KEY: &str = "ARROW:extension:name";
/// The extension metadata key of a field's metadata.
pub const EXTENSION_METADATA_KEY: &str = "ARROW:extension:metadata";
/// The canonical fixed-shape tensor extension.
pub const FIXED_SHAPE_TENSOR: &str = "arrow.fixed_shape_tensor";
/// The canonical variable-shape tensor extension.
pub const VARIABLE_SHAPE_TENSOR: &str = "arrow.variable_shape_tensor";
/// The field metadata key with which this crate marks a `FixedSizeList<float, 2>` column as
/// complex numbers (value `complex64` or `complex128`).
pub const DTYPE_KEY: &str = "oxarray:dtype";

/// The metadata of a tensor extension column.
///
/// `shape` is the *physical* shape of each tensor (the row-major order of its elements in
/// the list); the logical axis `i` is the physical axis `permutation[i]`, so the logical
/// shape is `shape[permutation[i]]` (NumPy's `transpose(permutation)` of the physical
/// tensor). `dim_names` name the physical axes, as the specification says.
///
/// ```
/// use oxarray_arrow::TensorMetadata;
/// let m = TensorMetadata::from_json(r#"{"shape":[100,200,500],"permutation":[2,0,1]}"#, &Default::default())?;
/// assert_eq!(m.logical_shape(), vec![500, 100, 200]);
/// assert_eq!(m.to_json(), r#"{"shape":[100,200,500],"permutation":[2,0,1]}"#);
/// // arrow-rs's spelling, with nulls for absent keys:
/// let r = TensorMetadata::from_json(r#"{"shape":[2,3],"dim_names":null,"permutations":[1,0]}"#, &Default::default())?;
/// assert_eq!(r.permutation, Some(vec![1, 0]));
/// # Ok::<(), oxarray_arrow::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TensorMetadata {
    /// The physical shape of each tensor (for a variable-shape tensor: the uniform shape, if
    /// any, with `None` axes as 0, is not kept here; this is empty).
    pub shape: Vec<usize>,
    /// Names of the physical axes.
    pub dim_names: Option<Vec<String>>,
    /// Logical axis `i` is physical axis `permutation[i]`.
    pub permutation: Option<Vec<usize>>,
}

impl TensorMetadata {
    /// The logical shape: `shape[permutation[i]]`.
    ///
    /// ```
    /// use oxarray_arrow::TensorMetadata;
    /// let m = TensorMetadata { shape: vec![3, 4], dim_names: None, permutation: Some(vec![1, 0]) };
    /// assert_eq!(m.logical_shape(), vec![4, 3]);
    /// ```
    pub fn logical_shape(&self) -> Vec<usize> {
        match &self.permutation {
            // An index past the shape (a hand-made, unchecked permutation) is skipped, not a panic.
            Some(p) => p
                .iter()
                .filter_map(|&i| self.shape.get(i).copied())
                .collect(),
            None => self.shape.clone(),
        }
    }

    /// The specification's JSON (`shape`, then `dim_names` and `permutation` when present).
    ///
    /// ```
    /// use oxarray_arrow::TensorMetadata;
    /// let m = TensorMetadata { shape: vec![2], dim_names: Some(vec!["x".into()]), permutation: None };
    /// assert_eq!(m.to_json(), r#"{"shape":[2],"dim_names":["x"]}"#);
    /// ```
    pub fn to_json(&self) -> String {
        // Keys in the specification's order (serde_json's map would sort them).
        let mut parts = vec![format!("\"shape\":{}", Value::from(self.shape.clone()))];
        if let Some(names) = &self.dim_names {
            parts.push(format!("\"dim_names\":{}", Value::from(names.clone())));
        }
        if let Some(p) = &self.permutation {
            parts.push(format!("\"permutation\":{}", Value::from(p.clone())));
        }
        format!("{{{}}}", parts.join(","))
    }

    /// Parses the metadata of a fixed-shape tensor (`shape` required) and checks it: the
    /// permutation must name every axis once, the names must be one per axis.
    pub fn from_json(json: &str, column: &Column) -> Result<TensorMetadata> {
        Self::parse(json, FIXED_SHAPE_TENSOR, true, column)
    }

    /// Parses the metadata of `extension`; `shape` is required when `needs_shape`.
    pub(crate) fn parse(
        json: &str,
        extension: &str,
        needs_shape: bool,
        column: &Column,
    ) -> Result<TensorMetadata> {
        let bad = |reason: String| Error::BadExtensionMetadata {
            column: column.clone(),
            extension: extension.into(),
            metadata: json.into(),
            reason,
        };
        let value: Value = serde_json::from_str(json).map_err(|e| bad(format!("not JSON: {e}")))?;
        let Value::Object(map) = value else {
            return Err(bad("not a JSON object".into()));
        };
        let present = |key: &str| map.get(key).filter(|v| !v.is_null());
        let usizes = |key: &str, v: &Value| -> Result<Vec<usize>> {
            v.as_array()
                .and_then(|a| {
                    a.iter()
                        .map(|x| x.as_u64().map(|x| x as usize))
                        .collect::<Option<Vec<_>>>()
                })
                .ok_or_else(|| bad(format!("{key:?} is not an array of non-negative integers")))
        };
        let shape = match present("shape") {
            Some(v) => usizes("shape", v)?,
            None if needs_shape => return Err(bad("the key \"shape\" is missing".into())),
            None => Vec::new(),
        };
        let permutation = match present("permutation").or_else(|| present("permutations")) {
            Some(v) => Some(usizes("permutation", v)?),
            None => None,
        };
        let dim_names = match present("dim_names") {
            Some(v) => Some(
                v.as_array()
                    .and_then(|a| {
                        a.iter()
                            .map(|x| x.as_str().map(String::from))
                            .collect::<Option<Vec<_>>>()
                    })
                    .ok_or_else(|| bad("\"dim_names\" is not an array of strings".into()))?,
            ),
            None => None,
        };
        let ndim = if needs_shape {
            Some(shape.len())
        } else {
            permutation
                .as_ref()
                .map(Vec::len)
                .or(dim_names.as_ref().map(Vec::len))
        };
        if let (Some(p), Some(n)) = (&permutation, ndim) {
            let mut seen = vec![false; n];
            let ok = p.len() == n
                && p.iter()
                    .all(|&i| i < n && !std::mem::replace(&mut seen[i], true));
            if !ok {
                return Err(bad(format!("{p:?} is not a permutation of 0..{n}")));
            }
        }
        if let (Some(names), Some(n)) = (&dim_names, ndim)
            && names.len() != n
        {
            return Err(bad(format!("{} dim_names for {n} dimensions", names.len())));
        }
        Ok(TensorMetadata {
            shape,
            dim_names,
            permutation,
        })
    }
}
