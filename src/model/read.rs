//! Step 2 of a load: a file's bytes, read whole and checked.
//!
//! A regular file is size-checked before it is read; any file is read through a count,
//! and reading stops past `--max-file-size`, since a file may grow and a pipe or a
//! device has no size to check beforehand. What was read is hashed, a leading
//! byte-order mark is dropped, and NUL bytes (a binary file) and invalid UTF-8 are
//! refused with their line and column. The text is kept for the rest of the load: to
//! parse, and to place what is reported.

use std::io::Read as _;
use std::path::Path as FsPath;

use sha2::{Digest, Sha256};

use super::diag::{At, Diagnostic, Kind};
use super::options::LoadOptions;
use super::walk::io_error;
use super::work::Meter;

/// A file read and checked.
pub struct FileText {
    /// The text, without a leading byte-order mark.
    pub text: String,
    /// The bytes read, the byte-order mark included.
    pub bytes: u64,
    pub sha256: [u8; 32],
}

/// Reads file `input` at `path` whole, within the size limit, and checks its bytes.
pub fn read_file(
    input: u16,
    path: &FsPath,
    opts: &LoadOptions,
    meter: &Meter,
) -> Result<FileText, Box<Diagnostic>> {
    let meta = std::fs::metadata(path).map_err(|e| Box::new(io_error(path, "read", &e)))?;
    if meta.is_file() && meta.len() > opts.max_file_size {
        return Err(Box::new(too_large(
            input,
            format!(
                "file is {}, over the {} limit for one file; it was not read",
                human_size(meta.len()),
                human_size(opts.max_file_size)
            ),
        )));
    }
    let mut file = std::fs::File::open(path).map_err(|e| Box::new(io_error(path, "read", &e)))?;
    let capacity = if meta.is_file() { meta.len() } else { 1 << 16 };
    let mut bytes = Vec::with_capacity(capacity.min(opts.max_file_size) as usize + 1);
    let mut buf = vec![0u8; 1 << 16];
    let mut total: u64 = 0;
    // After a NUL byte the file is binary, which is an error already: the rest is only
    // counted, so that a device such as /dev/zero costs no memory on its way to the limit.
    let mut keep = true;
    loop {
        let n = match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Box::new(io_error(path, "read", &e))),
        };
        total += n as u64;
        meter.read(n as u64);
        if total > opts.max_file_size {
            return Err(Box::new(too_large(
                input,
                format!(
                    "file is over the {} limit for one file; reading stopped there",
                    human_size(opts.max_file_size)
                ),
            )));
        }
        if keep {
            match memchr::memchr(0, &buf[..n]) {
                Some(i) => {
                    bytes.extend_from_slice(&buf[..=i]);
                    keep = false;
                }
                None => bytes.extend_from_slice(&buf[..n]),
            }
        }
    }
    check(input, bytes)
}

/// The checks of [`read_file`] on bytes already read: the hash, no NUL byte, UTF-8, and
/// a leading byte-order mark dropped.
pub fn check(input: u16, bytes: Vec<u8>) -> Result<FileText, Box<Diagnostic>> {
    let sha256: [u8; 32] = Sha256::digest(&bytes).into();
    let len = bytes.len() as u64;
    // A binary file is binary wherever its text goes wrong first.
    if let Some(at) = memchr::memchr(0, &bytes) {
        return Err(Box::new(bad_byte(
            input,
            &bytes,
            at,
            "the file is binary (it contains a NUL byte), not a YAML timeline".to_string(),
            None,
        )));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        Box::new(bad_byte(
            input,
            bytes,
            at,
            format!(
                "the file is not valid UTF-8 (byte 0x{:02X} cannot start a character here)",
                bytes[at]
            ),
            Some("help: save the file as UTF-8"),
        ))
    })?;
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    Ok(FileText {
        text,
        bytes: len,
        sha256,
    })
}

fn bad_byte(
    input: u16,
    bytes: &[u8],
    at: usize,
    message: String,
    note: Option<&str>,
) -> Diagnostic {
    let (line, column) = line_col_of_byte(bytes, at);
    let d = Diagnostic::error(
        Kind::Encoding,
        At::Span {
            input,
            line,
            column,
            length: 1,
        },
        message,
    );
    match note {
        Some(n) => d.note(n),
        None => d,
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col_of_byte(bytes: &[u8], pos: usize) -> (u32, u32) {
    let before = &bytes[..pos.min(bytes.len())];
    let line = memchr::memchr_iter(b'\n', before).count() + 1;
    let line_start = memchr::memrchr(b'\n', before).map_or(0, |p| p + 1);
    let col = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line as u32, col as u32)
}

/// The refusal of a file over `--max-file-size`.
fn too_large(input: u16, message: String) -> Diagnostic {
    Diagnostic::error(Kind::TooLarge, At::File { input }, message).note(
        "help: raise the limit with --max-file-size <BYTES> (for example --max-file-size 512MiB)",
    )
}

pub fn human_size(bytes: u64) -> String {
    const MIB: f64 = 1024.0 * 1024.0;
    if bytes >= 1024 * 1024 {
        format!("{:.1} MiB", bytes as f64 / MIB)
    } else if bytes >= 1024 {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_positions_become_lines_and_columns() {
        assert_eq!(line_col_of_byte(b"ab\ncd", 4), (2, 2));
        assert_eq!(line_col_of_byte(b"", 0), (1, 1));
        assert_eq!(line_col_of_byte("é\nx".as_bytes(), 3), (2, 1));
        assert_eq!(line_col_of_byte("éa".as_bytes(), 2), (1, 2));
        assert_eq!(line_col_of_byte(b"ab\ncd\xff", 5), (2, 3));
        assert_eq!(line_col_of_byte(b"\xff", 0), (1, 1));
    }

    #[test]
    fn a_byte_order_mark_is_dropped_but_hashed() {
        let t = check(0, b"\xEF\xBB\xBFtitle: t\n".to_vec()).unwrap_or_else(|_| panic!());
        assert_eq!(t.text, "title: t\n");
        assert_eq!(t.bytes, 12);
        assert_eq!(
            t.sha256,
            <[u8; 32]>::from(Sha256::digest(b"\xEF\xBB\xBFtitle: t\n"))
        );
    }

    #[test]
    fn a_nul_byte_wins_over_bad_utf8() {
        let Err(d) = check(0, b"a\xFF\nb\0".to_vec()) else {
            panic!()
        };
        assert!(d.message.contains("NUL"), "{}", d.message);
        let Err(d) = check(0, b"ab\n\xC3(".to_vec()) else {
            panic!()
        };
        assert!(d.message.contains("0xC3"), "{}", d.message);
        assert!(matches!(
            d.at,
            At::Span {
                line: 2,
                column: 1,
                ..
            }
        ));
    }
}
