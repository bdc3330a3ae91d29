//! `numpy.random` under NumPy's names (crate `oxarray-random`).
