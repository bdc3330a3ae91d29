//! NumPy's `SeedSequence`: entropy (an integer, a list of integers, or the operating system's
//! randomness) hashed into a pool, from which bit-generator states are drawn and independent
//! child sequences are spawned.
//!
//! The algorithm is Melissa O'Neill's `seed_seq` replacement as NumPy implements it in
//! `numpy/random/bit_generator.pyx`: entropy words are hashed into a pool of `pool_size` 32-bit
//! words (`mix_entropy`), `generate_state` hashes the pool cyclically, and `spawn` derives
//! children that differ only by their `spawn_key`. Every state and every child matches NumPy's
//! for the same inputs.

use oxarray_core::{Error, Result};

/// The default (and smallest) pool size, NumPy's `DEFAULT_POOL_SIZE`.
///
/// ```
/// use oxarray_random::{seed_sequence::DEFAULT_POOL_SIZE, SeedSequence};
/// assert_eq!(SeedSequence::new(1u8)?.pool_size(), DEFAULT_POOL_SIZE);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub const DEFAULT_POOL_SIZE: usize = 4;

const INIT_A: u32 = 0x43b0_d7e5;
const MULT_A: u32 = 0x931e_8875;
const INIT_B: u32 = 0x8b51_f9dd;
const MULT_B: u32 = 0x58f3_8ded;
const MIX_MULT_L: u32 = 0xca01_f9dd;
const MIX_MULT_R: u32 = 0x4973_f715;
const XSHIFT: u32 = 16;

/// The entropy a [`SeedSequence`] was made from, as NumPy records it (`SeedSequence.entropy`).
///
/// ```
/// use oxarray_random::{Entropy, SeedSequence};
/// assert_eq!(SeedSequence::new(5u8)?.entropy(), &Entropy::Int(5));
/// # Ok::<(), oxarray_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entropy {
    /// One non-negative integer (NumPy's `SeedSequence(12345)`; also what the operating
    /// system's 128 random bits become).
    Int(u128),
    /// A sequence of non-negative integers (NumPy's `SeedSequence([1, 2, 3])`).
    Ints(Vec<u128>),
}

impl Entropy {
    /// The entropy as NumPy's `_coerce_to_uint32_array` turns it into 32-bit words: each
    /// integer split into words lowest first (`0` is one word), the integers concatenated.
    ///
    /// ```
    /// use oxarray_random::Entropy;
    /// assert_eq!(Entropy::Int(0).words(), vec![0]);
    /// assert_eq!(Entropy::Ints(vec![12345, 0x10_dead_beef]).words(), vec![12345, 0xdead_beef, 0x10]);
    /// ```
    pub fn words(&self) -> Vec<u32> {
        match self {
            Entropy::Int(v) => int_words(*v),
            Entropy::Ints(vs) => vs.iter().flat_map(|&v| int_words(v)).collect(),
        }
    }
}

/// NumPy's `_int_to_uint32_array`: the 32-bit words of `n`, lowest first; `[0]` for zero.
fn int_words(mut n: u128) -> Vec<u32> {
    if n == 0 {
        return vec![0];
    }
    let mut words = Vec::with_capacity(4);
    while n > 0 {
        words.push(n as u32);
        n >>= 32;
    }
    words
}

/// NumPy's `SeedSequence`: mixes entropy into a pool of 32-bit words from which bit
/// generators draw their initial state (`generate_state`) and from which independent child
/// sequences are spawned (`spawn`).
///
/// ```
/// use oxarray_random::SeedSequence;
/// // np.random.SeedSequence(12345).generate_state(2)
/// let mut ss = SeedSequence::new(12345u32)?;
/// assert_eq!(ss.generate_state_u32(2), vec![2_688_385_916, 3_048_105_090]);
/// // children differ only by their spawn key, as in NumPy
/// let kids = ss.spawn(2);
/// assert_eq!(kids[1].spawn_key(), &[1]);
/// assert_eq!(ss.n_children_spawned(), 2);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedSequence {
    entropy: Entropy,
    spawn_key: Vec<u64>,
    pool_size: usize,
    n_children_spawned: u64,
    pool: Vec<u32>,
}

impl SeedSequence {
    /// `SeedSequence(entropy)`: from an integer, a list of integers, or (`None`) 128 bits of
    /// operating-system randomness. Errors for a negative integer.
    ///
    /// ```
    /// use oxarray_random::SeedSequence;
    /// let a = SeedSequence::new(12345u32)?;
    /// let b = SeedSequence::new([12345u64])?;      // one-integer lists are the same entropy
    /// assert_eq!(a.pool(), b.pool());
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn new(entropy: impl IntoSeedSequence) -> Result<Self> {
        entropy.into_seed_sequence()
    }

    /// `SeedSequence(entropy, spawn_key=spawn_key, pool_size=pool_size,
    /// n_children_spawned=n_children_spawned)`, NumPy's full constructor. Errors when
    /// `pool_size` is below [`DEFAULT_POOL_SIZE`].
    ///
    /// ```
    /// use oxarray_random::{Entropy, SeedSequence};
    /// let child = SeedSequence::with_options(Entropy::Int(7), &[0], 4, 0)?;
    /// let mut parent = SeedSequence::new(7u8)?;
    /// assert_eq!(parent.spawn(1)[0], child);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn with_options(
        entropy: Entropy,
        spawn_key: &[u64],
        pool_size: usize,
        n_children_spawned: u64,
    ) -> Result<Self> {
        if pool_size < DEFAULT_POOL_SIZE {
            return Err(Error::invalid_argument(
                "pool_size",
                pool_size,
                format!("the size of the entropy pool should be at least {DEFAULT_POOL_SIZE}"),
            ));
        }
        let mut seq = SeedSequence {
            entropy,
            spawn_key: spawn_key.to_vec(),
            pool_size,
            n_children_spawned,
            pool: vec![0; pool_size],
        };
        let assembled = seq.assembled_entropy();
        mix_entropy(&mut seq.pool, &assembled);
        Ok(seq)
    }

    /// A sequence seeded with 128 bits from the operating system (NumPy's
    /// `SeedSequence()`), or an error if the system has no randomness to give.
    ///
    /// ```
    /// use oxarray_random::SeedSequence;
    /// let a = SeedSequence::from_os_entropy()?;
    /// let b = SeedSequence::from_os_entropy()?;
    /// assert_ne!(a.entropy(), b.entropy());
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn from_os_entropy() -> Result<Self> {
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes)
            .map_err(|e| Error::Other(format!("operating-system randomness unavailable: {e}")))?;
        Self::with_options(
            Entropy::Int(u128::from_le_bytes(bytes)),
            &[],
            DEFAULT_POOL_SIZE,
            0,
        )
    }

    /// The entropy given at construction (`SeedSequence.entropy`).
    ///
    /// ```
    /// use oxarray_random::{Entropy, SeedSequence};
    /// assert_eq!(SeedSequence::new([1u8, 2])?.entropy(), &Entropy::Ints(vec![1, 2]));
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn entropy(&self) -> &Entropy {
        &self.entropy
    }

    /// The position of this sequence in its spawn tree (`SeedSequence.spawn_key`).
    ///
    /// ```
    /// use oxarray_random::SeedSequence;
    /// let mut ss = SeedSequence::new(1u8)?;
    /// assert_eq!(ss.spawn(2)[1].spawn_key(), &[1]);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn spawn_key(&self) -> &[u64] {
        &self.spawn_key
    }

    /// The number of 32-bit words in the pool (`SeedSequence.pool_size`).
    ///
    /// ```
    /// use oxarray_random::SeedSequence;
    /// assert_eq!(SeedSequence::new(1u8)?.pool_size(), 4);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn pool_size(&self) -> usize {
        self.pool_size
    }

    /// How many children [`spawn`](Self::spawn) has made so far
    /// (`SeedSequence.n_children_spawned`).
    ///
    /// ```
    /// use oxarray_random::SeedSequence;
    /// let mut ss = SeedSequence::new(1u8)?;
    /// ss.spawn(3);
    /// assert_eq!(ss.n_children_spawned(), 3);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn n_children_spawned(&self) -> u64 {
        self.n_children_spawned
    }

    /// The mixed entropy pool (`SeedSequence.pool`).
    ///
    /// ```
    /// use oxarray_random::SeedSequence;
    /// assert_eq!(SeedSequence::new(0u8)?.pool().len(), 4);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn pool(&self) -> &[u32] {
        &self.pool
    }

    /// NumPy's `get_assembled_entropy`: the entropy words, padded with zeros to the pool size
    /// when there is a spawn key (NumPy >= 1.19), followed by the spawn key's words.
    fn assembled_entropy(&self) -> Vec<u32> {
        let mut words = self.entropy.words();
        if !self.spawn_key.is_empty() && words.len() < self.pool_size {
            words.resize(self.pool_size, 0);
        }
        words.extend(
            self.spawn_key
                .iter()
                .flat_map(|&k| int_words(u128::from(k))),
        );
        words
    }

    /// `generate_state(n_words, dtype=np.uint32)`: `n_words` words hashed from the pool.
    ///
    /// ```
    /// use oxarray_random::SeedSequence;
    /// let ss = SeedSequence::new(12345u32)?;
    /// assert_eq!(ss.generate_state_u32(2), [2_688_385_916, 3_048_105_090]);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn generate_state_u32(&self, n_words: usize) -> Vec<u32> {
        let mut hash_const = INIT_B;
        (0..n_words)
            .map(|i| {
                let mut value = self.pool[i % self.pool_size];
                value ^= hash_const;
                hash_const = hash_const.wrapping_mul(MULT_B);
                value = value.wrapping_mul(hash_const);
                value ^ (value >> XSHIFT)
            })
            .collect()
    }

    /// `generate_state(n_words, dtype=np.uint64)`: twice as many 32-bit words, paired
    /// little-endian (the first of each pair is the low half).
    ///
    /// ```
    /// use oxarray_random::SeedSequence;
    /// let ss = SeedSequence::new(12345u32)?;
    /// let w = ss.generate_state_u32(2);
    /// assert_eq!(ss.generate_state_u64(1)[0], u64::from(w[0]) | u64::from(w[1]) << 32);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn generate_state_u64(&self, n_words: usize) -> Vec<u64> {
        self.generate_state_u32(2 * n_words)
            .chunks_exact(2)
            .map(|pair| u64::from(pair[0]) | (u64::from(pair[1]) << 32))
            .collect()
    }

    /// `spawn(n_children)`: `n_children` new sequences with this one's entropy and pool size
    /// and the spawn keys `spawn_key + (i,)` for the next `n_children` values of `i`.
    ///
    /// ```
    /// use oxarray_random::SeedSequence;
    /// let mut ss = SeedSequence::new(42u8)?;
    /// let kids = ss.spawn(2);
    /// assert_ne!(kids[0].pool(), kids[1].pool());
    /// assert_eq!(ss.spawn(1)[0].spawn_key(), &[2]);   // later spawns continue the count
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn spawn(&mut self, n_children: usize) -> Vec<SeedSequence> {
        let first = self.n_children_spawned;
        let children = (first..first + n_children as u64)
            .map(|i| {
                let mut key = self.spawn_key.clone();
                key.push(i);
                SeedSequence::with_options(self.entropy.clone(), &key, self.pool_size, 0)
                    .expect("the pool size was validated when this sequence was made")
            })
            .collect();
        self.n_children_spawned += n_children as u64;
        children
    }
}

/// NumPy's `hashmix`: one hashing step; the multiplier evolves as it is used.
#[inline]
fn hashmix(value: u32, hash_const: &mut u32) -> u32 {
    let mut value = value ^ *hash_const;
    *hash_const = hash_const.wrapping_mul(MULT_A);
    value = value.wrapping_mul(*hash_const);
    value ^ (value >> XSHIFT)
}

/// NumPy's `mix`: combines two words.
#[inline]
fn mix(x: u32, y: u32) -> u32 {
    let result = MIX_MULT_L
        .wrapping_mul(x)
        .wrapping_sub(MIX_MULT_R.wrapping_mul(y));
    result ^ (result >> XSHIFT)
}

/// NumPy's `mix_entropy`: hashes `entropy` into `pool`.
fn mix_entropy(pool: &mut [u32], entropy: &[u32]) {
    let mut hash_const = INIT_A;
    for (i, slot) in pool.iter_mut().enumerate() {
        *slot = hashmix(entropy.get(i).copied().unwrap_or(0), &mut hash_const);
    }
    // Mix all bits together so that late bits can affect earlier ones.
    for i_src in 0..pool.len() {
        for i_dst in 0..pool.len() {
            if i_src != i_dst {
                let h = hashmix(pool[i_src], &mut hash_const);
                pool[i_dst] = mix(pool[i_dst], h);
            }
        }
    }
    // Entropy beyond the pool size: mix each word into every pool word.
    for &word in entropy.iter().skip(pool.len()) {
        for slot in pool.iter_mut() {
            *slot = mix(*slot, hashmix(word, &mut hash_const));
        }
    }
}

/// What can seed a [`SeedSequence`] (and so [`default_rng`](crate::default_rng) and every
/// seedable bit generator): non-negative integers of any width, arrays, slices and vectors of
/// them, `None` (`Option<u64>`, operating-system randomness), or a `SeedSequence` itself.
///
/// ```
/// use oxarray_random::{IntoSeedSequence, SeedSequence};
/// let a = 42u64.into_seed_sequence()?;
/// let b = [42u32].into_seed_sequence()?;
/// assert_eq!(a.generate_state_u32(4), b.generate_state_u32(4));
/// assert!((-1i64).into_seed_sequence().is_err()); // NumPy: expected non-negative integer
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub trait IntoSeedSequence {
    /// The seed sequence (an error for negative entropy).
    fn into_seed_sequence(self) -> Result<SeedSequence>;
}

impl IntoSeedSequence for SeedSequence {
    fn into_seed_sequence(self) -> Result<SeedSequence> {
        Ok(self)
    }
}

impl IntoSeedSequence for Entropy {
    fn into_seed_sequence(self) -> Result<SeedSequence> {
        SeedSequence::with_options(self, &[], DEFAULT_POOL_SIZE, 0)
    }
}

impl IntoSeedSequence for Option<u64> {
    fn into_seed_sequence(self) -> Result<SeedSequence> {
        match self {
            Some(v) => v.into_seed_sequence(),
            None => SeedSequence::from_os_entropy(),
        }
    }
}

/// A seed integer as an unsigned 128-bit value, or NumPy's error for a negative one.
pub(crate) trait SeedInt: Copy {
    fn to_u128(self) -> Result<u128>;
}

macro_rules! seed_ints {
    (unsigned: $($u:ty),*; signed: $($s:ty),*) => {
        $(
            impl SeedInt for $u {
                fn to_u128(self) -> Result<u128> {
                    Ok(self as u128)
                }
            }
        )*
        $(
            impl SeedInt for $s {
                fn to_u128(self) -> Result<u128> {
                    u128::try_from(self).map_err(|_| {
                        Error::invalid_argument("entropy", self, "expected non-negative integer")
                    })
                }
            }
        )*
        $(
            impl IntoSeedSequence for $u {
                fn into_seed_sequence(self) -> Result<SeedSequence> {
                    Entropy::Int(self.to_u128()?).into_seed_sequence()
                }
            }
        )*
        $(
            impl IntoSeedSequence for $s {
                fn into_seed_sequence(self) -> Result<SeedSequence> {
                    Entropy::Int(self.to_u128()?).into_seed_sequence()
                }
            }
        )*
    };
}

seed_ints!(unsigned: u8, u16, u32, u64, u128, usize; signed: i8, i16, i32, i64, i128, isize);

fn ints_entropy<T: SeedInt>(values: &[T]) -> Result<Entropy> {
    Ok(Entropy::Ints(
        values.iter().map(|v| v.to_u128()).collect::<Result<_>>()?,
    ))
}

#[allow(private_bounds)] // `SeedInt` is sealed: the integer types listed above
impl<T: SeedInt> IntoSeedSequence for &[T] {
    fn into_seed_sequence(self) -> Result<SeedSequence> {
        ints_entropy(self)?.into_seed_sequence()
    }
}

#[allow(private_bounds)]
impl<T: SeedInt, const N: usize> IntoSeedSequence for [T; N] {
    fn into_seed_sequence(self) -> Result<SeedSequence> {
        ints_entropy(&self)?.into_seed_sequence()
    }
}

#[allow(private_bounds)]
impl<T: SeedInt, const N: usize> IntoSeedSequence for &[T; N] {
    fn into_seed_sequence(self) -> Result<SeedSequence> {
        ints_entropy(self)?.into_seed_sequence()
    }
}

#[allow(private_bounds)]
impl<T: SeedInt> IntoSeedSequence for Vec<T> {
    fn into_seed_sequence(self) -> Result<SeedSequence> {
        ints_entropy(&self)?.into_seed_sequence()
    }
}

#[allow(private_bounds)]
impl<T: SeedInt> IntoSeedSequence for &Vec<T> {
    fn into_seed_sequence(self) -> Result<SeedSequence> {
        ints_entropy(self)?.into_seed_sequence()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int_words_split_lowest_first() {
        assert_eq!(int_words(0), vec![0]);
        assert_eq!(int_words(1 << 32), vec![0, 1]);
        assert_eq!(int_words(u128::MAX).len(), 4);
    }

    #[test]
    fn spawn_pads_entropy_to_the_pool_size() {
        let parent = SeedSequence::new(5u8).unwrap();
        let child = SeedSequence::with_options(Entropy::Int(5), &[0], 4, 0).unwrap();
        assert_eq!(child.assembled_entropy(), vec![5, 0, 0, 0, 0]);
        assert_eq!(parent.assembled_entropy(), vec![5]);
    }

    #[test]
    fn pool_size_below_default_is_an_error() {
        let err = SeedSequence::with_options(Entropy::Int(1), &[], 3, 0).unwrap_err();
        assert!(matches!(
            err,
            Error::InvalidArgument {
                name: "pool_size",
                ..
            }
        ));
    }
}
