use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization};
use nucleo_matcher::{Config, Matcher, Utf32String};
fn main() {
    let mut m = Matcher::new(Config::DEFAULT);
    let args: Vec<String> = std::env::args().skip(1).collect();
    let atom = Atom::new(
        &args[0],
        CaseMatching::Smart,
        Normalization::Smart,
        AtomKind::Fuzzy,
        false,
    );
    for h in &args[1..] {
        let u = Utf32String::from(h.as_str());
        println!("{:?}  {h}", atom.score(u.slice(..), &mut m));
    }
}
