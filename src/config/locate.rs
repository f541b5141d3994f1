//! Where the config is, and what named it: `--config`, `$TLX_CONFIG`, or the usual place
//! under `$XDG_CONFIG_HOME` or `~/.config`; and paths in it resolved against the home
//! folder and the config's own folder.

use std::path::{Path, PathBuf};

/// The parts of the process environment the config depends on, read once; tests build
/// their own. Empty variables count as unset.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Env {
    /// `$TLX_CONFIG`.
    pub tlx_config: Option<PathBuf>,
    /// `$XDG_CONFIG_HOME`.
    pub xdg_config_home: Option<PathBuf>,
    /// `$HOME`: for `~/.config` and for `~` in `paths:`.
    pub home: Option<PathBuf>,
}

impl Env {
    pub fn from_process() -> Env {
        let var = |name: &str| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        Env {
            tlx_config: var("TLX_CONFIG"),
            xdg_config_home: var("XDG_CONFIG_HOME"),
            home: var("HOME").or_else(std::env::home_dir),
        }
    }
}

/// What named the config file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// `--config PATH`.
    Flag,
    /// `$TLX_CONFIG`.
    EnvVar,
    /// The usual place under `$XDG_CONFIG_HOME` or `~/.config`.
    Default,
}

/// The config file to read, and what named it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigFile {
    pub path: PathBuf,
    pub origin: Origin,
}

/// Where the config is: `--config`, else `$TLX_CONFIG`, else `$XDG_CONFIG_HOME/tlx/config.yaml`
/// (when that variable is an absolute path), else `~/.config/tlx/config.yaml`. `None` when
/// no home is known either.
pub fn locate(flag: Option<&Path>, env: &Env) -> Option<ConfigFile> {
    if let Some(p) = flag.filter(|p| !p.as_os_str().is_empty()) {
        return Some(ConfigFile {
            path: p.to_path_buf(),
            origin: Origin::Flag,
        });
    }
    if let Some(p) = &env.tlx_config {
        return Some(ConfigFile {
            path: p.clone(),
            origin: Origin::EnvVar,
        });
    }
    let base = match &env.xdg_config_home {
        Some(x) if x.is_absolute() => x.clone(),
        _ => env.home.as_ref()?.join(".config"),
    };
    Some(ConfigFile {
        path: base.join("tlx").join("config.yaml"),
        origin: Origin::Default,
    })
}

/// `~` and `~/x` against the home folder; a relative path against the config's folder.
pub fn resolve_path(s: &str, base: &Path, env: &Env) -> PathBuf {
    let home_rel = if s == "~" {
        Some("")
    } else {
        s.strip_prefix("~/")
    };
    if let (Some(rest), Some(home)) = (home_rel, &env.home) {
        return home.join(rest);
    }
    let p = PathBuf::from(s);
    if p.is_absolute() { p } else { base.join(p) }
}
