//! What an export writes into a TimelineJS document so that the import can read it back:
//! the classes of the source list and the tag line, and the label of an era still running.

/// The class of the element that lists an event's sources in an exported slide's text.
pub const SOURCES_CLASS: &str = "tlx-sources";
/// The class of the paragraph that lists an event's tags when it has more than one.
pub const TAGS_CLASS: &str = "tlx-tags";
/// The words before the tags in that paragraph.
pub const TAGS_PREFIX: &str = "Tags:";
/// The `display_date` of the end of an era still running (TimelineJS needs an end date).
pub const ERA_ONGOING: &str = "ongoing";
