//! `tlx generate`: completions, the man page, the default config, the JSON Schema, the
//! embedded timeline.
//!
//! Everything is generated from the program itself (the clap definition, the embedded
//! keymap, the schema types), so none of it can fall behind; each is printed to stdout.

use std::io::{self, Write};

use clap::CommandFactory;

use super::EXIT_OK;
use crate::cli::{Cli, Generate, GenerateArgs, Global};

pub fn run(args: &GenerateArgs, _global: &Global) -> anyhow::Result<u8> {
    let mut out = super::stdout();
    write(&args.what, &mut out)?;
    out.flush()?;
    Ok(EXIT_OK)
}

/// Writes what `tlx generate <what>` prints.
pub fn write(what: &Generate, w: &mut dyn Write) -> io::Result<()> {
    match what {
        Generate::Completions { shell } => {
            clap_complete::generate(*shell, &mut Cli::command(), "tlx", w);
            Ok(())
        }
        Generate::Man => w.write_all(man_page().as_bytes()),
        Generate::Config => w.write_all(crate::config::default_text().as_bytes()),
        Generate::Schema => w.write_all(crate::schema::schema_json().as_bytes()),
        Generate::WorkspaceSchema => {
            w.write_all(crate::workspace::schema::schema_json().as_bytes())
        }
        Generate::Timeline => w.write_all(crate::model::load::EMBEDDED.as_bytes()),
    }
}

/// What the man page adds to clap's sections: the environment and the files tlx reads.
const ENVIRONMENT_AND_FILES: &str = r#".SH ENVIRONMENT
.TP
\fBTLX_CONFIG\fR
The config file, when \fB\-\-config\fR is not given.
.TP
\fBXDG_CONFIG_HOME\fR
The config is \fI$XDG_CONFIG_HOME/tlx/config.yaml\fR (default \fI~/.config/tlx/config.yaml\fR).
.TP
\fBNO_COLOR\fR
When set and not empty, no colour (as \fB\-\-color never\fR); the explorer uses its mono theme.
.TP
\fBSOURCE_DATE_EPOCH\fR
The generation time recorded by \fBtlx export\fR when \fB\-\-now\fR is not given.
.SH FILES
.TP
\fI~/.config/tlx/config.yaml\fR
Theme, mouse, date style, default timeline paths and key bindings.
\fBtlx generate config\fR prints the defaults with every key explained.
"#;

/// The man page (roff): clap's sections, with ENVIRONMENT and FILES before VERSION.
pub fn man_page() -> String {
    let mut buf = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut buf)
        .expect("writing to memory does not fail");
    let page = String::from_utf8(buf).expect("clap_mangen writes UTF-8");
    match page.find("\n.SH VERSION") {
        Some(i) => format!("{}\n{ENVIRONMENT_AND_FILES}{}", &page[..i], &page[i + 1..]),
        None => format!("{page}{ENVIRONMENT_AND_FILES}"),
    }
}
