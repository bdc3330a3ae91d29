//! X-*: chunked arrays on DataFusion (oxarray-datafusion).

use crate::Workload;

/// The workloads of this family (none are written yet).
pub fn workloads() -> Vec<Workload> {
    Vec::new()
}
