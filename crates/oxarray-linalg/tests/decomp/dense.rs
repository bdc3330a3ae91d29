//! A naive dense complex matrix for the reference side of the tests: products, adjoints,
//! norms, and test matrices of a chosen condition number or rank.

#![allow(dead_code)]

use std::ops::{Add, Mul, Sub};

use oxarray_core::{Array, ArrayView, Complex64};

use crate::common::{Rng, TestScalar};

/// A row-major complex matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct Dense {
    pub rows: usize,
    pub cols: usize,
    pub v: Vec<Complex64>,
}

pub fn c(re: f64) -> Complex64 {
    Complex64::new(re, 0.0)
}

impl Dense {
    pub fn zeros(rows: usize, cols: usize) -> Dense {
        Dense {
            rows,
            cols,
            v: vec![c(0.0); rows * cols],
        }
    }

    pub fn eye(n: usize) -> Dense {
        let mut m = Dense::zeros(n, n);
        for i in 0..n {
            m.v[i * n + i] = c(1.0);
        }
        m
    }

    /// The matrix of a 2-D view (or of item `item` of a stack, flattening the batch axes).
    pub fn of<T: TestScalar>(a: &ArrayView<'_, T>, item: usize) -> Dense {
        let nd = a.ndim();
        let (rows, cols) = if nd == 1 {
            (a.shape()[0], 1)
        } else {
            (a.shape()[nd - 2], a.shape()[nd - 1])
        };
        let all: Vec<Complex64> = a.iter().map(|x| x.to_c()).collect();
        Dense {
            rows,
            cols,
            v: all[item * rows * cols..(item + 1) * rows * cols].to_vec(),
        }
    }

    pub fn at(&self, i: usize, j: usize) -> Complex64 {
        self.v[i * self.cols + j]
    }

    pub fn adjoint(&self) -> Dense {
        let mut t = Dense::zeros(self.cols, self.rows);
        for i in 0..self.rows {
            for j in 0..self.cols {
                t.v[j * self.rows + i] = self.at(i, j).conj();
            }
        }
        t
    }

    pub fn transpose(&self) -> Dense {
        let mut t = Dense::zeros(self.cols, self.rows);
        for i in 0..self.rows {
            for j in 0..self.cols {
                t.v[j * self.rows + i] = self.at(i, j);
            }
        }
        t
    }

    /// The Frobenius norm.
    pub fn norm(&self) -> f64 {
        self.v.iter().map(|z| z.norm_sqr()).sum::<f64>().sqrt()
    }

    /// `self + by * I`.
    pub fn shifted(&self, by: f64) -> Dense {
        let mut m = self.clone();
        for i in 0..self.rows.min(self.cols) {
            m.v[i * self.cols + i] += by;
        }
        m
    }

    /// Column `j` scaled by `s[j]`.
    pub fn scale_cols(&self, s: &[f64]) -> Dense {
        let mut m = self.clone();
        for i in 0..self.rows {
            for j in 0..self.cols {
                m.v[i * self.cols + j] *= s[j];
            }
        }
        m
    }

    pub fn to_array<T: TestScalar + FromComplex>(&self) -> Array<T> {
        Array::from_vec(
            self.v.iter().map(|&z| T::from_c(z)).collect(),
            [self.rows, self.cols],
        )
        .unwrap()
    }

    /// A random matrix with entries in `[-1, 1)` (complex when `complex`).
    pub fn random(rows: usize, cols: usize, complex: bool, rng: &mut Rng) -> Dense {
        let mut m = Dense::zeros(rows, cols);
        for z in &mut m.v {
            *z = Complex64::new(rng.unit(), if complex { rng.unit() } else { 0.0 });
        }
        m
    }

    /// A random matrix with orthonormal columns (Gram-Schmidt, twice for accuracy).
    pub fn orthonormal(rows: usize, cols: usize, complex: bool, rng: &mut Rng) -> Dense {
        let mut m = Dense::random(rows, cols, complex, rng);
        for j in 0..cols {
            for _ in 0..2 {
                for k in 0..j {
                    let dot: Complex64 = (0..rows).map(|i| m.at(i, k).conj() * m.at(i, j)).sum();
                    for i in 0..rows {
                        let v = m.at(i, k);
                        m.v[i * cols + j] -= dot * v;
                    }
                }
            }
            let n = (0..rows).map(|i| m.at(i, j).norm_sqr()).sum::<f64>().sqrt();
            for i in 0..rows {
                m.v[i * cols + j] /= n;
            }
        }
        m
    }

    /// `U diag(s) V^H` with random orthonormal `U`, `V` and singular values spread
    /// geometrically from 1 down to `1 / cond` (`rank` of them non-zero).
    pub fn conditioned(
        rows: usize,
        cols: usize,
        cond: f64,
        rank: usize,
        complex: bool,
        rng: &mut Rng,
    ) -> Dense {
        let k = rows.min(cols);
        let u = Dense::orthonormal(rows, k, complex, rng);
        let v = Dense::orthonormal(cols, k, complex, rng);
        let s: Vec<f64> = (0..k)
            .map(|i| {
                if i >= rank {
                    0.0
                } else if k == 1 {
                    1.0
                } else {
                    cond.powf(-(i as f64) / (rank.max(2) - 1) as f64)
                }
            })
            .collect();
        &u.scale_cols(&s) * &v.adjoint()
    }
}

impl Mul for &Dense {
    type Output = Dense;
    fn mul(self, b: &Dense) -> Dense {
        assert_eq!(self.cols, b.rows, "inner dimensions");
        let mut out = Dense::zeros(self.rows, b.cols);
        for i in 0..self.rows {
            for k in 0..self.cols {
                let a = self.at(i, k);
                for j in 0..b.cols {
                    out.v[i * b.cols + j] += a * b.at(k, j);
                }
            }
        }
        out
    }
}

impl Add for &Dense {
    type Output = Dense;
    fn add(self, b: &Dense) -> Dense {
        assert_eq!((self.rows, self.cols), (b.rows, b.cols));
        Dense {
            rows: self.rows,
            cols: self.cols,
            v: self.v.iter().zip(&b.v).map(|(x, y)| x + y).collect(),
        }
    }
}

impl Sub for &Dense {
    type Output = Dense;
    fn sub(self, b: &Dense) -> Dense {
        assert_eq!((self.rows, self.cols), (b.rows, b.cols));
        Dense {
            rows: self.rows,
            cols: self.cols,
            v: self.v.iter().zip(&b.v).map(|(x, y)| x - y).collect(),
        }
    }
}

/// Element types built back from complex values (the real part for real types).
pub trait FromComplex {
    fn from_c(z: Complex64) -> Self;
    const COMPLEX: bool;
}

impl FromComplex for f32 {
    fn from_c(z: Complex64) -> Self {
        z.re as f32
    }
    const COMPLEX: bool = false;
}
impl FromComplex for f64 {
    fn from_c(z: Complex64) -> Self {
        z.re
    }
    const COMPLEX: bool = false;
}
impl FromComplex for oxarray_core::Complex32 {
    fn from_c(z: Complex64) -> Self {
        oxarray_core::Complex32::new(z.re as f32, z.im as f32)
    }
    const COMPLEX: bool = true;
}
impl FromComplex for Complex64 {
    fn from_c(z: Complex64) -> Self {
        z
    }
    const COMPLEX: bool = true;
}
