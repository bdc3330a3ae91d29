//! Advanced indexing (copies): integer arrays, boolean masks, take, put, compress.
//! (Being written.)
