//! Doc-comment text: Markdown escaping and `#[doc]` attribute building.
//!
//! The documentation pages are Portuguese prose that was never meant to be
//! Markdown: `Objeto Solicitante [M]` would become an unresolved intra-doc
//! link, `<x>` an unclosed HTML tag, a bare URL a rustdoc warning, and a line
//! starting with `-` a list. Everything copied from the IR goes through
//! [`escape`] (or [`code`]) so the generated docs render the text verbatim and
//! stay warning-free under rustdoc and clippy.

use proc_macro2::TokenStream;
use quote::quote;

/// Builds rustdoc text line by line. Each line becomes one `#[doc]`
/// attribute, which prettyplease prints as `///` (or `//!`).
#[derive(Debug, Default, Clone)]
pub struct Doc {
    lines: Vec<String>,
}

impl Doc {
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends a paragraph of already-Markdown text (one or more lines),
    /// separated from the previous paragraph by a blank line.
    pub fn paragraph(&mut self, markdown: impl AsRef<str>) -> &mut Self {
        let markdown = markdown.as_ref();
        if markdown.trim().is_empty() {
            return self;
        }
        self.blank();
        self.lines.extend(markdown.lines().map(str::to_owned));
        self
    }

    /// Appends verbatim prose from the spec: escaped, and with every source
    /// line kept as its own paragraph so the page's line breaks survive
    /// rendering.
    pub fn prose(&mut self, text: &str) -> &mut Self {
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            self.paragraph(escape(line));
        }
        self
    }

    /// Appends one raw Markdown line without a separating blank line
    /// (table rows, headings that directly follow a blank).
    pub fn line(&mut self, markdown: impl Into<String>) -> &mut Self {
        self.lines.push(markdown.into());
        self
    }

    /// Ensures the next content starts a new paragraph.
    pub fn blank(&mut self) -> &mut Self {
        if self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(String::new());
        }
        self
    }

    /// Outer attributes (`///`) for an item.
    pub fn outer(&self) -> TokenStream {
        self.attributes(false)
    }

    /// Inner attributes (`//!`) for a file or inline module.
    pub fn inner(&self) -> TokenStream {
        self.attributes(true)
    }

    /// One placeholder `#[doc]` attribute standing for every line, which
    /// [`expand_placeholders`] replaces with the lines once the file is
    /// printed: doc text is most of the output, and quoting it as string
    /// literals only for `syn` to parse them back and prettyplease to
    /// unescape them was a third of the generator's time. The lines come
    /// out exactly as prettyplease prints a one-line `#[doc]`: `///` (or
    /// `//!`) and the text without trailing spaces (doc lines never hold a
    /// line break, and never start with `/`: each starts with a space).
    fn attributes(&self, inner: bool) -> TokenStream {
        let lines = self.attr_strings();
        if lines.is_empty() {
            return TokenStream::new();
        }
        let prefix = if inner { "//!" } else { "///" };
        let printed: Vec<String> = lines
            .iter()
            .map(|line| format!("{prefix}{}", line.trim_end_matches(' ')))
            .collect();
        let key = PENDING.with(|pending| {
            let mut pending = pending.borrow_mut();
            pending.push(printed);
            pending.len() - 1
        });
        let placeholder = format!("{PLACEHOLDER}{key}{PLACEHOLDER}");
        if inner {
            quote! { #![doc = #placeholder] }
        } else {
            quote! { #[doc = #placeholder] }
        }
    }

    fn attr_strings(&self) -> Vec<String> {
        let end = self
            .lines
            .iter()
            .rposition(|l| !l.is_empty())
            .map_or(0, |i| i + 1);
        self.lines[..end]
            .iter()
            .flat_map(|l| wrap(&l.replace(['\r', '\n'], " ")))
            .map(|l| {
                // rustdoc strips one leading space, as in `/// text`.
                if l.is_empty() {
                    String::new()
                } else {
                    format!(" {l}")
                }
            })
            .collect()
    }
}

/// Delimits the key of a placeholder doc line (`///\u{1}7\u{1}`). Printed
/// code never holds it otherwise: prettyplease escapes control characters
/// in literals, and the real doc lines are put in after the printing.
const PLACEHOLDER: char = '\u{1}';

thread_local! {
    /// The printed lines of every placeholder made on this thread, by key.
    static PENDING: std::cell::RefCell<Vec<Vec<String>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Forgets the placeholders made on this thread (at the start and end of a
/// generation run, so that they do not pile up).
pub fn clear_placeholders() {
    PENDING.with(|pending| pending.borrow_mut().clear());
}

/// Replaces each placeholder line of printed Rust (`    ///\u{1}7\u{1}`)
/// with the doc lines it stands for, at its indentation.
pub fn expand_placeholders(text: &str) -> String {
    if !text.contains(PLACEHOLDER) {
        return text.to_owned();
    }
    PENDING.with(|pending| {
        let pending = pending.borrow();
        let mut out = String::with_capacity(text.len() * 2);
        for line in text.split_inclusive('\n') {
            let trimmed = line.trim_start();
            let indent = &line[..line.len() - trimmed.len()];
            let key = ["///", "//!"]
                .iter()
                .find_map(|prefix| trimmed.strip_prefix(prefix))
                .and_then(|rest| rest.strip_prefix(PLACEHOLDER))
                .and_then(|rest| rest.trim_end().strip_suffix(PLACEHOLDER))
                .and_then(|key| key.parse::<usize>().ok());
            match key {
                Some(key) => {
                    let lines = pending
                        .get(key)
                        .expect("doc placeholders are printed on the thread that made them");
                    for doc_line in lines {
                        out.push_str(indent);
                        out.push_str(doc_line);
                        out.push('\n');
                    }
                }
                None => out.push_str(line),
            }
        }
        out
    })
}

/// Width of doc text per line, so that `///` lines of fields (indented by
/// four) stay within 100 columns, as a person would write them.
const DOC_WIDTH: usize = 90;

/// `word` made safe as the first word of a line: Markdown would read `-`,
/// `+`, `*`, `>`, `#`, `|`, `=` or `1.` / `1)` there as structure.
fn escape_line_start(word: &str) -> String {
    let digits = word.chars().take_while(char::is_ascii_digit).count();
    match word[digits..].chars().next() {
        Some('.' | ')') if digits > 0 => format!("{}\\{}", &word[..digits], &word[digits..]),
        Some('-' | '+' | '*' | '>' | '#' | '|' | '=') if digits == 0 => format!("\\{word}"),
        _ => word.to_owned(),
    }
}

/// Splits a long prose line at spaces, never inside a code span or an
/// autolink (Markdown joins the lines of a paragraph back together). Table
/// rows, headings and fences are left whole: wrapping would break them.
fn wrap(line: &str) -> Vec<String> {
    let structural = ["|", "#", "```"]
        .iter()
        .any(|p| line.trim_start().starts_with(p));
    if structural || line.chars().count() <= DOC_WIDTH {
        return vec![line.to_owned()];
    }
    // Continuation lines of a list item are indented under its text, or
    // Markdown (and clippy's doc lints) would end the item there.
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let marker = if ["* ", "- ", "+ "].iter().any(|m| line.starts_with(m)) {
        2
    } else if digits > 0 && line[digits..].starts_with(". ") {
        digits + 2
    } else {
        0
    };
    let continuation = " ".repeat(marker);
    let mut lines = Vec::new();
    let mut current = String::new();
    let mut word = String::new();
    let (mut in_code, mut in_link) = (false, false);
    let flush_word = |word: &mut String, current: &mut String, lines: &mut Vec<String>| {
        if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > DOC_WIDTH {
            lines.push(std::mem::replace(current, continuation.clone()));
            // A continuation line must not start a list, quote or heading.
            *word = escape_line_start(word);
        }
        if !current.trim_start().is_empty() {
            current.push(' ');
        }
        current.push_str(word);
        word.clear();
    };
    for c in line.chars() {
        match c {
            '`' => in_code = !in_code,
            '<' if !in_code => in_link = true,
            '>' if !in_code => in_link = false,
            _ => {}
        }
        if c == ' ' && !in_code && !in_link {
            if !word.is_empty() {
                flush_word(&mut word, &mut current, &mut lines);
            }
        } else {
            word.push(c);
        }
    }
    if !word.is_empty() {
        flush_word(&mut word, &mut current, &mut lines);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// Escapes one line of prose so Markdown renders it as written.
///
/// URLs become autolinks (`<https://…>`) because rustdoc warns on bare URLs;
/// everything else that Markdown would interpret is backslash-escaped.
pub fn escape(text: &str) -> String {
    let text = text.replace(['\r', '\n', '\t'], " ");
    let mut rest = text.trim_start();
    let mut out = String::with_capacity(rest.len() + 8);

    // Block-level markers only matter at the start of a line: headings,
    // block quotes, list items, setext underlines and ordered lists (`1.`).
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    if let Some(c @ ('#' | '>' | '-' | '+' | '=')) = rest.chars().next() {
        out.push('\\');
        out.push(c);
        rest = &rest[1..];
    } else if digits > 0 && matches!(rest[digits..].chars().next(), Some('.' | ')')) {
        out.push_str(&rest[..digits]);
        out.push('\\');
        out.push_str(&rest[digits..=digits]);
        rest = &rest[digits + 1..];
    }

    escape_inline_into(rest, &mut out);
    out
}

/// Like [`escape`], for text that follows other text on its line (no
/// block-level markers to neutralise).
pub fn escape_inline(text: &str) -> String {
    let text = text.replace(['\r', '\n', '\t'], " ");
    let mut out = String::with_capacity(text.len() + 8);
    escape_inline_into(&text, &mut out);
    out
}

fn escape_inline_into(mut rest: &str, out: &mut String) {
    let mut prev: Option<char> = out.chars().last();
    while !rest.is_empty() {
        if let Some(url_len) = url_at(rest) {
            out.push('<');
            out.push_str(&rest[..url_len]);
            out.push('>');
            prev = rest[..url_len].chars().last();
            rest = &rest[url_len..];
            continue;
        }
        let mut chars = rest.chars();
        let Some(c) = chars.next() else { break };
        let next = chars.next();
        let intraword =
            prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric);
        let special = match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '|' | '~' => true,
            // `snake_case` words are safe; `_emphasis_` is not.
            '_' => !intraword,
            // `&amp;`-like sequences would be decoded as HTML entities.
            '&' => next.is_some_and(|n| n == '#' || n.is_alphanumeric()),
            _ => false,
        };
        if special {
            out.push('\\');
        }
        out.push(c);
        prev = Some(c);
        rest = &rest[c.len_utf8()..];
    }
}

/// Length of a URL starting at `s`, without trailing sentence punctuation.
fn url_at(s: &str) -> Option<usize> {
    if !(s.starts_with("https://") || s.starts_with("http://")) {
        return None;
    }
    let end = s
        .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`'))
        .unwrap_or(s.len());
    let url = s[..end].trim_end_matches(['.', ',', ';', ':', ')', '!', '?']);
    let scheme_len = if url.starts_with("https://") { 8 } else { 7 };
    (url.len() > scheme_len).then_some(url.len())
}

/// An inline code span holding `text` verbatim, whatever backticks it has.
pub fn code(text: &str) -> String {
    let text = text.replace(['\r', '\n', '\t'], " ");
    let longest_run = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    // A span starting or ending with a backtick (or space) needs padding.
    let pad = text.starts_with(['`', ' ']) || text.ends_with(['`', ' ']);
    if pad {
        format!("{fence} {text} {fence}")
    } else {
        format!("{fence}{text}{fence}")
    }
}

/// Escapes text for a Markdown table cell ([`escape_inline`] already
/// escapes the `|` that would end the cell).
pub fn cell(text: &str) -> String {
    escape_inline(text.trim())
}

#[cfg(test)]
mod wrap_tests {
    use super::*;

    #[test]
    fn long_prose_wraps_at_spaces_outside_code_and_links() {
        let line = format!(
            "{}`a b c` <https://x.example/a b> - fim",
            "palavra ".repeat(12)
        );
        let lines = wrap(&line);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| l.chars().count() <= DOC_WIDTH));
        assert_eq!(lines.join(" ").replace("\\-", "-"), line);
        assert!(lines.iter().any(|l| l.contains("`a b c`")));
        assert!(lines.iter().any(|l| l.contains("<https://x.example/a b>")));
        assert!(lines.iter().all(|l| !l.starts_with("- ")));
    }

    #[test]
    fn continuation_lines_never_start_markdown_structure() {
        assert_eq!(escape_line_start("-"), "\\-");
        assert_eq!(escape_line_start("1."), "1\\.");
        assert_eq!(escape_line_start("2024-08"), "2024-08");
        assert_eq!(escape_line_start("texto"), "texto");
    }

    #[test]
    fn list_items_continue_indented() {
        let item = format!("* `x`: {}", "palavra ".repeat(20).trim_end());
        let lines = wrap(&item);
        assert!(lines.len() > 1);
        assert!(lines[1..]
            .iter()
            .all(|l| l.starts_with("  ") && !l.starts_with("   ")));
    }

    #[test]
    fn tables_and_short_lines_are_left_alone() {
        let row = format!("| {} |", "x".repeat(200));
        assert_eq!(wrap(&row), vec![row.clone()]);
        assert_eq!(wrap("curta"), vec!["curta".to_owned()]);
    }
}
