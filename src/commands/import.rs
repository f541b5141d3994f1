//! `tlx import`: other formats into tlx's YAML.

use crate::cli::{Global, ImportArgs};

pub fn run(args: &ImportArgs, global: &Global) -> anyhow::Result<u8> {
    let _ = (args, global);
    anyhow::bail!("import is not built yet")
}
