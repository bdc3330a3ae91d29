//! Fused elementwise expressions: a whole NumPy line evaluated in one pass over memory.
//!
//! NumPy evaluates `2.5 * x + 1.2` as two ufunc calls: one full pass that writes a temporary
//! `2.5 * x`, then a second pass over the temporary. Here the same line builds a [`Lazy`]
//! expression (its type records the operation tree; building costs nothing) and evaluates it
//! once: a single compiled loop (SIMD, AVX-512 where the CPU has it) computes the whole line
//! per element with the intermediate values in registers, each input is read once, the output
//! is written once (with streaming stores when it is larger than the cache), and there is no
//! temporary at all. The work is split over all cores (rayon) above a size threshold.
//!
//! | NumPy | oxarray |
//! |---|---|
//! | `y = 2.5 * x + 1.2` | `let y = (lazy(&x) * 2.5 + 1.2).eval()?;` (or `2.5 * lazy(&x) + 1.2`) |
//! | `np.multiply(x, 2.5, out=y); np.add(y, 1.2, out=y)` | `(lazy(&x) * 2.5 + 1.2).eval_into(&mut y)?;` |
//! | `z = (m - mu) / sd` (mu, sd broadcast) | `let z = ((lazy(&m) - &mu) / &sd).eval()?;` |
//! | `x *= 5; x *= x; x += x` | `update(&mut x, \|x\| { let t = x * 5.0; let u = t.clone() * t; u.clone() + u })?;` |
//! | `x[::2] += 1` | `update(x.slice_mut(s![..;2])?, \|v\| v + 1.0)?;` |
//! | `np.sqrt(a**2 + b**2)` | `(lazy(&a).square() + lazy(&b).square()).sqrt().eval()?` |
//! | `np.exp(-x)`, `np.log1p(x)`, `np.abs(x)` | `(-lazy(&x)).exp()`, `lazy(&x).log1p()`, `lazy(&x).abs()` |
//! | `np.maximum(x, 0)`, `np.fmin(x, y)` | `lazy(&x).maximum(0.0)`, `lazy(&x).fmin(&y)` |
//! | `x > 0` (a bool array) | `lazy(&x).greater(0.0)` |
//! | `np.where(x > 0, x, 0.1 * x)` | `lazy(&x).greater(0.0).select(&x, lazy(&x) * 0.1)` |
//! | `(x * 255).astype(np.uint8)` | `(lazy(&x) * 255.0).cast::<u8>()` |
//! | `np.vectorize(f)(x)` | `lazy(&x).map(f)` (compiled, no per-element dispatch) |
//!
//! Operands are [`Lazy`] expressions, references to arrays and views (`&x`, `&x.view()`),
//! views by value (`x.slice(s![..;2])?`) and scalars of the element type; they broadcast
//! against each other with NumPy's rules. A value is reused by cloning its expression
//! (`t.clone() * t`; cloning copies a few pointers): still one pass over memory, and the
//! compiler computes the shared part once where it can prove it is the same. A scalar on the
//! left (`2.5 * lazy(&x)`) needs the array's element type to be known at that point: arrays
//! from functions are typed, but a literal `array![1.0, 2.0]` is not until its first use, so
//! write `array![1.0f64, 2.0]` there.
//!
//! ```
//! use oxarray_core::{array, Array};
//! use oxarray_ufunc::{lazy, update};
//!
//! let m = array![[1.0, 2.0, 3.0], [3.0, 6.0, 9.0]];
//! let mu = array![2.0, 4.0, 6.0];
//! let sd = array![1.0, 2.0, 3.0];
//! // z = (m - mu) / sd, mu and sd broadcast over the rows of m
//! let z = ((lazy(&m) - &mu) / &sd).eval()?;
//! assert_eq!(z.to_vec(), vec![-1.0, -1.0, -1.0, 1.0, 1.0, 1.0]);
//!
//! // np.multiply(m, 2.5, out=y); np.add(y, 1.2, out=y)
//! let mut y = Array::<f64>::zeros([2, 3])?;
//! (lazy(&m) * 2.5 + 1.2).eval_into(&mut y)?;
//! assert_eq!(y[[1, 2]], 9.0 * 2.5 + 1.2);
//!
//! // In place: x *= 5; x *= x; x += x, in one pass.
//! let mut x = Array::<f64>::ones([4])?;
//! update(&mut x, |x| {
//!     let t = x * 5.0;
//!     let u = t.clone() * t;
//!     u.clone() + u
//! })?;
//! assert_eq!(x.to_vec(), vec![50.0; 4]);
//!
//! // Shapes that do not broadcast are an error naming every operand, not a panic.
//! let bad = array![1.0, 2.0];
//! assert!((lazy(&m) + &bad).eval().is_err());
//! # Ok::<(), oxarray_core::Error>(())
//! ```
//!
//! # Element types and semantics
//! Every operation is an elementwise ufunc's op type ([`ops`](crate::elementwise::ops)) applied
//! per element, so fused expressions support the same element types with the same results and
//! result types as the ufuncs: `lazy(&a) / &b` on integers is NumPy's true division (`f64`),
//! `floor_divide` and `%` round as Python does, integers wrap, comparisons give `bool`. Each
//! element is computed exactly as the one-at-a-time NumPy (or ufunc) evaluation computes it,
//! in the same order: fusing changes the memory traffic, never a result bit (no contraction
//! into FMA, no reassociation).
//!
//! # Errors
//! Operators cannot fail; [`Lazy::eval`], [`Lazy::eval_into`] and [`update`] return
//! [`Error::BroadcastMismatch`](oxarray_core::Error::BroadcastMismatch) (with every array's
//! shape) when the operands do not broadcast together and
//! [`Error::BroadcastTo`](oxarray_core::Error::BroadcastTo) when their shape does not fit the
//! destination.

mod describe;
mod eval;
pub mod expr;
mod kernels;
mod lazy;
mod operators;

pub use describe::Node;
pub use expr::Expr;
pub use lazy::{IntoArrayViewMut, IntoExpr, IntoLazy, Lazy, lazy, splat, update};
