//! `torch.nn.functional.conv2d`: batched NCHW convolution (PyTorch's cross-correlation) with
//! stride, padding, dilation, groups and bias.
//!
//! The work splits into units of (batch item, group, output row). Each unit gathers its
//! input patch once, im2col style: one row of `OW` values per (input channel, kernel row,
//! kernel column) of the group, zero where the window leaves the padded image; then every
//! output channel of the group is one call of the crate's row kernel over those rows with
//! the channel's weights, a small matrix product whose rows stay in cache. Units run on all
//! cores.

use oxarray_core::parallel::{SendPtr, for_each_range};
use oxarray_core::{Array, ArrayView, ArrayViewMut, AsArrayView, WriteArray};

use crate::element::ConvElement;
use crate::error::{ConvError, Result};
use crate::operand::simd_enabled;

/// The `padding=` of `conv2d`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Padding {
    /// Zeros added on both sides: `[top and bottom, left and right]` (PyTorch's numbers).
    Explicit([usize; 2]),
    /// No padding (`'valid'`, the default).
    #[default]
    Valid,
    /// The output has the input's size (`'same'`, stride 1 only); an odd total pads one more
    /// on the bottom / right, as PyTorch.
    Same,
}

/// The options of `conv2d`: PyTorch's defaults are `stride=1, padding=0, dilation=1,
/// groups=1`.
///
/// ```
/// use oxarray_conv::{Conv2dOptions, Padding};
/// let o = Conv2dOptions { padding: Padding::Explicit([1, 1]), groups: 2, ..Default::default() };
/// assert_eq!(o.stride, [1, 1]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Conv2dOptions {
    /// Steps between output positions, `[height, width]`.
    pub stride: [usize; 2],
    /// The zero padding.
    pub padding: Padding,
    /// Spacing between kernel taps, `[height, width]`.
    pub dilation: [usize; 2],
    /// Input and output channels split into this many independent groups (`groups =
    /// channels` is a depthwise convolution).
    pub groups: usize,
}

impl Default for Conv2dOptions {
    fn default() -> Self {
        Conv2dOptions {
            stride: [1, 1],
            padding: Padding::Valid,
            dilation: [1, 1],
            groups: 1,
        }
    }
}

/// The 2-D convolution of a batch, as `torch.nn.functional.conv2d(input, weight, bias,
/// stride, padding, dilation, groups)`: `input` is `(N, C_in, H, W)` (or `(C_in, H, W)`,
/// unbatched), `weight` `(C_out, C_in / groups, kH, kW)`, `bias` `C_out` values;
/// `out[n, o, y, x] = bias[o] + sum_{c, i, j} input[n, g(o) + c, y*sH - pH + i*dH,
/// x*sW - pW + j*dW] * weight[o, c, i, j]`, zero outside the image (a cross-correlation, as
/// PyTorch's). Any layout is read in place.
///
/// ```
/// use oxarray_conv::{conv2d, Conv2dOptions, Padding};
/// use oxarray_core::Array;
/// let x = Array::<f32>::from_shape_fn([1, 1, 3, 3], |i| (i[2] * 3 + i[3]) as f32)?;
/// let w = Array::<f32>::ones([2, 1, 2, 2])?;
/// let y = conv2d(&x, &w, Some(&[0.0, 100.0]), &Conv2dOptions::default())?;
/// assert_eq!(y.shape(), &[1, 2, 2, 2]);
/// assert_eq!(y.to_vec(), vec![8.0, 12.0, 20.0, 24.0, 108.0, 112.0, 120.0, 124.0]);
/// # Ok::<(), oxarray_conv::ConvError>(())
/// ```
pub fn conv2d<T: ConvElement>(
    input: impl AsArrayView<T>,
    weight: impl AsArrayView<T>,
    bias: Option<&[T]>,
    opts: &Conv2dOptions,
) -> Result<Array<T>> {
    let (x, w) = (input.as_view(), weight.as_view());
    let plan = Plan::new(&x, &w, bias, opts)?;
    let mut out = Array::<T>::zeros(plan.out_shape(x.ndim()))?;
    plan.run(&x, &w, bias, &mut out.view_mut());
    Ok(out)
}

/// [`conv2d`] into `out`, an array or view of the result's shape.
///
/// ```
/// use oxarray_conv::{conv2d_into, Conv2dOptions, Padding};
/// use oxarray_core::Array;
/// let x = Array::<f64>::ones([2, 4, 5, 5])?;
/// let w = Array::<f64>::ones([4, 1, 3, 3])?; // depthwise
/// let opts = Conv2dOptions { padding: Padding::Same, groups: 4, ..Default::default() };
/// let mut out = Array::<f64>::zeros([2, 4, 5, 5])?;
/// conv2d_into(&x, &w, None, &opts, &mut out)?;
/// assert_eq!(out.get(&[1, 3, 0, 0])?, &4.0);
/// assert_eq!(out.get(&[1, 3, 2, 2])?, &9.0);
/// # Ok::<(), oxarray_conv::ConvError>(())
/// ```
pub fn conv2d_into<T: ConvElement>(
    input: impl AsArrayView<T>,
    weight: impl AsArrayView<T>,
    bias: Option<&[T]>,
    opts: &Conv2dOptions,
    mut out: impl WriteArray<T>,
) -> Result<()> {
    let (x, w) = (input.as_view(), weight.as_view());
    let plan = Plan::new(&x, &w, bias, opts)?;
    let mut view = out.write_view();
    let expected = plan.out_shape(x.ndim());
    if view.shape() != expected.as_slice() {
        return Err(ConvError::OutShape {
            func: "conv2d",
            expected,
            got: view.shape().to_vec(),
        });
    }
    plan.run(&x, &w, bias, &mut view);
    Ok(())
}

/// The checked geometry of one call.
#[derive(Debug)]
struct Plan {
    n: usize,
    c_in: usize,
    h: usize,
    w: usize,
    c_out: usize,
    kh: usize,
    kw: usize,
    groups: usize,
    stride: [usize; 2],
    dilation: [usize; 2],
    pad: [usize; 2],
    oh: usize,
    ow: usize,
}

impl Plan {
    fn new<T: ConvElement>(
        x: &ArrayView<'_, T>,
        wt: &ArrayView<'_, T>,
        bias: Option<&[T]>,
        opts: &Conv2dOptions,
    ) -> Result<Plan> {
        let fail = |reason: String| ConvError::Conv2dShape {
            reason,
            input: x.shape().to_vec(),
            weight: wt.shape().to_vec(),
            groups: opts.groups,
        };
        let xs = match x.ndim() {
            4 => x.shape().to_vec(),
            3 => [&[1], x.shape()].concat(),
            d => return Err(fail(format!("expected a 3-D or 4-D input, got {d}-D"))),
        };
        if wt.ndim() != 4 {
            return Err(fail(format!("expected a 4-D weight, got {}-D", wt.ndim())));
        }
        let ws = wt.shape();
        let groups = opts.groups;
        if groups == 0 {
            return Err(fail("groups must be positive".into()));
        }
        if !ws[0].is_multiple_of(groups) {
            return Err(fail(format!(
                "out_channels {} not divisible by groups",
                ws[0]
            )));
        }
        if ws[1] * groups != xs[1] {
            return Err(fail(format!(
                "expected the input to have {} channels (weight.shape[1] x groups), got {}",
                ws[1] * groups,
                xs[1]
            )));
        }
        if let Some(b) = bias
            && b.len() != ws[0]
        {
            return Err(fail(format!(
                "bias has {} values, expected {}",
                b.len(),
                ws[0]
            )));
        }
        if opts.stride.contains(&0) || opts.dilation.contains(&0) {
            return Err(fail("stride and dilation must be positive".into()));
        }
        let span = |d: usize| opts.dilation[d] * (ws[2 + d].max(1) - 1) + 1;
        let (pad, pad_end) = match opts.padding {
            Padding::Explicit(p) => (p, p),
            Padding::Valid => ([0, 0], [0, 0]),
            Padding::Same => {
                if opts.stride != [1, 1] {
                    return Err(fail(
                        "padding 'same' is not supported for strided convolutions".into(),
                    ));
                }
                let total = [span(0) - 1, span(1) - 1];
                (
                    [total[0] / 2, total[1] / 2],
                    [total[0] - total[0] / 2, total[1] - total[1] / 2],
                )
            }
        };
        let mut out = [0usize; 2];
        for d in 0..2 {
            let padded = xs[2 + d] + pad[d] + pad_end[d];
            if ws[2 + d] == 0 || padded < span(d) {
                return Err(fail(format!(
                    "the padded input ({padded}) is smaller than the dilated kernel ({}) along axis {}",
                    span(d),
                    2 + d
                )));
            }
            out[d] = (padded - span(d)) / opts.stride[d] + 1;
        }
        Ok(Plan {
            n: xs[0],
            c_in: xs[1],
            h: xs[2],
            w: xs[3],
            c_out: ws[0],
            kh: ws[2],
            kw: ws[3],
            groups,
            stride: opts.stride,
            dilation: opts.dilation,
            pad,
            oh: out[0],
            ow: out[1],
        })
    }

    fn out_shape(&self, ndim: usize) -> Vec<usize> {
        if ndim == 3 {
            vec![self.c_out, self.oh, self.ow]
        } else {
            vec![self.n, self.c_out, self.oh, self.ow]
        }
    }

    /// Runs into `out` (checked shape).
    fn run<T: ConvElement>(
        &self,
        x: &ArrayView<'_, T>,
        wt: &ArrayView<'_, T>,
        bias: Option<&[T]>,
        out: &mut ArrayViewMut<'_, T>,
    ) {
        let simd = simd_enabled();
        let batched = |s: &[isize]| -> [isize; 4] {
            if s.len() == 3 {
                [0, s[0], s[1], s[2]]
            } else {
                [s[0], s[1], s[2], s[3]]
            }
        };
        let (xs, os) = (batched(x.strides()), batched(out.strides()));
        let (cin_g, cout_g) = (self.c_in / self.groups, self.c_out / self.groups);
        let taps = cin_g * self.kh * self.kw;
        // Each output channel's weights, contiguous in (channel, row, column) order.
        let weights: Vec<T> = wt.to_vec();
        let bias: Vec<T> = bias.map_or_else(|| vec![T::zero(); self.c_out], <[T]>::to_vec);
        if self.n * self.c_out * self.oh * self.ow == 0 {
            return;
        }
        let (xp, op) = (
            SendPtr::from_const(x.as_ptr()),
            SendPtr::new(out.as_mut_ptr()),
        );
        let units = self.n * self.groups * self.oh;
        let ow = self.ow;
        for_each_range(units, cout_g * taps * ow, |range| {
            let (xp, op) = (xp.get().cast_const(), op.get());
            let mut cols = vec![T::zero(); taps * ow];
            let zeros = vec![T::zero(); ow];
            let mut rows: Vec<*const T> = vec![std::ptr::null(); taps];
            let mut line = vec![T::zero(); ow];
            for u in range {
                let (oy, rest) = (u % self.oh, u / self.oh);
                let (g, n) = (rest % self.groups, rest / self.groups);
                for c in 0..cin_g {
                    let ch = g * cin_g + c;
                    for i in 0..self.kh {
                        let iy = (oy * self.stride[0] + i * self.dilation[0]) as isize
                            - self.pad[0] as isize;
                        for j in 0..self.kw {
                            let r = (c * self.kh + i) * self.kw + j;
                            if iy < 0 || iy >= self.h as isize {
                                rows[r] = zeros.as_ptr();
                                continue;
                            }
                            let buf = &mut cols[r * ow..(r + 1) * ow];
                            let base = n as isize * xs[0] + ch as isize * xs[1] + iy * xs[2];
                            for (ox, slot) in buf.iter_mut().enumerate() {
                                let ix = (ox * self.stride[1] + j * self.dilation[1]) as isize
                                    - self.pad[1] as isize;
                                *slot = if ix < 0 || ix >= self.w as isize {
                                    T::zero()
                                } else {
                                    // SAFETY: `(n, ch, iy, ix)` is inside the input view.
                                    unsafe { xp.offset(base + ix * xs[3]).read() }
                                };
                            }
                            rows[r] = buf.as_ptr();
                        }
                    }
                }
                for o in g * cout_g..(g + 1) * cout_g {
                    // SAFETY: every row pointer reads `ow` values (the gathered rows or the
                    // zero row, kernel width 1); `line` holds `ow` values of its own.
                    unsafe {
                        T::correlate_row(
                            &rows,
                            &weights[o * taps..(o + 1) * taps],
                            1,
                            ow,
                            line.as_mut_ptr(),
                            simd,
                        )
                    };
                    let base = n as isize * os[0] + o as isize * os[1] + oy as isize * os[2];
                    for (ox, &v) in line.iter().enumerate() {
                        // SAFETY: `(n, o, oy, ox)` is inside `out`, and only the unit
                        // `(n, g, oy)` writes it (`for_each_range` hands out disjoint units).
                        unsafe {
                            op.offset(base + ox as isize * os[3]).write(T::mul_add(
                                v,
                                bias[o],
                                T::one(),
                            ))
                        };
                    }
                }
            }
        });
    }
}
