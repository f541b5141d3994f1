//! `tlx export`: a brief of the selected events, to a file or stdout.

use crate::cli::{ExportArgs, Global};

pub fn run(args: &ExportArgs, global: &Global) -> anyhow::Result<u8> {
    let _ = (args, global);
    anyhow::bail!("export is not built yet")
}
