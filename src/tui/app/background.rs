//! A query over a big timeline runs on a worker thread, so that the screen stays live
//! however long it takes (many terms in best-match order can take seconds at 100,000
//! events): keys keep working, a newer query or quitting calls it off, and its hits land
//! when they are ready.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::Duration;

use crate::model::{EventIx, Timeline};
use crate::query::{Compiled, Context, Hit, SearchIndex, Sort, Trail};

/// Timelines with more events than this search on a worker thread; on smaller ones a
/// query is quick enough to answer before the next frame.
pub const SEARCH_OFF_THREAD_FROM: usize = 5_000;

/// What a search finds: the hits, and the trail the next keystroke can extend.
pub(super) type Found = (Vec<Hit>, Option<Trail>);

/// Everything a search needs, owned, so that it can run on another thread.
pub(super) struct Job {
    pub tl: Arc<Timeline>,
    pub index: Arc<SearchIndex>,
    pub compiled: Arc<Compiled>,
    pub sort: Sort,
    pub within: Option<Vec<EventIx>>,
    pub trail: Option<Trail>,
}

impl Job {
    /// Runs the search here; `None` when `cancel` was set before it finished.
    fn run(&self, cancel: Option<&AtomicBool>) -> Option<Found> {
        let ctx = Context { work: None, cancel };
        let found = self.compiled.run_typed(
            &self.tl,
            &self.index,
            &ctx,
            self.sort,
            self.within.as_deref(),
            self.trail.as_ref(),
        );
        (!ctx.cancelled()).then_some(found)
    }

    /// Runs the search at once, on this thread (it cannot be called off).
    pub fn run_here(&self) -> Found {
        self.run(None).unwrap_or_default()
    }
}

/// A search running on a worker thread. Dropping it calls the search off.
pub(super) struct Pending {
    cancel: Arc<AtomicBool>,
    rx: mpsc::Receiver<Found>,
}

impl Pending {
    /// Starts `job` on a worker thread; gives the job back when no thread can be started
    /// (the caller then runs it itself).
    pub fn start(job: Job) -> Result<Pending, Arc<Job>> {
        let cancel = Arc::new(AtomicBool::new(false));
        let (tx, rx) = mpsc::channel();
        let job = Arc::new(job);
        let worker = {
            let (cancel, job) = (Arc::clone(&cancel), Arc::clone(&job));
            std::thread::Builder::new()
                .name("tlx-search".into())
                .spawn(move || {
                    if let Some(found) = job.run(Some(&cancel)) {
                        // The receiver is gone when a newer search replaced this one.
                        let _ = tx.send(found);
                    }
                })
        };
        match worker {
            Ok(_) => Ok(Pending { cancel, rx }),
            Err(_) => Err(job),
        }
    }

    /// The hits, if the search has finished; `Err` when the worker died without them.
    pub fn poll(&self) -> Option<Result<Found, ()>> {
        match self.rx.try_recv() {
            Ok(found) => Some(Ok(found)),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => Some(Err(())),
        }
    }

    /// Waits up to `limit` for the hits.
    pub fn wait(&self, limit: Duration) -> Option<Result<Found, ()>> {
        match self.rx.recv_timeout(limit) {
            Ok(found) => Some(Ok(found)),
            Err(mpsc::RecvTimeoutError::Timeout) => None,
            Err(mpsc::RecvTimeoutError::Disconnected) => Some(Err(())),
        }
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}
