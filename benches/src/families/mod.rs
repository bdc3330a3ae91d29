//! The workload families added after the article workloads of [`crate::ox`], one module per
//! family (and per crate that implements it), so that each family's workloads, sizes and
//! inputs live together. Every id must be listed in `benches/ids.txt`.
//!
//! REGISTRATION POINT: a family module exposes `pub fn workloads() -> Vec<Workload>`; its
//! setup functions follow the rules of [`crate::ox`] (inputs built before `Prepared::new`, only
//! the library call timed, `.bytes()` / `.flops()` equal to the Python side's figures).

use crate::Workload;

pub mod arrow;
pub mod conv;
pub mod distributed;
pub mod io;
pub mod linalg;
pub mod numpy;
pub mod random;
pub mod sort;

/// The workloads of every family, in the order of `benches/ids.txt`.
pub fn workloads() -> Vec<Workload> {
    let mut all = Vec::new();
    all.extend(numpy::workloads());
    all.extend(sort::workloads());
    all.extend(linalg::workloads());
    all.extend(random::workloads());
    all.extend(io::workloads());
    all.extend(arrow::workloads());
    all.extend(conv::workloads());
    all.extend(distributed::workloads());
    all
}
