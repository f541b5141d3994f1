//! Embedded timeline tests (below).
