//! Helpers shared by the behaviour tests: a small deterministic RNG, operands in every
//! layout, a naive reference product, and tolerant comparison.

#![allow(dead_code)]

// Not every test binary that includes this module reads golden files.
#[allow(unused_imports)]
pub use oxarray_testkit::npy;

use oxarray_core::{Array, ArrayView, Complex32, Complex64, Order, bf16, f16, s};
use oxarray_linalg::LinalgScalar;

/// xorshift64*: deterministic and dependency-free.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Uniform in [-1, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 52) as f64 - 1.0
    }
    /// Uniform integer in [-r, r].
    pub fn int(&mut self, r: i64) -> i64 {
        (self.next_u64() % (2 * r as u64 + 1)) as i64 - r
    }
}

/// Element types under test: random values, exact conversion to Complex64, and the unit
/// round-off of the type (0 for exact integer arithmetic).
pub trait TestScalar: LinalgScalar {
    fn random(rng: &mut Rng) -> Self;
    fn to_c(self) -> Complex64;
    fn eps() -> f64;
}

macro_rules! test_float {
    ($t:ty, $eps:expr) => {
        impl TestScalar for $t {
            fn random(rng: &mut Rng) -> Self {
                rng.unit() as $t
            }
            fn to_c(self) -> Complex64 {
                Complex64::new(self as f64, 0.0)
            }
            fn eps() -> f64 {
                $eps
            }
        }
    };
}
test_float!(f32, f32::EPSILON as f64);
test_float!(f64, f64::EPSILON);

macro_rules! test_int {
    ($t:ty) => {
        impl TestScalar for $t {
            fn random(rng: &mut Rng) -> Self {
                let v = rng.int(5);
                if <$t>::MIN == 0 {
                    v.unsigned_abs() as $t
                } else {
                    v as $t
                }
            }
            fn to_c(self) -> Complex64 {
                Complex64::new(self as f64, 0.0)
            }
            fn eps() -> f64 {
                0.0
            }
        }
    };
}
test_int!(i32);
test_int!(i64);
test_int!(i8);
test_int!(u16);

impl TestScalar for Complex32 {
    fn random(rng: &mut Rng) -> Self {
        Complex32::new(rng.unit() as f32, rng.unit() as f32)
    }
    fn to_c(self) -> Complex64 {
        Complex64::new(self.re as f64, self.im as f64)
    }
    fn eps() -> f64 {
        f32::EPSILON as f64
    }
}

impl TestScalar for Complex64 {
    fn random(rng: &mut Rng) -> Self {
        Complex64::new(rng.unit(), rng.unit())
    }
    fn to_c(self) -> Complex64 {
        self
    }
    fn eps() -> f64 {
        f64::EPSILON
    }
}

impl TestScalar for f16 {
    fn random(rng: &mut Rng) -> Self {
        f16::from_f64(rng.unit())
    }
    fn to_c(self) -> Complex64 {
        Complex64::new(self.to_f64(), 0.0)
    }
    fn eps() -> f64 {
        f16::EPSILON.to_f64()
    }
}

impl TestScalar for bf16 {
    fn random(rng: &mut Rng) -> Self {
        bf16::from_f64(rng.unit())
    }
    fn to_c(self) -> Complex64 {
        Complex64::new(self.to_f64(), 0.0)
    }
    fn eps() -> f64 {
        bf16::EPSILON.to_f64()
    }
}

impl TestScalar for bool {
    fn random(rng: &mut Rng) -> Self {
        rng.next_u64() & 1 == 1
    }
    fn to_c(self) -> Complex64 {
        Complex64::new(self as u8 as f64, 0.0)
    }
    fn eps() -> f64 {
        0.0
    }
}

/// A random array of `shape`.
pub fn random<T: TestScalar>(shape: &[usize], rng: &mut Rng) -> Array<T> {
    Array::from_shape_fn(shape, |_| T::random(rng)).unwrap()
}

/// Memory layouts of a 2-D operand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Row-major.
    C,
    /// Column-major.
    F,
    /// The transposed view of a row-major array of the transposed shape.
    Transposed,
    /// Every second row and column of a larger array (`s![..;2, ..;2]`).
    Stepped,
    /// Rows and columns reversed (`s![..;-1, ..;-1]`): negative strides.
    Reversed,
}

pub const KINDS: [Kind; 5] = [
    Kind::C,
    Kind::F,
    Kind::Transposed,
    Kind::Stepped,
    Kind::Reversed,
];

/// An `r x c` random operand stored with `kind`'s layout.
#[derive(Debug)]
pub struct Strided<T: oxarray_core::Element> {
    base: Array<T>,
    kind: Kind,
}

impl<T: TestScalar> Strided<T> {
    pub fn new(r: usize, c: usize, kind: Kind, rng: &mut Rng) -> Self {
        let base = match kind {
            Kind::C | Kind::Reversed => random(&[r, c], rng),
            Kind::F => Array::from_view_in_order(&random::<T>(&[r, c], rng).view(), Order::F),
            Kind::Transposed => random(&[c, r], rng),
            Kind::Stepped => random(&[2 * r, 2 * c], rng),
        };
        Strided { base, kind }
    }

    pub fn view(&self) -> ArrayView<'_, T> {
        match self.kind {
            Kind::C | Kind::F => self.base.view(),
            Kind::Transposed => self.base.t(),
            Kind::Stepped => self.base.slice(s![..;2, ..;2]).unwrap(),
            Kind::Reversed => self.base.slice(s![..;-1, ..;-1]).unwrap(),
        }
    }
}

/// `a @ b` for 2-D views, by the triple loop, in complex f64.
pub fn naive_matmul<T: TestScalar>(a: &ArrayView<'_, T>, b: &ArrayView<'_, T>) -> Vec<Complex64> {
    let (m, k, n) = (a.shape()[0], a.shape()[1], b.shape()[1]);
    assert_eq!(b.shape()[0], k);
    let mut out = vec![Complex64::new(0.0, 0.0); m * n];
    for i in 0..m {
        for j in 0..n {
            let mut acc = Complex64::new(0.0, 0.0);
            for p in 0..k {
                acc += a[[i, p]].to_c() * b[[p, j]].to_c();
            }
            out[i * n + j] = acc;
        }
    }
    out
}

/// Asserts that `got` (logical order) matches `expected` within `k`-scaled round-off: the
/// error bound of a length-`k` dot product of values of magnitude <= `scale`.
pub fn assert_close<T: TestScalar>(
    got: &ArrayView<'_, T>,
    expected: &[Complex64],
    k: usize,
    scale: f64,
    context: &str,
) {
    assert_eq!(got.len(), expected.len(), "{context}: length");
    let tol = T::eps() * (k as f64 + 2.0) * 4.0 * scale.max(1.0);
    let exact = T::eps() == 0.0;
    for (idx, (g, &e)) in got.iter().zip(expected).enumerate() {
        // Integer sums wrap around (and bool sums saturate): cast the exact value as NumPy does.
        let e = if exact {
            T::from_scalar(oxarray_core::Scalar::Int(e.re as i64)).to_c()
        } else {
            e
        };
        let err = (g.to_c() - e).norm();
        assert!(
            err <= tol,
            "{context}: element {idx}: got {g:?}, expected {e}, error {err:e} > tolerance {tol:e}"
        );
    }
}
