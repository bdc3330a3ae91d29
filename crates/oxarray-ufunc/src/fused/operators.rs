//! Operators (`+ - * / % & | ^ - !`) and named methods (`sqrt`, `maximum`, `greater`, ...)
//! on [`Lazy`] expressions. Operators never evaluate anything, so they cannot fail: shape
//! errors surface as `Err` from `eval`, `eval_into` or `update`.

use std::ops;

use oxarray_core::Element;

use super::expr::{Binary, Compare, Expr, Splat, Unary, Where};
use super::lazy::{IntoExpr, Lazy};
use super::lazy_ops::*;

macro_rules! binary_operator {
    ($($trait:ident $method:ident => $op:ident: $bound:ident;)*) => {$(
        impl<E, R> ops::$trait<R> for Lazy<E>
        where
            E: Expr,
            E::Elem: $bound,
            R: IntoExpr<E::Elem>,
        {
            type Output = Lazy<Binary<$op, E, R::Expr>>;
            #[inline]
            fn $method(self, rhs: R) -> Self::Output {
                Lazy(Binary { a: self.0, b: rhs.into_expr(), _op: $op })
            }
        }
    )*};
}

binary_operator! {
    Add add => Add: LazyNum;
    Sub sub => Sub: LazyNum;
    Mul mul => Mul: LazyNum;
    Div div => Div: LazyNum;
    Rem rem => Rem: LazyNum;
    BitAnd bitand => BitAnd: LazyBits;
    BitOr bitor => BitOr: LazyBits;
    BitXor bitxor => BitXor: LazyBits;
}

/// `scalar op expr`, for each scalar type (a blanket impl over the left operand is not
/// allowed by the orphan rules).
macro_rules! scalar_left_operator {
    ($bound:ident: $($t:ty),* ; $ops:tt) => {$(
        scalar_left_operator!(@one $t; $ops);
    )*};
    (@one $t:ty; [$($trait:ident $method:ident => $op:ident),*]) => {$(
        impl<E: Expr<Elem = $t>> ops::$trait<Lazy<E>> for $t {
            type Output = Lazy<Binary<$op, Splat<$t>, E>>;
            #[inline]
            fn $method(self, rhs: Lazy<E>) -> Self::Output {
                Lazy(Binary { a: Splat(self), b: rhs.0, _op: $op })
            }
        }
    )*};
}

scalar_left_operator!(LazyNum: i8, i16, i32, i64, u8, u16, u32, u64, f32, f64;
    [Add add => Add, Sub sub => Sub, Mul mul => Mul, Div div => Div, Rem rem => Rem]);
scalar_left_operator!(LazyBits: bool, i8, i16, i32, i64, u8, u16, u32, u64;
    [BitAnd bitand => BitAnd, BitOr bitor => BitOr, BitXor bitxor => BitXor]);

impl<E: Expr> ops::Neg for Lazy<E>
where
    E::Elem: LazyNum,
{
    type Output = Lazy<Unary<Neg, E>>;
    #[inline]
    fn neg(self) -> Self::Output {
        Lazy(Unary { a: self.0, _op: Neg })
    }
}

impl<E: Expr> ops::Not for Lazy<E>
where
    E::Elem: LazyBits,
{
    type Output = Lazy<Unary<Not, E>>;
    #[inline]
    fn not(self) -> Self::Output {
        Lazy(Unary { a: self.0, _op: Not })
    }
}

macro_rules! unary_methods {
    ($bound:ident: $($(#[$doc:meta])* $name:ident => $op:ident;)*) => {
        impl<E: Expr> Lazy<E> where E::Elem: $bound {$(
            $(#[$doc])*
            #[inline]
            pub fn $name(self) -> Lazy<Unary<$op, E>> {
                Lazy(Unary { a: self.0, _op: $op })
            }
        )*}
    };
}

macro_rules! binary_methods {
    ($bound:ident: $($(#[$doc:meta])* $name:ident => $op:ident;)*) => {
        impl<E: Expr> Lazy<E> where E::Elem: $bound {$(
            $(#[$doc])*
            #[inline]
            pub fn $name<R: IntoExpr<E::Elem>>(self, other: R) -> Lazy<Binary<$op, E, R::Expr>> {
                Lazy(Binary { a: self.0, b: other.into_expr(), _op: $op })
            }
        )*}
    };
}

unary_methods! { LazyNum:
    /// `|x|` (NumPy's `abs`).
    abs => Abs;
    /// -1, 0 or 1 by the sign of `x`; NaN for NaN (NumPy's `sign`).
    sign => Sign;
    /// `x * x` (NumPy's `square`).
    square => Square;
}

binary_methods! { LazyNum:
    /// The elementwise larger value, NaN if either is NaN (NumPy's `maximum`).
    ///
    /// ```
    /// use oxarray_core::array;
    /// use oxarray_ufunc::lazy;
    /// let x = array![-1.0, 2.0];
    /// assert_eq!(lazy(&x).maximum(0.0).eval()?.to_vec(), vec![0.0, 2.0]); // np.maximum(x, 0)
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    maximum => Maximum;
    /// The elementwise smaller value, NaN if either is NaN (NumPy's `minimum`).
    minimum => Minimum;
}

unary_methods! { LazyFloat:
    /// Square root.
    sqrt => Sqrt;
    /// Cube root.
    cbrt => Cbrt;
    /// `e^x`.
    exp => Exp;
    /// `2^x`.
    exp2 => Exp2;
    /// `e^x - 1`, accurate near 0 (NumPy's `expm1`).
    #[doc(alias = "expm1")]
    exp_m1 => ExpM1;
    /// Natural logarithm (NumPy's `log`).
    #[doc(alias = "log")]
    ln => Ln;
    /// Base-2 logarithm.
    log2 => Log2;
    /// Base-10 logarithm.
    log10 => Log10;
    /// `ln(1 + x)`, accurate near 0 (NumPy's `log1p`).
    #[doc(alias = "log1p")]
    ln_1p => Ln1p;
    /// Sine.
    sin => Sin;
    /// Cosine.
    cos => Cos;
    /// Tangent.
    tan => Tan;
    /// Inverse sine (NumPy's `arcsin`).
    #[doc(alias = "arcsin")]
    asin => Asin;
    /// Inverse cosine (NumPy's `arccos`).
    #[doc(alias = "arccos")]
    acos => Acos;
    /// Inverse tangent (NumPy's `arctan`).
    #[doc(alias = "arctan")]
    atan => Atan;
    /// Hyperbolic sine.
    sinh => Sinh;
    /// Hyperbolic cosine.
    cosh => Cosh;
    /// Hyperbolic tangent.
    tanh => Tanh;
    /// Round down.
    floor => Floor;
    /// Round up.
    ceil => Ceil;
    /// Round toward zero.
    trunc => Trunc;
    /// Round to the nearest integer, half to even (NumPy's `rint` and `round`).
    rint => Rint;
    /// `1 / x` (NumPy's `reciprocal`).
    #[doc(alias = "reciprocal")]
    recip => Recip;
}

binary_methods! { LazyFloat:
    /// `x^y` elementwise (NumPy's `power` and `**`).
    #[doc(alias = "power")]
    powf => Pow;
    /// The angle of the point `(other, x)` (NumPy's `arctan2(x, other)`).
    #[doc(alias = "arctan2")]
    atan2 => Atan2;
    /// `sqrt(x^2 + other^2)`.
    hypot => Hypot;
    /// `|x|` with the sign of `other`.
    copysign => Copysign;
    /// The larger value, ignoring a NaN (NumPy's `fmax`).
    fmax => Fmax;
    /// The smaller value, ignoring a NaN (NumPy's `fmin`).
    fmin => Fmin;
}

macro_rules! compare_methods {
    ($($(#[$doc:meta])* $name:ident => $op:ident;)*) => {
        impl<E: Expr> Lazy<E> where E::Elem: PartialOrd {$(
            $(#[$doc])*
            #[inline]
            pub fn $name<R: IntoExpr<E::Elem>>(self, other: R) -> Lazy<Compare<$op, E, R::Expr>> {
                Lazy(Compare { a: self.0, b: other.into_expr(), _op: $op })
            }
        )*}
    };
}

compare_methods! {
    /// `x == other` as a `bool` expression (NumPy's `equal`).
    equal => Equal;
    /// `x != other` (NumPy's `not_equal`).
    not_equal => NotEqual;
    /// `x < other` (NumPy's `less`).
    less => Less;
    /// `x <= other` (NumPy's `less_equal`).
    less_equal => LessEqual;
    /// `x > other` (NumPy's `greater`).
    ///
    /// ```
    /// use oxarray_core::array;
    /// use oxarray_ufunc::lazy;
    /// let x = array![-1.0, 2.0];
    /// assert_eq!(lazy(&x).greater(0.0).eval()?.to_vec(), vec![false, true]);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    greater => Greater;
    /// `x >= other` (NumPy's `greater_equal`).
    greater_equal => GreaterEqual;
}

impl<C: Expr<Elem = bool>> Lazy<C> {
    /// NumPy's `where(cond, a, b)` with this expression as `cond`: `a` where it is true, `b`
    /// elsewhere. Blocks where the condition is one value for the whole block (a broadcast
    /// scalar) evaluate only the branch they take.
    ///
    /// ```
    /// use oxarray_core::array;
    /// use oxarray_ufunc::lazy;
    /// let x = array![-1.0, 2.0, -3.0];
    /// // np.where(x > 0, x, 0.5 * x)
    /// let y = lazy(&x).greater(0.0).select(&x, lazy(&x) * 0.5).eval()?;
    /// assert_eq!(y.to_vec(), vec![-0.5, 2.0, -1.5]);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    #[doc(alias = "where")]
    #[inline]
    pub fn select<T, A, B>(self, a: A, b: B) -> Lazy<Where<C, A::Expr, B::Expr>>
    where
        T: Element,
        A: IntoExpr<T>,
        B: IntoExpr<T>,
    {
        Lazy(Where {
            cond: self.0,
            a: a.into_expr(),
            b: b.into_expr(),
        })
    }
}
