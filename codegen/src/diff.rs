//! Changes between two versions of a spec, each classified by whom it
//! breaks: the party that implements an operation, the party that calls
//! it, or nobody; and what it does to the generated Rust API.
//!
//! The pages refuse unknown attributes and blank mandatory ones, so more
//! changes break than in a lenient API. The model: when a page changes,
//! one side moves to the new version while the other is still built on
//! the old one. For every body there is a sender (the caller for a
//! request; the implementer for a response or a failure) and a receiver:
//!
//! * the **sender** is broken when something it sent before is no longer
//!   valid: an attribute added as `M` or made `M`, one removed or renamed
//!   (now unknown), a type, format or `of` changed, a condition changed;
//! * the **receiver** is broken when something it relied on may be gone:
//!   an attribute removed or renamed, made optional, its type, format or
//!   `of` changed, a condition changed;
//! * adding an `OP` or `C` attribute breaks nobody, and neither does a new
//!   description or filling rule.
//!
//! A type used in requests and responses gets both classifications.
//! oasdiff classifies OpenAPI changes the same way, requests and responses
//! as mirrors.

mod compare;
pub mod report;

use std::collections::BTreeSet;

use crate::ir::{FieldType, Module, Response, TypeId};

pub use compare::diff;

/// One change between the two versions.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Change {
    /// The module (page) it is in.
    pub module: String,
    /// Its spec path (`types.Registro.fields.cor.format`).
    pub at: String,
    /// What changed, with the old and new values (`criterion OP → M`).
    pub what: String,
    /// Whom it breaks on the wire.
    pub breaks: Breaks,
    /// What it does to the generated Rust API, when anything.
    pub rust: Option<RustImpact>,
}

/// Who has to change their code to keep working.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Breaks {
    /// The party that serves the operation.
    pub implementer: bool,
    /// The party that calls it.
    pub caller: bool,
}

impl Breaks {
    pub const NOBODY: Breaks = Breaks {
        implementer: false,
        caller: false,
    };
    pub const IMPLEMENTER: Breaks = Breaks {
        implementer: true,
        caller: false,
    };
    pub const CALLER: Breaks = Breaks {
        implementer: false,
        caller: true,
    };
    pub const BOTH: Breaks = Breaks {
        implementer: true,
        caller: true,
    };

    pub fn any(self) -> bool {
        self.implementer || self.caller
    }

    fn union(self, other: Breaks) -> Breaks {
        Breaks {
            implementer: self.implementer || other.implementer,
            caller: self.caller || other.caller,
        }
    }

    /// Whom the change breaks: `implementer, caller`, `implementer`,
    /// `caller`; `None` when it is compatible.
    pub fn whom(self) -> Option<&'static str> {
        match (self.implementer, self.caller) {
            (true, true) => Some("implementer, caller"),
            (true, false) => Some("implementer"),
            (false, true) => Some("caller"),
            (false, false) => None,
        }
    }
}

/// A change of the generated Rust API.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RustImpact {
    /// For example: field `cor` becomes an `Option<String>`.
    pub what: String,
    /// Whether code using the old API may stop compiling.
    pub breaking: bool,
}

/// The semver step the changes call for in a crate that exposes the
/// generated API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Semver {
    Patch,
    Minor,
    Major,
}

/// Every change, in spec order, and the semver hint.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diff {
    pub changes: Vec<Change>,
    pub semver: Semver,
}

impl Diff {
    pub fn breaking(&self) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(|c| c.breaks.any())
    }
}

/// In which direction a body travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Direction {
    /// Sent by the caller (a request).
    Request,
    /// Sent by the implementer (a success or failure body).
    Response,
}

/// The directions in which each type of a module travels, through the
/// operations that use it and the types that hold it.
fn directions(module: &Module) -> Vec<BTreeSet<Direction>> {
    let mut out = vec![BTreeSet::new(); module.types.len()];
    for op in &module.operations {
        let mut roots = vec![(op.request, Direction::Request)];
        if let Response::Typed(id) = op.response {
            roots.push((id, Direction::Response));
        }
        roots.extend(op.failure.map(|id| (id, Direction::Response)));
        for (root, direction) in roots {
            let mut stack = vec![root];
            while let Some(id) = stack.pop() {
                if !out[id.0].insert(direction) {
                    continue;
                }
                for field in &module.ty(id).fields {
                    objects(&field.ty, &mut stack);
                }
            }
        }
    }
    out
}

fn objects(ty: &FieldType, out: &mut Vec<TypeId>) {
    match ty {
        FieldType::Object(id) => out.push(*id),
        FieldType::Array(item) => objects(item, out),
        _ => {}
    }
}

/// Whom a change breaks, given which side of each direction it breaks.
fn classify(directions: &BTreeSet<Direction>, sender: bool, receiver: bool) -> Breaks {
    let mut breaks = Breaks::default();
    for direction in directions {
        let (implementer, caller) = match direction {
            Direction::Request => (receiver, sender),
            Direction::Response => (sender, receiver),
        };
        breaks = breaks.union(Breaks {
            implementer,
            caller,
        });
    }
    breaks
}
