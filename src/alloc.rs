//! The binary's allocator (mimalloc) and a load's peak memory.
//!
//! mimalloc keeps freed memory for a second before it gives it back to the system. A
//! fresh load frees about as much as it keeps (a file's text once it is cut into pieces,
//! each piece once parsed, the parsed form of each event once registered), so with that
//! delay the peak counted everything freed within the last second. The loader calls
//! [`collect`] where it has just freed much. On the 100k-event file, `tlx validate
//! --no-cache` peaked at 186-188 MB without it and 165-166 MB with it (2.8 times the
//! file), in the same time.
//!
//! Setting mimalloc's purge delay to 10 ms instead gave 154 MB, but freed pages were then
//! given back between keystrokes too, and faulted in again: the typing benchmark went
//! from 36 to 43 ms. Collecting at a few points of a load costs nothing elsewhere.

/// Gives memory freed so far back to the system now. Cheap enough to call after each
/// piece of a big file; no more than a look at mimalloc's own empty heaps where it is not
/// the allocator (the tests).
pub fn collect() {
    // SAFETY: `mi_collect` is thread-safe and only returns free memory to the system.
    unsafe { libmimalloc_sys::mi_collect(true) };
}
