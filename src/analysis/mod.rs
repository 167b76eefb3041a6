//! Analyses of many results: a team's spread ([`team`]), two results side
//! by side ([`compare`]), the saved results in order ([`history`]), the
//! figures of a set of results ([`stats`]) and a 360° round ([`feedback`]).
//! Each is a function of the results it is given; none reads a file.

pub mod compare;
pub mod feedback;
pub mod history;
pub mod stats;
pub mod team;
