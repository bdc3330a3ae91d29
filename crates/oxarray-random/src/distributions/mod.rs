//! Single draws from NumPy's distributions, on any [`BitGenerator`]: the scalar functions of
//! NumPy's `numpy/random/src/distributions/distributions.c` (its C API,
//! `numpy.random.c_distributions`), with the same algorithms, constants and order of draws, so
//! that a draw here is bit for bit NumPy's.
//!
//! The array methods of [`Generator`](crate::Generator) fill arrays with these functions; call
//! them directly for one value at a time:
//!
//! ```
//! use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
//! let mut bg = Pcg64::new(0u32)?;
//! let z = distributions::standard_normal(&mut bg);
//! let k = distributions::poisson(&mut bg, 3.5);
//! assert!(z.is_finite() && k >= 0);
//! # Ok::<(), oxarray_core::Error>(())
//! ```
//!
//! Parameters are not validated here (NumPy's C functions do not validate either): the
//! `Generator` methods check them and return errors naming the argument.
//!
//! **Floating point.** The arithmetic is written operation for operation as NumPy's C, without
//! fused multiply-adds, and the transcendental functions are the platform's `libm` ones NumPy
//! also calls (`log`, `log1p`, `exp`, `expm1`, `pow`, ...). NumPy's x86-64 builds do not contract
//! multiply-adds either, so the results are identical there; NumPy's aarch64 builds let the C
//! compiler fuse some `a + b * c`, which can move a few results by one unit in the last place.

pub(crate) mod bounded;
mod continuous;
mod discrete;
pub(crate) mod legacy;

pub use bounded::{
    bounded_bool_fill, bounded_u8_fill, bounded_u16_fill, bounded_u32_fill, bounded_u64,
    bounded_u64_fill, random_interval,
};
pub use continuous::*;
pub use discrete::*;

use crate::bit_generator::{BitGenerator, u32_to_unit_f32};
use crate::tables::ziggurat::{
    FE_DOUBLE, FE_FLOAT, FI_DOUBLE, FI_FLOAT, KE_DOUBLE, KE_FLOAT, KI_DOUBLE, KI_FLOAT, WE_DOUBLE,
    WE_FLOAT, WI_DOUBLE, WI_FLOAT,
};

/// Where the normal ziggurat's base strip ends (NumPy's `ziggurat_nor_r`).
const ZIGGURAT_NOR_R: f64 = 3.654_152_885_361_009;
/// Its reciprocal (`ziggurat_nor_inv_r`).
const ZIGGURAT_NOR_INV_R: f64 = 0.273_661_237_329_758_3;
/// Where the exponential ziggurat's base strip ends (`ziggurat_exp_r`).
const ZIGGURAT_EXP_R: f64 = 7.697_117_470_131_05;
// The f32 constants are NumPy's `*_f` literals rounded to f32 (same bits).
const ZIGGURAT_NOR_R_F: f32 = 3.654_152_9;
const ZIGGURAT_NOR_INV_R_F: f32 = 0.273_661_23;
const ZIGGURAT_EXP_R_F: f32 = 7.697_117_3;

/// A double uniform on [0, 1) (`random_standard_uniform`, NumPy's `next_double`).
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let x = distributions::standard_uniform(&mut bg);
/// assert!((0.0..1.0).contains(&x));
/// # Ok::<(), oxarray_core::Error>(())
/// ```
#[inline]
pub fn standard_uniform<B: BitGenerator + ?Sized>(bg: &mut B) -> f64 {
    bg.next_f64()
}

/// A float uniform on [0, 1) (`random_standard_uniform_f`: the top 24 bits of a 32-bit draw).
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let x = distributions::standard_uniform_f32(&mut bg);
/// assert!((0.0..1.0).contains(&x));
/// # Ok::<(), oxarray_core::Error>(())
/// ```
#[inline]
pub fn standard_uniform_f32<B: BitGenerator + ?Sized>(bg: &mut B) -> f32 {
    u32_to_unit_f32(bg.next_u32())
}

/// `low + range * U` (`random_uniform`: `Generator.uniform(low, low + range)`).
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let x = distributions::uniform(&mut bg, 2.0, 3.0);
/// assert!((2.0..5.0).contains(&x));
/// # Ok::<(), oxarray_core::Error>(())
/// ```
#[inline]
pub fn uniform<B: BitGenerator + ?Sized>(bg: &mut B, low: f64, range: f64) -> f64 {
    low + range * bg.next_f64()
}

/// A standard normal draw by NumPy's 256-strip ziggurat on 64-bit draws
/// (`random_standard_normal`).
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// // np.random.default_rng(0).standard_normal()
/// assert_eq!(distributions::standard_normal(&mut bg), 0.1257302210933933);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
#[inline]
pub fn standard_normal<B: BitGenerator + ?Sized>(bg: &mut B) -> f64 {
    loop {
        let r = bg.next_u64();
        let idx = (r & 0xff) as usize;
        let r = r >> 8;
        let negative = r & 1 == 1;
        let rabs = (r >> 1) & 0x000f_ffff_ffff_ffff;
        let x = rabs as f64 * WI_DOUBLE[idx];
        let x = if negative { -x } else { x };
        if rabs < KI_DOUBLE[idx] {
            return x; // 99.3% of draws end here
        }
        if let Some(x) = normal_unlikely(bg, idx, rabs, x) {
            return x;
        }
    }
}

/// The rare branch of the normal ziggurat: the tail beyond `r` (strip 0) or the wedge test.
#[cold]
fn normal_unlikely<B: BitGenerator + ?Sized>(
    bg: &mut B,
    idx: usize,
    rabs: u64,
    x: f64,
) -> Option<f64> {
    if idx == 0 {
        loop {
            // log1p(-U) rather than log(1 - U) avoids log(0) (NumPy gh-13361).
            let xx = -ZIGGURAT_NOR_INV_R * (-bg.next_f64()).ln_1p();
            let yy = -(-bg.next_f64()).ln_1p();
            if yy + yy > xx * xx {
                return Some(if (rabs >> 8) & 1 == 1 {
                    -(ZIGGURAT_NOR_R + xx)
                } else {
                    ZIGGURAT_NOR_R + xx
                });
            }
        }
    }
    let wedge = (FI_DOUBLE[idx - 1] - FI_DOUBLE[idx]) * bg.next_f64() + FI_DOUBLE[idx];
    (wedge < (-0.5 * x * x).exp()).then_some(x)
}

/// A standard normal `f32` by NumPy's float ziggurat on 32-bit draws
/// (`random_standard_normal_f`).
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let x = distributions::standard_normal_f32(&mut bg);
/// assert!(x.is_finite());
/// # Ok::<(), oxarray_core::Error>(())
/// ```
#[inline]
pub fn standard_normal_f32<B: BitGenerator + ?Sized>(bg: &mut B) -> f32 {
    loop {
        let r = bg.next_u32();
        let idx = (r & 0xff) as usize;
        let negative = (r >> 8) & 1 == 1;
        let rabs = (r >> 9) & 0x007f_ffff;
        let x = rabs as f32 * WI_FLOAT[idx];
        let x = if negative { -x } else { x };
        if rabs < KI_FLOAT[idx] {
            return x;
        }
        if let Some(x) = normal_unlikely_f32(bg, idx, rabs, x) {
            return x;
        }
    }
}

#[cold]
fn normal_unlikely_f32<B: BitGenerator + ?Sized>(
    bg: &mut B,
    idx: usize,
    rabs: u32,
    x: f32,
) -> Option<f32> {
    if idx == 0 {
        loop {
            let xx = -ZIGGURAT_NOR_INV_R_F * (-standard_uniform_f32(bg)).ln_1p();
            let yy = -(-standard_uniform_f32(bg)).ln_1p();
            if yy + yy > xx * xx {
                return Some(if (rabs >> 8) & 1 == 1 {
                    -(ZIGGURAT_NOR_R_F + xx)
                } else {
                    ZIGGURAT_NOR_R_F + xx
                });
            }
        }
    }
    let wedge = (FI_FLOAT[idx - 1] - FI_FLOAT[idx]) * standard_uniform_f32(bg) + FI_FLOAT[idx];
    // NumPy compares the float wedge with the *double* exp(-0.5 * x * x).
    let x64 = f64::from(x);
    (f64::from(wedge) < (-0.5 * x64 * x64).exp()).then_some(x)
}

/// `loc + scale * Z` (`random_normal`).
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let x = distributions::normal(&mut bg, 10.0, 0.0);
/// assert!(x == 10.0);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
#[inline]
pub fn normal<B: BitGenerator + ?Sized>(bg: &mut B, loc: f64, scale: f64) -> f64 {
    loc + scale * standard_normal(bg)
}

/// A standard exponential draw by NumPy's exponential ziggurat
/// (`random_standard_exponential`).
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let x = distributions::standard_exponential(&mut bg);
/// assert!(x >= 0.0);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
#[inline]
pub fn standard_exponential<B: BitGenerator + ?Sized>(bg: &mut B) -> f64 {
    loop {
        let ri = bg.next_u64() >> 3;
        let idx = (ri & 0xff) as usize;
        let ri = ri >> 8;
        let x = ri as f64 * WE_DOUBLE[idx];
        if ri < KE_DOUBLE[idx] {
            return x; // 98.9% of draws end here
        }
        if let Some(x) = exponential_unlikely(bg, idx, x) {
            return x;
        }
    }
}

#[cold]
fn exponential_unlikely<B: BitGenerator + ?Sized>(bg: &mut B, idx: usize, x: f64) -> Option<f64> {
    if idx == 0 {
        return Some(ZIGGURAT_EXP_R - (-bg.next_f64()).ln_1p());
    }
    let wedge = (FE_DOUBLE[idx - 1] - FE_DOUBLE[idx]) * bg.next_f64() + FE_DOUBLE[idx];
    (wedge < (-x).exp()).then_some(x)
}

/// A standard exponential `f32` (`random_standard_exponential_f`).
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let x = distributions::standard_exponential_f32(&mut bg);
/// assert!(x >= 0.0);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
#[inline]
pub fn standard_exponential_f32<B: BitGenerator + ?Sized>(bg: &mut B) -> f32 {
    loop {
        let ri = bg.next_u32() >> 1;
        let idx = (ri & 0xff) as usize;
        let ri = ri >> 8;
        let x = ri as f32 * WE_FLOAT[idx];
        if ri < KE_FLOAT[idx] {
            return x;
        }
        if let Some(x) = exponential_unlikely_f32(bg, idx, x) {
            return x;
        }
    }
}

#[cold]
fn exponential_unlikely_f32<B: BitGenerator + ?Sized>(
    bg: &mut B,
    idx: usize,
    x: f32,
) -> Option<f32> {
    if idx == 0 {
        return Some(ZIGGURAT_EXP_R_F - (-standard_uniform_f32(bg)).ln_1p());
    }
    let wedge = (FE_FLOAT[idx - 1] - FE_FLOAT[idx]) * standard_uniform_f32(bg) + FE_FLOAT[idx];
    (wedge < (-x).exp()).then_some(x)
}

/// A standard exponential by inversion, `-log1p(-U)` (NumPy's `method='inv'`).
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let x = distributions::standard_exponential_inv(&mut bg);
/// assert!(x >= 0.0);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
#[inline]
pub fn standard_exponential_inv<B: BitGenerator + ?Sized>(bg: &mut B) -> f64 {
    -(-bg.next_f64()).ln_1p()
}

/// A standard exponential `f32` by inversion (NumPy computes `log1p` of the float draw in
/// double precision and rounds the result).
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let x = distributions::standard_exponential_inv_f32(&mut bg);
/// assert!(x >= 0.0);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
#[inline]
pub fn standard_exponential_inv_f32<B: BitGenerator + ?Sized>(bg: &mut B) -> f32 {
    (-(-f64::from(standard_uniform_f32(bg))).ln_1p()) as f32
}

/// `scale * E` (`random_exponential`).
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let x = distributions::exponential(&mut bg, 2.0);
/// assert!(x >= 0.0);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
#[inline]
pub fn exponential<B: BitGenerator + ?Sized>(bg: &mut B, scale: f64) -> f64 {
    scale * standard_exponential(bg)
}

/// A standard gamma draw (`random_standard_gamma`): Marsaglia and Tsang's method for
/// `shape >= 1`, Johnk-style rejection against an exponential for `shape < 1`.
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let x = distributions::standard_gamma(&mut bg, 0.5);
/// assert!(x >= 0.0);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn standard_gamma<B: BitGenerator + ?Sized>(bg: &mut B, shape: f64) -> f64 {
    if shape == 1.0 {
        return standard_exponential(bg);
    }
    if shape == 0.0 {
        return 0.0;
    }
    if shape < 1.0 {
        loop {
            let u = bg.next_f64();
            let v = standard_exponential(bg);
            if u <= 1.0 - shape {
                let x = u.powf(1.0 / shape);
                if x <= v {
                    return x;
                }
            } else {
                let y = -((1.0 - u) / shape).ln();
                let x = (1.0 - shape + shape * y).powf(1.0 / shape);
                if x <= v + y {
                    return x;
                }
            }
        }
    }
    let b = shape - 1.0 / 3.0;
    let c = 1.0 / (9.0 * b).sqrt();
    loop {
        let (x, v) = loop {
            let x = standard_normal(bg);
            let v = 1.0 + c * x;
            if v > 0.0 {
                break (x, v);
            }
        };
        let v = v * v * v;
        let u = bg.next_f64();
        if u < 1.0 - 0.0331 * (x * x) * (x * x) {
            return b * v;
        }
        // log(0) is fine here: -inf compares smaller.
        if u.ln() < 0.5 * x * x + b * (1.0 - v + v.ln()) {
            return b * v;
        }
    }
}

/// A standard gamma `f32` (`random_standard_gamma_f`), the same algorithm in single precision.
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let x = distributions::standard_gamma_f32(&mut bg, 3.0);
/// assert!(x > 0.0);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn standard_gamma_f32<B: BitGenerator + ?Sized>(bg: &mut B, shape: f32) -> f32 {
    if shape == 1.0 {
        return standard_exponential_f32(bg);
    }
    if shape == 0.0 {
        return 0.0;
    }
    if shape < 1.0 {
        loop {
            let u = standard_uniform_f32(bg);
            let v = standard_exponential_f32(bg);
            if u <= 1.0 - shape {
                let x = u.powf(1.0 / shape);
                if x <= v {
                    return x;
                }
            } else {
                let y = -((1.0 - u) / shape).ln();
                let x = (1.0 - shape + shape * y).powf(1.0 / shape);
                if x <= v + y {
                    return x;
                }
            }
        }
    }
    let b = shape - 1.0 / 3.0;
    let c = 1.0 / (9.0 * b).sqrt();
    loop {
        let (x, v) = loop {
            let x = standard_normal_f32(bg);
            let v = 1.0 + c * x;
            if v > 0.0 {
                break (x, v);
            }
        };
        let v = v * v * v;
        let u = standard_uniform_f32(bg);
        if u < 1.0 - 0.0331 * (x * x) * (x * x) {
            return b * v;
        }
        if u.ln() < 0.5 * x * x + b * (1.0 - v + v.ln()) {
            return b * v;
        }
    }
}

/// `scale * G(shape)` (`random_gamma`).
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let x = distributions::gamma(&mut bg, 2.0, 3.0);
/// assert!(x > 0.0);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
#[inline]
pub fn gamma<B: BitGenerator + ?Sized>(bg: &mut B, shape: f64, scale: f64) -> f64 {
    scale * standard_gamma(bg, shape)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The constants are NumPy's 29-digit literals (`ziggurat_constants.h`), rounded once.
    #[test]
    fn ziggurat_constants_are_numpys_literals() {
        let nor_r = "3.6541528853610087963519472518";
        let nor_inv_r = "0.27366123732975827203338247596";
        let exp_r = "7.6971174701310497140446280481";
        assert_eq!(ZIGGURAT_NOR_R, nor_r.parse::<f64>().unwrap());
        assert_eq!(ZIGGURAT_NOR_INV_R, nor_inv_r.parse::<f64>().unwrap());
        assert_eq!(ZIGGURAT_EXP_R, exp_r.parse::<f64>().unwrap());
        assert_eq!(ZIGGURAT_NOR_R_F, nor_r.parse::<f32>().unwrap());
        assert_eq!(ZIGGURAT_NOR_INV_R_F, nor_inv_r.parse::<f32>().unwrap());
        assert_eq!(ZIGGURAT_EXP_R_F, exp_r.parse::<f32>().unwrap());
    }
}
