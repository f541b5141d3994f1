//! The default config that `tlx generate config` prints: every key explained, then the
//! default key bindings, commented out.

use crate::tui::action::Action;
use crate::tui::keymap::{DEFAULT_KEYMAP, UNBIND};

/// The commented template of the default config; [`default_text`] appends the default key
/// bindings, commented out.
const TEMPLATE: &str = include_str!("../../assets/config.yaml");

/// The default config, every key explained: the template, then the default key bindings
/// commented out (uncomment a line to change it). `tlx generate config` prints this.
pub fn default_text() -> String {
    let mut out = TEMPLATE.to_string();
    let actions: Vec<&str> = Action::ALL
        .iter()
        .map(|a| a.name())
        .chain([UNBIND])
        .collect();
    out.push_str("#\n# Actions:");
    let mut width = 10;
    for (i, a) in actions.iter().enumerate() {
        let sep = if i + 1 < actions.len() { "," } else { "." };
        if width + a.len() + 2 > 90 {
            out.push_str("\n#  ");
            width = 3;
        }
        out.push(' ');
        out.push_str(a);
        out.push_str(sep);
        width += a.len() + 2;
    }
    out.push_str(
        "\n#\n# The defaults follow, commented out: uncomment a screen and a line, and change it.\nkeys:\n",
    );
    // The embedded keymap without its header comment, commented out under `keys:`.
    let body = DEFAULT_KEYMAP
        .lines()
        .skip_while(|l| l.starts_with('#') || l.trim().is_empty());
    for line in body {
        if line.trim().is_empty() {
            out.push_str("#\n");
        } else {
            out.push_str("#   ");
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}
