//! Gaps: types nothing uses, operation parts the page never illustrates.

use super::{FindingKind, Findings};
use crate::ir::{ExampleTarget, FieldType, Module, Part, Place, Response, TypeId};

pub(super) fn lint(module: &Module, out: &mut Findings) {
    missing_examples(module, out);
    unreachable_types(module, out);
}

fn missing_examples(module: &Module, out: &mut Findings) {
    for (index, op) in module.operations.iter().enumerate() {
        let mut parts = vec![Part::Request];
        if let Response::Typed(_) = op.response {
            parts.push(Part::Response);
        }
        if op.failure.is_some() {
            parts.push(Part::Failure);
        }
        for part in parts {
            let shown = module.examples.iter().any(|example| {
                example.target
                    == ExampleTarget::Operation {
                        operation: index,
                        part,
                    }
            });
            if !shown {
                out.push(
                    Place::Operation(index),
                    FindingKind::MissingExample,
                    format!(
                        "operation {:?} has no example of its {}",
                        op.id,
                        part.as_str()
                    ),
                );
            }
        }
    }
}

fn unreachable_types(module: &Module, out: &mut Findings) {
    let mut reached = vec![false; module.types.len()];
    let mut pending: Vec<TypeId> = Vec::new();
    for op in &module.operations {
        pending.push(op.request);
        if let Response::Typed(id) = op.response {
            pending.push(id);
        }
        pending.extend(op.failure);
    }
    while let Some(id) = pending.pop() {
        match reached.get_mut(id.0) {
            Some(seen) if !*seen => *seen = true,
            _ => continue,
        }
        for field in &module.ty(id).fields {
            pending.extend(referenced_type(&field.ty));
        }
    }
    for (index, (ty, reached)) in module.types.iter().zip(reached).enumerate() {
        if !reached {
            out.push(
                Place::Type(TypeId(index)),
                FindingKind::UnreachableType,
                format!(
                    "type {:?} is not used by any operation, directly or through other types",
                    ty.name
                ),
            );
        }
    }
}

fn referenced_type(ty: &FieldType) -> Option<TypeId> {
    match ty {
        FieldType::Object(id) => Some(*id),
        FieldType::Array(element) => referenced_type(element),
        _ => None,
    }
}
