//! The discrete distributions (NumPy's `random_poisson`, `random_binomial`, ... and
//! `random_hypergeometric.c`), returning `i64` as NumPy's `int64` results.

use super::{gamma, random_interval, standard_exponential};
use crate::bit_generator::BitGenerator;
use crate::tables::logfact::LOGFACT;

/// The largest `lam` NumPy's `poisson` accepts (`POISSON_LAM_MAX`: `int64` max minus ten of
/// its square roots, so that the transformed rejection cannot overflow).
///
/// ```
/// use oxarray_random::distributions::POISSON_LAM_MAX;
/// assert!(POISSON_LAM_MAX < i64::MAX as f64);
/// ```
pub const POISSON_LAM_MAX: f64 = 9.223_372_006_484_771e18;

/// log Gamma(x) by the Stirling series of Zhang and Jin (`random_loggam`).
///
/// ```
/// use oxarray_random::distributions::loggam;
/// assert!((loggam(5.0) - 24f64.ln()).abs() < 1e-12); // log 4!
/// ```
pub fn loggam(x: f64) -> f64 {
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
    if x == 1.0 || x == 2.0 {
        return 0.0;
    }
    let n = if x < 7.0 { (7.0 - x) as i64 } else { 0 };
    let mut x0 = x + n as f64;
    let x2 = (1.0 / x0) * (1.0 / x0);
    let lg2pi = 1.837_877_066_409_345_3; // log(2 pi)
    let mut gl0 = A[9];
    for &a in A[..9].iter().rev() {
        gl0 *= x2;
        gl0 += a;
    }
    let mut gl = gl0 / x0 + 0.5 * lg2pi + (x0 - 0.5) * x0.ln() - x0;
    if x < 7.0 {
        for _ in 0..n {
            gl -= (x0 - 1.0).ln();
            x0 -= 1.0;
        }
    }
    gl
}

/// log(k!) from NumPy's table for `k < 126`, Stirling's series beyond (`logfactorial`).
///
/// ```
/// use oxarray_random::distributions::logfactorial;
/// assert_eq!(logfactorial(0), 0.0);
/// assert!((logfactorial(200) - oxarray_random::distributions::loggam(201.0)).abs() < 1e-9);
/// ```
pub fn logfactorial(k: i64) -> f64 {
    const HALF_LN_2PI: f64 = 0.918_938_533_204_672_8;
    if let Some(&v) = usize::try_from(k).ok().and_then(|i| LOGFACT.get(i)) {
        return v;
    }
    let kf = k as f64;
    (kf + 0.5) * kf.ln() - kf + (HALF_LN_2PI + (1.0 / kf) * (1.0 / 12.0 - 1.0 / (360.0 * kf * kf)))
}

/// A Poisson draw (`random_poisson`): multiplication of uniforms for `lam < 10`, Hörmann's
/// transformed rejection (PTRS) above.
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let x = distributions::poisson(&mut bg, 25.0);
/// assert!(x >= 0);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn poisson<B: BitGenerator + ?Sized>(bg: &mut B, lam: f64) -> i64 {
    if lam >= 10.0 {
        poisson_ptrs(bg, lam)
    } else if lam == 0.0 {
        0
    } else {
        poisson_mult(bg, lam)
    }
}

fn poisson_mult<B: BitGenerator + ?Sized>(bg: &mut B, lam: f64) -> i64 {
    let enlam = (-lam).exp();
    let mut x = 0;
    let mut prod = 1.0;
    loop {
        prod *= bg.next_f64();
        if prod > enlam {
            x += 1;
        } else {
            return x;
        }
    }
}

/// W. Hörmann, "The transformed rejection method for generating Poisson random variables",
/// Insurance: Mathematics and Economics 12 (1993).
fn poisson_ptrs<B: BitGenerator + ?Sized>(bg: &mut B, lam: f64) -> i64 {
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
        // log(V) == log(0) is fine; us == 0 always returns above.
        if v.ln() + invalpha.ln() - (a / (us * us) + b).ln()
            <= -lam + k as f64 * loglam - loggam(k as f64 + 1.0)
        {
            return k;
        }
    }
}

/// The set-up of a binomial draw for one `(n, p)` (NumPy's `binomial_t` cache), reused
/// across the draws of an array with the same parameters.
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let b = distributions::Binomial::new(100, 0.3);
/// let draws: Vec<i64> = (0..5).map(|_| b.sample(&mut bg)).collect();
/// assert!(draws.iter().all(|&k| (0..=100).contains(&k)));
/// # Ok::<(), oxarray_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Binomial {
    n: i64,
    /// `min(p, 1 - p)`: NumPy draws `n - X`, `X ~ Binomial(n, 1 - p)`, for `p > 0.5`.
    p: f64,
    flipped: bool,
    method: BinomialMethod,
}

#[derive(Debug, Clone, Copy)]
enum BinomialMethod {
    Zero,
    /// Inversion for `n * p <= 30` (`random_binomial_inversion`).
    Inversion {
        q: f64,
        qn: f64,
        bound: i64,
    },
    /// Kachitvichyanukul and Schmeiser's BTPE (`random_binomial_btpe`).
    Btpe(BtpeSetup),
}

#[derive(Debug, Clone, Copy)]
struct BtpeSetup {
    r: f64,
    q: f64,
    m: i64,
    p1: f64,
    xm: f64,
    xl: f64,
    xr: f64,
    c: f64,
    laml: f64,
    lamr: f64,
    p2: f64,
    p3: f64,
    p4: f64,
}

impl Binomial {
    /// The sampler for `Binomial(n, p)`, `0 <= p <= 1`, `n >= 0` (NumPy's `random_binomial`
    /// split into set-up and draw).
    ///
    /// ```
    /// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
    /// let mut bg = Pcg64::new(0u32)?;
    /// let b = distributions::Binomial::new(10, 0.9); // draws 10 - Binomial(10, 0.1)
    /// assert!(b.sample(&mut bg) <= 10);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn new(n: i64, p: f64) -> Self {
        let flipped = p > 0.5;
        let pp = if flipped { 1.0 - p } else { p };
        let method = if n == 0 || p == 0.0 {
            BinomialMethod::Zero
        } else if pp * n as f64 <= 30.0 {
            let q = 1.0 - pp;
            let qn = (n as f64 * q.ln()).exp();
            let np = n as f64 * pp;
            // C's MIN(n, np + 10 sqrt(np q + 1)) in double precision, then truncated.
            let limit = np + 10.0 * (np * q + 1.0).sqrt();
            let bound = if (n as f64) < limit { n } else { limit as i64 };
            BinomialMethod::Inversion { q, qn, bound }
        } else {
            BinomialMethod::Btpe(btpe_setup(n, pp))
        };
        Binomial {
            n,
            p: pp,
            flipped,
            method,
        }
    }

    /// One draw.
    ///
    /// ```
    /// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
    /// let mut bg = Pcg64::new(0u32)?;
    /// let b = distributions::Binomial::new(1000, 0.5);
    /// assert!(b.sample(&mut bg) <= 1000);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    #[inline]
    pub fn sample<B: BitGenerator + ?Sized>(&self, bg: &mut B) -> i64 {
        let x = match &self.method {
            BinomialMethod::Zero => return 0,
            BinomialMethod::Inversion { q, qn, bound } => {
                binomial_inversion(bg, self.n, self.p, *q, *qn, *bound)
            }
            BinomialMethod::Btpe(setup) => binomial_btpe(bg, self.n, setup),
        };
        if self.flipped { self.n - x } else { x }
    }
}

/// A binomial draw (`random_binomial(p, n)`).
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let x = distributions::binomial(&mut bg, 0.3, 10);
/// assert!((0..=10).contains(&x));
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn binomial<B: BitGenerator + ?Sized>(bg: &mut B, p: f64, n: i64) -> i64 {
    Binomial::new(n, p).sample(bg)
}

fn binomial_inversion<B: BitGenerator + ?Sized>(
    bg: &mut B,
    n: i64,
    p: f64,
    q: f64,
    qn: f64,
    bound: i64,
) -> i64 {
    let mut x: i64 = 0;
    let mut px = qn;
    let mut u = bg.next_f64();
    while u > px {
        x += 1;
        if x > bound {
            x = 0;
            px = qn;
            u = bg.next_f64();
        } else {
            u -= px;
            px = ((n - x + 1) as f64 * p * px) / (x as f64 * q);
        }
    }
    x
}

fn btpe_setup(n: i64, p: f64) -> BtpeSetup {
    let r = p.min(1.0 - p);
    let q = 1.0 - r;
    let fm = n as f64 * r + r;
    let m = fm.floor() as i64;
    let p1 = (2.195 * (n as f64 * r * q).sqrt() - 4.6 * q).floor() + 0.5;
    let xm = m as f64 + 0.5;
    let xl = xm - p1;
    let xr = xm + p1;
    let c = 0.134 + 20.5 / (15.3 + m as f64);
    let a = (fm - xl) / (fm - xl * r);
    let laml = a * (1.0 + a / 2.0);
    let a = (xr - fm) / (xr * q);
    let lamr = a * (1.0 + a / 2.0);
    let p2 = p1 * (1.0 + 2.0 * c);
    let p3 = p2 + c / laml;
    let p4 = p3 + c / lamr;
    BtpeSetup {
        r,
        q,
        m,
        p1,
        xm,
        xl,
        xr,
        c,
        laml,
        lamr,
        p2,
        p3,
        p4,
    }
}

/// Kachitvichyanukul and Schmeiser's BTPE, step for step as NumPy's `random_binomial_btpe`
/// (the `goto` steps become `continue` of the outer loop, "Step 10").
fn binomial_btpe<B: BitGenerator + ?Sized>(bg: &mut B, n: i64, s: &BtpeSetup) -> i64 {
    let BtpeSetup {
        r,
        q,
        m,
        p1,
        xm,
        xl,
        xr,
        c,
        laml,
        lamr,
        p2,
        p3,
        p4,
    } = *s;
    let nf = n as f64;
    loop {
        // Step 10
        let nrq = nf * r * q;
        let u = bg.next_f64() * p4;
        let mut v = bg.next_f64();
        let y: i64;
        if u <= p1 {
            return (xm - p1 * v + u).floor() as i64; // Step 60 (p <= 0.5 here)
        } else if u <= p2 {
            // Step 20: the parallelograms
            let x = xl + (u - p1) / c;
            v = v * c + 1.0 - (m as f64 - x + 0.5).abs() / p1;
            if v > 1.0 {
                continue;
            }
            y = x.floor() as i64;
        } else if u <= p3 {
            // Step 30: the left tail
            let yy = (xl + v.ln() / laml).floor() as i64;
            if yy < 0 || v == 0.0 {
                continue;
            }
            y = yy;
            v = v * (u - p2) * laml;
        } else {
            // Step 40: the right tail
            let yy = (xr - v.ln() / lamr).floor() as i64;
            if yy > n || v == 0.0 {
                continue;
            }
            y = yy;
            v = v * (u - p3) * lamr;
        }
        // Step 50
        let k = (y - m).abs();
        if !(k > 20 && (k as f64) < nrq / 2.0 - 1.0) {
            let s = r / q;
            let a = s * (nf + 1.0);
            let mut f = 1.0;
            if m < y {
                for i in m + 1..=y {
                    f *= a / i as f64 - s;
                }
            } else if m > y {
                for i in y + 1..=m {
                    f /= a / i as f64 - s;
                }
            }
            if v > f {
                continue;
            }
            return y;
        }
        // Step 52: squeeze on the log scale
        let kf = k as f64;
        let rho = (kf / nrq) * ((kf * (kf / 3.0 + 0.625) + 0.166_666_666_666_666_66) / nrq + 0.5);
        let t = (-k * k) as f64 / (2.0 * nrq);
        let big_a = v.ln();
        if big_a < t - rho {
            return y;
        }
        if big_a > t + rho {
            continue;
        }
        let x1 = (y + 1) as f64;
        let f1 = (m + 1) as f64;
        let z = (n + 1 - m) as f64;
        let w = (n - y + 1) as f64;
        let (x2, f2, z2, w2) = (x1 * x1, f1 * f1, z * z, w * w);
        let stirling = |t2: f64, t: f64| {
            (13680.0 - (462.0 - (132.0 - (99.0 - 140.0 / t2) / t2) / t2) / t2) / t / 166_320.0
        };
        let bound = xm * (f1 / x1).ln()
            + ((n - m) as f64 + 0.5) * (z / w).ln()
            + (y - m) as f64 * (w * r / (x1 * q)).ln()
            + stirling(f2, f1)
            + stirling(z2, z)
            + stirling(x2, x1)
            + stirling(w2, w);
        if big_a > bound {
            continue;
        }
        return y;
    }
}

/// A negative binomial draw, a Poisson of a gamma (`random_negative_binomial`).
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let x = distributions::negative_binomial(&mut bg, 5.0, 0.4);
/// assert!(x >= 0);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn negative_binomial<B: BitGenerator + ?Sized>(bg: &mut B, n: f64, p: f64) -> i64 {
    let y = gamma(bg, n, (1.0 - p) / p);
    poisson(bg, y)
}

/// A geometric draw on {1, 2, ...} (`random_geometric`): sequential search for
/// `p >= 1/3`, inversion of an exponential below.
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let x = distributions::geometric(&mut bg, 0.05);
/// assert!(x >= 1);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn geometric<B: BitGenerator + ?Sized>(bg: &mut B, p: f64) -> i64 {
    if p >= 0.333_333_333_333_333_3 {
        let mut x = 1;
        let mut sum = p;
        let mut prod = p;
        let q = 1.0 - p;
        let u = bg.next_f64();
        while u > sum {
            prod *= q;
            sum += prod;
            x += 1;
        }
        x
    } else {
        let z = (-standard_exponential(bg) / (-p).ln_1p()).ceil();
        // 9.223372036854776e18 is the smallest double above i64::MAX.
        if z >= 9.223_372_036_854_776e18 {
            i64::MAX
        } else {
            z as i64
        }
    }
}

/// A Zipf draw by rejection, truncated to `int64` (`random_zipf`).
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let x = distributions::zipf(&mut bg, 2.0);
/// assert!(x >= 1);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn zipf<B: BitGenerator + ?Sized>(bg: &mut B, a: f64) -> i64 {
    if a >= 1025.0 {
        // b = 2^(a-1) overflows; P(X > 1) < 3e-309.
        return 1;
    }
    let am1 = a - 1.0;
    let b = 2.0f64.powf(am1);
    // U below umin gives an X beyond int64 and would be rejected: draw U from (umin, 1].
    let umin = (i64::MAX as f64).powf(-am1);
    loop {
        let u01 = bg.next_f64();
        let u = u01 * umin + (1.0 - u01);
        let v = bg.next_f64();
        let x = u.powf(-1.0 / am1).floor();
        if x > i64::MAX as f64 || x < 1.0 {
            continue;
        }
        let t = (1.0 + 1.0 / x).powf(am1);
        if v * x * (t - 1.0) / (b - 1.0) <= t / b {
            return x as i64;
        }
    }
}

/// A logarithmic-series draw (Kemp's algorithm, `random_logseries`).
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let x = distributions::logseries(&mut bg, 0.6);
/// assert!(x >= 1);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn logseries<B: BitGenerator + ?Sized>(bg: &mut B, p: f64) -> i64 {
    let r = (-p).ln_1p();
    loop {
        let v = bg.next_f64();
        if v >= p {
            return 1;
        }
        let u = bg.next_f64();
        let q = -(r * u).exp_m1();
        if v <= q * q {
            let result = (1.0 + v.ln() / q.ln()).floor() as i64;
            if result < 1 || v == 0.0 {
                continue;
            }
            return result;
        }
        return if v >= q { 1 } else { 2 };
    }
}

/// A hypergeometric draw (`random_hypergeometric`): the number of good items among `sample`
/// drawn without replacement from `good + bad`. Stadlober's ratio of uniforms (HRUA) when
/// `10 <= sample <= good + bad - 10`, simple sequential selection otherwise.
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let x = distributions::hypergeometric(&mut bg, 100, 200, 50);
/// assert!((0..=50).contains(&x));
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn hypergeometric<B: BitGenerator + ?Sized>(
    bg: &mut B,
    good: i64,
    bad: i64,
    sample: i64,
) -> i64 {
    if sample >= 10 && sample <= good + bad - 10 {
        hypergeometric_hrua(bg, good, bad, sample)
    } else {
        hypergeometric_sample(bg, good, bad, sample)
    }
}

fn hypergeometric_sample<B: BitGenerator + ?Sized>(
    bg: &mut B,
    good: i64,
    bad: i64,
    sample: i64,
) -> i64 {
    let total = good + bad;
    let complement = sample > total / 2;
    let mut computed_sample = if complement { total - sample } else { sample };
    let mut remaining_total = total;
    let mut remaining_good = good;
    while computed_sample > 0 && remaining_good > 0 && remaining_total > remaining_good {
        // random_interval(max) is inclusive of max.
        remaining_total -= 1;
        if (random_interval(bg, remaining_total as u64) as i64) < remaining_good {
            remaining_good -= 1;
        }
        computed_sample -= 1;
    }
    if remaining_total == remaining_good {
        // Only good items are left.
        remaining_good -= computed_sample;
    }
    if complement {
        remaining_good
    } else {
        good - remaining_good
    }
}

fn hypergeometric_hrua<B: BitGenerator + ?Sized>(
    bg: &mut B,
    good: i64,
    bad: i64,
    sample: i64,
) -> i64 {
    const D1: f64 = 1.715_527_769_921_413_5; // 2 sqrt(2 / e)
    const D2: f64 = 0.898_916_162_058_898_8; // 3 - 2 sqrt(3 / e)
    let popsize = good + bad;
    let computed_sample = sample.min(popsize - sample);
    let mingoodbad = good.min(bad);
    let maxgoodbad = good.max(bad);
    let p = mingoodbad as f64 / popsize as f64;
    let q = maxgoodbad as f64 / popsize as f64;
    let mu = computed_sample as f64 * p;
    let a = mu + 0.5;
    let var =
        (popsize - computed_sample) as f64 * computed_sample as f64 * p * q / (popsize - 1) as f64;
    let c = (var + 0.5).sqrt();
    let h = D1 * c + D2;
    let m = ((computed_sample + 1) as f64 * (mingoodbad + 1) as f64 / (popsize + 2) as f64).floor()
        as i64;
    let g = logfactorial(m)
        + logfactorial(mingoodbad - m)
        + logfactorial(computed_sample - m)
        + logfactorial(maxgoodbad - computed_sample + m);
    let support = (computed_sample.min(mingoodbad) + 1) as f64;
    let b = support.min((a + 16.0 * c).floor());
    let mut k = loop {
        let u = bg.next_f64();
        let v = bg.next_f64();
        let x = a + h * (v - 0.5) / u;
        if x < 0.0 || x >= b {
            continue;
        }
        let k = x.floor() as i64;
        let gp = logfactorial(k)
            + logfactorial(mingoodbad - k)
            + logfactorial(computed_sample - k)
            + logfactorial(maxgoodbad - computed_sample + k);
        let t = g - gp;
        if u * (4.0 - u) - 3.0 <= t {
            break k;
        }
        if u * (u - t) >= 1.0 {
            continue;
        }
        if 2.0 * u.ln() <= t {
            break k;
        }
    };
    if good > bad {
        k = computed_sample - k;
    }
    if computed_sample < sample {
        k = good - k;
    }
    k
}

/// A multinomial draw into `out` (`random_multinomial`): successive conditional binomials.
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let mut counts = [0i64; 3];
/// distributions::multinomial(&mut bg, 20, &[0.2, 0.3, 0.5], &mut counts);
/// assert_eq!(counts.iter().sum::<i64>(), 20);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn multinomial<B: BitGenerator + ?Sized>(bg: &mut B, n: i64, pvals: &[f64], out: &mut [i64]) {
    let d = pvals.len();
    out.iter_mut().for_each(|x| *x = 0);
    let mut remaining_p = 1.0;
    let mut dn = n;
    for j in 0..d.saturating_sub(1) {
        out[j] = binomial(bg, pvals[j] / remaining_p, dn);
        dn -= out[j];
        if dn <= 0 {
            break;
        }
        remaining_p -= pvals[j];
    }
    if dn > 0 && d > 0 {
        out[d - 1] = dn;
    }
}
