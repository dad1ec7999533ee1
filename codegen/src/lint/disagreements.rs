//! Every recorded disagreement, naming what it is about.

use super::{describe_place, FindingKind, Findings};
use crate::ir::Module;

pub(super) fn lint(module: &Module, out: &mut Findings) {
    for disagreement in &module.disagreements {
        // The loader only accepts resolvable places; fall back to the raw
        // path rather than trusting that blindly.
        let subject = match out.place(&disagreement.at) {
            Some(place) => describe_place(module, place),
            None => disagreement.at.clone(),
        };
        out.push(
            disagreement.at.clone(),
            FindingKind::Disagreement,
            format!("{subject}: {}", disagreement.summary.trim_end()),
        );
    }
}
