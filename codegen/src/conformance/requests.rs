//! What `codegen conformance` sends for one operation.
//!
//! Valid requests, whose answers are judged:
//! * the page's request example, made valid the way the mock makes its
//!   answers valid ([`crate::valid::repair`]: unknown attributes removed;
//!   here also a trailing comma, which the captured pages have), or, when
//!   no example can be made valid, placeholders built from the table;
//! * the caller's own requests (`--requests DIR`), which carry the real
//!   keys an endpoint needs to answer `200`;
//! * requests derived from the first of those by the table: each optional
//!   (`OP` and `C`) attribute absent, null and filled, free-form objects
//!   (`integracao`) in several shapes, arrays empty and with two items;
//!   then the same from a copy with every optional object and array of
//!   objects filled in, so that objects the first request leaves out are
//!   reached too. Only those the validator accepts are kept.
//!
//! Forbidden requests, which the endpoint should refuse with a `4xx`: a
//! mandatory attribute missing, an attribute with a wrong name (its case
//! changed), an attribute of the wrong type. Only those the validator
//! refuses are kept.

use std::collections::{HashMap, HashSet};

use codegen_runtime::serde_json::{self, json, Map, Value};
use codegen_runtime::Report;

use crate::ir::{Criterion, ExampleTarget, FieldType, Module, Operation, Part, TypeId};
use crate::valid::{placeholder, placeholder_of, repair, to_json_in_spec_order};
use crate::validator;

/// What the endpoint is expected to do with a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// A valid request: its answer must conform to the page.
    Valid,
    /// A request the table forbids: it should be refused with a `4xx` and
    /// a `mensagem` (a warning when not: the pages do not require refusal).
    Forbidden,
}

impl Expect {
    pub fn as_str(self) -> &'static str {
        match self {
            Expect::Valid => "valid",
            Expect::Forbidden => "forbidden",
        }
    }
}

/// One request to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Probe {
    /// The operation id (`demonstrativoPagamentoDetalhe`).
    pub operation: String,
    pub method: &'static str,
    /// The operation's path (`/demonstrativoPagamento/detalhe`).
    pub path: String,
    /// What the request is (`integracao null`, `without mandatory chaveUnica`).
    pub name: String,
    pub expect: Expect,
    /// The JSON body, attributes in the table's order.
    pub body: Vec<u8>,
}

/// A request of the caller's own (`--requests DIR`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestFile {
    /// How it is named in the report (the file's path).
    pub name: String,
    pub body: Vec<u8>,
}

/// Every violation of `body` as a request of `op`: a caller's file must be
/// valid, since its answer is judged as the answer to a valid request.
pub fn check_request(module: &Module, op: &Operation, body: &[u8]) -> Report {
    validator::validate(module, op.request, body)
}

/// The requests for `module.operations[index]`, valid ones first; `files`
/// are the caller's own (already checked with [`check_request`]).
pub fn probes(module: &Module, index: usize, files: &[RequestFile]) -> Vec<Probe> {
    let op = &module.operations[index];
    let ty = op.request;
    let probe = |name: String, expect: Expect, body: Vec<u8>| Probe {
        operation: op.id.clone(),
        method: op.method.as_str(),
        path: op.path.clone(),
        name,
        expect,
        body,
    };
    let mut out: Vec<Probe> = Vec::new();
    let push = |out: &mut Vec<Probe>, p: Probe| {
        if !out.iter().any(|q| q.body == p.body && q.expect == p.expect) {
            out.push(p);
        }
    };

    // The page's example, made valid; else placeholders from the table.
    let (base_name, base) = page_example(module, index, ty).unwrap_or_else(|| {
        let value = placeholder(module, ty, 0);
        ("placeholders from the table".to_owned(), value)
    });
    let base_body = to_json_in_spec_order(module, ty, &base);
    let base_valid = validator::validate(module, ty, &base_body).is_empty();
    if base_valid {
        push(&mut out, probe(base_name, Expect::Valid, base_body));
    }
    for file in files {
        push(
            &mut out,
            probe(file.name.clone(), Expect::Valid, file.body.clone()),
        );
    }
    // Variants start from the caller's first file when there is one: its
    // keys are real, so the endpoint can answer 200 to every variant.
    let seed = files
        .first()
        .and_then(|f| serde_json::from_slice::<Value>(&f.body).ok())
        .or_else(|| base_valid.then(|| base.clone()));
    let Some(seed) = seed else {
        return out;
    };
    // The seed with every optional object filled in, so that the variants
    // reach objects the seed leaves out. Its own variants are named after
    // it where the seed's would be named the same.
    let full = filled(module, ty, &seed, 0);
    let mut seeds = vec![("", seed.clone())];
    let full_body = to_json_in_spec_order(module, ty, &full);
    if full != seed && validator::validate(module, ty, &full_body).is_empty() {
        push(
            &mut out,
            probe(
                "every optional object filled".to_owned(),
                Expect::Valid,
                full_body,
            ),
        );
        seeds.push((" (every optional object filled)", full));
    }
    // The filled copy's variants only for what the seed lacks: the others
    // are the seed's own over again.
    let mut seen = Known::new();
    for (suffix, seed) in &seeds {
        let skip = seen.clone();
        walk_objects(
            module,
            ty,
            seed,
            &mut Vec::new(),
            "",
            &mut |at, _, object_ty, object| {
                // Filling changes only absent objects and arrays of them.
                let done = module.ty(object_ty).fields.iter().filter(|f| {
                    object.contains_key(&f.wire_name)
                        || !matches!(f.ty, FieldType::Object(_) | FieldType::Array(_))
                });
                seen.entry(at.to_owned())
                    .or_default()
                    .extend(done.map(|f| f.wire_name.clone()));
            },
        );
        for (name, value) in variants(module, ty, seed, &skip) {
            let body = to_json_in_spec_order(module, ty, &value);
            if validator::validate(module, ty, &body).is_empty() {
                let name = named(&out, name, suffix);
                push(&mut out, probe(name, Expect::Valid, body));
            }
        }
        for (name, value) in forbidden(module, ty, seed, &skip) {
            let body = to_json_in_spec_order(module, ty, &value);
            if !validator::validate(module, ty, &body).is_empty() {
                let name = named(&out, name, suffix);
                push(&mut out, probe(name, Expect::Forbidden, body));
            }
        }
    }
    out
}

/// `name`, with `suffix` when a probe of that name exists already.
fn named(out: &[Probe], name: String, suffix: &str) -> String {
    if out.iter().any(|p| p.name == name) {
        format!("{name}{suffix}")
    } else {
        name
    }
}

/// The first request example of the page (for the operation, or for its
/// request type) that can be made valid, with its name.
fn page_example(module: &Module, index: usize, ty: TypeId) -> Option<(String, Value)> {
    let examples = module.examples.iter().filter(|example| {
        example.target
            == ExampleTarget::Operation {
                operation: index,
                part: Part::Request,
            }
            || example.target == ExampleTarget::Type(ty)
    });
    for example in examples {
        let (text, fixed) = match serde_json::from_str::<Value>(&example.text) {
            Ok(_) => (example.text.clone(), false),
            Err(_) => (without_trailing_commas(&example.text), true),
        };
        if let Some((body, removed)) = repair(module, ty, &text) {
            let mut name = format!("the page's example \"{}\"", example.title);
            let mut changes = Vec::new();
            if fixed {
                changes.push("its trailing comma".to_owned());
            }
            changes.extend(removed);
            if !changes.is_empty() {
                name.push_str(" without ");
                name.push_str(&changes.join(", "));
            }
            return Some((name, serde_json::from_slice(&body).ok()?));
        }
    }
    None
}

/// The text with every comma that only precedes a closing `}` or `]`
/// removed (outside strings): the captured pages' one common slip.
fn without_trailing_commas(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    for (i, &c) in chars.iter().enumerate() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        if c == '"' {
            in_string = true;
        }
        if c == ',' {
            let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            if matches!(next, Some('}' | ']') | None) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// Free-form objects of several shapes.
fn free_form_shapes() -> Vec<(&'static str, Value)> {
    vec![
        ("{}", json!({})),
        (
            "of scalars",
            json!({"texto": "valor", "numero": 42, "decimal": 1.5, "booleano": true, "nulo": null}),
        ),
        (
            "nested",
            json!({"aninhado": {"lista": [1, "dois", {"tres": 3}], "vazio": {}}}),
        ),
    ]
}

/// Where an object of the request sits, for names: `integracao`,
/// `solicitante.email`, `formularios[0].formData`.
fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else {
        format!("{prefix}.{name}")
    }
}

/// `seed` with the object at `at` (a JSON pointer) changed by `change`.
fn edited(seed: &Value, at: &str, change: impl FnOnce(&mut Map<String, Value>)) -> Value {
    let mut value = seed.clone();
    if let Some(Value::Object(map)) = value.pointer_mut(at) {
        change(map);
    }
    value
}

/// `seed` with every absent optional object attribute filled with
/// placeholders, and every absent or empty array of objects given one
/// placeholder item, all the way down: the variants of this request reach
/// the objects a minimal request leaves out (`solicitante.endereco`,
/// `formularios[0].formData`).
fn filled(module: &Module, ty: TypeId, seed: &Value, depth: usize) -> Value {
    let Value::Object(object) = seed else {
        return seed.clone();
    };
    let mut out = object.clone();
    if depth > 16 {
        return Value::Object(out);
    }
    for field in &module.ty(ty).fields {
        let member = object.get(&field.wire_name);
        let grown = match (&field.ty, member) {
            (FieldType::Object(id), None) => Some(filled(
                module,
                *id,
                &placeholder(module, *id, depth),
                depth + 1,
            )),
            (FieldType::Object(id), Some(member @ Value::Object(_))) => {
                Some(filled(module, *id, member, depth + 1))
            }
            (FieldType::Array(item), member) => match (&**item, member) {
                (FieldType::Object(id), None) => Some(Value::Array(vec![filled(
                    module,
                    *id,
                    &placeholder(module, *id, depth),
                    depth + 1,
                )])),
                (FieldType::Object(id), Some(Value::Array(items))) if items.is_empty() => {
                    Some(Value::Array(vec![filled(
                        module,
                        *id,
                        &placeholder(module, *id, depth),
                        depth + 1,
                    )]))
                }
                (FieldType::Object(id), Some(Value::Array(items))) => Some(Value::Array(
                    items
                        .iter()
                        .map(|item| filled(module, *id, item, depth + 1))
                        .collect(),
                )),
                _ => None,
            },
            _ => None,
        };
        if let Some(grown) = grown {
            out.insert(field.wire_name.clone(), grown);
        }
    }
    Value::Object(out)
}

/// Valid-looking variants of `seed`: each optional attribute absent, null
/// and filled, in every object reached through declared objects and the
/// first item of arrays of them; arrays of objects also empty and with
/// their first item twice.
/// The attributes of the objects an earlier seed had, by JSON pointer:
/// their variants were made already.
type Known = HashMap<String, HashSet<String>>;

/// Attributes in `skip` are left as they are.
fn variants(module: &Module, ty: TypeId, seed: &Value, skip: &Known) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    walk_objects(
        module,
        ty,
        seed,
        &mut Vec::new(),
        "",
        &mut |at, prefix, object_ty, object| {
            let known = skip.get(at);
            for field in &module.ty(object_ty).fields {
                if known.is_some_and(|known| known.contains(&field.wire_name)) {
                    continue;
                }
                let name = join(prefix, &field.wire_name);
                let mut with = |label: String, member: Option<Value>| {
                    let value = edited(seed, at, |map| match member {
                        Some(member) => {
                            map.insert(field.wire_name.clone(), member);
                        }
                        None => {
                            map.remove(&field.wire_name);
                        }
                    });
                    out.push((label, value));
                };
                if let (FieldType::Array(_), Some(Value::Array(items))) =
                    (&field.ty, object.get(&field.wire_name))
                {
                    with(format!("{name} []"), Some(Value::Array(Vec::new())));
                    if let Some(first) = items.first() {
                        let twice = vec![first.clone(), first.clone()];
                        with(format!("{name} with two items"), Some(Value::Array(twice)));
                    }
                }
                if field.criterion == Criterion::Mandatory {
                    continue;
                }
                with(format!("{name} absent"), None);
                with(format!("{name} null"), Some(Value::Null));
                match &field.ty {
                    FieldType::FreeObject => {
                        for (shape, value) in free_form_shapes() {
                            with(format!("{name} {shape}"), Some(value));
                        }
                    }
                    ty if !object.contains_key(&field.wire_name) => {
                        with(
                            format!("{name} filled"),
                            Some(placeholder_of(module, ty, 0)),
                        );
                    }
                    _ => {}
                }
            }
        },
    );
    out
}

/// Requests the table forbids, derived from `seed`: each mandatory
/// attribute missing, each of the wrong type, and one attribute renamed
/// (its first letter's case changed, as in `Contratos` for `contratos`).
/// Attributes in `skip` are left as they are.
fn forbidden(module: &Module, ty: TypeId, seed: &Value, skip: &Known) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    walk_objects(
        module,
        ty,
        seed,
        &mut Vec::new(),
        "",
        &mut |at, prefix, object_ty, object| {
            let known = skip.get(at);
            let fields = &module.ty(object_ty).fields;
            for field in fields {
                if known.is_some_and(|known| known.contains(&field.wire_name)) {
                    continue;
                }
                let name = join(prefix, &field.wire_name);
                let present = object.contains_key(&field.wire_name);
                if field.criterion == Criterion::Mandatory && present {
                    out.push((
                        format!("without mandatory {name}"),
                        edited(seed, at, |map| {
                            map.remove(&field.wire_name);
                        }),
                    ));
                }
                if field.criterion == Criterion::Mandatory || present {
                    let wrong = wrong_type(&field.ty);
                    out.push((
                        format!("{name} of the wrong type ({wrong})"),
                        edited(seed, at, |map| {
                            map.insert(field.wire_name.clone(), wrong.clone());
                        }),
                    ));
                }
            }
            let renamed = fields
                .iter()
                .find(|f| object.contains_key(&f.wire_name) && f.criterion == Criterion::Mandatory)
                .or_else(|| fields.iter().find(|f| object.contains_key(&f.wire_name)));
            if let (Some(field), None) = (renamed, known) {
                let wrong = flip_first_case(&field.wire_name);
                if wrong != field.wire_name && !fields.iter().any(|f| f.wire_name == wrong) {
                    out.push((
                        format!("{} named {wrong}", join(prefix, &field.wire_name)),
                        edited(seed, at, |map| {
                            if let Some(member) = map.remove(&field.wire_name) {
                                map.insert(wrong.clone(), member);
                            }
                        }),
                    ));
                }
            }
        },
    );
    out
}

/// A value of another kind than `ty` accepts.
fn wrong_type(ty: &FieldType) -> Value {
    match ty {
        FieldType::String(_) => json!(12345),
        FieldType::Int | FieldType::Float | FieldType::Decimal => json!("12345"),
        FieldType::Boolean => json!("true"),
        FieldType::Object(_) | FieldType::FreeObject => json!("texto"),
        FieldType::Array(_) => json!({}),
    }
}

fn flip_first_case(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) if first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// What [`walk_objects`] calls on each object: (JSON pointer, name
/// prefix, type, object).
type Visit<'a> = dyn FnMut(&str, &str, TypeId, &Map<String, Value>) + 'a;

/// Calls `visit(pointer, name prefix, type, object)` on the root object
/// and every object below it reached through declared object attributes
/// and the first item of arrays of declared objects.
fn walk_objects(
    module: &Module,
    ty: TypeId,
    value: &Value,
    at: &mut Vec<String>,
    prefix: &str,
    visit: &mut Visit<'_>,
) {
    let Value::Object(object) = value else {
        return;
    };
    if at.len() > 16 {
        return;
    }
    visit(&pointer(at), prefix, ty, object);
    for field in &module.ty(ty).fields {
        let Some(member) = object.get(&field.wire_name) else {
            continue;
        };
        let name = join(prefix, &field.wire_name);
        match (&field.ty, member) {
            (FieldType::Object(id), Value::Object(_)) => {
                at.push(field.wire_name.clone());
                walk_objects(module, *id, member, at, &name, visit);
                at.pop();
            }
            (FieldType::Array(item), Value::Array(items)) => {
                if let (FieldType::Object(id), Some(first)) = (&**item, items.first()) {
                    at.push(field.wire_name.clone());
                    at.push("0".to_owned());
                    walk_objects(module, *id, first, at, &format!("{name}[0]"), visit);
                    at.pop();
                    at.pop();
                }
            }
            _ => {}
        }
    }
}

/// RFC 6901 pointer of a list of keys.
fn pointer(keys: &[String]) -> String {
    keys.iter()
        .map(|k| format!("/{}", k.replace('~', "~0").replace('/', "~1")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detalhe() -> Module {
        let spec = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
        let api = crate::loader::load_dir(&spec).unwrap_or_else(|d| panic!("{d}"));
        api.modules
            .into_iter()
            .find(|m| m.operation("demonstrativoPagamentoDetalhe").is_some())
            .unwrap()
    }

    #[test]
    fn the_page_example_loses_its_trailing_comma_and_keeps_its_keys() {
        let module = detalhe();
        let probes = probes(&module, 0, &[]);
        let first = &probes[0];
        assert_eq!(
            first.name,
            "the page's example \"Exemplo request\" without its trailing comma"
        );
        let text = String::from_utf8(first.body.clone()).unwrap();
        assert!(
            text.starts_with(r#"{"chavePagamento":"MS00579","chaveUnica":"101012","integracao":{"#),
            "{text}"
        );
        let names: Vec<&str> = probes.iter().map(|p| p.name.as_str()).collect();
        for expected in [
            "integracao absent",
            "integracao null",
            "integracao {}",
            "integracao nested",
            "without mandatory chaveUnica",
            "chavePagamento of the wrong type (12345)",
            "chavePagamento named ChavePagamento",
        ] {
            assert!(names.contains(&expected), "{expected} not in {names:?}");
        }
        for probe in &probes {
            let valid =
                validator::validate(&module, module.operations[0].request, &probe.body).is_empty();
            assert_eq!(valid, probe.expect == Expect::Valid, "{}", probe.name);
        }
    }

    #[test]
    fn trailing_commas_go_but_not_inside_strings() {
        assert_eq!(
            without_trailing_commas(r#"{"a": "x,}", "b": [1, 2,],}"#),
            r#"{"a": "x,}", "b": [1, 2]}"#
        );
    }
}
