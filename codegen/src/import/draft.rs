//! The draft spec: what recognition decided, with a note on every guess
//! and every gap, and its serialisation in the YAML format of
//! spec/README.md, each note written as a `# import: …` comment above what
//! it concerns.
//!
//! The YAML is written by hand rather than through serde because the
//! comments are half of the draft: they are how a reviewer finds what to
//! check. Every string goes out double-quoted in JSON syntax (a subset of
//! YAML's), examples as block scalars when that keeps them byte for byte.

use std::fmt::Write as _;

/// Something the reader of the draft must know: a guess to check, or a
/// gap to fill before the draft can load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The page line it comes from (1-based; 0 when it concerns no line).
    pub line: usize,
    /// The spec path it concerns (`types.Registro.fields.cor`).
    pub at: String,
    pub kind: NoteKind,
    /// What was decided or is missing, in Portuguese like the page.
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteKind {
    /// A decision the page does not state outright.
    Guess,
    /// Something the page does not give and the spec requires: the draft
    /// cannot load until a person writes it.
    Missing,
}

impl NoteKind {
    pub fn label(self) -> &'static str {
        match self {
            NoteKind::Guess => "palpite",
            NoteKind::Missing => "falta",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Draft {
    pub title: String,
    pub description: Option<String>,
    pub operations: Vec<Operation>,
    pub types: Vec<Type>,
    pub examples: Vec<Example>,
    pub disagreements: Vec<Disagreement>,
    /// Notes about the page as a whole.
    pub notes: Vec<Note>,
    /// Page text that went nowhere in the spec, kept as comments.
    pub leftovers: Vec<(usize, String)>,
    /// Navigation lines of the wiki, left out.
    pub noise: Vec<usize>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Operation {
    pub id: String,
    pub method: Option<String>,
    pub path: Option<String>,
    pub content_type: Option<String>,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub implemented_by: Option<&'static str>,
    pub base_url: Option<String>,
    pub header_note: Option<String>,
    pub headers: Vec<Header>,
    pub request: Option<String>,
    pub response: Option<String>,
    pub failure: Option<String>,
    pub notes: Vec<Note>,
    pub line: usize,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Header {
    pub name: Option<String>,
    pub criterion: Option<String>,
    pub ty: Option<String>,
    pub description: Option<String>,
    pub notes: Vec<Note>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Type {
    pub name: String,
    pub title: Option<String>,
    pub description: Option<String>,
    pub fields: Vec<Field>,
    pub notes: Vec<Note>,
    pub line: usize,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Field {
    pub name: Option<String>,
    pub criterion: Option<String>,
    pub ty: Option<&'static str>,
    pub format: Option<&'static str>,
    pub of: Option<String>,
    pub free_form: bool,
    pub doc_type: Option<String>,
    pub description: Option<String>,
    pub rule: Option<String>,
    pub condition: Option<Condition>,
    pub notes: Vec<Note>,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    Filled(Vec<String>),
    Equals { field: String, value: Scalar },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    String(String),
    Int(i64),
    Bool(bool),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    Part {
        operation: String,
        part: &'static str,
    },
    Type(String),
    /// No table to check the example against: a gap.
    Unknown,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    pub title: String,
    pub target: Target,
    /// `None` until the validator has judged it.
    pub verdict: Option<bool>,
    pub violations: Vec<(String, String)>,
    pub text: String,
    pub notes: Vec<Note>,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Disagreement {
    pub at: String,
    pub summary: String,
}

impl Draft {
    /// Every note, in the order the YAML shows them.
    pub fn all_notes(&self) -> Vec<Note> {
        let mut out = self.notes.clone();
        for op in &self.operations {
            out.extend(op.notes.iter().cloned());
            for header in &op.headers {
                out.extend(header.notes.iter().cloned());
            }
        }
        for ty in &self.types {
            out.extend(ty.notes.iter().cloned());
            for field in &ty.fields {
                out.extend(field.notes.iter().cloned());
            }
        }
        for example in &self.examples {
            out.extend(example.notes.iter().cloned());
        }
        out
    }
}

/// The draft as spec YAML. `source` names the page in the header comment.
pub fn write(draft: &Draft, source: &str) -> String {
    let mut out = String::new();
    let w = &mut out;
    line(
        w,
        0,
        &format!("# Draft written by `codegen import` from {source}."),
    );
    line(
        w,
        0,
        "# Format and conventions: spec/README.md. Lines starting with `# import:`",
    );
    line(
        w,
        0,
        "# mark what the page did not state outright: check each, then delete it.",
    );
    if !draft.noise.is_empty() {
        let lines: Vec<String> = draft.noise.iter().map(usize::to_string).collect();
        line(
            w,
            0,
            &format!(
                "# import: navegação do wiki deixada de fora (linhas {}).",
                lines.join(", ")
            ),
        );
    }
    notes(w, 0, &draft.notes);
    line(w, 0, "page:");
    key(w, 2, "title", &draft.title);
    if let Some(description) = &draft.description {
        block(w, 2, "description", description);
    }
    if !draft.operations.is_empty() {
        line(w, 0, "");
        line(w, 0, "operations:");
        for op in &draft.operations {
            notes(w, 2, &op.notes);
            line(w, 2, &format!("- id: {}", scalar(&op.id)));
            opt(w, 4, "method", op.method.as_deref());
            opt(w, 4, "path", op.path.as_deref());
            opt(w, 4, "content_type", op.content_type.as_deref());
            opt(w, 4, "summary", op.summary.as_deref());
            opt(w, 4, "description", op.description.as_deref());
            opt(w, 4, "implemented_by", op.implemented_by);
            opt(w, 4, "base_url", op.base_url.as_deref());
            opt(w, 4, "header_note", op.header_note.as_deref());
            if !op.headers.is_empty() {
                line(w, 4, "headers:");
                for header in &op.headers {
                    notes(w, 6, &header.notes);
                    let mut first = true;
                    let mut item = |w: &mut String, k: &str, v: Option<&str>| {
                        if let Some(v) = v {
                            let prefix = if first { "- " } else { "  " };
                            first = false;
                            line(w, 6, &format!("{prefix}{k}: {}", scalar(v)));
                        }
                    };
                    item(w, "name", header.name.as_deref());
                    item(w, "criterion", header.criterion.as_deref());
                    item(w, "type", header.ty.as_deref());
                    item(w, "description", header.description.as_deref());
                    if first {
                        line(w, 6, "- {}");
                    }
                }
            }
            opt(w, 4, "request", op.request.as_deref());
            opt(w, 4, "response", op.response.as_deref());
            opt(w, 4, "failure", op.failure.as_deref());
        }
    }
    if !draft.types.is_empty() {
        line(w, 0, "");
        line(w, 0, "types:");
        for (index, ty) in draft.types.iter().enumerate() {
            if index > 0 {
                line(w, 0, "");
            }
            notes(w, 2, &ty.notes);
            line(w, 2, &format!("{}:", scalar(&ty.name)));
            opt(w, 4, "title", ty.title.as_deref());
            if let Some(description) = &ty.description {
                block(w, 4, "description", description);
            }
            if ty.fields.is_empty() {
                line(w, 4, "fields: []");
                continue;
            }
            line(w, 4, "fields:");
            for field in &ty.fields {
                write_field(w, field);
            }
        }
    }
    if !draft.examples.is_empty() {
        line(w, 0, "");
        line(w, 0, "examples:");
        for (index, example) in draft.examples.iter().enumerate() {
            line(w, 2, &format!("# {index}"));
            notes(w, 2, &example.notes);
            line(w, 2, &format!("- title: {}", scalar(&example.title)));
            match &example.target {
                Target::Part { operation, part } => {
                    key(w, 4, "operation", operation);
                    key(w, 4, "part", part);
                }
                Target::Type(ty) => key(w, 4, "type", ty),
                Target::Unknown => {}
            }
            match example.verdict {
                Some(true) => line(w, 4, "verdict: valid"),
                Some(false) => {
                    line(w, 4, "verdict: invalid");
                    line(w, 4, "violations:");
                    for (path, rule) in &example.violations {
                        line(
                            w,
                            6,
                            &format!("- {{ path: {}, rule: {} }}", quoted(path), rule),
                        );
                    }
                }
                None => {}
            }
            block(w, 4, "text", &example.text);
        }
    }
    if !draft.disagreements.is_empty() {
        line(w, 0, "");
        line(w, 0, "disagreements:");
        for disagreement in &draft.disagreements {
            line(w, 2, &format!("- at: {}", scalar(&disagreement.at)));
            key(w, 4, "summary", &disagreement.summary);
        }
    }
    if !draft.leftovers.is_empty() {
        line(w, 0, "");
        line(w, 0, "# import: texto da página que não entrou no spec:");
        for (at, text) in &draft.leftovers {
            line(w, 0, &format!("#   linha {at}: {}", one_line(text)));
        }
    }
    out
}

fn write_field(w: &mut String, field: &Field) {
    notes(w, 6, &field.notes);
    let mut first = true;
    let mut item = |w: &mut String, text: String| {
        let prefix = if first { "- " } else { "  " };
        first = false;
        line(w, 6, &format!("{prefix}{text}"));
    };
    let text = |k: &str, v: &str| format!("{k}: {}", scalar(v));
    if let Some(v) = &field.name {
        item(w, text("name", v));
    }
    if let Some(v) = &field.criterion {
        item(w, format!("criterion: {v}"));
    }
    if let Some(v) = field.ty {
        item(w, format!("type: {v}"));
    }
    if let Some(v) = field.format {
        item(w, format!("format: {v}"));
    }
    if let Some(v) = &field.of {
        item(w, text("of", v));
    }
    if field.free_form {
        item(w, "free_form: true".to_owned());
    }
    if let Some(v) = &field.doc_type {
        item(w, text("doc_type", v));
    }
    if let Some(v) = &field.description {
        item(w, text("description", v));
    }
    if let Some(v) = &field.rule {
        item(w, text("rule", v));
    }
    match &field.condition {
        Some(Condition::Filled(names)) => {
            let names: Vec<String> = names.iter().map(|n| scalar(n)).collect();
            item(
                w,
                format!("condition: {{ filled: [{}] }}", names.join(", ")),
            );
        }
        Some(Condition::Equals { field, value }) => {
            let value = match value {
                Scalar::String(s) => quoted(s),
                Scalar::Int(i) => i.to_string(),
                Scalar::Bool(b) => b.to_string(),
            };
            item(
                w,
                format!(
                    "condition: {{ equals: {{ field: {}, value: {value} }} }}",
                    scalar(field)
                ),
            );
        }
        None => {}
    }
    if first {
        line(w, 6, "- {}");
    }
}

fn line(w: &mut String, indent: usize, text: &str) {
    if text.is_empty() {
        w.push('\n');
        return;
    }
    let _ = writeln!(w, "{:indent$}{text}", "");
}

fn notes(w: &mut String, indent: usize, notes: &[Note]) {
    for note in notes {
        let place = if note.line > 0 {
            format!(" (linha {})", note.line)
        } else {
            String::new()
        };
        line(
            w,
            indent,
            &format!(
                "# import: {}{place}: {}",
                note.kind.label(),
                one_line(&note.message)
            ),
        );
    }
}

fn one_line(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

fn key(w: &mut String, indent: usize, key: &str, value: &str) {
    line(w, indent, &format!("{key}: {}", scalar(value)));
}

fn opt(w: &mut String, indent: usize, name: &str, value: Option<&str>) {
    if let Some(value) = value {
        key(w, indent, name, value);
    }
}

/// A plain identifier as is (the spec's own files write names so), any
/// other text double-quoted.
fn scalar(text: &str) -> String {
    let plain = text.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !matches!(
            text.to_ascii_lowercase().as_str(),
            "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n" | "~"
        );
    if plain {
        text.to_owned()
    } else {
        quoted(text)
    }
}

/// A double-quoted YAML scalar (JSON's string syntax, which YAML reads
/// the same way).
fn quoted(text: &str) -> String {
    let json = serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned());
    // JSON leaves these as they are; YAML may not print them raw (DEL,
    // C1 controls, non-characters) or may read them as line breaks.
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '\u{7f}'..='\u{9f}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{feff}'
            | '\u{fffe}'
            | '\u{ffff}' => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

/// A multi-line text as a literal block scalar when one keeps it exactly,
/// else double-quoted.
fn block(w: &mut String, indent: usize, name: &str, text: &str) {
    if !text.contains('\n') || !block_keeps(text) {
        key(w, indent, name, text);
        return;
    }
    let chomping = if !text.ends_with('\n') {
        "-"
    } else if text.ends_with("\n\n") {
        "+"
    } else {
        ""
    };
    // An explicit indentation when the first line starts with a space.
    let indicator = if text.starts_with(' ') { "2" } else { "" };
    line(w, indent, &format!("{name}: |{indicator}{chomping}"));
    let body = text.strip_suffix('\n').unwrap_or(text);
    for text_line in body.split('\n') {
        if text_line.is_empty() {
            w.push('\n');
        } else {
            let _ = writeln!(w, "{:width$}{text_line}", "", width = indent + 2);
        }
    }
}

/// Whether a literal block scalar reads back as exactly `text`: printable
/// characters and tabs only, no line of only spaces (a block would read
/// it as indentation), no carriage return.
fn block_keeps(text: &str) -> bool {
    let printable = text.chars().all(|c| {
        c == '\n'
            || c == '\t'
            || (!c.is_control()
                && c != '\u{feff}'
                && c != '\u{2028}'
                && c != '\u{2029}'
                && c != '\u{85}')
    });
    let body = text.strip_suffix('\n').unwrap_or(text);
    printable
        && !text.starts_with('\n')
        && !text.starts_with('\t')
        && body
            .split('\n')
            .all(|l| l.is_empty() || !l.chars().all(|c| c == ' ' || c == '\t'))
}

impl Draft {
    /// Renames a type and every reference to it (fields' `of`, operation
    /// parts, examples, spec paths of notes and disagreements). Does
    /// nothing when `to` is already a type of the draft.
    pub fn rename_type(&mut self, from: &str, to: &str) {
        if from == to || self.types.iter().any(|t| t.name == to) {
            return;
        }
        let rename = |name: &mut String| {
            if name == from {
                *name = to.to_owned();
            }
        };
        let old_path = format!("types.{from}");
        let new_path = format!("types.{to}");
        let rename_path = |at: &mut String| {
            if at == &old_path || at.starts_with(&format!("{old_path}.")) {
                *at = format!("{new_path}{}", &at[old_path.len()..]);
            }
        };
        for ty in &mut self.types {
            rename(&mut ty.name);
            ty.notes.iter_mut().for_each(|n| rename_path(&mut n.at));
            for field in &mut ty.fields {
                if let Some(of) = &mut field.of {
                    rename(of);
                }
                field.notes.iter_mut().for_each(|n| rename_path(&mut n.at));
            }
        }
        for op in &mut self.operations {
            for part in [&mut op.request, &mut op.response, &mut op.failure]
                .into_iter()
                .flatten()
            {
                rename(part);
            }
        }
        for example in &mut self.examples {
            if let Target::Type(ty) = &mut example.target {
                rename(ty);
            }
        }
        self.disagreements
            .iter_mut()
            .for_each(|d| rename_path(&mut d.at));
    }

    /// Renames an operation id and every reference to it. Does nothing
    /// when `to` is already an operation of the draft.
    pub fn rename_operation(&mut self, from: &str, to: &str) {
        if from == to || self.operations.iter().any(|o| o.id == to) {
            return;
        }
        let old_path = format!("operations.{from}");
        let new_path = format!("operations.{to}");
        let rename_path = |at: &mut String| {
            if at == &old_path || at.starts_with(&format!("{old_path}.")) {
                *at = format!("{new_path}{}", &at[old_path.len()..]);
            }
        };
        for op in &mut self.operations {
            if op.id == from {
                op.id = to.to_owned();
            }
            op.notes.iter_mut().for_each(|n| rename_path(&mut n.at));
            for header in &mut op.headers {
                header.notes.iter_mut().for_each(|n| rename_path(&mut n.at));
            }
        }
        for example in &mut self.examples {
            if let Target::Part { operation, .. } = &mut example.target {
                if operation == from {
                    *operation = to.to_owned();
                }
            }
        }
        self.disagreements
            .iter_mut()
            .for_each(|d| rename_path(&mut d.at));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A draft with one type and one example of it.
    fn draft_with_example(text: &str) -> Draft {
        Draft {
            title: "Página \"com\" aspas: e # sinais".to_owned(),
            types: vec![Type {
                name: "Tabela".to_owned(),
                fields: vec![Field {
                    name: Some("x: y".to_owned()),
                    criterion: Some("OP".to_owned()),
                    ty: Some("String"),
                    description: Some("- item\n  # não é comentário".to_owned()),
                    ..Field::default()
                }],
                ..Type::default()
            }],
            examples: vec![Example {
                title: "true".to_owned(),
                target: Target::Type("Tabela".to_owned()),
                verdict: Some(true),
                violations: Vec::new(),
                text: text.to_owned(),
                notes: vec![Note {
                    line: 3,
                    at: "examples.0".to_owned(),
                    kind: NoteKind::Guess,
                    message: "duas\nlinhas".to_owned(),
                }],
                line: 3,
            }],
            ..Draft::default()
        }
    }

    #[test]
    fn texts_read_back_exactly_through_the_loader() {
        let texts = [
            "{ \"a\": 1 }\n",
            "{\n\t\"a\" : 1,   \n    \"b\": 2,  \n}\n",
            "  { \"starts\": \"with spaces\" }\n",
            "no newline at the end",
            "two newlines\n\n",
            "\n\nstarts with newlines",
            "\ttab first\n",
            "line\n   \nonly spaces line\n",
            "crlf\r\nline\r\n",
            "unicode \u{a0} \u{2028} \u{85} \u{7f} \u{feff} é\n",
            "# not a comment\n- not a list\nkey: not a map\n",
        ];
        for text in texts {
            let yaml = write(&draft_with_example(text), "page");
            let module = crate::loader::load_str("x.yaml", &yaml)
                .unwrap_or_else(|d| panic!("{}\n{yaml}", d.render()));
            assert_eq!(module.examples[0].text, text, "{yaml}");
            assert_eq!(module.examples[0].title, "true");
            assert_eq!(module.title, "Página \"com\" aspas: e # sinais");
            assert_eq!(module.types[0].fields[0].wire_name, "x: y");
            assert_eq!(
                module.types[0].fields[0].description,
                "- item\n  # não é comentário"
            );
            // A note is one comment line.
            assert!(yaml.contains("# import: palpite (linha 3): duas linhas\n"));
        }
    }

    #[test]
    fn renaming_a_type_follows_every_reference() {
        let mut draft = draft_with_example("{}\n");
        draft.operations.push(Operation {
            id: "op".to_owned(),
            request: Some("Tabela".to_owned()),
            ..Operation::default()
        });
        draft.disagreements.push(Disagreement {
            at: "types.Tabela.fields.x".to_owned(),
            summary: "s".to_owned(),
        });
        draft.rename_type("Tabela", "Pedido");
        assert_eq!(draft.types[0].name, "Pedido");
        assert_eq!(draft.operations[0].request.as_deref(), Some("Pedido"));
        assert_eq!(draft.examples[0].target, Target::Type("Pedido".to_owned()));
        assert_eq!(draft.disagreements[0].at, "types.Pedido.fields.x");
        draft.rename_operation("op", "consultar");
        assert_eq!(draft.operations[0].id, "consultar");
    }
}
