//! Criterion bench over the same registry as `cargo xtask bench`, at each workload's
//! smallest quick size. Filter as usual: `cargo bench -p oxarray-benches -- C-mm`.

use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use oxarray_benches::registry;

fn workloads(c: &mut Criterion) {
    let mut group = c.benchmark_group("workloads");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(3));
    for w in registry() {
        let Some(n) = (w.sizes)(true).into_iter().min() else {
            continue;
        };
        let name = match n {
            Some(n) => format!("{}/{}/{n}", w.id, w.imp),
            None => format!("{}/{}", w.id, w.imp),
        };
        // Set up lazily, only for benchmarks that the filter keeps.
        let mut prepared = None;
        group.bench_function(name, |b| {
            let p = prepared.get_or_insert_with(|| (w.run)(n));
            b.iter_custom(|iters| p.sample(iters as usize));
        });
    }
    group.finish();
}

criterion_group!(benches, workloads);
criterion_main!(benches);
