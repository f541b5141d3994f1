//! How the `tlx` binary's allocator (mimalloc) is set up; the benches set it up the same.

/// `mi_option_purge_delay` in mimalloc's `mimalloc.h` (the crate exports no constant for
/// it): how many milliseconds freed memory is kept before it goes back to the system.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Freed memory goes back to the system after 10 ms, not the 1 s this mimalloc waits by
/// default: a fresh load frees about as much as it keeps, and with the long delay the
/// peak (what the system must find) counted everything freed within the last second.
/// 100k events: 186 -> 154 MB peak, while a load from the cache is as fast as before
/// (README, Performance). Call it first thing, before other threads start.
pub fn tune() {
    // SAFETY: sets an option of mimalloc, which is thread-safe for this option (it is
    // read afresh each time memory is freed).
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 10) };
}

#[cfg(test)]
mod tests {
    use super::MI_OPTION_PURGE_DELAY;

    #[test]
    fn the_purge_delay_option_is_the_one_set() {
        // Of mimalloc's options only `purge_delay` defaults to 1000: should an upgrade
        // renumber them, this fails rather than let `tune` set some other option.
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
            return;
        }
        // SAFETY: reads an option of the allocator.
        let v = unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
        assert_eq!(v, 1000);
    }
}
