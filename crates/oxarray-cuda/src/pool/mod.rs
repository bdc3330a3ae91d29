//! A caching device-memory pool, after CuPy's `MemoryPool` (`cupy/cuda/memory.pyx`).
//!
//! * **Size classes.** A request is rounded up to its size class: a multiple of 512 bytes
//!   below 1 MiB (CuPy's allocation unit), and above that one of eight steps per power of
//!   two (at most 12.5 % slack). Freed blocks are kept in one free list per (stream, class).
//! * **Stream-ordered reuse.** A block freed on a stream is handed out again only to work on
//!   the same stream: the stream's order guarantees the earlier kernels that used it have
//!   finished before the new ones start, with no synchronisation.
//! * **Out of memory.** When the device allocator fails for lack of memory, the pool frees
//!   every cached block (of every stream) and retries once; if that fails too it returns
//!   [`CudaError::OutOfMemory`] and stays usable: later allocations that fit succeed.
//! * **Statistics.** [`PoolStats`]: bytes in use, bytes cached, peak bytes in use, device
//!   allocations, requests, cache hits, OOM retries.
//!
//! The pool is written against the [`DeviceAllocator`] trait: the real one calls the CUDA
//! driver ([`DriverAllocator`]); the unit tests drive the pool with a fake one.
//!
//! ```
//! use oxarray_cuda::pool::{DeviceAllocator, MemoryPool};
//! use oxarray_cuda::CudaError;
//!
//! /// Pretends to be a device with 4 KiB of memory.
//! #[derive(Debug, Default)]
//! struct Tiny { used: usize, next: u64 }
//! impl DeviceAllocator for Tiny {
//!     fn allocate(&mut self, bytes: usize) -> Result<u64, CudaError> {
//!         if self.used + bytes > 4096 {
//!             return Err(CudaError::OutOfMemory { requested: bytes, free: 4096 - self.used });
//!         }
//!         self.used += bytes;
//!         self.next += 1 << 20;
//!         Ok(self.next)
//!     }
//!     fn deallocate(&mut self, _ptr: u64, bytes: usize) { self.used -= bytes; }
//!     fn free_bytes(&self) -> usize { 4096 - self.used }
//! }
//!
//! let mut pool = MemoryPool::new(Box::new(Tiny::default()));
//! let a = pool.allocate(1000, 0)?;          // rounded up to 1024 bytes
//! pool.release(a);                           // cached, not returned to the device
//! let b = pool.allocate(900, 0)?;           // same class: the cached block again
//! assert_eq!(b.ptr, a.ptr);
//! assert_eq!(pool.stats().cache_hits, 1);
//! assert!(matches!(pool.allocate(1 << 20, 0), Err(CudaError::OutOfMemory { .. })));
//! # Ok::<(), CudaError>(())
//! ```

mod driver;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::fmt;

use crate::error::{CudaError, Result};

pub use driver::DriverAllocator;

/// An identifier of the stream a block is ordered on (the raw `CUstream` as an integer; 0 is
/// the default stream).
pub type StreamId = u64;

/// CuPy's allocation unit: every block is a multiple of it.
pub const ALLOCATION_UNIT: usize = 512;

/// Above this size, classes are eight steps per power of two instead of multiples of 512.
pub const FINE_CLASS_LIMIT: usize = 1 << 20;

/// The source of device memory behind a [`MemoryPool`].
///
/// Implementations report a lack of memory as [`CudaError::OutOfMemory`] (which makes the
/// pool free its cache and retry once) and any other failure as another error (returned as
/// it is).
pub trait DeviceAllocator: Send + fmt::Debug {
    /// Allocates `bytes` (> 0) of device memory and returns its address.
    fn allocate(&mut self, bytes: usize) -> Result<u64>;

    /// Returns a block obtained from [`allocate`](DeviceAllocator::allocate) with the same
    /// size. Called only for blocks no pending work uses.
    fn deallocate(&mut self, ptr: u64, bytes: usize);

    /// The bytes the device reports free (for the error message of an allocation that fails).
    fn free_bytes(&self) -> usize;
}

/// A block of device memory handed out by the pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Block {
    /// Device address (0 for an empty block).
    pub ptr: u64,
    /// Size of the block: the request rounded up to its size class.
    pub bytes: usize,
    /// The stream the block is ordered on.
    pub stream: StreamId,
}

/// The pool's bookkeeping, as CuPy's `used_bytes` / `free_bytes` / `total_bytes` plus counts.
///
/// ```
/// let s = oxarray_cuda::pool::PoolStats::default();
/// assert_eq!(s.used_bytes + s.cached_bytes, 0);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PoolStats {
    /// Bytes of the blocks handed out and not yet released (rounded sizes).
    pub used_bytes: usize,
    /// Bytes of released blocks kept for reuse.
    pub cached_bytes: usize,
    /// The largest `used_bytes` so far.
    pub peak_used_bytes: usize,
    /// Calls to the device allocator that succeeded.
    pub device_allocations: u64,
    /// Blocks returned to the device (cache frees).
    pub device_frees: u64,
    /// Allocation requests served (from the cache or the device).
    pub requests: u64,
    /// Requests served from the cache.
    pub cache_hits: u64,
    /// Times the pool freed its cache and retried after running out of memory.
    pub oom_retries: u64,
}

/// The size class of a request: what a block for `bytes` really occupies.
///
/// ```
/// use oxarray_cuda::pool::size_class;
/// assert_eq!(size_class(1), Some(512));
/// assert_eq!(size_class(513), Some(1024));
/// assert_eq!(size_class((1 << 20) + 1), Some((1 << 20) + (1 << 17)));
/// assert_eq!(size_class(usize::MAX), None);
/// ```
pub fn size_class(bytes: usize) -> Option<usize> {
    if bytes == 0 {
        return Some(0);
    }
    let step = if bytes < FINE_CLASS_LIMIT {
        ALLOCATION_UNIT
    } else {
        // Eight classes per power of two: step = 2^(floor(log2 bytes) - 3).
        1usize << (usize::BITS - 1 - bytes.leading_zeros() - 3)
    };
    let class = bytes.checked_next_multiple_of(step)?;
    (class <= isize::MAX as usize).then_some(class)
}

/// A caching allocator of device memory (see the [module docs](self)).
#[derive(Debug)]
pub struct MemoryPool {
    allocator: Box<dyn DeviceAllocator>,
    free_lists: HashMap<(StreamId, usize), Vec<u64>>,
    stats: PoolStats,
}

impl MemoryPool {
    /// A pool drawing on `allocator`.
    pub fn new(allocator: Box<dyn DeviceAllocator>) -> MemoryPool {
        MemoryPool {
            allocator,
            free_lists: HashMap::new(),
            stats: PoolStats::default(),
        }
    }

    /// A block of at least `bytes` for work on `stream`: a cached block of the same class
    /// released on the same stream when there is one, else a new device allocation (after
    /// freeing the cache and retrying once when the device is out of memory).
    ///
    /// # Errors
    /// [`CudaError::OutOfMemory`] when the retry fails too (the pool stays usable); any other
    /// error of the allocator as it is.
    pub fn allocate(&mut self, bytes: usize, stream: StreamId) -> Result<Block> {
        let oom = |free| CudaError::OutOfMemory {
            requested: bytes,
            free,
        };
        let class = size_class(bytes).ok_or_else(|| oom(self.allocator.free_bytes()))?;
        self.stats.requests += 1;
        if class == 0 {
            return Ok(Block {
                ptr: 0,
                bytes: 0,
                stream,
            });
        }
        let cached = self.free_lists.get_mut(&(stream, class)).and_then(Vec::pop);
        let ptr = match cached {
            Some(ptr) => {
                self.stats.cache_hits += 1;
                self.stats.cached_bytes -= class;
                ptr
            }
            None => match self.allocator.allocate(class) {
                Ok(ptr) => self.count_device_allocation(ptr),
                Err(CudaError::OutOfMemory { .. }) => {
                    self.stats.oom_retries += 1;
                    self.free_all_blocks();
                    match self.allocator.allocate(class) {
                        Ok(ptr) => self.count_device_allocation(ptr),
                        Err(CudaError::OutOfMemory { .. }) => {
                            return Err(oom(self.allocator.free_bytes()));
                        }
                        Err(e) => return Err(e),
                    }
                }
                Err(e) => return Err(e),
            },
        };
        self.stats.used_bytes += class;
        self.stats.peak_used_bytes = self.stats.peak_used_bytes.max(self.stats.used_bytes);
        Ok(Block {
            ptr,
            bytes: class,
            stream,
        })
    }

    fn count_device_allocation(&mut self, ptr: u64) -> u64 {
        self.stats.device_allocations += 1;
        ptr
    }

    /// Takes a block back into the cache of its stream and class. The block must come from
    /// this pool's [`allocate`](MemoryPool::allocate) and be released once.
    pub fn release(&mut self, block: Block) {
        if block.bytes == 0 {
            return;
        }
        debug_assert!(self.stats.used_bytes >= block.bytes, "block released twice");
        self.stats.used_bytes -= block.bytes;
        self.stats.cached_bytes += block.bytes;
        self.free_lists
            .entry((block.stream, block.bytes))
            .or_default()
            .push(block.ptr);
    }

    /// Returns every cached block to the device (CuPy's `free_all_blocks`).
    pub fn free_all_blocks(&mut self) {
        for ((_, class), ptrs) in self.free_lists.drain() {
            for ptr in ptrs {
                self.allocator.deallocate(ptr, class);
                self.stats.device_frees += 1;
            }
        }
        self.stats.cached_bytes = 0;
    }

    /// Returns the cached blocks of one stream to the device (before the stream is
    /// destroyed: its blocks could not be reused by any other stream).
    pub fn free_stream_blocks(&mut self, stream: StreamId) {
        let keys: Vec<_> = self
            .free_lists
            .keys()
            .filter(|(s, _)| *s == stream)
            .copied()
            .collect();
        for key in keys {
            for ptr in self.free_lists.remove(&key).unwrap_or_default() {
                self.allocator.deallocate(ptr, key.1);
                self.stats.device_frees += 1;
                self.stats.cached_bytes -= key.1;
            }
        }
    }

    /// The pool's statistics.
    pub fn stats(&self) -> PoolStats {
        self.stats
    }

    /// The number of cached blocks of `class` bytes on `stream`.
    pub fn cached_blocks(&self, stream: StreamId, class: usize) -> usize {
        self.free_lists.get(&(stream, class)).map_or(0, Vec::len)
    }
}

impl Drop for MemoryPool {
    fn drop(&mut self) {
        self.free_all_blocks();
    }
}
