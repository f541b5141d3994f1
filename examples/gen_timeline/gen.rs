//! A synthetic timeline generator for benchmarks and tests (std only).
//!
//! [`generate`] turns a [`Spec`] (events, seed, files) into timeline YAML that loads
//! without errors or warnings: about 600 bytes an event, titles and summaries built
//! from word lists (about 20% of events with non-ASCII text: accents, Cyrillic, CJK),
//! 2–4 tags from a vocabulary of 50, actors and sources from registries of up to
//! 300 each, dates across 30 years (1995–2024) at mixed precision, some ranges and
//! typed links to earlier events. The output depends only on the spec.
//!
//! Included by the `gen_timeline` example, the integration tests and the benches, each
//! of which uses part of it.
#![allow(dead_code)]

use std::collections::HashSet;
use std::fmt::Write as _;

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spec {
    /// Number of events.
    pub events: usize,
    /// PRNG seed: the same spec gives the same bytes.
    pub seed: u64,
    /// Number of files (0 counts as 1). With more than one, the files are named
    /// `part-001.yaml`…; the first holds the title and the registries.
    pub files: usize,
}

impl Spec {
    /// One file.
    pub fn new(events: usize, seed: u64) -> Spec {
        Spec {
            events,
            seed,
            files: 1,
        }
    }
}

/// The file name used for a single-file timeline.
pub const SINGLE_FILE_NAME: &str = "timeline.yaml";

/// The name of file `k` (0-based) of `files`: `part-001.yaml`… (the number is at least
/// three digits, wider when there are more files), or [`SINGLE_FILE_NAME`] for one file.
pub fn file_name(k: usize, files: usize) -> String {
    if files <= 1 {
        return SINGLE_FILE_NAME.to_string();
    }
    let width = digits(files).max(3);
    format!("part-{:0width$}.yaml", k + 1)
}

/// Generates the timeline: one `(file name, YAML text)` per file, in order.
pub fn generate(spec: &Spec) -> Vec<(String, String)> {
    let files = spec.files.max(1);
    let mut rng = Rng::new(spec.seed);
    let reg = Registry::new(spec.events, &mut rng);
    let mut events = make_events(spec.events, &reg, &mut rng);
    cover_sources(&mut events, &reg);
    fix_tags(&mut events);
    render(spec, files, &reg, &events)
}

/// Sizes of a generated timeline, for the summary line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Totals {
    pub events: usize,
    pub files: usize,
    pub bytes: usize,
}

impl Totals {
    pub fn of(spec: &Spec, out: &[(String, String)]) -> Totals {
        Totals {
            events: spec.events,
            files: out.len(),
            bytes: out.iter().map(|(_, t)| t.len()).sum(),
        }
    }

    /// Average bytes per event (the whole output, registries included).
    pub fn bytes_per_event(&self) -> f64 {
        self.bytes as f64 / self.events.max(1) as f64
    }
}

// ---------------------------------------------------------------------------------------
// PRNG

/// splitmix64: small, fast and good enough for synthetic data.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`), by multiply-shift.
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// True with probability `p` percent.
    pub fn percent(&mut self, p: usize) -> bool {
        self.below(100) < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// An index drawn with the given weights.
    pub fn weighted(&mut self, weights: &[usize]) -> usize {
        let total: usize = weights.iter().sum();
        let mut r = self.below(total);
        for (i, w) in weights.iter().enumerate() {
            if r < *w {
                return i;
            }
            r -= w;
        }
        weights.len() - 1
    }
}

// ---------------------------------------------------------------------------------------
// Word lists

/// A place: name, id slug, country (ISO 3166-1 alpha-2), region tag, weight.
struct Place {
    name: &'static str,
    slug: &'static str,
    country: &'static str,
    region: &'static str,
    weight: usize,
}

const fn pl(
    name: &'static str,
    slug: &'static str,
    country: &'static str,
    region: &'static str,
    weight: usize,
) -> Place {
    Place {
        name,
        slug,
        country,
        region,
        weight,
    }
}

const PLACES: &[Place] = &[
    pl("Berlin", "berlin", "DE", "europe", 6),
    pl("Paris", "paris", "FR", "europe", 3),
    pl("London", "london", "GB", "europe", 3),
    pl("Geneva", "geneva", "CH", "europe", 3),
    pl("Vienna", "vienna", "AT", "europe", 2),
    pl("Warsaw", "warsaw", "PL", "europe", 2),
    pl("Rome", "rome", "IT", "europe", 2),
    pl("Madrid", "madrid", "ES", "europe", 2),
    pl("Lisbon", "lisbon", "PT", "europe", 1),
    pl("Oslo", "oslo", "NO", "europe", 1),
    pl("Stockholm", "stockholm", "SE", "europe", 1),
    pl("Helsinki", "helsinki", "FI", "europe", 1),
    pl("Prague", "prague", "CZ", "europe", 1),
    pl("Budapest", "budapest", "HU", "europe", 1),
    pl("Athens", "athens", "GR", "europe", 1),
    pl("Dublin", "dublin", "IE", "europe", 1),
    pl("Brussels", "brussels", "BE", "europe", 2),
    pl("Amsterdam", "amsterdam", "NL", "europe", 1),
    pl("Hamburg", "hamburg", "DE", "europe", 1),
    pl("Munich", "munich", "DE", "europe", 1),
    pl("Cairo", "cairo", "EG", "africa", 1),
    pl("Lagos", "lagos", "NG", "africa", 1),
    pl("Nairobi", "nairobi", "KE", "africa", 1),
    pl("Dakar", "dakar", "SN", "africa", 1),
    pl("Accra", "accra", "GH", "africa", 1),
    pl("Delhi", "delhi", "IN", "asia", 1),
    pl("Jakarta", "jakarta", "ID", "asia", 1),
    pl("Manila", "manila", "PH", "asia", 1),
    pl("Hanoi", "hanoi", "VN", "asia", 1),
    pl("Seoul", "seoul", "KR", "asia", 1),
    pl("Singapore", "singapore", "SG", "asia", 1),
    pl("Lima", "lima", "PE", "americas", 1),
    pl("Chicago", "chicago", "US", "americas", 1),
    pl("Houston", "houston", "US", "americas", 1),
    pl("Toronto", "toronto", "CA", "americas", 1),
    pl("Ottawa", "ottawa", "CA", "americas", 1),
    pl("Washington", "washington", "US", "americas", 2),
    pl("Santiago", "santiago", "CL", "americas", 1),
];

const INTL_PLACES: &[Place] = &[
    pl("Zürich", "zurich", "CH", "europe", 4),
    pl("Kraków", "krakow", "PL", "europe", 3),
    pl("Malmö", "malmo", "SE", "europe", 2),
    pl("Gdańsk", "gdansk", "PL", "europe", 2),
    pl("Łódź", "lodz", "PL", "europe", 1),
    pl("Düsseldorf", "dusseldorf", "DE", "europe", 2),
    pl("Besançon", "besancon", "FR", "europe", 1),
    pl("Tromsø", "tromso", "NO", "europe", 1),
    pl("Reykjavík", "reykjavik", "IS", "europe", 2),
    pl("İzmir", "izmir", "TR", "europe", 1),
    pl("Αθήνα", "athina", "GR", "europe", 1),
    pl("Москва", "moskva", "RU", "europe", 3),
    pl("Санкт-Петербург", "sankt-peterburg", "RU", "europe", 1),
    pl("Київ", "kyiv", "UA", "europe", 2),
    pl("Новосибирск", "novosibirsk", "RU", "asia", 1),
    pl("東京", "tokyo", "JP", "asia", 3),
    pl("大阪", "osaka", "JP", "asia", 1),
    pl("北京", "beijing", "CN", "asia", 2),
    pl("上海", "shanghai", "CN", "asia", 1),
    pl("서울", "seoul-kr", "KR", "asia", 1),
    pl("São Paulo", "sao-paulo", "BR", "americas", 2),
    pl("Bogotá", "bogota", "CO", "americas", 1),
    pl("Córdoba", "cordoba", "AR", "americas", 1),
    pl("Curaçao", "curacao", "CW", "americas", 1),
];

/// Phrases in other languages, for intl summaries.
const INTL_PHRASES: &[&str] = &[
    "ein historischer Tag",
    "une décision inattendue",
    "исторический день",
    "历史性的一天",
    "歴史的な合意",
    "un día histórico",
    "þjóðarsorg",
    "ιστορική συμφωνία",
    "역사적인 합의",
    "великий потоп",
    "kriz yönetimi",
    "powódź stulecia",
];

const INTL_QUOTES: &[&str] = &[
    "Die Lage in Zürich bleibt angespannt.",
    "Мы не подпишем этот договор.",
    "状況は依然として深刻だ。",
    "Nadal czekamy na pomoc w Krakowie.",
    "La situación en Córdoba es crítica.",
    "Við vitum ekki enn hvað gerðist.",
    "Вода поднялась за одну ночь.",
    "我们从未收到任何警告。",
    "C'est une décision qui pèse sur toute la région.",
    "Det här är bara början, säger borgmästaren i Malmö.",
];

const ASCII_QUOTES: &[&str] = &[
    "We will not sign a treaty that ignores the river.",
    "The water rose faster than any model predicted.",
    "There is no evidence of outside interference at this stage.",
    "This agreement is a first step, not the last.",
    "We were told nothing until the lights went out.",
    "The figures will be revised in the next quarterly report.",
    "Our teams have been working around the clock since Tuesday.",
    "The ministry rejects these allegations in the strongest terms.",
    "Nobody here expected the floods to last this long.",
    "The court found no basis for the \"emergency\" measures.",
    "It is too early to say who is responsible.",
    "Negotiators worked through the night to close the gap.",
];

const FIRST_NAMES: &[&str] = &[
    "Anna", "James", "Maria", "Peter", "Sofia", "David", "Elena", "Thomas", "Laura", "Michael",
    "Sarah", "Daniel", "Olga", "Ahmed", "Fatima", "Kenji", "Priya", "Carlos", "Ingrid", "Lars",
    "Chen", "Amara", "Noah", "Grace", "Omar", "Hannah", "Victor", "Irene", "Paul", "Nadia",
];

const LAST_NAMES: &[&str] = &[
    "Schmidt",
    "Novak",
    "Kowalski",
    "Smith",
    "Johnson",
    "Rossi",
    "Dubois",
    "Jensen",
    "Tanaka",
    "Okafor",
    "Patel",
    "Silva",
    "Hughes",
    "Fischer",
    "Larsen",
    "Moreau",
    "Costa",
    "Walker",
    "Ivanova",
    "Brennan",
    "Haddad",
    "Mendes",
    "Kim",
    "Nakamura",
    "Lindqvist",
    "Varga",
    "Popescu",
    "Horvat",
    "Reyes",
    "Adeyemi",
];

/// Non-ASCII first names with their slugs.
const INTL_FIRST: &[(&str, &str)] = &[
    ("Zoë", "zoe"),
    ("Åsa", "asa"),
    ("Jürgen", "jurgen"),
    ("Øyvind", "oyvind"),
    ("Łukasz", "lukasz"),
    ("Sigríður", "sigridur"),
    ("François", "francois"),
    ("Iñaki", "inaki"),
    ("Mihály", "mihaly"),
    ("Çağla", "cagla"),
];

const INTL_LAST: &[(&str, &str)] = &[
    ("Guðmundsdóttir", "gudmundsdottir"),
    ("Müller", "muller"),
    ("Dvořák", "dvorak"),
    ("Núñez", "nunez"),
    ("Jiménez", "jimenez"),
    ("Żukowski", "zukowski"),
    ("Ólafsson", "olafsson"),
    ("Çelik", "celik"),
    ("Đorđević", "dordevic"),
    ("Lefèvre", "lefevre"),
    ("Gonçalves", "goncalves"),
    ("Björk", "bjork"),
];

/// Full names in non-Latin scripts, with slugs.
const INTL_FULL: &[(&str, &str)] = &[
    ("Иван Петров", "ivan-petrov"),
    ("Ольга Смирнова", "olga-smirnova"),
    ("Дмитрий Орлов", "dmitry-orlov"),
    ("Оксана Коваленко", "oksana-kovalenko"),
    ("山田太郎", "yamada-taro"),
    ("佐藤花子", "sato-hanako"),
    ("李明", "li-ming"),
    ("王芳", "wang-fang"),
    ("김민준", "kim-minjun"),
];

const ADJECTIVES: &[&str] = &[
    "secret",
    "emergency",
    "historic",
    "controversial",
    "landmark",
    "failed",
    "sudden",
    "interim",
    "disputed",
    "joint",
    "record",
    "fragile",
    "long-awaited",
    "last-minute",
    "bilateral",
    "regional",
    "unprecedented",
    "quiet",
    "major",
    "partial",
];

const SUBJECTS: &[&str] = &[
    "water rights",
    "fishing quotas",
    "border controls",
    "gas prices",
    "data sharing",
    "grain exports",
    "river management",
    "refugee quotas",
    "rail links",
    "flood defences",
    "port access",
    "air quality",
];

const CONSEQUENCES: &[&str] = &[
    "raise prices across the region",
    "leave thousands without power for weeks",
    "delay reconstruction by several years",
    "weaken the governing coalition",
    "set a precedent for future disputes",
    "strain relations with neighbouring states",
    "force a review of emergency planning",
];

const PERSON_VERBS: &[&str] = &[
    "resigns over",
    "testifies on",
    "is questioned about",
    "speaks out on",
    "defends",
];

const ORG_VERBS: &[&str] = &[
    "announces",
    "investigates",
    "condemns",
    "backs",
    "delays",
    "reviews",
];

const ORG_VERBS_PAST: &[&str] = &[
    "announced",
    "investigated",
    "condemned",
    "backed",
    "delayed",
    "reviewed",
];

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The 50 tags. Topics and regions draw from it; the rest is filler.
pub const TAGS: &[&str] = &[
    "diplomacy",
    "treaty",
    "summit",
    "sanctions",
    "trade",
    "tariffs",
    "floods",
    "drought",
    "earthquake",
    "wildfire",
    "climate",
    "storms",
    "energy",
    "oil",
    "gas",
    "nuclear",
    "pipeline",
    "cyber",
    "ransomware",
    "espionage",
    "leak",
    "elections",
    "protest",
    "coalition",
    "parliament",
    "corruption",
    "economy",
    "banking",
    "currency",
    "labour",
    "strike",
    "courts",
    "legal",
    "inquiry",
    "health",
    "outbreak",
    "vaccines",
    "transport",
    "rail",
    "aviation",
    "shipping",
    "science",
    "space",
    "europe",
    "asia",
    "americas",
    "africa",
    "media",
    "military",
    "migration",
];

fn tag_ix(name: &str) -> u8 {
    TAGS.iter()
        .position(|t| *t == name)
        .unwrap_or_else(|| panic!("unknown tag {name}")) as u8
}

/// A topic: nouns (each with an optional tag), verbs that follow the noun, tags, weight.
struct Topic {
    nouns: &'static [(&'static str, &'static str)],
    verbs: &'static [&'static str],
    tags: &'static [&'static str],
    weight: usize,
}

const TOPICS: &[Topic] = &[
    Topic {
        nouns: &[
            ("treaty", "treaty"),
            ("treaty", "treaty"),
            ("accord", ""),
            ("summit", "summit"),
            ("ceasefire", "military"),
            ("peace talks", ""),
            ("trade pact", "trade"),
            ("border agreement", ""),
        ],
        verbs: &[
            "signed",
            "collapses",
            "stalls",
            "ratified",
            "suspended",
            "renegotiated",
        ],
        tags: &["diplomacy", "diplomacy", "sanctions"],
        weight: 14,
    },
    Topic {
        nouns: &[
            ("flood", "floods"),
            ("floods", "floods"),
            ("flash flood", "floods"),
            ("drought", "drought"),
            ("earthquake", "earthquake"),
            ("wildfire", "wildfire"),
            ("storm", "storms"),
            ("landslide", ""),
        ],
        verbs: &[
            "hits",
            "strikes",
            "recedes",
            "forces evacuations",
            "cuts power",
            "worsens",
        ],
        tags: &["climate", "climate", "health"],
        weight: 14,
    },
    Topic {
        nouns: &[
            ("pipeline", "pipeline"),
            ("power grid", ""),
            ("gas deal", "gas"),
            ("nuclear plant", "nuclear"),
            ("oil field", "oil"),
            ("wind farm", "climate"),
        ],
        verbs: &[
            "shut down",
            "approved",
            "delayed",
            "fails",
            "reopens",
            "expands",
        ],
        tags: &["energy", "energy", "economy"],
        weight: 11,
    },
    Topic {
        nouns: &[
            ("data breach", "leak"),
            ("ransomware attack", "ransomware"),
            ("botnet", ""),
            ("network outage", ""),
            ("document leak", "leak"),
            ("spy case", "espionage"),
        ],
        verbs: &[
            "disclosed",
            "spreads",
            "contained",
            "traced abroad",
            "confirmed",
        ],
        tags: &["cyber", "cyber", "espionage"],
        weight: 11,
    },
    Topic {
        nouns: &[
            ("election", "elections"),
            ("referendum", "elections"),
            ("coalition deal", "coalition"),
            ("mass protest", "protest"),
            ("budget vote", "parliament"),
            ("bribery scandal", "corruption"),
        ],
        verbs: &["called", "contested", "postponed", "decided", "overturned"],
        tags: &["parliament", "elections", "media"],
        weight: 12,
    },
    Topic {
        nouns: &[
            ("tariff", "tariffs"),
            ("bank collapse", "banking"),
            ("currency crisis", "currency"),
            ("merger", ""),
            ("general strike", "strike"),
            ("bond sale", "banking"),
        ],
        verbs: &["deepens", "averted", "announced", "ends", "spreads"],
        tags: &["economy", "economy", "labour", "trade"],
        weight: 11,
    },
    Topic {
        nouns: &[
            ("ruling", "courts"),
            ("indictment", "legal"),
            ("lawsuit", "legal"),
            ("public inquiry", "inquiry"),
            ("sanctions package", "sanctions"),
        ],
        verbs: &["upheld", "appealed", "dismissed", "opened", "published"],
        tags: &["legal", "courts", "inquiry"],
        weight: 10,
    },
    Topic {
        nouns: &[
            ("outbreak", "outbreak"),
            ("vaccine trial", "vaccines"),
            ("hospital strike", "strike"),
            ("health alert", ""),
        ],
        verbs: &["declared", "spreads", "ends", "halted", "expanded"],
        tags: &["health", "health", "science"],
        weight: 7,
    },
    Topic {
        nouns: &[
            ("rail strike", "rail"),
            ("bridge collapse", ""),
            ("port closure", "shipping"),
            ("airline merger", "aviation"),
            ("migrant route", "migration"),
        ],
        verbs: &[
            "ends",
            "blocks traffic",
            "announced",
            "investigated",
            "lifted",
        ],
        tags: &["transport", "transport", "labour"],
        weight: 6,
    },
    Topic {
        nouns: &[
            ("satellite launch", "space"),
            ("telescope", "space"),
            ("polar expedition", ""),
            ("research reactor", "nuclear"),
        ],
        verbs: &["succeeds", "delayed", "fails", "completed", "funded"],
        tags: &["science", "science", "space"],
        weight: 4,
    },
];

/// Publishers of intl sources, with slugs.
const INTL_PUBLISHERS: &[(&str, &str)] = &[
    ("Zürcher Abendblatt", "zurcher-abendblatt"),
    ("Московский вестник", "moskovsky-vestnik"),
    ("東京新報", "tokyo-shinpo"),
    ("Gazeta Łódzka", "gazeta-lodzka"),
    ("Fréttablaðið Vikan", "frettabladid-vikan"),
    ("Le Courrier de Besançon", "courrier-besancon"),
    ("Dagbladet Tromsø", "dagbladet-tromso"),
    ("Diário de São Paulo", "diario-sao-paulo"),
    ("Київська правда", "kyivska-pravda"),
    ("서울 경제신문", "seoul-gyeongje"),
    ("El Heraldo de Bogotá", "heraldo-bogota"),
    ("Malmö Kuriren", "malmo-kuriren"),
];

const ROLES: &[&str] = &[
    "signatory",
    "mediator",
    "target",
    "spokesperson",
    "investigator",
    "plaintiff",
    "defendant",
    "host",
    "observer",
];

const RELATION_TYPES: &[&str] = &[
    "causes",
    "leads-to",
    "response",
    "context",
    "contradicts",
    "same-as",
];
const RELATION_WEIGHTS: &[usize] = &[20, 30, 25, 15, 7, 3];

const CONFIDENCE: &[&str] = &[
    "almost-no-chance",
    "very-unlikely",
    "unlikely",
    "roughly-even",
    "likely",
    "very-likely",
    "almost-certain",
];
const CONFIDENCE_WEIGHTS: &[usize] = &[1, 3, 6, 10, 30, 25, 10];

const LOCATORS: &[&str] = &["p.", "para.", "section", "at"];

// ---------------------------------------------------------------------------------------
// Dates

/// 1995-01-01 as days since 1970-01-01.
fn first_day() -> i64 {
    days_from_civil(1995, 1, 1)
}

/// Days in the 30 years 1995–2024.
fn span_days() -> i64 {
    days_from_civil(2025, 1, 1) - first_day()
}

/// Howard Hinnant's `days_from_civil`.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Howard Hinnant's `civil_from_days`.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Precision {
    Day,
    Month,
    Year,
}

fn write_date(out: &mut String, day: i64, p: Precision) {
    let (y, m, d) = civil_from_days(day);
    let _ = match p {
        Precision::Day => write!(out, "{y:04}-{m:02}-{d:02}"),
        Precision::Month => write!(out, "{y:04}-{m:02}"),
        Precision::Year => write!(out, "{y:04}"),
    };
}

fn date_text(day: i64, p: Precision) -> String {
    let mut s = String::with_capacity(10);
    write_date(&mut s, day, p);
    s
}

// ---------------------------------------------------------------------------------------
// Registries

struct Actor {
    id: String,
    name: String,
    kind: &'static str,
    country: &'static str,
    aliases: Vec<String>,
}

struct Source {
    id: String,
    publisher: String,
    title: Option<String>,
    url: String,
    published: String,
    author: Option<String>,
    kind: &'static str,
    reliability: char,
}

struct Registry {
    actors: Vec<Actor>,
    /// Indices of actors whose text is ASCII.
    ascii_actors: Vec<u16>,
    sources: Vec<Source>,
    ascii_sources: Vec<u16>,
}

/// Lower-case ASCII letters and digits, other runs as `-`.
fn slugify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// `base`, or `base-2`, `base-3`… when taken.
fn unique_id(taken: &mut HashSet<String>, base: String) -> String {
    let mut id = base.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(id.clone());
    id
}

fn pick_place<'a>(rng: &mut Rng, places: &'a [Place]) -> &'a Place {
    let total: usize = places.iter().map(|p| p.weight).sum();
    let mut r = rng.below(total);
    for p in places {
        if r < p.weight {
            return p;
        }
        r -= p.weight;
    }
    &places[places.len() - 1]
}

/// A person's name and slug.
fn person(rng: &mut Rng, intl: bool) -> (String, String) {
    if !intl {
        let name = format!("{} {}", rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES));
        let slug = slugify(&name);
        return (name, slug);
    }
    match rng.below(3) {
        0 => {
            let (name, slug) = rng.pick(INTL_FULL);
            (name.to_string(), slug.to_string())
        }
        1 => {
            let f = rng.pick(FIRST_NAMES);
            let (l, ls) = rng.pick(INTL_LAST);
            (format!("{f} {l}"), format!("{}-{ls}", slugify(f)))
        }
        _ => {
            let (f, fs) = rng.pick(INTL_FIRST);
            let (l, ls) = if rng.percent(50) {
                *rng.pick(INTL_LAST)
            } else {
                let l = rng.pick(LAST_NAMES);
                (*l, *l)
            };
            (format!("{f} {l}"), format!("{fs}-{}", slugify(ls)))
        }
    }
}

const COMPANY_HEADS: &[&str] = &[
    "Nordwind",
    "Bluepeak",
    "Ironbridge",
    "Silverline",
    "Redharbor",
    "Greenfield",
    "Eastgate",
    "Highmoor",
    "Clearwater",
    "Stonebrook",
];
const COMPANY_TAILS: &[&str] = &[
    "Energy",
    "Logistics",
    "Capital",
    "Telecom",
    "Shipping",
    "Systems",
    "Water",
    "Holdings",
];
const ORG_FORMS: &[&str] = &[
    "{} Flood Relief Committee",
    "{} Chamber of Commerce",
    "{} Human Rights Watch",
    "{} Institute for Policy Studies",
    "Friends of {}",
];
const GOV_FORMS: &[&str] = &[
    "{} City Council",
    "Office of the Mayor of {}",
    "{} Water Authority",
    "{} Regional Government",
    "{} Police",
    "{} District Court",
];
const MEDIA_FORMS: &[&str] = &["The {} Herald", "{} Evening Post", "{} Daily", "Radio {}"];
const RESEARCH_FORMS: &[&str] = &[
    "University of {}",
    "{} Statistics Office",
    "{} Institute of Technology",
];

/// An actor's name, slug, kind and country.
fn actor_candidate(rng: &mut Rng, intl: bool) -> (String, String, &'static str, &'static str) {
    let place = pick_place(rng, if intl { INTL_PLACES } else { PLACES });
    let from_form = |form: &str, kind| {
        (
            form.replace("{}", place.name),
            slugify(&form.replace("{}", place.slug)),
            kind,
            place.country,
        )
    };
    match rng.weighted(&[45, 20, 15, 10, 10]) {
        0 => {
            let (name, slug) = person(rng, intl);
            (name, slug, "person", place.country)
        }
        1 => {
            let form = *rng.pick(GOV_FORMS);
            from_form(form, "government")
        }
        2 => {
            let head = format!("{} {}", rng.pick(COMPANY_HEADS), rng.pick(COMPANY_TAILS));
            if intl {
                from_form(&format!("{head} {{}}"), "company")
            } else {
                let slug = slugify(&head);
                (head, slug, "company", place.country)
            }
        }
        3 => {
            let form = *rng.pick(ORG_FORMS);
            from_form(form, "organization")
        }
        _ => {
            let form = *rng.pick(MEDIA_FORMS);
            from_form(form, "media")
        }
    }
}

impl Registry {
    fn new(events: usize, rng: &mut Rng) -> Registry {
        let n_actors = (events / 8).clamp(4, 300);
        let n_sources = (events / 8).clamp(2, 300).min(events);
        let mut taken = HashSet::new();
        let mut actors = Vec::with_capacity(n_actors);
        let mut ascii_actors = Vec::new();
        let mut names = HashSet::new();
        for i in 0..n_actors {
            let intl = i % 5 == 4;
            // A fresh name when the list allows (one actor per name), else a repeat.
            let mut tries = 0;
            let (name, slug, kind, country) = loop {
                let candidate = actor_candidate(rng, intl);
                tries += 1;
                if names.insert(candidate.0.clone()) || tries == 20 {
                    break candidate;
                }
            };
            let mut aliases = Vec::new();
            if kind != "person" && name.is_ascii() && rng.percent(25) {
                let acronym: String = name
                    .split(' ')
                    .filter_map(|w| w.chars().next())
                    .filter(char::is_ascii_uppercase)
                    .collect();
                if acronym.len() >= 2 {
                    aliases.push(acronym);
                }
            }
            if name.is_ascii() {
                ascii_actors.push(i as u16);
            }
            actors.push(Actor {
                id: unique_id(&mut taken, slug),
                name,
                kind,
                country,
                aliases,
            });
        }

        let mut taken = HashSet::new();
        let mut sources = Vec::with_capacity(n_sources);
        let mut ascii_sources = Vec::new();
        for i in 0..n_sources {
            let intl = i % 7 == 6;
            let place = pick_place(rng, if intl { INTL_PLACES } else { PLACES });
            let kind_ix = rng.weighted(&[55, 20, 10, 10]);
            let (publisher, pub_slug, kind) = if intl && kind_ix == 0 {
                let (p, s) = rng.pick(INTL_PUBLISHERS);
                (p.to_string(), s.to_string(), "news")
            } else {
                let (forms, kind) = match kind_ix {
                    0 => (MEDIA_FORMS, "news"),
                    1 => (GOV_FORMS, "government"),
                    2 => (RESEARCH_FORMS, "research"),
                    _ => (ORG_FORMS, "other"),
                };
                let form = rng.pick(forms);
                (
                    form.replace("{}", place.name),
                    slugify(&form.replace("{}", place.slug)),
                    if form.contains("Court") {
                        "legal"
                    } else {
                        kind
                    },
                )
            };
            let day = first_day() + rng.below(span_days() as usize) as i64;
            let published = date_text(day, Precision::Day);
            let topic = pick_topic(rng);
            let title = rng.percent(75).then(|| {
                let about = pick_place(rng, if intl { INTL_PLACES } else { PLACES });
                let (noun, _) = *rng.pick(topic.nouns);
                headline(rng, topic, noun, about, intl, day)
            });
            let author = rng.percent(30).then(|| person(rng, intl).0);
            let id = unique_id(&mut taken, format!("{pub_slug}-{published}"));
            let url = format!(
                "https://example.org/{pub_slug}/{}",
                &id[pub_slug.len() + 1..]
            );
            let reliability = ['A', 'B', 'C', 'D', 'E', 'F'][rng.weighted(&[10, 35, 30, 12, 5, 8])];
            let ascii = publisher.is_ascii()
                && title.as_ref().is_none_or(|t| t.is_ascii())
                && author.as_ref().is_none_or(|a| a.is_ascii());
            if ascii {
                ascii_sources.push(i as u16);
            }
            sources.push(Source {
                id,
                publisher,
                title,
                url,
                published,
                author,
                kind,
                reliability,
            });
        }
        Registry {
            actors,
            ascii_actors,
            sources,
            ascii_sources,
        }
    }
}

// ---------------------------------------------------------------------------------------
// Text

fn pick_topic(rng: &mut Rng) -> &'static Topic {
    let total: usize = TOPICS.iter().map(|t| t.weight).sum();
    let mut r = rng.below(total);
    for t in TOPICS {
        if r < t.weight {
            return t;
        }
        r -= t.weight;
    }
    &TOPICS[TOPICS.len() - 1]
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A headline about `noun` (of `topic`) in `place`, around `day`. Every form names the
/// place, so an intl place makes a non-ASCII headline; `intl` also allows non-ASCII names.
fn headline(
    rng: &mut Rng,
    topic: &Topic,
    noun: &str,
    place: &Place,
    intl: bool,
    day: i64,
) -> String {
    let p = place.name;
    let verb = rng.pick(topic.verbs);
    let adj = rng.pick(ADJECTIVES);
    let year = civil_from_days(day).0;
    match rng.below(8) {
        0 => format!("{} {noun} {verb} in {p}", capitalize(adj)),
        1 => format!("{p} {noun} {verb}"),
        2 if noun == "treaty" => format!("Treaty of {p} {verb}"),
        2 => format!("{p} {noun} of {year}"),
        3 => format!(
            "{p} hosts {adj} talks on {} after {noun}",
            rng.pick(SUBJECTS)
        ),
        4 => {
            let local = intl && rng.percent(50);
            let (who, _) = person(rng, local);
            format!("{who} {} {p} {noun}", rng.pick(PERSON_VERBS))
        }
        5 => format!("{p} officials {} {adj} {noun}", rng.pick(ORG_VERBS_PAST)),
        6 => format!(
            "{} {noun} {verb} as {p} debates {}",
            capitalize(adj),
            rng.pick(SUBJECTS)
        ),
        _ => format!(
            "{p} {} {} plan on {} after {noun}",
            rng.pick(&["council", "government", "court", "regulator", "union"]),
            rng.pick(ORG_VERBS),
            rng.pick(SUBJECTS)
        ),
    }
}

/// `12,400`.
fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// 1–3 sentences about `noun` in `place` around `day`; an intl event's second sentence
/// quotes the local press in another language.
fn summary(
    rng: &mut Rng,
    topic: &Topic,
    noun: &str,
    place: &Place,
    intl: bool,
    day: i64,
) -> String {
    const FORMS: usize = 10;
    let (y, m, _) = civil_from_days(day);
    let month = MONTHS[m as usize - 1];
    let p = place.name;
    let sentences = 1 + rng.weighted(&[5, 35, 60]);
    let mut out = String::with_capacity(400);
    let mut used = [false; FORMS];
    for k in 0..sentences {
        if k > 0 {
            out.push(' ');
        }
        if intl && k == 1 {
            let _ = write!(
                out,
                "Local media in {} described it as «{}».",
                pick_place(rng, INTL_PLACES).name,
                rng.pick(INTL_PHRASES)
            );
            continue;
        }
        let mut which = rng.below(FORMS);
        while used[which] {
            which = (which + 1) % FORMS;
        }
        used[which] = true;
        let _ = match which {
            0 => write!(
                out,
                "Officials in {p} {} the {noun} in {month} {y}, citing concerns over {}.",
                rng.pick(ORG_VERBS_PAST),
                rng.pick(SUBJECTS)
            ),
            1 => write!(
                out,
                "The dispute over {} had dragged on for {} {} before the {noun}.",
                rng.pick(SUBJECTS),
                2 + rng.below(18),
                if rng.percent(50) { "months" } else { "years" }
            ),
            2 => {
                let other = pick_topic(rng);
                let (n2, _) = rng.pick(other.nouns);
                let p2 = pick_place(rng, PLACES).name;
                let adj = rng.pick(ADJECTIVES);
                write!(
                    out,
                    "It followed {} {adj} {n2} in {p2} earlier that year, which had already unsettled {}.",
                    if adj.starts_with(['a', 'e', 'i', 'o', 'u']) {
                        "an"
                    } else {
                        "a"
                    },
                    rng.pick(&[
                        "markets",
                        "neighbouring governments",
                        "local officials",
                        "insurers"
                    ])
                )
            }
            3 => {
                let local = intl && rng.percent(40);
                let (who, _) = person(rng, local);
                write!(
                    out,
                    "{who} called the outcome \"{}\" and promised a review within {} weeks.",
                    rng.pick(&["a disgrace", "a first step", "long overdue", "unacceptable"]),
                    2 + rng.below(10)
                )
            }
            4 => write!(
                out,
                "Critics warned that the {noun} would {}.",
                rng.pick(CONSEQUENCES)
            ),
            5 => write!(
                out,
                "Around {} people were affected, according to {} estimates published in {month}.",
                thousands(100 + rng.below(250_000)),
                rng.pick(&["official", "preliminary", "independent", "local"])
            ),
            6 if topic.tags[0] == "cyber" => write!(
                out,
                "Investigators traced the files to \\\\fs{:02}\\exports\\{} on a municipal server.",
                rng.below(40),
                rng.pick(&["payroll", "contracts", "minutes", "archive"])
            ),
            6 => write!(
                out,
                "Talks on {} are expected to resume in {}, although no date has been set.",
                rng.pick(SUBJECTS),
                y + 1
            ),
            7 => write!(
                out,
                "A spokesperson for the {} in {p} said a full report would follow by {} {}.",
                rng.pick(&[
                    "ministry",
                    "city council",
                    "regulator",
                    "commission",
                    "agency"
                ]),
                MONTHS[rng.below(12)],
                y + 1
            ),
            8 => write!(
                out,
                "Delegations from {} countries attended, and observers described the mood as {}.",
                3 + rng.below(30),
                rng.pick(&[
                    "tense",
                    "cautiously optimistic",
                    "subdued",
                    "hostile",
                    "businesslike"
                ])
            ),
            _ => write!(
                out,
                "The {noun} drew comparisons with events in {} in {}.",
                pick_place(rng, PLACES).name,
                y - 1 - rng.below(20) as i64
            ),
        };
    }
    out
}

// ---------------------------------------------------------------------------------------
// Events

struct Cite {
    source: u16,
    quote: Option<String>,
    locator: Option<String>,
    credibility: Option<u8>,
}

struct Event {
    date: String,
    end: Option<String>,
    title: String,
    summary: String,
    tags: Vec<u8>,
    actors: Vec<(u16, Option<&'static str>)>,
    cites: Vec<Cite>,
    related: Vec<(usize, Option<&'static str>)>,
    confidence: Option<&'static str>,
    intl: bool,
}

fn make_events(n: usize, reg: &Registry, rng: &mut Rng) -> Vec<Event> {
    // Days in order, so that lower indices are earlier and links point back in time.
    let mut days: Vec<i64> = (0..n)
        .map(|_| first_day() + rng.below(span_days() as usize) as i64)
        .collect();
    days.sort_unstable();
    let all_actors: Vec<u16> = (0..reg.actors.len() as u16).collect();
    let all_sources: Vec<u16> = (0..reg.sources.len() as u16).collect();
    let mut events = Vec::with_capacity(n);
    for (i, &day) in days.iter().enumerate() {
        let intl = rng.percent(20);
        let topic = pick_topic(rng);
        let place = pick_place(rng, if intl { INTL_PLACES } else { PLACES });
        let (noun, noun_tag) = *rng.pick(topic.nouns);
        let title = headline(rng, topic, noun, place, intl, day);
        let summary = summary(rng, topic, noun, place, intl, day);

        // Dates: mostly days, some months, some years; a few approximate or uncertain.
        let precision = match rng.below(100) {
            0..80 => Precision::Day,
            80..93 => Precision::Month,
            _ => Precision::Year,
        };
        let mut date = date_text(day, precision);
        match rng.below(100) {
            0..4 => date.push('~'),
            4..6 => date.push('?'),
            6 => date.push('%'),
            _ => {}
        }
        let end = rng
            .percent(10)
            .then(|| {
                let end_day = day
                    + 1
                    + rng.below(if precision == Precision::Year {
                        1500
                    } else {
                        300
                    }) as i64;
                date_text(end_day, precision)
            })
            .filter(|e| *e != date_text(day, precision));

        // Tags: the topic's, the noun's, the region's and filler, 2–4 in all.
        let want = 2 + rng.weighted(&[40, 40, 20]);
        let mut tags: Vec<u8> = Vec::with_capacity(4);
        let add = |t: u8, tags: &mut Vec<u8>| {
            if tags.len() < want && !tags.contains(&t) {
                tags.push(t);
            }
        };
        let topic_tag = *rng.pick(topic.tags);
        add(tag_ix(topic_tag), &mut tags);
        if !noun_tag.is_empty() && rng.percent(70) {
            add(tag_ix(noun_tag), &mut tags);
        }
        if rng.percent(40) {
            add(tag_ix(place.region), &mut tags);
        }
        while tags.len() < want {
            add(rng.below(TAGS.len()) as u8, &mut tags);
        }

        let actor_pool = if intl { &all_actors } else { &reg.ascii_actors };
        let mut actors: Vec<(u16, Option<&'static str>)> = Vec::new();
        if !actor_pool.is_empty() {
            for _ in 0..rng.weighted(&[10, 45, 33, 12]) {
                let a = *rng.pick(actor_pool);
                if actors.iter().all(|(x, _)| *x != a) {
                    let role = rng.percent(45).then(|| *rng.pick(ROLES));
                    actors.push((a, role));
                }
            }
        }

        // An intl event may cite any source; others cite ASCII ones only.
        let source_pool = if (intl && rng.percent(60)) || reg.ascii_sources.is_empty() {
            &all_sources
        } else {
            &reg.ascii_sources
        };
        let mut cites: Vec<Cite> = Vec::new();
        for _ in 0..1 + rng.weighted(&[50, 38, 12]) {
            let s = *rng.pick(source_pool);
            if cites.iter().any(|c| c.source == s) {
                continue;
            }
            let detailed = rng.percent(50);
            let quote = (detailed && rng.percent(85)).then(|| {
                if intl && rng.percent(50) {
                    rng.pick(INTL_QUOTES).to_string()
                } else {
                    rng.pick(ASCII_QUOTES).to_string()
                }
            });
            let locator = (detailed && rng.percent(50)).then(|| {
                let kind = rng.pick(LOCATORS);
                if *kind == "at" {
                    format!("at {:02}:{:02}", rng.below(60), rng.below(60))
                } else {
                    format!("{kind} {}", 1 + rng.below(40))
                }
            });
            let credibility = (detailed && rng.percent(70))
                .then(|| 1 + rng.weighted(&[20, 35, 25, 10, 4, 6]) as u8);
            cites.push(Cite {
                source: s,
                quote,
                locator,
                credibility,
            });
        }

        let mut related: Vec<(usize, Option<&'static str>)> = Vec::new();
        if i > 0 && rng.percent(35) {
            for _ in 0..1 + usize::from(rng.percent(20)) {
                let target = i - 1 - rng.below(i.min(500));
                if related.iter().all(|(t, _)| *t != target) {
                    let ty = rng
                        .percent(75)
                        .then(|| RELATION_TYPES[rng.weighted(RELATION_WEIGHTS)]);
                    related.push((target, ty));
                }
            }
        }
        let confidence = rng
            .percent(10)
            .then(|| CONFIDENCE[rng.weighted(CONFIDENCE_WEIGHTS)]);

        events.push(Event {
            date,
            end,
            title,
            summary,
            tags,
            actors,
            cites,
            related,
            confidence,
            intl,
        });
    }
    events
}

/// Cites every registry source at least once (an uncited source is a warning): each
/// uncited source is added to an event that can take it (an intl event for a non-ASCII
/// source, so ASCII events stay ASCII).
fn cover_sources(events: &mut [Event], reg: &Registry) {
    if events.is_empty() {
        return;
    }
    let mut cited = vec![false; reg.sources.len()];
    for e in events.iter() {
        for c in &e.cites {
            cited[c.source as usize] = true;
        }
    }
    let ascii: HashSet<u16> = reg.ascii_sources.iter().copied().collect();
    let n = events.len();
    for (s, _) in cited.iter().enumerate().filter(|(_, c)| !**c) {
        let s = s as u16;
        let start = (s as usize).wrapping_mul(7919) % n;
        let fits = |e: &Event| e.cites.len() < 4 && (e.intl || ascii.contains(&s));
        let at = (0..n)
            .map(|k| (start + k) % n)
            .find(|&k| fits(&events[k]))
            .unwrap_or(start);
        events[at].cites.push(Cite {
            source: s,
            quote: None,
            locator: None,
            credibility: None,
        });
    }
}

/// Every tag used once gets a second event (one with fewer than 4 tags), or is dropped
/// when there is none: a tag used once is a warning.
fn fix_tags(events: &mut [Event]) {
    let mut count = [0usize; 256];
    for e in events.iter() {
        for t in &e.tags {
            count[*t as usize] += 1;
        }
    }
    let n = events.len();
    for t in 0..TAGS.len() as u8 {
        if count[t as usize] != 1 {
            continue;
        }
        let owner = events.iter().position(|e| e.tags.contains(&t)).unwrap();
        let start = (owner + 1) % n;
        let other = (0..n)
            .map(|k| (start + k) % n)
            .find(|&k| k != owner && events[k].tags.len() < 4 && !events[k].tags.contains(&t));
        match other {
            Some(k) => events[k].tags.push(t),
            None => events[owner].tags.retain(|x| *x != t),
        }
    }
}

// ---------------------------------------------------------------------------------------
// YAML

/// A double-quoted YAML scalar.
fn push_quoted(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

fn push_field(out: &mut String, indent: &str, key: &str, value: &str) {
    out.push_str(indent);
    out.push_str(key);
    out.push_str(": ");
    push_quoted(out, value);
    out.push('\n');
}

fn digits(n: usize) -> usize {
    n.max(1).ilog10() as usize + 1
}

/// Event `i` (0-based) is `ev-000001`…
fn event_id(out: &mut String, i: usize, width: usize) {
    let _ = write!(out, "ev-{:0width$}", i + 1);
}

fn render(spec: &Spec, files: usize, reg: &Registry, events: &[Event]) -> Vec<(String, String)> {
    let width = digits(events.len()).max(6);
    let per_file = events.len() / files + 1;
    let mut outs: Vec<String> = (0..files)
        .map(|k| String::with_capacity(per_file * 640 + if k == 0 { 150_000 } else { 100 }))
        .collect();

    // The first file: title, eras, registries.
    {
        let out = &mut outs[0];
        out.push_str("# A synthetic timeline written by examples/gen_timeline.\n");
        out.push_str("version: 1\n");
        let _ = writeln!(
            out,
            "title: \"Synthetic timeline: {} events, seed {}\"",
            spec.events, spec.seed
        );
        out.push_str(
            "summary: >\n  Generated data for benchmarks and tests: invented events, actors and\n  sources across 1995–2024.\n",
        );
        out.push_str("\neras:\n");
        for (k, y) in (1995..2025).step_by(5).enumerate() {
            let _ = write!(
                out,
                "  - id: period-{}\n    title: \"Period {} ({y}–{})\"\n    start: {y}\n    end: {}\n",
                k + 1,
                k + 1,
                y + 4,
                y + 4
            );
        }
        out.push_str("\nactors:\n");
        for a in &reg.actors {
            let _ = writeln!(out, "  {}:", a.id);
            push_field(out, "    ", "name", &a.name);
            let _ = writeln!(out, "    kind: {}\n    country: {}", a.kind, a.country);
            if !a.aliases.is_empty() {
                out.push_str("    aliases: [");
                for (k, al) in a.aliases.iter().enumerate() {
                    if k > 0 {
                        out.push_str(", ");
                    }
                    push_quoted(out, al);
                }
                out.push_str("]\n");
            }
        }
        out.push_str("\nsources:\n");
        for s in &reg.sources {
            let _ = writeln!(out, "  {}:", s.id);
            push_field(out, "    ", "publisher", &s.publisher);
            if let Some(t) = &s.title {
                push_field(out, "    ", "title", t);
            }
            push_field(out, "    ", "url", &s.url);
            let _ = writeln!(out, "    published: {}", s.published);
            if let Some(a) = &s.author {
                push_field(out, "    ", "author", a);
            }
            let _ = writeln!(
                out,
                "    kind: {}\n    reliability: {}",
                s.kind, s.reliability
            );
        }
        out.push('\n');
    }
    for (k, out) in outs.iter_mut().enumerate() {
        if k > 0 {
            let _ = writeln!(out, "# Part {} of {files} of a synthetic timeline.", k + 1);
        }
        let mine = events.len() / files + usize::from(k < events.len() % files);
        out.push_str(if mine == 0 {
            "events: []\n"
        } else {
            "events:\n"
        });
    }

    // Events, dealt round-robin, so related links cross files.
    for (i, e) in events.iter().enumerate() {
        let out = &mut outs[i % files];
        out.push_str("  - id: ");
        event_id(out, i, width);
        out.push_str("\n    date: ");
        out.push_str(&e.date);
        out.push('\n');
        if let Some(end) = &e.end {
            out.push_str("    end: ");
            out.push_str(end);
            out.push('\n');
        }
        push_field(out, "    ", "title", &e.title);
        push_field(out, "    ", "summary", &e.summary);
        if !e.tags.is_empty() {
            out.push_str("    tags: [");
            for (k, t) in e.tags.iter().enumerate() {
                if k > 0 {
                    out.push_str(", ");
                }
                out.push_str(TAGS[*t as usize]);
            }
            out.push_str("]\n");
        }
        if !e.actors.is_empty() {
            out.push_str("    actors:\n");
            for (a, role) in &e.actors {
                let id = &reg.actors[*a as usize].id;
                match role {
                    Some(r) => {
                        let _ = writeln!(out, "      - {{id: {id}, role: {r}}}");
                    }
                    None => {
                        let _ = writeln!(out, "      - {id}");
                    }
                }
            }
        }
        out.push_str("    sources:\n");
        for c in &e.cites {
            let id = &reg.sources[c.source as usize].id;
            if c.quote.is_none() && c.locator.is_none() && c.credibility.is_none() {
                let _ = writeln!(out, "      - {id}");
                continue;
            }
            let _ = writeln!(out, "      - ref: {id}");
            if let Some(q) = &c.quote {
                push_field(out, "        ", "quote", q);
            }
            if let Some(l) = &c.locator {
                push_field(out, "        ", "locator", l);
            }
            if let Some(cr) = c.credibility {
                let _ = writeln!(out, "        credibility: {cr}");
            }
        }
        if !e.related.is_empty() {
            out.push_str("    related:\n");
            for (t, ty) in &e.related {
                out.push_str("      - ");
                match ty {
                    Some(ty) => {
                        out.push_str("{id: ");
                        event_id(out, *t, width);
                        let _ = writeln!(out, ", type: {ty}}}");
                    }
                    None => {
                        event_id(out, *t, width);
                        out.push('\n');
                    }
                }
            }
        }
        if let Some(c) = e.confidence {
            let _ = writeln!(out, "    confidence: {c}");
        }
    }
    outs.into_iter()
        .enumerate()
        .map(|(k, text)| (file_name(k, files), text))
        .collect()
}
