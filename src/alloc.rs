//! The binary's allocator (mimalloc, with a heap of its own for what a load keeps) and
//! a load's peak memory.
//!
//! mimalloc keeps freed memory for a while before it gives it back to the system. A
//! fresh load frees about as much as it keeps (a file's text once it is cut into pieces,
//! each piece once parsed, the parsed form of each event once registered), so with that
//! delay the peak counted everything freed shortly before. The loader calls [`collect`]
//! where it has just freed much: after each piece, and every few thousand events while
//! registering them.
//!
//! A page goes back only once all of it is free, and a load allocates what it keeps in
//! between what it throws away: after a load of the 100k-event file, 83.5 MB were live
//! in 145 MB of pages. What a load keeps is therefore built in [`keep`], in a heap of its
//! own ([`Allocator`]); the same load then holds 100 MB of pages.
//!
//! Setting mimalloc's purge delay to 10 ms instead of collecting gave a lower peak, but
//! freed pages were then given back between keystrokes too, and faulted in again: the
//! typing benchmark went from 36 to 43 ms. Collecting at a few points of a load costs
//! nothing elsewhere.

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

use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;
use std::sync::atomic::{AtomicPtr, Ordering};

use libmimalloc_sys as mi;

/// The binary's allocator: mimalloc, with a heap of its own for what a load keeps.
///
/// A load allocates what it keeps (each event's text and lists) in between what it
/// throws away (the parser's values, each event's references until they are resolved).
/// In one heap the two share pages, and a page can only go back to the system once all
/// of it is free. Code that builds something to keep runs it in [`keep`], which puts it
/// in pages of its own, so that what is thrown away leaves whole pages free.
pub struct Allocator;

thread_local! {
    /// Whether this thread's allocations go to the kept heap ([`keep`]).
    static KEEP: Cell<bool> = const { Cell::new(false) };
}

/// The heap for what a load keeps, made on first use (mimalloc's heaps can be used
/// from any thread, and their blocks freed from any thread).
static KEPT: AtomicPtr<mi::mi_heap_t> = AtomicPtr::new(std::ptr::null_mut());

/// The kept heap, or null when there is none: mimalloc older than 3, whose heaps belong
/// to the thread that made them, or no memory to make one (allocations then go to the
/// default heap, as without [`keep`]).
fn kept_heap() -> *mut mi::mi_heap_t {
    let heap = KEPT.load(Ordering::Acquire);
    if !heap.is_null() {
        return heap;
    }
    // SAFETY: `mi_version` has no preconditions.
    if unsafe { mi::mi_version() } < 30000 {
        return std::ptr::null_mut();
    }
    // SAFETY: `mi_heap_new` has no preconditions; it allocates through mimalloc's own
    // metadata, not through this allocator.
    let new = unsafe { mi::mi_heap_new() };
    if new.is_null() {
        return new;
    }
    match KEPT.compare_exchange(
        std::ptr::null_mut(),
        new,
        Ordering::AcqRel,
        Ordering::Acquire,
    ) {
        Ok(_) => new,
        Err(other) => {
            // Another thread made one first: this one is empty, so delete it.
            // SAFETY: `new` came from `mi_heap_new` and holds no blocks.
            unsafe { mi::mi_heap_delete(new) };
            other
        }
    }
}

/// The kept heap when this thread's allocations go to it now.
fn keeping_in() -> Option<*mut mi::mi_heap_t> {
    if KEEP.with(Cell::get) {
        Some(kept_heap()).filter(|h| !h.is_null())
    } else {
        None
    }
}

/// Whether allocations on this thread go to the kept heap now (when there is one).
#[cfg(test)]
fn keeping() -> bool {
    KEEP.with(Cell::get)
}

// SAFETY: every block comes from mimalloc (the default heap, or the kept heap, which
// never goes away), honours the layout's size and alignment, and is freed or resized
// by mimalloc, which finds a block's heap from its address.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if let Some(heap) = keeping_in() {
            // SAFETY: as `GlobalAlloc::alloc`; the heap is valid for the program's life.
            unsafe { mi::mi_heap_malloc_aligned(heap, layout.size(), layout.align()) }.cast()
        } else {
            // SAFETY: the caller's obligations are passed on.
            unsafe { mimalloc::MiMalloc.alloc(layout) }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if let Some(heap) = keeping_in() {
            // SAFETY: as `alloc`.
            unsafe { mi::mi_heap_zalloc_aligned(heap, layout.size(), layout.align()) }.cast()
        } else {
            // SAFETY: the caller's obligations are passed on.
            unsafe { mimalloc::MiMalloc.alloc_zeroed(layout) }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from mimalloc, whichever heap it is in.
        unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if let Some(heap) = keeping_in() {
            // SAFETY: `ptr` came from mimalloc with this layout's alignment.
            unsafe { mi::mi_heap_realloc_aligned(heap, ptr.cast(), new_size, layout.align()) }
                .cast()
        } else {
            // SAFETY: the caller's obligations are passed on.
            unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) }
        }
    }
}

/// Runs `f` with this thread's allocations going to the kept heap (when [`Allocator`]
/// is the program's allocator; elsewhere it only runs `f`).
pub fn keep<T>(f: impl FnOnce() -> T) -> T {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            KEEP.with(|k| k.set(self.0));
        }
    }
    let _restore = Restore(KEEP.with(|k| k.replace(true)));
    f()
}

/// A copy of `s` in the kept heap, exactly as long as it.
pub fn kept(s: &str) -> String {
    keep(|| s.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    unsafe extern "C" {
        /// mimalloc's heap of a block (in mimalloc 3; the bindings do not list it).
        fn mi_heap_of(p: *const std::ffi::c_void) -> *mut mi::mi_heap_t;
    }

    fn heap_of(p: *mut u8) -> *mut mi::mi_heap_t {
        // SAFETY: `p` is a live block from mimalloc.
        unsafe { mi_heap_of(p.cast()) }
    }

    #[test]
    fn blocks_made_while_keeping_are_in_the_kept_heap_and_no_others() {
        let a = Allocator;
        for align in [1, 8, 16, 64, 4096] {
            let small = Layout::from_size_align(100, align).unwrap();
            // SAFETY: every block is freed once, with the layout it has.
            unsafe {
                let kept = keep(|| a.alloc(small));
                let other = a.alloc(small);
                assert!(!kept.is_null() && !other.is_null());
                assert_eq!(kept as usize % align, 0);
                assert_eq!(heap_of(kept), kept_heap(), "align {align}");
                assert_ne!(heap_of(other), kept_heap(), "align {align}");
                kept.write_bytes(7, 100);
                // Growing while keeping keeps the bytes and the heap.
                let grown = keep(|| a.realloc(kept, small, 5000));
                assert_eq!(grown as usize % align, 0);
                assert_eq!(heap_of(grown), kept_heap());
                assert!((0..100).all(|i| *grown.add(i) == 7));
                let zeroed_layout = Layout::from_size_align(3000, align).unwrap();
                let zeroed = keep(|| a.alloc_zeroed(zeroed_layout));
                assert_eq!(heap_of(zeroed), kept_heap());
                assert!((0..3000).all(|i| *zeroed.add(i) == 0));
                a.dealloc(grown, Layout::from_size_align(5000, align).unwrap());
                a.dealloc(other, small);
                a.dealloc(zeroed, zeroed_layout);
            }
        }
    }

    #[test]
    fn keeping_ends_with_its_closure_even_when_it_panics() {
        assert!(!keeping());
        assert!(keep(keeping));
        let nested = keep(|| keep(|| 1) + usize::from(keeping()));
        assert_eq!(nested, 2, "an inner keep leaves the outer one on");
        assert!(!keeping());
        assert!(std::panic::catch_unwind(|| keep(|| panic!("inside"))).is_err());
        assert!(!keeping());
        // Another thread is not affected.
        keep(|| std::thread::spawn(keeping).join().map(|k| assert!(!k))).expect("thread");
    }

    #[test]
    fn a_kept_copy_is_exactly_as_long_as_its_text() {
        let s = kept("Zürich");
        assert_eq!(s, "Zürich");
        assert_eq!(s.capacity(), s.len());
    }
}

#[cfg(all(test, target_os = "linux"))]
mod child_tests {
    use super::*;

    /// What the kernel says of a child's transparent huge pages (empty on kernels that
    /// do not say).
    fn child_thp(undo: bool) -> String {
        let mut cmd = std::process::Command::new("grep");
        cmd.args(["THP_enabled", "/proc/self/status"]);
        if undo {
            huge_pages_for_child(&mut cmd);
        }
        String::from_utf8(cmd.output().expect("grep runs").stdout).expect("text")
    }

    #[test]
    fn a_program_started_after_settling_may_use_huge_pages_again() {
        if child_thp(false).is_empty() {
            return;
        }
        settle();
        assert!(
            child_thp(false).trim_end().ends_with('0'),
            "{}",
            child_thp(false)
        );
        assert!(
            child_thp(true).trim_end().ends_with('1'),
            "{}",
            child_thp(true)
        );
    }
}
