//! The CUDA sources of `kernels/`, embedded at build time, and the full text of each module
//! as NVRTC compiles it: the shared header, the module's file, the catalogue's instantiations.

use crate::naming::{Module, catalogue};

/// `kernels/common.cuh`: typedefs, limits, the strided index helper.
pub const COMMON: &str = include_str!("../../../kernels/common.cuh");
/// `kernels/elementwise.cu`.
pub const ELEMENTWISE: &str = include_str!("../../../kernels/elementwise.cu");
/// `kernels/reduce.cu`.
pub const REDUCE: &str = include_str!("../../../kernels/reduce.cu");
/// `kernels/conv.cu`.
pub const CONV: &str = include_str!("../../../kernels/conv.cu");

/// The file of `kernels/` behind a module.
pub const fn file(module: Module) -> &'static str {
    match module {
        Module::Elementwise => ELEMENTWISE,
        Module::Reduce => REDUCE,
        Module::Conv => CONV,
    }
}

/// The complete source NVRTC compiles for `module`.
///
/// ```
/// use oxarray_cuda::naming::Module;
/// let src = oxarray_cuda::sources::module_source(Module::Elementwise);
/// assert!(src.contains("OX_BINARY(add, f32, f32)"));
/// assert!(src.starts_with("// Shared definitions"));
/// ```
pub fn module_source(module: Module) -> String {
    with_common(file(module), &catalogue().footer(module))
}

/// The shared header, `body` and `footer` as one program (also used for generated fused
/// kernels).
pub fn with_common(body: &str, footer: &str) -> String {
    let mut src = String::with_capacity(COMMON.len() + body.len() + footer.len() + 2);
    src.push_str(COMMON);
    src.push('\n');
    src.push_str(body);
    src.push('\n');
    src.push_str(footer);
    src
}
