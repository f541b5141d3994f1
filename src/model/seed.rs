//! A timeline file read so that each item of its `events` list is handed to a function
//! as soon as it is read: the raw structs of a whole file never exist at once (they take
//! about three times the file's size). Everything else is read as [`Lenient<RawFile>`]
//! reads it.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::raw::{
    Accept, EventList, Fields, Found, Lenient, LenientVisitor, RawEvent, RawFile, Text,
};

/// The visits of a seed's visitor for what is not a collection: a scalar or null is the
/// wrong kind of node, an optional or newtype is looked into.
macro_rules! wrong_unless_collection {
    () => {
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok(Lenient::Wrong(Found::Bool))
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Ok(Lenient::Wrong(Found::Integer))
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Ok(Lenient::Wrong(Found::Integer))
        }
        fn visit_i128<E: de::Error>(self, _: i128) -> Result<Self::Value, E> {
            Ok(Lenient::Wrong(Found::Integer))
        }
        fn visit_u128<E: de::Error>(self, _: u128) -> Result<Self::Value, E> {
            Ok(Lenient::Wrong(Found::Integer))
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok(Lenient::Wrong(Found::Float))
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
            Ok(Lenient::Wrong(Found::Text))
        }
        fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Self::Value, E> {
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
    };
}

/// Reads a timeline file, handing each item of its `events` list to `each_event` (with
/// its index in the list) as soon as it is read; the file's [`EventList`] then holds
/// only their number. Everything else is read as [`Lenient<RawFile>`] reads it.
pub struct FileSeed<'f> {
    pub each_event: &'f mut dyn FnMut(usize, Lenient<RawEvent>),
}

impl<'de> DeserializeSeed<'de> for FileSeed<'_> {
    type Value = Lenient<RawFile>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(FileVisitor(self.each_event))
    }
}

struct FileVisitor<'f>(&'f mut dyn FnMut(usize, Lenient<RawEvent>));

impl<'de> Visitor<'de> for FileVisitor<'_> {
    type Value = Lenient<RawFile>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(<RawFile as Accept>::EXPECTING)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut file = RawFile::default();
        while let Some(key) = map.next_key::<Lenient<Text>>()? {
            let name = match key {
                Lenient::Ok(t) => t.value,
                Lenient::Wrong(found) => format!("<{}>", found.describe()),
            };
            if name == "events" && file.events.is_none() {
                file.events = Some(map.next_value_seed(EventsSeed(&mut *self.0))?);
            } else if !file.field(&name, &mut map)? {
                map.next_value::<IgnoredAny>()?;
                file.extra.unknown.push(name);
            }
        }
        Ok(Lenient::Ok(file))
    }
    // Anything but a mapping is not a timeline: read it as the lenient reader does.
    wrong_unless_collection!();
    fn visit_seq<A: SeqAccess<'de>>(self, a: A) -> Result<Self::Value, A::Error> {
        LenientVisitor::<RawFile>(PhantomData).visit_seq(a)
    }
    fn visit_enum<A: de::EnumAccess<'de>>(self, a: A) -> Result<Self::Value, A::Error> {
        LenientVisitor::<RawFile>(PhantomData).visit_enum(a)
    }
}

/// The `events` value of a file read with [`FileSeed`].
struct EventsSeed<'f>(&'f mut dyn FnMut(usize, Lenient<RawEvent>));

impl<'de> DeserializeSeed<'de> for EventsSeed<'_> {
    type Value = Lenient<EventList>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for EventsSeed<'_> {
    type Value = Lenient<EventList>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of events")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Self::Value, A::Error> {
        let mut len = 0;
        while let Some(item) = a.next_element::<Lenient<RawEvent>>()? {
            (self.0)(len, item);
            len += 1;
        }
        Ok(Lenient::Ok(EventList {
            items: Vec::new(),
            len,
        }))
    }
    // Anything but a list: as the lenient reader reads it.
    fn visit_map<A: MapAccess<'de>>(self, a: A) -> Result<Self::Value, A::Error> {
        LenientVisitor::<EventList>(PhantomData).visit_map(a)
    }
    wrong_unless_collection!();
    fn visit_enum<A: de::EnumAccess<'de>>(self, a: A) -> Result<Self::Value, A::Error> {
        LenientVisitor::<EventList>(PhantomData).visit_enum(a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::raw::Walk;

    #[test]
    fn the_seed_hands_each_event_over_as_it_is_read() {
        let y = "title: t\nevents:\n  - id: a\n  - id: b\n    title: 1.50\nsummary: s\n";
        let mut seen = Vec::new();
        let f = serde_saphyr::with_deserializer_from_str(y, |d| {
            FileSeed {
                each_event: &mut |i, ev| seen.push((i, ev.coerced())),
            }
            .deserialize(d)
        })
        .unwrap();
        assert_eq!(seen, [(0, false), (1, true)]);
        let Lenient::Ok(f) = f else { panic!() };
        let Some(Lenient::Ok(list)) = &f.events else {
            panic!()
        };
        assert_eq!((list.items.len(), list.len), (0, 2));
        assert_eq!(f.summary.unwrap().ok().unwrap().value, "s");
        // `events` given twice: the second is a repeated key, not read.
        let y = "title: t\nevents: []\nevents: [{id: c}]\n";
        let mut n = 0;
        let opts = crate::model::options::parse_options(y.len(), &Default::default());
        let f = serde_saphyr::with_deserializer_from_str_with_options(y, opts, |d| {
            FileSeed {
                each_event: &mut |_, _| n += 1,
            }
            .deserialize(d)
        })
        .unwrap();
        assert_eq!(n, 0);
        let Lenient::Ok(f) = f else { panic!() };
        assert_eq!(f.extra.repeated, ["events"]);
    }
}
