//! The binary's allocator, mimalloc, and what a program does with memory once it has
//! loaded a timeline and waits on its user.
//!
//! mimalloc keeps freed memory for a while before it gives it back to the system; a
//! load frees much of what it allocated (the parser's values, each event's raw form), so
//! the loader calls [`collect`] once it is done.

/// The global allocator of the binary and the benches.
pub use mimalloc::MiMalloc as Allocator;

/// Gives memory freed so far back to the system now. Cheap enough to call after each
/// piece of a big file; no more than a look at mimalloc's own empty heaps where it is not
/// the allocator (the tests).
pub fn collect() {
    // SAFETY: `mi_collect` is thread-safe and only returns free memory to the system.
    unsafe { libmimalloc_sys::mi_collect(true) };
}

/// Called by a program that will now wait on its user with what it loaded: gives back
/// what is free, and stops the kernel from turning this process's memory into
/// transparent huge pages from now on.
///
/// mimalloc asks for huge pages, which makes a load's many page faults few: the
/// explorer's first frame from the cache of the 100k-event file takes 113 ms with them
/// and 177 ms without. But the kernel's background merger (khugepaged) later makes a huge
/// page of any 2 MiB in which a single small page is in use, filling the rest with zeros:
/// an idle explorer on that file grew from 163 to 190 MB in 40 seconds, and on. Pages
/// that are huge already stay so. (The setting passes to child processes: the link
/// opener turns it back off for its own.)
pub fn settle() {
    collect();
    #[cfg(target_os = "linux")]
    // SAFETY: `PR_SET_THP_DISABLE` only sets a flag of this process; it reads no memory.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// Lets a child process that is about to run another program use transparent huge
/// pages again ([`settle`] turned them off for this process, and children inherit it).
#[cfg(target_os = "linux")]
pub fn huge_pages_for_child(cmd: &mut std::process::Command) {
    use std::os::unix::process::CommandExt;
    // SAFETY: the hook runs in the child between fork and exec, where only
    // async-signal-safe calls are allowed: `prctl` is a plain system call.
    unsafe {
        cmd.pre_exec(|| {
            libc::prctl(libc::PR_SET_THP_DISABLE, 0, 0, 0, 0);
            Ok(())
        });
    }
}

/// Nothing to undo where [`settle`] changes nothing.
#[cfg(not(target_os = "linux"))]
pub fn huge_pages_for_child(_cmd: &mut std::process::Command) {}
