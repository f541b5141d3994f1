fn main() {
    let paths: Vec<std::path::PathBuf> = std::env::args().skip(1).map(Into::into).collect();
    let l = if paths.is_empty() { tlx::model::load_embedded(&Default::default()) } else { tlx::model::load_paths(&paths, &Default::default()) };
    for d in &l.diagnostics { print!("{}", d.render(false)); }
    println!("{} events, {:?}", l.timeline.events.len(), l.stats);
}
