//! Import and export together, on small documents.

use super::*;
use crate::model::{LoadOptions, load_texts};

fn load(yaml: &str) -> crate::model::Loaded {
    load_texts(&[("t.yaml", yaml)], &LoadOptions::default())
}

#[test]
fn a_minimal_document_imports() {
    let json = r#"{"events": [{"start_date": {"year": "2024"}, "text": {"headline": "Hi"}}]}"#;
    let imp = import(json, "x.json").unwrap();
    let l = load(&imp.yaml);
    assert!(!l.has_errors(), "{}", imp.yaml);
    assert_eq!(l.timeline.title, "x");
    assert_eq!(l.timeline.events[0].id, "hi");
}
