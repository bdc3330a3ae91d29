//! The float dtypes of the `dtype=` argument of `random`, `standard_normal`,
//! `standard_exponential` and `standard_gamma`: each type picks NumPy's sampler of that
//! precision.

use oxarray_core::Element;

use crate::bit_generator::BitGenerator;
use crate::distributions;

mod sealed {
    pub trait Sealed {}
    impl Sealed for f32 {}
    impl Sealed for f64 {}
}

/// `f64` (`dtype=np.float64`) or `f32` (`dtype=np.float32`): the precisions NumPy's float
/// samplers come in. Each uses its own algorithm (the `f32` ones draw 32 bits at a time), so
/// the `f32` stream is not the `f64` stream rounded.
///
/// ```
/// use oxarray_random::default_rng;
/// let mut rng = default_rng(1)?;
/// let x = rng.random::<f32>(3)?;   // rng.random(3, dtype=np.float32)
/// assert_eq!(x.dtype(), oxarray_core::DType::F32);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub trait RandomFloat: Element + sealed::Sealed {
    /// Uniform draws on [0, 1) into `out`, in order.
    fn fill_uniform<B: BitGenerator + ?Sized>(bg: &mut B, out: &mut [Self]);
    /// One standard normal draw.
    fn standard_normal<B: BitGenerator + ?Sized>(bg: &mut B) -> Self;
    /// One standard exponential draw by the ziggurat.
    fn standard_exponential<B: BitGenerator + ?Sized>(bg: &mut B) -> Self;
    /// One standard exponential draw by inversion.
    fn standard_exponential_inv<B: BitGenerator + ?Sized>(bg: &mut B) -> Self;
    /// One standard gamma draw (`shape` rounded to this precision first, as NumPy does).
    fn standard_gamma<B: BitGenerator + ?Sized>(bg: &mut B, shape: f64) -> Self;
    /// `shape` rounded to this precision (what NumPy validates and samples with).
    fn round_param(value: f64) -> f64;
}

impl RandomFloat for f64 {
    #[inline]
    fn fill_uniform<B: BitGenerator + ?Sized>(bg: &mut B, out: &mut [f64]) {
        bg.fill_f64(out);
    }
    #[inline]
    fn standard_normal<B: BitGenerator + ?Sized>(bg: &mut B) -> f64 {
        distributions::standard_normal(bg)
    }
    #[inline]
    fn standard_exponential<B: BitGenerator + ?Sized>(bg: &mut B) -> f64 {
        distributions::standard_exponential(bg)
    }
    #[inline]
    fn standard_exponential_inv<B: BitGenerator + ?Sized>(bg: &mut B) -> f64 {
        distributions::standard_exponential_inv(bg)
    }
    #[inline]
    fn standard_gamma<B: BitGenerator + ?Sized>(bg: &mut B, shape: f64) -> f64 {
        distributions::standard_gamma(bg, shape)
    }
    fn round_param(value: f64) -> f64 {
        value
    }
}

impl RandomFloat for f32 {
    #[inline]
    fn fill_uniform<B: BitGenerator + ?Sized>(bg: &mut B, out: &mut [f32]) {
        bg.fill_f32(out);
    }
    #[inline]
    fn standard_normal<B: BitGenerator + ?Sized>(bg: &mut B) -> f32 {
        distributions::standard_normal_f32(bg)
    }
    #[inline]
    fn standard_exponential<B: BitGenerator + ?Sized>(bg: &mut B) -> f32 {
        distributions::standard_exponential_f32(bg)
    }
    #[inline]
    fn standard_exponential_inv<B: BitGenerator + ?Sized>(bg: &mut B) -> f32 {
        distributions::standard_exponential_inv_f32(bg)
    }
    #[inline]
    fn standard_gamma<B: BitGenerator + ?Sized>(bg: &mut B, shape: f64) -> f32 {
        distributions::standard_gamma_f32(bg, shape as f32)
    }
    fn round_param(value: f64) -> f64 {
        f64::from(value as f32)
    }
}
