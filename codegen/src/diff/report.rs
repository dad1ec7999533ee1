//! A [`Diff`] as text (a terminal), Markdown (a pull request) or JSON (a
//! tool).

use std::fmt::Write as _;

use super::{Change, Diff, Semver};

/// One line per change, breaking ones first, then a summary.
pub fn text(diff: &Diff) -> String {
    let mut out = String::new();
    for change in ordered(diff) {
        let _ = write!(
            out,
            "{}: {}: {}: {}",
            label(change),
            change.module,
            change.at,
            change.what
        );
        if let Some(rust) = &change.rust {
            let _ = write!(out, " [Rust: {}]", rust.what);
        }
        out.push('\n');
    }
    out.push_str(&summary(diff));
    out.push('\n');
    out
}

/// A table per class, for a pull request description.
pub fn markdown(diff: &Diff) -> String {
    let mut out = String::from("## Spec changes\n\n");
    out.push_str(&summary(diff));
    out.push_str("\n\n");
    if diff.changes.is_empty() {
        return out;
    }
    let sections = [("Breaking", true), ("Compatible", false)];
    for (title, breaking) in sections {
        let rows: Vec<&Change> = ordered(diff)
            .into_iter()
            .filter(|c| c.breaks.any() == breaking)
            .collect();
        if rows.is_empty() {
            continue;
        }
        let _ = writeln!(out, "### {title} ({})\n", rows.len());
        out.push_str("| Where | Change | Breaks | Rust API |\n|---|---|---|---|\n");
        for change in rows {
            let breaks = change.breaks.whom().unwrap_or("—");
            let rust = change.rust.as_ref().map_or("—".to_owned(), |r| {
                if r.breaking {
                    format!("**{}**", cell(&r.what))
                } else {
                    cell(&r.what)
                }
            });
            let _ = writeln!(
                out,
                "| `{}` `{}` | {} | {breaks} | {rust} |",
                change.module,
                change.at,
                cell(&change.what)
            );
        }
        out.push('\n');
    }
    out
}

/// The whole diff as JSON (`{"changes": […], "semver": "major"}`).
pub fn json(diff: &Diff) -> String {
    // Serializing these plain structs cannot fail.
    serde_json::to_string_pretty(diff).unwrap_or_default() + "\n"
}

fn ordered(diff: &Diff) -> Vec<&Change> {
    let mut changes: Vec<&Change> = diff.changes.iter().collect();
    changes.sort_by_key(|c| !c.breaks.any());
    changes
}

/// `BREAKING (implementer)`, `compatible`.
fn label(change: &Change) -> String {
    change.breaks.whom().map_or_else(
        || "compatible".to_owned(),
        |whom| format!("BREAKING ({whom})"),
    )
}

fn summary(diff: &Diff) -> String {
    let breaking = diff.breaking().count();
    let implementer = diff.changes.iter().filter(|c| c.breaks.implementer).count();
    let caller = diff.changes.iter().filter(|c| c.breaks.caller).count();
    let semver = match diff.semver {
        Semver::Major => "major",
        Semver::Minor => "minor",
        Semver::Patch => "patch",
    };
    format!(
        "{} changes, {breaking} breaking ({implementer} for the implementer, {caller} for the caller); semver hint for a crate exposing the generated API: {semver}",
        diff.changes.len()
    )
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}
