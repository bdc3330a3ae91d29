//! The batch loader: order, coverage, views vs gathered buffers, prefetch, pool, hook.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use oxarray_core::{Array, s};
use oxarray_io::loader::{BatchLoader, LoaderOptions, permutation};
use oxarray_io::{Mode, memmap};

fn rows(n: usize, width: usize) -> Array<f32> {
    Array::from_shape_fn([n, width], |i| (i[0] * 1000 + i[1]) as f32).unwrap()
}

fn first_column(b: &oxarray_io::Batch<f32>) -> Vec<usize> {
    b.view()
        .slice(s![.., 0])
        .unwrap()
        .iter()
        .map(|&x| x as usize / 1000)
        .collect()
}

#[test]
fn sequential_batches_are_views_in_order() {
    let data = rows(103, 8);
    for drop_last in [false, true] {
        let l = BatchLoader::new(
            data.clone(),
            LoaderOptions {
                batch_size: 10,
                drop_last,
                prefetch: 3,
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(l.len(), if drop_last { 10 } else { 11 });
        let mut next = 0;
        for (i, b) in l.iter().enumerate() {
            assert!(b.is_view());
            assert_eq!(b.index(), i);
            assert_eq!(
                b.view().as_ptr(),
                data.slice(s![next as isize..]).unwrap().as_ptr(),
                "a view of the source"
            );
            assert_eq!(
                first_column(&b),
                (next..next + b.rows()).collect::<Vec<_>>()
            );
            assert_eq!(b.row_indices(), (next..next + b.rows()).collect::<Vec<_>>());
            next += b.rows();
        }
        assert_eq!(next, if drop_last { 100 } else { 103 });
    }
}

#[test]
fn shuffled_epochs_cover_every_row_once_in_sorted_batches() {
    let data = rows(257, 3);
    for prefetch in [0, 1, 4] {
        let opts = LoaderOptions {
            batch_size: 16,
            shuffle: true,
            seed: 99,
            drop_last: false,
            prefetch,
        };
        let l = BatchLoader::new(data.clone(), opts).unwrap();
        for epoch in 0..2 {
            let perm = permutation(257, 99, epoch);
            let mut seen = Vec::new();
            for (i, b) in l.epoch(epoch).enumerate() {
                assert!(!b.is_view());
                let got = first_column(&b);
                let mut want: Vec<usize> = perm[i * 16..((i + 1) * 16).min(257)].to_vec();
                want.sort_unstable();
                assert_eq!(got, want, "epoch {epoch} batch {i} prefetch {prefetch}");
                // Every value of the row came along, not only the first column.
                for (j, &r) in got.iter().enumerate() {
                    assert_eq!(
                        b.view().slice(s![j as isize, ..]).unwrap().to_vec(),
                        data.slice(s![r as isize, ..]).unwrap().to_vec()
                    );
                }
                seen.extend(got);
            }
            seen.sort_unstable();
            assert_eq!(seen, (0..257).collect::<Vec<_>>());
        }
    }
    assert_ne!(permutation(257, 99, 0), permutation(257, 98, 0));
}

#[test]
fn same_seed_same_batches_with_or_without_prefetch() {
    let data = rows(50, 2);
    let run = |prefetch| {
        let l = BatchLoader::new(
            data.clone(),
            LoaderOptions {
                batch_size: 7,
                shuffle: true,
                seed: 5,
                drop_last: true,
                prefetch,
            },
        )
        .unwrap();
        l.iter().map(|b| first_column(&b)).collect::<Vec<_>>()
    };
    let a = run(0);
    assert_eq!(a, run(3));
    assert_eq!(a.len(), 7);
}

#[test]
fn keeping_batches_alive_never_deadlocks_and_the_pool_is_reused() {
    let data = rows(64, 4);
    let l = BatchLoader::new(
        data,
        LoaderOptions {
            batch_size: 4,
            shuffle: true,
            seed: 1,
            drop_last: false,
            prefetch: 2,
        },
    )
    .unwrap();
    let all: Vec<_> = l.iter().collect();
    assert_eq!(all.len(), 16);
    let ptrs: std::collections::HashSet<usize> =
        all.iter().map(|b| b.view().as_ptr() as usize).collect();
    assert_eq!(ptrs.len(), 16, "distinct live buffers");
    drop(all);
    // A loop that drops each batch before the next reuses a handful of buffers.
    let used: std::collections::HashSet<usize> =
        l.iter().map(|b| b.view().as_ptr() as usize).collect();
    assert!(used.len() <= 16);
    let mut epoch = l.epoch(3);
    let first = epoch.next().unwrap();
    drop(epoch); // stopping an epoch early stops its thread
    assert_eq!(first.rows(), 4);
}

#[test]
fn progress_hook_and_errors() {
    let calls = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&calls);
    let l = BatchLoader::new(
        rows(30, 2),
        LoaderOptions {
            batch_size: 8,
            ..Default::default()
        },
    )
    .unwrap()
    .on_progress(move |p| {
        seen.fetch_add(1, Ordering::SeqCst);
        assert!(p.batch <= p.batches && p.rows <= 30);
        if p.batch == p.batches {
            assert_eq!((p.rows, p.bytes), (30, 30 * 2 * 4));
        }
    });
    assert_eq!(l.iter().count(), 4);
    assert_eq!(calls.load(Ordering::SeqCst), 4);
    assert!(
        BatchLoader::new(
            rows(3, 2),
            LoaderOptions {
                batch_size: 0,
                ..Default::default()
            }
        )
        .is_err()
    );
    assert!(BatchLoader::new(Array::<f32>::from_scalar(1.0), LoaderOptions::default()).is_err());
    let empty = BatchLoader::new(
        Array::<f32>::zeros([0, 3]).unwrap(),
        LoaderOptions::default(),
    )
    .unwrap();
    assert!(empty.is_empty() && empty.iter().next().is_none());
    let big = BatchLoader::new(
        rows(3, 2),
        LoaderOptions {
            batch_size: 10,
            shuffle: true,
            drop_last: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(big.iter().count(), 0);
}

#[test]
fn loads_from_a_raw_map_and_from_strided_sources() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("train.f32");
    let data = rows(40, 16);
    let mut m = memmap(
        &path,
        oxarray_core::DType::F32,
        Mode::Create,
        0,
        Some(&[40, 16]),
        oxarray_core::Order::C,
    )
    .unwrap();
    m.view_mut::<f32>().unwrap().assign(&data).unwrap();
    m.flush().unwrap();
    let r = memmap(
        &path,
        oxarray_core::DType::F32,
        Mode::ReadOnly,
        0,
        Some(&[40, 16]),
        oxarray_core::Order::C,
    )
    .unwrap();
    let l = BatchLoader::new(
        r.array::<f32>().unwrap().clone(),
        LoaderOptions {
            batch_size: 6,
            shuffle: true,
            seed: 3,
            ..Default::default()
        },
    )
    .unwrap();
    let total: usize = l.iter().map(|b| b.rows()).sum();
    assert_eq!(total, 40);
    // A transposed (non-contiguous) source is gathered row by row.
    let t = Array::from_view_in_order(&data.t(), oxarray_core::Order::F)
        .t()
        .to_owned();
    let strided = data.t().to_owned().t().to_owned();
    assert_eq!(strided, data);
    let tl = BatchLoader::new(
        t.clone(),
        LoaderOptions {
            batch_size: 4,
            shuffle: true,
            seed: 8,
            prefetch: 0,
            ..Default::default()
        },
    )
    .unwrap();
    for b in &tl {
        for (j, r) in b.row_indices().into_iter().enumerate() {
            assert_eq!(
                b.view().slice(s![j as isize, ..]).unwrap().to_vec(),
                t.slice(s![r as isize, ..]).unwrap().to_vec()
            );
        }
    }
}
