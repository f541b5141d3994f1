//! Semantic styles. Views ask for "the selected row" or "a matched character", never for
//! a colour, so a theme is one table.
//!
//! The default theme uses the terminal's own 16 ANSI colours and modifiers and never
//! forces a background, so it reads on dark and light terminals alike. `mono` (chosen by
//! `NO_COLOR` or `--color never`) has no colour at all: the selection is reversed and
//! matches are bold and underlined, so both stay visible.

use ratatui::style::{Color, Modifier, Style};

/// The theme a config asks for (`theme:`). Colour being off (`NO_COLOR`, `--color never`)
/// always wins: the theme is then mono, whatever was asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ThemeChoice {
    /// The terminal's own 16 colours (reads on dark and light backgrounds alike).
    #[default]
    Auto,
    /// Fixed colours for light backgrounds.
    Light,
    /// Fixed colours for dark backgrounds.
    Dark,
    /// No colour: modifiers only.
    Mono,
}

impl ThemeChoice {
    pub const ALL: [ThemeChoice; 4] = [
        ThemeChoice::Auto,
        ThemeChoice::Light,
        ThemeChoice::Dark,
        ThemeChoice::Mono,
    ];
    /// The name written in the config.
    pub fn name(self) -> &'static str {
        match self {
            ThemeChoice::Auto => "auto",
            ThemeChoice::Light => "light",
            ThemeChoice::Dark => "dark",
            ThemeChoice::Mono => "mono",
        }
    }
    pub fn from_name(s: &str) -> Option<ThemeChoice> {
        ThemeChoice::ALL.into_iter().find(|t| t.name() == s)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThemeName {
    /// The terminal's 16 ANSI colours.
    Ansi,
    /// No colour: modifiers only.
    Mono,
    /// Fixed colours chosen for light backgrounds.
    Light,
    /// Fixed colours chosen for dark backgrounds.
    Dark,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Theme {
    pub name: ThemeName,
    pub header: Style,
    pub muted: Style,
    pub selected: Style,
    /// The selection of a pane that does not have the keys.
    pub selected_unfocused: Style,
    pub matched: Style,
    pub context: Style,
    pub year: Style,
    pub date: Style,
    pub tag: Style,
    pub mark: Style,
    pub title: Style,
    pub label: Style,
    pub link: Style,
    pub quote: Style,
    pub error: Style,
    pub warn: Style,
    pub info: Style,
    pub border: Style,
    pub border_focused: Style,
    pub key: Style,
    pub axis_bar: Style,
    pub axis_kept: Style,
    pub axis_era: Style,
    pub axis_marker: Style,
}

impl Theme {
    pub fn ansi() -> Theme {
        let fg = |c: Color| Style::default().fg(c);
        Theme {
            name: ThemeName::Ansi,
            header: Style::default().add_modifier(Modifier::BOLD),
            muted: fg(Color::DarkGray),
            selected: Style::default().add_modifier(Modifier::REVERSED),
            selected_unfocused: Style::default()
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            matched: fg(Color::Yellow).add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            context: fg(Color::DarkGray),
            year: fg(Color::Blue).add_modifier(Modifier::BOLD),
            date: fg(Color::Cyan),
            tag: fg(Color::Magenta),
            mark: fg(Color::Green).add_modifier(Modifier::BOLD),
            title: Style::default().add_modifier(Modifier::BOLD),
            label: fg(Color::Blue).add_modifier(Modifier::BOLD),
            link: fg(Color::Blue).add_modifier(Modifier::UNDERLINED),
            quote: Style::default().add_modifier(Modifier::ITALIC),
            error: fg(Color::Red).add_modifier(Modifier::BOLD),
            warn: fg(Color::Yellow).add_modifier(Modifier::BOLD),
            info: fg(Color::Green),
            border: fg(Color::DarkGray),
            border_focused: fg(Color::Blue),
            key: fg(Color::Cyan).add_modifier(Modifier::BOLD),
            axis_bar: fg(Color::DarkGray),
            axis_kept: fg(Color::Cyan),
            axis_era: fg(Color::Blue),
            axis_marker: fg(Color::Yellow).add_modifier(Modifier::BOLD),
        }
    }

    pub fn mono() -> Theme {
        let plain = Style::default();
        let bold = plain.add_modifier(Modifier::BOLD);
        Theme {
            name: ThemeName::Mono,
            header: bold,
            muted: plain,
            selected: plain.add_modifier(Modifier::REVERSED),
            selected_unfocused: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            matched: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            context: plain.add_modifier(Modifier::DIM),
            year: bold,
            date: plain,
            tag: plain,
            mark: bold,
            title: bold,
            label: bold,
            link: plain.add_modifier(Modifier::UNDERLINED),
            quote: plain.add_modifier(Modifier::ITALIC),
            error: bold,
            warn: bold,
            info: plain,
            border: plain,
            border_focused: bold,
            key: bold,
            axis_bar: plain.add_modifier(Modifier::DIM),
            axis_kept: bold,
            axis_era: plain,
            axis_marker: bold,
        }
    }

    /// Fixed 256-colour palettes for terminals whose own palette reads badly.
    pub fn fixed(dark: bool) -> Theme {
        let c = |light: u8, dark_c: u8| {
            Style::default().fg(Color::Indexed(if dark { dark_c } else { light }))
        };
        let mut t = Theme::ansi();
        t.name = if dark {
            ThemeName::Dark
        } else {
            ThemeName::Light
        };
        t.muted = c(244, 245);
        t.context = c(248, 240);
        t.year = c(25, 75).add_modifier(Modifier::BOLD);
        t.date = c(30, 80);
        t.tag = c(127, 176);
        t.mark = c(28, 114).add_modifier(Modifier::BOLD);
        t.label = c(25, 75).add_modifier(Modifier::BOLD);
        t.link = c(25, 75).add_modifier(Modifier::UNDERLINED);
        t.matched = c(166, 214).add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
        t.error = c(160, 203).add_modifier(Modifier::BOLD);
        t.warn = c(166, 214).add_modifier(Modifier::BOLD);
        t.info = c(28, 114);
        t.border = c(250, 238);
        t.border_focused = c(25, 75);
        t.key = c(30, 80).add_modifier(Modifier::BOLD);
        t.axis_bar = c(250, 240);
        t.axis_kept = c(30, 80);
        t.axis_era = c(25, 75);
        t.axis_marker = c(166, 214).add_modifier(Modifier::BOLD);
        t
    }

    /// The theme for a colour decision: `mono` when colour is off.
    pub fn for_color(color: bool) -> Theme {
        if color { Theme::ansi() } else { Theme::mono() }
    }

    /// The theme a config asks for, under a colour decision (`--color`, `NO_COLOR`): when
    /// colour is off, mono whatever was asked.
    pub fn choose(choice: ThemeChoice, color: bool) -> Theme {
        match choice {
            _ if !color => Theme::mono(),
            ThemeChoice::Auto => Theme::ansi(),
            ThemeChoice::Light => Theme::fixed(false),
            ThemeChoice::Dark => Theme::fixed(true),
            ThemeChoice::Mono => Theme::mono(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_map_to_themes_and_no_colour_wins() {
        assert_eq!(Theme::choose(ThemeChoice::Auto, true).name, ThemeName::Ansi);
        assert_eq!(
            Theme::choose(ThemeChoice::Light, true).name,
            ThemeName::Light
        );
        assert_eq!(Theme::choose(ThemeChoice::Dark, true).name, ThemeName::Dark);
        assert_eq!(Theme::choose(ThemeChoice::Mono, true).name, ThemeName::Mono);
        for c in ThemeChoice::ALL {
            assert_eq!(Theme::choose(c, false).name, ThemeName::Mono);
            assert_eq!(ThemeChoice::from_name(c.name()), Some(c));
        }
    }
}
