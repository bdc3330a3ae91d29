//! Macros that write the per-dtype impls of the op traits. In every scalar body the alias `T`
//! names the element type of the impl being written.

/// `impl BinaryOp<$t> for $op` with output `$o` and a scalar body (`libm` in front: a body
/// that calls libm per element, not vectorised).
macro_rules! binary {
    (libm $op:ident; $($t:ty => $o:ty),+ $(,)?; |$a:ident, $b:ident| $body:expr) => {$(
        impl $crate::elementwise::ops::BinaryOp<$t> for $crate::elementwise::ops::$op {
            type Output = $o;
            const VECTORIZE: bool = false;
            #[inline(always)]
            fn scalar(self, $a: $t, $b: $t) -> $o {
                #[allow(non_camel_case_types, dead_code)]
                type T = $t;
                $body
            }
        }
    )+};
    ($op:ident; $($t:ty => $o:ty),+ $(,)?; |$a:ident, $b:ident| $body:expr) => {$(
        impl $crate::elementwise::ops::BinaryOp<$t> for $crate::elementwise::ops::$op {
            type Output = $o;
            #[inline(always)]
            fn scalar(self, $a: $t, $b: $t) -> $o {
                #[allow(non_camel_case_types, dead_code)]
                type T = $t;
                $body
            }
        }
    )+};
}

/// `BinaryOp<f32>` and `BinaryOp<f64>` for `$op` with an explicit pulp body
/// (`SimdFloat::$v`), used by the contiguous kernel.
macro_rules! binary_simd {
    ($op:ident, $v:ident; |$a:ident, $b:ident| $body:expr) => {
        binary_simd!(@one $op, $v, f32; |$a, $b| $body);
        binary_simd!(@one $op, $v, f64; |$a, $b| $body);
    };
    (@one $op:ident, $v:ident, $t:ty; |$a:ident, $b:ident| $body:expr) => {
        impl $crate::elementwise::ops::BinaryOp<$t> for $crate::elementwise::ops::$op {
            type Output = $t;
            #[inline(always)]
            fn scalar(self, $a: $t, $b: $t) -> $t {
                $body
            }
            #[inline(always)]
            unsafe fn contiguous<S, A, B>(self, simd: S, a: A, b: B, dst: *mut $t, len: usize)
            where
                S: pulp::Simd,
                A: $crate::elementwise::ops::Source<$t>,
                B: $crate::elementwise::ops::Source<$t>,
            {
                // SAFETY: the caller's contract is the contract of `simd_binary_run`.
                unsafe { $crate::elementwise::simd::simd_binary_run(self, simd, a, b, dst, len) }
            }
        }
        impl $crate::elementwise::ops::VectorBinaryOp<$t> for $crate::elementwise::ops::$op {
            #[inline(always)]
            fn vector<S: pulp::Simd>(
                self,
                simd: S,
                a: <$t as $crate::elementwise::simd::SimdElement>::Vector<S>,
                b: <$t as $crate::elementwise::simd::SimdElement>::Vector<S>,
            ) -> <$t as $crate::elementwise::simd::SimdElement>::Vector<S> {
                <$t as $crate::elementwise::simd::SimdFloat>::$v(simd, a, b)
            }
        }
    };
}

/// `BinaryOp<f16>` and `BinaryOp<bf16>` for `$op`, computed in `f32` and rounded once (as
/// NumPy's half loops). `$op` must implement `BinaryOp<f32>` with output `f32` or `bool`.
macro_rules! binary_half_via_f32 {
    ($op:ident) => {
        half_via_f32!(BinaryOp $op; a, b);
    };
}

/// `UnaryOp<f16>` and `UnaryOp<bf16>` for `$op`, computed in `f32` and rounded once.
macro_rules! unary_half_via_f32 {
    ($op:ident) => {
        half_via_f32!(UnaryOp $op; x);
    };
}

/// `$kind<f16>` and `$kind<bf16>` for `$op` (`$kind` `UnaryOp` or `BinaryOp`, whose `scalar`
/// takes the arguments `$arg`): the `f32` rule of `$op`, its result rounded once.
macro_rules! half_via_f32 {
    ($kind:ident $op:ident; $($arg:ident),+) => {
        half_via_f32!(@one $kind $op, $crate::f16; $($arg),+);
        half_via_f32!(@one $kind $op, $crate::bf16; $($arg),+);
    };
    (@one $kind:ident $op:ident, $t:ty; $($arg:ident),+) => {
        impl $crate::elementwise::ops::$kind<$t> for $crate::elementwise::ops::$op {
            type Output = <<$crate::elementwise::ops::$op as $crate::elementwise::ops::$kind<
                f32,
            >>::Output as $crate::elementwise::macros::HalfOf<$t>>::Out;
            const VECTORIZE: bool =
                <$crate::elementwise::ops::$op as $crate::elementwise::ops::$kind<f32>>::VECTORIZE;
            #[inline(always)]
            fn scalar(self, $($arg: $t),+) -> Self::Output {
                use $crate::elementwise::macros::HalfOf;
                let r = <Self as $crate::elementwise::ops::$kind<f32>>::scalar(
                    self,
                    $($arg.to_f32()),+
                );
                <_ as HalfOf<$t>>::round_to(r)
            }
        }
    };
}

/// `impl UnaryOp<$t> for $op` with output `$o` and a scalar body (`libm` in front: a body
/// that calls libm per element, not vectorised).
macro_rules! unary {
    (libm $op:ident; $($t:ty => $o:ty),+ $(,)?; |$x:ident| $body:expr) => {$(
        impl $crate::elementwise::ops::UnaryOp<$t> for $crate::elementwise::ops::$op {
            type Output = $o;
            const VECTORIZE: bool = false;
            #[inline(always)]
            fn scalar(self, $x: $t) -> $o {
                #[allow(non_camel_case_types, dead_code)]
                type T = $t;
                $body
            }
        }
    )+};
    ($op:ident; $($t:ty => $o:ty),+ $(,)?; |$x:ident| $body:expr) => {$(
        impl $crate::elementwise::ops::UnaryOp<$t> for $crate::elementwise::ops::$op {
            type Output = $o;
            #[inline(always)]
            fn scalar(self, $x: $t) -> $o {
                #[allow(non_camel_case_types, dead_code)]
                type T = $t;
                $body
            }
        }
    )+};
}

/// `UnaryOp<f32>` and `UnaryOp<f64>` for `$op` with an explicit pulp body (`SimdFloat::$v`).
macro_rules! unary_simd {
    ($op:ident, $v:ident; |$x:ident| $body:expr) => {
        unary_simd!(@one $op, $v, f32; |$x| $body);
        unary_simd!(@one $op, $v, f64; |$x| $body);
    };
    (@one $op:ident, $v:ident, $t:ty; |$x:ident| $body:expr) => {
        impl $crate::elementwise::ops::UnaryOp<$t> for $crate::elementwise::ops::$op {
            type Output = $t;
            #[inline(always)]
            fn scalar(self, $x: $t) -> $t {
                $body
            }
            #[inline(always)]
            unsafe fn contiguous<S: pulp::Simd>(
                self,
                simd: S,
                src: *const $t,
                dst: *mut $t,
                len: usize,
            ) {
                // SAFETY: the caller's contract is the contract of `simd_unary_run`.
                unsafe { $crate::elementwise::simd::simd_unary_run(self, simd, src, dst, len) }
            }
        }
        impl $crate::elementwise::ops::VectorUnaryOp<$t> for $crate::elementwise::ops::$op {
            #[inline(always)]
            fn vector<S: pulp::Simd>(
                self,
                simd: S,
                x: <$t as $crate::elementwise::simd::SimdElement>::Vector<S>,
            ) -> <$t as $crate::elementwise::simd::SimdElement>::Vector<S> {
                <$t as $crate::elementwise::simd::SimdFloat>::$v(simd, x)
            }
        }
    };
}

/// `UnaryOp` for bool and the integers of `$op`, by casting to the float type NumPy picks
/// (bool, int8, uint8 -> float16; int16, uint16 -> float32; wider -> float64) and applying the
/// float impl.
macro_rules! unary_ints_via_float {
    ($op:ident) => {
        unary_ints_via_float!(@impl $op; bool => $crate::f16, i8 => $crate::f16,
            u8 => $crate::f16, i16 => f32, u16 => f32, i32 => f64, u32 => f64,
            i64 => f64, u64 => f64);
    };
    (@impl $op:ident; $($t:ty => $f:ty),+) => {$(
        impl $crate::elementwise::ops::UnaryOp<$t> for $crate::elementwise::ops::$op {
            type Output = <$crate::elementwise::ops::$op as
                $crate::elementwise::ops::UnaryOp<$f>>::Output;
            const VECTORIZE: bool =
                <$crate::elementwise::ops::$op as $crate::elementwise::ops::UnaryOp<$f>>::VECTORIZE;
            #[inline(always)]
            fn scalar(self, x: $t) -> Self::Output {
                <Self as $crate::elementwise::ops::UnaryOp<$f>>::scalar(
                    self,
                    $crate::Element::cast::<$f>(x),
                )
            }
        }
    )+};
}

/// `BinaryOp` for bool and the integers of `$op` through the float type NumPy picks.
macro_rules! binary_ints_via_float {
    ($op:ident) => {
        binary_ints_via_float!(@impl $op; bool => $crate::f16, i8 => $crate::f16,
            u8 => $crate::f16, i16 => f32, u16 => f32, i32 => f64, u32 => f64,
            i64 => f64, u64 => f64);
    };
    (@impl $op:ident; $($t:ty => $f:ty),+) => {$(
        impl $crate::elementwise::ops::BinaryOp<$t> for $crate::elementwise::ops::$op {
            type Output = <$crate::elementwise::ops::$op as
                $crate::elementwise::ops::BinaryOp<$f>>::Output;
            const VECTORIZE: bool =
                <$crate::elementwise::ops::$op as $crate::elementwise::ops::BinaryOp<$f>>::VECTORIZE;
            #[inline(always)]
            fn scalar(self, a: $t, b: $t) -> Self::Output {
                <Self as $crate::elementwise::ops::BinaryOp<$f>>::scalar(
                    self,
                    $crate::Element::cast::<$f>(a),
                    $crate::Element::cast::<$f>(b),
                )
            }
        }
    )+};
}

/// `BinaryOp<bool>` for `$op` through `int8` (NumPy has no bool loop there and casts to int8).
macro_rules! binary_bool_via_i8 {
    ($($op:ident),+) => {$(
        impl $crate::elementwise::ops::BinaryOp<bool> for $crate::elementwise::ops::$op {
            type Output = i8;
            #[inline(always)]
            fn scalar(self, a: bool, b: bool) -> i8 {
                <Self as $crate::elementwise::ops::BinaryOp<i8>>::scalar(self, a as i8, b as i8)
            }
        }
    )+};
}

/// Rounds an `f32` result to a half type (or keeps a `bool`): the output mapping of the
/// `*_half_via_f32` macros.
pub trait HalfOf<H> {
    /// The result type for the half type `H`.
    type Out: crate::Element;
    /// Converts the `f32`-computed result.
    fn round_to(self) -> Self::Out;
}

impl HalfOf<crate::f16> for f32 {
    type Out = crate::f16;
    #[inline(always)]
    fn round_to(self) -> crate::f16 {
        crate::f16::from_f32(self)
    }
}

impl HalfOf<crate::bf16> for f32 {
    type Out = crate::bf16;
    #[inline(always)]
    fn round_to(self) -> crate::bf16 {
        crate::bf16::from_f32(self)
    }
}

impl<H> HalfOf<H> for bool {
    type Out = bool;
    #[inline(always)]
    fn round_to(self) -> bool {
        self
    }
}
