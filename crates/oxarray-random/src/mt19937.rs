//! MT19937, the Mersenne Twister, as NumPy implements it (`numpy/random/src/mt19937/`,
//! `_mt19937.pyx`): seeded from a [`SeedSequence`] by `MT19937(seed)`, or the legacy way
//! (`init_genrand` for an integer, `init_by_array` for a list) by `RandomState.seed`; jumped
//! by 2^128 draws with Haramoto et al.'s polynomial method.

use crate::bit_generator::{BitGenerator, SeedableBitGenerator, u32_to_unit_f32};
use crate::seed_sequence::SeedSequence;
use crate::tables::mt19937_jump::JUMP_POLY;

/// Words of state (NumPy's `RK_STATE_LEN`).
///
/// ```
/// assert_eq!(oxarray_random::mt19937::MT19937_STATE_LEN, 624);
/// ```
pub const MT19937_STATE_LEN: usize = 624;
const N: usize = MT19937_STATE_LEN;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

/// The state of an MT19937 generator as NumPy exposes it: `{'key': uint32[624], 'pos': int}`.
///
/// ```
/// use oxarray_random::{Mt19937, SeedableBitGenerator};
/// let st = Mt19937::new(0u32)?.state();
/// assert_eq!((st.key[0], st.pos), (0x8000_0000, 623)); // as NumPy's MT19937(0)
/// # Ok::<(), oxarray_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mt19937State {
    /// The 624 words of state.
    pub key: [u32; MT19937_STATE_LEN],
    /// The index of the next word to temper and output; 624 means "regenerate first".
    pub pos: usize,
}

/// NumPy's `MT19937` bit generator (and the engine of the legacy `RandomState`).
///
/// ```
/// use oxarray_random::{BitGenerator, Mt19937, SeedableBitGenerator};
/// // np.random.RandomState(5489).randint(0, 2**32, dtype=np.uint32): the reference output
/// let mut mt = Mt19937::from_legacy_seed(5489);
/// assert_eq!(mt.next_u32(), 3_499_211_612);
/// # let _ = Mt19937::new(0u32)?;
/// # Ok::<(), oxarray_core::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Mt19937 {
    key: [u32; N],
    pos: usize,
    seed: Option<SeedSequence>,
}

impl Mt19937 {
    /// The generator at an explicit state (NumPy's `bit_generator.state = ...`). Errors
    /// when `pos` is above 624.
    ///
    /// ```
    /// use oxarray_random::{BitGenerator, Mt19937};
    /// let mut a = Mt19937::from_legacy_seed(3);
    /// let mut b = Mt19937::from_state(&a.state())?;
    /// assert_eq!(a.next_u32(), b.next_u32());
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn from_state(state: &Mt19937State) -> oxarray_core::Result<Self> {
        let mut mt = Mt19937 {
            key: [0; N],
            pos: N,
            seed: None,
        };
        mt.set_state(state)?;
        Ok(mt)
    }

    /// The state as NumPy exposes it.
    ///
    /// ```
    /// use oxarray_random::Mt19937;
    /// let state = Mt19937::from_legacy_seed(1).state();   // RandomState(1).get_state()
    /// assert_eq!((state.key[0], state.key[1], state.pos), (1, 1_812_433_254, 624));
    /// ```
    pub fn state(&self) -> Mt19937State {
        Mt19937State {
            key: self.key,
            pos: self.pos,
        }
    }

    /// Sets the state (NumPy's `bit_generator.state = ...`); an error for `pos > 624`.
    ///
    /// ```
    /// use oxarray_random::{BitGenerator, Mt19937};
    /// let mut mt = Mt19937::from_legacy_seed(1);
    /// let saved = mt.state();
    /// let x = mt.next_u32();
    /// mt.set_state(&saved)?;
    /// assert_eq!(mt.next_u32(), x);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn set_state(&mut self, state: &Mt19937State) -> oxarray_core::Result<()> {
        if state.pos > N {
            return Err(oxarray_core::Error::invalid_argument(
                "pos",
                state.pos,
                "the MT19937 position must be in 0..=624",
            ));
        }
        self.key = state.key;
        self.pos = state.pos;
        Ok(())
    }

    /// The generator NumPy's legacy seeding makes from one integer (`RandomState(seed)`,
    /// `np.random.seed(seed)`: Knuth's `init_genrand`).
    ///
    /// ```
    /// use oxarray_random::{BitGenerator, Mt19937};
    /// assert_eq!(Mt19937::from_legacy_seed(5489).next_u32(), 3_499_211_612);
    /// ```
    pub fn from_legacy_seed(seed: u32) -> Self {
        let mut mt = Mt19937 {
            key: [0; N],
            pos: N,
            seed: None,
        };
        mt.legacy_seed(seed);
        mt
    }

    /// Re-seeds with NumPy's legacy integer seeding (`mt19937_seed`, `init_genrand`).
    ///
    /// ```
    /// use oxarray_random::{BitGenerator, Mt19937};
    /// let mut mt = Mt19937::from_legacy_seed(1);
    /// mt.legacy_seed(5489);
    /// assert_eq!(mt.next_u32(), 3_499_211_612);
    /// ```
    pub fn legacy_seed(&mut self, seed: u32) {
        let mut s = seed;
        for (pos, word) in self.key.iter_mut().enumerate() {
            *word = s;
            s = 1_812_433_253u32
                .wrapping_mul(s ^ (s >> 30))
                .wrapping_add(pos as u32 + 1);
        }
        self.pos = N;
        self.seed = None;
    }

    /// Re-seeds with NumPy's legacy array seeding (`mt19937_init_by_array`, the reference
    /// `init_by_array`), as `np.random.seed([1, 2, 3])` does. `init_key` must not be empty.
    ///
    /// ```
    /// use oxarray_random::{BitGenerator, Mt19937};
    /// let mut mt = Mt19937::from_legacy_seed(0);
    /// mt.legacy_seed_by_array(&[0x123, 0x234, 0x345, 0x456]);  // mt19937ar.c's test
    /// assert_eq!(mt.next_u32(), 1_067_595_299);
    /// ```
    pub fn legacy_seed_by_array(&mut self, init_key: &[u32]) {
        assert!(
            !init_key.is_empty(),
            "init_by_array needs at least one key word"
        );
        self.legacy_seed(19_650_218);
        let mt = &mut self.key;
        let (mut i, mut j) = (1usize, 0usize);
        for _ in 0..N.max(init_key.len()) {
            mt[i] = (mt[i] ^ (mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(init_key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= init_key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            mt[i] = (mt[i] ^ (mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_mul(1_566_083_941))
                .wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x8000_0000; // MSB set: the state is never all zero
    }

    /// NumPy's legacy seeding without a seed (`np.random.seed()`): 624 words from a fresh
    /// operating-system [`SeedSequence`], the first replaced by `0x80000000`; the position
    /// is left as it was, as in NumPy.
    ///
    /// ```
    /// use oxarray_random::Mt19937;
    /// let mut mt = Mt19937::from_legacy_seed(0);
    /// mt.legacy_seed_from_os()?;
    /// assert_eq!(mt.state().key[0], 0x8000_0000);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn legacy_seed_from_os(&mut self) -> oxarray_core::Result<()> {
        let words = SeedSequence::from_os_entropy()?.generate_state_u32(N);
        self.key[0] = 0x8000_0000;
        self.key[1..].copy_from_slice(&words[1..]);
        self.seed = None;
        Ok(())
    }

    /// `MT19937.jumped(jumps)`: a copy advanced as if `2^128 * jumps` 32-bit draws had been
    /// made (without a seed sequence, as NumPy's copy has a fresh one).
    ///
    /// ```
    /// use oxarray_random::{BitGenerator, Mt19937, SeedableBitGenerator};
    /// let mt = Mt19937::new(1234u32)?;
    /// let mut far = mt.jumped(1);                  // MT19937(1234).jumped()
    /// let _ = far.next_u32();
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn jumped(&self, jumps: u64) -> Self {
        let mut next = Mt19937 {
            key: self.key,
            pos: self.pos,
            seed: None,
        };
        for _ in 0..jumps {
            next.jump_in_place();
        }
        next
    }

    /// One jump of 2^128 draws: the jump polynomial applied to the state by Horner's rule,
    /// stepping one word at a time (NumPy's `mt19937_jump_state` / `horner1`).
    fn jump_in_place(&mut self) {
        if self.pos >= N {
            self.pos = 0;
        }
        let coef = |i: usize| (JUMP_POLY[i / 32] >> (i % 32)) & 1 == 1;
        let Some(degree) = (0..N * 32).rev().find(|&i| coef(i)) else {
            return; // the zero polynomial never occurs: the table is fixed
        };
        let base = (self.key, self.pos);
        let mut acc = (self.key, self.pos);
        if degree > 0 {
            step_one_word(&mut acc);
            for i in (1..degree).rev() {
                if coef(i) {
                    add_state(&mut acc, &base);
                }
                step_one_word(&mut acc);
            }
            if coef(0) {
                add_state(&mut acc, &base);
            }
        }
        (self.key, self.pos) = acc;
    }

    /// Regenerates all 624 words (the reference `genrand` block step).
    #[inline(never)]
    fn regenerate(&mut self) {
        let key = &mut self.key;
        for i in 0..N {
            let y = (key[i] & UPPER_MASK) | (key[(i + 1) % N] & LOWER_MASK);
            key[i] = key[(i + M) % N] ^ (y >> 1) ^ (0u32.wrapping_sub(y & 1) & MATRIX_A);
        }
        self.pos = 0;
    }

    #[inline(always)]
    fn next_word(&mut self) -> u32 {
        if self.pos == N {
            self.regenerate();
        }
        let y = self.key[self.pos];
        self.pos += 1;
        temper(y)
    }

    /// NumPy's `mt19937_next_double` (the reference `genrand_res53`): 27 + 26 bits of two
    /// draws.
    #[inline(always)]
    fn res53(&mut self) -> f64 {
        let a = self.next_word() >> 5;
        let b = self.next_word() >> 6;
        (f64::from(a) * 67_108_864.0 + f64::from(b)) / 9_007_199_254_740_992.0
    }
}

#[inline(always)]
fn temper(mut y: u32) -> u32 {
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c_5680;
    y ^= (y << 15) & 0xefc6_0000;
    y ^ (y >> 18)
}

/// One word of the recurrence in place, at `pos` (NumPy's `gen_next` of the jump code).
fn step_one_word((key, pos): &mut ([u32; N], usize)) {
    let i = *pos;
    let y = (key[i] & UPPER_MASK) | (key[(i + 1) % N] & LOWER_MASK);
    key[i] = key[(i + M) % N] ^ (y >> 1) ^ (0u32.wrapping_sub(y & 1) & MATRIX_A);
    *pos = (i + 1) % N;
}

/// Adds (xors) `other` into `acc`, the two aligned at their positions (NumPy's `add_state`).
fn add_state(acc: &mut ([u32; N], usize), other: &([u32; N], usize)) {
    let (pa, pb) = (acc.1, other.1);
    for i in 0..N {
        acc.0[(pa + i) % N] ^= other.0[(pb + i) % N];
    }
}

impl SeedableBitGenerator for Mt19937 {
    /// NumPy's `MT19937(seed)`: words 1..624 from `generate_state(624, uint32)`, word 0 set to
    /// `0x80000000`, position 623 (as NumPy leaves it).
    fn from_seed_sequence(seed: SeedSequence) -> Self {
        let words = seed.generate_state_u32(N);
        let mut key = [0u32; N];
        key[0] = 0x8000_0000;
        key[1..].copy_from_slice(&words[1..]);
        Mt19937 {
            key,
            pos: N - 1,
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

impl BitGenerator for Mt19937 {
    /// Two 32-bit outputs, the first in the high half (NumPy's `mt19937_next64`).
    #[inline(always)]
    fn next_u64(&mut self) -> u64 {
        let high = self.next_word();
        (u64::from(high) << 32) | u64::from(self.next_word())
    }

    #[inline(always)]
    fn next_u32(&mut self) -> u32 {
        self.next_word()
    }

    #[inline(always)]
    fn next_f64(&mut self) -> f64 {
        self.res53()
    }

    fn fill_f64(&mut self, out: &mut [f64]) {
        for x in out {
            *x = self.res53();
        }
    }

    fn fill_f32(&mut self, out: &mut [f32]) {
        for x in out {
            *x = u32_to_unit_f32(self.next_word());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_init_by_array_output() {
        // mt19937ar.c's published test: init_by_array({0x123, 0x234, 0x345, 0x456}).
        let mut mt = Mt19937::from_legacy_seed(0);
        mt.legacy_seed_by_array(&[0x123, 0x234, 0x345, 0x456]);
        let first: Vec<u32> = (0..5).map(|_| mt.next_u32()).collect();
        assert_eq!(
            first,
            [
                1_067_595_299,
                955_945_823,
                477_289_528,
                4_107_218_783,
                4_228_976_476
            ]
        );
    }

    #[test]
    fn word_steps_match_block_regeneration() {
        let mut a = Mt19937::from_legacy_seed(42);
        let mut words = (a.key, 0usize);
        for _ in 0..N {
            step_one_word(&mut words);
        }
        a.regenerate();
        assert_eq!(words.0, a.key);
        assert_eq!(words.1, 0);
    }
}
