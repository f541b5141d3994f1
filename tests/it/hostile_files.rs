//! The big hostile files, generated (never kept in the repository): shared by the tests
//! that check how they are refused (`hostile.rs`) and the bench that measures what
//! refusing them costs (`benches/load.rs`, group `hostile`).

/// One anchor of 20,000 items, referenced 20,000 times: 100 KB that would expand to
/// 400 million nodes.
pub fn flat_bomb() -> String {
    let mut s = String::from("title: Flat bomb\nbase: &x [");
    s.push_str(&vec!["z"; 20_000].join(","));
    s.push_str("]\nevents: [");
    s.push_str(&vec!["*x"; 20_000].join(","));
    s.push_str("]\n");
    s
}

/// 10,000 nested flow sequences, opened and closed.
pub fn nested_brackets() -> String {
    format!(
        "title: Deep\nevents: {}{}\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    )
}

/// A mapping nested 1,000 levels deep in block style.
pub fn deep_block() -> String {
    let mut s = String::from("title: Deep\nevents:\n");
    for i in 0..1_000 {
        s.push_str(&" ".repeat(i + 1));
        s.push_str("a:\n");
    }
    s
}

/// A valid timeline whose title is one line of 10 MB.
pub fn long_line() -> String {
    format!(
        "title: {}\nevents:\n  - {{id: one, date: 2024, title: One, sources: [{{publisher: P}}]}}\n",
        "a".repeat(10_000_000)
    )
}

/// `n` events without a source: `n` warnings, each with its line.
pub fn many_warnings(n: usize) -> String {
    let mut s = String::from("title: Many\nevents:\n");
    for i in 0..n {
        s.push_str(&format!("  - {{id: e{i}, date: 2024, title: T}}\n"));
    }
    s
}

/// An event with an id of `n` characters, related to an unknown id one letter away.
pub fn long_ids(n: usize) -> String {
    format!(
        "title: Long ids\nevents:\n  - id: {}\n    date: 2024\n    title: T\n    sources: [{{publisher: P}}]\n    related: [{}b]\n",
        "a".repeat(n),
        "a".repeat(n - 1)
    )
}
