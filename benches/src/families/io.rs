//! IO-*: .npy / .npz files, memory maps, the batch loader (oxarray-io).

use crate::Workload;

/// The workloads of this family (none are written yet).
pub fn workloads() -> Vec<Workload> {
    Vec::new()
}
