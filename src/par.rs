//! Work on every core: one small helper instead of a thread pool per module.
//!
//! The work here is a few coarse jobs (files to parse, runs of events to fold or decode),
//! so scoped threads that take jobs from a shared queue are all that is needed; a
//! work-stealing pool (rayon) would add a dependency and a global pool for no gain.

use std::ops::Range;
use std::sync::Mutex;

/// How many threads the machine runs at once.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// `f` of each job, on up to [`cores`] threads, in the order of `jobs`. Jobs are taken
/// one at a time, so uneven jobs still share the cores; a single job runs on this thread.
pub fn map<T: Send, R: Send>(jobs: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    let threads = cores().min(jobs.len());
    if threads <= 1 {
        return jobs.into_iter().map(f).collect();
    }
    let n = jobs.len();
    let queue = Mutex::new(jobs.into_iter().enumerate());
    let done: Mutex<Vec<Option<R>>> = Mutex::new((0..n).map(|_| None).collect());
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                loop {
                    // The lock is released before the job runs.
                    let next = queue.lock().expect("no panic holds the queue").next();
                    let Some((i, job)) = next else { break };
                    let r = f(job);
                    done.lock().expect("no panic holds the results")[i] = Some(r);
                }
            });
        }
    });
    done.into_inner()
        .expect("no panic holds the results")
        .into_iter()
        .map(|r| r.expect("every job ran"))
        .collect()
}

/// `0..n` cut into contiguous runs of at least `min` items, one per core at most (a
/// single run when `n` is below `2 * min`, where one thread is quicker).
pub fn runs(n: usize, min: usize) -> Vec<Range<usize>> {
    let parts = cores().min(n / min.max(1)).max(1);
    let size = n.div_ceil(parts).max(1);
    (0..parts)
        .map(|k| (k * size).min(n)..((k + 1) * size).min(n))
        .filter(|r| !r.is_empty() || n == 0)
        .take(parts)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_order_of_the_jobs() {
        let jobs: Vec<u64> = (0..1000).collect();
        // Uneven jobs, so that threads finish out of order.
        let out = map(jobs.clone(), |j| {
            if j % 7 == 0 {
                (0..20_000u64).fold(j, |a, b| a.wrapping_add(b % 3))
            } else {
                j
            }
        });
        let expected: Vec<u64> = jobs
            .iter()
            .map(|&j| {
                if j % 7 == 0 {
                    (0..20_000u64).fold(j, |a, b| a.wrapping_add(b % 3))
                } else {
                    j
                }
            })
            .collect();
        assert_eq!(out, expected);
        assert!(map(Vec::<u8>::new(), |j| j).is_empty());
    }

    #[test]
    fn runs_cover_every_item_once_in_order() {
        for n in [0, 1, 5, 99, 100, 1000, 12_345] {
            for min in [1, 10, 100, 8192] {
                let rs = runs(n, min);
                assert!(!rs.is_empty());
                assert!(rs.len() <= cores().max(1));
                let flat: Vec<usize> = rs.iter().cloned().flatten().collect();
                assert_eq!(flat, (0..n).collect::<Vec<_>>(), "n {n} min {min}");
                if n < 2 * min {
                    assert_eq!(rs.len(), 1, "n {n} min {min}");
                }
            }
        }
    }
}
