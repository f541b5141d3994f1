//! `tlx generate`: completions, the man page, the default config, the JSON Schema.

use crate::cli::{GenerateArgs, Global};

pub fn run(args: &GenerateArgs, global: &Global) -> anyhow::Result<u8> {
    let _ = (args, global);
    anyhow::bail!("generate is not built yet")
}
