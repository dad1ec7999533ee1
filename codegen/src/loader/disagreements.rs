//! `disagreements:` → [`ir::Disagreement`]s, each at a path that resolves.

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
            let place = report.required_text(&at, "at", &disagreement.at);
            let place = place.filter(|place| match catalog.resolve(place) {
                Ok(_) => true,
                Err(why) => {
                    report.error(&at.key("at"), why);
                    false
                }
            });
            let summary = report.required_text(&at, "summary", &disagreement.summary);
            Some(ir::Disagreement {
                at: place?.to_owned(),
                summary: summary?.to_owned(),
            })
        })
        .collect()
}
