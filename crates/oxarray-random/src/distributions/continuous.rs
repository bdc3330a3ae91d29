//! The continuous distributions built on the uniform, normal, exponential and gamma draws of
//! the parent module, each NumPy's `random_<name>` function.

use std::f64::consts::PI;

use super::{
    normal, poisson, standard_exponential, standard_gamma, standard_normal, standard_uniform,
};
use crate::bit_generator::BitGenerator;

/// Below this, both shapes of a beta make the draw 0 or 1 in double precision
/// (`BETA_TINY_THRESHOLD`).
const BETA_TINY_THRESHOLD: f64 = 3e-103;

/// A beta draw (`random_beta`): Johnk's algorithm when both shapes are at most 1, else the
/// ratio of two gamma draws. `a` and `b` must be positive.
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let x = distributions::beta(&mut bg, 0.5, 2.0);
/// assert!((0.0..=1.0).contains(&x));
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn beta<B: BitGenerator + ?Sized>(bg: &mut B, a: f64, b: f64) -> f64 {
    if a <= 1.0 && b <= 1.0 {
        if a < BETA_TINY_THRESHOLD && b < BETA_TINY_THRESHOLD {
            // The sample is 0 or 1 to double precision; pick with probability a / (a + b).
            let u = bg.next_f64();
            return if (a + b) * u < a { 1.0 } else { 0.0 };
        }
        loop {
            let u = bg.next_f64();
            let v = bg.next_f64();
            let x = u.powf(1.0 / a);
            let y = v.powf(1.0 / b);
            let xpy = x + y;
            // Reject when both U and V are 0 (about 1 in 10^106).
            if xpy <= 1.0 && u + v > 0.0 {
                if x > 0.0 && y > 0.0 {
                    return x / xpy;
                }
                // X or Y underflowed: X / (X + Y) from the logarithms.
                let log_x = u.ln() / a;
                let log_y = v.ln() / b;
                let delta = log_x - log_y;
                return if delta > 0.0 {
                    (-(-delta).exp().ln_1p()).exp()
                } else {
                    (delta - delta.exp().ln_1p()).exp()
                };
            }
        }
    }
    let ga = standard_gamma(bg, a);
    let gb = standard_gamma(bg, b);
    ga / (ga + gb)
}

/// `2 G(df / 2)` (`random_chisquare`).
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let x = distributions::chisquare(&mut bg, 3.0);
/// assert!(x > 0.0);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
#[inline]
pub fn chisquare<B: BitGenerator + ?Sized>(bg: &mut B, df: f64) -> f64 {
    2.0 * standard_gamma(bg, df / 2.0)
}

/// The F distribution, a ratio of scaled chi-squares (`random_f`).
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let x = distributions::f(&mut bg, 5.0, 2.0);
/// assert!(x > 0.0);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn f<B: BitGenerator + ?Sized>(bg: &mut B, dfnum: f64, dfden: f64) -> f64 {
    let num = chisquare(bg, dfnum) * dfden;
    num / (chisquare(bg, dfden) * dfnum)
}

/// A ratio of two standard normals (`random_standard_cauchy`).
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let x = distributions::standard_cauchy(&mut bg);
/// assert!(x.is_finite());
/// # Ok::<(), oxarray_core::Error>(())
/// ```
#[inline]
pub fn standard_cauchy<B: BitGenerator + ?Sized>(bg: &mut B) -> f64 {
    let num = standard_normal(bg);
    num / standard_normal(bg)
}

/// The Pareto II (Lomax) distribution, `expm1(E / a)` (`random_pareto`).
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let x = distributions::pareto(&mut bg, 3.0);
/// assert!(x >= 0.0);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
#[inline]
pub fn pareto<B: BitGenerator + ?Sized>(bg: &mut B, a: f64) -> f64 {
    (standard_exponential(bg) / a).exp_m1()
}

/// `E^(1/a)`, 0 for `a == 0` (`random_weibull`).
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let x = distributions::weibull(&mut bg, 1.5);
/// assert!(x >= 0.0);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
#[inline]
pub fn weibull<B: BitGenerator + ?Sized>(bg: &mut B, a: f64) -> f64 {
    if a == 0.0 {
        return 0.0;
    }
    standard_exponential(bg).powf(1.0 / a)
}

/// The power distribution, `(1 - e^-E)^(1/a)` (`random_power`).
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let x = distributions::power(&mut bg, 5.0);
/// assert!((0.0..=1.0).contains(&x));
/// # Ok::<(), oxarray_core::Error>(())
/// ```
#[inline]
pub fn power<B: BitGenerator + ?Sized>(bg: &mut B, a: f64) -> f64 {
    (-(-standard_exponential(bg)).exp_m1()).powf(1.0 / a)
}

/// The Laplace (double exponential) distribution by inversion (`random_laplace`).
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let x = distributions::laplace(&mut bg, 0.0, 1.0);
/// assert!(x.is_finite());
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn laplace<B: BitGenerator + ?Sized>(bg: &mut B, loc: f64, scale: f64) -> f64 {
    loop {
        let u = bg.next_f64();
        if u >= 0.5 {
            return loc - scale * (2.0 - u - u).ln();
        }
        if u > 0.0 {
            return loc + scale * (u + u).ln();
        }
        // U == 0 is rejected and drawn again.
    }
}

/// The Gumbel distribution by inversion (`random_gumbel`).
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let x = distributions::gumbel(&mut bg, 0.0, 1.0);
/// assert!(x.is_finite());
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn gumbel<B: BitGenerator + ?Sized>(bg: &mut B, loc: f64, scale: f64) -> f64 {
    loop {
        let u = 1.0 - bg.next_f64();
        if u < 1.0 {
            return loc - scale * (-u.ln()).ln();
        }
    }
}

/// The logistic distribution by inversion (`random_logistic`).
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let x = distributions::logistic(&mut bg, 0.0, 1.0);
/// assert!(x.is_finite());
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn logistic<B: BitGenerator + ?Sized>(bg: &mut B, loc: f64, scale: f64) -> f64 {
    loop {
        let u = bg.next_f64();
        if u > 0.0 {
            return loc + scale * (u / (1.0 - u)).ln();
        }
    }
}

/// `exp(N(mean, sigma))` (`random_lognormal`).
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let x = distributions::lognormal(&mut bg, 0.0, 1.0);
/// assert!(x > 0.0);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
#[inline]
pub fn lognormal<B: BitGenerator + ?Sized>(bg: &mut B, mean: f64, sigma: f64) -> f64 {
    normal(bg, mean, sigma).exp()
}

/// `mode * sqrt(2 E)` (`random_rayleigh`).
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let x = distributions::rayleigh(&mut bg, 2.0);
/// assert!(x >= 0.0);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
#[inline]
pub fn rayleigh<B: BitGenerator + ?Sized>(bg: &mut B, mode: f64) -> f64 {
    mode * (2.0 * standard_exponential(bg)).sqrt()
}

/// Student's t, `sqrt(df / 2) Z / sqrt(G(df / 2))` (`random_standard_t`).
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let x = distributions::standard_t(&mut bg, 10.0);
/// assert!(x.is_finite());
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn standard_t<B: BitGenerator + ?Sized>(bg: &mut B, df: f64) -> f64 {
    let num = standard_normal(bg);
    let denom = standard_gamma(bg, df / 2.0);
    (df / 2.0).sqrt() * num / denom.sqrt()
}

/// The noncentral chi-square (`random_noncentral_chisquare`).
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let x = distributions::noncentral_chisquare(&mut bg, 3.0, 1.5);
/// assert!(x > 0.0);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn noncentral_chisquare<B: BitGenerator + ?Sized>(bg: &mut B, df: f64, nonc: f64) -> f64 {
    if nonc.is_nan() {
        return f64::NAN;
    }
    if nonc == 0.0 {
        return chisquare(bg, df);
    }
    if 1.0 < df {
        let chi2 = chisquare(bg, df - 1.0);
        let n = standard_normal(bg) + nonc.sqrt();
        return chi2 + n * n;
    }
    let i = poisson(bg, nonc / 2.0);
    chisquare(bg, df + 2.0 * i as f64)
}

/// The noncentral F (`random_noncentral_f`).
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let x = distributions::noncentral_f(&mut bg, 3.0, 20.0, 3.0);
/// assert!(x > 0.0);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn noncentral_f<B: BitGenerator + ?Sized>(
    bg: &mut B,
    dfnum: f64,
    dfden: f64,
    nonc: f64,
) -> f64 {
    let t = noncentral_chisquare(bg, dfnum, nonc) * dfden;
    t / (chisquare(bg, dfden) * dfnum)
}

/// The Wald (inverse Gaussian) distribution (`random_wald`), in the form that cannot
/// cancel to a negative value for large `mean * Z^2 / scale`.
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let x = distributions::wald(&mut bg, 3.0, 2.0);
/// assert!(x > 0.0);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn wald<B: BitGenerator + ?Sized>(bg: &mut B, mean: f64, scale: f64) -> f64 {
    let z = standard_normal(bg);
    let y = mean * z * z;
    let d = 1.0 + (1.0 + 4.0 * scale / y).sqrt();
    let x = mean * (1.0 - 2.0 / d);
    let u = bg.next_f64();
    if u <= mean / (mean + x) {
        x
    } else {
        mean * mean / x
    }
}

/// The von Mises distribution on [-pi, pi) (`random_vonmises`): uniform for tiny `kappa`, a
/// wrapped normal for huge `kappa`, Best and Fisher's rejection otherwise.
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let x = distributions::vonmises(&mut bg, 0.0, 4.0);
/// assert!(x.abs() <= std::f64::consts::PI);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn vonmises<B: BitGenerator + ?Sized>(bg: &mut B, mu: f64, kappa: f64) -> f64 {
    if kappa.is_nan() {
        return f64::NAN;
    }
    if kappa < 1e-8 {
        return PI * (2.0 * bg.next_f64() - 1.0);
    }
    let s = if kappa < 1e-5 {
        // Second-order Taylor expansion around kappa = 0.
        1.0 / kappa + kappa
    } else if kappa <= 1e6 {
        let r = 1.0 + (1.0 + 4.0 * kappa * kappa).sqrt();
        let rho = (r - (2.0 * r).sqrt()) / (2.0 * kappa);
        (1.0 + rho * rho) / (2.0 * rho)
    } else {
        // The wrapped normal approximation.
        let mut result = mu + (1.0 / kappa).sqrt() * standard_normal(bg);
        if result < -PI {
            result += 2.0 * PI;
        }
        if result > PI {
            result -= 2.0 * PI;
        }
        return result;
    };
    let w = loop {
        let u = bg.next_f64();
        let z = (PI * u).cos();
        let w = (1.0 + s * z) / (s + z);
        let y = kappa * (s - w);
        let v = bg.next_f64();
        // V == 0 is fine: Y >= 0 accepts, Y < 0 rejects.
        if y * (2.0 - y) - v >= 0.0 || (y / v).ln() + 1.0 - y >= 0.0 {
            break w;
        }
    };
    let u = bg.next_f64();
    let mut result = w.acos();
    if u < 0.5 {
        result = -result;
    }
    result += mu;
    let negative = result < 0.0;
    let wrapped = (result.abs() + PI) % (2.0 * PI) - PI;
    if negative { -wrapped } else { wrapped }
}

/// The triangular distribution by inversion (`random_triangular`).
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let x = distributions::triangular(&mut bg, -3.0, 0.0, 8.0);
/// assert!((-3.0..=8.0).contains(&x));
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn triangular<B: BitGenerator + ?Sized>(bg: &mut B, left: f64, mode: f64, right: f64) -> f64 {
    let base = right - left;
    let leftbase = mode - left;
    let ratio = leftbase / base;
    let leftprod = leftbase * base;
    let rightprod = (right - mode) * base;
    let u = standard_uniform(bg);
    if u <= ratio {
        left + (u * leftprod).sqrt()
    } else {
        right - ((1.0 - u) * rightprod).sqrt()
    }
}
