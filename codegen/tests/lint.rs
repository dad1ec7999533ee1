//! Lint on the real spec names every known disagreement, reports examples
//! that are not JSON, and orders its findings deterministically.

use std::path::Path;

use codegen::ir::{Api, Example, Expectation, Module, Rule};
use codegen::lint::{lint, lint_with, ExampleValidator, Finding, FindingKind};
use codegen::loader::{load_dir, load_str};

fn real_api() -> Api {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    load_dir(&dir).unwrap_or_else(|errors| panic!("spec/ must load:\n{errors}"))
}

fn of_kind(findings: &[Finding], kind: FindingKind) -> Vec<&Finding> {
    findings.iter().filter(|f| f.kind == kind).collect()
}

/// The disagreement recorded at `at` whose message mentions every fragment.
fn assert_disagreement(findings: &[Finding], file_suffix: &str, at: &str, fragments: &[&str]) {
    let found = findings.iter().any(|f| {
        f.kind == FindingKind::Disagreement
            && f.file.ends_with(file_suffix)
            && f.at == at
            && fragments
                .iter()
                .all(|fragment| f.message.contains(fragment))
    });
    assert!(
        found,
        "no disagreement at {at} mentioning {fragments:?} in {file_suffix}; findings:\n{}",
        findings
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn names_every_known_disagreement() {
    let findings = lint(&real_api());
    let criar = "criar_ocorrencia.yaml";
    let demo = "demonstrativo_pagamento_detalhe.yaml";

    // Criar Ocorrência.
    assert_disagreement(
        &findings,
        criar,
        "types.Formulario.fields.idForm",
        &[
            "attribute \"idForm\" of type \"Formulario\"",
            "Int",
            "633c6daf04cf7c362778475f",
        ],
    );
    assert_disagreement(
        &findings,
        criar,
        "examples.1",
        &["Objeto Beneficiario", "vírgula"],
    );
    assert_disagreement(
        &findings,
        criar,
        "types.Beneficiario.fields.nome",
        &[
            "attribute \"nome\" of type \"Beneficiario\"",
            "Nome Solicitante",
        ],
    );
    assert_disagreement(
        &findings,
        criar,
        "operations.criarOcorrencia",
        &["estrutura de retorno", "undocumented"],
    );
    assert_disagreement(
        &findings,
        criar,
        "operations.criarOcorrencia",
        &["Request body"],
    );
    assert_disagreement(
        &findings,
        criar,
        "types.Formulario.fields.formData",
        &["Objeto do FormData Preenchido"],
    );

    // demonstrativoPagamento/detalhe.
    assert_disagreement(
        &findings,
        demo,
        "examples.0",
        &["Exemplo request", "vírgula"],
    );
    assert_disagreement(
        &findings,
        demo,
        "types.Registro",
        &["type \"Registro\"", "subtitulo"],
    );
    assert_disagreement(&findings, demo, "page", &["resumoCobranca"]);
    assert_disagreement(&findings, demo, "types.Falha", &["listaDebitos"]);
    assert_disagreement(&findings, demo, "types.Demonstrativo", &["método login"]);
    assert_disagreement(
        &findings,
        demo,
        "operations.demonstrativoPagamentoDetalhe",
        &[
            "exemplo.com/demonstrativoPagamento/detalhe",
            "/mobilesaude//demonstrativoPagamento/detalhe",
        ],
    );
    assert_disagreement(
        &findings,
        demo,
        "operations.demonstrativoPagamentoDetalhe",
        &["Status Code"],
    );
    assert_disagreement(
        &findings,
        demo,
        "types.Registro.fields.valorTotal",
        &["442.1", "12029.8 + 1200.9"],
    );
    assert_disagreement(
        &findings,
        demo,
        "types.Demonstrativo.fields.valorTotal",
        &["1257.99"],
    );
    assert_disagreement(&findings, demo, "types.Valor.fields.codigo", &["\"101\""]);
    assert_disagreement(&findings, demo, "examples.2", &["Resumo de cobrança"]);
}

#[test]
fn every_recorded_disagreement_is_reported() {
    let api = real_api();
    let findings = lint(&api);
    let recorded: usize = api.modules.iter().map(|m| m.disagreements.len()).sum();
    assert_eq!(
        of_kind(&findings, FindingKind::Disagreement).len(),
        recorded
    );
}

#[test]
fn examples_that_are_not_json() {
    let findings = lint(&real_api());
    let not_json: Vec<String> = of_kind(&findings, FindingKind::ExampleNotJson)
        .iter()
        .map(|f| format!("{} {}", f.file.rsplit('/').next().unwrap_or_default(), f.at))
        .collect();
    assert_eq!(
        not_json,
        [
            "criar_ocorrencia.yaml examples.1",
            "demonstrativo_pagamento_detalhe.yaml examples.0"
        ]
    );
    let request = of_kind(&findings, FindingKind::ExampleNotJson)[1];
    assert!(
        request
            .message
            .contains("trailing comma at line 9 column 1"),
        "{request}"
    );
    // Both are expected to fail with `syntax`, so the expectations hold.
    assert!(of_kind(&findings, FindingKind::ExampleExpectation).is_empty());
}

#[test]
fn coverage_gaps_of_the_real_spec() {
    let findings = lint(&real_api());
    let missing: Vec<&str> = of_kind(&findings, FindingKind::MissingExample)
        .iter()
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(
        missing,
        ["operation \"criarOcorrencia\" has no example of its request"]
    );
    assert!(of_kind(&findings, FindingKind::UnreachableType).is_empty());
}

#[test]
fn findings_are_ordered_by_file_then_spec_order() {
    let api = real_api();
    let findings = lint(&api);
    assert_eq!(findings, lint(&api), "lint is deterministic");
    let demo: Vec<&str> = findings
        .iter()
        .filter(|f| f.file.ends_with("demonstrativo_pagamento_detalhe.yaml"))
        .map(|f| f.at.as_str())
        .collect();
    assert_eq!(
        demo,
        [
            "page",
            "operations.demonstrativoPagamentoDetalhe",
            "operations.demonstrativoPagamentoDetalhe",
            "types.Demonstrativo",
            "types.Demonstrativo.fields.valorTotal",
            "types.Registro",
            "types.Registro.fields.valorTotal",
            "types.Valor.fields.codigo",
            "types.Falha",
            "examples.0",
            "examples.0",
            "examples.2",
        ]
    );
    let first_demo = findings
        .iter()
        .position(|f| f.file.ends_with("demonstrativo_pagamento_detalhe.yaml"));
    let last_criar = findings
        .iter()
        .rposition(|f| f.file.ends_with("criar_ocorrencia.yaml"));
    assert!(last_criar < first_demo);
}

#[test]
fn finding_display() {
    let findings = lint(&real_api());
    let id_form = findings
        .iter()
        .find(|f| f.at == "types.Formulario.fields.idForm")
        .expect("idForm disagreement");
    let shown = id_form.to_string();
    let expected = format!(
        "{}: types.Formulario.fields.idForm: disagreement: attribute \"idForm\" of type \"Formulario\": Tabela diz Int",
        id_form.file
    );
    assert!(
        id_form.file.ends_with("spec/criar_ocorrencia.yaml"),
        "{shown}"
    );
    assert!(shown.starts_with(&expected), "{shown}");
}

const SMALL: &str = r#"
page: { title: Teste }
operations:
  - id: consultar
    method: POST
    path: /consultar
    content_type: application/json
    summary: Consulta
    implemented_by: operator
    request: Pedido
    response: Pedido
types:
  Pedido:
    fields:
      - { name: nome, criterion: M, type: String, description: Nome }
  Sobra:
    fields:
      - { name: nome, criterion: M, type: String, description: Nome }
examples:
  - title: Quebrado sem syntax
    operation: consultar
    part: request
    verdict: invalid
    violations: [{ path: /nome, rule: type }]
    text: '{"nome": 1,}'
  - title: JSON com syntax
    operation: consultar
    part: response
    verdict: invalid
    violations: [{ path: "", rule: syntax }]
    text: '{"nome": "x"}'
"#;

#[test]
fn expectation_and_coverage_findings() {
    let module = load_str("spec/small.yaml", SMALL).unwrap_or_else(|e| panic!("{e}"));
    let findings = lint(&Api {
        modules: vec![module],
    });
    let summary: Vec<(&str, FindingKind)> =
        findings.iter().map(|f| (f.at.as_str(), f.kind)).collect();
    assert_eq!(
        summary,
        [
            ("types.Sobra", FindingKind::UnreachableType),
            ("examples.0", FindingKind::ExampleNotJson),
            ("examples.0", FindingKind::ExampleExpectation),
            // The real validator (lint's default) finds what the recorded
            // expectations miss: `syntax` where `/nome type` was expected...
            ("examples.0", FindingKind::ExampleMismatch),
            ("examples.0", FindingKind::ExampleMismatch),
            ("examples.1", FindingKind::ExampleExpectation),
            // ...and no `syntax` in a valid JSON text.
            ("examples.1", FindingKind::ExampleMismatch),
        ]
    );
}

/// Stands in for the real validator: reports a fixed list per example.
struct Fixed(Vec<Vec<Expectation>>);

impl ExampleValidator for Fixed {
    fn validate(&self, module: &Module, example: &Example) -> Vec<Expectation> {
        let index = module
            .examples
            .iter()
            .position(|e| e == example)
            .unwrap_or_default();
        self.0.get(index).cloned().unwrap_or_default()
    }
}

fn violation(path: &str, rule: &str) -> Expectation {
    Expectation {
        path: path.into(),
        rule: Rule::from_code(rule).expect("a rule code"),
    }
}

#[test]
fn validator_results_are_compared_with_expectations() {
    let api = real_api();
    let demo = &api.modules[1];
    // Matches the spec exactly for every example: no mismatch.
    let exact = Fixed(
        demo.examples
            .iter()
            .map(|e| {
                e.violations
                    .iter()
                    .map(|v| violation(&v.path, v.rule.code()))
                    .collect()
            })
            .collect(),
    );
    let only_demo = Api {
        modules: vec![demo.clone()],
    };
    assert!(of_kind(
        &lint_with(&only_demo, Some(&exact)),
        FindingKind::ExampleMismatch
    )
    .is_empty());

    // Misses the subtitulo violation and reports a spurious one.
    let wrong = Fixed(vec![
        vec![violation("", "syntax")],
        vec![violation("/registros/0/cor", "format")],
        vec![],
    ]);
    let findings = lint_with(&only_demo, Some(&wrong));
    let mismatches: Vec<&str> = of_kind(&findings, FindingKind::ExampleMismatch)
        .iter()
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(
        mismatches,
        [
            "example \"Exemplo retorno API - sucesso\": expected a `unknown_attribute` violation at \"/registros/2/subtitulo\", but validation did not report it",
            "example \"Exemplo retorno API - sucesso\": validation reports an unexpected `format` violation at \"/registros/0/cor\"",
        ]
    );
}
