//! The user-facing expression type [`Lazy`], its entry points [`lazy`], [`splat`] and
//! [`update`], and the conversions that let arrays, views and scalars appear in expressions.

use std::fmt;
use std::marker::PhantomData;

use oxarray_core::{
    Array, ArrayView, ArrayViewMut, AsArrayView, Complex32, Complex64, CowArray, Element, Result,
    bf16, f16,
};

use super::describe::Node;
use super::eval::{self, Dest};
use super::expr::{Cast, Expr, Leaf, Map, Splat, Target};

/// An elementwise expression, built with operators and methods and evaluated in one pass by
/// [`eval`](Lazy::eval), [`eval_into`](Lazy::eval_into) or [`update`].
///
/// Building costs nothing: it records the operation tree in the type. See the [module
/// docs](super) for the NumPy forms it replaces.
#[derive(Clone, Copy)]
pub struct Lazy<E>(pub(crate) E);

impl<E: Expr> fmt::Debug for Lazy<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Lazy({:?})", self.0)
    }
}

/// Anything that can be an operand of an expression: a [`Lazy`] expression, a scalar of the
/// element type, or a reference to an array or view (and a view by value).
pub trait IntoExpr<T: Element> {
    /// The node it becomes.
    type Expr: Expr<Elem = T>;
    /// Converts into the node.
    fn into_expr(self) -> Self::Expr;
}

impl<T: Element, E: Expr<Elem = T>> IntoExpr<T> for Lazy<E> {
    type Expr = E;
    #[inline]
    fn into_expr(self) -> E {
        self.0
    }
}

impl<'a, T: Element, A: AsArrayView<T> + ?Sized> IntoExpr<T> for &'a A {
    type Expr = Leaf<'a, T>;
    #[inline]
    fn into_expr(self) -> Leaf<'a, T> {
        Leaf {
            view: A::as_view(self),
        }
    }
}

impl<'a, T: Element> IntoExpr<T> for ArrayView<'a, T> {
    type Expr = Leaf<'a, T>;
    #[inline]
    fn into_expr(self) -> Leaf<'a, T> {
        Leaf { view: self }
    }
}

macro_rules! scalar_into_expr {
    ($($t:ty),*) => {$(
        impl IntoExpr<$t> for $t {
            type Expr = Splat<$t>;
            #[inline]
            fn into_expr(self) -> Splat<$t> {
                Splat(self)
            }
        }
    )*};
}

scalar_into_expr!(
    bool, i8, i16, i32, i64, u8, u16, u32, u64, f16, bf16, f32, f64, Complex32, Complex64
);

/// What [`lazy`] accepts: an array, view or expression, or a scalar, whose element type is
/// known from its own type (so that `2.5 * lazy(&x)` needs no annotation).
pub trait IntoLazy {
    /// The element type.
    type Elem: Element;
    /// The node it becomes.
    type Expr: Expr<Elem = Self::Elem>;
    /// Converts into the node.
    fn into_lazy(self) -> Self::Expr;
}

impl<E: Expr> IntoLazy for Lazy<E> {
    type Elem = E::Elem;
    type Expr = E;
    #[inline]
    fn into_lazy(self) -> E {
        self.0
    }
}

macro_rules! view_into_lazy {
    ($($ty:ty),*) => {$(
        impl<'a, T: Element> IntoLazy for $ty {
            type Elem = T;
            type Expr = Leaf<'a, T>;
            #[inline]
            fn into_lazy(self) -> Leaf<'a, T> {
                Leaf { view: self.as_view() }
            }
        }
    )*};
}

view_into_lazy!(
    &'a Array<T>,
    &'a ArrayView<'_, T>,
    &'a ArrayViewMut<'_, T>,
    &'a CowArray<'_, T>
);

impl<'a, T: Element> IntoLazy for ArrayView<'a, T> {
    type Elem = T;
    type Expr = Leaf<'a, T>;
    #[inline]
    fn into_lazy(self) -> Leaf<'a, T> {
        Leaf { view: self }
    }
}

macro_rules! scalar_into_lazy {
    ($($t:ty),*) => {$(
        impl IntoLazy for $t {
            type Elem = $t;
            type Expr = Splat<$t>;
            #[inline]
            fn into_lazy(self) -> Splat<$t> {
                Splat(self)
            }
        }
    )*};
}

scalar_into_lazy!(
    bool, i8, i16, i32, i64, u8, u16, u32, u64, f16, bf16, f32, f64, Complex32, Complex64
);

/// A destination that can be written through: `&mut Array`, `&mut ArrayViewMut` or an
/// `ArrayViewMut` by value (a slice: `x.slice_mut(s![..])?`).
pub trait IntoArrayViewMut<'a, T: Element> {
    /// The mutable view (for a shared `Array`, after its copy-on-write).
    fn into_view_mut(self) -> ArrayViewMut<'a, T>;
}

impl<'a, T: Element> IntoArrayViewMut<'a, T> for &'a mut Array<T> {
    fn into_view_mut(self) -> ArrayViewMut<'a, T> {
        self.view_mut()
    }
}

impl<'a, T: Element> IntoArrayViewMut<'a, T> for ArrayViewMut<'a, T> {
    fn into_view_mut(self) -> ArrayViewMut<'a, T> {
        self
    }
}

impl<'a, 'b: 'a, T: Element> IntoArrayViewMut<'a, T> for &'a mut ArrayViewMut<'b, T> {
    fn into_view_mut(self) -> ArrayViewMut<'a, T> {
        self.reborrow()
    }
}

/// Starts an expression from an array, a view or a scalar: NumPy's implicit "this array in
/// an expression". The array is read in place when the expression is evaluated.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_ufunc::lazy;
/// let x = array![1.0, 2.0, 3.0];
/// let y = (lazy(&x) * 2.5 + 1.2).eval()?; // y = 2.5 * x + 1.2
/// assert_eq!(y.to_vec(), vec![3.7, 6.2, 8.7]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
#[inline]
pub fn lazy<A: IntoLazy>(a: A) -> Lazy<A::Expr> {
    Lazy(a.into_lazy())
}

/// A scalar as an expression, for generic code where the element type is a type parameter
/// (`lazy(&x) * splat(two)`); with a concrete type, `lazy(&x) * 2.0` does the same.
#[inline]
pub fn splat<T: Element>(value: T) -> Lazy<Splat<T>> {
    Lazy(Splat(value))
}

/// Evaluates `f(dst)` into `dst` in one pass, in place: NumPy's chains of `x *= ...; x += ...`
/// with a single read and a single write of each element.
///
/// The closure receives `dst` itself as an expression and returns the new value, an
/// expression (or array, or scalar) broadcastable to `dst`'s shape. Each element's new value
/// depends only on the old values at the same position, and every 64-byte line of `dst` is
/// read completely before it is written, so in-place evaluation is exact.
///
/// ```
/// use oxarray_core::Array;
/// use oxarray_ufunc::update;
/// let mut x = Array::<f64>::ones([2, 3])?;
/// // NumPy: x *= 5; x *= x; x += x
/// update(&mut x, |x| {
///     let t = x * 5.0;
///     let u = t.clone() * t;
///     u.clone() + u
/// })?;
/// assert_eq!(x.to_vec(), vec![50.0; 6]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::BroadcastMismatch`](oxarray_core::Error::BroadcastMismatch) when the operands do
/// not broadcast together, [`Error::BroadcastTo`](oxarray_core::Error::BroadcastTo) when their
/// shape does not broadcast to `dst`'s.
pub fn update<'a, T, R>(
    dst: impl IntoArrayViewMut<'a, T>,
    f: impl FnOnce(Lazy<Target<'a, T>>) -> R,
) -> Result<()>
where
    T: Element,
    R: IntoExpr<T>,
{
    let mut dst = dst.into_view_mut();
    let target = Target {
        ptr: std::ptr::NonNull::new(dst.as_mut_ptr()).expect("array pointers are non-null"),
        layout: dst.layout().clone(),
        _life: PhantomData,
    };
    let expr = f(Lazy(target)).into_expr();
    eval::eval_into(&expr, &mut dst, Dest::InPlace)
}

impl<E: Expr> Lazy<E> {
    /// Evaluates into a new array of the broadcast shape (C order, or F order when the
    /// full-size inputs are all F-ordered). NumPy: the value of the expression.
    ///
    /// # Errors
    /// [`Error::BroadcastMismatch`](oxarray_core::Error::BroadcastMismatch) naming every
    /// array's shape when they do not broadcast together.
    pub fn eval(&self) -> Result<Array<E::Elem>> {
        eval::eval_new(&self.0)
    }

    /// Evaluates into `out`, which the operands broadcast to (NumPy's `out=`).
    ///
    /// ```
    /// use oxarray_core::{array, Array};
    /// use oxarray_ufunc::lazy;
    /// let x = array![1.0, 2.0, 3.0];
    /// let mut y = Array::<f64>::zeros([2, 3])?;
    /// (lazy(&x) * 2.5 + 1.2).eval_into(&mut y)?; // np.add(2.5 * x, 1.2, out=y)
    /// assert_eq!(y.to_vec(), vec![3.7, 6.2, 8.7, 3.7, 6.2, 8.7]);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::BroadcastMismatch`](oxarray_core::Error::BroadcastMismatch) when the operands
    /// do not broadcast together; [`Error::BroadcastTo`](oxarray_core::Error::BroadcastTo)
    /// when their shape does not broadcast to `out`'s.
    pub fn eval_into<'o>(&self, out: impl IntoArrayViewMut<'o, E::Elem>) -> Result<()> {
        eval::eval_into(&self.0, &mut out.into_view_mut(), Dest::Separate)
    }

    /// The shape the expression evaluates to (the operands' broadcast shape).
    ///
    /// # Errors
    /// [`Error::BroadcastMismatch`](oxarray_core::Error::BroadcastMismatch) when the operands
    /// do not broadcast together.
    pub fn shape(&self) -> Result<Vec<usize>> {
        eval::shape_of(&self.0)
    }

    /// The expression's structure as data (for backends that compile it, such as the CUDA
    /// crate's fused kernels).
    ///
    /// ```
    /// use oxarray_core::array;
    /// use oxarray_ufunc::{lazy, Node};
    /// let x = array![1.0, 4.0];
    /// let Node::Unary { op, a, .. } = lazy(&x).sqrt().describe() else { panic!() };
    /// assert_eq!(op, "sqrt");
    /// assert!(matches!(*a, Node::Leaf { index: 0, .. }));
    /// ```
    pub fn describe(&self) -> Node {
        self.0.describe(&mut 0)
    }

    /// The expression's node tree.
    pub fn into_expr(self) -> E {
        self.0
    }

    /// Converts each element to `U` with NumPy's `astype` semantics.
    ///
    /// ```
    /// use oxarray_core::array;
    /// use oxarray_ufunc::lazy;
    /// let x = array![1.5f64, -2.5];
    /// assert_eq!(lazy(&x).cast::<i32>().eval()?.to_vec(), vec![1, -2]);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn cast<U: Element>(self) -> Lazy<Cast<E, U>> {
        Lazy(Cast {
            a: self.0,
            _to: PhantomData,
        })
    }

    /// Applies `f` to each element (any Rust function, compiled into the pass).
    ///
    /// ```
    /// use oxarray_core::array;
    /// use oxarray_ufunc::lazy;
    /// let x = array![1.0f64, 4.0];
    /// let y = lazy(&x).map(|v| v.sqrt() + 1.0).eval()?;
    /// assert_eq!(y.to_vec(), vec![2.0, 3.0]);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn map<U, F>(self, f: F) -> Lazy<Map<E, F, U>>
    where
        U: Element,
        F: Fn(E::Elem) -> U + Clone + Send + Sync,
    {
        Lazy(Map {
            a: self.0,
            f,
            _to: PhantomData,
        })
    }
}
