//! The NumPy-to-oxarray table (`docs/numpy-to-oxarray.md`) checked against the code: the
//! build script turns every spelling the table claims into Rust (see `build.rs`), included
//! here, so a wrong or stale row fails to compile. The tests below check the table's size
//! and that no NumPy name appears twice.
#![cfg(all(feature = "io", feature = "random", feature = "sort", feature = "conv"))]

mod table {
    include!(concat!(env!("OUT_DIR"), "/numpy_table.rs"));

    /// Keeps the never-called checking function referenced.
    pub fn checker() -> fn(&mut oxarray::Array<f64>) {
        expressions
    }
}

#[test]
fn the_table_has_at_least_250_rows() {
    let _ = table::checker();
    assert!(table::ROWS >= 250, "{} rows", table::ROWS);
    assert!(
        table::NOT_YET < table::ROWS / 2,
        "{} of {} not yet",
        table::NOT_YET,
        table::ROWS
    );
    assert_eq!(table::NUMPY_NAMES.len(), table::ROWS);
}

#[test]
fn no_numpy_name_appears_twice() {
    let mut seen = std::collections::HashSet::new();
    for name in table::NUMPY_NAMES {
        assert!(
            seen.insert(name),
            "{name} appears twice in docs/numpy-to-oxarray.md"
        );
    }
}
