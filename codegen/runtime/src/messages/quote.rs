//! What the texts of both languages quote, worded in neither: a list of
//! names, and (for the client) a report on one line, an error with its
//! causes, the start of a body.

/// `'a'`, `'a' or 'b'`, `'a', 'b' or 'c'`, with `or` the language's word.
pub(super) fn quoted_list(names: &[String], or: &str) -> String {
    match names {
        [] => String::new(),
        [only] => format!("'{only}'"),
        [init @ .., last] => {
            let init: Vec<String> = init.iter().map(|n| format!("'{n}'")).collect();
            format!("{} {or} '{last}'", init.join(", "))
        }
    }
}

/// A report on one line after the error's own words: `2 violações: /a: …; /b: …`.
#[cfg(feature = "client")]
pub(super) fn one_line(report: &crate::Report, lang: crate::Lang) -> String {
    let text = report.in_lang(lang).to_string();
    let mut lines = text.lines();
    let head = lines.next().unwrap_or_default();
    let rest: Vec<&str> = lines.map(str::trim).collect();
    format!("{head} {}", rest.join("; "))
}

/// An error and its sources, `: `-separated (reqwest's own message rarely
/// says more than "error sending request").
#[cfg(feature = "client")]
pub(super) fn chain(error: &reqwest::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

/// The start of a body, for a message: at most 200 characters on one line,
/// in `«»`; `None` for an empty body (each language says so in its words).
#[cfg(feature = "client")]
pub(super) fn excerpt(body: &[u8]) -> Option<String> {
    const MAX: usize = 200;
    if body.is_empty() {
        return None;
    }
    let text = String::from_utf8_lossy(body);
    let mut out: String = text
        .chars()
        .take(MAX)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if text.chars().count() > MAX {
        out.push('…');
    }
    Some(format!("«{}»", out.trim()))
}
