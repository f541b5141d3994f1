//! Writes a synthetic timeline for benchmarks and tests.
//!
//! ```text
//! cargo run --release --example gen_timeline -- --events N --seed S [--files K] [--out PATH]
//! ```
//!
//! With one file (the default) the timeline goes to `--out` or to stdout; with `--files K`
//! (K > 1), `--out` names a folder (created if missing) that receives `part-001.yaml`…
//! The same arguments always give the same bytes. A one-line summary goes to stderr.

mod r#gen;

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use r#gen::{Spec, Totals, generate};

const USAGE: &str = "\
usage: gen_timeline --events N [--seed S] [--files K] [--out PATH]

  --events N   number of events (default 1000)
  --seed S     PRNG seed, an unsigned integer (default 1)
  --files K    number of files (default 1); with K > 1, --out is a folder that receives
               part-001.yaml… (created if missing)
  --out PATH   the file to write (default: stdout), or the folder when --files > 1";

struct Args {
    spec: Spec,
    out: Option<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut spec = Spec::new(1000, 1);
    let mut out = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        if name == "-h" || name == "--help" {
            println!("{USAGE}");
            std::process::exit(0);
        }
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        let number = |v: String| -> Result<u64, String> {
            v.parse::<u64>()
                .map_err(|_| format!("{name}: '{v}' is not an unsigned integer"))
        };
        match name.as_str() {
            "--events" => spec.events = number(value()?)? as usize,
            "--seed" => spec.seed = number(value()?)?,
            "--files" => {
                spec.files = number(value()?)? as usize;
                if spec.files == 0 {
                    return Err("--files must be at least 1".into());
                }
            }
            "--out" => out = Some(PathBuf::from(value()?)),
            _ => return Err(format!("unknown argument '{arg}'")),
        }
    }
    if spec.files > 1 && out.is_none() {
        return Err("--files > 1 needs --out FOLDER".into());
    }
    Ok(Args { spec, out })
}

/// Refuses a folder that holds timeline files this run would not overwrite: loading the
/// folder would merge them with the new parts.
fn check_folder(dir: &Path, names: &[String]) -> Result<(), String> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Ok(());
    };
    let mut stray: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| (n.ends_with(".yaml") || n.ends_with(".yml")) && !names.contains(n))
        .collect();
    if stray.is_empty() {
        return Ok(());
    }
    stray.sort();
    Err(format!(
        "{} already holds other timeline files ({}): remove them or choose another folder",
        dir.display(),
        stray.join(", ")
    ))
}

fn write_all(path: Option<&Path>, text: &str) -> io::Result<()> {
    match path {
        Some(p) => {
            let mut w = BufWriter::new(fs::File::create(p)?);
            w.write_all(text.as_bytes())?;
            w.flush()
        }
        None => {
            let mut w = BufWriter::new(io::stdout().lock());
            w.write_all(text.as_bytes())?;
            w.flush()
        }
    }
}

fn run(args: &Args) -> Result<(), String> {
    let start = Instant::now();
    let out = generate(&args.spec);
    if args.spec.files > 1 {
        let dir = args.out.as_deref().expect("checked in parse_args");
        if dir.exists() && !dir.is_dir() {
            return Err(format!("{} exists and is not a folder", dir.display()));
        }
        let names: Vec<String> = out.iter().map(|(n, _)| n.clone()).collect();
        check_folder(dir, &names)?;
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for (name, text) in &out {
            let path = dir.join(name);
            write_all(Some(&path), text).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    } else {
        let path = args.out.as_deref();
        write_all(path, &out[0].1).map_err(|e| match path {
            Some(p) => format!("{}: {e}", p.display()),
            None => format!("stdout: {e}"),
        })?;
    }
    let t = Totals::of(&args.spec, &out);
    eprintln!(
        "gen_timeline: {} events, {} file{}, {} bytes, {:.1} bytes/event, {:.2} s",
        t.events,
        t.files,
        if t.files == 1 { "" } else { "s" },
        t.bytes,
        t.bytes_per_event(),
        start.elapsed().as_secs_f64()
    );
    Ok(())
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("gen_timeline: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_timeline: {e}");
            ExitCode::FAILURE
        }
    }
}
