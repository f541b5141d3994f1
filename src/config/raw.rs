//! The config file as YAML wrote it, read leniently so that every problem is found.

use serde::de::MapAccess;

use crate::model::raw::{Accept, Extra, Fields, Lenient, List, Text, set_field};
use crate::tui::keymap::RawKeymap;

/// The config keys, in the order `tlx generate config` writes them.
pub const KEYS: &[&str] = &[
    "theme",
    "mouse",
    "date_style",
    "tz",
    "paths",
    "author",
    "workspace",
    "keys",
];

/// `true` or `false`, nothing else (a quoted "true" is a string).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flag(pub bool);

impl<'de> Accept<'de> for Flag {
    const EXPECTING: &'static str = "true or false";
    fn from_coerced(v: String) -> Option<Self> {
        match v.as_str() {
            "true" => Some(Flag(true)),
            "false" => Some(Flag(false)),
            _ => None,
        }
    }
}

/// The config file as YAML wrote it, read leniently so every problem is found.
#[derive(Debug, Default)]
pub struct RawConfig {
    pub theme: Option<Lenient<Text>>,
    pub mouse: Option<Lenient<Flag>>,
    pub date_style: Option<Lenient<Text>>,
    pub tz: Option<Lenient<Text>>,
    pub paths: Option<Lenient<List<Lenient<Text>>>>,
    pub author: Option<Lenient<Text>>,
    pub workspace: Option<Lenient<Text>>,
    pub keys: Option<Lenient<RawKeymap>>,
    pub extra: Extra,
}

impl<'de> Fields<'de> for RawConfig {
    const NAMES: &'static [&'static str] = KEYS;
    fn field<A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
        let extra = &mut self.extra;
        match key {
            "theme" => set_field(&mut self.theme, extra, key, map)?,
            "mouse" => set_field(&mut self.mouse, extra, key, map)?,
            "date_style" => set_field(&mut self.date_style, extra, key, map)?,
            "tz" => set_field(&mut self.tz, extra, key, map)?,
            "paths" => set_field(&mut self.paths, extra, key, map)?,
            "author" => set_field(&mut self.author, extra, key, map)?,
            "workspace" => set_field(&mut self.workspace, extra, key, map)?,
            "keys" => set_field(&mut self.keys, extra, key, map)?,
            _ => return Ok(false),
        }
        Ok(true)
    }
    fn extra_mut(&mut self) -> &mut Extra {
        &mut self.extra
    }
}

impl<'de> Accept<'de> for RawConfig {
    const EXPECTING: &'static str = "a config mapping";
    fn from_map<A: MapAccess<'de>>(a: A) -> Result<Option<Self>, A::Error> {
        <Self as Fields>::fill(a).map(Some)
    }
}
