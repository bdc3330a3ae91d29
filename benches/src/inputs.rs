//! Inputs as WORKLOADS.md describes them, as plain row-major `Vec`s: the naive loops use
//! them directly, oxarray workloads build their arrays from them (outside the timed region).

/// Square `n x n` matrix with `m[i][j] = i + j` (C-mm).
pub fn mm_matrix_f32(n: usize) -> Vec<f32> {
    (0..n * n).map(|k| ((k / n) + (k % n)) as f32).collect()
}

/// Square `n x n` matrix with `m[i][j] = i + j` (C-mm-f64).
pub fn mm_matrix_f64(n: usize) -> Vec<f64> {
    (0..n * n).map(|k| ((k / n) + (k % n)) as f64).collect()
}

/// `n x n` image with `img[i][j] = (i + j) % 2` (C-conv).
pub fn conv_image(n: usize) -> Vec<f32> {
    (0..n * n)
        .map(|k| (((k / n) + (k % n)) % 2) as f32)
        .collect()
}

/// The 3x3 box kernel of 1/9 (C-conv), row-major.
pub fn conv_kernel() -> [f32; 9] {
    [1.0 / 9.0; 9]
}

/// `rows x cols` matrix with `m[i][j] = i * cols + j` (A4-A6, 10000 x 10000).
pub fn arange_matrix(rows: usize, cols: usize) -> Vec<f64> {
    (0..rows * cols).map(|k| k as f64).collect()
}

/// Deterministic pseudo-random values in `[0, 1)` (splitmix64), e.g. for A1's 50000 x 1000.
pub fn uniform(len: usize, seed: u64) -> Vec<f64> {
    let mut state = seed;
    (0..len)
        .map(|_| {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^= z >> 31;
            (z >> 11) as f64 / (1u64 << 53) as f64
        })
        .collect()
}
