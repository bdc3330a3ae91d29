//! Bounded integers: NumPy's `random_bounded_*_fill` family (`Generator.integers`,
//! `RandomState.randint`) and `random_interval` (shuffles).
//!
//! Each fill draws values in `[off, off + rng]` (inclusive, wrapping) with either Lemire's
//! multiply-and-reject method (the `Generator`) or masked rejection (the legacy `RandomState`).
//! Ranges that fit 32 bits use 32-bit draws; 8- and 16-bit outputs take their bits from a
//! 32-bit buffer that lives for one fill call only, exactly as NumPy's `bcnt` / `buf` do.

use crate::bit_generator::BitGenerator;

/// The smallest all-ones mask covering `max` (`gen_mask`).
#[inline]
pub(crate) fn gen_mask(max: u64) -> u64 {
    let mut mask = max;
    mask |= mask >> 1;
    mask |= mask >> 2;
    mask |= mask >> 4;
    mask |= mask >> 8;
    mask |= mask >> 16;
    mask |= mask >> 32;
    mask
}

/// A value in `[0, max]` by masked rejection on 32-bit draws when `max` fits 32 bits, 64-bit
/// draws otherwise (`random_interval`, used by the shuffles).
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let x = distributions::random_interval(&mut bg, 9);
/// assert!(x <= 9);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
#[inline]
pub fn random_interval<B: BitGenerator + ?Sized>(bg: &mut B, max: u64) -> u64 {
    if max == 0 {
        return 0;
    }
    let mask = gen_mask(max);
    if max <= u64::from(u32::MAX) {
        loop {
            let value = u64::from(bg.next_u32()) & mask;
            if value <= max {
                return value;
            }
        }
    }
    loop {
        let value = bg.next_u64() & mask;
        if value <= max {
            return value;
        }
    }
}

#[inline(always)]
fn lemire_u64<B: BitGenerator + ?Sized>(bg: &mut B, rng: u64) -> u64 {
    let rng_excl = rng + 1; // rng < u64::MAX
    let mut m = u128::from(bg.next_u64()) * u128::from(rng_excl);
    let mut leftover = m as u64;
    if leftover < rng_excl {
        let threshold = (u64::MAX - rng) % rng_excl;
        while leftover < threshold {
            m = u128::from(bg.next_u64()) * u128::from(rng_excl);
            leftover = m as u64;
        }
    }
    (m >> 64) as u64
}

#[inline(always)]
fn lemire_u32<B: BitGenerator + ?Sized>(bg: &mut B, rng: u32) -> u32 {
    let rng_excl = rng + 1; // rng < u32::MAX
    let mut m = u64::from(bg.next_u32()) * u64::from(rng_excl);
    let mut leftover = m as u32;
    if leftover < rng_excl {
        let threshold = (u32::MAX - rng) % rng_excl;
        while leftover < threshold {
            m = u64::from(bg.next_u32()) * u64::from(rng_excl);
            leftover = m as u32;
        }
    }
    (m >> 32) as u32
}

#[inline(always)]
fn masked_u64<B: BitGenerator + ?Sized>(bg: &mut B, rng: u64, mask: u64) -> u64 {
    loop {
        let value = bg.next_u64() & mask;
        if value <= rng {
            return value;
        }
    }
}

#[inline(always)]
fn masked_u32<B: BitGenerator + ?Sized>(bg: &mut B, rng: u32, mask: u32) -> u32 {
    loop {
        let value = bg.next_u32() & mask;
        if value <= rng {
            return value;
        }
    }
}

/// One bounded `u64` in `[off, off + rng]` (`random_bounded_uint64`), as NumPy draws the
/// integers of a shuffle index and the broadcast form of `integers`.
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let x = distributions::bounded_u64(&mut bg, 100, 9, false);
/// assert!((100..=109).contains(&x));
/// # Ok::<(), oxarray_core::Error>(())
/// ```
#[inline]
pub fn bounded_u64<B: BitGenerator + ?Sized>(bg: &mut B, off: u64, rng: u64, masked: bool) -> u64 {
    if rng == 0 {
        off
    } else if rng < u64::from(u32::MAX) {
        let r = rng as u32;
        let v = if masked {
            masked_u32(bg, r, gen_mask(rng) as u32)
        } else {
            lemire_u32(bg, r)
        };
        off.wrapping_add(u64::from(v))
    } else if rng == u64::from(u32::MAX) {
        off.wrapping_add(u64::from(bg.next_u32()))
    } else if rng == u64::MAX {
        off.wrapping_add(bg.next_u64())
    } else if masked {
        off.wrapping_add(masked_u64(bg, rng, gen_mask(rng)))
    } else {
        off.wrapping_add(lemire_u64(bg, rng))
    }
}

/// Fills `out` with values in `[off, off + rng]` (`random_bounded_uint64_fill`).
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let mut out = [0u64; 8];
/// distributions::bounded_u64_fill(&mut bg, 10, 5, false, &mut out);
/// assert!(out.iter().all(|&v| (10..=15).contains(&v)));
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn bounded_u64_fill<B: BitGenerator + ?Sized>(
    bg: &mut B,
    off: u64,
    rng: u64,
    masked: bool,
    out: &mut [u64],
) {
    fill_64(bg, off, rng, masked, out, |v| v);
}

/// [`bounded_u64_fill`] into any 64-bit element type (`cast` reinterprets the bits).
#[inline]
pub(crate) fn fill_64<B: BitGenerator + ?Sized, T>(
    bg: &mut B,
    off: u64,
    rng: u64,
    masked: bool,
    out: &mut [T],
    cast: impl Fn(u64) -> T,
) {
    if rng == 0 {
        put_all(out, || 0, |v| cast(off.wrapping_add(v)));
    } else if rng <= u64::from(u32::MAX) {
        // 32-bit draws for ranges that fit.
        if rng == u64::from(u32::MAX) {
            put_all(
                out,
                || u64::from(bg.next_u32()),
                |v| cast(off.wrapping_add(v)),
            );
        } else if masked {
            let mask = gen_mask(rng) as u32;
            put_all(
                out,
                || u64::from(masked_u32(bg, rng as u32, mask)),
                |v| cast(off.wrapping_add(v)),
            );
        } else {
            put_all(
                out,
                || u64::from(lemire_u32(bg, rng as u32)),
                |v| cast(off.wrapping_add(v)),
            );
        }
    } else if rng == u64::MAX {
        put_all(out, || bg.next_u64(), |v| cast(off.wrapping_add(v)));
    } else if masked {
        let mask = gen_mask(rng);
        put_all(
            out,
            || masked_u64(bg, rng, mask),
            |v| cast(off.wrapping_add(v)),
        );
    } else {
        put_all(out, || lemire_u64(bg, rng), |v| cast(off.wrapping_add(v)));
    }
}

/// `out[i] = store(draw())` for every element, in order (one monomorphised loop per draw).
#[inline(always)]
fn put_all<T, V>(out: &mut [T], mut draw: impl FnMut() -> V, store: impl Fn(V) -> T) {
    for x in out.iter_mut() {
        *x = store(draw());
    }
}

/// Fills `out` with values in `[off, off + rng]` (`random_bounded_uint32_fill`).
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let mut out = [0u32; 8];
/// distributions::bounded_u32_fill(&mut bg, 0, 999, true, &mut out); // masked, as RandomState
/// assert!(out.iter().all(|&v| v <= 999));
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn bounded_u32_fill<B: BitGenerator + ?Sized>(
    bg: &mut B,
    off: u32,
    rng: u32,
    masked: bool,
    out: &mut [u32],
) {
    fill_32(bg, off, rng, masked, out, |v| v);
}

/// [`bounded_u32_fill`] into any 32-bit element type.
#[inline]
pub(crate) fn fill_32<B: BitGenerator + ?Sized, T>(
    bg: &mut B,
    off: u32,
    rng: u32,
    masked: bool,
    out: &mut [T],
    cast: impl Fn(u32) -> T,
) {
    let store = |v: u32| cast(off.wrapping_add(v));
    if rng == 0 {
        put_all(out, || 0, store);
    } else if rng == u32::MAX {
        put_all(out, || bg.next_u32(), store);
    } else if masked {
        let mask = gen_mask(u64::from(rng)) as u32;
        put_all(out, || masked_u32(bg, rng, mask), store);
    } else {
        put_all(out, || lemire_u32(bg, rng), store);
    }
}

/// NumPy's `bcnt` / `buf`: 8- or 16-bit values served from one 32-bit draw, lowest bits
/// first. It lives for one fill call.
struct NarrowBuffer {
    buf: u32,
    left: u32,
}

impl NarrowBuffer {
    const fn new() -> Self {
        NarrowBuffer { buf: 0, left: 0 }
    }

    /// The next `bits`-bit chunk (`buffered_uint16` / `buffered_uint8`).
    #[inline(always)]
    fn next<B: BitGenerator + ?Sized>(&mut self, bg: &mut B, bits: u32) -> u32 {
        if self.left == 0 {
            self.buf = bg.next_u32();
            self.left = 32 / bits - 1;
        } else {
            self.buf >>= bits;
            self.left -= 1;
        }
        self.buf
    }
}

/// Values in `[off, off + rng]` of a `BITS`-bit type (8 or 16) into `out`, from a 32-bit
/// buffer as NumPy's `random_bounded_uint{8,16}_fill` draw them.
#[inline]
pub(crate) fn fill_narrow<const BITS: u32, B: BitGenerator + ?Sized, T>(
    bg: &mut B,
    off: u32,
    rng: u32,
    masked: bool,
    out: &mut [T],
    cast: impl Fn(u32) -> T,
) {
    let low = (1u32 << BITS) - 1;
    let mut buf = NarrowBuffer::new();
    let store = |v: u32| cast(off.wrapping_add(v) & low);
    if rng == 0 {
        put_all(out, || 0, store);
    } else if rng == low {
        put_all(out, || buf.next(bg, BITS) & low, store);
    } else if masked {
        let mask = gen_mask(u64::from(rng)) as u32;
        put_all(
            out,
            || loop {
                let v = buf.next(bg, BITS) & low & mask;
                if v <= rng {
                    break v;
                }
            },
            store,
        );
    } else {
        // Lemire on BITS-bit draws, in the width NumPy computes it.
        let rng_excl = rng + 1;
        let threshold = (low - rng) % rng_excl;
        let draw = || {
            let mut m = (buf.next(bg, BITS) & low) * rng_excl;
            let mut leftover = m & low;
            if leftover < rng_excl {
                while leftover < threshold {
                    m = (buf.next(bg, BITS) & low) * rng_excl;
                    leftover = m & low;
                }
            }
            m >> BITS
        };
        put_all(out, draw, store);
    }
}

/// Fills `out` with values in `[off, off + rng]` from 16-bit halves of 32-bit draws
/// (`random_bounded_uint16_fill`).
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let mut out = [0u16; 8];
/// distributions::bounded_u16_fill(&mut bg, 0, 6, false, &mut out);
/// assert!(out.iter().all(|&v| v <= 6));
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn bounded_u16_fill<B: BitGenerator + ?Sized>(
    bg: &mut B,
    off: u16,
    rng: u16,
    masked: bool,
    out: &mut [u16],
) {
    fill_narrow::<16, _, _>(bg, u32::from(off), u32::from(rng), masked, out, |v| {
        v as u16
    });
}

/// Fills `out` with values in `[off, off + rng]` from bytes of 32-bit draws
/// (`random_bounded_uint8_fill`).
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let mut out = [0u8; 8];
/// distributions::bounded_u8_fill(&mut bg, 1, 5, false, &mut out); // dice
/// assert!(out.iter().all(|&v| (1..=6).contains(&v)));
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn bounded_u8_fill<B: BitGenerator + ?Sized>(
    bg: &mut B,
    off: u8,
    rng: u8,
    masked: bool,
    out: &mut [u8],
) {
    fill_narrow::<8, _, _>(bg, u32::from(off), u32::from(rng), masked, out, |v| v as u8);
}

/// Fills `out` with booleans in `[off, off + rng]` from single bits of 32-bit draws
/// (`random_bounded_bool_fill`; `rng` is 0 or 1).
///
/// ```
/// use oxarray_random::{distributions, Pcg64, SeedableBitGenerator};
/// let mut bg = Pcg64::new(0u32)?;
/// let mut out = [false; 40];
/// distributions::bounded_bool_fill(&mut bg, false, true, &mut out);
/// assert!(out.iter().any(|&b| b) && out.iter().any(|&b| !b));
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn bounded_bool_fill<B: BitGenerator + ?Sized>(
    bg: &mut B,
    off: bool,
    rng: bool,
    out: &mut [bool],
) {
    if !rng {
        out.fill(off);
        return;
    }
    let mut buf = NarrowBuffer::new();
    put_all(out, || buf.next(bg, 1) & 1 == 1, |v| v);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_cover_the_maximum() {
        assert_eq!(gen_mask(0), 0);
        assert_eq!(gen_mask(1), 1);
        assert_eq!(gen_mask(5), 7);
        assert_eq!(gen_mask(1 << 40), (1 << 41) - 1);
        assert_eq!(gen_mask(u64::MAX), u64::MAX);
    }
}
