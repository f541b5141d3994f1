//! Character references: decoded when HTML is read, written when text goes into HTML.

/// Named character references, the common ones (the rest are kept as written).
const ENTITIES: &[(&str, &str)] = &[
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("nbsp", "\u{a0}"),
    ("ensp", "\u{2002}"),
    ("emsp", "\u{2003}"),
    ("thinsp", "\u{2009}"),
    ("ndash", "–"),
    ("mdash", "—"),
    ("lsquo", "‘"),
    ("rsquo", "’"),
    ("sbquo", "‚"),
    ("ldquo", "“"),
    ("rdquo", "”"),
    ("bdquo", "„"),
    ("laquo", "«"),
    ("raquo", "»"),
    ("lsaquo", "‹"),
    ("rsaquo", "›"),
    ("hellip", "…"),
    ("bull", "•"),
    ("middot", "·"),
    ("copy", "©"),
    ("reg", "®"),
    ("trade", "™"),
    ("deg", "°"),
    ("times", "×"),
    ("divide", "÷"),
    ("plusmn", "±"),
    ("frac12", "½"),
    ("frac14", "¼"),
    ("frac34", "¾"),
    ("sect", "§"),
    ("para", "¶"),
    ("cent", "¢"),
    ("pound", "£"),
    ("euro", "€"),
    ("yen", "¥"),
    ("iexcl", "¡"),
    ("iquest", "¿"),
    ("shy", "\u{ad}"),
    ("zwj", "\u{200d}"),
    ("zwnj", "\u{200c}"),
    ("prime", "′"),
    ("Prime", "″"),
    ("larr", "←"),
    ("rarr", "→"),
    ("uarr", "↑"),
    ("darr", "↓"),
    ("aacute", "á"),
    ("Aacute", "Á"),
    ("agrave", "à"),
    ("Agrave", "À"),
    ("acirc", "â"),
    ("Acirc", "Â"),
    ("auml", "ä"),
    ("Auml", "Ä"),
    ("atilde", "ã"),
    ("Atilde", "Ã"),
    ("aring", "å"),
    ("Aring", "Å"),
    ("aelig", "æ"),
    ("AElig", "Æ"),
    ("ccedil", "ç"),
    ("Ccedil", "Ç"),
    ("eacute", "é"),
    ("Eacute", "É"),
    ("egrave", "è"),
    ("Egrave", "È"),
    ("ecirc", "ê"),
    ("Ecirc", "Ê"),
    ("euml", "ë"),
    ("Euml", "Ë"),
    ("iacute", "í"),
    ("Iacute", "Í"),
    ("igrave", "ì"),
    ("Igrave", "Ì"),
    ("icirc", "î"),
    ("Icirc", "Î"),
    ("iuml", "ï"),
    ("Iuml", "Ï"),
    ("ntilde", "ñ"),
    ("Ntilde", "Ñ"),
    ("oacute", "ó"),
    ("Oacute", "Ó"),
    ("ograve", "ò"),
    ("Ograve", "Ò"),
    ("ocirc", "ô"),
    ("Ocirc", "Ô"),
    ("ouml", "ö"),
    ("Ouml", "Ö"),
    ("otilde", "õ"),
    ("Otilde", "Õ"),
    ("oslash", "ø"),
    ("Oslash", "Ø"),
    ("szlig", "ß"),
    ("uacute", "ú"),
    ("Uacute", "Ú"),
    ("ugrave", "ù"),
    ("Ugrave", "Ù"),
    ("ucirc", "û"),
    ("Ucirc", "Û"),
    ("uuml", "ü"),
    ("Uuml", "Ü"),
    ("yacute", "ý"),
    ("Yacute", "Ý"),
    ("yuml", "ÿ"),
];

/// Decodes character references: `&amp;`, `&#8217;`, `&#x2019;` and the named ones in the
/// table above. A reference that is not known is kept as written; a number that is not a
/// character becomes U+FFFD.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after
            .char_indices()
            .take(33)
            .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '#'))
            .filter(|(_, c)| *c == ';')
            .map(|(n, _)| n);
        let decoded = end.and_then(|end| {
            let name = &after[..end];
            let value = if let Some(num) = name.strip_prefix('#') {
                let code = match num.strip_prefix(['x', 'X']) {
                    Some(hex) if !hex.is_empty() => u32::from_str_radix(hex, 16).ok(),
                    Some(_) => None,
                    None if !num.is_empty() => num.parse::<u32>().ok(),
                    None => None,
                }?;
                let c = char::from_u32(code)
                    .filter(|&c| c != '\0')
                    .unwrap_or('\u{fffd}');
                c.to_string()
            } else {
                ENTITIES
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| (*v).to_string())?
            };
            Some((value, end))
        });
        match decoded {
            Some((value, end)) => {
                out.push_str(&value);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
