//! `disagreements:` → [`ir::Disagreement`]s, each at the [`ir::Place`] its
//! spec path (`at`) resolves to.

use crate::ir;
use crate::spec::{self, Lenient, Slot};

use super::places::Catalog;
use super::report::{Report, SpecPath};

/// Every disagreement, `None` where one has errors (reported).
pub fn build(
    report: &mut Report,
    catalog: &Catalog,
    items: &[Lenient<spec::Disagreement>],
) -> Vec<Option<ir::Disagreement>> {
    let list_at = SpecPath::root().key("disagreements");
    items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            let at = list_at.index(index);
            report.issues(&at, item);
            let disagreement = match item.slot() {
                Slot::Valid(disagreement) => disagreement,
                Slot::Null => {
                    report.error(&at, "empty disagreement; expected { at, summary }");
                    return None;
                }
                _ => return None,
            };
            let place = report
                .required_text(&at, "at", &disagreement.at)
                .and_then(|place| match catalog.resolve(place) {
                    Ok(place) => Some(place),
                    Err(why) => {
                        report.error(&at.key("at"), why);
                        None
                    }
                });
            let summary = report.required_text(&at, "summary", &disagreement.summary);
            Some(ir::Disagreement {
                at: place?,
                summary: summary?.to_owned(),
            })
        })
        .collect()
}
