//! The `tlx` binary: parse the command line, run, exit with the documented status.

use std::process::ExitCode;

use clap::Parser;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc's `mimalloc.h` (the crate exports no constant for
/// it): how many milliseconds freed memory is kept before it goes back to the system.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> ExitCode {
    // Freed memory goes back to the system after 10 ms, not the 1 s this mimalloc waits
    // by default: a fresh load frees about as much as it keeps, and the peak (what the
    // system must find) stays near what is live. 100k events: 186 -> 154 MB, while a
    // load from the cache is as fast as before (README, Performance).
    // SAFETY: sets an option of the allocator this binary uses; no other thread runs yet.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 10) };
    let cli = match tlx::cli::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            // clap prints help and version to stdout (exit 0) and usage errors to stderr (exit 2).
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    tlx::commands::run(cli)
}

#[cfg(test)]
mod tests {
    use super::MI_OPTION_PURGE_DELAY;

    #[test]
    fn the_purge_delay_option_is_the_one_set() {
        // Of mimalloc's options only `purge_delay` defaults to 1000: should an upgrade
        // renumber them, this fails rather than set some other option.
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
            return;
        }
        // SAFETY: reads an option of the allocator.
        let v = unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
        assert_eq!(v, 1000);
    }
}
