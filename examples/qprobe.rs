//! Times queries over a timeline file, the search index built once, as the explorer
//! runs them: `qprobe FILE QUERY…` (best of `REPS` runs, default 5; `SORT=score` ranks).
use std::time::Instant;
fn main() {
    let p = std::env::args().nth(1).unwrap();
    let l = tlx::model::load_paths(&[p.into()], &Default::default());
    let tl = l.timeline;
    let idx = tlx::query::SearchIndex::new(&tl);
    let sort = match std::env::var("SORT").as_deref() {
        Ok("score") => tlx::query::Sort::Score,
        _ => tlx::query::Sort::Date,
    };
    let reps = std::env::var("REPS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    for q in std::env::args().skip(2) {
        let parsed = match tlx::query::parse(&q) {
            Ok(parsed) => parsed,
            Err(e) => {
                print!("{}", e.render(&q));
                continue;
            }
        };
        let c = tlx::query::Compiled::new(&parsed, &tl).unwrap();
        let mut best = f64::MAX;
        let mut hits = 0;
        for _ in 0..reps {
            let t = Instant::now();
            hits = c.run(&tl, &idx, &Default::default(), sort).len();
            best = best.min(t.elapsed().as_secs_f64() * 1000.0);
        }
        let shown: String = q.chars().take(40).collect();
        println!("{shown:>40}: {hits:>6} hits, best {best:.1} ms");
    }
}
