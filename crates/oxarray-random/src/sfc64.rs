//! SFC64, Chris Doty-Humphrey's Small Fast Chaotic generator, as NumPy implements it
//! (`numpy/random/src/sfc64/`, `_sfc64.pyx`): three words of chaotic state and a counter.

use crate::bit_generator::{BitGenerator, HalfWord, SeedableBitGenerator};
use crate::seed_sequence::SeedSequence;

/// The state of an SFC64 generator as NumPy exposes it: `{'state': {'state': uint64[4]},
/// 'has_uint32': ..., 'uinteger': ...}` (the fourth word is the counter).
///
/// ```
/// use oxarray_random::{Sfc64, SeedableBitGenerator};
/// assert_eq!(Sfc64::new(0u32)?.state().state[3], 13);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sfc64State {
    /// `a`, `b`, `c` and the counter `w`.
    pub state: [u64; 4],
    /// The kept half of the last 64-bit draw.
    pub half: HalfWord,
}

/// NumPy's `SFC64` bit generator.
///
/// ```
/// use oxarray_random::{BitGenerator, SeedableBitGenerator, Sfc64};
/// let mut bg = Sfc64::new(0u32)?;
/// assert_eq!(bg.state().state[3], 13); // the counter after seeding's 12 warm-up draws
/// bg.next_u64();
/// assert_eq!(bg.state().state[3], 14);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Sfc64 {
    s: [u64; 4],
    half: HalfWord,
    seed: Option<SeedSequence>,
}

impl Sfc64 {
    /// The generator at an explicit state (no seed sequence).
    ///
    /// ```
    /// use oxarray_random::{BitGenerator, Sfc64, SeedableBitGenerator};
    /// let mut a = Sfc64::new(0u32)?;
    /// let mut b = Sfc64::from_state(a.state());
    /// assert_eq!(a.next_u64(), b.next_u64());
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn from_state(state: Sfc64State) -> Self {
        Sfc64 {
            s: state.state,
            half: state.half,
            seed: None,
        }
    }

    /// The state as NumPy exposes it.
    ///
    /// ```
    /// use oxarray_random::{Sfc64, SeedableBitGenerator};
    /// assert!(!Sfc64::new(0u32)?.state().half.has_uint32);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn state(&self) -> Sfc64State {
        Sfc64State {
            state: self.s,
            half: self.half,
        }
    }

    /// Sets the state.
    ///
    /// ```
    /// use oxarray_random::{BitGenerator, Sfc64, SeedableBitGenerator};
    /// let mut bg = Sfc64::new(0u32)?;
    /// let saved = bg.state();
    /// let x = bg.next_u64();
    /// bg.set_state(saved);
    /// assert_eq!(bg.next_u64(), x);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn set_state(&mut self, state: Sfc64State) {
        self.s = state.state;
        self.half = state.half;
    }

    #[inline(always)]
    fn next_raw(&mut self) -> u64 {
        let s = &mut self.s;
        let tmp = s[0].wrapping_add(s[1]).wrapping_add(s[3]);
        s[3] = s[3].wrapping_add(1);
        s[0] = s[1] ^ (s[1] >> 11);
        s[1] = s[2].wrapping_add(s[2] << 3);
        s[2] = s[2].rotate_left(24).wrapping_add(tmp);
        tmp
    }
}

impl SeedableBitGenerator for Sfc64 {
    /// NumPy's `SFC64(seed)`: `a, b, c` from `generate_state(3, uint64)`, counter 1, then 12
    /// draws discarded.
    fn from_seed_sequence(seed: SeedSequence) -> Self {
        let words = seed.generate_state_u64(3);
        let mut bg = Sfc64 {
            s: [words[0], words[1], words[2], 1],
            half: HalfWord::default(),
            seed: Some(seed),
        };
        for _ in 0..12 {
            bg.next_raw();
        }
        bg
    }

    fn seed_sequence(&self) -> Option<&SeedSequence> {
        self.seed.as_ref()
    }

    fn seed_sequence_mut(&mut self) -> Option<&mut SeedSequence> {
        self.seed.as_mut()
    }
}

impl BitGenerator for Sfc64 {
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
