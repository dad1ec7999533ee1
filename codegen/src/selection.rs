//! Narrowing an API to chosen operations: the modules that have one, those
//! operations, and the object types they reach, with every [`TypeId`]
//! renumbered. Examples and disagreements of what is left out go with it.

use crate::ir::{Api, ExampleTarget, FieldType, Module, Operation, Place, Response, TypeId};

/// `api` with only the operations whose ids are in `ids` (which must all
/// exist: see [`unknown_operations`]). Modules with none of them are left
/// out, and so are the types no kept operation reaches.
pub fn select_operations(api: &Api, ids: &[String]) -> Api {
    let modules = api
        .modules
        .iter()
        .filter_map(|module| {
            let kept: Vec<usize> = (0..module.operations.len())
                .filter(|&i| ids.contains(&module.operations[i].id))
                .collect();
            (!kept.is_empty()).then(|| narrow(module, &kept))
        })
        .collect();
    Api { modules }
}

/// The ids in `ids` that no operation of `api` has.
pub fn unknown_operations<'a>(api: &Api, ids: &'a [String]) -> Vec<&'a str> {
    ids.iter()
        .filter(|id| {
            !api.modules
                .iter()
                .any(|m| m.operations.iter().any(|op| &op.id == *id))
        })
        .map(String::as_str)
        .collect()
}

fn narrow(module: &Module, kept: &[usize]) -> Module {
    // Types reached from the kept operations, in their original order.
    let mut reached = vec![false; module.types.len()];
    let mut stack: Vec<TypeId> = Vec::new();
    for &i in kept {
        let op = &module.operations[i];
        stack.push(op.request);
        if let Response::Typed(id) = op.response {
            stack.push(id);
        }
        stack.extend(op.failure);
    }
    while let Some(id) = stack.pop() {
        if std::mem::replace(&mut reached[id.0], true) {
            continue;
        }
        for field in &module.ty(id).fields {
            collect_objects(&field.ty, &mut stack);
        }
    }
    let mut new_id: Vec<Option<TypeId>> = vec![None; module.types.len()];
    let mut types = Vec::new();
    for (old, ty) in module.types.iter().enumerate() {
        if reached[old] {
            new_id[old] = Some(TypeId(types.len()));
            types.push(ty.clone());
        }
    }
    let map = |id: TypeId| new_id[id.0].expect("a reached type");
    for ty in &mut types {
        for field in &mut ty.fields {
            renumber(&mut field.ty, &map);
        }
    }
    let operation_index = |old: usize| kept.iter().position(|&k| k == old);
    let operations: Vec<Operation> = kept
        .iter()
        .map(|&i| {
            let mut op = module.operations[i].clone();
            op.request = map(op.request);
            if let Response::Typed(id) = &mut op.response {
                *id = map(*id);
            }
            op.failure = op.failure.map(map);
            op
        })
        .collect();
    let examples = module
        .examples
        .iter()
        .filter_map(|example| {
            let target = match example.target {
                ExampleTarget::Operation { operation, part } => ExampleTarget::Operation {
                    operation: operation_index(operation)?,
                    part,
                },
                ExampleTarget::Type(id) => ExampleTarget::Type(new_id[id.0]?),
            };
            let mut example = example.clone();
            example.target = target;
            Some(example)
        })
        .collect();
    let disagreements = module
        .disagreements
        .iter()
        .filter_map(|d| {
            let at = match d.at {
                Place::Page => Place::Page,
                Place::Operation(i) => Place::Operation(operation_index(i)?),
                Place::Header { operation, header } => Place::Header {
                    operation: operation_index(operation)?,
                    header,
                },
                Place::Type(id) => Place::Type(new_id[id.0]?),
                Place::Field { ty, field } => Place::Field {
                    ty: new_id[ty.0]?,
                    field,
                },
                // Examples are renumbered only by position among those kept;
                // a disagreement about one is about the page.
                Place::Example(_) => return None,
            };
            let mut d = d.clone();
            d.at = at;
            Some(d)
        })
        .collect();
    Module {
        operations,
        types,
        examples,
        disagreements,
        ..module.clone()
    }
}

fn collect_objects(ty: &FieldType, out: &mut Vec<TypeId>) {
    match ty {
        FieldType::Object(id) => out.push(*id),
        FieldType::Array(item) => collect_objects(item, out),
        _ => {}
    }
}

fn renumber(ty: &mut FieldType, map: &impl Fn(TypeId) -> TypeId) {
    match ty {
        FieldType::Object(id) => *id = map(*id),
        FieldType::Array(item) => renumber(item, map),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api() -> Api {
        crate::loader::load_dir(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../spec"
        )))
        .unwrap()
    }

    #[test]
    fn keeps_the_operation_and_the_types_it_reaches() {
        let api = api();
        let ids = vec!["demonstrativoPagamentoDetalhe".to_owned()];
        let selected = select_operations(&api, &ids);
        assert_eq!(selected.modules.len(), 1);
        let module = &selected.modules[0];
        assert_eq!(module.operations.len(), 1);
        let original = api.modules.iter().find(|m| m.name == module.name).unwrap();
        assert_eq!(module.types.len(), original.types.len());
        assert!(unknown_operations(&api, &ids).is_empty());
        assert_eq!(unknown_operations(&api, &["nada".to_owned()]), vec!["nada"]);
    }

    #[test]
    fn types_no_kept_operation_reaches_are_dropped_and_ids_renumbered() {
        let text = r#"
page: { title: T }
operations:
  - { id: a, method: POST, path: /a, content_type: application/json, summary: A, implemented_by: operator, request: A, response: A }
  - { id: b, method: POST, path: /b, content_type: application/json, summary: B, implemented_by: operator, request: B, response: B }
types:
  A:
    fields:
      - { name: x, criterion: M, type: String, description: X }
  B:
    fields:
      - { name: c, criterion: M, type: Objeto, of: C, description: C }
  C:
    fields:
      - { name: y, criterion: M, type: String, description: Y }
"#;
        let module = crate::loader::load_str("t.yaml", text).unwrap();
        let api = Api {
            modules: vec![module],
        };
        let selected = select_operations(&api, &["b".to_owned()]);
        let module = &selected.modules[0];
        let names: Vec<&str> = module.types.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["B", "C"]);
        assert_eq!(module.operations[0].request, TypeId(0));
        assert_eq!(module.types[0].fields[0].ty, FieldType::Object(TypeId(1)));
    }
}
