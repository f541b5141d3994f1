//! The Markdown brief: a pure function of (timeline, selection, options, time).
//! (Being written: see issue "Markdown briefs an analyst can hand on".)
