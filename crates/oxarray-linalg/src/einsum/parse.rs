//! Parsing einsum subscripts (NumPy's language) against the operands' shapes.
//!
//! Letters are labels (`A`..`Z` then `a`..`z`, so that sorting labels sorts as NumPy sorts
//! characters); `...` stands for the broadcast axes of an operand, which get labels 52, 53, ..
//! right-aligned across operands. Spaces are ignored. Every error names the character and its
//! position in the subscripts string.

use oxarray_core::{Error, Result};

use crate::contract::Label;

/// The first label given to `...` axes.
pub(crate) const ELLIPSIS_BASE: Label = 52;

/// One item of a term: a letter label or the ellipsis, with its position in the string.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Item {
    Label(Label, usize),
    Ellipsis(usize),
}

/// Subscripts resolved against shapes: one label per axis of each operand (repeats mean
/// diagonals), the output labels, and every label's length.
#[derive(Debug, Clone)]
pub(crate) struct Parsed {
    /// Per operand, the label of each axis.
    pub inputs: Vec<Vec<Label>>,
    /// The output's labels, in order.
    pub output: Vec<Label>,
    /// Length of each label (indexed by label; 0 for unused labels is never read).
    pub sizes: Vec<usize>,
    /// Number of broadcast (`...`) axes.
    pub ellipsis_dims: usize,
}

pub(crate) fn error(subscripts: &str, reason: impl Into<String>) -> Error {
    Error::EinsumSubscripts {
        subscripts: subscripts.to_string(),
        reason: reason.into(),
    }
}

/// The letter of a letter label.
pub(crate) fn letter(label: Label) -> char {
    match label {
        0..=25 => (b'A' + label as u8) as char,
        26..=51 => (b'a' + (label - 26) as u8) as char,
        _ => '.',
    }
}

/// Splits `subscripts` into input terms and the optional explicit output.
#[allow(clippy::type_complexity)]
fn tokenize(subscripts: &str) -> Result<(Vec<Vec<Item>>, Option<Vec<Item>>)> {
    let chars: Vec<char> = subscripts.chars().collect();
    let mut terms: Vec<Vec<Item>> = vec![Vec::new()];
    let mut output: Option<Vec<Item>> = None;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let current = match output.as_mut() {
            Some(out) => out,
            None => terms.last_mut().expect("at least one term"),
        };
        match c {
            'A'..='Z' => current.push(Item::Label(c as Label - 'A' as Label, i)),
            'a'..='z' => current.push(Item::Label(c as Label - 'a' as Label + 26, i)),
            ' ' => {}
            ',' => {
                if output.is_some() {
                    return Err(error(
                        subscripts,
                        format!("',' at position {i} is in the output subscripts (after '->')"),
                    ));
                }
                terms.push(Vec::new());
            }
            '.' => {
                if chars.get(i + 1) != Some(&'.') || chars.get(i + 2) != Some(&'.') {
                    return Err(error(
                        subscripts,
                        format!("'.' at position {i} is not part of an ellipsis '...'"),
                    ));
                }
                if current.iter().any(|t| matches!(t, Item::Ellipsis(_))) {
                    return Err(error(
                        subscripts,
                        format!(
                            "a second ellipsis at position {i} in one term (at most one '...' per operand)"
                        ),
                    ));
                }
                current.push(Item::Ellipsis(i));
                i += 2;
            }
            '-' => {
                if chars.get(i + 1) != Some(&'>') {
                    return Err(error(
                        subscripts,
                        format!("'-' at position {i} is not followed by '>'"),
                    ));
                }
                if output.is_some() {
                    return Err(error(subscripts, format!("a second '->' at position {i}")));
                }
                output = Some(Vec::new());
                i += 1;
            }
            '>' => {
                return Err(error(
                    subscripts,
                    format!("'>' at position {i} is not preceded by '-'"),
                ));
            }
            _ => {
                return Err(error(
                    subscripts,
                    format!(
                        "invalid character '{c}' at position {i} (subscripts are letters a-z, A-Z, ',', '->' and '...')"
                    ),
                ));
            }
        }
        i += 1;
    }
    Ok((terms, output))
}

/// Parses `subscripts` for operands of `shapes`.
pub(crate) fn parse(subscripts: &str, shapes: &[&[usize]]) -> Result<Parsed> {
    let (terms, output_items) = tokenize(subscripts)?;
    if terms.len() != shapes.len() {
        return Err(error(
            subscripts,
            format!(
                "the subscripts name {} operand{} but {} {} given",
                terms.len(),
                if terms.len() == 1 { "" } else { "s" },
                shapes.len(),
                if shapes.len() == 1 { "was" } else { "were" }
            ),
        ));
    }
    // Broadcast axes of each operand, and their common (broadcast) shape.
    let mut ellipsis_shapes: Vec<&[usize]> = Vec::new();
    for (op, (term, shape)) in terms.iter().zip(shapes).enumerate() {
        let letters = term.iter().filter(|t| matches!(t, Item::Label(..))).count();
        let has_ellipsis = term.len() > letters;
        if letters > shape.len() || (!has_ellipsis && letters != shape.len()) {
            let first = term.first().map(|t| match *t {
                Item::Label(_, p) | Item::Ellipsis(p) => p,
            });
            let at = first
                .map(|p| format!(" (from position {p})"))
                .unwrap_or_default();
            return Err(error(
                subscripts,
                format!(
                    "operand {op} has {} dimension{} (shape {shape:?}) but its subscripts{at} name {letters}{}",
                    shape.len(),
                    if shape.len() == 1 { "" } else { "s" },
                    if has_ellipsis {
                        " besides '...'"
                    } else {
                        " and have no '...' for the others"
                    }
                ),
            ));
        }
        if has_ellipsis {
            let before = term
                .iter()
                .take_while(|t| matches!(t, Item::Label(..)))
                .count();
            let n_ell = shape.len() - letters;
            ellipsis_shapes.push(&shape[before..before + n_ell]);
        }
    }
    let ellipsis_shape = oxarray_core::broadcast_shapes(&ellipsis_shapes).map_err(|_| {
        error(
            subscripts,
            format!(
                "the '...' dimensions {ellipsis_shapes:?} of the operands do not broadcast together"
            ),
        )
    })?;
    let ellipsis_dims = ellipsis_shape.len();
    if ellipsis_dims > 128 - ELLIPSIS_BASE as usize {
        return Err(error(
            subscripts,
            format!(
                "'...' stands for {ellipsis_dims} dimensions; at most {} are supported",
                128 - ELLIPSIS_BASE
            ),
        ));
    }
    if let Some(items) = &output_items
        && ellipsis_dims > 0
        && !items.iter().any(|t| matches!(t, Item::Ellipsis(_)))
    {
        return Err(error(
            subscripts,
            format!(
                "the inputs' '...' stands for {ellipsis_dims} dimension(s) but the output subscripts have no '...' to receive them"
            ),
        ));
    }
    let n_labels = ELLIPSIS_BASE as usize + ellipsis_dims;
    let mut sizes = vec![0usize; n_labels];
    // Where each label's size was first seen: (operand, position in the string).
    let mut seen: Vec<Option<(usize, usize)>> = vec![None; n_labels];
    let mut inputs = Vec::with_capacity(shapes.len());
    for (op, (term, shape)) in terms.iter().zip(shapes).enumerate() {
        let mut labels: Vec<Label> = Vec::with_capacity(shape.len());
        // (position in the string, axis) of this operand's letters so far.
        let mut local: Vec<(usize, usize)> = Vec::new();
        let mut axis = 0;
        for item in term {
            match *item {
                Item::Label(label, pos) => {
                    let d = shape[axis];
                    let l = label as usize;
                    if let Some(&(prev_pos, prev_axis)) =
                        local.iter().find(|(_, a)| labels[*a] == label)
                        && shape[prev_axis] != d
                    {
                        return Err(error(
                            subscripts,
                            format!(
                                "subscript '{}' is repeated in operand {op} (positions {prev_pos} and {pos}) with different sizes {} and {d}",
                                letter(label),
                                shape[prev_axis]
                            ),
                        ));
                    }
                    local.push((pos, axis));
                    if let Some((prev_op, prev_pos)) = seen[l] {
                        let prev = sizes[l];
                        if prev != d && prev != 1 && d != 1 {
                            return Err(error(
                                subscripts,
                                format!(
                                    "subscript '{}' at position {pos} has size {d} in operand {op} but {prev} in operand {prev_op} (position {prev_pos})",
                                    letter(label)
                                ),
                            ));
                        }
                        if prev == 1 {
                            sizes[l] = d;
                            seen[l] = Some((op, pos));
                        }
                    } else {
                        sizes[l] = d;
                        seen[l] = Some((op, pos));
                    }
                    labels.push(label);
                    axis += 1;
                }
                Item::Ellipsis(_) => {
                    let n_ell = shape.len() - (term.len() - 1);
                    for e in 0..n_ell {
                        let label = ELLIPSIS_BASE + (ellipsis_dims - n_ell + e) as Label;
                        sizes[label as usize] = ellipsis_shape[ellipsis_dims - n_ell + e];
                        labels.push(label);
                    }
                    axis += n_ell;
                }
            }
        }
        inputs.push(labels);
    }
    let ellipsis_labels = || (0..ellipsis_dims).map(|e| ELLIPSIS_BASE + e as Label);
    let output = match output_items {
        Some(items) => {
            let mut output = Vec::new();
            for item in items {
                match item {
                    Item::Label(label, pos) => {
                        if output.contains(&label) {
                            return Err(error(
                                subscripts,
                                format!(
                                    "output subscript '{}' at position {pos} appears more than once",
                                    letter(label)
                                ),
                            ));
                        }
                        if seen[label as usize].is_none() {
                            return Err(error(
                                subscripts,
                                format!(
                                    "output subscript '{}' at position {pos} does not appear in any input",
                                    letter(label)
                                ),
                            ));
                        }
                        output.push(label);
                    }
                    Item::Ellipsis(_) => output.extend(ellipsis_labels()),
                }
            }
            output
        }
        None => {
            // Implicit output: the broadcast axes, then the labels that appear exactly once,
            // in alphabetical order (upper case first).
            let mut count = vec![0usize; ELLIPSIS_BASE as usize];
            for labels in &inputs {
                for &l in labels.iter().filter(|&&l| l < ELLIPSIS_BASE) {
                    count[l as usize] += 1;
                }
            }
            ellipsis_labels()
                .chain((0..ELLIPSIS_BASE).filter(|&l| count[l as usize] == 1))
                .collect()
        }
    };
    Ok(Parsed {
        inputs,
        output,
        sizes,
        ellipsis_dims,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(s: &str) -> Vec<Label> {
        s.chars()
            .map(|c| {
                if c.is_ascii_uppercase() {
                    c as Label - 'A' as Label
                } else {
                    c as Label - 'a' as Label + 26
                }
            })
            .collect()
    }

    #[test]
    fn implicit_output_is_sorted_single_labels() {
        let p = parse("ij,jk", &[&[2, 3], &[3, 4]]).unwrap();
        assert_eq!(p.output, labels("ik"));
        let p = parse("ba,Ab", &[&[2, 3], &[4, 2]]).unwrap();
        assert_eq!(p.output, labels("Aa"));
    }

    #[test]
    fn ellipsis_axes_align_right() {
        let p = parse("...ij,...jk->...ik", &[&[5, 2, 3], &[7, 1, 3, 4]]).unwrap();
        assert_eq!(p.ellipsis_dims, 2);
        assert_eq!(p.inputs[0], vec![ELLIPSIS_BASE + 1, 34, 35]);
        assert_eq!(p.inputs[1][..2], [ELLIPSIS_BASE, ELLIPSIS_BASE + 1]);
        assert_eq!(p.sizes[ELLIPSIS_BASE as usize..], [7, 5]);
    }

    #[test]
    fn errors_point_at_the_fault() {
        let msg = |s: &str, shapes: &[&[usize]]| parse(s, shapes).unwrap_err().to_string();
        assert!(msg("ij,j3->i", &[&[2, 2], &[2, 2]]).contains("'3' at position 4"));
        assert!(
            msg("ij,jk", &[&[2, 5], &[3, 4]])
                .contains("subscript 'j' at position 3 has size 3 in operand 1 but 5 in operand 0")
        );
        assert!(
            msg("ij,jk->ii", &[&[2, 3], &[3, 4]])
                .contains("'i' at position 8 appears more than once")
        );
        assert!(msg("ij->k", &[&[2, 3]]).contains("'k' at position 4 does not appear"));
        assert!(msg("ij", &[&[2, 3], &[3]]).contains("name 1 operand but 2 were given"));
        assert!(msg("ijk", &[&[2, 3]]).contains("operand 0 has 2 dimensions"));
        assert!(msg("i.j", &[&[2, 3]]).contains("'.' at position 1"));
        assert!(msg("ii", &[&[2, 3]]).contains("repeated in operand 0 (positions 0 and 1)"));
    }
}
