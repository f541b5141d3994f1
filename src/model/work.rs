//! What a load did, counted: the work done (the same on any machine, so that tests can
//! bound it), and how far it has come (for a progress display).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// How much a load did, counted rather than timed: the same on any machine, so that a
/// test can bound it against the size of what was read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Work {
    /// Bytes read from files, pipes and devices (the embedded timeline and texts given
    /// in memory are not read).
    pub bytes_read: u64,
    /// YAML events the parser produced, over every parse of the load: each file once
    /// (or once per piece), and again only to restore a spelling or place a diagnostic.
    pub yaml_events: u64,
    /// Aliases (`*name`) the parser replayed.
    pub aliases: u64,
    /// Bytes of text scanned to find the lines that diagnostics show.
    pub line_bytes: u64,
}

/// Counts a load's [`Work`] from whichever thread does it.
#[derive(Debug, Default)]
pub struct Meter {
    bytes_read: AtomicU64,
    yaml_events: AtomicU64,
    aliases: AtomicU64,
    line_bytes: AtomicU64,
}

impl Meter {
    pub fn work(&self) -> Work {
        Work {
            bytes_read: self.bytes_read.load(Ordering::Relaxed),
            yaml_events: self.yaml_events.load(Ordering::Relaxed),
            aliases: self.aliases.load(Ordering::Relaxed),
            line_bytes: self.line_bytes.load(Ordering::Relaxed),
        }
    }
    /// `options`, counting what the parser does with them into this meter.
    pub fn count(self: &Arc<Self>, options: serde_saphyr::Options) -> serde_saphyr::Options {
        let meter = Arc::clone(self);
        options.with_budget_report(move |r| {
            meter
                .yaml_events
                .fetch_add(r.events as u64, Ordering::Relaxed);
            meter.aliases.fetch_add(r.aliases as u64, Ordering::Relaxed);
        })
    }
    pub fn read(&self, n: u64) {
        self.bytes_read.fetch_add(n, Ordering::Relaxed);
    }
    pub fn scanned(&self, n: u64) {
        self.line_bytes.fetch_add(n, Ordering::Relaxed);
    }
}

/// How far a load has come, for a progress display: bytes parsed of the total.
#[derive(Debug, Default)]
pub struct Progress {
    pub total: AtomicU64,
    pub done: AtomicU64,
}
