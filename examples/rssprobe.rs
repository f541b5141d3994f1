//! Resident memory (as the system counts it) after each stage of opening a timeline in
//! the explorer, with the binary's allocator (a development aid for memory work).
#[global_allocator]
static GLOBAL: tlx::alloc::Allocator = tlx::alloc::Allocator;

fn status(what: &str) {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let get = |k: &str| {
        s.lines()
            .find(|l| l.starts_with(k))
            .map(|l| l[k.len()..].trim().to_string())
            .unwrap_or_default()
    };
    eprintln!(
        "{what:>24}: rss {:>12} peak {:>12}",
        get("VmRSS:"),
        get("VmHWM:")
    );
}

fn main() {
    let paths: Vec<std::path::PathBuf> = std::env::args().skip(1).map(Into::into).collect();
    status("start");
    let l = tlx::model::load_paths(&paths, &Default::default());
    status("loaded");
    tlx::alloc::collect();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    status("loaded, a while later");
    let index = std::thread::scope(|s| {
        s.spawn(|| tlx::query::SearchIndex::new(&l.timeline))
            .join()
            .expect("index")
    });
    status("indexed (on a thread)");
    std::thread::sleep(std::time::Duration::from_millis(1500));
    status("indexed, a while later");
    tlx::alloc::collect();
    status("collected");
    drop((index, l));
}
