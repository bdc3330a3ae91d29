//! NumPy's file functions (`np.save`, `np.load`, `np.savez`, `np.memmap`, ...) from crate
//! `oxarray-io`, re-exported into [`ox`](crate::ox).
