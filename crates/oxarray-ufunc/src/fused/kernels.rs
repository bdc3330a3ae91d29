//! The loops of the evaluator: the fused loop over one block, its line-by-line variant for
//! in-place and streaming stores, and the moves that make a leaf contiguous (splat, gather).
//! Everything here is `#[inline(always)]` into the evaluator's pulp kernel, so that it is
//! compiled once per instruction set.

use std::mem::MaybeUninit;

use super::expr::Expr;

/// `out[i] = expr.value(leaves, i)`: the fused loop.
///
/// # Safety
/// `leaves` must point to contiguous runs of `out.len()` elements of each leaf's type.
#[inline(always)]
pub(super) unsafe fn compute<E: Expr>(
    expr: &E,
    leaves: &[*const u8],
    out: &mut [MaybeUninit<E::Elem>],
) {
    for (i, o) in out.iter_mut().enumerate() {
        // SAFETY: caller contract.
        o.write(unsafe { expr.value(leaves, 0, i) });
    }
}

/// Bytes per chunk of [`compute_lines`]: eight cache lines, in L1 next to the block.
const CHUNK_BYTES: usize = 512;

/// `dst[i] = expr.value(leaves, i)` for `i < n`, chunk by chunk: each chunk of up to eight
/// 64-byte lines is computed into a local buffer (the same vectorised loop as [`compute`])
/// and then stored whole, with streaming stores for its whole lines when `STREAM`. A chunk
/// of the destination is written only after all its values are computed, so a leaf may read
/// the destination at the same positions (in place), and no reference to the destination is
/// ever formed.
///
/// # Safety
/// `leaves` point to contiguous runs of `n` elements; `dst` is writable for `n` elements and
/// read by a leaf, if at all, only at the same positions; `STREAM` only where the CPU has
/// AVX-512F.
#[inline(always)]
pub(super) unsafe fn compute_lines<E: Expr, const STREAM: bool>(
    expr: &E,
    leaves: &[*const u8],
    dst: *mut E::Elem,
    n: usize,
) {
    #[repr(C, align(64))]
    struct Chunk([MaybeUninit<u8>; CHUNK_BYTES]);
    let size = size_of::<E::Elem>();
    // Up to the first 64-byte boundary of the destination, one element at a time.
    let head = dst.align_offset(64).min(n);
    let mut i = 0;
    while i < head {
        // SAFETY: caller contract; the value is computed before its slot is written.
        unsafe { dst.add(i).write(expr.value(leaves, 0, i)) };
        i += 1;
    }
    let mut chunk = Chunk([MaybeUninit::uninit(); CHUNK_BYTES]);
    // Element sizes (1 to 16 bytes) divide the chunk.
    let per_chunk = CHUNK_BYTES / size;
    while i < n {
        let m = per_chunk.min(n - i);
        let buf = chunk.0.as_mut_ptr().cast::<MaybeUninit<E::Elem>>();
        // SAFETY: the chunk holds `per_chunk >= m` elements, aligned for any element type.
        let out = unsafe { std::slice::from_raw_parts_mut(buf, m) };
        for (j, o) in out.iter_mut().enumerate() {
            // SAFETY: caller contract (`i + j < n`).
            o.write(unsafe { expr.value(leaves, 0, i + j) });
        }
        let src = chunk.0.as_ptr();
        // SAFETY: `dst + i` is writable for `m` elements and 64-byte aligned (after the head,
        // whole chunks); the chunk is a separate local holding the `m` values.
        unsafe {
            let d = dst.add(i).cast::<u8>();
            let mut done = 0;
            #[cfg(target_arch = "x86_64")]
            if STREAM {
                // AVX-512F, hence AVX (caller contract).
                while done + 64 <= m * size {
                    x86::stream_line(src.add(done).cast(), d.add(done));
                    done += 64;
                }
            }
            std::ptr::copy_nonoverlapping(src.add(done).cast::<u8>(), d.add(done), m * size - done);
        }
        i += m;
    }
}

/// Calls `$body` with `$T` an unsigned integer type (or pair) of `size` bytes: moving
/// elements as plain bits serves every element type.
macro_rules! with_bits {
    ($size:expr, $T:ident => $body:expr) => {
        match $size {
            1 => {
                type $T = u8;
                $body
            }
            2 => {
                type $T = u16;
                $body
            }
            4 => {
                type $T = u32;
                $body
            }
            8 => {
                type $T = u64;
                $body
            }
            _ => {
                type $T = [u64; 2];
                $body
            }
        }
    };
}

/// Writes `count` copies of the `size`-byte element at `src` to `dst`.
///
/// # Safety
/// `src` readable for one element, `dst` writable and aligned for `count`; `size` is an
/// element size (1, 2, 4, 8 or 16).
#[inline(always)]
pub(super) unsafe fn splat(src: *const u8, dst: *mut u8, size: usize, count: usize) {
    with_bits!(size, B => {
        // SAFETY: caller contract; every element type is `Copy` plain data of its size and
        // alignment at least that of `B` (Complex<f64> is a pair of u64).
        unsafe {
            let v = src.cast::<B>().read_unaligned();
            let d = dst.cast::<B>();
            for j in 0..count {
                d.add(j).write(v);
            }
        }
    })
}

/// Copies `n` elements at stride `stride` (in elements) from `src` to contiguous `dst`.
///
/// # Safety
/// As [`splat`], for `n` strided source elements.
#[inline(always)]
pub(super) unsafe fn gather(src: *const u8, stride: isize, dst: *mut u8, size: usize, n: usize) {
    with_bits!(size, B => {
        // SAFETY: caller contract.
        unsafe {
            let (s, d) = (src.cast::<B>(), dst.cast::<B>());
            for j in 0..n {
                d.add(j).write(s.offset(j as isize * stride).read_unaligned());
            }
        }
    })
}

/// Copies `bytes` bytes with non-temporal stores where the destination is aligned, in the
/// widest stores the CPU has. (Where it has AVX-512, [`compute_lines`] streams straight from
/// registers instead.)
///
/// # Safety
/// `src` readable and `dst` writable for `bytes` bytes; they do not overlap.
#[inline(always)]
pub(super) unsafe fn stream_copy(src: *const u8, dst: *mut u8, bytes: usize) {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx") {
            // SAFETY: caller contract; the CPU has AVX.
            unsafe { x86::stream_copy_avx(src, dst, bytes) };
        } else {
            // SAFETY: caller contract (SSE2 is part of x86-64).
            unsafe { x86::stream_copy_sse2(src, dst, bytes) };
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    // SAFETY: caller contract.
    unsafe {
        std::ptr::copy_nonoverlapping(src, dst, bytes)
    };
}

/// Whether the CPU has AVX-512F (cached by std after the first call).
pub(super) fn has_avx512() -> bool {
    #[cfg(target_arch = "x86_64")]
    return std::arch::is_x86_feature_detected!("avx512f");
    #[cfg(not(target_arch = "x86_64"))]
    return false;
}

#[cfg(target_arch = "x86_64")]
mod x86 {
    //! Streaming stores: copies, one per vector width, and one 64-byte line.

    use std::arch::x86_64::*;

    /// Stores one 64-byte line with streaming stores (two 32-byte halves: the AVX-512
    /// intrinsics are newer than this crate's minimum Rust; the halves of one line meet in
    /// the same write-combining buffer).
    ///
    /// # Safety
    /// The CPU has AVX; `line` 64-byte aligned and readable, `dst` 64-byte aligned and
    /// writable for 64 bytes.
    #[inline(always)]
    pub(super) unsafe fn stream_line(line: *const u8, dst: *mut u8) {
        // SAFETY: caller contract.
        unsafe {
            let lo = _mm256_load_si256(line.cast::<__m256i>());
            let hi = _mm256_load_si256(line.add(32).cast::<__m256i>());
            _mm256_stream_si256(dst.cast::<__m256i>(), lo);
            _mm256_stream_si256(dst.add(32).cast::<__m256i>(), hi);
        }
    }

    /// Defines a streaming copy with `$width`-byte stores: an ordinary copy up to the first
    /// `$width`-aligned destination byte, streaming stores of whole vectors, an ordinary copy
    /// of the tail.
    macro_rules! stream_copy_fn {
        ($(#[$attr:meta])* $name:ident, $width:expr, $V:ty, $load:ident, $stream:ident) => {
            /// # Safety
            /// `src` readable and `dst` writable for `bytes` bytes, not overlapping; the CPU
            /// has the instruction set the function is compiled for.
            $(#[$attr])*
            pub(super) unsafe fn $name(src: *const u8, dst: *mut u8, bytes: usize) {
                let head = dst.align_offset($width).min(bytes);
                // SAFETY: caller contract; `head <= bytes`.
                unsafe { std::ptr::copy_nonoverlapping(src, dst, head) };
                let mut i = head;
                while i + $width <= bytes {
                    // SAFETY: caller contract; `dst + i` is `$width`-aligned.
                    unsafe { $stream(dst.add(i).cast::<$V>(), $load(src.add(i).cast::<$V>())) };
                    i += $width;
                }
                // SAFETY: caller contract; the tail is inside both ranges.
                unsafe { std::ptr::copy_nonoverlapping(src.add(i), dst.add(i), bytes - i) };
            }
        };
    }

    stream_copy_fn!(
        #[target_feature(enable = "avx")]
        stream_copy_avx,
        32,
        __m256i,
        _mm256_loadu_si256,
        _mm256_stream_si256
    );
    stream_copy_fn!(
        stream_copy_sse2,
        16,
        __m128i,
        _mm_loadu_si128,
        _mm_stream_si128
    );
}

/// Orders this thread's non-temporal stores before anything it does next (the join that
/// publishes the result to other threads).
pub(super) fn stream_fence() {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: `sfence` has no preconditions (SSE is part of x86-64).
    unsafe {
        std::arch::x86_64::_mm_sfence()
    };
}
