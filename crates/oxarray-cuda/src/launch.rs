//! The kernel argument structs shared with `kernels/common.cuh` and the launch geometry.

use cudarc::driver::{DeviceRepr, LaunchConfig};

use crate::error::{CudaError, Result};

/// The most axes a kernel takes after merging (`OX_MAX_DIMS` in `kernels/common.cuh`).
pub const MAX_DIMS: usize = 8;

/// `OxStrided` of `kernels/common.cuh`: up to three operands over one index space (inputs
/// 0 and 1, output 2), each with its own strides and offset in elements.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Strided {
    /// Length of each axis (C order: the last varies fastest).
    pub shape: [i64; MAX_DIMS],
    /// Strides of each operand, in elements.
    pub strides: [[i64; MAX_DIMS]; 3],
    /// Element offset of each operand's element `[0, ..., 0]`.
    pub offset: [i64; 3],
    /// Number of elements of the index space.
    pub size: i64,
    /// Number of axes used.
    pub ndim: i32,
    pad: i32,
}

// SAFETY: `Strided` is `repr(C)`, plain integers, and matches `OxStrided` field for field
// (the kernel receives it by value as a parameter).
unsafe impl DeviceRepr for Strided {}

impl Strided {
    /// The index space `shape` with the given operands (strides, offset), at most three; an
    /// empty stride list stands for an unused operand.
    pub fn new(
        op: &'static str,
        shape: &[usize],
        operands: &[(&[isize], isize)],
    ) -> Result<Strided> {
        if shape.len() > MAX_DIMS {
            return Err(CudaError::TooManyDims {
                op,
                ndim: shape.len(),
                max: MAX_DIMS,
            });
        }
        debug_assert!(operands.len() <= 3);
        let mut s = Strided {
            ndim: shape.len() as i32,
            size: shape.iter().product::<usize>() as i64,
            ..Strided::default()
        };
        for (d, &len) in shape.iter().enumerate() {
            s.shape[d] = len as i64;
        }
        for (k, (strides, offset)) in operands.iter().enumerate() {
            debug_assert!(strides.is_empty() || strides.len() == shape.len());
            for (d, &st) in strides.iter().enumerate() {
                s.strides[k][d] = st as i64;
            }
            s.offset[k] = *offset as i64;
        }
        Ok(s)
    }
}

/// `OxReduce` of `kernels/reduce.cu`: the kept axes (input operand 0, output operand 2) and
/// the reduced axes (input operand 0).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Reduce {
    /// One output element per index.
    pub kept: Strided,
    /// The elements combined into each output element.
    pub red: Strided,
}

// SAFETY: `repr(C)` of two `Strided`, matching `OxReduce`.
unsafe impl DeviceRepr for Reduce {}

/// Threads per block of the elementwise kernels.
pub const THREADS: u32 = 256;

/// A grid-stride launch over `n` elements: enough blocks to fill the device, capped (the
/// kernels loop).
pub fn elementwise_config(n: usize) -> LaunchConfig {
    let blocks = n.div_ceil(THREADS as usize).clamp(1, 65_535 * 4) as u32;
    LaunchConfig {
        grid_dim: (blocks, 1, 1),
        block_dim: (THREADS, 1, 1),
        shared_mem_bytes: 0,
    }
}

/// One block per output element of a reduction (`OX_REDUCE_THREADS` threads), capped.
pub fn reduce_config(outputs: usize) -> LaunchConfig {
    LaunchConfig {
        grid_dim: (outputs.clamp(1, 65_535) as u32, 1, 1),
        block_dim: (256, 1, 1),
        shared_mem_bytes: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_argument_structs_match_the_cuda_layout() {
        // OxStrided: 8 + 24 + 3 + 1 eight-byte fields, then two ints.
        assert_eq!(size_of::<Strided>(), (MAX_DIMS * 4 + 4) * 8 + 8);
        assert_eq!(align_of::<Strided>(), 8);
        assert_eq!(size_of::<Reduce>(), 2 * size_of::<Strided>());
        let common = crate::sources::COMMON;
        assert!(common.contains(&format!("#define OX_MAX_DIMS {MAX_DIMS}")));
        assert!(crate::sources::REDUCE.contains("#define OX_REDUCE_THREADS 256"));
    }

    #[test]
    fn strided_args_refuse_too_many_axes() {
        let shape = [2usize; MAX_DIMS + 1];
        let strides = [1isize; MAX_DIMS + 1];
        let err = Strided::new("add", &shape, &[(&strides, 0)]).unwrap_err();
        assert!(matches!(
            err,
            CudaError::TooManyDims {
                op: "add",
                ndim: 9,
                max: 8
            }
        ));
        let s = Strided::new("add", &[3, 4], &[(&[4, 1], 5), (&[0, 1], 0)]).unwrap();
        assert_eq!((s.size, s.ndim, s.offset[0]), (12, 2, 5));
        assert_eq!(s.strides[1][..2], [0, 1]);
    }

    #[test]
    fn launch_geometry_covers_and_caps() {
        assert_eq!(elementwise_config(0).grid_dim.0, 1);
        assert_eq!(elementwise_config(257).grid_dim.0, 2);
        assert_eq!(elementwise_config(usize::MAX / 2).grid_dim.0, 65_535 * 4);
        assert_eq!(reduce_config(10).grid_dim.0, 10);
    }
}
