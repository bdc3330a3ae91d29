//! NumPy's module-level legacy functions (`np.random.seed`, `np.random.rand`, ...): one
//! process-wide [`RandomState`] behind a mutex, seeded from the operating system on first use
//! as NumPy's is at import.
//!
//! ```standalone_crate
//! use oxarray_random::legacy::global;
//! global::seed(0u32)?;                       // np.random.seed(0)
//! let x = global::rand([3, 4])?;             // np.random.rand(3, 4)
//! assert_eq!(x[[0, 1]], 0.7151893663724195);
//! # Ok::<(), oxarray_core::Error>(())
//! ```
//!
//! The functions lock the one state for the duration of a call, so concurrent callers get
//! disjoint draws in some order; code that needs a reproducible stream across threads should
//! own a [`RandomState`] (or a [`Generator`](crate::Generator)) per thread instead. (The
//! examples below assert only shapes: the doctests share the one global state.)

use std::sync::{Mutex, MutexGuard};

use oxarray_core::{Array, AsArrayView, Element, Result};
use oxarray_ufunc::WriteArray;

use super::{LegacySeed, LegacyState, RandomState};
use crate::generator::{ChoiceOptions, RandomInteger};
use crate::params::Size;

static GLOBAL: Mutex<Option<RandomState>> = Mutex::new(None);

/// Runs `f` on the global state, seeding it from the operating system first if needed. A
/// panic in another thread while it held the lock leaves the state usable (every draw
/// leaves MT19937 in a valid state), so a poisoned lock is recovered.
fn with_global<R>(f: impl FnOnce(&mut RandomState) -> Result<R>) -> Result<R> {
    let mut guard: MutexGuard<'_, Option<RandomState>> = GLOBAL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if guard.is_none() {
        *guard = Some(RandomState::new(None)?);
    }
    f(guard.as_mut().expect("initialised above"))
}

/// `np.random.seed(seed)`.
///
/// ```
/// oxarray_random::legacy::global::seed([1u32, 2, 3])?;   // np.random.seed([1, 2, 3])
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn seed(seed: impl LegacySeed) -> Result<()> {
    let mut guard = GLOBAL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    match guard.as_mut() {
        Some(state) => state.seed(seed),
        None => {
            *guard = Some(RandomState::new(seed)?);
            Ok(())
        }
    }
}

/// `np.random.get_state()`.
///
/// ```
/// let st = oxarray_random::legacy::global::get_state()?;
/// assert!(st.mt.pos <= 624);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn get_state() -> Result<LegacyState> {
    with_global(|s| Ok(s.get_state()))
}

/// `np.random.set_state(state)`.
///
/// ```
/// use oxarray_random::{legacy::global, RandomState};
/// global::set_state(&RandomState::new(0u32)?.get_state())?;
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn set_state(state: &LegacyState) -> Result<()> {
    with_global(|s| s.set_state(state))
}

macro_rules! forward {
    ($(
        $(#[$doc:meta])*
        fn $name:ident$(<$g:ident: $bound:path>)?($($arg:ident: $ty:ty),*) -> $ret:ty;
    )*) => {$(
        $(#[$doc])*
        pub fn $name$(<$g: $bound>)?($($arg: $ty),*) -> Result<$ret> {
            with_global(|s| s.$name($($arg),*))
        }
    )*};
}

forward! {
    /// `np.random.rand(d0, d1, ...)`.
    ///
    /// ```
    /// let x = oxarray_random::legacy::global::rand([3, 4])?;
    /// assert_eq!(x.shape(), &[3, 4]);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    fn rand(shape: impl Size) -> Array<f64>;

    /// `np.random.randn(d0, d1, ...)`.
    ///
    /// ```
    /// assert_eq!(oxarray_random::legacy::global::randn([2, 5])?.len(), 10);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    fn randn(shape: impl Size) -> Array<f64>;

    /// `np.random.random_sample(size)` (also `np.random.random`).
    ///
    /// ```
    /// assert_eq!(oxarray_random::legacy::global::random_sample([2, 2])?.len(), 4);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    fn random_sample(size: impl Size) -> Array<f64>;

    /// `np.random.standard_normal(size)`.
    ///
    /// ```
    /// assert_eq!(oxarray_random::legacy::global::standard_normal(3)?.len(), 3);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    fn standard_normal(size: impl Size) -> Array<f64>;

    /// `np.random.normal(loc, scale, size)`.
    ///
    /// ```
    /// assert_eq!(oxarray_random::legacy::global::normal(0.0, 1.0, 3)?.len(), 3);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    fn normal(loc: impl AsArrayView<f64>, scale: impl AsArrayView<f64>, size: impl Size) -> Array<f64>;

    /// `np.random.uniform(low, high, size)`.
    ///
    /// ```
    /// assert_eq!(oxarray_random::legacy::global::uniform(0.0, 1.0, 3)?.len(), 3);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    fn uniform(low: impl AsArrayView<f64>, high: impl AsArrayView<f64>, size: impl Size) -> Array<f64>;

    /// `np.random.randint(low, high, size, dtype)`.
    ///
    /// ```
    /// let k = oxarray_random::legacy::global::randint::<i64>(0, 10, 5)?;
    /// assert!(k.iter().all(|&v| (0..10).contains(&v)));
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    fn randint<T: RandomInteger>(low: impl Into<i128>, high: impl Into<i128>, size: impl Size) -> Array<T>;

    /// `np.random.permutation(n)`.
    ///
    /// ```
    /// let p = oxarray_random::legacy::global::permutation_range(10)?;
    /// assert_eq!(p.len(), 10);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    fn permutation_range(n: usize) -> Array<i64>;

    /// `np.random.permutation(x)`: a copy shuffled along the first axis.
    ///
    /// ```
    /// let x = oxarray_core::array![1, 2, 3];
    /// assert_eq!(oxarray_random::legacy::global::permutation(&x)?.len(), 3);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    fn permutation<T: Element>(x: &impl AsArrayView<T>) -> Array<T>;

    /// `np.random.shuffle(x)`.
    ///
    /// ```
    /// let mut x = oxarray_core::array![1, 2, 3];
    /// oxarray_random::legacy::global::shuffle(&mut x)?;
    /// assert_eq!(x.iter().sum::<i32>(), 6);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    fn shuffle<T: Element>(x: &mut impl WriteArray<T>) -> ();

    /// `np.random.choice(a, size, replace, p)`.
    ///
    /// ```
    /// use oxarray_random::ChoiceOptions;
    /// let a = oxarray_core::array![1.0, 2.0];
    /// assert_eq!(oxarray_random::legacy::global::choice(&a, 3, ChoiceOptions::default())?.len(), 3);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    fn choice<T: Element>(a: &impl AsArrayView<T>, size: impl Size, options: ChoiceOptions<'_>) -> Array<T>;

    /// `np.random.choice(n, size, replace, p)`.
    ///
    /// ```
    /// use oxarray_random::ChoiceOptions;
    /// assert_eq!(oxarray_random::legacy::global::choice_range(4, 2, ChoiceOptions::default())?.len(), 2);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    fn choice_range(n: i64, size: impl Size, options: ChoiceOptions<'_>) -> Array<i64>;

    /// `np.random.standard_exponential(size)`.
    ///
    /// ```
    /// assert_eq!(oxarray_random::legacy::global::standard_exponential(2)?.len(), 2);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    fn standard_exponential(size: impl Size) -> Array<f64>;

    /// `np.random.exponential(scale, size)`.
    ///
    /// ```
    /// assert_eq!(oxarray_random::legacy::global::exponential(1.0, 2)?.len(), 2);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    fn exponential(scale: impl AsArrayView<f64>, size: impl Size) -> Array<f64>;

    /// `np.random.standard_gamma(shape, size)`.
    ///
    /// ```
    /// assert_eq!(oxarray_random::legacy::global::standard_gamma(2.0, 2)?.len(), 2);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    fn standard_gamma(shape: impl AsArrayView<f64>, size: impl Size) -> Array<f64>;

    /// `np.random.gamma(shape, scale, size)`.
    ///
    /// ```
    /// assert_eq!(oxarray_random::legacy::global::gamma(2.0, 1.0, 2)?.len(), 2);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    fn gamma(shape: impl AsArrayView<f64>, scale: impl AsArrayView<f64>, size: impl Size) -> Array<f64>;

    /// `np.random.beta(a, b, size)`.
    ///
    /// ```
    /// assert_eq!(oxarray_random::legacy::global::beta(1.0, 2.0, 2)?.len(), 2);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    fn beta(a: impl AsArrayView<f64>, b: impl AsArrayView<f64>, size: impl Size) -> Array<f64>;

    /// `np.random.chisquare(df, size)`.
    ///
    /// ```
    /// assert_eq!(oxarray_random::legacy::global::chisquare(2.0, 2)?.len(), 2);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    fn chisquare(df: impl AsArrayView<f64>, size: impl Size) -> Array<f64>;

    /// `np.random.poisson(lam, size)`.
    ///
    /// ```
    /// assert_eq!(oxarray_random::legacy::global::poisson(2.0, 2)?.len(), 2);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    fn poisson(lam: impl AsArrayView<f64>, size: impl Size) -> Array<i64>;

    /// `np.random.binomial(n, p, size)`.
    ///
    /// ```
    /// assert_eq!(oxarray_random::legacy::global::binomial(5, 0.5, 2)?.len(), 2);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    fn binomial(n: i64, p: f64, size: impl Size) -> Array<i64>;
}
