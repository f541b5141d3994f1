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
        .env_remove("XDG_DATA_HOME")
        .env_remove("XDG_STATE_HOME")
        .env_remove("TLX_WORKSPACE")
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

/// True when the tests run as root, who ignores file permissions: a test of a permission
/// error then runs `tlx` as an unprivileged user (see [`tlx_unprivileged`]).
pub fn is_root() -> bool {
    let o = std::process::Command::new("id")
        .arg("-u")
        .output()
        .expect("id runs");
    String::from_utf8_lossy(&o.stdout).trim() == "0"
}

/// The uid and gid `tlx` runs as in permission tests when the tests run as root: the
/// conventional `nobody`.
const NOBODY: u32 = 65534;

/// `tlx` with a clean environment, run so that file permissions apply to it: directly,
/// or, when the tests run as root, as the unprivileged user `nobody` (through `setpriv`
/// or `runuser`, from util-linux). That user must reach the files the test hands it:
/// `scratch` (a folder of the test's, made traversable here) receives a copy of the
/// binary when `nobody` cannot run it where it was built.
pub fn tlx_unprivileged(scratch: &Path) -> std::process::Command {
    let bin = assert_cmd::cargo::cargo_bin("tlx");
    let mut c = if is_root() {
        let prefix: Vec<String> = if runs("setpriv") {
            vec![
                "setpriv".into(),
                format!("--reuid={NOBODY}"),
                format!("--regid={NOBODY}"),
                "--clear-groups".into(),
                "--".into(),
            ]
        } else if runs("runuser") {
            ["runuser", "-u", "nobody", "--"].map(String::from).to_vec()
        } else {
            panic!(
                "the tests run as root, who ignores permissions, and neither setpriv nor \
                 runuser (util-linux) is there to run tlx as an unprivileged user"
            );
        };
        let as_nobody = |bin: &Path| {
            let mut c = std::process::Command::new(&prefix[0]);
            c.args(&prefix[1..]).arg(bin);
            c
        };
        let reachable = as_nobody(&bin)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        let bin = if reachable {
            bin
        } else {
            use std::os::unix::fs::PermissionsExt;
            let copy = scratch.join("tlx-bin");
            std::fs::create_dir_all(&copy).unwrap();
            for d in [scratch, copy.as_path()] {
                std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o755)).unwrap();
            }
            let copy = copy.join("tlx");
            std::fs::copy(&bin, &copy).unwrap();
            std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o755)).unwrap();
            copy
        };
        as_nobody(&bin)
    } else {
        std::process::Command::new(bin)
    };
    c.env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .env_remove("TLX_CONFIG")
        .env("XDG_CONFIG_HOME", "/nonexistent-tlx-test-config")
        .env("HOME", "/nonexistent-tlx-test-home")
        .env_remove("XDG_CACHE_HOME")
        .env_remove("XDG_DATA_HOME")
        .env_remove("XDG_STATE_HOME")
        .env_remove("TLX_WORKSPACE")
        .env_remove("SOURCE_DATE_EPOCH")
        .stdin(std::process::Stdio::null());
    c
}

/// True when `program --version` runs.
fn runs(program: &str) -> bool {
    std::process::Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A config as read, as a result: the config when it has no problem, else its problems.
pub fn checked(
    read: (tlx::config::Config, Option<tlx::config::ConfigError>),
) -> Result<tlx::config::Config, tlx::config::ConfigError> {
    match read {
        (c, None) => Ok(c),
        (_, Some(e)) => Err(e),
    }
}
