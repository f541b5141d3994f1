//! Briefs: golden output, Markdown structure, hostile text, write rules.
