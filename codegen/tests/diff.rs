//! `codegen diff`: one test per change class on small spec pairs, the real
//! spec against a copy with changes of every kind, and the CLI (formats,
//! `--fail-on`, `git:REV`).

use std::fs;
use std::path::Path;
use std::process::Command;

use codegen::diff::{diff, report, Breaks, Semver};
use codegen::ir::Api;

mod cli_support;
use cli_support::{assert_exit, stderr, stdout};

/// A page with one operation: `request` and `response` types, and a
/// nested `Item` in the response. `implemented_by` is the operator.
fn page(request_fields: &str, response_fields: &str, item_fields: &str) -> String {
    format!(
        r#"
page: {{ title: T }}
operations:
  - id: consultar
    method: POST
    path: /consultar
    content_type: application/json
    summary: Consulta
    implemented_by: operator
    headers:
      - {{ name: Authorization, criterion: M, type: token, description: Token }}
    request: Pedido
    response: Resposta
types:
  Pedido:
    fields:
{request_fields}
  Resposta:
    fields:
{response_fields}
      - {{ name: itens, criterion: OP, type: Array, of: Item, description: Itens }}
  Item:
    fields:
{item_fields}
"#
    )
}

const REQ: &str = "      - { name: chave, criterion: M, type: String, description: Chave }";
const RESP: &str = "      - { name: titulo, criterion: M, type: String, description: Titulo }";
const ITEM: &str = "      - { name: valor, criterion: OP, type: Float, description: Valor }";

fn api(text: &str) -> Api {
    let module = codegen::loader::load_str("spec/pagina.yaml", text)
        .unwrap_or_else(|d| panic!("{}", d.render()));
    Api {
        modules: vec![module],
    }
}

/// The one change between two texts, with whom it breaks.
fn only_change(old: &str, new: &str) -> (String, Breaks) {
    let d = diff(&api(old), &api(new));
    assert_eq!(d.changes.len(), 1, "{}", report::text(&d));
    let c = &d.changes[0];
    (format!("{}: {}", c.at, c.what), c.breaks)
}

#[test]
fn a_response_attribute_made_mandatory_breaks_the_implementer() {
    let old = page(REQ, RESP, ITEM);
    let new = page(REQ, RESP, &ITEM.replace("criterion: OP", "criterion: M"));
    let (what, breaks) = only_change(&old, &new);
    assert_eq!(what, "types.Item.fields.valor.criterion: criterion OP → M");
    assert_eq!(breaks, Breaks::IMPLEMENTER);
}

#[test]
fn a_response_attribute_removed_breaks_implementer_and_caller() {
    let old = page(
        REQ,
        &format!("{RESP}\n      - {{ name: extra, criterion: OP, type: String, description: E }}"),
        ITEM,
    );
    let new = page(REQ, RESP, ITEM);
    let (what, breaks) = only_change(&old, &new);
    assert_eq!(what, "types.Resposta.fields.extra: attribute removed");
    assert_eq!(breaks, Breaks::BOTH);
}

#[test]
fn a_request_attribute_made_mandatory_breaks_the_caller() {
    let old = page(
        &format!("{REQ}\n      - {{ name: data, criterion: OP, type: String, description: D }}"),
        RESP,
        ITEM,
    );
    let new = page(
        &format!("{REQ}\n      - {{ name: data, criterion: M, type: String, description: D }}"),
        RESP,
        ITEM,
    );
    let (_, breaks) = only_change(&old, &new);
    assert_eq!(breaks, Breaks::CALLER);
}

#[test]
fn an_optional_attribute_added_to_a_response_breaks_nobody() {
    let old = page(REQ, RESP, ITEM);
    let new = page(
        REQ,
        &format!("{RESP}\n      - {{ name: novo, criterion: OP, type: String, description: N }}"),
        ITEM,
    );
    let d = diff(&api(&old), &api(&new));
    assert_eq!(d.changes.len(), 1);
    assert_eq!(d.changes[0].breaks, Breaks::NOBODY);
    // The generated struct gains a field: struct literals stop compiling.
    assert!(d.changes[0].rust.as_ref().unwrap().breaking);
    assert_eq!(d.semver, Semver::Major);
}

#[test]
fn a_request_attribute_made_optional_breaks_the_implementer_who_relied_on_it() {
    let old = page(REQ, RESP, ITEM);
    let new = page(&REQ.replace("criterion: M", "criterion: OP"), RESP, ITEM);
    let d = diff(&api(&old), &api(&new));
    assert_eq!(d.changes[0].breaks, Breaks::IMPLEMENTER);
    assert_eq!(
        d.changes[0].rust.as_ref().unwrap().what,
        "field `chave` becomes an `Option`"
    );
}

#[test]
fn a_format_added_to_a_request_breaks_the_caller_and_a_type_change_breaks_both() {
    let old = page(REQ, RESP, ITEM);
    let new = page(
        &REQ.replace("type: String,", "type: String, format: date,"),
        RESP,
        ITEM,
    );
    let (what, breaks) = only_change(&old, &new);
    assert_eq!(
        what,
        "types.Pedido.fields.chave.type: type String → String (date)"
    );
    assert_eq!(breaks, Breaks::CALLER);

    let new = page(REQ, RESP, &ITEM.replace("type: Float,", "type: Int,"));
    let (_, breaks) = only_change(&old, &new);
    assert_eq!(breaks, Breaks::BOTH);
}

#[test]
fn a_renamed_attribute_is_reported_as_removed_and_added_with_the_suggestion() {
    let old = page(REQ, RESP, ITEM);
    let new = page(REQ, RESP, &ITEM.replace("name: valor", "name: valores"));
    let d = diff(&api(&old), &api(&new));
    let text = report::text(&d);
    assert!(
        text.contains("attribute removed; renamed to `valores`?"),
        "{text}"
    );
    assert_eq!(d.changes.len(), 2, "{text}");
}

#[test]
fn headers_operations_and_text() {
    let old = page(REQ, RESP, ITEM);
    // A mandatory header added breaks the caller.
    let new = old.replace(
        "      - { name: Authorization, criterion: M, type: token, description: Token }",
        "      - { name: Authorization, criterion: M, type: token, description: Token }\n      - { name: X-Canal, criterion: M, type: texto, description: Canal }",
    );
    let (what, breaks) = only_change(&old, &new);
    assert_eq!(
        what,
        "operations.consultar.headers.X-Canal: header added (M)"
    );
    assert_eq!(breaks, Breaks::CALLER);
    // A path change breaks both; a description change breaks nobody.
    let (_, breaks) = only_change(&old, &old.replace("path: /consultar", "path: /consulta"));
    assert_eq!(breaks, Breaks::BOTH);
    let (_, breaks) = only_change(
        &old,
        &old.replace("description: Titulo", "description: Título"),
    );
    assert_eq!(breaks, Breaks::NOBODY);
    // An operation removed breaks the caller.
    let d = diff(&api(&old), &Api { modules: vec![] });
    assert_eq!(d.changes[0].what, "page removed (spec/pagina.yaml)");
}

#[test]
fn the_real_spec_against_a_copy_with_every_kind_of_change() {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let old = codegen::loader::load_dir(&spec).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for entry in fs::read_dir(&spec).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    let page = dir.path().join("demonstrativo_pagamento_detalhe.yaml");
    let text = fs::read_to_string(&page).unwrap();
    let changed = text
        .replacen(
            "      - name: icone\n        criterion: OP",
            "      - name: icone\n        criterion: M",
            1,
        )
        .replacen("format: color", "", 1)
        .replacen(
            "path: /demonstrativoPagamento/detalhe",
            "path: /demonstrativoPagamento/detalhes",
            1,
        );
    assert_ne!(changed, text);
    fs::write(&page, changed).unwrap();
    fs::remove_file(dir.path().join("criar_ocorrencia.yaml")).unwrap();
    let new = codegen::loader::load_dir(dir.path()).unwrap();
    let d = diff(&old, &new);
    let text = report::text(&d);
    for expected in [
        "BREAKING (implementer, caller): criar_ocorrencia: page: page removed",
        "BREAKING (implementer, caller): demonstrativo_pagamento_detalhe: operations.demonstrativoPagamentoDetalhe: endpoint POST /demonstrativoPagamento/detalhe → POST /demonstrativoPagamento/detalhes",
        "BREAKING (implementer): demonstrativo_pagamento_detalhe: types.Registro.fields.icone.criterion: criterion OP → M",
        "types.Registro.fields.cor.type: type String (color) → String",
    ] {
        assert!(text.contains(expected), "{expected:?} in\n{text}");
    }
    // Markdown for a pull request: a summary, then a table per class.
    let md = report::markdown(&d);
    assert!(md.starts_with("## Spec changes\n\n"), "{md}");
    assert!(md.contains("### Breaking ("), "{md}");
    assert!(
        md.contains("| Where | Change | Breaks | Rust API |"),
        "{md}"
    );
    assert!(
        md.contains("**field `icone` is no longer an `Option`**"),
        "{md}"
    );
    let json: serde_json::Value = serde_json::from_str(&report::json(&d)).unwrap();
    assert_eq!(json["semver"], "major");
}

fn codegen(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_codegen"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

#[test]
fn the_cli_reads_git_revisions_and_fails_on_breaking_changes() {
    let repo = tempfile::tempdir().unwrap();
    let spec = repo.path().join("spec");
    fs::create_dir(&spec).unwrap();
    fs::write(spec.join("pagina.yaml"), page(REQ, RESP, ITEM)).unwrap();
    git(repo.path(), &["init", "-q"]);
    git(repo.path(), &["add", "."]);
    git(repo.path(), &["commit", "-q", "-m", "v1"]);
    fs::write(
        spec.join("pagina.yaml"),
        page(REQ, RESP, &ITEM.replace("criterion: OP", "criterion: M")),
    )
    .unwrap();

    let output = codegen(
        repo.path(),
        &["diff", "git:HEAD", "spec", "--fail-on", "breaking"],
    );
    assert_exit(&output, 1);
    let out = stdout(&output);
    assert!(
        out.contains(
            "BREAKING (implementer): pagina: types.Item.fields.valor.criterion: criterion OP → M"
        ),
        "{out}"
    );
    // Without --fail-on the listing is not a failure.
    assert_exit(&codegen(repo.path(), &["diff", "git:HEAD", "spec"]), 0);
    // The same version: nothing, even with --fail-on any.
    let output = codegen(
        repo.path(),
        &[
            "diff",
            "git:HEAD",
            "git:HEAD",
            "--fail-on",
            "any",
            "--format",
            "json",
        ],
    );
    assert_exit(&output, 0);
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["changes"].as_array().unwrap().len(), 0);
    // A revision that does not exist, or a spec that does not load: 2.
    let output = codegen(repo.path(), &["diff", "git:nope", "spec"]);
    assert_exit(&output, 2);
    assert!(stderr(&output).contains("git:nope"), "{}", stderr(&output));
    fs::write(spec.join("pagina.yaml"), "page: [\n").unwrap();
    assert_exit(&codegen(repo.path(), &["diff", "git:HEAD", "spec"]), 2);
}
