//! PCG64 (NumPy's default bit generator, PCG XSL RR 128/64) and PCG64DXSM (PCG CM DXSM 128/64),
//! as NumPy implements them in `numpy/random/src/pcg64/` and `_pcg64.pyx`: a 128-bit linear
//! congruential state with an odd increment, seeded from four 64-bit words of a
//! [`SeedSequence`], advanced in O(log n) steps, and jumped by (phi - 1) * 2^128 draws.

use crate::bit_generator::{BitGenerator, HalfWord, SeedableBitGenerator};
use crate::seed_sequence::SeedSequence;

/// The 128-bit LCG multiplier of PCG64 (`PCG_DEFAULT_MULTIPLIER_128`).
const MULTIPLIER: u128 = (2_549_297_995_355_413_924u128 << 64) + 4_865_540_595_714_422_341;
/// The 64-bit "cheap multiplier" of PCG64DXSM (`PCG_CHEAP_MULTIPLIER_128`).
const CHEAP_MULTIPLIER: u64 = 0xda94_2042_e4dd_58b5;
/// The jump of `jumped()`: (phi - 1) * 2^128 draws, phi the golden ratio.
const JUMP_STEP: u128 = 0x9e37_79b9_7f4a_7c15_f39c_c060_5ced_c835;

/// The state of a PCG64 or PCG64DXSM generator as NumPy exposes it
/// (`bit_generator.state`): `{'state': {'state': ..., 'inc': ...}, 'has_uint32': ...,
/// 'uinteger': ...}`.
///
/// ```
/// use oxarray_random::{Pcg64, SeedableBitGenerator};
/// let st = Pcg64::new(0u32)?.state();
/// assert_eq!(st.state, 35_399_562_948_360_463_058_890_781_895_381_311_971);  // PCG64(0).state
/// # Ok::<(), oxarray_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pcg64State {
    /// The 128-bit LCG state.
    pub state: u128,
    /// The odd 128-bit increment (the stream).
    pub inc: u128,
    /// The kept half of the last 64-bit draw (`has_uint32`, `uinteger`).
    pub half: HalfWord,
}

/// `x <- mult * x + plus` applied `delta` times, in O(log delta) (Brown's algorithm, NumPy's
/// `pcg_advance_lcg_128`).
fn advance_lcg(state: u128, mut delta: u128, mut mult: u128, mut plus: u128) -> u128 {
    let (mut acc_mult, mut acc_plus) = (1u128, 0u128);
    while delta > 0 {
        if delta & 1 == 1 {
            acc_mult = acc_mult.wrapping_mul(mult);
            acc_plus = acc_plus.wrapping_mul(mult).wrapping_add(plus);
        }
        plus = mult.wrapping_add(1).wrapping_mul(plus);
        mult = mult.wrapping_mul(mult);
        delta >>= 1;
    }
    acc_mult.wrapping_mul(state).wrapping_add(acc_plus)
}

/// The state NumPy's `pcg64_set_seed` makes from a seed sequence's four 64-bit words: the
/// increment `(initseq << 1) | 1`, then state `0`, one step, `+ initstate`, one step (with the
/// 128-bit multiplier, for both PCG variants).
fn seeded_state(seed: &SeedSequence) -> (u128, u128) {
    let words = seed.generate_state_u64(4);
    let initstate = (u128::from(words[0]) << 64) | u128::from(words[1]);
    let initseq = (u128::from(words[2]) << 64) | u128::from(words[3]);
    let inc = (initseq << 1) | 1;
    let mut state = inc; // 0 * MULTIPLIER + inc
    state = state.wrapping_add(initstate);
    state = state.wrapping_mul(MULTIPLIER).wrapping_add(inc);
    (state, inc)
}

macro_rules! pcg_common {
    ($ty:ident, $name:literal, $mult:expr) => {
        impl $ty {
            /// The generator at an explicit state (NumPy's `bit_generator.state = ...`); it
            /// has no seed sequence.
            ///
            /// ```
            #[doc = concat!(" use oxarray_random::{BitGenerator, ", stringify!($ty), ", SeedableBitGenerator};")]
            #[doc = concat!(" let mut a = ", stringify!($ty), "::new(0u32)?;")]
            #[doc = concat!(" let mut b = ", stringify!($ty), "::from_state(a.state());")]
            /// assert_eq!(a.next_u64(), b.next_u64());
            /// # Ok::<(), oxarray_core::Error>(())
            /// ```
            pub fn from_state(state: Pcg64State) -> Self {
                $ty {
                    state: state.state,
                    inc: state.inc,
                    half: state.half,
                    seed: None,
                }
            }

            /// The state as NumPy exposes it.
            ///
            /// ```
            #[doc = concat!(" use oxarray_random::{", stringify!($ty), ", SeedableBitGenerator};")]
            #[doc = concat!(" assert_eq!(", stringify!($ty), "::new(0u32)?.state().inc % 2, 1);")]
            /// # Ok::<(), oxarray_core::Error>(())
            /// ```
            pub fn state(&self) -> Pcg64State {
                Pcg64State {
                    state: self.state,
                    inc: self.inc,
                    half: self.half,
                }
            }

            /// Sets the state (NumPy's `bit_generator.state = ...`).
            ///
            /// ```
            #[doc = concat!(" use oxarray_random::{BitGenerator, ", stringify!($ty), ", SeedableBitGenerator};")]
            #[doc = concat!(" let mut bg = ", stringify!($ty), "::new(0u32)?;")]
            /// let saved = bg.state();
            /// let x = bg.next_u32();
            /// bg.set_state(saved);
            /// assert_eq!(bg.next_u32(), x);
            /// # Ok::<(), oxarray_core::Error>(())
            /// ```
            pub fn set_state(&mut self, state: Pcg64State) {
                self.state = state.state;
                self.inc = state.inc;
                self.half = state.half;
            }

            #[doc = concat!("`", $name, ".advance(delta)`: the state as if `delta` 64-bit draws ",
                "had been made (`delta` wraps modulo 2^128, so a negative step is `delta.wrapping_neg()`). ",
                "The kept 32-bit half is dropped, as in NumPy.")]
            ///
            /// ```
            #[doc = concat!(" use oxarray_random::{BitGenerator, ", stringify!($ty), ", SeedableBitGenerator};")]
            #[doc = concat!(" let mut a = ", stringify!($ty), "::new(0u32)?;")]
            /// let mut b = a.clone();
            /// for _ in 0..10 {
            ///     a.next_u64();
            /// }
            /// b.advance(10);
            /// assert_eq!(a.next_u64(), b.next_u64());
            /// # Ok::<(), oxarray_core::Error>(())
            /// ```
            pub fn advance(&mut self, delta: u128) -> &mut Self {
                self.state = advance_lcg(self.state, delta, $mult, self.inc);
                self.half = HalfWord::default();
                self
            }

            #[doc = concat!("`", $name, ".jumped(jumps)`: a copy advanced by ",
                "`jumps * 0x9e3779b97f4a7c15f39cc0605cedc835` draws ((phi - 1) * 2^128 each), ",
                "without a seed sequence, as NumPy's copy has a fresh one.")]
            ///
            /// ```
            #[doc = concat!(" use oxarray_random::{BitGenerator, ", stringify!($ty), ", SeedableBitGenerator};")]
            #[doc = concat!(" let bg = ", stringify!($ty), "::new(0u32)?;")]
            /// let mut far = bg.jumped(1);
            /// assert_ne!(far.next_u64(), bg.clone().next_u64());
            /// # Ok::<(), oxarray_core::Error>(())
            /// ```
            pub fn jumped(&self, jumps: u128) -> Self {
                let mut next = Self::from_state(self.state());
                next.advance(JUMP_STEP.wrapping_mul(jumps));
                next
            }
        }

        impl SeedableBitGenerator for $ty {
            fn from_seed_sequence(seed: SeedSequence) -> Self {
                let (state, inc) = seeded_state(&seed);
                $ty {
                    state,
                    inc,
                    half: HalfWord::default(),
                    seed: Some(seed),
                }
            }

            fn seed_sequence(&self) -> Option<&SeedSequence> {
                self.seed.as_ref()
            }

            fn seed_sequence_mut(&mut self) -> Option<&mut SeedSequence> {
                self.seed.as_mut()
            }
        }
    };
}

/// NumPy's `PCG64` (the default bit generator of `default_rng`): the XSL RR output of a
/// 128-bit LCG, advanced before each output.
///
/// ```
/// use oxarray_random::{BitGenerator, Pcg64, SeedableBitGenerator};
/// // np.random.PCG64(0).random_raw(2)
/// let mut bg = Pcg64::new(0u32)?;
/// assert_eq!(bg.next_u64(), 11_749_869_230_777_074_271);
/// assert_eq!(bg.next_u64(), 4_976_686_463_289_251_617);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Pcg64 {
    state: u128,
    inc: u128,
    half: HalfWord,
    seed: Option<SeedSequence>,
}

pcg_common!(Pcg64, "PCG64", MULTIPLIER);

impl Pcg64 {
    #[inline(always)]
    fn step_and_output(&mut self) -> u64 {
        self.state = self.state.wrapping_mul(MULTIPLIER).wrapping_add(self.inc);
        xsl_rr(self.state)
    }
}

/// The XSL RR output function: the xor of the halves, rotated by the top 6 bits.
#[inline(always)]
fn xsl_rr(state: u128) -> u64 {
    let high = (state >> 64) as u64;
    (high ^ state as u64).rotate_right((state >> 122) as u32)
}

impl BitGenerator for Pcg64 {
    #[inline(always)]
    fn next_u64(&mut self) -> u64 {
        self.step_and_output()
    }

    #[inline(always)]
    fn next_u32(&mut self) -> u32 {
        let mut half = self.half;
        let out = half.next_u32(|| self.step_and_output());
        self.half = half;
        out
    }

    fn fill_u64(&mut self, out: &mut [u64]) {
        fill_interleaved(self, out);
    }
}

/// Fills `out` with the next `out.len()` outputs of `bg`, computed in four interleaved lanes.
///
/// One LCG step depends on the previous one, so a plain loop waits on a 128-bit multiply per
/// draw. Lane `k` instead starts at state `s + k` steps and jumps four steps at a time
/// (`x <- A x + C` with `A = M^4`, `C = (M^3 + M^2 + M + 1) inc`): the four chains are
/// independent and overlap in the pipeline, and output `4i + k` is lane `k`'s `i`-th state —
/// the same numbers in the same order as four single steps.
fn fill_interleaved(bg: &mut Pcg64, out: &mut [u64]) {
    const LANES: usize = 4;
    const MULT2: u128 = MULTIPLIER.wrapping_mul(MULTIPLIER);
    const MULT4: u128 = MULT2.wrapping_mul(MULT2);
    // M^3 + M^2 + M + 1: four steps from state 0 add this many increments.
    const PLUS4_PER_INC: u128 = MULT2
        .wrapping_mul(MULTIPLIER)
        .wrapping_add(MULT2)
        .wrapping_add(MULTIPLIER)
        .wrapping_add(1);
    if out.len() < 4 * LANES {
        for x in out.iter_mut() {
            *x = bg.step_and_output();
        }
        return;
    }
    let inc = bg.inc;
    let plus4 = PLUS4_PER_INC.wrapping_mul(inc);
    let mut lanes = [0u128; LANES];
    let mut state = bg.state;
    for lane in lanes.iter_mut() {
        state = state.wrapping_mul(MULTIPLIER).wrapping_add(inc);
        *lane = state;
    }
    let mut chunks = out.chunks_exact_mut(LANES);
    for chunk in &mut chunks {
        // The state of the last output of this chunk, kept for the tail.
        state = lanes[LANES - 1];
        for (x, lane) in chunk.iter_mut().zip(lanes.iter_mut()) {
            *x = xsl_rr(*lane);
            *lane = lane.wrapping_mul(MULT4).wrapping_add(plus4);
        }
    }
    for x in chunks.into_remainder() {
        state = state.wrapping_mul(MULTIPLIER).wrapping_add(inc);
        *x = xsl_rr(state);
    }
    bg.state = state;
}

/// NumPy's `PCG64DXSM`: the DXSM output of the state *before* each step of a 128-bit LCG with a
/// 64-bit multiplier; stronger mixing than [`Pcg64`], NumPy's recommended upgrade.
///
/// ```
/// use oxarray_random::{BitGenerator, Pcg64Dxsm, SeedableBitGenerator};
/// let mut a = Pcg64Dxsm::new(1u32)?;
/// let mut b = Pcg64Dxsm::new(1u32)?;
/// b.advance(1);
/// a.next_u64();
/// assert_eq!(a.next_u64(), b.next_u64());
/// # Ok::<(), oxarray_core::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Pcg64Dxsm {
    state: u128,
    inc: u128,
    half: HalfWord,
    seed: Option<SeedSequence>,
}

pcg_common!(Pcg64Dxsm, "PCG64DXSM", CHEAP_MULTIPLIER as u128);

impl Pcg64Dxsm {
    #[inline(always)]
    fn output_and_step(&mut self) -> u64 {
        let mut high = (self.state >> 64) as u64;
        let low = self.state as u64 | 1;
        high ^= high >> 32;
        high = high.wrapping_mul(CHEAP_MULTIPLIER);
        high ^= high >> 48;
        high = high.wrapping_mul(low);
        self.state = self
            .state
            .wrapping_mul(CHEAP_MULTIPLIER as u128)
            .wrapping_add(self.inc);
        high
    }
}

impl BitGenerator for Pcg64Dxsm {
    #[inline(always)]
    fn next_u64(&mut self) -> u64 {
        self.output_and_step()
    }

    #[inline(always)]
    fn next_u32(&mut self) -> u32 {
        let mut half = self.half;
        let out = half.next_u32(|| self.output_and_step());
        self.half = half;
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interleaved_fill_matches_single_steps() {
        for n in [0, 1, 15, 16, 17, 31, 64, 1000, 1001, 1002, 1003] {
            let mut a = Pcg64::new(12345u32).unwrap();
            let mut b = a.clone();
            let mut fast = vec![0u64; n];
            a.fill_u64(&mut fast);
            let slow: Vec<u64> = (0..n).map(|_| b.next_u64()).collect();
            assert_eq!(fast, slow, "n = {n}");
            assert_eq!(a.state(), b.state(), "n = {n}");
            assert_eq!(a.next_u64(), b.next_u64());
        }
    }

    #[test]
    fn advance_matches_stepping() {
        let mut a = Pcg64::new(3u32).unwrap();
        let mut b = a.clone();
        for _ in 0..1000 {
            b.next_u64();
        }
        a.advance(1000);
        assert_eq!(a.state(), b.state());
        a.advance(1000u128.wrapping_neg());
        let c = Pcg64::new(3u32).unwrap();
        assert_eq!(a.state(), c.state());
    }
}
