//! Where a device array's elements are: the core's [`Layout`] plus an element offset into a
//! device buffer of known length. Every view operation of [`DeviceArray`](crate::DeviceArray)
//! is a pure function here, written on top of the core's own layout functions (the same
//! `Layout` type and code as host arrays), and tested without a GPU.

use oxarray_core::elementwise::result_layout;
use oxarray_core::layout::normalize_axes;
use oxarray_core::slice::apply_slice;
use oxarray_core::{Error, Layout, Order, SliceArg, broadcast_shapes};

use crate::error::Result;
use crate::launch::{Reduce, Strided};

/// A layout inside a buffer of `len` elements, first element at `offset`.
///
/// ```
/// use oxarray_core::{s, Order};
/// use oxarray_cuda::place::Placement;
/// let p = Placement::contiguous(&[3, 4], Order::C);
/// let v = p.slice(&s![1.., ..;-1])?;     // a[1:, ::-1]
/// assert_eq!((&v.layout.shape[..], &v.layout.strides[..], v.offset), (&[2, 4][..], &[4, -1][..], 7));
/// # Ok::<(), oxarray_cuda::CudaError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// Shape and strides in elements.
    pub layout: Layout,
    /// Element offset of element `[0, ..., 0]` from the buffer's start.
    pub offset: isize,
    /// Elements in the buffer.
    pub len: usize,
}

impl Placement {
    /// A new contiguous array of `shape`.
    pub fn contiguous(shape: &[usize], order: Order) -> Placement {
        let layout = Layout::contiguous(shape, order);
        Placement {
            len: layout.size(),
            layout,
            offset: 0,
        }
    }

    /// A view with `layout` at `offset` in the same buffer (checked to stay inside it).
    fn view(&self, layout: Layout, offset: isize) -> Placement {
        let p = Placement {
            layout,
            offset,
            len: self.len,
        };
        debug_assert!(p.in_bounds(), "view outside its buffer: {p:?}");
        p
    }

    /// Whether every element lies inside the buffer.
    pub fn in_bounds(&self) -> bool {
        match self.layout.offset_span() {
            None => true,
            Some((lo, hi)) => self.offset + lo >= 0 && self.offset + hi < self.len as isize,
        }
    }

    /// The shape.
    pub fn shape(&self) -> &[usize] {
        &self.layout.shape
    }

    /// Basic slicing (`s![..]`), as the core's `slice`.
    pub fn slice(&self, args: &[SliceArg]) -> Result<Placement> {
        let (layout, off) = apply_slice(&self.layout, args)?;
        Ok(self.view(layout, self.offset + off))
    }

    /// Axes permuted (`None`: reversed, the transpose).
    pub fn permuted(&self, axes: Option<&[isize]>) -> Result<Placement> {
        Ok(self.view(self.layout.permuted(axes)?, self.offset))
    }

    /// Two axes swapped.
    pub fn swapped(&self, a: isize, b: isize) -> Result<Placement> {
        Ok(self.view(self.layout.swapped(a, b)?, self.offset))
    }

    /// Axes reversed (`None`: all).
    pub fn flipped(&self, axes: Option<&[isize]>) -> Result<Placement> {
        let (layout, off) = self.layout.flipped(axes)?;
        Ok(self.view(layout, self.offset + off))
    }

    /// Broadcast to `shape` (zero strides; read-only in NumPy, and here: kernels only read
    /// broadcast operands).
    pub fn broadcast_to(&self, shape: &[usize]) -> Result<Placement> {
        Ok(self.view(self.layout.broadcast_to(shape)?, self.offset))
    }

    /// Length-one axes inserted.
    pub fn expanded(&self, axes: &[isize]) -> Result<Placement> {
        Ok(self.view(self.layout.expanded(axes)?, self.offset))
    }

    /// Length-one axes removed.
    pub fn squeezed(&self, axes: Option<&[isize]>) -> Result<Placement> {
        Ok(self.view(self.layout.squeezed(axes)?, self.offset))
    }

    /// A view with `shape` when the elements allow it without a copy (C order), else `None`.
    pub fn reshaped(&self, shape: &[usize]) -> Result<Option<Placement>> {
        if shape.iter().product::<usize>() != self.layout.size() {
            return Err(Error::ShapeMismatch {
                expected: self.layout.shape.to_vec(),
                got: shape.to_vec(),
            }
            .into());
        }
        Ok(self
            .layout
            .reshaped(shape, Order::C)
            .map(|l| self.view(l, self.offset)))
    }

    /// Whether the elements are adjacent in C order from `offset` (the fast kernels' case).
    pub fn is_c_contiguous(&self) -> bool {
        self.layout.is_c_contiguous()
    }
}

/// The shape of a broadcast and each operand's placement broadcast to it.
///
/// ```
/// use oxarray_core::Order;
/// use oxarray_cuda::place::{broadcast, Placement};
/// let a = Placement::contiguous(&[3, 1], Order::C);
/// let b = Placement::contiguous(&[4], Order::C);
/// let (shape, ops) = broadcast(&[&a, &b])?;
/// assert_eq!(shape, [3, 4]);
/// assert_eq!(&ops[1].layout.strides[..], &[0, 1]);
/// # Ok::<(), oxarray_cuda::CudaError>(())
/// ```
pub fn broadcast(operands: &[&Placement]) -> Result<(Vec<usize>, Vec<Placement>)> {
    let shapes: Vec<&[usize]> = operands.iter().map(|p| p.shape()).collect();
    let shape = broadcast_shapes(&shapes)?;
    let ops = operands
        .iter()
        .map(|p| p.broadcast_to(&shape))
        .collect::<Result<_>>()?;
    Ok((shape, ops))
}

/// The placement of a new result for inputs of `shape`: NumPy's `order='K'`, the core's one
/// rule (`result_layout`), so a device result has the strides a host result would have.
pub fn result_placement(shape: &[usize], inputs: &[&Placement]) -> Placement {
    let layouts: Vec<&Layout> = inputs.iter().map(|p| &p.layout).collect();
    let layout = result_layout(shape, &layouts);
    Placement {
        len: layout.size(),
        layout,
        offset: 0,
    }
}

/// The kernel arguments of an elementwise loop over operands of one shape (inputs first,
/// output last; at most three): length-one axes dropped and axes merged where every operand
/// is contiguous across them, so most views reach the kernel with one or two axes.
///
/// ```
/// use oxarray_core::Order;
/// use oxarray_cuda::place::{strided_args, Placement};
/// let a = Placement::contiguous(&[4, 5, 6], Order::C);
/// let s = strided_args("add", &[&a, &a])?;
/// assert_eq!((s.ndim, s.shape[0], s.strides[2][0]), (1, 120, 1)); // input 0, output 2
/// # Ok::<(), oxarray_cuda::CudaError>(())
/// ```
pub fn strided_args(op: &'static str, operands: &[&Placement]) -> Result<Strided> {
    let shape = operands[0].shape();
    debug_assert!(operands.iter().all(|p| p.shape() == shape));
    let (merged, strides) = merge_axes(shape, operands);
    let refs: Vec<(&[isize], isize)> = strides
        .iter()
        .zip(operands)
        .map(|(s, p)| (&s[..], p.offset))
        .collect();
    if operands.len() == 2 {
        // Unary and cast kernels read operand 0 and write operand 2.
        Strided::new(op, &merged, &[refs[0], (&[], 0), refs[1]])
    } else {
        Strided::new(op, &merged, &refs)
    }
}

/// Drops length-one axes and merges neighbouring axes that are contiguous in every operand
/// (C order, so the linear index order of the kernels is kept).
fn merge_axes(shape: &[usize], operands: &[&Placement]) -> (Vec<usize>, Vec<Vec<isize>>) {
    let mut merged: Vec<usize> = Vec::new();
    let mut strides: Vec<Vec<isize>> = vec![Vec::new(); operands.len()];
    if shape.contains(&0) {
        return (vec![0], vec![vec![0]; operands.len()]);
    }
    for (d, &len) in shape.iter().enumerate() {
        if len == 1 {
            continue;
        }
        let joinable = !merged.is_empty()
            && operands
                .iter()
                .zip(&strides)
                .all(|(p, s)| *s.last().unwrap() == p.layout.strides[d] * len as isize);
        if joinable {
            *merged.last_mut().unwrap() *= len;
            for (p, s) in operands.iter().zip(&mut strides) {
                *s.last_mut().unwrap() = p.layout.strides[d];
            }
        } else {
            merged.push(len);
            for (p, s) in operands.iter().zip(&mut strides) {
                s.push(p.layout.strides[d]);
            }
        }
    }
    (merged, strides)
}

/// A reduction's plan: the result's shape and the kernel arguments.
#[derive(Debug, Clone, PartialEq)]
pub struct ReducePlan {
    /// The result's shape (with length-one axes where `keepdims`).
    pub out_shape: Vec<usize>,
    /// Kernel arguments: kept axes (input and output strides) and reduced axes.
    pub args: Reduce,
    /// The number of elements combined into each result element.
    pub count: usize,
}

/// Plans reducing `input` over `axes` (`None`: all), as NumPy's `axis=` and `keepdims=`.
/// The result is a new C-contiguous array.
///
/// ```
/// use oxarray_core::Order;
/// use oxarray_cuda::place::{reduce_plan, Placement};
/// let a = Placement::contiguous(&[2, 3, 4], Order::C);
/// let p = reduce_plan("sum", &a, Some(&[1]), true)?;
/// assert_eq!((p.out_shape.as_slice(), p.count), (&[2, 1, 4][..], 3));
/// # Ok::<(), oxarray_cuda::CudaError>(())
/// ```
pub fn reduce_plan(
    op: &'static str,
    input: &Placement,
    axes: Option<&[isize]>,
    keepdims: bool,
) -> Result<ReducePlan> {
    let ndim = input.layout.ndim();
    let reduced: Vec<usize> = match axes {
        None => (0..ndim).collect(),
        Some(axes) => normalize_axes(axes, ndim, op)?,
    };
    let is_reduced = |d: usize| reduced.contains(&d);
    let (mut kept_shape, mut kept_in, mut red_shape, mut red_in) = (vec![], vec![], vec![], vec![]);
    let mut out_shape = Vec::new();
    for d in 0..ndim {
        let (len, st) = (input.layout.shape[d], input.layout.strides[d]);
        if is_reduced(d) {
            red_shape.push(len);
            red_in.push(st);
            if keepdims {
                out_shape.push(1);
            }
        } else {
            kept_shape.push(len);
            kept_in.push(st);
            out_shape.push(len);
        }
    }
    let kept_out = oxarray_core::layout::c_strides(&kept_shape);
    let kept = Strided::new(
        op,
        &kept_shape,
        &[(&kept_in, input.offset), (&[], 0), (&kept_out, 0)],
    )?;
    let red = Strided::new(op, &red_shape, &[(&red_in, 0)])?;
    let count = red_shape.iter().product();
    Ok(ReducePlan {
        out_shape,
        args: Reduce { kept, red },
        count,
    })
}

impl From<Placement> for Layout {
    fn from(p: Placement) -> Layout {
        p.layout
    }
}

#[cfg(test)]
#[path = "place_tests.rs"]
mod tests;
