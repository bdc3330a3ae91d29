//! Operators (`+ - * / % & | ^`, unary `-` and `!`) and NumPy-named methods (`sqrt`,
//! `maximum`, `greater`, ...) on [`Lazy`] expressions. Each applies the elementwise ufunc's op
//! type, so a method exists exactly for the element types that ufunc supports, with NumPy's
//! result type. Operators never evaluate anything, so they cannot fail: shape errors surface
//! as `Err` from `eval`, `eval_into` or `update`.

use std::ops;

use oxarray_core::{Complex32, Complex64, bf16, f16};

use super::expr::{Binary, Expr, Splat, Unary, Where};
use super::lazy::{IntoExpr, IntoLazy, Lazy};
use crate::elementwise::ops as uf;
use crate::elementwise::ops::{BinaryOp, UnaryOp};

macro_rules! binary_operator {
    ($($trait:ident $method:ident => $op:ident;)*) => {$(
        impl<E, R> ops::$trait<R> for Lazy<E>
        where
            E: Expr,
            R: IntoExpr<E::Elem>,
            uf::$op: BinaryOp<E::Elem>,
        {
            type Output = Lazy<Binary<uf::$op, E, R::Expr>>;
            #[inline]
            fn $method(self, rhs: R) -> Self::Output {
                Lazy(Binary { a: self.0, b: rhs.into_expr(), op: uf::$op })
            }
        }
    )*};
}

binary_operator! {
    Add add => Add;
    Sub sub => Subtract;
    Mul mul => Multiply;
    Div div => Divide;
    Rem rem => Remainder;
    BitAnd bitand => BitwiseAnd;
    BitOr bitor => BitwiseOr;
    BitXor bitxor => BitwiseXor;
}

/// `scalar op expr`, for each scalar type (a blanket impl over the left operand is not
/// allowed by the orphan rules).
macro_rules! scalar_left_operator {
    ($($t:ty),* ; $ops:tt) => {$(
        scalar_left_operator!(@one $t; $ops);
    )*};
    (@one $t:ty; [$($trait:ident $method:ident => $op:ident),*]) => {$(
        impl<E: Expr<Elem = $t>> ops::$trait<Lazy<E>> for $t
        where
            uf::$op: BinaryOp<$t>,
        {
            type Output = Lazy<Binary<uf::$op, Splat<$t>, E>>;
            #[inline]
            fn $method(self, rhs: Lazy<E>) -> Self::Output {
                Lazy(Binary { a: Splat(self), b: rhs.0, op: uf::$op })
            }
        }
    )*};
}

scalar_left_operator!(i8, i16, i32, i64, u8, u16, u32, u64, f16, bf16, f32, f64;
    [Add add => Add, Sub sub => Subtract, Mul mul => Multiply, Div div => Divide,
     Rem rem => Remainder]);
scalar_left_operator!(Complex32, Complex64;
    [Add add => Add, Sub sub => Subtract, Mul mul => Multiply, Div div => Divide]);
scalar_left_operator!(bool, i8, i16, i32, i64, u8, u16, u32, u64;
    [BitAnd bitand => BitwiseAnd, BitOr bitor => BitwiseOr, BitXor bitxor => BitwiseXor]);

impl<E: Expr> ops::Neg for Lazy<E>
where
    uf::Negative: UnaryOp<E::Elem>,
{
    type Output = Lazy<Unary<uf::Negative, E>>;
    #[inline]
    fn neg(self) -> Self::Output {
        Lazy(Unary {
            a: self.0,
            op: uf::Negative,
        })
    }
}

impl<E: Expr> ops::Not for Lazy<E>
where
    uf::BitwiseNot: UnaryOp<E::Elem>,
{
    type Output = Lazy<Unary<uf::BitwiseNot, E>>;
    #[inline]
    fn not(self) -> Self::Output {
        Lazy(Unary {
            a: self.0,
            op: uf::BitwiseNot,
        })
    }
}

macro_rules! unary_methods {
    ($($(#[$doc:meta])* $name:ident => $op:ident;)*) => {
        impl<E: Expr> Lazy<E> {$(
            $(#[$doc])*
            #[inline]
            pub fn $name(self) -> Lazy<Unary<uf::$op, E>>
            where
                uf::$op: UnaryOp<E::Elem>,
            {
                Lazy(Unary { a: self.0, op: uf::$op })
            }
        )*}
    };
}

macro_rules! binary_methods {
    ($($(#[$doc:meta])* $name:ident => $op:ident;)*) => {
        impl<E: Expr> Lazy<E> {$(
            $(#[$doc])*
            #[inline]
            pub fn $name<R: IntoExpr<E::Elem>>(self, other: R) -> Lazy<Binary<uf::$op, E, R::Expr>>
            where
                uf::$op: BinaryOp<E::Elem>,
            {
                Lazy(Binary { a: self.0, b: other.into_expr(), op: uf::$op })
            }
        )*}
    };
}

unary_methods! {
    /// `|x|` (NumPy's `abs`; the real magnitude of a complex).
    abs => Abs;
    /// -1, 0 or 1 by the sign of `x`; NaN for NaN (NumPy's `sign`).
    sign => Sign;
    /// `x * x` (NumPy's `square`).
    square => Square;
    /// `1 / x` (NumPy's `reciprocal`).
    reciprocal => Reciprocal;
    /// Square root (integers give `f64`, as NumPy).
    sqrt => Sqrt;
    /// Cube root.
    cbrt => Cbrt;
    /// `e^x`.
    exp => Exp;
    /// `2^x`.
    exp2 => Exp2;
    /// `e^x - 1`, accurate near 0.
    expm1 => Expm1;
    /// Natural logarithm (NumPy's `log`; see also [`ln`](Lazy::ln)).
    log => Log;
    /// Natural logarithm, under its Rust name: the same as [`log`](Lazy::log).
    ln => Log;
    /// Base-2 logarithm.
    log2 => Log2;
    /// Base-10 logarithm.
    log10 => Log10;
    /// `ln(1 + x)`, accurate near 0.
    log1p => Log1p;
    /// Sine.
    sin => Sin;
    /// Cosine.
    cos => Cos;
    /// Tangent.
    tan => Tan;
    /// Inverse sine.
    arcsin => Arcsin;
    /// Inverse cosine.
    arccos => Arccos;
    /// Inverse tangent.
    arctan => Arctan;
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
    /// Round to the nearest integer, half to even.
    rint => Rint;
    /// Whether `x` is NaN, as `bool`.
    isnan => Isnan;
    /// Whether `x` is infinite, as `bool`.
    isinf => Isinf;
    /// Whether `x` is finite, as `bool`.
    isfinite => Isfinite;
    /// `x == 0` as `bool` (NumPy's `logical_not`).
    logical_not => LogicalNot;
    /// The complex conjugate.
    conj => Conj;
    /// The real part.
    real => Real;
    /// The imaginary part.
    imag => Imag;
    /// The argument of a complex number.
    angle => Angle;
}

binary_methods! {
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
    /// The larger value, ignoring a NaN (NumPy's `fmax`).
    fmax => Fmax;
    /// The smaller value, ignoring a NaN (NumPy's `fmin`).
    fmin => Fmin;
    /// `x ** other` (NumPy's `power`).
    power => Power;
    /// `x // other`, rounded toward negative infinity (NumPy's `floor_divide`; `/` on
    /// integers is true division, giving `f64`).
    floor_divide => FloorDivide;
    /// The angle of the point `(other, x)` (NumPy's `arctan2(x, other)`).
    arctan2 => Arctan2;
    /// `sqrt(x^2 + other^2)`.
    hypot => Hypot;
    /// `|x|` with the sign of `other`.
    copysign => Copysign;
    /// Both non-zero, as `bool`.
    logical_and => LogicalAnd;
    /// Either non-zero, as `bool`.
    logical_or => LogicalOr;
    /// Exactly one non-zero, as `bool`.
    logical_xor => LogicalXor;
    /// `x << other`.
    left_shift => LeftShift;
    /// `x >> other`.
    right_shift => RightShift;
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
    /// elsewhere. Both branches are computed for every element (as NumPy does), which keeps
    /// the loop free of branches.
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
    pub fn select<A, B>(self, a: A, b: B) -> Lazy<Where<C, A::Expr, B::Expr>>
    where
        A: IntoLazy,
        B: IntoExpr<A::Elem>,
    {
        Lazy(Where {
            cond: self.0,
            a: a.into_lazy(),
            b: b.into_expr(),
        })
    }
}
