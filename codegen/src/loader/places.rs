//! The spec paths a disagreement's `at` may name, and what they point to.
//!
//! Grammar: `page` | `operations.<id>` | `operations.<id>.headers.<name>` |
//! `types.<Type>` | `types.<Type>.fields.<attribute>` | `examples.<index>`.
//! Type names and operation ids contain no dots; an attribute or header
//! name is everything after `fields.` / `headers.`.

use crate::ir::{FieldId, Place, TypeId};
use crate::spec::lenient::suggestion;

/// The names a spec declares, enough to resolve a path; built from the
/// spec being loaded, before the IR exists.
#[derive(Debug, Default, Clone)]
pub struct Catalog {
    /// Operation ids, each with its header names.
    pub operations: Vec<(String, Vec<String>)>,
    /// Type names, each with its attribute wire names.
    pub types: Vec<(String, Vec<String>)>,
    pub example_count: usize,
}

impl Catalog {
    /// Resolves `at`, or says why it does not name anything.
    pub fn resolve(&self, at: &str) -> Result<Place, String> {
        const GRAMMAR: &str = "page, operations.<id>, operations.<id>.headers.<name>, \
             types.<Type>, types.<Type>.fields.<attribute> or examples.<index>";
        if at == "page" {
            return Ok(Place::Page);
        }
        if let Some(rest) = at.strip_prefix("operations.") {
            let (id, headers) = split_child(rest, "headers");
            let operation = find(&self.operations, id, "operation")?;
            return match headers {
                None => Ok(Place::Operation(operation)),
                Some(name) => {
                    let (_, names) = &self.operations[operation];
                    let header = position(names, name).ok_or_else(|| {
                        format!(
                            "operation {id:?} has no header {name:?}{}",
                            suggestion(name, names.iter().map(String::as_str))
                        )
                    })?;
                    Ok(Place::Header { operation, header })
                }
            };
        }
        if let Some(rest) = at.strip_prefix("types.") {
            let (name, field) = split_child(rest, "fields");
            let ty = find(&self.types, name, "type")?;
            return match field {
                None => Ok(Place::Type(TypeId(ty))),
                Some(wire) => {
                    let (_, wires) = &self.types[ty];
                    let field = position(wires, wire).ok_or_else(|| {
                        format!(
                            "type {name:?} has no attribute {wire:?}{}",
                            suggestion(wire, wires.iter().map(String::as_str))
                        )
                    })?;
                    Ok(Place::Field {
                        ty: TypeId(ty),
                        field: FieldId(field),
                    })
                }
            };
        }
        if let Some(index) = at.strip_prefix("examples.") {
            let index: usize = index
                .parse()
                .map_err(|_| format!("{index:?} is not an example index; expected 0, 1, ..."))?;
            return if index < self.example_count {
                Ok(Place::Example(index))
            } else {
                Err(format!(
                    "there is no example {index}; the spec has {} example(s), numbered from 0",
                    self.example_count
                ))
            };
        }
        let first = at.split('.').next().unwrap_or_default();
        Err(format!(
            "{at:?} is not a spec path; expected {GRAMMAR}{}",
            suggestion(first, ["page", "operations", "types", "examples"])
        ))
    }
}

/// `X.<child>.rest` → (`X`, Some(`rest`)); `X` → (`X`, None). A different
/// middle segment stays part of `X` and fails to resolve as a name.
fn split_child<'a>(rest: &'a str, child: &str) -> (&'a str, Option<&'a str>) {
    match rest.split_once('.') {
        Some((name, tail)) => match tail.strip_prefix(child).and_then(|t| t.strip_prefix('.')) {
            Some(child_name) => (name, Some(child_name)),
            None => (rest, None),
        },
        None => (rest, None),
    }
}

fn find(items: &[(String, Vec<String>)], name: &str, what: &str) -> Result<usize, String> {
    items.iter().position(|(n, _)| n == name).ok_or_else(|| {
        format!(
            "there is no {what} {name:?}{}",
            suggestion(name, items.iter().map(|(n, _)| n.as_str()))
        )
    })
}

fn position(names: &[String], name: &str) -> Option<usize> {
    names.iter().position(|n| n == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        Catalog {
            operations: vec![("op".into(), vec!["Authorization".into()])],
            types: vec![("Registro".into(), vec!["cor".into(), "a.b".into()])],
            example_count: 2,
        }
    }

    #[test]
    fn resolves_every_kind_of_place() {
        let c = catalog();
        assert_eq!(c.resolve("page"), Ok(Place::Page));
        assert_eq!(c.resolve("operations.op"), Ok(Place::Operation(0)));
        assert_eq!(
            c.resolve("operations.op.headers.Authorization"),
            Ok(Place::Header {
                operation: 0,
                header: 0
            })
        );
        assert_eq!(c.resolve("types.Registro"), Ok(Place::Type(TypeId(0))));
        assert_eq!(
            c.resolve("types.Registro.fields.a.b"),
            Ok(Place::Field {
                ty: TypeId(0),
                field: FieldId(1)
            })
        );
        assert_eq!(c.resolve("examples.1"), Ok(Place::Example(1)));
    }

    #[test]
    fn explains_failures() {
        let c = catalog();
        let error = c.resolve("types.Registro.fields.corr").unwrap_err();
        assert!(error.contains("did you mean `cor`"), "{error}");
        assert!(c.resolve("types.Registro.campos.cor").is_err());
        assert!(c.resolve("examples.2").is_err());
        assert!(c
            .resolve("exemplos.1")
            .unwrap_err()
            .contains("did you mean `examples`"));
        assert!(c.resolve("").is_err());
    }
}
