//! The file as YAML wrote it: lenient serde types that never abort on a wrong type.
//!
//! serde stops at the first error, but a timeline's author wants every problem of a file
//! in one pass. So each field is read as [`Lenient`]: either the value, or a note of what
//! kind of node stood there instead (a list where a string was expected, say). Unknown
//! and repeated keys are recorded, not rejected. Validation (`validate.rs`) turns all of
//! this into diagnostics afterwards, with a path to each value; `locate.rs` turns paths
//! into line and column only when there is something to report, so the common case (a
//! valid file) pays nothing for positions.
//!
//! The loader reads a file with `seed.rs`, which hands each item of its `events` list to
//! a function as soon as it is read.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::diag::Path;

/// The kind of YAML node found where a field expected something else.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Found {
    Null,
    Bool,
    Integer,
    Float,
    Text,
    List,
    Mapping,
}

impl Found {
    /// "a list", "a string", … for messages.
    pub fn describe(self) -> &'static str {
        match self {
            Found::Null => "nothing (null)",
            Found::Bool => "a boolean",
            Found::Integer => "an integer",
            Found::Float => "a decimal number",
            Found::Text => "a string",
            Found::List => "a list",
            Found::Mapping => "a mapping",
        }
    }
}

/// A value, or what stood in its place.
#[derive(Debug)]
pub enum Lenient<T> {
    Ok(T),
    Wrong(Found),
}

impl<T> Lenient<T> {
    pub fn ok(&self) -> Option<&T> {
        match self {
            Lenient::Ok(v) => Some(v),
            Lenient::Wrong(_) => None,
        }
    }
}

/// A text scalar.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Text {
    pub value: String,
    /// YAML read this scalar as a number or boolean (`1.50`, `0x1F`, `true`), so its
    /// spelling here may differ from the file's; the loader restores the spelling.
    pub coerced: bool,
}

/// Visits every text scalar with its path, in a fixed order (to restore the spelling
/// of scalars that YAML read as numbers).
pub trait Walk {
    fn walk(&mut self, path: &Path, f: &mut dyn FnMut(&Path, &mut Text));
    /// Whether any text scalar inside was read as a number or boolean.
    fn coerced(&self) -> bool;
}

impl Walk for Text {
    fn walk(&mut self, path: &Path, f: &mut dyn FnMut(&Path, &mut Text)) {
        f(path, self);
    }
    fn coerced(&self) -> bool {
        self.coerced
    }
}

impl Walk for Int {
    fn walk(&mut self, _: &Path, _: &mut dyn FnMut(&Path, &mut Text)) {}
    fn coerced(&self) -> bool {
        false
    }
}

impl<T: Walk> Walk for Lenient<T> {
    fn walk(&mut self, path: &Path, f: &mut dyn FnMut(&Path, &mut Text)) {
        if let Lenient::Ok(v) = self {
            v.walk(path, f);
        }
    }
    fn coerced(&self) -> bool {
        self.ok().is_some_and(Walk::coerced)
    }
}

impl<T: Walk> Walk for List<T> {
    fn walk(&mut self, path: &Path, f: &mut dyn FnMut(&Path, &mut Text)) {
        for (i, item) in self.0.iter_mut().enumerate() {
            item.walk(&path.index(i), f);
        }
    }
    fn coerced(&self) -> bool {
        self.0.iter().any(Walk::coerced)
    }
}

impl<T: Walk> Walk for IdMap<T> {
    fn walk(&mut self, path: &Path, f: &mut dyn FnMut(&Path, &mut Text)) {
        let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        for (key, value) in &mut self.0 {
            let Lenient::Ok(k) = key else { continue };
            let name = k.value.clone();
            let nth = seen.entry(name.clone()).or_default();
            let key_path = path.key_name(&name, *nth);
            *nth += 1;
            k.walk(&key_path, f);
            value.walk(&path.key(&name), f);
        }
    }
    fn coerced(&self) -> bool {
        self.0.iter().any(|(k, v)| k.coerced() || v.coerced())
    }
}

/// How each node kind turns into `Self`; `None` means "wrong kind".
pub trait Accept<'de>: Sized {
    /// What the field expects, for messages ("a string", "a list of tags").
    const EXPECTING: &'static str;

    fn from_text(_v: &str) -> Option<Self> {
        None
    }
    fn from_coerced(_v: String) -> Option<Self> {
        None
    }
    fn from_int(_v: i128) -> Option<Self> {
        None
    }
    /// An integer where text was expected, in its decimal spelling.
    fn from_integer(v: String) -> Option<Self> {
        Self::from_coerced(v)
    }
    fn from_seq<A: SeqAccess<'de>>(mut a: A) -> Result<Option<Self>, A::Error> {
        while a.next_element::<IgnoredAny>()?.is_some() {}
        Ok(None)
    }
    fn from_map<A: MapAccess<'de>>(mut a: A) -> Result<Option<Self>, A::Error> {
        while a.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(None)
    }
}

/// Reads any node as a [`Lenient<T>`].
pub struct LenientVisitor<T>(pub PhantomData<T>);

fn wrap<T>(v: Option<T>, found: Found) -> Lenient<T> {
    match v {
        Some(v) => Lenient::Ok(v),
        None => Lenient::Wrong(found),
    }
}

impl<'de, T: Accept<'de>> Visitor<'de> for LenientVisitor<T> {
    type Value = Lenient<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(wrap(T::from_coerced(v.to_string()), Found::Bool))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(match T::from_int(i128::from(v)) {
            Some(x) => Lenient::Ok(x),
            None => wrap(T::from_integer(v.to_string()), Found::Integer),
        })
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(match T::from_int(i128::from(v)) {
            Some(x) => Lenient::Ok(x),
            None => wrap(T::from_integer(v.to_string()), Found::Integer),
        })
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Self::Value, E> {
        Ok(match T::from_int(v) {
            Some(x) => Lenient::Ok(x),
            None => wrap(T::from_integer(v.to_string()), Found::Integer),
        })
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Self::Value, E> {
        Ok(wrap(T::from_integer(v.to_string()), Found::Integer))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(wrap(T::from_coerced(v.to_string()), Found::Float))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(wrap(T::from_text(v), Found::Text))
    }
    fn visit_char<E: de::Error>(self, v: char) -> Result<Self::Value, E> {
        self.visit_str(v.encode_utf8(&mut [0; 4]))
    }
    fn visit_bytes<E: de::Error>(self, _v: &[u8]) -> Result<Self::Value, E> {
        Ok(Lenient::Wrong(Found::Text))
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Lenient::Wrong(Found::Null))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Lenient::Wrong(Found::Null))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, a: A) -> Result<Self::Value, A::Error> {
        Ok(wrap(T::from_seq(a)?, Found::List))
    }
    fn visit_map<A: MapAccess<'de>>(self, a: A) -> Result<Self::Value, A::Error> {
        Ok(wrap(T::from_map(a)?, Found::Mapping))
    }
    fn visit_enum<A: de::EnumAccess<'de>>(self, a: A) -> Result<Self::Value, A::Error> {
        // Tagged values (`!tag value`) are not part of the format; read and drop them.
        let (_, variant) = a.variant::<IgnoredAny>()?;
        de::VariantAccess::newtype_variant::<IgnoredAny>(variant)?;
        Ok(Lenient::Wrong(Found::Mapping))
    }
}

impl<'de, T: Accept<'de>> Deserialize<'de> for Lenient<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(LenientVisitor(PhantomData))
    }
}

impl<'de> Accept<'de> for Text {
    const EXPECTING: &'static str = "a string";
    fn from_text(v: &str) -> Option<Self> {
        Some(Text {
            value: v.to_owned(),
            coerced: false,
        })
    }
    fn from_coerced(v: String) -> Option<Self> {
        Some(Text {
            value: v,
            coerced: true,
        })
    }
    /// Decimal integers are spelled as written (leading zeros and underscores are kept as
    /// strings by the parser options), so `date: 2024` needs no second look at the file.
    /// Only the rare hex, octal, binary and `+` spellings read as their decimal value.
    fn from_integer(v: String) -> Option<Self> {
        Some(Text {
            value: v,
            coerced: false,
        })
    }
}

/// An integer field (`version`, `credibility`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Int(pub i128);

impl<'de> Accept<'de> for Int {
    const EXPECTING: &'static str = "an integer";
    fn from_int(v: i128) -> Option<Self> {
        Some(Int(v))
    }
}

/// A list whose items are read leniently one by one.
#[derive(Debug)]
pub struct List<T>(pub Vec<T>);

impl<T> Default for List<T> {
    fn default() -> Self {
        List(Vec::new())
    }
}

impl<'de, T: Deserialize<'de>> Accept<'de> for List<T> {
    const EXPECTING: &'static str = "a list";
    fn from_seq<A: SeqAccess<'de>>(mut a: A) -> Result<Option<Self>, A::Error> {
        let mut v = Vec::with_capacity(a.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = a.next_element::<T>()? {
            v.push(item);
        }
        Ok(Some(List(v)))
    }
}

/// A file's `events` list: its items when read as plain YAML, or only how many there
/// were when [`FileSeed`] handed each to its function as it was read.
#[derive(Debug, Default)]
pub struct EventList {
    pub items: Vec<Lenient<RawEvent>>,
    pub len: usize,
}

impl<'de> Accept<'de> for EventList {
    const EXPECTING: &'static str = "a list";
    fn from_seq<A: SeqAccess<'de>>(mut a: A) -> Result<Option<Self>, A::Error> {
        let mut items = Vec::with_capacity(a.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = a.next_element::<Lenient<RawEvent>>()? {
            items.push(item);
        }
        let len = items.len();
        Ok(Some(EventList { items, len }))
    }
}

impl Walk for EventList {
    fn walk(&mut self, path: &Path, f: &mut dyn FnMut(&Path, &mut Text)) {
        for (i, item) in self.items.iter_mut().enumerate() {
            item.walk(&path.index(i), f);
        }
    }
    fn coerced(&self) -> bool {
        self.items.iter().any(Walk::coerced)
    }
}

/// A mapping keyed by id (`actors:`, `sources:`), in file order.
#[derive(Debug)]
pub struct IdMap<T>(pub Vec<(Lenient<Text>, T)>);

impl<T> Default for IdMap<T> {
    fn default() -> Self {
        IdMap(Vec::new())
    }
}

impl<'de, T: Deserialize<'de>> Accept<'de> for IdMap<T> {
    const EXPECTING: &'static str = "a mapping of ids";
    fn from_map<A: MapAccess<'de>>(mut a: A) -> Result<Option<Self>, A::Error> {
        let mut v = Vec::new();
        while let Some(key) = a.next_key::<Lenient<Text>>()? {
            let value = a.next_value::<T>()?;
            v.push((key, value));
        }
        Ok(Some(IdMap(v)))
    }
}

/// Keys a mapping had that its struct does not know, or had twice.
#[derive(Debug, Default)]
pub struct Extra {
    /// Unknown keys, in file order (a non-string key is shown as `<a list>` etc.).
    pub unknown: Vec<String>,
    /// Keys given more than once (the later occurrences).
    pub repeated: Vec<String>,
}

/// A struct read from a mapping, key by key.
pub trait Fields<'de>: Default {
    /// The keys this mapping accepts, for "did you mean" and "expected one of".
    const NAMES: &'static [&'static str];
    /// Reads the value for `key` if it is a field; `false` (value not read) otherwise.
    fn field<A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error>;
    fn extra_mut(&mut self) -> &mut Extra;

    fn fill<A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        let mut s = Self::default();
        while let Some(key) = map.next_key::<Lenient<Text>>()? {
            let name = match key {
                Lenient::Ok(t) => t.value,
                Lenient::Wrong(found) => format!("<{}>", found.describe()),
            };
            if !s.field(&name, &mut map)? {
                map.next_value::<IgnoredAny>()?;
                s.extra_mut().unknown.push(name);
            }
        }
        Ok(s)
    }
}

/// Stores a field's value, or records a repeated key.
pub fn set_field<'de, T: Deserialize<'de>, A: MapAccess<'de>>(
    slot: &mut Option<T>,
    extra: &mut Extra,
    key: &str,
    map: &mut A,
) -> Result<(), A::Error> {
    if slot.is_some() {
        map.next_value::<IgnoredAny>()?;
        extra.repeated.push(key.to_owned());
    } else {
        *slot = Some(map.next_value::<T>()?);
    }
    Ok(())
}

macro_rules! raw_struct {
    ($(#[$meta:meta])* $name:ident, $expecting:literal { $($field:ident = $key:literal : $ty:ty),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Default)]
        pub struct $name {
            $(pub $field: Option<Lenient<$ty>>,)*
            pub extra: Extra,
        }

        impl $name {
            /// The fields given, in the order of [`Fields::NAMES`].
            pub fn present(&self) -> Vec<&'static str> {
                let mut v = Vec::new();
                $(if self.$field.is_some() {
                    v.push($key);
                })*
                v
            }
        }

        impl<'de> Fields<'de> for $name {
            const NAMES: &'static [&'static str] = &[$($key),*];
            fn field<A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
                match key {
                    $($key => set_field(&mut self.$field, &mut self.extra, key, map).map(|()| true),)*
                    _ => Ok(false),
                }
            }
            fn extra_mut(&mut self) -> &mut Extra {
                &mut self.extra
            }
        }

        impl Walk for $name {
            fn walk(&mut self, path: &Path, f: &mut dyn FnMut(&Path, &mut Text)) {
                $(if let Some(v) = &mut self.$field {
                    v.walk(&path.key($key), f);
                })*
            }
            fn coerced(&self) -> bool {
                false $(|| self.$field.as_ref().is_some_and(Walk::coerced))*
            }
        }

        impl<'de> Accept<'de> for $name {
            const EXPECTING: &'static str = $expecting;
            fn from_map<A: MapAccess<'de>>(a: A) -> Result<Option<Self>, A::Error> {
                <Self as Fields>::fill(a).map(Some)
            }
        }
    };
}

raw_struct!(
    /// One timeline file.
    RawFile, "a timeline mapping with `title` and `events`" {
        version = "version": Int,
        title = "title": Text,
        summary = "summary": Text,
        updated = "updated": Text,
        timezone = "timezone": Text,
        eras = "eras": List<Lenient<RawEra>>,
        actors = "actors": IdMap<Lenient<RawActor>>,
        sources = "sources": IdMap<Lenient<RawSource>>,
        tags = "tags": IdMap<Lenient<Text>>,
        events = "events": EventList,
    }
);

raw_struct!(
    RawEra, "an era mapping with `id`, `title` and `start`" {
        id = "id": Text,
        title = "title": Text,
        short = "short": Text,
        start = "start": Text,
        end = "end": Text,
    }
);

raw_struct!(
    RawActor, "an actor mapping with `name`" {
        name = "name": Text,
        kind = "kind": Text,
        country = "country": Text,
        aliases = "aliases": List<Lenient<Text>>,
    }
);

raw_struct!(
    RawSource, "a source mapping with `publisher`" {
        publisher = "publisher": Text,
        title = "title": Text,
        url = "url": Text,
        published = "published": Text,
        author = "author": Text,
        kind = "kind": Text,
        reliability = "reliability": Text,
        archive_url = "archive_url": Text,
    }
);

raw_struct!(
    RawEvent, "an event mapping with `id`, `date` and `title`" {
        id = "id": Text,
        date = "date": Text,
        end = "end": Text,
        timezone = "timezone": Text,
        display_date = "display_date": Text,
        title = "title": Text,
        summary = "summary": Text,
        tags = "tags": List<Lenient<Text>>,
        actors = "actors": List<Lenient<ActorRef>>,
        sources = "sources": List<Lenient<SourceRef>>,
        related = "related": List<Lenient<RelatedRef>>,
        confidence = "confidence": Text,
        media = "media": List<Lenient<MediaRef>>,
    }
);

raw_struct!(
    /// An item of an event's `media`.
    RawMedia, "a media item `{url, caption, credit, thumbnail, alt}`" {
        url = "url": Text,
        caption = "caption": Text,
        credit = "credit": Text,
        thumbnail = "thumbnail": Text,
        alt = "alt": Text,
    }
);

/// An event's media item: a URL alone, or `{url, caption, …}`.
#[derive(Debug)]
pub enum MediaRef {
    Url(String),
    Full(RawMedia),
}

impl<'de> Accept<'de> for MediaRef {
    const EXPECTING: &'static str = "a media URL or `{url, caption, credit, thumbnail, alt}`";
    fn from_text(v: &str) -> Option<Self> {
        Some(MediaRef::Url(v.to_owned()))
    }
    fn from_coerced(v: String) -> Option<Self> {
        Some(MediaRef::Url(v))
    }
    fn from_map<A: MapAccess<'de>>(a: A) -> Result<Option<Self>, A::Error> {
        RawMedia::fill(a).map(|r| Some(MediaRef::Full(r)))
    }
}

raw_struct!(
    /// `{id, role}` in an event's `actors`.
    RawActorRef, "an actor reference `{id, role}`" {
        id = "id": Text,
        role = "role": Text,
    }
);

/// A citation (`ref` plus details) or an inline source (the fields of a [`RawSource`]),
/// or both written by mistake: validation sorts them out.
#[derive(Debug, Default)]
pub struct RawCitation {
    pub reference: Option<Lenient<Text>>,
    pub quote: Option<Lenient<Text>>,
    pub locator: Option<Lenient<Text>>,
    pub credibility: Option<Lenient<Int>>,
    /// The fields of an inline source, and the mapping's unknown and repeated keys.
    pub source: RawSource,
}

impl<'de> Fields<'de> for RawCitation {
    const NAMES: &'static [&'static str] = &[
        "ref",
        "quote",
        "locator",
        "credibility",
        "publisher",
        "title",
        "url",
        "published",
        "author",
        "kind",
        "reliability",
        "archive_url",
    ];
    fn field<A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
        let extra = &mut self.source.extra;
        match key {
            "ref" => set_field(&mut self.reference, extra, key, map).map(|()| true),
            "quote" => set_field(&mut self.quote, extra, key, map).map(|()| true),
            "locator" => set_field(&mut self.locator, extra, key, map).map(|()| true),
            "credibility" => set_field(&mut self.credibility, extra, key, map).map(|()| true),
            _ => self.source.field(key, map),
        }
    }
    fn extra_mut(&mut self) -> &mut Extra {
        &mut self.source.extra
    }
}

impl Walk for RawCitation {
    fn walk(&mut self, path: &Path, f: &mut dyn FnMut(&Path, &mut Text)) {
        for (key, v) in [
            ("ref", &mut self.reference),
            ("quote", &mut self.quote),
            ("locator", &mut self.locator),
        ] {
            if let Some(v) = v {
                v.walk(&path.key(key), f);
            }
        }
        self.source.walk(path, f);
    }
    fn coerced(&self) -> bool {
        [&self.reference, &self.quote, &self.locator]
            .into_iter()
            .any(|v| v.as_ref().is_some_and(Walk::coerced))
            || self.source.coerced()
    }
}

raw_struct!(
    /// `{id, type}` in an event's `related`.
    RawRelated, "a related-event reference `{id, type}`" {
        id = "id": Text,
        kind = "type": Text,
    }
);

/// An event's actor: a bare id, or `{id, role}`.
#[derive(Debug)]
pub enum ActorRef {
    Id(String),
    Full(RawActorRef),
}

impl<'de> Accept<'de> for ActorRef {
    const EXPECTING: &'static str = "an actor id or `{id, role}`";
    fn from_text(v: &str) -> Option<Self> {
        Some(ActorRef::Id(v.to_owned()))
    }
    fn from_coerced(v: String) -> Option<Self> {
        Some(ActorRef::Id(v))
    }
    fn from_map<A: MapAccess<'de>>(a: A) -> Result<Option<Self>, A::Error> {
        RawActorRef::fill(a).map(|r| Some(ActorRef::Full(r)))
    }
}

/// A reference written as a bare id or as a mapping: only the mapping holds text to walk
/// (a bare id read as a number is an id all the same).
macro_rules! walk_ref {
    ($ty:ident) => {
        impl Walk for $ty {
            fn walk(&mut self, path: &Path, f: &mut dyn FnMut(&Path, &mut Text)) {
                if let $ty::Full(r) = self {
                    r.walk(path, f);
                }
            }
            fn coerced(&self) -> bool {
                matches!(self, $ty::Full(r) if r.coerced())
            }
        }
    };
}

walk_ref!(ActorRef);
walk_ref!(SourceRef);
walk_ref!(RelatedRef);
walk_ref!(MediaRef);

/// An event's source: a bare id, or a mapping.
#[derive(Debug)]
pub enum SourceRef {
    Id(String),
    Full(Box<RawCitation>),
}

impl<'de> Accept<'de> for SourceRef {
    const EXPECTING: &'static str = "a source id, `{ref, quote, …}` or an inline source";
    fn from_text(v: &str) -> Option<Self> {
        Some(SourceRef::Id(v.to_owned()))
    }
    fn from_coerced(v: String) -> Option<Self> {
        Some(SourceRef::Id(v))
    }
    fn from_map<A: MapAccess<'de>>(a: A) -> Result<Option<Self>, A::Error> {
        RawCitation::fill(a).map(|r| Some(SourceRef::Full(Box::new(r))))
    }
}

/// An event's related link: a bare id, or `{id, type}`.
#[derive(Debug)]
pub enum RelatedRef {
    Id(String),
    Full(RawRelated),
}

impl<'de> Accept<'de> for RelatedRef {
    const EXPECTING: &'static str = "an event id or `{id, type}`";
    fn from_text(v: &str) -> Option<Self> {
        Some(RelatedRef::Id(v.to_owned()))
    }
    fn from_coerced(v: String) -> Option<Self> {
        Some(RelatedRef::Id(v))
    }
    fn from_map<A: MapAccess<'de>>(a: A) -> Result<Option<Self>, A::Error> {
        RawRelated::fill(a).map(|r| Some(RelatedRef::Full(r)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(y: &str) -> Lenient<RawFile> {
        serde_saphyr::from_str(y).unwrap()
    }

    #[test]
    fn wrong_types_are_recorded_not_fatal() {
        let f = parse("title: [a, b]\nevents:\n  - id: x\n    tags: policy\n    date: {a: 1}\n");
        let Lenient::Ok(f) = f else { panic!() };
        assert!(matches!(f.title, Some(Lenient::Wrong(Found::List))));
        let Some(Lenient::Ok(EventList { items, .. })) = &f.events else {
            panic!()
        };
        let Lenient::Ok(e) = &items[0] else { panic!() };
        assert!(matches!(e.tags, Some(Lenient::Wrong(Found::Text))));
        assert!(matches!(e.date, Some(Lenient::Wrong(Found::Mapping))));
        assert_eq!(e.id.as_ref().unwrap().ok().unwrap().value, "x");
    }

    #[test]
    fn unknown_keys_are_collected() {
        let Lenient::Ok(f) = parse("title: t\nsumary: s\nevents: []\nfoo: [1]\n") else {
            panic!()
        };
        assert_eq!(f.extra.unknown, ["sumary", "foo"]);
    }

    #[test]
    fn numbers_in_text_fields_are_marked_coerced() {
        let Lenient::Ok(f) = parse("title: 1.50\nevents: []\n") else {
            panic!()
        };
        let t = f.title.unwrap();
        let Lenient::Ok(t) = t else { panic!() };
        assert!(t.coerced);
        assert_eq!(t.value, "1.5");
    }
}
