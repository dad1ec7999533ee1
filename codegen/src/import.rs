//! `codegen import`: drafts a spec from a documentation page.
//!
//! One direction of flow: the page (browser text or Confluence HTML) is
//! read into a page model ([`page`], by [`text`] or [`html`]); recognition
//! ([`recognise`]) turns it into a draft ([`draft`]) with a note on every
//! guess; the draft is written as spec YAML and put through the real
//! loader, and the validator judges each example against the loaded
//! tables. Whether the draft loads decides the outcome: nothing else
//! vouches for it.

pub mod draft;
pub mod html;
pub mod page;
pub mod recognise;
pub mod text;
pub mod vocabulary;

use crate::diagnostics::Diagnostics;
use crate::ir;
use draft::{Disagreement, Draft, Note, Target};

/// The largest page `codegen import` reads: the wiki's pages are tens of
/// kilobytes; a file a hundred times larger than that is not a page, and
/// the import's checks (the loader's, over the draft) take time that grows
/// faster than the page.
pub const MAX_PAGE_BYTES: usize = 2 << 20;

/// The format of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// Text copied from the browser.
    Text,
    /// Confluence's rendered HTML or its export.
    Html,
}

impl Input {
    /// The format a page's content shows: HTML when it starts with a tag
    /// or holds Confluence's table classes.
    pub fn guess(content: &str) -> Input {
        let start = content.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
        let lower: String = start
            .chars()
            .take(512)
            .collect::<String>()
            .to_ascii_lowercase();
        if lower.starts_with("<!doctype html")
            || lower.starts_with("<html")
            || lower.starts_with('<') && lower.contains('>')
            || content.contains("confluenceTable")
        {
            Input::Html
        } else {
            Input::Text
        }
    }
}

/// What an import gives.
#[derive(Debug)]
pub struct Imported {
    /// The draft spec, YAML.
    pub yaml: String,
    /// Every guess and gap, in the draft's order.
    pub notes: Vec<Note>,
    /// The loaded draft, or why it does not load.
    pub loaded: Result<ir::Module, Diagnostics>,
}

impl Imported {
    /// Whether the draft loads. The import's exit status is 0 only when it
    /// loads, the page was [recognised](Self::recognised_nothing) and lint
    /// finds no error.
    pub fn loads(&self) -> bool {
        self.loaded.is_ok()
    }

    /// Whether the page showed neither an endpoint nor an attribute table:
    /// the draft then loads, but holds only a title.
    pub fn recognised_nothing(&self) -> bool {
        self.loaded
            .as_ref()
            .is_ok_and(|module| module.operations.is_empty() && module.types.is_empty())
    }
}

/// Imports a page. `source_name` is the spec file name the draft is loaded
/// as (its stem gives the module name); `page_name` names the page in the
/// draft's header comment.
pub fn import(content: &str, input: Input, source_name: &str, page_name: &str) -> Imported {
    import_against(content, input, source_name, page_name, None)
}

/// [`import`], keeping the names of an existing transcription of the page
/// (`codegen import --against`): an operation with the same method and
/// path keeps its id, a table with the same heading or the same part of
/// the same operation keeps its type name. The page has no names of its
/// own for these, so without this every name would read as a change.
pub fn import_against(
    content: &str,
    input: Input,
    source_name: &str,
    page_name: &str,
    existing: Option<&ir::Module>,
) -> Imported {
    let page = match input {
        Input::Text => text::read(content),
        Input::Html => html::read(content),
    };
    let mut draft = recognise::recognise(&page);
    if let Some(existing) = existing {
        keep_names(&mut draft, existing);
    }
    judge_examples(&mut draft, source_name, page_name);
    let yaml = draft::write(&draft, page_name);
    let loaded = crate::loader::load_str(source_name, &yaml);
    Imported {
        notes: draft.all_notes(),
        yaml,
        loaded,
    }
}

/// The existing transcription's names, where the draft's tables and
/// endpoints are recognisably the same.
fn keep_names(draft: &mut Draft, existing: &ir::Module) {
    let mut renames: Vec<(String, String)> = Vec::new();
    let operations = draft.operations.clone();
    for op in operations {
        let Some(old) = existing.operations.iter().find(|o| {
            Some(o.method.as_str()) == op.method.as_deref()
                && Some(o.path.as_str()) == op.path.as_deref()
        }) else {
            continue;
        };
        draft.rename_operation(&op.id, &old.id);
        let old_response = match old.response {
            ir::Response::Typed(ty) => Some(ty),
            ir::Response::Undocumented => None,
        };
        for (new, old_ty) in [
            (op.request, Some(old.request)),
            (op.response, old_response),
            (op.failure, old.failure),
        ] {
            if let (Some(new), Some(old_ty)) = (new, old_ty) {
                renames.push((new, existing.ty(old_ty).name.clone()));
            }
        }
    }
    for ty in &draft.types {
        if let Some(old) = existing
            .types
            .iter()
            .find(|t| t.title.is_some() && t.title == ty.title)
        {
            if !renames.iter().any(|(from, _)| from == &ty.name) {
                renames.push((ty.name.clone(), old.name.clone()));
            }
        }
    }
    // Renaming one by one could collide (A → B while B → C): go through
    // temporary names first.
    for (index, (from, _)) in renames.iter().enumerate() {
        draft.rename_type(from, &format!("ImportRenaming{index}"));
    }
    for (index, (_, to)) in renames.iter().enumerate() {
        draft.rename_type(&format!("ImportRenaming{index}"), to);
    }
}

/// Gives each example the verdict and violations the validator finds
/// against the draft's own tables, and records each invalid one as a
/// disagreement. Needs the draft to load without its verdicts; when it
/// does not, only whether each text is JSON can be said, and the note
/// says so.
fn judge_examples(draft: &mut Draft, source_name: &str, page_name: &str) {
    // First load: every example provisionally valid.
    for example in &mut draft.examples {
        example.verdict = Some(true);
        example.violations.clear();
    }
    // A draft with a gap cannot load: no need to try.
    let has_gap = draft
        .all_notes()
        .iter()
        .any(|n| n.kind == draft::NoteKind::Missing);
    let module = if has_gap {
        None
    } else {
        let provisional = draft::write(draft, page_name);
        crate::loader::load_str(source_name, &provisional).ok()
    };
    for (index, example) in draft.examples.iter_mut().enumerate() {
        let violations: Vec<(String, String, String)> = match &module {
            Some(module) => match module.examples.get(index) {
                Some(loaded) => judged(module, loaded),
                None => Vec::new(),
            },
            None => {
                example.notes.push(Note {
                    line: example.line,
                    at: format!("examples.{index}"),
                    kind: draft::NoteKind::Guess,
                    message: "o rascunho não carrega: o exemplo só foi verificado como JSON, não contra a tabela".to_owned(),
                });
                match serde_json::from_str::<serde_json::Value>(&example.text) {
                    Ok(_) => Vec::new(),
                    Err(e) => vec![(String::new(), "syntax".to_owned(), e.to_string())],
                }
            }
        };
        if matches!(example.target, Target::Unknown) {
            example.verdict = None;
            continue;
        }
        example.verdict = Some(violations.is_empty());
        example.violations = violations
            .iter()
            .map(|(p, r, _)| (p.clone(), r.clone()))
            .collect();
        if !violations.is_empty() {
            let listed: Vec<String> = violations
                .iter()
                .map(|(path, _, message)| {
                    if path.is_empty() {
                        message.clone()
                    } else {
                        format!("{path}: {message}")
                    }
                })
                .collect();
            let summary = if violations.iter().any(|(_, rule, _)| rule == "syntax") {
                format!(
                    "O exemplo \"{}\" não é JSON ({}).",
                    example.title,
                    listed.join("; ")
                )
            } else {
                format!(
                    "O exemplo \"{}\" não segue a tabela, que é a que vale: {}",
                    example.title,
                    listed.join("; ")
                )
            };
            draft.disagreements.push(Disagreement {
                at: format!("examples.{index}"),
                summary,
            });
        }
    }
}

/// `(path, rule, message)` of every violation of a loaded example.
fn judged(module: &ir::Module, example: &ir::Example) -> Vec<(String, String, String)> {
    crate::validator::example_report(module, example).map_or_else(Vec::new, |report| {
        report
            .violations()
            .iter()
            .map(|v| (v.path().to_owned(), v.rule().code().to_owned(), v.message()))
            .collect()
    })
}
