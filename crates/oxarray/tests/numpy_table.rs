//! The NumPy-to-oxarray table (`docs/numpy-to-oxarray.md`) checked against the code: the
//! build script turns every spelling the table claims into Rust (see `build.rs`), included
//! here, so a wrong or stale row fails to compile. The table's size is checked at compile
//! time, and the tests below check that no NumPy name appears twice.
#![cfg(all(feature = "io", feature = "random", feature = "sort", feature = "conv"))]

mod table {
    include!(concat!(env!("OUT_DIR"), "/numpy_table.rs"));

    /// Keeps the never-called checking function referenced.
    pub fn checker() -> fn(&mut oxarray::Array<f64>) {
        expressions
    }
}

// The size of the table, checked at compile time.
const _: () = assert!(
    table::ROWS >= 250,
    "docs/numpy-to-oxarray.md needs 250 rows or more"
);
const _: () = assert!(
    2 * table::NOT_YET < table::ROWS,
    "most rows must have a spelling"
);

#[test]
fn every_row_is_counted_once() {
    let _ = table::checker();
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
