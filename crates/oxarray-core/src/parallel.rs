//! Splitting loops over rayon's threads, only when the work is large enough to pay for it.

use std::ops::Range;

/// Below this many elements of work, loops run on the calling thread: spawning costs more than
/// it saves (a rayon hand-off is a few microseconds; 64 Ki f64 copies take about as long).
pub const PARALLEL_MIN_ELEMENTS: usize = 1 << 16;

/// Runs `f` over `0..units`, split into contiguous ranges over the thread pool when
/// `units * elements_per_unit` reaches [`PARALLEL_MIN_ELEMENTS`], on this thread otherwise.
#[inline]
pub fn for_each_range(units: usize, elements_per_unit: usize, f: impl Fn(Range<usize>) + Sync) {
    for_each_range_erased(units, elements_per_unit, &f);
}

/// The body of [`for_each_range`], not generic: rayon's scope and job machinery is compiled
/// once here, not once per kernel (every op x dtype x loop shape would otherwise instantiate
/// its own copy, which made up half of the compiled code of the ufunc crate).
fn for_each_range_erased(
    units: usize,
    elements_per_unit: usize,
    f: &(dyn Fn(Range<usize>) + Sync),
) {
    let work = units.saturating_mul(elements_per_unit.max(1));
    let threads = rayon::current_num_threads();
    if units <= 1 || threads <= 1 || work < PARALLEL_MIN_ELEMENTS {
        f(0..units);
        return;
    }
    // A few chunks per thread balance uneven progress without much scheduling.
    let chunks = (threads * 4).min(units);
    let per_chunk = units.div_ceil(chunks);
    rayon::scope(|scope| {
        for start in (0..units).step_by(per_chunk) {
            let end = (start + per_chunk).min(units);
            scope.spawn(move |_| f(start..end));
        }
    });
}

/// `rayon::join` with the job machinery compiled once (see [`for_each_range`]): runs `a` and
/// `b`, potentially in parallel, and returns both results. Panics propagate as in rayon.
///
/// ```
/// let (x, y) = oxarray_core::parallel::join(|| 1 + 1, || "two");
/// assert_eq!((x, y), (2, "two"));
/// ```
#[inline]
pub fn join<RA: Send, RB: Send>(
    a: impl FnOnce() -> RA + Send,
    b: impl FnOnce() -> RB + Send,
) -> (RA, RB) {
    let (mut a, mut b) = (Some(a), Some(b));
    let (mut ra, mut rb) = (None, None);
    join_erased(&mut || ra = a.take().map(|f| f()), &mut || {
        rb = b.take().map(|f| f())
    });
    (
        ra.expect("join ran its first closure"),
        rb.expect("join ran its second closure"),
    )
}

fn join_erased(a: &mut (dyn FnMut() + Send), b: &mut (dyn FnMut() + Send)) {
    rayon::join(a, b);
}

/// A raw pointer that may cross threads. Loops that split a buffer into disjoint ranges use it
/// to hand each thread its part; the code that dereferences it must show disjointness.
#[derive(Debug)]
pub struct SendPtr<T>(*mut T);

impl<T> Clone for SendPtr<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for SendPtr<T> {}

// SAFETY: `SendPtr` is only an address; every dereference site documents why the accesses of
// different threads are disjoint.
unsafe impl<T> Send for SendPtr<T> {}
// SAFETY: as above.
unsafe impl<T> Sync for SendPtr<T> {}

impl<T> SendPtr<T> {
    /// Wraps a pointer.
    pub fn new(ptr: *mut T) -> Self {
        SendPtr(ptr)
    }

    /// Wraps a read-only pointer (it will only be read through).
    pub fn from_const(ptr: *const T) -> Self {
        SendPtr(ptr as *mut T)
    }

    /// The pointer. (A method, so that closures capture the `Send` wrapper, not the field.)
    #[inline]
    pub fn get(self) -> *mut T {
        self.0
    }
}
