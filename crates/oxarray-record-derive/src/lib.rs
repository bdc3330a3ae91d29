//! `#[derive(Record)]` for `#[repr(C)]` structs: their structured dtype for oxarray-record.
//!
//! This crate is a placeholder in the workspace layout: its capability arrives with a later
//! issue.
