//! Opening a URL with the system opener: only http(s), never through a shell, never with
//! something that could be read as an option, with every stream closed so nothing the
//! opener prints reaches the screen.

use std::process::{Command, Stdio};

/// Why a URL was not opened.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum OpenError {
    #[error("only http and https links are opened")]
    NotHttp,
    #[error("could not start {program}: {reason}")]
    Spawn { program: String, reason: String },
}

impl OpenError {
    /// A few words for the status line, after the URL.
    pub fn short(&self) -> String {
        match self {
            OpenError::NotHttp => "only http and https links are opened".into(),
            OpenError::Spawn { program, .. } => format!("could not start {program}"),
        }
    }
}

/// The opener for this system.
pub fn opener() -> &'static str {
    if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    }
}

/// Checks a URL before it is given to another program.
pub fn check(url: &str) -> Result<(), OpenError> {
    if url.starts_with('-') || !crate::model::validate::is_http_url(url) {
        return Err(OpenError::NotHttp);
    }
    Ok(())
}

/// Starts the opener, detached; returns once it has started. A thread waits for it so
/// it does not linger as a zombie, and reports whether it succeeded.
pub fn open(url: &str, done: impl FnOnce(bool) + Send + 'static) -> Result<(), OpenError> {
    check(url)?;
    let program = opener();
    let mut cmd = Command::new(program);
    cmd.arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    crate::alloc::huge_pages_for_child(&mut cmd);
    let mut child = cmd.spawn().map_err(|e| OpenError::Spawn {
        program: program.to_string(),
        reason: e.to_string(),
    })?;
    std::thread::spawn(move || {
        let ok = child.wait().is_ok_and(|s| s.success());
        done(ok);
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_http_urls_pass() {
        assert!(check("https://example.org/a?b=c").is_ok());
        assert!(check("http://example.org").is_ok());
        assert_eq!(check("javascript:alert(1)"), Err(OpenError::NotHttp));
        assert_eq!(check("file:///etc/passwd"), Err(OpenError::NotHttp));
        assert_eq!(check("--help"), Err(OpenError::NotHttp));
        assert_eq!(check("-https://x"), Err(OpenError::NotHttp));
        assert_eq!(check("https://exa mple.org"), Err(OpenError::NotHttp));
        assert_eq!(check("https://"), Err(OpenError::NotHttp));
    }
}
