//! Size lists shared by all implementations of an id, so that rows line up in the table
//! (the Python side, `benches/python/bench_numpy.py`, uses the same lists).

/// A workload of fixed size (sections A and B): one row, reported without `"n"`.
pub fn fixed(_quick: bool) -> Vec<Option<usize>> {
    vec![None]
}

/// C-mm-f32 / C-mm-f64 for the fast implementations: `n` = matrix side.
pub fn c_mm(quick: bool) -> Vec<Option<usize>> {
    let full: &[usize] = if quick {
        &[200, 1000, 2000]
    } else {
        &[200, 400, 800, 1000, 2000, 4000]
    };
    full.iter().copied().map(Some).collect()
}

/// C-mm for the naive triple loop (the articles' pure-Python column).
pub fn c_mm_naive(quick: bool) -> Vec<Option<usize>> {
    if quick {
        vec![Some(200)]
    } else {
        vec![Some(200), Some(400)]
    }
}

/// C-conv for the fast implementations: `n` = image side, 1000 .. 20000 step 1000 (quick:
/// to 8000).
pub fn c_conv(quick: bool) -> Vec<Option<usize>> {
    let top = if quick { 8 } else { 20 };
    (1..=top).map(|k| Some(k * 1000)).collect()
}

/// C-conv for the naive loop (small sizes only).
pub fn c_conv_naive(_quick: bool) -> Vec<Option<usize>> {
    vec![Some(1000), Some(2000)]
}

/// C-conv-5x5: `n` = image side.
pub fn c_conv_5x5(quick: bool) -> Vec<Option<usize>> {
    let full: &[usize] = if quick {
        &[1000, 4000, 8000]
    } else {
        &[1000, 2000, 4000, 8000, 16000]
    };
    full.iter().copied().map(Some).collect()
}

/// D-ones, D-imul5, D-three, D-threeF: `n` = cube side (1000^3 f64 = 8 GB; quick 500^3).
pub fn d_cube(quick: bool) -> Vec<Option<usize>> {
    vec![Some(if quick { 500 } else { 1000 })]
}

/// D-sweep: `n` = element count, 10^3 .. 10^9 (quick: up to 10^8).
pub fn d_sweep(quick: bool) -> Vec<Option<usize>> {
    let top = if quick { 8 } else { 9 };
    (3..=top).map(|e| Some(10usize.pow(e))).collect()
}
