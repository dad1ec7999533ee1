//! Diagnostics as people read them: the one-line form, then the spec
//! file's line with the offending part underlined and the help below, as
//! rustc prints its errors (rendered by `annotate-snippets`, rustc's own
//! renderer).

use annotate_snippets::{Level, Renderer, Snippet};

use super::Diagnostic;

impl Diagnostic {
    /// The diagnostic with its excerpt, when it has one:
    ///
    /// ```text
    /// error: spec/x.yaml: types.Registro.fields.cor.format: unknown format "colour"; expected one of: date, color
    ///   --> spec/x.yaml:16:9
    ///    |
    /// 16 |         format: colour
    ///    |         ^^^^^^
    ///    |
    ///    = help: …
    /// ```
    ///
    /// Without an excerpt: `error: ` and the one-line form.
    pub fn render(&self) -> String {
        let mut title = String::new();
        // Writing into a String cannot fail.
        let _ = self.headline(&mut title);
        let columns = self
            .excerpt
            .as_ref()
            .map(|excerpt| clamp(&excerpt.text, excerpt.columns.clone()));
        let mut message = Level::Error.title(&title);
        if let (Some(excerpt), Some(columns)) = (&self.excerpt, columns) {
            message = message.snippet(
                Snippet::source(&excerpt.text)
                    .line_start(excerpt.line)
                    .origin(&self.file)
                    .annotation(Level::Error.span(columns)),
            );
        }
        if let Some(help) = &self.help {
            message = message.footer(Level::Help.title(help));
        }
        let rendered = Renderer::plain().render(message).to_string();
        rendered
    }
}

/// A range within `text` on character boundaries, never empty (a caret
/// under the first character when nothing better is known).
fn clamp(text: &str, columns: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let boundary = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = boundary(columns.start);
    let end = boundary(columns.end.max(start));
    if end > start {
        return start..end;
    }
    let next = text[start..].chars().next().map_or(0, char::len_utf8);
    start..start + next
}
