//! The naming scheme against the CUDA sources, without NVRTC: every instantiation line of
//! the catalogue expands (by the sources' own `#define`s, token pasting emulated here) to
//! exactly the symbols the Rust side will ask for, and every device function, functor and
//! typedef a line needs is defined in `kernels/`.

use std::collections::{BTreeSet, HashMap};

use oxarray_core::DType;
use oxarray_core::elementwise::ops::{self, Ufunc};
use oxarray_cuda::naming::{
    KERNEL_DTYPES, Module, binary_symbol, catalogue, dtype_code, unary_symbol,
};
use oxarray_cuda::sources::{self, COMMON};

/// `#define NAME(params) body` macros of a source (continuation lines joined).
fn macros(src: &str) -> HashMap<String, (Vec<String>, String)> {
    let joined = src.replace("\\\n", " ");
    let mut out = HashMap::new();
    for line in joined.lines() {
        let Some(rest) = line.trim_start().strip_prefix("#define ") else {
            continue;
        };
        let Some(open) = rest.find('(') else { continue };
        let name = &rest[..open];
        if name.contains(' ') {
            continue; // an object-like macro whose value starts with '('
        }
        let close = rest.find(')').unwrap();
        let params = rest[open + 1..close]
            .split(',')
            .map(|p| p.trim().to_string())
            .collect();
        out.insert(name.to_string(), (params, rest[close + 1..].to_string()));
    }
    out
}

/// The `extern "C"` symbols `NAME(args)` defines: the macro body with the parameters
/// substituted where they are pasted (`##P##`, `##P`) and the pastes removed.
fn expand(macros: &HashMap<String, (Vec<String>, String)>, line: &str) -> Vec<String> {
    let open = line.find('(').unwrap();
    let name = &line[..open];
    let args: Vec<&str> = line[open + 1..line.len() - 1]
        .split(',')
        .map(str::trim)
        .collect();
    let (params, body) = macros
        .get(name)
        .unwrap_or_else(|| panic!("no #define {name}"));
    assert_eq!(params.len(), args.len(), "{line}");
    let mut symbols = Vec::new();
    for decl in body.split("extern \"C\" __global__ void").skip(1) {
        let ident = decl.trim_start().split('(').next().unwrap().trim();
        let mut sym = String::new();
        for token in ident.split("##") {
            let token = token.trim();
            match params.iter().position(|p| p == token) {
                Some(i) => sym.push_str(args[i]),
                None => sym.push_str(token),
            }
        }
        symbols.push(sym);
    }
    symbols
}

#[test]
fn every_instantiation_expands_to_the_symbols_rust_expects() {
    let mut total = 0;
    for module in Module::ALL {
        let defs = macros(&sources::module_source(module));
        let cat = catalogue();
        let entries: Vec<_> = cat
            .entries()
            .iter()
            .filter(|e| e.module == module)
            .collect();
        assert!(!entries.is_empty(), "{module:?} has no kernels");
        for entry in entries {
            let expanded: BTreeSet<String> = expand(&defs, &entry.line).into_iter().collect();
            let expected: BTreeSet<String> = entry.symbols.iter().cloned().collect();
            assert_eq!(expanded, expected, "{}", entry.line);
            total += expected.len();
        }
    }
    // Symbols are unique across modules.
    let all: Vec<String> = Module::ALL
        .iter()
        .flat_map(|&m| catalogue().symbols(m))
        .collect();
    let unique: BTreeSet<&String> = all.iter().collect();
    assert_eq!(unique.len(), all.len());
    assert_eq!(total, all.len());
    assert!(total > 300, "only {total} kernels");
}

#[test]
fn every_op_function_and_type_a_line_uses_is_defined() {
    let all_sources = format!(
        "{COMMON}\n{}\n{}\n{}",
        sources::ELEMENTWISE,
        sources::REDUCE,
        sources::CONV
    );
    for entry in catalogue().entries() {
        let open = entry.line.find('(').unwrap();
        let (kind, args) = (
            &entry.line[..open],
            &entry.line[open + 1..entry.line.len() - 1],
        );
        let args: Vec<&str> = args.split(',').map(str::trim).collect();
        let (functor, types): (Option<String>, &[&str]) = match kind {
            "OX_BINARY" | "OX_UNARY" => (Some(format!("R ox_op_{}(", args[0])), &args[1..]),
            "OX_REDUCE_VALUE" => (Some(format!("struct {} {{", args[1])), &args[2..]),
            _ => (None, &args[..]),
        };
        if let Some(f) = functor {
            assert!(
                all_sources.contains(&f),
                "{}: no `{f}` in kernels/",
                entry.line
            );
        }
        for t in types {
            assert!(
                COMMON.contains(&format!(" {t};")),
                "{}: no typedef of {t} in kernels/common.cuh",
                entry.line
            );
        }
    }
}

#[test]
fn op_types_name_their_kernels() {
    // The scheme on a few core op types, and that the catalogue holds them.
    let cat = catalogue();
    for (sym, want) in [
        (binary_symbol::<ops::Add, f32>(false), "ox_binary_add_f32"),
        (
            binary_symbol::<ops::Divide, i32>(true),
            "ox_binary_divide_i32_strided",
        ),
        (
            binary_symbol::<ops::GreaterEqual, u8>(false),
            "ox_binary_greater_equal_u8",
        ),
        (
            unary_symbol::<ops::Abs, i64>(false),
            "ox_unary_absolute_i64",
        ),
        (
            unary_symbol::<ops::Sqrt, f64>(true),
            "ox_unary_sqrt_f64_strided",
        ),
    ] {
        assert_eq!(sym, want);
        assert!(cat.contains(&sym), "{sym} is not in the catalogue");
    }
    assert_eq!(<ops::Abs as Ufunc>::NAME, "absolute");
    // Result dtypes come from the core: integer division writes float64, comparisons bool.
    let line = |needle: &str| {
        cat.entries()
            .iter()
            .find(|e| e.line.starts_with(needle))
            .map(|e| e.line.clone())
            .unwrap()
    };
    assert_eq!(line("OX_BINARY(divide, i32"), "OX_BINARY(divide, i32, f64)");
    assert_eq!(line("OX_BINARY(less, f32"), "OX_BINARY(less, f32, b1)");
    assert_eq!(line("OX_UNARY(sqrt, i64"), "OX_UNARY(sqrt, i64, f64)");
    assert_eq!(
        line("OX_REDUCE_VALUE(sum, OxSum, i32"),
        "OX_REDUCE_VALUE(sum, OxSum, i32, i64, i64)"
    );
    // Every pair of kernel dtypes has a cast, every kernel dtype the creation kernels.
    for from in KERNEL_DTYPES {
        for to in KERNEL_DTYPES {
            assert!(cat.contains(&oxarray_cuda::naming::cast_symbol(from, to)));
        }
        assert!(cat.contains(&format!("ox_linspace_{}", dtype_code(from))));
    }
    assert!(!cat.contains("ox_binary_add_c64"));
    assert_eq!(dtype_code(DType::C128), "c128");
}
