//! A batch loader over a (memory-mapped) array: the article's `NumpyDataLoader`, done right.
//!
//! * Batches of `batch_size` rows along axis 0, the last one shorter unless `drop_last`.
//! * Shuffling by a seeded permutation of the row indices ([`permutation`]), never by
//!   copying the file; the same seed gives the same order on every run and machine.
//! * A batch of consecutive rows is a **view** of the source (it shares the map; nothing is
//!   copied). A shuffled batch is **gathered** (rows in increasing index order, which reads
//!   the map front to back) into a buffer from a fixed pool: the article's memory pool with
//!   `copyto`. Dropping a batch returns its buffer to the pool.
//! * With `prefetch > 0`, a background thread gathers the next batches while the caller
//!   works on the current one, through a bounded channel of `prefetch` batches (the
//!   article's ring buffer).
//! * The loader is an iterator ([`BatchLoader::iter`], `for batch in &loader`), and calls an
//!   optional progress hook after every batch.
//!
//! ```
//! use oxarray_core::Array;
//! use oxarray_io::loader::{BatchLoader, LoaderOptions};
//!
//! let data = Array::<f32>::from_shape_fn([10, 4], |i| i[0] as f32)?;
//! let seq = BatchLoader::new(data.clone(), LoaderOptions { batch_size: 4, ..Default::default() })?;
//! let sizes: Vec<usize> = seq.iter().map(|b| b.rows()).collect();
//! assert_eq!(sizes, [4, 4, 2]);
//! assert!(seq.iter().all(|b| b.is_view()));            // consecutive rows: no copy
//!
//! let opts = LoaderOptions { batch_size: 4, shuffle: true, seed: 7, drop_last: true, prefetch: 2 };
//! let shuffled = BatchLoader::new(data, opts)?;
//! let mut seen = Vec::new();
//! for batch in &shuffled {
//!     seen.extend(batch.view().slice(oxarray_core::s![.., 0])?.iter().map(|&x| x as usize));
//! }
//! assert_eq!(seen.len(), 8);                           // drop_last: 2 full batches
//! # Ok::<(), oxarray_core::Error>(())
//! ```

mod shuffle;

use std::ops::Range;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use oxarray_core::{Array, ArrayView, AsArrayView, Element, Error, Order, Result, s};

pub use shuffle::{SplitMix64, permutation};

/// Options of a [`BatchLoader`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoaderOptions {
    /// Rows per batch (at least 1).
    pub batch_size: usize,
    /// Visit the rows in a seeded random order.
    pub shuffle: bool,
    /// The seed of the order (with the epoch number, see [`BatchLoader::epoch`]).
    pub seed: u64,
    /// Drop the last batch when it is shorter than `batch_size`.
    pub drop_last: bool,
    /// Batches gathered ahead by a background thread (0: gather on the caller's thread).
    pub prefetch: usize,
}

impl Default for LoaderOptions {
    fn default() -> Self {
        LoaderOptions {
            batch_size: 32,
            shuffle: false,
            seed: 0,
            drop_last: false,
            prefetch: 2,
        }
    }
}

/// What the progress hook is told after each batch.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    /// The epoch number.
    pub epoch: u64,
    /// Batches delivered so far in this epoch (1 after the first).
    pub batch: usize,
    /// Batches in the epoch.
    pub batches: usize,
    /// Rows delivered so far.
    pub rows: usize,
    /// Bytes delivered so far.
    pub bytes: u64,
    /// Time since the epoch started.
    pub elapsed: Duration,
}

type Hook = Arc<dyn Fn(&Progress) + Send + Sync>;

/// Batches over the rows (axis 0) of an array; see the [module docs](self).
pub struct BatchLoader<T: Element> {
    data: Array<T>,
    options: LoaderOptions,
    progress: Option<Hook>,
    pool: Arc<Pool<T>>,
}

impl<T: Element> std::fmt::Debug for BatchLoader<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BatchLoader")
            .field("shape", &self.data.shape())
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

/// Reusable batch buffers. Buffers come back when batches drop; when every buffer is out
/// (the caller keeps batches alive), a new one is made rather than blocking, so a caller can
/// never deadlock the loader; a loop that drops each batch before the next uses at most
/// `prefetch + 2` buffers.
struct Pool<T: Element> {
    free: Mutex<Vec<Array<T>>>,
    shape: Vec<usize>,
}

impl<T: Element> Pool<T> {
    fn take(&self) -> Result<Array<T>> {
        if let Some(buf) = self.free.lock().ok().and_then(|mut f| f.pop()) {
            return Ok(buf);
        }
        Array::zeros_order(&self.shape[..], Order::C)
    }

    fn give_back(&self, buf: Array<T>) {
        if let Ok(mut free) = self.free.lock() {
            free.push(buf);
        }
    }
}

impl<T: Element> BatchLoader<T> {
    /// A loader over the rows of `data` (at least 1-D; any layout, C-contiguous rows give
    /// views and the fastest gathers). Clone a memory-mapped array into it to load from a
    /// map: the clone shares the map.
    pub fn new(data: Array<T>, options: LoaderOptions) -> Result<Self> {
        if data.ndim() == 0 {
            return Err(Error::invalid_argument(
                "data",
                "a 0-d array",
                "the loader needs rows (axis 0)",
            ));
        }
        if options.batch_size == 0 {
            return Err(Error::invalid_argument(
                "batch_size",
                0,
                "must be at least 1",
            ));
        }
        let mut shape = data.shape().to_vec();
        shape[0] = options.batch_size;
        oxarray_core::layout::checked_size(&shape, std::mem::size_of::<T>())?;
        Ok(BatchLoader {
            data,
            options,
            progress: None,
            pool: Arc::new(Pool {
                free: Mutex::new(Vec::new()),
                shape,
            }),
        })
    }

    /// Calls `hook` on the caller's thread after each batch is handed out.
    #[must_use]
    pub fn on_progress(mut self, hook: impl Fn(&Progress) + Send + Sync + 'static) -> Self {
        self.progress = Some(Arc::new(hook));
        self
    }

    /// The options.
    pub fn options(&self) -> &LoaderOptions {
        &self.options
    }

    /// Number of rows in the source.
    pub fn rows(&self) -> usize {
        self.data.shape()[0]
    }

    /// Batches per epoch.
    pub fn len(&self) -> usize {
        let (n, b) = (self.rows(), self.options.batch_size);
        if self.options.drop_last {
            n / b
        } else {
            n.div_ceil(b)
        }
    }

    /// Whether an epoch has no batches.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The batches of epoch 0.
    pub fn iter(&self) -> Batches<T> {
        self.epoch(0)
    }

    /// The batches of epoch `epoch`: with `shuffle`, each epoch has its own order
    /// (`permutation(rows, seed, epoch)`), the same on every run.
    pub fn epoch(&self, epoch: u64) -> Batches<T> {
        let order = if self.options.shuffle {
            Some(Arc::new(permutation(self.rows(), self.options.seed, epoch)))
        } else {
            None
        };
        let plan = Plan {
            data: self.data.clone(),
            order,
            batch_size: self.options.batch_size,
            batches: self.len(),
            pool: Arc::clone(&self.pool),
        };
        let source = if plan.order.is_some() && self.options.prefetch > 0 {
            let (tx, rx) = sync_channel(self.options.prefetch);
            let producer = plan.clone();
            let handle = std::thread::Builder::new()
                .name("oxarray-loader".into())
                .spawn(move || producer.produce(tx))
                .ok();
            match handle {
                Some(h) => Source::Prefetch {
                    rx,
                    handle: Some(h),
                },
                None => Source::Inline,
            }
        } else {
            Source::Inline
        };
        Batches {
            plan,
            source,
            next: 0,
            epoch,
            rows: 0,
            bytes: 0,
            started: Instant::now(),
            progress: self.progress.clone(),
        }
    }
}

impl<T: Element> IntoIterator for &BatchLoader<T> {
    type Item = Batch<T>;
    type IntoIter = Batches<T>;
    fn into_iter(self) -> Batches<T> {
        self.iter()
    }
}

/// What an epoch needs to make its batches, shared with the prefetch thread.
#[derive(Clone)]
struct Plan<T: Element> {
    data: Array<T>,
    order: Option<Arc<Vec<usize>>>,
    batch_size: usize,
    batches: usize,
    pool: Arc<Pool<T>>,
}

impl<T: Element> Plan<T> {
    fn positions(&self, index: usize) -> Range<usize> {
        let start = index * self.batch_size;
        start..(start + self.batch_size).min(self.data.shape()[0])
    }

    fn make(&self, index: usize) -> Result<Batch<T>> {
        let range = self.positions(index);
        match &self.order {
            None => {
                let view = self
                    .data
                    .slice_shared(s![range.start as isize..range.end as isize])?;
                Ok(Batch {
                    index,
                    rows: BatchRows::Range(range.clone()),
                    data: BatchData::View(view),
                })
            }
            Some(order) => {
                let mut rows: Vec<usize> = order[range].to_vec();
                rows.sort_unstable();
                let mut buf = self.pool.take()?;
                gather_rows(&self.data, &rows, &mut buf)?;
                Ok(Batch {
                    index,
                    rows: BatchRows::Indices(rows),
                    data: BatchData::Pooled {
                        buf: Some(buf),
                        pool: Arc::clone(&self.pool),
                    },
                })
            }
        }
    }

    fn produce(self, tx: SyncSender<Result<Batch<T>>>) {
        for index in 0..self.batches {
            let batch = self.make(index);
            let failed = batch.is_err();
            if tx.send(batch).is_err() || failed {
                return; // the epoch was dropped, or the error is delivered
            }
        }
    }
}

/// Batches from this size on are gathered by all cores.
const PARALLEL_GATHER_MIN: usize = 256 << 10;

/// Copies rows `rows` of `data` into the first rows of `buf`.
fn gather_rows<T: Element>(data: &Array<T>, rows: &[usize], buf: &mut Array<T>) -> Result<()> {
    let row_len: usize = data.shape()[1..].iter().product();
    if let (Some(src), Some(dst)) = (data.as_slice(), buf.as_slice_mut()) {
        if row_len == 0 {
            return Ok(());
        }
        let dst = &mut dst[..rows.len() * row_len];
        let copy = |(d, &r): (&mut [T], &usize)| {
            d.copy_from_slice(&src[r * row_len..(r + 1) * row_len]);
        };
        // Large batches are copied by every core: a gather from a map is bound by page
        // walks and cache misses, which parallelise.
        if std::mem::size_of_val(dst) >= PARALLEL_GATHER_MIN {
            use rayon::prelude::*;
            dst.par_chunks_mut(row_len)
                .zip(rows.par_iter())
                .for_each(copy);
        } else {
            dst.chunks_mut(row_len).zip(rows.iter()).for_each(copy);
        }
        return Ok(());
    }
    for (j, &r) in rows.iter().enumerate() {
        let (r, j) = (r as isize, j as isize);
        buf.slice_mut(s![j])?.assign(&data.slice(s![r])?)?;
    }
    Ok(())
}

enum Source<T: Element> {
    Inline,
    Prefetch {
        rx: Receiver<Result<Batch<T>>>,
        handle: Option<JoinHandle<()>>,
    },
}

/// The batches of one epoch, an iterator of [`Batch`]es.
///
/// The iterator yields `Batch<T>`; a failure to allocate a buffer (the only error possible
/// once the loader is built) ends the epoch early with a message on standard error: use
/// [`Batches::try_next`] to get it as an error instead.
pub struct Batches<T: Element> {
    plan: Plan<T>,
    source: Source<T>,
    next: usize,
    epoch: u64,
    rows: usize,
    bytes: u64,
    started: Instant,
    progress: Option<Hook>,
}

impl<T: Element> std::fmt::Debug for Batches<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Batches")
            .field("epoch", &self.epoch)
            .field("next", &self.next)
            .field("batches", &self.plan.batches)
            .finish_non_exhaustive()
    }
}

impl<T: Element> Batches<T> {
    /// The next batch, `Ok(None)` at the end of the epoch, or the error that stopped it.
    pub fn try_next(&mut self) -> Result<Option<Batch<T>>> {
        if self.next >= self.plan.batches {
            return Ok(None);
        }
        let batch = match &mut self.source {
            Source::Inline => self.plan.make(self.next)?,
            Source::Prefetch { rx, .. } => match rx.recv() {
                Ok(b) => b?,
                Err(_) => return Err(Error::Other("the loader's prefetch thread stopped".into())),
            },
        };
        self.next += 1;
        self.rows += batch.rows();
        self.bytes += (batch.view().len() * std::mem::size_of::<T>()) as u64;
        if let Some(hook) = &self.progress {
            hook(&Progress {
                epoch: self.epoch,
                batch: self.next,
                batches: self.plan.batches,
                rows: self.rows,
                bytes: self.bytes,
                elapsed: self.started.elapsed(),
            });
        }
        Ok(Some(batch))
    }
}

impl<T: Element> Iterator for Batches<T> {
    type Item = Batch<T>;

    fn next(&mut self) -> Option<Batch<T>> {
        match self.try_next() {
            Ok(b) => b,
            Err(e) => {
                eprintln!("oxarray loader: epoch {} stopped: {e}", self.epoch);
                self.next = self.plan.batches;
                None
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.plan.batches - self.next.min(self.plan.batches);
        (left, Some(left))
    }
}

impl<T: Element> Drop for Batches<T> {
    fn drop(&mut self) {
        if let Source::Prefetch { rx, handle } = &mut self.source {
            // Drain what is queued so the producer's next `send` fails and it exits.
            while rx.try_recv().is_ok() {}
            let (_, dead_rx) = sync_channel(0);
            drop(std::mem::replace(rx, dead_rx));
            if let Some(h) = handle.take() {
                let _ = h.join();
            }
        }
    }
}

enum BatchRows {
    Range(Range<usize>),
    Indices(Vec<usize>),
}

enum BatchData<T: Element> {
    View(Array<T>),
    Pooled {
        buf: Option<Array<T>>,
        pool: Arc<Pool<T>>,
    },
}

/// One batch: a view of the source (consecutive rows) or a gathered buffer from the pool
/// (shuffled rows), which goes back to the pool when the batch is dropped.
pub struct Batch<T: Element> {
    index: usize,
    rows: BatchRows,
    data: BatchData<T>,
}

impl<T: Element> std::fmt::Debug for Batch<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Batch")
            .field("index", &self.index)
            .field("rows", &self.rows())
            .field("is_view", &self.is_view())
            .finish()
    }
}

impl<T: Element> Batch<T> {
    /// The batch's position in the epoch.
    pub fn index(&self) -> usize {
        self.index
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        match &self.rows {
            BatchRows::Range(r) => r.len(),
            BatchRows::Indices(v) => v.len(),
        }
    }

    /// The source row of each batch row.
    pub fn row_indices(&self) -> Vec<usize> {
        match &self.rows {
            BatchRows::Range(r) => r.clone().collect(),
            BatchRows::Indices(v) => v.clone(),
        }
    }

    /// Whether the batch is a view of the source (no copy was made).
    pub fn is_view(&self) -> bool {
        matches!(self.data, BatchData::View(_))
    }

    /// The batch's data: `rows()` rows of the source's row shape.
    pub fn view(&self) -> ArrayView<'_, T> {
        match &self.data {
            BatchData::View(a) => a.view(),
            BatchData::Pooled { buf, .. } => {
                let buf = buf.as_ref().expect("present until drop");
                let n = self.rows() as isize;
                buf.slice(s![..n]).expect("rows() <= batch_size")
            }
        }
    }
}

impl<T: Element> AsArrayView<T> for Batch<T> {
    fn as_view(&self) -> ArrayView<'_, T> {
        self.view()
    }
}

impl<T: Element> Drop for Batch<T> {
    fn drop(&mut self) {
        if let BatchData::Pooled { buf, pool } = &mut self.data
            && let Some(buf) = buf.take()
        {
            pool.give_back(buf);
        }
    }
}
