//! The pool's bookkeeping against a fake device.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::*;

/// What the fake device saw, shared with the test after the pool took the allocator.
#[derive(Debug, Default)]
struct Ledger {
    live: HashMap<u64, usize>,
    allocs: u64,
    frees: u64,
    /// Fail this many upcoming calls with a non-OOM error.
    broken: u32,
}

/// A device with `capacity` bytes and distinct addresses.
#[derive(Debug)]
struct FakeDevice {
    capacity: usize,
    next: u64,
    ledger: Arc<Mutex<Ledger>>,
}

impl FakeDevice {
    fn new(capacity: usize) -> (FakeDevice, Arc<Mutex<Ledger>>) {
        let ledger = Arc::new(Mutex::new(Ledger::default()));
        let dev = FakeDevice {
            capacity,
            next: 0x1000_0000,
            ledger: ledger.clone(),
        };
        (dev, ledger)
    }

    fn used(&self) -> usize {
        self.ledger.lock().unwrap().live.values().sum()
    }
}

impl DeviceAllocator for FakeDevice {
    fn allocate(&mut self, bytes: usize) -> Result<u64> {
        assert!(
            bytes > 0 && bytes.is_multiple_of(ALLOCATION_UNIT),
            "unrounded request {bytes}"
        );
        let used = self.used();
        let mut ledger = self.ledger.lock().unwrap();
        if ledger.broken > 0 {
            ledger.broken -= 1;
            return Err(CudaError::Driver {
                call: "cuMemAlloc",
                message: "CUDA_ERROR_ILLEGAL_ADDRESS".into(),
            });
        }
        if used + bytes > self.capacity {
            return Err(CudaError::OutOfMemory {
                requested: bytes,
                free: self.capacity - used,
            });
        }
        let ptr = self.next;
        self.next += bytes as u64;
        ledger.live.insert(ptr, bytes);
        ledger.allocs += 1;
        Ok(ptr)
    }

    fn deallocate(&mut self, ptr: u64, bytes: usize) {
        let mut ledger = self.ledger.lock().unwrap();
        assert_eq!(
            ledger.live.remove(&ptr),
            Some(bytes),
            "bad free of {ptr:#x}"
        );
        ledger.frees += 1;
    }

    fn free_bytes(&self) -> usize {
        self.capacity - self.used()
    }
}

fn pool(capacity: usize) -> (MemoryPool, Arc<Mutex<Ledger>>) {
    let (dev, ledger) = FakeDevice::new(capacity);
    (MemoryPool::new(Box::new(dev)), ledger)
}

#[test]
fn size_classes_round_up_within_bounds() {
    assert_eq!(size_class(0), Some(0));
    for bytes in [1, 511, 512, 513, 4095, 100_000, FINE_CLASS_LIMIT - 1] {
        let c = size_class(bytes).unwrap();
        assert!(c >= bytes && c.is_multiple_of(ALLOCATION_UNIT) && c - bytes < ALLOCATION_UNIT);
    }
    // Above 1 MiB: eight classes per power of two, at most 12.5 % slack, classes monotone.
    let mut last = 0;
    for bytes in (FINE_CLASS_LIMIT..FINE_CLASS_LIMIT * 64).step_by(99_991) {
        let c = size_class(bytes).unwrap();
        assert!(c >= bytes && (c - bytes) * 8 <= bytes, "{bytes} -> {c}");
        assert!(c >= last);
        last = c;
    }
    assert_eq!(size_class(3 << 20), Some(3 << 20));
    assert_eq!(size_class((2 << 20) + 1), Some((2 << 20) + (1 << 18)));
    assert_eq!(size_class(usize::MAX - 10), None);
}

#[test]
fn released_blocks_are_reused_by_class_and_stream() {
    let (mut p, ledger) = pool(1 << 30);
    let a = p.allocate(1000, 7).unwrap();
    assert_eq!(a.bytes, 1024);
    p.release(a);
    // Same class, same stream: the cached block, no device call.
    let b = p.allocate(600, 7).unwrap();
    assert_eq!(b.ptr, a.ptr);
    assert_eq!(ledger.lock().unwrap().allocs, 1);
    // Another class: a new block.
    let c = p.allocate(2000, 7).unwrap();
    assert_ne!(c.ptr, a.ptr);
    p.release(b);
    // Same class, another stream: not reused (stream order would not protect it).
    let d = p.allocate(1000, 8).unwrap();
    assert_ne!(d.ptr, a.ptr);
    assert_eq!(p.cached_blocks(7, 1024), 1);
    assert_eq!(ledger.lock().unwrap().allocs, 3);
    let s = p.stats();
    assert_eq!(s.requests, 4);
    assert_eq!(s.cache_hits, 1);
    assert_eq!(s.device_allocations, 3);
}

#[test]
fn statistics_track_use_cache_and_peak() {
    let (mut p, _ledger) = pool(1 << 30);
    let blocks: Vec<_> = (1..=4).map(|k| p.allocate(k * 512, 0).unwrap()).collect();
    let total: usize = (1..=4).map(|k| k * 512).sum();
    assert_eq!(p.stats().used_bytes, total);
    assert_eq!(p.stats().peak_used_bytes, total);
    for b in &blocks[..2] {
        p.release(*b);
    }
    let s = p.stats();
    assert_eq!(s.used_bytes, 3 * 512 + 4 * 512);
    assert_eq!(s.cached_bytes, 512 + 1024);
    assert_eq!(s.peak_used_bytes, total);
    p.free_all_blocks();
    let s = p.stats();
    assert_eq!((s.cached_bytes, s.device_frees), (0, 2));
    assert_eq!(s.used_bytes, 7 * 512);
}

#[test]
fn empty_requests_touch_nothing() {
    let (mut p, ledger) = pool(0);
    let b = p.allocate(0, 0).unwrap();
    assert_eq!((b.ptr, b.bytes), (0, 0));
    p.release(b);
    assert_eq!(p.stats().cached_bytes, 0);
    assert_eq!(ledger.lock().unwrap().allocs, 0);
}

#[test]
fn out_of_memory_frees_the_cache_and_retries_once() {
    let (mut p, ledger) = pool(8192);
    // Fill the device with cached blocks of another stream.
    let cached: Vec<_> = (0..4).map(|_| p.allocate(2048, 1).unwrap()).collect();
    for b in cached {
        p.release(b);
    }
    assert_eq!(p.stats().cached_bytes, 8192);
    // A request of another class only fits once the cache is gone.
    let big = p.allocate(4096, 2).unwrap();
    let s = p.stats();
    assert_eq!(s.oom_retries, 1);
    assert_eq!(s.cached_bytes, 0);
    assert_eq!(s.device_frees, 4);
    assert_eq!(ledger.lock().unwrap().live.len(), 1);
    p.release(big);
}

#[test]
fn out_of_memory_after_the_retry_is_an_error_and_the_pool_goes_on() {
    let (mut p, ledger) = pool(8192);
    let held = p.allocate(6000, 0).unwrap(); // 6144 in use
    let spare = p.allocate(512, 0).unwrap();
    p.release(spare); // 512 cached
    let err = p.allocate(4096, 0).unwrap_err();
    assert_eq!(
        err,
        CudaError::OutOfMemory {
            requested: 4096,
            free: 8192 - 6144
        }
    );
    let s = p.stats();
    assert_eq!(s.oom_retries, 1);
    assert_eq!(s.cached_bytes, 0, "the cache was freed before the retry");
    assert_eq!(s.used_bytes, 6144);
    // The process goes on: what fits is still served, and freeing makes room again.
    let small = p.allocate(1024, 0).unwrap();
    p.release(small);
    p.release(held);
    let again = p.allocate(4096, 0).unwrap();
    assert_eq!(again.bytes, 4096);
    assert!(ledger.lock().unwrap().live.values().sum::<usize>() <= 8192);
}

#[test]
fn requests_too_large_for_any_class_are_out_of_memory() {
    let (mut p, _ledger) = pool(4096);
    let err = p.allocate(usize::MAX, 0).unwrap_err();
    assert!(matches!(
        err,
        CudaError::OutOfMemory {
            requested: usize::MAX,
            free: 4096
        }
    ));
}

#[test]
fn other_allocator_errors_pass_through_without_retry() {
    let (mut p, ledger) = pool(1 << 20);
    ledger.lock().unwrap().broken = 1;
    let err = p.allocate(512, 0).unwrap_err();
    assert!(
        matches!(
            err,
            CudaError::Driver {
                call: "cuMemAlloc",
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(p.stats().oom_retries, 0);
    assert!(p.allocate(512, 0).is_ok());
}

#[test]
fn stream_blocks_are_freed_alone() {
    let (mut p, ledger) = pool(1 << 20);
    let a = p.allocate(512, 1).unwrap();
    let b = p.allocate(512, 2).unwrap();
    p.release(a);
    p.release(b);
    p.free_stream_blocks(1);
    assert_eq!(p.cached_blocks(1, 512), 0);
    assert_eq!(p.cached_blocks(2, 512), 1);
    assert_eq!(p.stats().cached_bytes, 512);
    assert_eq!(ledger.lock().unwrap().frees, 1);
}

#[test]
fn dropping_the_pool_returns_its_cache() {
    let (mut p, ledger) = pool(1 << 20);
    for _ in 0..3 {
        let b = p.allocate(700, 0).unwrap();
        let c = p.allocate(700, 0).unwrap();
        p.release(b);
        p.release(c);
    }
    assert_eq!(
        ledger.lock().unwrap().allocs,
        2,
        "later rounds reuse the cache"
    );
    drop(p);
    assert!(ledger.lock().unwrap().live.is_empty());
}

/// A random sequence of allocations and releases keeps the statistics equal to a naive
/// recount of the blocks held, cached and live on the device.
#[test]
fn bookkeeping_matches_a_recount_over_random_traffic() {
    let (mut p, ledger) = pool(1 << 22);
    let mut held: Vec<Block> = Vec::new();
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut peak = 0;
    for _ in 0..2000 {
        let r = next();
        if r % 3 != 0 || held.is_empty() {
            let bytes = (next() % 300_000) as usize;
            match p.allocate(bytes, next() % 3) {
                Ok(b) => held.push(b),
                Err(CudaError::OutOfMemory { .. }) => {}
                Err(e) => panic!("{e}"),
            }
        } else {
            let i = (next() as usize) % held.len();
            p.release(held.swap_remove(i));
        }
        let used: usize = held.iter().map(|b| b.bytes).sum();
        peak = peak.max(used);
        let s = p.stats();
        assert_eq!(s.used_bytes, used);
        assert_eq!(s.peak_used_bytes, peak);
        let live: usize = ledger.lock().unwrap().live.values().sum();
        assert_eq!(live, s.used_bytes + s.cached_bytes);
        let mut ptrs: Vec<u64> = held.iter().filter(|b| b.bytes > 0).map(|b| b.ptr).collect();
        ptrs.sort_unstable();
        ptrs.dedup();
        assert_eq!(
            ptrs.len(),
            held.iter().filter(|b| b.bytes > 0).count(),
            "a block was handed out twice"
        );
    }
}
