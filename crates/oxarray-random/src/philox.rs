//! Philox4x64-10 (Salmon et al., 2011), the counter-based bit generator, as NumPy implements it
//! (`numpy/random/src/philox/philox.h`, `_philox.pyx`): a 256-bit counter encrypted under a
//! 128-bit key by ten rounds, four 64-bit outputs per counter value.

use crate::bit_generator::{BitGenerator, HalfWord, SeedableBitGenerator};
use crate::seed_sequence::SeedSequence;

const BUFFER_LEN: usize = 4;
const ROUNDS: usize = 10;
const MULT_0: u64 = 0xD2E7_470E_E14C_6C93;
const MULT_1: u64 = 0xCA5A_8263_9512_1157;
const BUMP_0: u64 = 0x9E37_79B9_7F4A_7C15;
const BUMP_1: u64 = 0xBB67_AE85_84CA_A73B;

/// The state of a Philox generator as NumPy exposes it: `{'state': {'counter': uint64[4],
/// 'key': uint64[2]}, 'buffer': uint64[4], 'buffer_pos': int, 'has_uint32': ...,
/// 'uinteger': ...}`. Words are lowest first.
///
/// ```
/// use oxarray_random::{Philox, SeedableBitGenerator};
/// let st = Philox::new(0u32)?.state();
/// assert_eq!((st.counter, st.buffer_pos), ([0; 4], 4));
/// # Ok::<(), oxarray_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhiloxState {
    /// The 256-bit counter, lowest word first.
    pub counter: [u64; 4],
    /// The 128-bit key, lowest word first.
    pub key: [u64; 2],
    /// The outputs of the current counter value.
    pub buffer: [u64; 4],
    /// How many of `buffer` have been used (4: none left).
    pub buffer_pos: usize,
    /// The kept half of the last 64-bit draw.
    pub half: HalfWord,
}

/// NumPy's `Philox` bit generator.
///
/// ```
/// use oxarray_random::{BitGenerator, Philox, SeedableBitGenerator};
/// let a = Philox::with_key([5, 1], [0; 4]);   // NumPy's Philox(key=2**64 + 5)
/// let mut b = a.jumped(1);                   // counter + 2**128
/// assert_eq!(b.state().counter, [0, 0, 1, 0]);
/// let _ = b.next_u64();
/// # Ok::<(), oxarray_core::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Philox {
    counter: [u64; 4],
    key: [u64; 2],
    buffer: [u64; BUFFER_LEN],
    buffer_pos: usize,
    half: HalfWord,
    seed: Option<SeedSequence>,
}

/// One Philox round.
#[inline(always)]
fn round(ctr: [u64; 4], key: [u64; 2]) -> [u64; 4] {
    let p0 = u128::from(MULT_0) * u128::from(ctr[0]);
    let p1 = u128::from(MULT_1) * u128::from(ctr[2]);
    let (hi0, lo0) = ((p0 >> 64) as u64, p0 as u64);
    let (hi1, lo1) = ((p1 >> 64) as u64, p1 as u64);
    [hi1 ^ ctr[1] ^ key[0], lo1, hi0 ^ ctr[3] ^ key[1], lo0]
}

/// The ten-round Philox4x64 bijection of `ctr` under `key`.
#[inline(always)]
fn philox4x64_10(mut ctr: [u64; 4], mut key: [u64; 2]) -> [u64; 4] {
    ctr = round(ctr, key);
    for _ in 1..ROUNDS {
        key[0] = key[0].wrapping_add(BUMP_0);
        key[1] = key[1].wrapping_add(BUMP_1);
        ctr = round(ctr, key);
    }
    ctr
}

/// `a + b` on 256-bit little-endian words, wrapping.
fn add_256(a: &mut [u64; 4], b: &[u64; 4]) {
    let mut carry = false;
    for (x, &y) in a.iter_mut().zip(b) {
        let (s1, c1) = x.overflowing_add(y);
        let (s2, c2) = s1.overflowing_add(u64::from(carry));
        *x = s2;
        carry = c1 || c2;
    }
}

impl Philox {
    /// NumPy's `Philox(key=key, counter=counter)`: an explicit key and counter (lowest word
    /// first), no seed sequence.
    ///
    /// ```
    /// use oxarray_random::{BitGenerator, Philox};
    /// let mut a = Philox::with_key([1, 2], [0; 4]);
    /// let mut b = Philox::with_key([1, 2], [0; 4]);
    /// assert_eq!(a.next_u64(), b.next_u64());
    /// ```
    pub fn with_key(key: [u64; 2], counter: [u64; 4]) -> Self {
        Philox {
            counter,
            key,
            buffer: [0; BUFFER_LEN],
            buffer_pos: BUFFER_LEN,
            half: HalfWord::default(),
            seed: None,
        }
    }

    /// The generator at an explicit state (no seed sequence). Errors when `buffer_pos > 4`.
    ///
    /// ```
    /// use oxarray_random::{BitGenerator, Philox};
    /// let mut a = Philox::with_key([1, 2], [0; 4]);
    /// a.next_u64();
    /// let mut b = Philox::from_state(a.state())?;
    /// assert_eq!(a.next_u64(), b.next_u64());
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn from_state(state: PhiloxState) -> oxarray_core::Result<Self> {
        let mut p = Self::with_key(state.key, state.counter);
        p.set_state(state)?;
        Ok(p)
    }

    /// The state as NumPy exposes it.
    ///
    /// ```
    /// use oxarray_random::Philox;
    /// assert_eq!(Philox::with_key([5, 1], [0; 4]).state().key, [5, 1]);
    /// ```
    pub fn state(&self) -> PhiloxState {
        PhiloxState {
            counter: self.counter,
            key: self.key,
            buffer: self.buffer,
            buffer_pos: self.buffer_pos,
            half: self.half,
        }
    }

    /// Sets the state; an error for `buffer_pos > 4`.
    ///
    /// ```
    /// use oxarray_random::{BitGenerator, Philox};
    /// let mut p = Philox::with_key([1, 2], [0; 4]);
    /// let saved = p.state();
    /// let x = p.next_u64();
    /// p.set_state(saved)?;
    /// assert_eq!(p.next_u64(), x);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn set_state(&mut self, state: PhiloxState) -> oxarray_core::Result<()> {
        if state.buffer_pos > BUFFER_LEN {
            return Err(oxarray_core::Error::invalid_argument(
                "buffer_pos",
                state.buffer_pos,
                "the Philox buffer position must be in 0..=4",
            ));
        }
        self.counter = state.counter;
        self.key = state.key;
        self.buffer = state.buffer;
        self.buffer_pos = state.buffer_pos;
        self.half = state.half;
        Ok(())
    }

    /// `Philox.advance(delta)`: adds `delta` (256 bits, lowest word first) to the counter,
    /// i.e. skips `4 * delta` 64-bit draws, and drops the buffered outputs, as NumPy does.
    ///
    /// ```
    /// use oxarray_random::{BitGenerator, Philox};
    /// let mut a = Philox::with_key([1, 2], [0; 4]);
    /// let mut b = a.clone();
    /// for _ in 0..8 { a.next_u64(); }          // two counter values
    /// b.advance([2, 0, 0, 0]);
    /// assert_eq!(a.next_u64(), b.next_u64());
    /// ```
    pub fn advance(&mut self, delta: [u64; 4]) -> &mut Self {
        add_256(&mut self.counter, &delta);
        self.buffer = [0; BUFFER_LEN];
        self.buffer_pos = BUFFER_LEN;
        self.half = HalfWord::default();
        self
    }

    /// `Philox.jumped(jumps)`: a copy with `jumps * 2^128` added to the counter.
    ///
    /// ```
    /// use oxarray_random::Philox;
    /// let p = Philox::with_key([1, 2], [0; 4]).jumped(3);
    /// assert_eq!(p.state().counter, [0, 0, 3, 0]);
    /// ```
    pub fn jumped(&self, jumps: u128) -> Self {
        let mut next = Philox {
            seed: None,
            ..self.clone()
        };
        next.advance([0, 0, jumps as u64, (jumps >> 64) as u64]);
        next
    }

    #[inline(always)]
    fn next_raw(&mut self) -> u64 {
        if self.buffer_pos < BUFFER_LEN {
            let out = self.buffer[self.buffer_pos];
            self.buffer_pos += 1;
            return out;
        }
        add_256(&mut self.counter, &[1, 0, 0, 0]);
        self.buffer = philox4x64_10(self.counter, self.key);
        self.buffer_pos = 1;
        self.buffer[0]
    }
}

impl SeedableBitGenerator for Philox {
    /// NumPy's `Philox(seed)`: the key from `generate_state(2, uint64)`, counter 0.
    fn from_seed_sequence(seed: SeedSequence) -> Self {
        let key = seed.generate_state_u64(2);
        Philox {
            seed: Some(seed),
            ..Self::with_key([key[0], key[1]], [0; 4])
        }
    }

    fn seed_sequence(&self) -> Option<&SeedSequence> {
        self.seed.as_ref()
    }

    fn seed_sequence_mut(&mut self) -> Option<&mut SeedSequence> {
        self.seed.as_mut()
    }
}

impl BitGenerator for Philox {
    #[inline(always)]
    fn next_u64(&mut self) -> u64 {
        self.next_raw()
    }

    #[inline(always)]
    fn next_u32(&mut self) -> u32 {
        let mut half = self.half;
        let out = half.next_u32(|| self.next_raw());
        self.half = half;
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random123_known_answer() {
        // Random123's kat_vectors: philox4x64_10 of counter and key all ones.
        let out = philox4x64_10([u64::MAX; 4], [u64::MAX; 2]);
        assert_eq!(
            out,
            [
                0x87b0_92c3_013f_e90b,
                0x438c_3c67_be8d_0224,
                0x9cc7_d7c6_9cd7_77b6,
                0xa09c_aebf_594f_0ba0
            ]
        );
    }

    #[test]
    fn counter_carries_across_words() {
        let mut p = Philox::with_key([1, 2], [u64::MAX, u64::MAX, 0, 0]);
        p.next_u64();
        assert_eq!(p.state().counter, [0, 0, 1, 0]);
    }
}
