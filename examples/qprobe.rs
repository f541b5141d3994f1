use std::time::Instant;
fn main() {
    let p = std::env::args().nth(1).unwrap();
    let l = tlx::model::load_paths(&[p.into()], &Default::default());
    let tl = l.timeline;
    let idx = tlx::query::SearchIndex::new(&tl);
    for q in std::env::args().skip(2) {
        let c = tlx::query::Compiled::new(&tlx::query::parse(&q).unwrap(), &tl).unwrap();
        let mut best = f64::MAX;
        let mut res = (0, 0);
        for _ in 0..std::env::var("REPS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(5)
        {
            let t = Instant::now();
            let h = c.run_within(&tl, &idx, &Default::default(), tlx::query::Sort::Date, None);
            let cand = &h;
            best = best.min(t.elapsed().as_secs_f64() * 1000.0);
            res = (h.len(), cand.len());
        }
        println!(
            "{q:>20}: {:>6} hits, {:>6} candidates, best {best:.1} ms",
            res.0, res.1
        );
    }
}
