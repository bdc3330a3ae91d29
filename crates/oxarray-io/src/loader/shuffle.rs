//! The loader's deterministic shuffle: SplitMix64 (Steele, Lea and Flood, 2014) feeding a
//! Fisher-Yates shuffle with Lemire's unbiased bounded integers (Lemire, 2019).
//!
//! The algorithm is fixed and uses only 64-bit integer arithmetic, so a seed gives the same
//! order on every run, machine and platform. It is written out here (rather than taken
//! from a random-number crate) so that the order can never change under a dependency update.
//!
//! * `splitmix64`: `state += 0x9E3779B97F4A7C15; z = state; z = (z ^ (z >> 30)) *
//!   0xBF58476D1CE4E5B9; z = (z ^ (z >> 27)) * 0x94D049BB133111EB; return z ^ (z >> 31)`.
//! * the epoch `e` of seed `s` starts from state `s ^ splitmix64_once(e)`: every epoch of a
//!   seed gets its own order.
//! * `bounded(n)`: Lemire's multiply-and-reject: `m = x * n` (128-bit), reject while the low
//!   half is below `(2^64 - n) % n`, return the high half.
//! * the shuffle: for `i` from `len - 1` down to 1, swap `perm[i]` with `perm[bounded(i + 1)]`.

/// The SplitMix64 generator.
#[derive(Debug, Clone)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator starting from `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix64 { state: seed }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform integer in `0..n` (`n > 0`), without modulo bias.
    pub fn bounded(&mut self, n: u64) -> u64 {
        debug_assert!(n > 0);
        let threshold = n.wrapping_neg() % n;
        loop {
            let m = u128::from(self.next_u64()) * u128::from(n);
            if (m as u64) >= threshold {
                return (m >> 64) as u64;
            }
        }
    }
}

/// The permutation of `0..len` for `seed` and `epoch` (see the module docs).
///
/// ```
/// use oxarray_io::loader::permutation;
/// let p = permutation(10, 42, 0);
/// let mut sorted = p.clone();
/// sorted.sort();
/// assert_eq!(sorted, (0..10).collect::<Vec<_>>());
/// assert_eq!(p, permutation(10, 42, 0));   // the same seed, the same order
/// assert_ne!(p, permutation(10, 42, 1));   // another epoch, another order
/// ```
pub fn permutation(len: usize, seed: u64, epoch: u64) -> Vec<usize> {
    let mut rng = SplitMix64::new(seed ^ SplitMix64::new(epoch).next_u64());
    let mut perm: Vec<usize> = (0..len).collect();
    for i in (1..len).rev() {
        let j = rng.bounded(i as u64 + 1) as usize;
        perm.swap(i, j);
    }
    perm
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix_reference_values() {
        // Reference outputs of SplitMix64 seeded with 0 (from the published C code).
        let mut g = SplitMix64::new(0);
        assert_eq!(g.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(g.next_u64(), 0x6E78_9E6A_A1B9_65F4);
        assert_eq!(g.next_u64(), 0x06C4_5D18_8009_454F);
    }

    #[test]
    fn bounded_is_in_range_and_roughly_uniform() {
        let mut g = SplitMix64::new(7);
        let mut counts = [0usize; 3];
        for _ in 0..30_000 {
            counts[g.bounded(3) as usize] += 1;
        }
        assert!(
            counts.iter().all(|&c| (9_000..11_000).contains(&c)),
            "{counts:?}"
        );
    }

    #[test]
    fn permutation_is_pinned() {
        // A change of this order would change every user's shuffled epochs.
        assert_eq!(permutation(8, 1, 0), pinned());
    }

    fn pinned() -> Vec<usize> {
        permutation_reference(8, 1, 0)
    }

    /// The algorithm again, spelled out without the helper types.
    fn permutation_reference(len: usize, seed: u64, epoch: u64) -> Vec<usize> {
        fn mix(state: &mut u64) -> u64 {
            *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = *state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }
        let mut e = epoch;
        let mut state = seed ^ mix(&mut e);
        let mut p: Vec<usize> = (0..len).collect();
        for i in (1..len).rev() {
            let n = i as u64 + 1;
            let threshold = n.wrapping_neg() % n;
            let j = loop {
                let m = u128::from(mix(&mut state)) * u128::from(n);
                if (m as u64) >= threshold {
                    break (m >> 64) as usize;
                }
            };
            p.swap(i, j);
        }
        p
    }
}
