//! The session state: what the explorer showed when it quit (the query, the selected
//! event, the search history), so that it opens there again. Personal, never shared:
//! it lives under `$XDG_STATE_HOME` ([`place`](super::place)).

use std::path::Path;

use serde::{Deserialize, Serialize};

/// How many queries of the search history are kept.
pub const HISTORY_KEPT: usize = 200;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Session {
    /// The list's query.
    pub query: String,
    /// The id of the selected event.
    pub selected: Option<String>,
    /// Queries given, oldest first.
    pub history: Vec<String>,
}

impl Session {
    /// The state kept at `path`; nothing (the defaults) when there is none or it does not
    /// read: it is a convenience, never worth an error.
    pub fn read(path: &Path) -> Session {
        crate::fsutil::read_regular(path, 4 << 20)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    /// Writes the state to `path` (a private file), the history cut to its last
    /// [`HISTORY_KEPT`] queries.
    pub fn write(&self, path: &Path) -> Result<(), crate::fsutil::WriteError> {
        let mut s = self.clone();
        let cut = s.history.len().saturating_sub(HISTORY_KEPT);
        s.history.drain(..cut);
        let text = serde_json::to_string_pretty(&s).unwrap_or_default();
        crate::fsutil::write_private(path, format!("{text}\n").as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_state_comes_back_and_a_bad_file_is_no_state() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("s").join("x.json");
        assert_eq!(Session::read(&p), Session::default());
        let s = Session {
            query: "tag:ban".into(),
            selected: Some("odni".into()),
            history: (0..300).map(|i| format!("q{i}")).collect(),
        };
        s.write(&p).unwrap();
        let back = Session::read(&p);
        assert_eq!(back.query, "tag:ban");
        assert_eq!(back.history.len(), HISTORY_KEPT);
        assert_eq!(back.history.last().unwrap(), "q299");
        std::fs::write(&p, "{not json").unwrap();
        assert_eq!(Session::read(&p), Session::default());
    }
}
