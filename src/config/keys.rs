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
        let mut odd = OddNames::default();
        let opts = parse_options(text.len(), &LoadOptions::default());
        let Ok(Shape::Map(top)) = serde_saphyr::from_str_with_options::<Shape>(text, opts) else {
            return odd;
        };
        let keys = top
            .into_iter()
            .find(|(k, _)| matches!(&k.value, Shape::Text(t) if t == "keys"));
        let Some((_, Shape::Map(screens))) = keys else {
            return odd;
        };
        for (name, bindings) in screens {
            match name.value.name() {
                Ok(screen) => {
                    let Shape::Map(bindings) = bindings else {
                        continue;
                    };
                    for (key, _) in bindings {
                        if let Err(what) = key.value.name() {
                            let list = odd.keys.entry(screen.to_string()).or_default();
                            list.push_back((spot(&key), what));
                        }
                    }
                }
                Err(what) => odd.screens.push_back((spot(&name), what)),
            }
        }
        odd
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

/// What a YAML node is, as far as names go: text (numbers and booleans are read as text
/// too), something that is not, or a mapping, whose keys keep their places.
enum Shape {
    Text(String),
    Not(&'static str),
    Map(Vec<(Spanned<Shape>, Shape)>),
}

impl Shape {
    /// The node as a name, or what it is instead.
    fn name(&self) -> Result<&str, &'static str> {
        match self {
            Shape::Text(t) => Ok(t),
            Shape::Not(what) => Err(what),
            Shape::Map(_) => Err("a mapping"),
        }
    }
}

impl<'de> de::Deserialize<'de> for Shape {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Shape, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Shape;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any YAML node")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Shape, E> {
                Ok(Shape::Text(v.to_owned()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Shape, E> {
                Ok(Shape::Text(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Shape, E> {
                Ok(Shape::Text(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Shape, E> {
                Ok(Shape::Text(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Shape, E> {
                Ok(Shape::Text(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Shape, E> {
                Ok(Shape::Not("null"))
            }
            fn visit_none<E: de::Error>(self) -> Result<Shape, E> {
                Ok(Shape::Not("null"))
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Shape, D::Error> {
                d.deserialize_any(self)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Shape, A::Error> {
                while a.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Shape::Not("a list"))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Shape, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = a.next_entry()? {
                    entries.push(entry);
                }
                Ok(Shape::Map(entries))
            }
        }
        d.deserialize_any(V)
    }
}

fn spot(name: &Spanned<Shape>) -> Spot {
    let loc = &name.referenced;
    Spot::Span {
        line: loc.line() as u32,
        column: loc.column() as u32,
        length: loc.span().len() as u32,
    }
}
