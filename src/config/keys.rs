//! The config's `keys:`: patches over the embedded key bindings, each problem reported at
//! the screen or the key it is about.

use std::collections::{HashMap, VecDeque};
use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use super::problems::{Cx, Spot};
use crate::model::diag::{Kind, Path};
use crate::model::load::{LoadOptions, parse_options};
use crate::model::raw::{Found, Lenient};
use crate::tui::keymap::{Keymap, KeymapError, RawKeymap, UNBIND};

/// Applies the config's `keys:` (when given) to `keymap`, and reports every problem.
pub fn apply(cx: &mut Cx, keymap: &mut Keymap, keys: Option<Lenient<RawKeymap>>, text: &str) {
    let at = Path::root().key("keys");
    let keys = match keys {
        None | Some(Lenient::Wrong(Found::Null)) => return,
        Some(Lenient::Wrong(found)) => {
            cx.problem(
                Kind::WrongType,
                at,
                format!(
                    "keys: expected a mapping of screens to `key: action` bindings, found {}",
                    found.describe()
                ),
                Some("help: write `keys:` then `  main:` then `    x: mark`".into()),
            );
            return;
        }
        Some(Lenient::Ok(keys)) => keys,
    };
    let errors = keymap.patch(keys, &at);
    // Names that are not text (`null: mark`) have no path to find them by: they are found
    // by reading `keys:` again, with positions, only when there are any.
    let mut odd = if errors.iter().any(is_odd_name) {
        OddNames::scan(text)
    } else {
        OddNames::default()
    };
    for e in errors {
        if is_odd_name(&e)
            && let Some((spot, found)) = odd.next(&e)
        {
            let message = if e.layer.is_empty() {
                format!("keys: expected a screen name, found {found}")
            } else {
                format!(
                    "screen '{}': expected a key (such as `x` or `ctrl-c`), found {found}",
                    e.layer
                )
            };
            cx.at(Kind::WrongType, spot, message, None);
            continue;
        }
        let kind = if e.message.contains("bound twice") {
            Kind::RepeatedKey
        } else if e.message.starts_with("unknown screen") {
            Kind::UnknownField
        } else {
            Kind::BadValue
        };
        let note = e.message.starts_with("unknown action").then(|| {
            format!(
                "help: actions are listed by `tlx generate config`; `{UNBIND}` removes a binding"
            )
        });
        cx.problem(kind, e.path, e.message, note);
    }
}

/// A screen name or a key that is not text: the keymap reports it at its screen, with no
/// name to find it by.
fn is_odd_name(e: &KeymapError) -> bool {
    e.key.is_empty() && e.message.ends_with("must be strings")
}

/// Screen names and keys under `keys:` that are not text, in the order written, with
/// where each is and what it is.
#[derive(Default)]
struct OddNames {
    screens: VecDeque<(Spot, &'static str)>,
    keys: HashMap<String, VecDeque<(Spot, &'static str)>>,
}

impl OddNames {
    fn scan(text: &str) -> OddNames {
        let opts = parse_options(text.len(), &LoadOptions::default());
        serde_saphyr::from_str_with_options::<Top>(text, opts)
            .ok()
            .and_then(|t| t.0)
            .unwrap_or_default()
    }

    /// The place of the next odd name the keymap reported as `e`.
    fn next(&mut self, e: &KeymapError) -> Option<(Spot, &'static str)> {
        if e.layer.is_empty() {
            self.screens.pop_front()
        } else {
            self.keys.get_mut(&e.layer)?.pop_front()
        }
    }
}

/// A name in a mapping: text (numbers and booleans are read as text too), or not.
enum Name {
    Text(String),
    Not(&'static str),
}

impl<'de> de::Deserialize<'de> for Name {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Name, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Name;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a name")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Name, E> {
                Ok(Name::Text(v.to_owned()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Name, E> {
                Ok(Name::Text(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Name, E> {
                Ok(Name::Text(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Name, E> {
                Ok(Name::Text(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Name, E> {
                Ok(Name::Text(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Name, E> {
                Ok(Name::Not("null"))
            }
            fn visit_none<E: de::Error>(self) -> Result<Name, E> {
                Ok(Name::Not("null"))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Name, A::Error> {
                while a.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Name::Not("a list"))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Name, A::Error> {
                while a.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Name::Not("a mapping"))
            }
        }
        d.deserialize_any(V)
    }
}

fn spot(name: &Spanned<Name>) -> Spot {
    let loc = &name.referenced;
    Spot::Span {
        line: loc.line() as u32,
        column: loc.column() as u32,
        length: loc.span().len() as u32,
    }
}

/// The config's top level: only `keys:` is read.
struct Top(Option<OddNames>);

impl<'de> de::Deserialize<'de> for Top {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Top, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Top;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a config mapping")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Top, A::Error> {
                let mut found = None;
                while let Some(key) = a.next_key::<Name>()? {
                    match key {
                        Name::Text(k) if k == "keys" && found.is_none() => {
                            found = Some(a.next_value::<Screens>()?.0);
                        }
                        _ => {
                            a.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(Top(found))
            }
        }
        d.deserialize_map(V)
    }
}

/// `keys:`: each screen's name and the names of its keys.
struct Screens(OddNames);

impl<'de> de::Deserialize<'de> for Screens {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Screens, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Screens;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping of screens")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Screens, A::Error> {
                let mut odd = OddNames::default();
                while let Some(name) = a.next_key::<Spanned<Name>>()? {
                    let keys = a.next_value::<Keys>()?.0;
                    match &name.value {
                        Name::Text(screen) => {
                            odd.keys.entry(screen.clone()).or_default().extend(keys)
                        }
                        Name::Not(what) => odd.screens.push_back((spot(&name), what)),
                    }
                }
                Ok(Screens(odd))
            }
        }
        d.deserialize_map(V)
    }
}

/// A screen's bindings: the keys that are not text, in order (anything else is none).
struct Keys(Vec<(Spot, &'static str)>);

impl<'de> de::Deserialize<'de> for Keys {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Keys, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Keys;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping of keys to actions")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Keys, A::Error> {
                let mut odd = Vec::new();
                while let Some(key) = a.next_key::<Spanned<Name>>()? {
                    a.next_value::<IgnoredAny>()?;
                    if let Name::Not(what) = key.value {
                        odd.push((spot(&key), what));
                    }
                }
                Ok(Keys(odd))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Keys, E> {
                Ok(Keys(Vec::new()))
            }
            fn visit_none<E: de::Error>(self) -> Result<Keys, E> {
                Ok(Keys(Vec::new()))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Keys, E> {
                Ok(Keys(Vec::new()))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Keys, E> {
                Ok(Keys(Vec::new()))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Keys, E> {
                Ok(Keys(Vec::new()))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Keys, E> {
                Ok(Keys(Vec::new()))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Keys, E> {
                Ok(Keys(Vec::new()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Keys, A::Error> {
                while a.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Keys(Vec::new()))
            }
        }
        d.deserialize_any(V)
    }
}
