//! Conditions resolved against the struct: each sibling a condition names
//! becomes its index in the rule table, or an error when it is the field
//! itself or no attribute of the struct.

use syn::Ident;

use super::did_you_mean;
use super::field::Pending;
use crate::checked::{Condition, Criterion};
use crate::ctxt::Ctxt;
use crate::raw;

/// The fields on the wire, in rule-table order.
pub struct Siblings<'r> {
    wired: Vec<&'r Ident>,
}

impl<'r> Siblings<'r> {
    pub fn new(fields: &'r [raw::Field<'r>]) -> Self {
        Siblings {
            wired: fields
                .iter()
                .filter(|f| !f.serde.skip)
                .map(|f| f.ident)
                .collect(),
        }
    }

    /// The criterion of `owner`, its siblings resolved; `None` when one of
    /// them is not a sibling (reported).
    pub fn resolve(&self, owner: &Ident, pending: &Pending<'_>, cx: &Ctxt) -> Option<Criterion> {
        match pending {
            Pending::Mandatory => Some(Criterion::Mandatory),
            Pending::Optional => Some(Criterion::Optional),
            Pending::Filled(idents) => {
                let indexes: Vec<usize> = idents
                    .iter()
                    .filter_map(|ident| self.index(owner, ident, cx))
                    .collect();
                (indexes.len() == idents.len())
                    .then_some(Criterion::Conditional(Condition::Filled(indexes)))
            }
            Pending::Equals(ident, literal) => self
                .index(owner, ident, cx)
                .map(|index| Criterion::Conditional(Condition::Equals(index, literal.clone()))),
        }
    }

    fn index(&self, owner: &Ident, ident: &Ident, cx: &Ctxt) -> Option<usize> {
        if ident == owner {
            cx.error_spanned_by(ident, "a condition cannot name the field it belongs to");
            return None;
        }
        let index = self.wired.iter().position(|wired| *wired == ident);
        if index.is_none() {
            let names: Vec<String> = self.wired.iter().map(|i| i.to_string()).collect();
            let candidates: Vec<&str> = names.iter().map(String::as_str).collect();
            cx.error_spanned_by(
                ident,
                format!(
                    "the condition names `{ident}`, which is not a field of this struct{}",
                    did_you_mean(&ident.to_string(), &candidates)
                ),
            );
        }
        index
    }
}
