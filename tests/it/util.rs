//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tlx::model::{LoadOptions, Loaded, load_paths};

/// A fixture's path, relative to the package root (tests run there), as messages show it.
pub fn fixture(name: &str) -> PathBuf {
    Path::new("tests/fixtures").join(name)
}

/// Loads fixtures with default options.
pub fn load(names: &[&str]) -> Loaded {
    let paths: Vec<PathBuf> = names.iter().map(|n| fixture(n)).collect();
    load_paths(&paths, &LoadOptions::default())
}

/// The one-line form of every diagnostic.
pub fn headlines(l: &Loaded) -> Vec<String> {
    l.diagnostics.iter().map(|d| d.headline()).collect()
}

/// The `tlx` binary with a clean, colourless environment.
pub fn tlx() -> Command {
    let mut c = Command::cargo_bin("tlx").expect("binary built");
    c.env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .env_remove("TLX_CONFIG")
        .env("XDG_CONFIG_HOME", "/nonexistent-tlx-test-config")
        .env("HOME", "/nonexistent-tlx-test-home")
        .env_remove("XDG_CACHE_HOME")
        .env_remove("SOURCE_DATE_EPOCH");
    c
}

/// stdout of a finished command as text.
pub fn stdout(o: &std::process::Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

/// stderr of a finished command as text.
pub fn stderr(o: &std::process::Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8 stderr")
}
