//! The exported OpenAPI document (`codegen openapi`) and our validator give
//! the same verdict, accepted or refused, on every payload fixture and on
//! generated payloads — except where the document itself says JSON Schema
//! cannot express a rule ([`Exception`], each with why).
//!
//! The schema of each part is the one the document's operation points at
//! (`requestBody`, `200`, `default`), judged by the `jsonschema` crate with
//! format validation on. JSON Schema judges parsed JSON: bytes `serde_json`
//! cannot parse (malformed JSON, invalid UTF-8, a number beyond f64,
//! nesting of 128 levels) count as refused by the document, and our
//! validator must refuse them too.

use std::collections::BTreeSet;

use codegen::emit::openapi::openapi;
use codegen::ir::{Api, FieldType, Module, Part, Response, TypeId};
use codegen::validator::validate;
use codegen_runtime::Rule;
use mosia_tests::arbitrary::{mutate, mutation, valid_object};
use mosia_tests::{load_api, report_pairs};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{json, Value};

/// Rules of the pages the document says JSON Schema cannot express (in
/// `info.description` and in the `description` of each schema concerned).
/// Where our validator refuses a payload the document accepts, every
/// violation must be one of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Exception {
    /// `duplicate_attribute`: JSON Schema judges the parsed document, in
    /// which an object holds each key once (serde_json keeps the last
    /// member; RFC 8259 leaves it open), so a repeated key is invisible.
    DuplicateAttribute,
    /// `type` for an `Int` written with a fraction (`1.0`, `-0.0`,
    /// `-11200.0`): JSON Schema's `integer` is a mathematical integer and
    /// accepts them; the pages want an integer written as one. The schema's
    /// `description` says so (`json_schema::INT_NOTE`).
    IntegralFloatInInt,
    /// `range` for a money `Decimal`: more than 28 decimal places, or a
    /// mantissa beyond 96 bits. `maximum` cannot count decimal places, and
    /// the document's numbers are f64, which cannot even write the exact
    /// bound (2^96 - 1). The schema's `description` says so
    /// (`json_schema::DECIMAL_NOTE`).
    DecimalRange,
}

/// The document's verdict on each part of each operation.
struct Document {
    api: Api,
    doc: Value,
}

impl Document {
    fn new() -> Self {
        let api = load_api();
        let doc = openapi(&api);
        Document { api, doc }
    }

    /// The module and object type of a part, and the validator of the
    /// schema the document gives that part.
    fn part(&self, operation_id: &str, part: Part) -> (&Module, TypeId, jsonschema::Validator) {
        let (module, operation) = self
            .api
            .modules
            .iter()
            .flat_map(|m| m.operations.iter().map(move |op| (m, op)))
            .find(|(_, op)| op.id == operation_id)
            .unwrap_or_else(|| panic!("no operation {operation_id}"));
        let ty = match part {
            Part::Request => operation.request,
            Part::Response => match operation.response {
                Response::Typed(ty) => ty,
                Response::Undocumented => panic!("{operation_id} documents no response"),
            },
            Part::Failure => operation.failure.expect("a documented failure"),
        };
        let object = &self.doc["paths"][&operation.path][operation.method.as_str().to_lowercase()];
        assert_eq!(object["operationId"], operation_id);
        let content = match part {
            Part::Request => &object["requestBody"]["content"],
            Part::Response => &object["responses"]["200"]["content"],
            Part::Failure => &object["responses"]["default"]["content"],
        };
        let reference = content["application/json"]["schema"]["$ref"]
            .as_str()
            .unwrap_or_else(|| panic!("{operation_id} {}: no schema", part.as_str()));
        let schema = json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$ref": reference,
            "components": self.doc["components"],
        });
        let validator = jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .unwrap_or_else(|e| panic!("{reference}: {e}"));
        (module, ty, validator)
    }

    /// Every part of every operation.
    fn parts(&self) -> Vec<(String, Part)> {
        let mut parts = Vec::new();
        for operation in self.api.modules.iter().flat_map(|m| &m.operations) {
            parts.push((operation.id.clone(), Part::Request));
            if let Response::Typed(_) = operation.response {
                parts.push((operation.id.clone(), Part::Response));
            }
            if operation.failure.is_some() {
                parts.push((operation.id.clone(), Part::Failure));
            }
        }
        parts
    }
}

/// Compares the verdicts on `bytes`: `Ok` with the exceptions that explain
/// a difference (none when they agree), `Err` describing a disagreement no
/// exception explains.
fn compare(
    module: &Module,
    ty: TypeId,
    validator: &jsonschema::Validator,
    bytes: &[u8],
) -> Result<BTreeSet<Exception>, String> {
    let report = validate(module, ty, bytes);
    let ours = report.is_empty();
    let show = || {
        String::from_utf8_lossy(bytes)
            .chars()
            .take(2000)
            .collect::<String>()
    };
    let Ok(value) = serde_json::from_slice::<Value>(bytes) else {
        // Not JSON to the document: refused.
        return if ours {
            Err(format!(
                "serde_json cannot parse it, our validator accepts it: {}",
                show()
            ))
        } else {
            Ok(BTreeSet::new())
        };
    };
    let theirs = validator.is_valid(&value);
    match (ours, theirs) {
        (true, true) | (false, false) => Ok(BTreeSet::new()),
        (true, false) => Err(format!(
            "the document refuses what our validator accepts: {}\n  document: {}",
            show(),
            validator
                .iter_errors(&value)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect::<Vec<_>>()
                .join("; ")
        )),
        (false, true) => {
            let mut used = BTreeSet::new();
            for (path, rule) in report_pairs(&report) {
                match exception(module, ty, &value, &path, &rule) {
                    Some(exception) => {
                        used.insert(exception);
                    }
                    None => {
                        return Err(format!(
                            "our validator refuses what the document accepts, for a rule the \
                             document can express ({rule} at {path:?}): {}\n  ours: {:?}",
                            show(),
                            report_pairs(&report)
                        ))
                    }
                }
            }
            Ok(used)
        }
    }
}

/// The [`Exception`] that explains violation `rule` at `path` of `value`, if
/// one does.
fn exception(
    module: &Module,
    ty: TypeId,
    value: &Value,
    path: &str,
    rule: &str,
) -> Option<Exception> {
    let field = field_type_at(module, ty, path);
    let number = value.pointer(path).and_then(Value::as_number);
    match (Rule::from_code(rule)?, field) {
        (Rule::DuplicateAttribute, _) => Some(Exception::DuplicateAttribute),
        (Rule::Type, Some(FieldType::Int))
            if number
                .and_then(|n| n.as_f64())
                .is_some_and(|f| f.fract() == 0.0)
                && number.is_some_and(|n| n.is_f64()) =>
        {
            Some(Exception::IntegralFloatInInt)
        }
        (Rule::Range, Some(FieldType::Decimal)) if number.is_some() => {
            Some(Exception::DecimalRange)
        }
        _ => None,
    }
}

/// The declared type of the value at JSON pointer `path` of an object of
/// type `ty` (array items included), or `None` where it is free-form or
/// undeclared.
fn field_type_at<'m>(module: &'m Module, ty: TypeId, path: &str) -> Option<&'m FieldType> {
    let mut tokens = path
        .split('/')
        .skip(1)
        .map(|t| t.replace("~1", "/").replace("~0", "~"));
    let mut current: &FieldType = {
        let token = tokens.next()?;
        &module
            .ty(ty)
            .fields
            .iter()
            .find(|f| f.wire_name == token)?
            .ty
    };
    for token in tokens {
        current = match current {
            FieldType::Array(item) => {
                token.parse::<usize>().ok()?;
                item
            }
            FieldType::Object(id) => {
                &module
                    .ty(*id)
                    .fields
                    .iter()
                    .find(|f| f.wire_name == token)?
                    .ty
            }
            _ => return None,
        };
    }
    Some(current)
}

#[test]
fn the_document_and_the_validator_agree_on_every_fixture() {
    let document = Document::new();
    let mut used = BTreeSet::new();
    let mut problems = Vec::new();
    let mut checked = 0;
    for fixture in mosia_tests::fixtures() {
        let (module, ty, validator) = document.part(&fixture.operation, fixture.part);
        match compare(module, ty, &validator, &fixture.bytes) {
            Ok(exceptions) => used.extend(exceptions),
            Err(problem) => problems.push(format!("{}: {problem}", fixture.id())),
        }
        checked += 1;
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(checked > 70, "only {checked} fixtures");
    // Every exception is needed: a fixture shows each.
    assert_eq!(
        used.into_iter().collect::<Vec<_>>(),
        [
            Exception::DuplicateAttribute,
            Exception::IntegralFloatInInt,
            Exception::DecimalRange
        ]
    );
}

/// Cases per part (override with PROPTEST_CASES).
const CASES: u32 = 1000;

/// Strings mostly of the characters where `\S` and Rust's white space
/// disagree (U+0085, U+FEFF), and other white space.
fn tricky_string() -> impl Strategy<Value = String> {
    "[ \t\n\r\u{000B}\u{000C}\u{0085}\u{00A0}\u{1680}\u{2007}\u{2028}\u{202F}\u{3000}\u{FEFF}\u{200B}x]{0,3}"
}

#[test]
fn the_document_and_the_validator_agree_on_generated_payloads() {
    let document = Document::new();
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(CASES);
    let mut checked = 0;
    for (operation, part) in document.parts() {
        let (module, ty, validator) = document.part(&operation, part);
        let mut runner = TestRunner::new(Config {
            cases,
            failure_persistence: None,
            ..Config::default()
        });
        let strategy = (
            valid_object(module, ty),
            mutation(),
            any::<Index>(),
            0u8..4,
            tricky_string(),
        );
        runner
            .run(&strategy, |(valid, mutation, at, how, text)| {
                let bytes = match how {
                    // As generated: valid.
                    0 => serde_json::to_vec(&valid).unwrap(),
                    // One string replaced by mostly white space.
                    1 => serde_json::to_vec(&replace_a_string(valid, at, text)).unwrap(),
                    // One documented rule broken somewhere.
                    _ => mutate(valid, mutation, at),
                };
                if let Err(problem) = compare(module, ty, &validator, &bytes) {
                    return Err(TestCaseError::fail(format!(
                        "{operation} {}: {problem}",
                        part.as_str()
                    )));
                }
                Ok(())
            })
            .unwrap_or_else(|failure| panic!("{failure}"));
        checked += 1;
    }
    assert_eq!(
        checked, 4,
        "criarOcorrencia request + demonstrativo's three parts"
    );
}

/// `value` with the string chosen by `at` (depth-first) replaced by `text`.
fn replace_a_string(mut value: Value, at: Index, text: String) -> Value {
    fn strings(value: &Value, path: String, out: &mut Vec<String>) {
        match value {
            Value::String(_) => out.push(path),
            Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    strings(item, format!("{path}/{index}"), out);
                }
            }
            Value::Object(map) => {
                for (key, item) in map {
                    let key = key.replace('~', "~0").replace('/', "~1");
                    strings(item, format!("{path}/{key}"), out);
                }
            }
            _ => {}
        }
    }
    let mut paths = Vec::new();
    strings(&value, String::new(), &mut paths);
    if !paths.is_empty() {
        let path = &paths[at.index(paths.len())];
        *value.pointer_mut(path).expect("collected") = Value::String(text);
    }
    value
}

/// The blank rule's `pattern`, as exported, holds exactly for the strings
/// the runtime calls filled (`checks::is_blank`), tried on every Unicode
/// scalar value alone and between white space of both kinds.
#[test]
fn the_blank_pattern_is_exactly_the_runtime_s_blank_rule() {
    let document = Document::new();
    let pattern = document.doc["components"]["schemas"]["Falha"]["properties"]["mensagem"]
        ["pattern"]
        .as_str()
        .expect("the failure's mensagem is an M string with a pattern");
    let validator = jsonschema::validator_for(&json!({ "type": "string", "pattern": pattern }))
        .expect("a valid pattern");
    let mut wrong = Vec::new();
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        for text in [c.to_string(), format!("\u{0085} {c}\u{FEFF}")] {
            let filled = validator.is_valid(&Value::String(text.clone()));
            let blank = codegen_runtime::checks::is_blank(&text);
            if filled == blank && wrong.len() < 20 {
                wrong.push(format!(
                    "{text:?}: pattern filled={filled}, runtime blank={blank}"
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{pattern}\n{}", wrong.join("\n"));
}

/// The mandatory `Authorization` header's schema refuses exactly the values
/// the server answers `401` (every byte ASCII white space: `Endpoint`'s
/// `missing_header_refusal`), over every byte a header value may hold.
#[test]
fn the_mandatory_header_pattern_is_the_server_s_401_rule() {
    let document = Document::new();
    let parameters = &document.doc["paths"]["/clientes/ocorrencias"]["post"]["parameters"];
    let authorization = parameters
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Authorization")
        .expect("criarOcorrencia's Authorization header");
    assert_eq!(authorization["required"], true);
    let validator = jsonschema::validator_for(&authorization["schema"]).unwrap();
    // HTAB, SP, VCHAR and obs-text, as Latin-1 characters.
    let bytes = std::iter::once(b'\t').chain(0x20..=0x7E).chain(0x80..=0xFF);
    for byte in bytes {
        for value in [vec![byte], vec![b' ', byte, b'\t']] {
            let text: String = value.iter().map(|&b| char::from(b)).collect();
            let filled = validator.is_valid(&Value::String(text.clone()));
            let server_filled = !value.iter().all(u8::is_ascii_whitespace);
            assert_eq!(filled, server_filled, "{text:?}");
        }
    }
    assert!(!validator.is_valid(&json!("")));
}
