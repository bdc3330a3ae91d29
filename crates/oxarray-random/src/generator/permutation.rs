//! `shuffle`, `permutation`, `permuted` and `choice`: NumPy's Fisher-Yates shuffles (indices
//! from `random_interval`, the masked method), its Floyd and tail-shuffle samplers without
//! replacement (indices from Lemire's method), and its inverse-CDF sampling with `p`.

use oxarray_core::{Array, ArrayView, AsArrayView, Element, Error, Layout, Result, normalize_axis};
use oxarray_ufunc::WriteArray;

use super::Generator;
use crate::bit_generator::BitGenerator;
use crate::distributions::bounded::gen_mask;
use crate::distributions::{bounded_u64, random_interval};
use crate::params::Size;

/// NumPy's keywords of [`Generator::choice`]: `replace=True, p=None, axis=0, shuffle=True`.
///
/// ```
/// use oxarray_random::{default_rng, ChoiceOptions};
/// let p = [0.1, 0.0, 0.3, 0.6, 0.0];
/// let opts = ChoiceOptions { p: Some(&p), ..Default::default() };
/// let picks = default_rng(0)?.choice_range(5, 3, opts)?;   // rng.choice(5, 3, p=p)
/// assert!(picks.iter().all(|&i| p[i as usize] > 0.0));
/// # Ok::<(), oxarray_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct ChoiceOptions<'a> {
    /// Sample with replacement (NumPy's default `True`).
    pub replace: bool,
    /// The probabilities of the entries (uniform when `None`); must sum to 1 within
    /// `sqrt(eps)`.
    pub p: Option<&'a [f64]>,
    /// The axis of `a` to sample along.
    pub axis: isize,
    /// Without replacement: whether the selection is shuffled (NumPy's default `True`);
    /// `false` is faster and leaves the order unspecified, as in NumPy.
    pub shuffle: bool,
}

impl Default for ChoiceOptions<'_> {
    fn default() -> Self {
        ChoiceOptions {
            replace: true,
            p: None,
            axis: 0,
            shuffle: true,
        }
    }
}

/// Fisher-Yates from the end, NumPy's `_shuffle_raw`: for `i` from `n - 1` down to `first`,
/// swap `i` with `random_interval(i)`.
fn fisher_yates<B: BitGenerator + ?Sized>(
    bg: &mut B,
    n: usize,
    first: usize,
    mut swap: impl FnMut(usize, usize),
) {
    for i in (first..n).rev() {
        let j = random_interval(bg, i as u64) as usize;
        swap(i, j);
    }
}

/// NumPy's `_shuffle_int` (`choice` without replacement): the same walk with Lemire's
/// bounded integers.
fn shuffle_int<B: BitGenerator + ?Sized>(bg: &mut B, data: &mut [i64], first: usize) {
    for i in (first..data.len()).rev() {
        let j = bounded_u64(bg, 0, i as u64, false) as usize;
        data.swap(i, j);
    }
}

/// The permutation of `0..n` a Fisher-Yates shuffle of `n` items along an axis makes.
fn shuffled_indices<B: BitGenerator + ?Sized>(bg: &mut B, n: usize, first: usize) -> Vec<i64> {
    let mut idx: Vec<i64> = (0..n as i64).collect();
    fisher_yates(bg, n, first, |i, j| idx.swap(i, j));
    idx
}

impl<B: BitGenerator> Generator<B> {
    /// `shuffle(x, axis)`: shuffles `x` in place along `axis` (the sub-arrays along it move
    /// together).
    ///
    /// ```
    /// use oxarray_core::Array;
    /// use oxarray_random::default_rng;
    /// let mut x = Array::<i64>::arange(0, 10, 1)?;
    /// default_rng(0)?.shuffle(&mut x, 0)?;
    /// let mut sorted = x.to_vec();
    /// sorted.sort();
    /// assert_eq!(sorted, (0..10).collect::<Vec<i64>>());
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn shuffle<T: Element>(&mut self, x: &mut impl WriteArray<T>, axis: isize) -> Result<()> {
        let mut view = x.write_view();
        let axis = normalize_axis(axis, view.ndim())?;
        if view.is_empty() {
            return Ok(());
        }
        let n = view.shape()[axis];
        if view.ndim() == 1
            && let Some(slice) = view.as_slice_mut()
        {
            fisher_yates(&mut self.bit_generator, n, 1, |i, j| slice.swap(i, j));
            return Ok(());
        }
        let idx = shuffled_indices(&mut self.bit_generator, n, 1);
        let shuffled = view.view().take(&idx, Some(axis as isize))?;
        view.assign(&shuffled)
    }

    /// `permutation(x, axis)`: a shuffled copy of `x` along `axis`.
    ///
    /// ```
    /// use oxarray_core::array;
    /// use oxarray_random::default_rng;
    /// let m = array![[0, 1, 2], [3, 4, 5]];
    /// let p = default_rng(0)?.permutation(&m, 1)?;   // columns shuffled together
    /// assert_eq!(p.shape(), &[2, 3]);
    /// assert_eq!(p[[1, 0]] - p[[0, 0]], 3);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn permutation<T: Element>(
        &mut self,
        x: &impl AsArrayView<T>,
        axis: isize,
    ) -> Result<Array<T>> {
        let view = x.as_view();
        let axis = normalize_axis(axis, view.ndim())?;
        let idx = shuffled_indices(&mut self.bit_generator, view.shape()[axis], 1);
        view.take(&idx, Some(axis as isize))
    }

    /// `permutation(n)`: the integers `0..n` shuffled (NumPy's `permutation` of an
    /// integer).
    ///
    /// ```
    /// use oxarray_random::default_rng;
    /// let p = default_rng(0)?.permutation_range(5)?;
    /// assert_eq!(p.len(), 5);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn permutation_range(&mut self, n: usize) -> Result<Array<i64>> {
        let mut idx = Array::<i64>::arange(0, n as i64, 1)?;
        let slice = idx.as_slice_mut().expect("a fresh array is contiguous");
        fisher_yates(&mut self.bit_generator, n, 1, |i, j| slice.swap(i, j));
        Ok(idx)
    }

    /// `permuted(x, axis)`: a copy of `x` with each 1-D slice along `axis` shuffled
    /// independently (the lanes in C order), or all elements shuffled when `axis` is `None`
    /// (in NumPy's `order='K'` of `x`).
    ///
    /// ```
    /// use oxarray_core::array;
    /// use oxarray_random::default_rng;
    /// let x = array![[1, 2, 3], [4, 5, 6]];
    /// let y = default_rng(0)?.permuted(&x, Some(1))?;
    /// let mut row: Vec<i32> = y.slice(oxarray_core::s![1, ..])?.to_vec();
    /// row.sort();
    /// assert_eq!(row, [4, 5, 6]);                      // rows keep their elements
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn permuted<T: Element>(
        &mut self,
        x: &impl AsArrayView<T>,
        axis: Option<isize>,
    ) -> Result<Array<T>> {
        let mut out = x.as_view().to_owned();
        self.permuted_in_place(&x.as_view(), axis, &mut out)?;
        Ok(out)
    }

    /// [`permuted`](Self::permuted) into `out` (NumPy's `out=`: same shape as `x`; `out` may
    /// be `x`'s own storage only through `permuted`).
    ///
    /// ```
    /// use oxarray_core::{array, Array};
    /// use oxarray_random::default_rng;
    /// let x = array![1.0, 2.0, 3.0, 4.0];
    /// let mut out = Array::<f64>::zeros([4])?;
    /// default_rng(0)?.permuted_into(&x, None, &mut out)?;
    /// assert_eq!(out.iter().sum::<f64>(), 10.0);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn permuted_into<T: Element>(
        &mut self,
        x: &impl AsArrayView<T>,
        axis: Option<isize>,
        out: &mut impl WriteArray<T>,
    ) -> Result<()> {
        let x = x.as_view();
        let mut view = out.write_view();
        if view.shape() != x.shape() {
            return Err(Error::ShapeMismatch {
                expected: x.shape().to_vec(),
                got: view.shape().to_vec(),
            });
        }
        let mut result = x.to_owned();
        self.permuted_in_place(&x, axis, &mut result)?;
        view.assign(&result)
    }

    /// The shuffle of `permuted` on `out`, a C-order copy of `x`.
    fn permuted_in_place<T: Element>(
        &mut self,
        x: &ArrayView<'_, T>,
        axis: Option<isize>,
        out: &mut Array<T>,
    ) -> Result<()> {
        let bg = &mut self.bit_generator;
        let Some(axis) = axis else {
            // NumPy shuffles out.ravel(order='K') of the K-order copy of x when that copy is
            // C- or F-contiguous, and a C-order copy otherwise.
            let f_order = k_copy_is_f_only(x.layout());
            let n = out.len();
            if f_order {
                let mut flat: Vec<T> = out.t().iter().copied().collect();
                fisher_yates(bg, n, 1, |i, j| flat.swap(i, j));
                let mut t = out.view_mut().into_t();
                for (dst, src) in t.iter_mut().zip(flat) {
                    *dst = src;
                }
            } else {
                let slice = out.as_slice_mut().expect("a fresh array is contiguous");
                fisher_yates(bg, n, 1, |i, j| slice.swap(i, j));
            }
            return Ok(());
        };
        let axis = normalize_axis(axis, out.ndim())?;
        if out.is_empty() {
            return Ok(());
        }
        // Each lane along `axis`, the lanes in C order of the other axes (NumPy's
        // PyArray_IterAllButAxis); a lane shuffles from its last element down to 0.
        let shape = out.shape().to_vec();
        let len = shape[axis];
        let inner: usize = shape[axis + 1..].iter().product();
        let outer: usize = shape[..axis].iter().product();
        let data = out.as_slice_mut().expect("a fresh array is contiguous");
        for o in 0..outer {
            for i in 0..inner {
                let base = o * len * inner + i;
                fisher_yates(bg, len, 0, |a, b| {
                    data.swap(base + a * inner, base + b * inner)
                });
            }
        }
        Ok(())
    }

    /// `choice(a, size, replace, p, axis, shuffle)`: entries of `a` along `options.axis`,
    /// sampled uniformly or with probabilities `options.p`, with or without replacement.
    /// Errors (naming the argument) for an empty `a`, `p` of the wrong length, negative, NaN
    /// or not summing to 1, or more samples than entries without replacement.
    ///
    /// ```
    /// use oxarray_core::array;
    /// use oxarray_random::{default_rng, ChoiceOptions};
    /// let words = array![10, 20, 30, 40];
    /// let mut rng = default_rng(0)?;
    /// let two = rng.choice(&words, 2, ChoiceOptions { replace: false, ..Default::default() })?;
    /// assert_ne!(two[[0]], two[[1]]);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn choice<T: Element>(
        &mut self,
        a: &impl AsArrayView<T>,
        size: impl Size,
        options: ChoiceOptions<'_>,
    ) -> Result<Array<T>> {
        let a = a.as_view();
        if a.ndim() == 0 {
            return Err(Error::invalid_argument(
                "a",
                "a 0-d array",
                "a must be a sequence or an integer (use choice_range for an integer)",
            ));
        }
        let axis = normalize_axis(options.axis, a.ndim())?;
        let pop_size = a.shape()[axis];
        let shape = size.into_size();
        let n_samples: usize = shape.as_ref().map_or(1, |s| s.iter().product());
        if pop_size == 0 && n_samples != 0 {
            return Err(Error::invalid_argument(
                "a",
                "an empty array",
                "a cannot be empty unless no samples are taken",
            ));
        }
        let idx = self.choice_indices(pop_size, shape, options)?;
        a.take(&idx, Some(axis as isize))
    }

    /// `choice(n, size, ...)`: samples of `0..n` (NumPy's `choice` of an integer), as
    /// `int64`; see [`choice`](Self::choice). `options.axis` is ignored.
    ///
    /// ```
    /// use oxarray_random::{default_rng, ChoiceOptions};
    /// let k = default_rng(0)?.choice_range(10, [2, 2], ChoiceOptions::default())?;
    /// assert!(k.iter().all(|&v| (0..10).contains(&v)));
    /// assert!(default_rng(0)?.choice_range(0, 1, ChoiceOptions::default()).is_err());
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn choice_range(
        &mut self,
        n: i64,
        size: impl Size,
        options: ChoiceOptions<'_>,
    ) -> Result<Array<i64>> {
        let shape = size.into_size();
        let n_samples: usize = shape.as_ref().map_or(1, |s| s.iter().product());
        if n <= 0 && n_samples != 0 {
            return Err(Error::invalid_argument(
                "a",
                n,
                "a must be a positive integer unless no samples are taken",
            ));
        }
        self.choice_indices(n.max(0) as usize, shape, options)
    }

    /// NumPy's `Generator.choice` on a population of `pop_size`: the sampled indices.
    fn choice_indices(
        &mut self,
        pop_size: usize,
        shape: Option<oxarray_core::Dims>,
        options: ChoiceOptions<'_>,
    ) -> Result<Array<i64>> {
        let shape = shape.unwrap_or_default();
        let size: usize = shape.iter().product();
        if let Some(p) = options.p {
            check_choice_probabilities(p, pop_size, false)?;
        }
        if options.replace {
            return match options.p {
                Some(p) => {
                    let cdf = normalized_cdf(p);
                    let u = self.random::<f64>(&shape)?;
                    Ok(u.view().map(|u| cdf.partition_point(|&c| c <= u) as i64))
                }
                None => self.integers::<i64>(0, pop_size as i64, &shape, false),
            };
        }
        if size > pop_size {
            return Err(Error::invalid_argument(
                "size",
                size,
                "Cannot take a larger sample than population when replace is False",
            ));
        }
        let idx = match options.p {
            Some(p) => {
                let mut draw = |n| self.random::<f64>(n);
                weighted_without_replacement(p, size, &mut draw)?
            }
            None => self.choice_uniform_without_replacement(pop_size, size, options.shuffle),
        };
        Array::from_vec(idx, &shape[..])
    }

    /// Without replacement, uniform: a tail shuffle of `0..pop_size` when the sample is a
    /// large share of a large population, else Floyd's algorithm with an open-addressing hash
    /// set (NumPy's heuristics and draws).
    fn choice_uniform_without_replacement(
        &mut self,
        pop_size: usize,
        size: usize,
        shuffle: bool,
    ) -> Vec<i64> {
        let bg = &mut self.bit_generator;
        let cutoff = if shuffle { 50 } else { 20 };
        if pop_size > 10_000 && size > pop_size / cutoff {
            let mut idx: Vec<i64> = (0..pop_size as i64).collect();
            shuffle_int(bg, &mut idx, (pop_size - size).max(1));
            return idx[pop_size - size..].to_vec();
        }
        let mask = gen_mask((1.2 * size as f64) as u64) as usize;
        let mut hash_set = vec![u64::MAX; mask + 1];
        let mut idx = vec![0i64; size];
        for j in pop_size - size..pop_size {
            let val = bounded_u64(bg, 0, j as u64, false);
            let mut loc = val as usize & mask;
            while hash_set[loc] != u64::MAX && hash_set[loc] != val {
                loc = (loc + 1) & mask;
            }
            let slot = j - (pop_size - size);
            if hash_set[loc] == u64::MAX {
                hash_set[loc] = val;
                idx[slot] = val as i64;
            } else {
                // val was taken: insert j instead (it cannot be taken yet).
                let mut loc = j & mask;
                while hash_set[loc] != u64::MAX {
                    loc = (loc + 1) & mask;
                }
                hash_set[loc] = j as u64;
                idx[slot] = j as i64;
            }
        }
        if shuffle {
            shuffle_int(bg, &mut idx, 1);
        }
        idx
    }
}

/// NumPy's checks of `choice`'s `p` (`kahan_sum` within `sqrt(eps)` of 1, no NaN, none
/// negative), with the `Generator`'s or the legacy `RandomState`'s messages.
pub(crate) fn check_choice_probabilities(p: &[f64], pop_size: usize, legacy: bool) -> Result<()> {
    let msg = |modern: &'static str, old: &'static str| if legacy { old } else { modern };
    if p.len() != pop_size {
        return Err(Error::invalid_argument(
            "p",
            format!("{} probabilities for {pop_size} entries", p.len()),
            msg(
                "a and p must have same size",
                "'a' and 'p' must have same size",
            ),
        ));
    }
    let sum = kahan_sum(p);
    if sum.is_nan() {
        return Err(Error::invalid_argument(
            "p",
            "NaN",
            msg("Probabilities contain NaN", "probabilities contain NaN"),
        ));
    }
    if let Some(&neg) = p.iter().find(|&&v| v < 0.0) {
        return Err(Error::invalid_argument(
            "p",
            neg,
            msg(
                "Probabilities are not non-negative",
                "probabilities are not non-negative",
            ),
        ));
    }
    let atol = f64::EPSILON.sqrt();
    if (sum - 1.0).abs() > atol {
        return Err(Error::invalid_argument(
            "p",
            format!("summing to {sum}"),
            msg(
                "Probabilities do not sum to 1",
                "probabilities do not sum to 1",
            ),
        ));
    }
    Ok(())
}

/// Sampling without replacement with `p`: rounds of inverse-CDF draws (`draw(n)` gives `n`
/// uniforms), found entries zeroed and the duplicates of a round dropped keeping first
/// occurrences, as NumPy's `choice` (both versions) does.
pub(crate) fn weighted_without_replacement(
    p: &[f64],
    size: usize,
    draw: &mut dyn FnMut(usize) -> Result<Array<f64>>,
) -> Result<Vec<i64>> {
    let nonzero = p.iter().filter(|&&v| v > 0.0).count();
    if nonzero < size {
        return Err(Error::invalid_argument(
            "p",
            format!("{nonzero} non-zero entries"),
            "Fewer non-zero entries in p than size",
        ));
    }
    let mut p = p.to_vec();
    let mut found: Vec<i64> = Vec::with_capacity(size);
    while found.len() < size {
        let x = draw(size - found.len())?;
        for &f in &found {
            p[f as usize] = 0.0;
        }
        let cdf = normalized_cdf(&p);
        let mut seen = std::collections::HashSet::new();
        for &u in x.iter() {
            let k = cdf.partition_point(|&c| c <= u) as i64;
            if seen.insert(k) {
                found.push(k);
            }
        }
    }
    Ok(found)
}

/// NumPy's `kahan_sum` (compensated, from the first element).
fn kahan_sum(values: &[f64]) -> f64 {
    let Some((&first, rest)) = values.split_first() else {
        return 0.0;
    };
    let (mut sum, mut c) = (first, 0.0);
    for &v in rest {
        let y = v - c;
        let t = sum + y;
        c = (t - sum) - y;
        sum = t;
    }
    sum
}

/// `cumsum(p) / cumsum(p)[-1]` (NumPy's sequential cumulative sum).
pub(crate) fn normalized_cdf(p: &[f64]) -> Vec<f64> {
    let mut acc = 0.0;
    let mut cdf: Vec<f64> = p
        .iter()
        .map(|&v| {
            acc += v;
            acc
        })
        .collect();
    if let Some(&last) = cdf.last() {
        cdf.iter_mut().for_each(|c| *c /= last);
    }
    cdf
}

/// Whether NumPy's `x.copy(order='K')` is F-contiguous without being C-contiguous (then
/// `ravel(order='K')` walks it in F order).
fn k_copy_is_f_only(layout: &Layout) -> bool {
    let ndim = layout.ndim();
    if ndim < 2 {
        return false;
    }
    // K order: axes by decreasing |stride| (stable), the copy C-contiguous in that order.
    let mut perm: Vec<usize> = (0..ndim).collect();
    perm.sort_by_key(|&a| std::cmp::Reverse(layout.strides[a].unsigned_abs()));
    let mut strides = vec![0isize; ndim];
    let mut step = 1isize;
    for &a in perm.iter().rev() {
        strides[a] = step;
        step *= layout.shape[a] as isize;
    }
    let copy = Layout {
        shape: layout.shape.clone(),
        strides: strides.into(),
    };
    copy.is_f_contiguous() && !copy.is_c_contiguous()
}
