//! Python literals: the subset of Python's syntax that `.npy` headers and NumPy's
//! `dtype.descr` are written in (`ast.literal_eval` on dicts, lists, tuples, strings, integers,
//! `True`, `False` and `None`), parsed and printed exactly as Python's `repr` prints them.
//!
//! NumPy writes a header with `repr` and reads it with `ast.literal_eval`; printing with the
//! same rules is what makes our `.npy` files identical byte for byte to NumPy's.
//!
//! The parser is written for hostile input: it never panics, nests at most
//! [`MAX_DEPTH`] levels deep, and reports the byte position of the first error.
//!
//! ```
//! use oxarray_record::pyliteral::{parse, PyValue};
//! let v = parse("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }")?;
//! assert_eq!(v.get("shape"), Some(&PyValue::Tuple(vec![PyValue::Int(2), PyValue::Int(3)])));
//! assert_eq!(PyValue::Tuple(vec![PyValue::Int(3)]).to_string(), "(3,)");
//! assert_eq!(PyValue::Str("it's".into()).to_string(), "\"it's\"");
//! # Ok::<(), oxarray_record::pyliteral::LiteralError>(())
//! ```

use std::fmt::{self, Write as _};

/// How deeply lists, tuples and dicts may nest (deeper input is an error, not a stack
/// overflow).
pub const MAX_DEPTH: usize = 64;

/// A Python literal value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PyValue {
    /// A string (`'abc'`, `"abc"`, `u'abc'`).
    Str(String),
    /// An integer (Python's are unbounded; these fit `i128`, larger ones are a parse error).
    Int(i128),
    /// `True` / `False`.
    Bool(bool),
    /// `None`.
    None,
    /// `(a, b)`; `(a,)` has one item.
    Tuple(Vec<PyValue>),
    /// `[a, b]`.
    List(Vec<PyValue>),
    /// `{k: v, ...}` in the order written.
    Dict(Vec<(PyValue, PyValue)>),
}

/// Why a text is not a Python literal of the accepted subset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiteralError {
    /// Byte position of the problem in the text.
    pub pos: usize,
    /// What is wrong.
    pub reason: String,
}

impl fmt::Display for LiteralError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at character {}", self.reason, self.pos)
    }
}

impl std::error::Error for LiteralError {}

impl PyValue {
    /// The value of `key` when this is a dict with a string key `key`.
    pub fn get(&self, key: &str) -> Option<&PyValue> {
        match self {
            PyValue::Dict(items) => items
                .iter()
                .find(|(k, _)| matches!(k, PyValue::Str(s) if s == key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string, when this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            PyValue::Str(s) => Some(s),
            _ => None,
        }
    }

    /// A short name of the value's Python type, for error messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            PyValue::Str(_) => "str",
            PyValue::Int(_) => "int",
            PyValue::Bool(_) => "bool",
            PyValue::None => "NoneType",
            PyValue::Tuple(_) => "tuple",
            PyValue::List(_) => "list",
            PyValue::Dict(_) => "dict",
        }
    }
}

/// Parses one Python literal (surrounding whitespace allowed, nothing else after it).
pub fn parse(text: &str) -> Result<PyValue, LiteralError> {
    let mut p = Parser {
        s: text.as_bytes(),
        text,
        pos: 0,
    };
    let v = p.value(0)?;
    p.skip_ws();
    if p.pos != p.s.len() {
        return Err(p.err("unexpected text after the literal"));
    }
    Ok(v)
}

struct Parser<'a> {
    s: &'a [u8],
    text: &'a str,
    pos: usize,
}

impl Parser<'_> {
    fn err(&self, reason: impl Into<String>) -> LiteralError {
        LiteralError {
            pos: self.pos,
            reason: reason.into(),
        }
    }

    fn skip_ws(&mut self) {
        while self
            .s
            .get(self.pos)
            .is_some_and(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'))
        {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    fn value(&mut self, depth: usize) -> Result<PyValue, LiteralError> {
        if depth > MAX_DEPTH {
            return Err(self.err(format!("literal nested deeper than {MAX_DEPTH} levels")));
        }
        self.skip_ws();
        match self.peek() {
            None => Err(self.err("unexpected end of text, expected a value")),
            Some(b'(') => self.sequence(b')', depth).map(|(items, trailing_comma)| {
                // `(x)` is x itself; `(x,)` is a one-tuple.
                if items.len() == 1 && !trailing_comma {
                    items.into_iter().next().expect("one item")
                } else {
                    PyValue::Tuple(items)
                }
            }),
            Some(b'[') => self.sequence(b']', depth).map(|(v, _)| PyValue::List(v)),
            Some(b'{') => self.dict(depth),
            Some(b'\'' | b'"') => self.string(),
            Some(b'u' | b'U') if matches!(self.s.get(self.pos + 1), Some(b'\'' | b'"')) => {
                self.pos += 1;
                self.string()
            }
            Some(b'-' | b'+' | b'0'..=b'9') => self.int(),
            Some(c) if c.is_ascii_alphabetic() || c == b'_' => {
                let start = self.pos;
                while self
                    .peek()
                    .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_')
                {
                    self.pos += 1;
                }
                match &self.text[start..self.pos] {
                    "True" => Ok(PyValue::Bool(true)),
                    "False" => Ok(PyValue::Bool(false)),
                    "None" => Ok(PyValue::None),
                    word => {
                        self.pos = start;
                        Err(self.err(format!("{word:?} is not a literal")))
                    }
                }
            }
            Some(_) => Err(self.err("unexpected character, expected a value")),
        }
    }

    /// Items up to `close`, and whether a comma followed the last one.
    fn sequence(&mut self, close: u8, depth: usize) -> Result<(Vec<PyValue>, bool), LiteralError> {
        self.pos += 1; // the opening bracket
        let mut items = Vec::new();
        let mut trailing_comma = false;
        loop {
            self.skip_ws();
            if self.peek() == Some(close) {
                self.pos += 1;
                if items.is_empty() && trailing_comma {
                    return Err(self.err("a lone comma is not a literal"));
                }
                return Ok((items, trailing_comma));
            }
            if !items.is_empty() && !trailing_comma {
                return Err(self.err(format!("expected ',' or '{}'", close as char)));
            }
            items.push(self.value(depth + 1)?);
            self.skip_ws();
            trailing_comma = self.peek() == Some(b',');
            if trailing_comma {
                self.pos += 1;
            }
        }
    }

    fn dict(&mut self, depth: usize) -> Result<PyValue, LiteralError> {
        self.pos += 1;
        let mut items = Vec::new();
        loop {
            self.skip_ws();
            if self.peek() == Some(b'}') {
                self.pos += 1;
                return Ok(PyValue::Dict(items));
            }
            let key = self.value(depth + 1)?;
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(self.err("expected ':' after a dict key"));
            }
            self.pos += 1;
            let value = self.value(depth + 1)?;
            items.push((key, value));
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {}
                _ => return Err(self.err("expected ',' or '}' in a dict")),
            }
        }
    }

    fn int(&mut self) -> Result<PyValue, LiteralError> {
        let start = self.pos;
        let negative = self.peek() == Some(b'-');
        if matches!(self.peek(), Some(b'-' | b'+')) {
            self.pos += 1;
        }
        let digits_start = self.pos;
        let mut value: i128 = 0;
        while let Some(c @ b'0'..=b'9') = self.peek() {
            value = value
                .checked_mul(10)
                .and_then(|v| v.checked_add(i128::from(c - b'0')))
                .ok_or_else(|| LiteralError {
                    pos: start,
                    reason: "integer too large".into(),
                })?;
            self.pos += 1;
        }
        if self.pos == digits_start {
            return Err(self.err("expected digits"));
        }
        // Python 2 wrote long integers with an `L` suffix; NumPy still reads such headers.
        if matches!(self.peek(), Some(b'L' | b'l')) {
            self.pos += 1;
        }
        if self
            .peek()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'.' || c == b'_')
        {
            return Err(self.err("only integer numbers are accepted"));
        }
        Ok(PyValue::Int(if negative { -value } else { value }))
    }

    fn string(&mut self) -> Result<PyValue, LiteralError> {
        let quote = self.s[self.pos];
        let start = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            let Some(c) = self.peek() else {
                self.pos = start;
                return Err(self.err("unterminated string"));
            };
            match c {
                _ if c == quote => {
                    self.pos += 1;
                    return Ok(PyValue::Str(out));
                }
                b'\n' => return Err(self.err("newline inside a string")),
                b'\\' => {
                    self.pos += 1;
                    self.escape(&mut out)?;
                }
                _ => {
                    // Copy one UTF-8 character (the input is a &str, so boundaries are valid).
                    let ch = self.text[self.pos..]
                        .chars()
                        .next()
                        .ok_or_else(|| self.err("bad character"))?;
                    out.push(ch);
                    self.pos += ch.len_utf8();
                }
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), LiteralError> {
        let Some(c) = self.peek() else {
            return Err(self.err("unterminated escape"));
        };
        self.pos += 1;
        let simple = match c {
            b'\\' => Some('\\'),
            b'\'' => Some('\''),
            b'"' => Some('"'),
            b'n' => Some('\n'),
            b't' => Some('\t'),
            b'r' => Some('\r'),
            b'a' => Some('\x07'),
            b'b' => Some('\x08'),
            b'f' => Some('\x0c'),
            b'v' => Some('\x0b'),
            b'\n' => return Ok(()), // line continuation
            _ => None,
        };
        if let Some(ch) = simple {
            out.push(ch);
            return Ok(());
        }
        let code = match c {
            b'x' => self.hex_digits(2)?,
            b'u' => self.hex_digits(4)?,
            b'U' => self.hex_digits(8)?,
            b'0'..=b'7' => {
                let mut v = u32::from(c - b'0');
                for _ in 0..2 {
                    match self.peek() {
                        Some(d @ b'0'..=b'7') => {
                            v = v * 8 + u32::from(d - b'0');
                            self.pos += 1;
                        }
                        _ => break,
                    }
                }
                v
            }
            _ => {
                // Python keeps unknown escapes as they are.
                out.push('\\');
                self.pos -= 1;
                return Ok(());
            }
        };
        let ch = char::from_u32(code).ok_or_else(|| self.err("escape is not a character"))?;
        out.push(ch);
        Ok(())
    }

    fn hex_digits(&mut self, n: usize) -> Result<u32, LiteralError> {
        let digits = self
            .text
            .get(self.pos..self.pos + n)
            .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or_else(|| self.err(format!("expected {n} hex digits in an escape")))?;
        self.pos += n;
        u32::from_str_radix(digits, 16).map_err(|_| self.err("bad hex escape"))
    }
}

/// Whether Python's `str.isprintable` holds for `c`, for the characters a field name or a
/// descriptor can plausibly hold (control characters, the separators and format characters
/// Python escapes).
fn is_printable(c: char) -> bool {
    if c.is_control() {
        return false;
    }
    !matches!(c,
        '\u{a0}' | '\u{ad}' | '\u{1680}' | '\u{2000}'..='\u{200f}' | '\u{2028}'..='\u{202f}'
        | '\u{205f}'..='\u{2064}' | '\u{3000}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}'
        | '\u{e000}'..='\u{f8ff}')
}

/// Writes `s` as Python 3's `repr(s)` does.
pub fn write_str_repr(out: &mut impl fmt::Write, s: &str) -> fmt::Result {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    out.write_char(quote)?;
    for c in s.chars() {
        match c {
            '\\' => out.write_str("\\\\")?,
            '\n' => out.write_str("\\n")?,
            '\r' => out.write_str("\\r")?,
            '\t' => out.write_str("\\t")?,
            _ if c == quote => {
                out.write_char('\\')?;
                out.write_char(c)?;
            }
            _ if is_printable(c) => out.write_char(c)?,
            _ => {
                let code = c as u32;
                if code < 0x100 {
                    write!(out, "\\x{code:02x}")?;
                } else if code < 0x10000 {
                    write!(out, "\\u{code:04x}")?;
                } else {
                    write!(out, "\\U{code:08x}")?;
                }
            }
        }
    }
    out.write_char(quote)
}

impl fmt::Display for PyValue {
    /// Python's `repr`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn items(f: &mut fmt::Formatter<'_>, items: &[PyValue]) -> fmt::Result {
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                write!(f, "{v}")?;
            }
            Ok(())
        }
        match self {
            PyValue::Str(s) => write_str_repr(f, s),
            PyValue::Int(v) => write!(f, "{v}"),
            PyValue::Bool(true) => f.write_str("True"),
            PyValue::Bool(false) => f.write_str("False"),
            PyValue::None => f.write_str("None"),
            PyValue::Tuple(v) => {
                f.write_char('(')?;
                items(f, v)?;
                if v.len() == 1 {
                    f.write_char(',')?;
                }
                f.write_char(')')
            }
            PyValue::List(v) => {
                f.write_char('[')?;
                items(f, v)?;
                f.write_char(']')
            }
            PyValue::Dict(kv) => {
                f.write_char('{')?;
                for (i, (k, v)) in kv.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{k}: {v}")?;
                }
                f.write_char('}')
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_headers_as_numpy_writes_them() {
        let v = parse(
            "{'descr': [('a', '<u8'), ('b', '<f4', (3,))], 'fortran_order': True, 'shape': (), }  ",
        )
        .unwrap();
        assert_eq!(v.get("fortran_order"), Some(&PyValue::Bool(true)));
        assert_eq!(v.get("shape"), Some(&PyValue::Tuple(vec![])));
        let descr = v.get("descr").unwrap();
        assert_eq!(descr.to_string(), "[('a', '<u8'), ('b', '<f4', (3,))]");
    }

    #[test]
    fn parenthesised_value_is_not_a_tuple() {
        assert_eq!(parse("(3)").unwrap(), PyValue::Int(3));
        assert_eq!(
            parse("(3,)").unwrap(),
            PyValue::Tuple(vec![PyValue::Int(3)])
        );
        assert_eq!(parse("( )").unwrap(), PyValue::Tuple(vec![]));
        assert!(parse("(,)").is_err());
    }

    #[test]
    fn strings_round_trip_through_repr() {
        for s in [
            "plain",
            "it's",
            "say \"hi\"",
            "both ' and \"",
            "tab\there",
            "\u{0}\u{7f}é€𝄞",
            "\\",
        ] {
            let printed = PyValue::Str(s.into()).to_string();
            assert_eq!(
                parse(&printed).unwrap(),
                PyValue::Str(s.into()),
                "{printed}"
            );
        }
        assert_eq!(PyValue::Str("\u{1}".into()).to_string(), "'\\x01'");
        assert_eq!(parse("u'x'").unwrap(), PyValue::Str("x".into()));
        assert_eq!(
            parse(r"'\101\x41\u0041'").unwrap(),
            PyValue::Str("AAA".into())
        );
    }

    #[test]
    fn integers_and_errors() {
        assert_eq!(parse("-12").unwrap(), PyValue::Int(-12));
        assert_eq!(parse("12L").unwrap(), PyValue::Int(12));
        assert!(parse("1.5").is_err());
        assert!(parse("99999999999999999999999999999999999999999999").is_err());
        assert!(parse("'open").is_err());
        assert!(parse("{'a' 1}").is_err());
        assert!(parse("[1 2]").is_err());
        assert!(parse("os.system").is_err());
        assert!(parse("(1,) x").is_err());
        let deep = "[".repeat(10_000);
        assert!(parse(&deep).unwrap_err().reason.contains("nested"));
    }
}
