//! The edges that touch the outside, besides the terminal
//! ([`crate::terminal`]): reading input ([`input`]), writing output
//! ([`output`]), saved results and the session lock ([`store`]), and where
//! itlead keeps its files ([`paths`]).

pub mod input;
pub mod output;
pub mod paths;
pub mod store;
