//! Live heap bytes over a load and the search index's build, sampled every 10 ms (a
//! development aid for memory work).
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let n = LIVE.fetch_add(l.size(), Relaxed) + l.size();
        PEAK.fetch_max(n, Relaxed);
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(l.size(), Relaxed);
        unsafe { System.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        if new > l.size() {
            let n = LIVE.fetch_add(new - l.size(), Relaxed) + new - l.size();
            PEAK.fetch_max(n, Relaxed);
        } else {
            LIVE.fetch_sub(l.size() - new, Relaxed);
        }
        unsafe { System.realloc(p, l, new) }
    }
}

#[global_allocator]
static A: Counting = Counting;

fn main() {
    let paths: Vec<std::path::PathBuf> = std::env::args().skip(1).map(Into::into).collect();
    let t0 = std::time::Instant::now();
    std::thread::spawn(move || {
        loop {
            eprintln!(
                "{:6} ms live {:6.1} MB peak {:6.1} MB",
                t0.elapsed().as_millis(),
                LIVE.load(Relaxed) as f64 / 1e6,
                PEAK.load(Relaxed) as f64 / 1e6
            );
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    });
    let l = tlx::model::load_paths(&paths, &Default::default());
    eprintln!(
        "loaded {} ms: live {:.1} MB peak {:.1} MB",
        t0.elapsed().as_millis(),
        LIVE.load(Relaxed) as f64 / 1e6,
        PEAK.load(Relaxed) as f64 / 1e6
    );
    let index = tlx::query::SearchIndex::new(&l.timeline);
    eprintln!(
        "indexed {} ms: live {:.1} MB peak {:.1} MB",
        t0.elapsed().as_millis(),
        LIVE.load(Relaxed) as f64 / 1e6,
        PEAK.load(Relaxed) as f64 / 1e6
    );
    drop(index);
    drop(l);
    eprintln!("dropped: live {:.1} MB", LIVE.load(Relaxed) as f64 / 1e6);
}
