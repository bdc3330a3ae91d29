//! The interface every bit generator implements ([`BitGenerator`], NumPy's `bitgen_t`), the
//! seeding interface ([`SeedableBitGenerator`]), and the conversions of raw bits to floats.
//!
//! NumPy's samplers see a bit generator through three functions: `next_uint64`, `next_uint32`
//! and `next_double`. The 64-bit generators (PCG64, PCG64DXSM, Philox, SFC64) make a 32-bit draw
//! from the low half of a 64-bit draw and keep the high half for the next 32-bit request
//! ([`HalfWord`], NumPy's `has_uint32` / `uinteger` state); MT19937 is natively 32-bit and
//! builds 64-bit draws and doubles from two outputs.

use oxarray_core::Result;

use crate::seed_sequence::{IntoSeedSequence, SeedSequence};

/// 2^-53, the spacing of the doubles NumPy draws in [0, 1).
pub(crate) const F64_UNIT: f64 = 1.0 / 9_007_199_254_740_992.0;
/// 2^-24, the spacing of the floats NumPy draws in [0, 1).
pub(crate) const F32_UNIT: f32 = 1.0 / 16_777_216.0;

/// Raw draws are converted to floats in blocks of this many: small enough to stay in L1,
/// long enough for the conversion loop to run at vector speed.
pub(crate) const FILL_BLOCK: usize = 256;

/// A source of random bits, NumPy's `bitgen_t`: the three draws every sampler is built on.
///
/// All of oxarray-random's samplers are generic over this trait and inline the draws (NumPy
/// calls them through function pointers). Implement it to plug another generator into a
/// [`Generator`](crate::Generator).
///
/// ```
/// use oxarray_random::{BitGenerator, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let x = bg.next_f64();
/// assert!((0.0..1.0).contains(&x));
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub trait BitGenerator {
    /// The next 64 random bits (NumPy's `next_uint64`).
    fn next_u64(&mut self) -> u64;

    /// The next 32 random bits (NumPy's `next_uint32`).
    fn next_u32(&mut self) -> u32;

    /// A double uniform on [0, 1) with 53 random bits (NumPy's `next_double`):
    /// `(next_u64() >> 11) * 2^-53` for every generator but MT19937.
    #[inline]
    fn next_f64(&mut self) -> f64 {
        u64_to_unit_f64(self.next_u64())
    }

    /// Fills `out` with [`next_u64`](Self::next_u64) draws, in order.
    fn fill_u64(&mut self, out: &mut [u64]) {
        for x in out {
            *x = self.next_u64();
        }
    }

    /// Fills `out` with [`next_f64`](Self::next_f64) draws, in order (the same numbers as a
    /// loop of `next_f64`, converted a block at a time).
    fn fill_f64(&mut self, out: &mut [f64]) {
        let mut raw = [0u64; FILL_BLOCK];
        for block in out.chunks_mut(FILL_BLOCK) {
            let raw = &mut raw[..block.len()];
            self.fill_u64(raw);
            bits_to_unit_f64(raw, block);
        }
    }

    /// Fills `out` with floats uniform on [0, 1) drawn as NumPy's `next_float` draws them,
    /// `(next_u32() >> 8) * 2^-24`, in order.
    fn fill_f32(&mut self, out: &mut [f32]) {
        let mut raw = [0u32; FILL_BLOCK];
        for block in out.chunks_mut(FILL_BLOCK) {
            let raw = &mut raw[..block.len()];
            for r in raw.iter_mut() {
                *r = self.next_u32();
            }
            bits_to_unit_f32(raw, block);
        }
    }
}

impl<B: BitGenerator + ?Sized> BitGenerator for &mut B {
    #[inline]
    fn next_u64(&mut self) -> u64 {
        (**self).next_u64()
    }
    #[inline]
    fn next_u32(&mut self) -> u32 {
        (**self).next_u32()
    }
    #[inline]
    fn next_f64(&mut self) -> f64 {
        (**self).next_f64()
    }
    fn fill_u64(&mut self, out: &mut [u64]) {
        (**self).fill_u64(out)
    }
    fn fill_f64(&mut self, out: &mut [f64]) {
        (**self).fill_f64(out)
    }
    fn fill_f32(&mut self, out: &mut [f32]) {
        (**self).fill_f32(out)
    }
}

impl<B: BitGenerator + ?Sized> BitGenerator for Box<B> {
    #[inline]
    fn next_u64(&mut self) -> u64 {
        (**self).next_u64()
    }
    #[inline]
    fn next_u32(&mut self) -> u32 {
        (**self).next_u32()
    }
    #[inline]
    fn next_f64(&mut self) -> f64 {
        (**self).next_f64()
    }
    fn fill_u64(&mut self, out: &mut [u64]) {
        (**self).fill_u64(out)
    }
    fn fill_f64(&mut self, out: &mut [f64]) {
        (**self).fill_f64(out)
    }
    fn fill_f32(&mut self, out: &mut [f32]) {
        (**self).fill_f32(out)
    }
}

/// A bit generator seeded the NumPy way, from a [`SeedSequence`], that remembers its seed
/// sequence so that it can [`spawn`](Self::spawn) independent children.
///
/// ```
/// use oxarray_random::{BitGenerator, Pcg64, SeedableBitGenerator};
/// let mut parent = Pcg64::new(7u32)?;
/// let mut kids = parent.spawn(2)?;   // NumPy's PCG64(7).spawn(2)
/// assert_ne!(kids[0].next_u64(), kids[1].next_u64());
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub trait SeedableBitGenerator: BitGenerator + Sized {
    /// The generator NumPy makes from this seed sequence (`PCG64(seed_seq)`, ...).
    fn from_seed_sequence(seed: SeedSequence) -> Self;

    /// The seed sequence it was made from, if any (`BitGenerator.seed_seq`); `None` after
    /// seeding without one (a Philox key given directly, legacy MT19937 seeding).
    fn seed_sequence(&self) -> Option<&SeedSequence>;

    /// The seed sequence, mutably (spawning advances its child counter).
    fn seed_sequence_mut(&mut self) -> Option<&mut SeedSequence>;

    /// The generator for any seed: an integer, a list of integers, `None` for operating-system
    /// randomness, or a [`SeedSequence`] (NumPy's `PCG64(seed)`).
    fn new(seed: impl IntoSeedSequence) -> Result<Self> {
        Ok(Self::from_seed_sequence(seed.into_seed_sequence()?))
    }

    /// `spawn(n_children)`: `n_children` generators seeded from children of this generator's
    /// seed sequence. An error when it has none.
    fn spawn(&mut self, n_children: usize) -> Result<Vec<Self>> {
        let seq = self.seed_sequence_mut().ok_or_else(|| {
            oxarray_core::Error::invalid_argument(
                "bit_generator",
                "a generator without a seed sequence",
                "the underlying SeedSequence does not implement spawning",
            )
        })?;
        Ok(seq
            .spawn(n_children)
            .into_iter()
            .map(Self::from_seed_sequence)
            .collect())
    }
}

/// NumPy's `has_uint32` / `uinteger` pair: the high half of a 64-bit draw, kept for the next
/// 32-bit request.
///
/// ```
/// use oxarray_random::{BitGenerator, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let low = bg.next_u32();                    // the low half of a 64-bit draw
/// assert!(bg.state().half.has_uint32);        // the high half is kept
/// let high = bg.next_u32();
/// assert!(!bg.state().half.has_uint32);
/// # let _ = (low, high);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HalfWord {
    /// Whether a half is waiting (NumPy's `has_uint32`).
    pub has_uint32: bool,
    /// The waiting half (NumPy's `uinteger`; 0 when none was kept).
    pub uinteger: u32,
}

impl HalfWord {
    /// A 32-bit draw: the kept half if there is one, else the low half of `draw64()` (its high
    /// half kept).
    #[inline(always)]
    pub(crate) fn next_u32(&mut self, draw64: impl FnOnce() -> u64) -> u32 {
        if self.has_uint32 {
            self.has_uint32 = false;
            return self.uinteger;
        }
        let next = draw64();
        self.has_uint32 = true;
        self.uinteger = (next >> 32) as u32;
        next as u32
    }
}

/// NumPy's `uint64_to_double`: the top 53 bits as a double in [0, 1).
///
/// ```
/// use oxarray_random::bit_generator::u64_to_unit_f64;
/// assert_eq!(u64_to_unit_f64(0), 0.0);
/// assert_eq!(u64_to_unit_f64(u64::MAX), 1.0 - f64::EPSILON / 2.0);
/// ```
#[inline(always)]
pub fn u64_to_unit_f64(x: u64) -> f64 {
    (x >> 11) as f64 * F64_UNIT
}

/// NumPy's `next_float` from a 32-bit draw: the top 24 bits as a float in [0, 1).
///
/// ```
/// use oxarray_random::bit_generator::u32_to_unit_f32;
/// assert_eq!(u32_to_unit_f32(1 << 31), 0.5);
/// assert!(u32_to_unit_f32(u32::MAX) < 1.0);
/// ```
#[inline(always)]
pub fn u32_to_unit_f32(x: u32) -> f32 {
    (x >> 8) as f32 * F32_UNIT
}

/// The doubles [`u64_to_unit_f64`] makes of the raw draws `raw`, written to `out`.
///
/// The loop uses only operations SSE2 has in vector form (a 64-bit integer-to-double
/// conversion does not exist below AVX-512): the top 52 bits become a double exactly through
/// the exponent trick (`2^52 + m` has `m` as its mantissa), and the 53rd bit is added back.
/// Both steps are exact, so the result equals the scalar conversion bit for bit.
pub(crate) fn bits_to_unit_f64(raw: &[u64], out: &mut [f64]) {
    const TWO_52: f64 = 4_503_599_627_370_496.0;
    const EXP_52: u64 = 0x4330_0000_0000_0000;
    for (x, &bits) in out.iter_mut().zip(raw) {
        let high52 = f64::from_bits(EXP_52 | (bits >> 12)) - TWO_52;
        let bit53 = ((bits >> 11) & 1) as f64;
        // (2 * high52 + bit53) * 2^-53, with both terms exact.
        *x = high52 * (2.0 * F64_UNIT) + bit53 * F64_UNIT;
    }
}

/// The floats [`u32_to_unit_f32`] makes of the raw 32-bit draws `raw`, written to `out` (a
/// 24-bit integer converts to `f32` exactly, and SSE2 has the vector conversion).
pub(crate) fn bits_to_unit_f32(raw: &[u32], out: &mut [f32]) {
    for (x, &bits) in out.iter_mut().zip(raw) {
        *x = ((bits >> 8) as i32) as f32 * F32_UNIT;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_conversion_matches_the_scalar_one() {
        let samples = [
            0u64,
            1,
            (1 << 11) - 1,
            1 << 11,
            1 << 12,
            u64::MAX,
            u64::MAX - (1 << 11),
            0x8000_0000_0000_0000,
            0x0123_4567_89ab_cdef,
            0xfedc_ba98_7654_3210,
        ];
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut all: Vec<u64> = samples.to_vec();
        for _ in 0..10_000 {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            all.push(state ^ (state >> 29));
        }
        let mut block = vec![0.0f64; all.len()];
        bits_to_unit_f64(&all, &mut block);
        for (&b, &x) in all.iter().zip(&block) {
            assert_eq!(x.to_bits(), u64_to_unit_f64(b).to_bits(), "bits {b:#x}");
        }
        let all32: Vec<u32> = all
            .iter()
            .map(|&b| (b >> 17) as u32)
            .chain([0, u32::MAX])
            .collect();
        let mut block = vec![0.0f32; all32.len()];
        bits_to_unit_f32(&all32, &mut block);
        for (&b, &x) in all32.iter().zip(&block) {
            assert_eq!(x.to_bits(), u32_to_unit_f32(b).to_bits(), "bits {b:#x}");
        }
    }

    #[test]
    fn half_word_serves_low_then_high() {
        let mut half = HalfWord::default();
        assert_eq!(half.next_u32(|| 0x1111_2222_3333_4444), 0x3333_4444);
        assert_eq!(
            half,
            HalfWord {
                has_uint32: true,
                uinteger: 0x1111_2222
            }
        );
        assert_eq!(half.next_u32(|| unreachable!()), 0x1111_2222);
        assert!(!half.has_uint32);
    }
}
