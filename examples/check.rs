//! Prints the diagnostics of timeline files (a development aid; `tlx validate` is the tool).
fn main() {
    let paths: Vec<std::path::PathBuf> = std::env::args().skip(1).map(Into::into).collect();
    let l = if paths.is_empty() {
        tlx::model::load_embedded(&Default::default())
    } else {
        tlx::model::load_paths(&paths, &Default::default())
    };
    for d in &l.diagnostics {
        print!("{}", d.render(false));
    }
    println!(
        "{} events, {} errors, {} warnings",
        l.timeline.events.len(),
        l.errors().count(),
        l.warnings().count()
    );
}
