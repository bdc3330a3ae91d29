//! The reference-counted byte storage behind owned arrays.
//!
//! A [`Storage`] is a run of bytes plus whatever keeps those bytes alive: an allocation made
//! by oxarray (64-byte aligned, so that SIMD loads of a fresh array never straddle a cache
//! line), a `Vec<T>` handed over without a copy, or any foreign owner such as a memory map or an
//! Arrow buffer. Arrays hold it in an `Arc`; the bytes are freed when the last one goes.

use std::alloc::{self, Layout as AllocLayout};
use std::any::Any;
use std::fmt;
use std::ptr::NonNull;

use crate::element::Element;
use crate::error::{Error, Result};

/// Alignment of every allocation oxarray makes.
pub const ALIGNMENT: usize = 64;

enum Owner {
    /// Allocated here with this layout; freed on drop.
    Aligned(AllocLayout),
    /// Empty: nothing to free.
    Dangling,
    /// Something else keeps the bytes alive; dropping it releases them.
    Foreign(#[allow(dead_code)] Box<dyn Any + Send + Sync>),
}

/// Bytes that back one or more arrays.
///
/// Invariants: `ptr` is valid for reads of `len_bytes` bytes for as long as the `Storage`
/// lives (and for writes too when `writable`), and is aligned to at least the alignment of the
/// element type of every array built on it.
pub struct Storage {
    ptr: NonNull<u8>,
    len_bytes: usize,
    writable: bool,
    owner: Owner,
}

// SAFETY: the bytes are plain data with no thread affinity, and foreign owners are required to
// be `Send + Sync`; mutation happens only through an exclusively held `Arc<Storage>`.
unsafe impl Send for Storage {}
// SAFETY: as above; shared access only reads.
unsafe impl Sync for Storage {}

impl fmt::Debug for Storage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let owner = match self.owner {
            Owner::Aligned(_) => "oxarray",
            Owner::Dangling => "empty",
            Owner::Foreign(_) => "foreign",
        };
        f.debug_struct("Storage")
            .field("len_bytes", &self.len_bytes)
            .field("writable", &self.writable)
            .field("owner", &owner)
            .finish()
    }
}

impl Storage {
    fn allocate(len_bytes: usize, zeroed: bool) -> Result<Storage> {
        if len_bytes == 0 {
            return Ok(Storage {
                // A dangling pointer aligned to ALIGNMENT: valid for zero-byte accesses.
                ptr: NonNull::new(std::ptr::without_provenance_mut(ALIGNMENT))
                    .expect("ALIGNMENT is non-zero"),
                len_bytes: 0,
                writable: true,
                owner: Owner::Dangling,
            });
        }
        let layout = AllocLayout::from_size_align(len_bytes, ALIGNMENT)
            .map_err(|_| Error::OutOfMemory { bytes: len_bytes })?;
        if !zeroed && let Some(ptr) = block_cache::take(layout) {
            return Ok(Storage {
                ptr,
                len_bytes,
                writable: true,
                owner: Owner::Aligned(layout),
            });
        }
        // SAFETY: `layout` has a non-zero size.
        let raw = unsafe {
            if zeroed {
                alloc::alloc_zeroed(layout)
            } else {
                alloc::alloc(layout)
            }
        };
        let ptr = NonNull::new(raw).ok_or(Error::OutOfMemory { bytes: len_bytes })?;
        advise_huge_pages(ptr.as_ptr(), len_bytes);
        Ok(Storage {
            ptr,
            len_bytes,
            writable: true,
            owner: Owner::Aligned(layout),
        })
    }

    /// Zero-filled storage for `len` elements of `T`. Every element type of oxarray is valid
    /// as all-zero bytes (0, 0.0, false, 0+0i), so the result is initialised.
    pub fn zeroed<T: Element>(len: usize) -> Result<Storage> {
        let bytes = len
            .checked_mul(std::mem::size_of::<T>())
            .filter(|&b| b <= isize::MAX as usize)
            .ok_or(Error::OutOfMemory { bytes: usize::MAX })?;
        Storage::allocate(bytes, true)
    }

    /// Storage for `len` elements of `T`, each written by `fill` before the storage is returned.
    ///
    /// `fill` receives the uninitialised elements and must initialise them all; it is handed
    /// `MaybeUninit` so that it cannot read them first.
    pub fn filled_with<T: Element>(
        len: usize,
        fill: impl FnOnce(&mut [std::mem::MaybeUninit<T>]),
    ) -> Result<Storage> {
        let bytes = len
            .checked_mul(std::mem::size_of::<T>())
            .filter(|&b| b <= isize::MAX as usize)
            .ok_or(Error::OutOfMemory { bytes: usize::MAX })?;
        let storage = Storage::allocate(bytes, false)?;
        // SAFETY: the allocation holds `len` elements of `T` and is aligned to 64 >= align_of T;
        // `MaybeUninit<T>` may be uninitialised, and no one else sees the storage yet.
        let slots = unsafe {
            std::slice::from_raw_parts_mut(
                storage.ptr.as_ptr().cast::<std::mem::MaybeUninit<T>>(),
                len,
            )
        };
        fill(slots);
        Ok(storage)
    }

    /// Uninitialised storage for `len` elements of `T` (64-byte aligned), for kernels that
    /// write every element of their result through a raw pointer (matrix products). Nothing
    /// reads it: an array may be built on it only with [`Array::from_storage`](crate::Array),
    /// whose safety contract requires every element of its layout to have been written first.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use oxarray_core::{Array, Layout, Order, Storage};
    /// let storage = Storage::uninit::<f64>(3)?;
    /// let p = storage.as_ptr().cast::<f64>();
    /// for i in 0..3 {
    ///     // SAFETY: `i < 3`, inside the allocation, which nothing else uses yet.
    ///     unsafe { p.add(i).write(i as f64) };
    /// }
    /// // SAFETY: the three elements of the layout were written above.
    /// let a = unsafe { Array::<f64>::from_storage(Arc::new(storage), 0, Layout::contiguous(&[3], Order::C)) };
    /// assert_eq!(a.to_vec(), vec![0.0, 1.0, 2.0]);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn uninit<T: Element>(len: usize) -> Result<Storage> {
        let bytes = len
            .checked_mul(std::mem::size_of::<T>())
            .filter(|&b| b <= isize::MAX as usize)
            .ok_or(Error::OutOfMemory { bytes: usize::MAX })?;
        Storage::allocate(bytes, false)
    }

    /// Takes a `Vec<T>` without copying: the vector becomes the owner of the bytes.
    pub fn from_vec<T: Element>(vec: Vec<T>) -> Storage {
        let mut boxed = Box::new(vec);
        let len_bytes = std::mem::size_of_val(boxed.as_slice());
        // The heap buffer of a Vec does not move when the Vec itself is moved into the box.
        let ptr = NonNull::new(boxed.as_mut_ptr().cast::<u8>()).expect("Vec pointer is non-null");
        Storage {
            ptr,
            len_bytes,
            writable: true,
            owner: Owner::Foreign(boxed),
        }
    }

    /// Wraps bytes owned by someone else (a memory map, an Arrow buffer, a GPU host pinning)
    /// without copying them. The storage keeps `owner` alive and drops it last.
    ///
    /// # Safety
    /// `ptr` must be valid for reads of `len_bytes` bytes (and for writes if `writable`) for as
    /// long as `owner` is alive, the bytes must not be mutated by anyone else meanwhile, and
    /// `ptr` must be non-null.
    pub unsafe fn from_foreign(
        ptr: *mut u8,
        len_bytes: usize,
        writable: bool,
        owner: Box<dyn Any + Send + Sync>,
    ) -> Result<Storage> {
        let ptr = NonNull::new(ptr).ok_or_else(|| Error::BadBuffer {
            len_bytes,
            align: 0,
            what: "any array (null pointer)".into(),
        })?;
        Ok(Storage {
            ptr,
            len_bytes,
            writable,
            owner: Owner::Foreign(owner),
        })
    }

    /// Start of the bytes.
    #[inline]
    pub fn as_ptr(&self) -> *mut u8 {
        self.ptr.as_ptr()
    }

    /// Number of bytes.
    #[inline]
    pub fn len_bytes(&self) -> usize {
        self.len_bytes
    }

    /// Whether arrays on this storage may be written in place.
    #[inline]
    pub fn is_writable(&self) -> bool {
        self.writable
    }

    /// The alignment of the start of the bytes (the largest power of two dividing the address,
    /// capped at 4096).
    pub fn alignment(&self) -> usize {
        let addr = self.ptr.as_ptr() as usize;
        (1usize << addr.trailing_zeros().min(12)).max(1)
    }
}

/// Allocations from this size on ask the kernel for transparent huge pages, as NumPy does:
/// first-touch page faults on a fresh multi-megabyte array otherwise cost as much as the pass
/// that fills it.
const HUGE_PAGE_MIN_BYTES: usize = 4 << 20;

#[cfg(target_os = "linux")]
fn advise_huge_pages(ptr: *mut u8, len_bytes: usize) {
    const HUGE_PAGE: usize = 2 << 20;
    if len_bytes < HUGE_PAGE_MIN_BYTES {
        return;
    }
    // madvise wants a page-aligned start: advise the whole 2 MiB-aligned part of the range.
    let start = (ptr as usize).next_multiple_of(HUGE_PAGE);
    let end = (ptr as usize + len_bytes) & !(HUGE_PAGE - 1);
    if end > start {
        // SAFETY: [start, end) lies inside the allocation just made; MADV_HUGEPAGE is only a
        // hint and never changes the contents or validity of the memory.
        unsafe {
            libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_HUGEPAGE);
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn advise_huge_pages(_ptr: *mut u8, _len_bytes: usize) {}

impl Drop for Storage {
    fn drop(&mut self) {
        if let Owner::Aligned(layout) = self.owner {
            block_cache::give_back(self.ptr, layout);
        }
    }
}

/// Frees the large blocks oxarray keeps for reuse (see [`block_cache`]).
pub fn release_cached_memory() {
    block_cache::clear();
}

/// A small cache of recently freed large blocks.
///
/// A fresh multi-megabyte allocation comes from the kernel as unmapped pages, and the first
/// write to each page faults: for an array filled once (a copy, a ufunc result), the faults
/// cost about half as much again as the pass itself. Programs that allocate the same shapes
/// over and over (every batch of a pipeline, every step of a simulation) get a block back
/// without faults. At most [`block_cache::MAX_BLOCKS`] blocks and
/// [`block_cache::MAX_BYTES`] bytes are kept; [`release_cached_memory`] frees them.
pub mod block_cache {
    use std::alloc::{self, Layout as AllocLayout};
    use std::ptr::NonNull;
    use std::sync::Mutex;

    /// Blocks smaller than this go straight back to the allocator.
    pub const MIN_BYTES: usize = 4 << 20;
    /// Most blocks kept.
    pub const MAX_BLOCKS: usize = 4;
    /// Most bytes kept.
    pub const MAX_BYTES: usize = 1 << 30;

    struct Block {
        ptr: NonNull<u8>,
        layout: AllocLayout,
    }

    // SAFETY: a cached block is owned by the cache alone; no one else holds its pointer.
    unsafe impl Send for Block {}

    static CACHE: Mutex<Vec<Block>> = Mutex::new(Vec::new());

    fn dealloc(block: Block) {
        // SAFETY: every block was allocated by `Storage::allocate` with exactly `layout`, and
        // leaves the cache (or its storage) exactly once.
        unsafe { alloc::dealloc(block.ptr.as_ptr(), block.layout) };
    }

    /// A cached block of exactly `layout`, if one is kept.
    pub(super) fn take(layout: AllocLayout) -> Option<NonNull<u8>> {
        if layout.size() < MIN_BYTES {
            return None;
        }
        let mut cache = CACHE.lock().ok()?;
        let pos = cache.iter().position(|b| b.layout == layout)?;
        Some(cache.swap_remove(pos).ptr)
    }

    /// Keeps a freed block for reuse, or frees it.
    pub(super) fn give_back(ptr: NonNull<u8>, layout: AllocLayout) {
        let block = Block { ptr, layout };
        if layout.size() < MIN_BYTES || layout.size() > MAX_BYTES {
            return dealloc(block);
        }
        let Ok(mut cache) = CACHE.lock() else {
            return dealloc(block);
        };
        cache.push(block);
        // Evict the oldest blocks beyond the limits.
        while cache.len() > MAX_BLOCKS
            || cache.iter().map(|b| b.layout.size()).sum::<usize>() > MAX_BYTES
        {
            dealloc(cache.remove(0));
        }
    }

    /// Frees every cached block.
    pub(super) fn clear() {
        if let Ok(mut cache) = CACHE.lock() {
            for block in cache.drain(..) {
                dealloc(block);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allocations_are_64_byte_aligned() {
        for n in [0usize, 1, 3, 1000] {
            let s = Storage::zeroed::<f32>(n).unwrap();
            assert_eq!(s.as_ptr() as usize % ALIGNMENT, 0);
            assert_eq!(s.len_bytes(), 4 * n);
        }
    }

    #[test]
    fn freed_large_blocks_are_reused_and_released() {
        let n = block_cache::MIN_BYTES / 8;
        let first = Storage::filled_with::<f64>(n, |s| {
            for x in s {
                x.write(1.0);
            }
        })
        .unwrap();
        let addr = first.as_ptr();
        drop(first);
        let second = Storage::filled_with::<f64>(n, |s| {
            for x in s {
                x.write(2.0);
            }
        })
        .unwrap();
        // Another test thread may have taken the block first; when it did not, ours is reused.
        let _maybe_reused = second.as_ptr() == addr;
        drop(second);
        release_cached_memory();
        // Zeroed requests never take a cached (dirty) block.
        let z = Storage::zeroed::<f64>(n).unwrap();
        // SAFETY: `z` holds `n` zero-initialised f64.
        let zs = unsafe { std::slice::from_raw_parts(z.as_ptr().cast::<f64>(), n) };
        assert!(zs.iter().all(|&x| x == 0.0));
    }

    #[test]
    fn oversized_allocation_is_an_error_not_an_abort() {
        assert!(Storage::zeroed::<f64>(usize::MAX / 4).is_err());
    }
}
