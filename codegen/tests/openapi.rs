//! The OpenAPI document: every operation, every `$ref` resolving, schemas
//! that accept what the validators accept — and a snapshot to review changes.

use std::path::Path;

use codegen::emit::openapi::openapi;
use serde_json::Value;

fn api() -> codegen::ir::Api {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    codegen::loader::load_dir(&spec).unwrap_or_else(|e| panic!("{e}"))
}

fn refs<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                match (key.as_str(), child) {
                    ("$ref", Value::String(target)) => out.push(target),
                    _ => refs(child, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| refs(item, out)),
        _ => {}
    }
}

#[test]
fn every_operation_is_there_and_every_ref_resolves() {
    let doc = openapi(&api());
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(
        doc["paths"]["/clientes/ocorrencias"]["post"]["operationId"],
        "criarOcorrencia"
    );
    assert_eq!(
        doc["paths"]["/demonstrativoPagamento/detalhe"]["post"]["operationId"],
        "demonstrativoPagamentoDetalhe"
    );
    let authorization = &doc["paths"]["/clientes/ocorrencias"]["post"]["parameters"][0];
    assert_eq!(authorization["name"], "Authorization");
    assert_eq!(authorization["required"], true);
    assert_eq!(
        doc["servers"][0]["url"],
        "https://api.mosiaomnichannel.com.br"
    );
    let mut targets = Vec::new();
    refs(&doc, &mut targets);
    assert!(targets.len() > 10);
    for target in targets {
        let pointer = target.strip_prefix('#').expect("local reference");
        assert!(doc.pointer(pointer).is_some(), "dangling {target}");
    }
}

#[test]
fn schemas_agree_with_the_validator_on_the_fixtures_of_the_response() {
    // The components, wrapped as one JSON Schema, judge the fixtures as the
    // IR-driven validator does (JSON Schema cannot see duplicate keys and
    // counts 1.0 as an integer; those fixtures are skipped).
    let api = api();
    let doc = openapi(&api);
    let schema = serde_json::json!({
        "$ref": "#/components/schemas/Demonstrativo",
        "components": doc["components"],
    });
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/demonstrativoPagamentoDetalhe/response");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".expected.json")
            || name.contains("duplicate")
            || name.contains("exact_decimal")
        {
            continue;
        }
        let Ok(value) = serde_json::from_slice::<Value>(&std::fs::read(&path).unwrap()) else {
            continue;
        };
        let expected: Vec<Value> = serde_json::from_str(
            &std::fs::read_to_string(path.with_extension("expected.json")).unwrap(),
        )
        .unwrap();
        assert_eq!(validator.is_valid(&value), expected.is_empty(), "{name}");
        checked += 1;
    }
    assert!(checked > 10);
}

#[test]
fn snapshot() {
    insta::assert_snapshot!(serde_json::to_string_pretty(&openapi(&api())).unwrap());
}
