//! `itlead team`, `compare` and `history`: looking across saved results.

use anyhow::Result;

use crate::cli::{CompareArgs, HistoryArgs, TeamArgs};
use crate::error::usage;
use crate::render::report::Layout;

/// `itlead compare OLD NEW`.
pub fn compare_command(_args: &CompareArgs, _layout: Layout) -> Result<()> {
    Err(usage("compare is not available yet"))
}

/// `itlead history`.
pub fn history_command(_args: &HistoryArgs, _layout: Layout) -> Result<()> {
    Err(usage("history is not available yet"))
}

/// `itlead team FILE...`.
pub fn team_command(_args: &TeamArgs, _layout: Layout) -> Result<()> {
    Err(usage("team is not available yet"))
}
