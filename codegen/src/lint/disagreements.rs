//! Every recorded disagreement, naming what it is about.

use super::{describe_place, FindingKind, Findings};
use crate::ir::Module;

pub(super) fn lint(module: &Module, out: &mut Findings) {
    for disagreement in &module.disagreements {
        out.push(
            disagreement.at,
            FindingKind::Disagreement,
            format!(
                "{}: {}",
                describe_place(module, disagreement.at),
                disagreement.summary.trim_end()
            ),
        );
    }
}
