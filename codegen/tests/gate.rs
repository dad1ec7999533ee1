//! The loader is the only gate: every spec the generator cannot turn into
//! working Rust (or that would mean something else than it says) is refused
//! at load time, with its file and its line or spec path, and every spec it
//! accepts generates.

use std::path::Path;

use codegen::diagnostics::{Diagnostic, Location};
use codegen::loader::{load_dir, load_file, load_str};

/// A small spec that loads; each test breaks one thing in it.
const BASE: &str = r#"page:
  title: Página de teste
operations:
  - id: consultar
    method: POST
    path: /consultar
    content_type: application/json
    summary: Consulta
    implemented_by: operator
    headers:
      - { name: Authorization, criterion: M, type: token, description: Token }
    request: Pedido
    response: Resposta
types:
  Pedido:
    fields:
      - { name: chave, criterion: M, type: String, description: Chave }
  Resposta:
    fields:
      - { name: valor, criterion: OP, type: Float, format: decimal, description: Valor }
"#;

const FILE: &str = "spec/teste.yaml";

/// `BASE` with `from` (which must occur exactly once) replaced by `to`.
fn base_with(from: &str, to: &str) -> String {
    assert_eq!(BASE.matches(from).count(), 1, "{from:?} must occur once");
    BASE.replacen(from, to, 1)
}

fn errors(text: &str) -> Vec<Diagnostic> {
    match load_str(FILE, text) {
        Ok(_) => panic!("expected errors, but the spec loaded:\n{text}"),
        Err(errors) => errors.into_vec(),
    }
}

/// The spec's only error, at `location`, with every fragment in its message.
fn single_error(text: &str, location: Location, fragments: &[&str]) -> Diagnostic {
    let all = errors(text);
    let rendered: Vec<String> = all.iter().map(ToString::to_string).collect();
    assert_eq!(
        all.len(),
        1,
        "expected one error, got:\n{}",
        rendered.join("\n")
    );
    let error = all.into_iter().next().expect("one error");
    assert_eq!(error.file, FILE);
    assert_eq!(error.location, location, "{error}");
    for fragment in fragments {
        assert!(
            error.to_string().contains(fragment),
            "{fragment:?} not in: {error}"
        );
    }
    error
}

fn line(line: usize, column: usize) -> Location {
    Location::LineColumn { line, column }
}

#[test]
fn base_spec_loads_and_generates() {
    let module = load_str(FILE, BASE).unwrap_or_else(|e| panic!("{e}"));
    codegen::emit::generate(&codegen::ir::Api {
        modules: vec![module],
    })
    .expect("generates");
}

// ---------------------------------------------------------------- YAML

#[test]
fn every_yaml_tag_is_refused_with_its_line() {
    for (tag, value) in [
        ("!!binary", "!!binary Q29uc3VsdGE="),
        ("!!timestamp", "!!timestamp 2001-12-14"),
        ("!!python/object:os.system", "!!python/object:os.system {}"),
        ("!!str", "!!str Consulta"),
        ("!texto", "!texto Consulta"),
    ] {
        let text = base_with("summary: Consulta", &format!("summary: {value}"));
        single_error(
            &text,
            line(8, 14),
            &[&format!("YAML tags are not supported (found {tag})")],
        );
    }
}

#[test]
fn a_multi_document_file_is_refused_at_its_second_document() {
    let text = format!("{BASE}---\npage:\n  title: Outra\n");
    single_error(
        &text,
        line(21, 1),
        &["a second document starts here; a spec file is one YAML document"],
    );
}

#[test]
fn an_alias_bomb_is_refused_at_its_first_alias() {
    // Each line repeats the previous one nine times: 9^19 strings.
    let mut text = String::from("x0: &a [x, x, x, x, x, x, x, x, x]\n");
    let mut previous = 'a';
    for (row, name) in ('b'..='s').enumerate() {
        let aliases = vec![format!("*{previous}"); 9].join(", ");
        text.push_str(&format!("x{}: &{name} [{aliases}]\n", row + 1));
        previous = name;
    }
    text.push_str(BASE);
    single_error(&text, line(2, 9), &["YAML aliases expand too much"]);
}

#[test]
fn a_file_that_is_not_utf8_is_refused_at_its_first_bad_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("teste.yaml");
    let mut bytes = BASE.replace("Página", "P?gina").into_bytes();
    let at = bytes.iter().position(|&b| b == b'?').unwrap();
    bytes[at] = 0xe1; // Latin-1 `á`
    std::fs::write(&path, bytes).unwrap();
    let errors = load_file(&path).expect_err("not UTF-8").into_vec();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].location, line(2, 11), "{}", errors[0]);
    assert!(
        errors[0]
            .to_string()
            .contains(":2:11: the spec file is not UTF-8 text (invalid byte at offset 16)"),
        "{}",
        errors[0]
    );
}

#[test]
fn a_byte_order_mark_is_not_a_second_document() {
    let module = load_str(FILE, &format!("\u{feff}{BASE}")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(module.title, "Página de teste");
}

/// The loader's messages name the file as given; a directory load names
/// each file under the directory.
#[test]
fn load_dir_names_the_file_of_a_yaml_problem() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("teste.yaml"),
        base_with("summary: Consulta", "summary: !!binary Q29uc3VsdGE="),
    )
    .unwrap();
    let errors = load_dir(dir.path()).expect_err("a tag").into_vec();
    assert_eq!(errors.len(), 1);
    assert!(Path::new(&errors[0].file).ends_with("teste.yaml"));
    assert_eq!(errors[0].location, line(8, 14));
}
