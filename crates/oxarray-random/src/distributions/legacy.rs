//! The legacy samplers of `RandomState` (`numpy/random/src/legacy/legacy-distributions.c`):
//! the polar Box-Muller Gaussian with its cached second value, exponentials by inversion, and
//! the gamma and beta samplers built on them. They are frozen in NumPy for stream
//! compatibility with `np.random` before 1.17, and frozen here the same way.

use crate::bit_generator::BitGenerator;

/// The polar method's second value, kept for the next call (`has_gauss`, `gauss` of
/// `RandomState.get_state()`).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct GaussCache {
    pub(crate) has_gauss: bool,
    pub(crate) gauss: f64,
}

impl GaussCache {
    /// A standard normal by the polar method (`legacy_gauss`): two uniforms in the unit
    /// disc give two normals; the first is returned, the second kept.
    pub(crate) fn gauss<B: BitGenerator + ?Sized>(&mut self, bg: &mut B) -> f64 {
        if self.has_gauss {
            let value = self.gauss;
            *self = GaussCache::default();
            return value;
        }
        let (x1, x2, r2) = loop {
            let x1 = 2.0 * bg.next_f64() - 1.0;
            let x2 = 2.0 * bg.next_f64() - 1.0;
            let r2 = x1 * x1 + x2 * x2;
            if r2 < 1.0 && r2 != 0.0 {
                break (x1, x2, r2);
            }
        };
        let f = (-2.0 * r2.ln() / r2).sqrt();
        self.gauss = f * x1;
        self.has_gauss = true;
        f * x2
    }

    /// `legacy_standard_gamma`: NumPy's gamma sampler on the legacy normal and exponential.
    pub(crate) fn standard_gamma<B: BitGenerator + ?Sized>(
        &mut self,
        bg: &mut B,
        shape: f64,
    ) -> f64 {
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
                let x = self.gauss(bg);
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
            if u.ln() < 0.5 * x * x + b * (1.0 - v + v.ln()) {
                return b * v;
            }
        }
    }

    /// `legacy_beta`: Johnk's algorithm for shapes at most 1, else a ratio of legacy gammas.
    pub(crate) fn beta<B: BitGenerator + ?Sized>(&mut self, bg: &mut B, a: f64, b: f64) -> f64 {
        if a <= 1.0 && b <= 1.0 {
            loop {
                let u = bg.next_f64();
                let v = bg.next_f64();
                let x = u.powf(1.0 / a);
                let y = v.powf(1.0 / b);
                if x + y <= 1.0 && x + y > 0.0 {
                    return x / (x + y);
                }
            }
        }
        let ga = self.standard_gamma(bg, a);
        let gb = self.standard_gamma(bg, b);
        ga / (ga + gb)
    }
}

/// `legacy_standard_exponential`: `-log(1 - U)`.
#[inline]
pub(crate) fn standard_exponential<B: BitGenerator + ?Sized>(bg: &mut B) -> f64 {
    -(1.0 - bg.next_f64()).ln()
}

/// The log-gamma of NumPy before 1.17 (`loggam` of `randomkit`), kept by the legacy Poisson.
pub(crate) fn loggam(x: f64) -> f64 {
    const A: [f64; 10] = [
        8.333_333_333_333_333e-02,
        -2.777_777_777_777_778e-03,
        7.936_507_936_507_937e-04,
        -5.952_380_952_380_952e-04,
        8.417_508_417_508_418e-04,
        -1.917_526_917_526_918e-03,
        6.410_256_410_256_41e-03,
        -2.955_065_359_477_124e-02,
        1.796_443_723_688_307e-01,
        -1.392_432_216_905_9,
    ];
    let mut x0 = x;
    let mut n = 0;
    if x == 1.0 || x == 2.0 {
        return 0.0;
    } else if x <= 7.0 {
        n = (7.0 - x) as i64;
        x0 = x + n as f64;
    }
    let x2 = 1.0 / (x0 * x0);
    let xp = 2.0 * std::f64::consts::PI;
    let mut gl0 = A[9];
    for &a in A[..9].iter().rev() {
        gl0 *= x2;
        gl0 += a;
    }
    let mut gl = gl0 / x0 + 0.5 * xp.ln() + (x0 - 0.5) * x0.ln() - x0;
    if x <= 7.0 {
        for _ in 0..n {
            gl -= (x0 - 1.0).ln();
            x0 -= 1.0;
        }
    }
    gl
}

/// `legacy_random_poisson`: the same PTRS / multiplication samplers as the `Generator`'s,
/// with the pre-1.17 log-gamma.
pub(crate) fn poisson<B: BitGenerator + ?Sized>(bg: &mut B, lam: f64) -> i64 {
    if lam >= 10.0 {
        let slam = lam.sqrt();
        let loglam = lam.ln();
        let b = 0.931 + 2.53 * slam;
        let a = -0.059 + 0.02483 * b;
        let invalpha = 1.1239 + 1.1328 / (b - 3.4);
        let vr = 0.9277 - 3.6224 / (b - 2.0);
        loop {
            let u = bg.next_f64() - 0.5;
            let v = bg.next_f64();
            let us = 0.5 - u.abs();
            let k = ((2.0 * a / us + b) * u + lam + 0.43).floor() as i64;
            if us >= 0.07 && v <= vr {
                return k;
            }
            if k < 0 || (us < 0.013 && v > us) {
                continue;
            }
            if v.ln() + invalpha.ln() - (a / (us * us) + b).ln()
                <= -lam + k as f64 * loglam - loggam(k as f64 + 1.0)
            {
                return k;
            }
        }
    } else if lam == 0.0 {
        0
    } else {
        super::poisson(bg, lam)
    }
}
