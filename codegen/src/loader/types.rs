//! `types:` → [`ir::ObjectType`]s: type names and references, and each
//! table put together from its attributes ([`super::fields`]).

use std::collections::HashMap;

use crate::ir::{self, TypeId};
use crate::naming::{self, reserved};
use crate::spec::lenient::suggestion;
use crate::spec::{self, Lenient, TypeKey, TypeKeyword};

use super::fields::{check_unique_names, draft_field, finish_field, Draft};
use super::report::{Report, SpecPath};

/// The types a spec declares, in order; a type's position is its [`TypeId`].
pub struct Declared<'s> {
    types: Vec<(&'s str, &'s Lenient<spec::ObjectType>)>,
    by_name: HashMap<&'s str, TypeId>,
}

/// Names that mean something else where a type name is expected.
fn means_a_builtin(name: &str) -> bool {
    TypeKeyword::parse(name).is_some() || name == spec::UNDOCUMENTED
}

/// Reports a type name that is malformed, means a built-in type, becomes a
/// reserved Rust name or the Rust name of an earlier type.
fn check_type_name<'s>(
    report: &mut Report,
    at: &SpecPath,
    name: &'s str,
    rust_names: &mut HashMap<String, &'s str>,
) {
    if means_a_builtin(name) {
        report.error(
            at,
            format!(
                "type name {name:?} is reserved; it already means a built-in type \
                 (String, Int, Float, Boolean, Objeto, Array) or an undocumented response"
            ),
        );
        return;
    }
    let rust = match naming::type_name(name) {
        Ok(rust) => rust,
        Err(why) => return report.error(at, format!("invalid type name {name:?}: {why}")),
    };
    if let Some(why) = reserved::type_name(&rust) {
        let message = if reserved::PRELUDE.contains(&rust.as_str()) {
            format!("type name {name:?} would shadow Rust's `{rust}`")
        } else {
            format!("type name {name:?} is reserved")
        };
        report.error_with_help(at, message, format!("{why}; choose another name"));
    } else if let Some(other) = rust_names.get(&rust) {
        report.error(
            at,
            format!("types {other:?} and {name:?} both become the Rust type `{rust}`"),
        );
    } else {
        rust_names.insert(rust, name);
    }
}

impl<'s> Declared<'s> {
    /// Registers every type name, reporting bad, reserved, repeated and
    /// clashing names. Every string name gets an id even when its name is
    /// reported, so references to it do not cascade into more errors.
    pub fn collect(report: &mut Report, table: &'s spec::TypeTable) -> Self {
        let root = SpecPath::root().key("types");
        let mut declared = Declared {
            types: Vec::new(),
            by_name: HashMap::new(),
        };
        let mut rust_names: HashMap<String, &'s str> = HashMap::new();
        for entry in &table.entries {
            match &entry.name {
                TypeKey::Name(name) => {
                    check_type_name(report, &root.key(name), name, &mut rust_names);
                    declared.by_name.insert(name, TypeId(declared.types.len()));
                    declared.types.push((name, &entry.table));
                }
                TypeKey::Repeated(name) => report.error(
                    &root.key(name),
                    format!("duplicate type name {name:?}; each type is declared once"),
                ),
                TypeKey::NotAString(found) => {
                    report.error(&root, format!("type names must be strings, found {found}"))
                }
            }
        }
        declared
    }

    pub fn names(&self) -> impl Iterator<Item = &'s str> + '_ {
        self.types.iter().map(|(name, _)| *name)
    }

    pub fn get(&self, name: &str) -> Option<TypeId> {
        self.by_name.get(name).copied()
    }

    /// Resolves a reference to a declared type (`request`, `of`, ...).
    pub fn reference(&self, report: &mut Report, at: &SpecPath, name: &str) -> Option<TypeId> {
        if let Some(id) = self.get(name) {
            return Some(id);
        }
        let declared: Vec<&str> = self.names().collect();
        let listed = if declared.is_empty() {
            "no types are declared".to_owned()
        } else {
            format!("declared types: {}", declared.join(", "))
        };
        report.error(
            at,
            format!(
                "unknown type {name:?}; {listed}{}",
                suggestion(name, declared.iter().copied())
            ),
        );
        None
    }

    /// Builds every type; `None` where a type has errors (reported).
    /// Also returns each type's attribute names for resolving `at` paths.
    pub fn build(&self, report: &mut Report) -> (Vec<Option<ir::ObjectType>>, Vec<Vec<String>>) {
        self.types
            .iter()
            .map(|(name, table)| {
                let at = SpecPath::root().key("types").key(name);
                build_type(report, self, &at, name, table)
            })
            .unzip()
    }
}

fn build_type(
    report: &mut Report,
    declared: &Declared,
    at: &SpecPath,
    name: &str,
    table: &Lenient<spec::ObjectType>,
) -> (Option<ir::ObjectType>, Vec<String>) {
    report.issues(at, table);
    let table = match table.slot() {
        spec::Slot::Valid(table) => table,
        spec::Slot::Null => {
            report.error(
                at,
                format!("type {name:?} is empty; expected a mapping with `fields`"),
            );
            return (None, Vec::new());
        }
        _ => return (None, Vec::new()),
    };
    let title = report.optional_text(at, "title", &table.title);
    let description = report.optional_text(at, "description", &table.description);
    let Some(items) = report.required(at, "fields", &table.fields) else {
        return (None, Vec::new());
    };
    let list_at = at.key("fields");
    let drafts: Vec<Option<Draft>> = items
        .iter()
        .enumerate()
        .map(|(index, item)| draft_field(report, declared, &list_at, index, item))
        .collect();
    let wire_names: Vec<String> = drafts
        .iter()
        .flatten()
        .filter_map(|d| d.wire.map(str::to_owned))
        .collect();
    check_unique_names(report, name, &drafts);
    let fields: Vec<Option<ir::Field>> = drafts
        .iter()
        .map(|draft| {
            draft
                .as_ref()
                .and_then(|d| finish_field(report, name, d, &drafts))
        })
        .collect();
    let rust_name = naming::type_name(name).ok();
    let ty = match (rust_name, fields.into_iter().collect::<Option<Vec<_>>>()) {
        (Some(rust_name), Some(fields)) => Some(ir::ObjectType {
            name: name.to_owned(),
            rust_name,
            title: title.map(str::to_owned),
            description: description.map(str::to_owned),
            fields,
        }),
        _ => None,
    };
    (ty, wire_names)
}
