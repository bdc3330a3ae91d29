//! The one naming scheme from Rust op types to kernel symbols, and the catalogue of every
//! kernel the modules in `kernels/` instantiate.
//!
//! A symbol is `ox_{family}_{op}_{dtype}`: the family (`binary`, `unary`, `reduce`, ...),
//! the op's NumPy name ([`Ufunc::NAME`] of the core's op types: `Add` is `add`) and the
//! short code of the input dtype ([`dtype_code`]: `f32`, `i64`, `b1`, ...). Binary and unary
//! ops also have a `_strided` twin for operands that are not contiguous.
//!
//! The catalogue is written once, in Rust, as (op type, element type) pairs: the result
//! dtype of each kernel comes from the core's trait impls (`<Divide as BinaryOp<i32>>::Output`
//! is `f64`, as NumPy), so a kernel cannot disagree with the CPU on it, and a pair the CPU
//! does not support does not compile. From the catalogue come both the instantiation lines
//! appended to each module's source (`OX_BINARY(add, f32, f32)`) and the list of symbols
//! that the tests look for in the compiled PTX.
//!
//! ```
//! use oxarray_core::elementwise::ops::Add;
//! use oxarray_cuda::naming::{binary_symbol, catalogue, Module};
//! let name = binary_symbol::<Add, f32>(false);
//! assert_eq!(name, "ox_binary_add_f32");
//! assert!(catalogue().symbols(Module::Elementwise).contains(&name));
//! ```

use std::collections::HashSet;
use std::sync::LazyLock;

use oxarray_core::elementwise::ops::{self, BinaryOp, UnaryOp};
use oxarray_core::{DType, Element};
use oxarray_ufunc::ReduceElement;

/// The short code of a dtype in kernel symbols and in the CUDA sources' typedefs.
///
/// ```
/// use oxarray_core::DType;
/// assert_eq!(oxarray_cuda::naming::dtype_code(DType::F64), "f64");
/// assert_eq!(oxarray_cuda::naming::dtype_code(DType::Bool), "b1");
/// ```
pub const fn dtype_code(dtype: DType) -> &'static str {
    match dtype {
        DType::Bool => "b1",
        DType::I8 => "i8",
        DType::I16 => "i16",
        DType::I32 => "i32",
        DType::I64 => "i64",
        DType::U8 => "u8",
        DType::U16 => "u16",
        DType::U32 => "u32",
        DType::U64 => "u64",
        DType::F16 => "f16",
        DType::BF16 => "bf16",
        DType::F32 => "f32",
        DType::F64 => "f64",
        DType::C64 => "c64",
        DType::C128 => "c128",
    }
}

/// `ox_{family}_{op}_{dtype}`, the symbol of every kernel entry point.
///
/// ```
/// use oxarray_core::DType;
/// assert_eq!(oxarray_cuda::naming::symbol("reduce", "sum", DType::I32), "ox_reduce_sum_i32");
/// ```
pub fn symbol(family: &str, op: &str, dtype: DType) -> String {
    format!("ox_{family}_{op}_{}", dtype_code(dtype))
}

/// The kernel of the binary op type `Op` on `T` (contiguous, or the `_strided` twin).
///
/// ```
/// use oxarray_core::elementwise::ops::Less;
/// assert_eq!(oxarray_cuda::naming::binary_symbol::<Less, i64>(true), "ox_binary_less_i64_strided");
/// ```
pub fn binary_symbol<Op: BinaryOp<T>, T: Element>(strided: bool) -> String {
    with_stride(symbol("binary", Op::NAME, T::DTYPE), strided)
}

/// The kernel of the unary op type `Op` on `T` (contiguous, or the `_strided` twin).
///
/// ```
/// use oxarray_core::elementwise::ops::Sqrt;
/// assert_eq!(oxarray_cuda::naming::unary_symbol::<Sqrt, f32>(false), "ox_unary_sqrt_f32");
/// ```
pub fn unary_symbol<Op: UnaryOp<T>, T: Element>(strided: bool) -> String {
    with_stride(symbol("unary", Op::NAME, T::DTYPE), strided)
}

/// The kernel converting `from` to `to` between any two views (`astype`, copies).
///
/// ```
/// use oxarray_core::DType;
/// assert_eq!(oxarray_cuda::naming::cast_symbol(DType::F64, DType::I32), "ox_cast_f64_i32");
/// ```
pub fn cast_symbol(from: DType, to: DType) -> String {
    format!("ox_cast_{}_{}", dtype_code(from), dtype_code(to))
}

fn with_stride(name: String, strided: bool) -> String {
    if strided { name + "_strided" } else { name }
}

/// A kernel module: one source file of `kernels/`, compiled by NVRTC as one program.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Module {
    /// `kernels/elementwise.cu`: binary and unary ufuncs, casts, creation.
    Elementwise,
    /// `kernels/reduce.cu`: reductions over axes.
    Reduce,
    /// `kernels/conv.cu`: direct 2-D convolution.
    Conv,
}

impl Module {
    /// Every module.
    pub const ALL: [Module; 3] = [Module::Elementwise, Module::Reduce, Module::Conv];

    /// The module's name (its file stem in `kernels/`).
    pub const fn name(self) -> &'static str {
        match self {
            Module::Elementwise => "elementwise",
            Module::Reduce => "reduce",
            Module::Conv => "conv",
        }
    }
}

/// One instantiation line of a module and the symbols it defines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The module whose source the line is appended to.
    pub module: Module,
    /// The macro invocation (`OX_BINARY(add, f32, f32)`).
    pub line: String,
    /// The `extern "C"` symbols the line defines.
    pub symbols: Vec<String>,
}

impl Entry {
    fn binary<Op: BinaryOp<T>, T: Element>() -> Entry {
        Entry {
            module: Module::Elementwise,
            line: format!(
                "OX_BINARY({}, {}, {})",
                Op::NAME,
                dtype_code(T::DTYPE),
                dtype_code(<Op::Output as Element>::DTYPE)
            ),
            symbols: vec![binary_symbol::<Op, T>(false), binary_symbol::<Op, T>(true)],
        }
    }

    fn unary<Op: UnaryOp<T>, T: Element>() -> Entry {
        Entry {
            module: Module::Elementwise,
            line: format!(
                "OX_UNARY({}, {}, {})",
                Op::NAME,
                dtype_code(T::DTYPE),
                dtype_code(<Op::Output as Element>::DTYPE)
            ),
            symbols: vec![unary_symbol::<Op, T>(false), unary_symbol::<Op, T>(true)],
        }
    }

    fn cast(from: DType, to: DType) -> Entry {
        Entry {
            module: Module::Elementwise,
            line: format!("OX_CAST({}, {})", dtype_code(from), dtype_code(to)),
            symbols: vec![cast_symbol(from, to)],
        }
    }

    fn create(t: DType) -> Entry {
        Entry {
            module: Module::Elementwise,
            line: format!("OX_CREATE({})", dtype_code(t)),
            symbols: ["fill", "arange", "linspace"]
                .map(|f| format!("ox_{f}_{}", dtype_code(t)))
                .into(),
        }
    }

    fn reduce_values<T: ReduceElement>() -> Vec<Entry> {
        let (t, acc, sum) = (T::DTYPE, <T::SumAcc as Element>::DTYPE, T::Sum::DTYPE);
        let code = dtype_code;
        let value = |name: &str, functor: &str, acc: DType, out: DType| Entry {
            module: Module::Reduce,
            line: format!(
                "OX_REDUCE_VALUE({name}, {functor}, {}, {}, {})",
                code(t),
                code(acc),
                code(out)
            ),
            symbols: vec![symbol("reduce", name, t)],
        };
        vec![
            value("sum", "OxSum", acc, sum),
            value("prod", "OxProd", acc, sum),
            value("max", "OxMax", t, t),
            value("min", "OxMin", t, t),
            Entry {
                module: Module::Reduce,
                line: format!(
                    "OX_REDUCE_MEAN({}, {})",
                    code(t),
                    code(<T::MeanAcc as Element>::DTYPE)
                ),
                symbols: ["mean", "var", "std"]
                    .map(|n| symbol("reduce", n, t))
                    .into(),
            },
            Entry {
                module: Module::Reduce,
                line: format!("OX_REDUCE_FLAG({})", code(t)),
                symbols: ["any", "all"].map(|n| symbol("reduce", n, t)).into(),
            },
            Entry {
                module: Module::Reduce,
                line: format!("OX_REDUCE_ARG({})", code(t)),
                symbols: ["argmax", "argmin"].map(|n| symbol("reduce", n, t)).into(),
            },
        ]
    }

    fn conv(t: DType) -> Entry {
        Entry {
            module: Module::Conv,
            line: format!("OX_CONV2D({})", dtype_code(t)),
            symbols: vec![symbol("conv2d", "direct", t)],
        }
    }
}

/// Every kernel of every module, in module order.
#[derive(Debug)]
pub struct Catalogue {
    entries: Vec<Entry>,
    symbols: HashSet<String>,
}

/// The element types with kernels (the CUDA build covers the common numeric types; f16,
/// bf16 and complex arrays can be held and copied, not yet computed on).
pub const KERNEL_DTYPES: [DType; 7] = [
    DType::Bool,
    DType::I32,
    DType::I64,
    DType::U8,
    DType::U32,
    DType::F32,
    DType::F64,
];

macro_rules! entries {
    ($kind:ident: $($op:ident => [$($t:ty),*];)*) => {
        [$($(Entry::$kind::<ops::$op, $t>(),)*)*]
    };
}

impl Catalogue {
    fn build() -> Catalogue {
        let mut entries = Vec::new();
        entries.extend(entries! { binary:
            Add => [bool, i32, i64, u8, u32, f32, f64];
            Subtract => [i32, i64, u8, u32, f32, f64];
            Multiply => [bool, i32, i64, u8, u32, f32, f64];
            Divide => [i32, i64, f32, f64];
            Maximum => [i32, i64, u8, u32, f32, f64];
            Minimum => [i32, i64, u8, u32, f32, f64];
            Power => [f32, f64];
            Arctan2 => [f32, f64];
            Hypot => [f32, f64];
            Equal => [bool, i32, i64, u8, u32, f32, f64];
            NotEqual => [bool, i32, i64, u8, u32, f32, f64];
            Less => [i32, i64, u8, u32, f32, f64];
            LessEqual => [i32, i64, u8, u32, f32, f64];
            Greater => [i32, i64, u8, u32, f32, f64];
            GreaterEqual => [i32, i64, u8, u32, f32, f64];
            LogicalAnd => [bool, i32, i64, f32, f64];
            LogicalOr => [bool, i32, i64, f32, f64];
            LogicalXor => [bool, i32, i64, f32, f64];
            BitwiseAnd => [bool, i32, i64, u8, u32];
            BitwiseOr => [bool, i32, i64, u8, u32];
            BitwiseXor => [bool, i32, i64, u8, u32];
        });
        entries.extend(entries! { unary:
            Negative => [i32, i64, f32, f64];
            Abs => [i32, i64, f32, f64];
            Square => [i32, i64, f32, f64];
            Sqrt => [i32, i64, f32, f64];
            Exp => [i32, i64, f32, f64];
            Log => [i32, i64, f32, f64];
            Sin => [f32, f64];
            Cos => [f32, f64];
            Tanh => [f32, f64];
            Floor => [f32, f64];
            Ceil => [f32, f64];
            Isnan => [f32, f64];
            LogicalNot => [bool, i32, i64, f32, f64];
        });
        for from in KERNEL_DTYPES {
            for to in KERNEL_DTYPES {
                entries.push(Entry::cast(from, to));
            }
            entries.push(Entry::create(from));
        }
        entries.extend(Entry::reduce_values::<i32>());
        entries.extend(Entry::reduce_values::<i64>());
        entries.extend(Entry::reduce_values::<u32>());
        entries.extend(Entry::reduce_values::<f32>());
        entries.extend(Entry::reduce_values::<f64>());
        entries.push(Entry::conv(DType::F32));
        entries.push(Entry::conv(DType::F64));
        let symbols = entries
            .iter()
            .flat_map(|e| e.symbols.iter().cloned())
            .collect();
        Catalogue { entries, symbols }
    }

    /// The instantiation lines appended to `module`'s source.
    pub fn footer(&self, module: Module) -> String {
        let mut out =
            String::from("\n// ---- instantiations (crates/oxarray-cuda/src/naming.rs) ----\n");
        for e in self.entries.iter().filter(|e| e.module == module) {
            out.push_str(&e.line);
            out.push('\n');
        }
        out
    }

    /// Every symbol `module` defines.
    pub fn symbols(&self, module: Module) -> Vec<String> {
        self.entries
            .iter()
            .filter(|e| e.module == module)
            .flat_map(|e| e.symbols.iter().cloned())
            .collect()
    }

    /// Whether any module defines `symbol`.
    pub fn contains(&self, symbol: &str) -> bool {
        self.symbols.contains(symbol)
    }

    /// Every entry.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }
}

/// The catalogue, built once.
pub fn catalogue() -> &'static Catalogue {
    static CATALOGUE: LazyLock<Catalogue> = LazyLock::new(Catalogue::build);
    &CATALOGUE
}
