//! The loader is the only gate: every spec the generator cannot turn into
//! working Rust (or that would mean something else than it says) is refused
//! at load time, with its file and its line or spec path, and every spec it
//! accepts generates.

use std::path::Path;

use codegen::diagnostics::{Diagnostic, Location};
use codegen::ir::MediaType;
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

fn at(path: &str) -> Location {
    Location::SpecPath(path.to_owned())
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

// ---------------------------------------------------------------- endpoints

#[test]
fn paths_a_router_would_misread_are_refused() {
    for (path, fragment) in [
        ("/consultar/{id}", "must not contain `{`, `}` or `*`"),
        ("/consultar/*", "must not contain `{`, `}` or `*`"),
        ("/a}b", "must not contain `{`, `}` or `*`"),
        ("/a//b", "must not contain an empty segment (`//`)"),
        ("consultar", "must start with `/`"),
        ("/a?b=1", "must not contain a query or fragment"),
        (
            "\"/a\\u007fb\"",
            "must not contain whitespace or control characters",
        ),
    ] {
        let text = base_with("path: /consultar", &format!("path: {path}"));
        single_error(&text, at("operations.consultar.path"), &[fragment]);
    }
}

#[test]
fn literal_odd_paths_are_fine() {
    for path in ["/", "/a:b", "/demonstrativoPagamento/detalhe", "/ação"] {
        let text = base_with("path: /consultar", &format!("path: \"{path}\""));
        let module = load_str(FILE, &text).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(module.operations[0].path, path);
    }
}

#[test]
fn the_media_type_is_parsed_once_and_must_be_json() {
    for text in ["application/json", "Application/JSON", " application/json "] {
        let spec = base_with(
            "content_type: application/json",
            &format!("content_type: \"{text}\""),
        );
        let module = load_str(FILE, &spec).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(module.operations[0].content_type, MediaType::Json);
    }
    for (text, fragment) in [
        (
            "text/xml",
            "content type \"text/xml\" is not JSON; expected application/json",
        ),
        (
            "application/vnd.mosia+json",
            "is a JSON type the generated code cannot use; help: the generated clients always \
             send `Content-Type: application/json`",
        ),
        (
            "application/json; charset=utf-8",
            "has parameters; help: write the media type alone",
        ),
    ] {
        let spec = base_with(
            "content_type: application/json",
            &format!("content_type: \"{text}\""),
        );
        single_error(&spec, at("operations.consultar.content_type"), &[fragment]);
    }
}

#[test]
fn header_names_must_be_http_tokens() {
    for name in ["Bad Header", "Acentuação", "a:b"] {
        let text = base_with("name: Authorization,", &format!("name: \"{name}\","));
        single_error(
            &text,
            at(&format!("operations.consultar.headers.{name}.name")),
            &["is not an HTTP header name"],
        );
    }
}

#[test]
fn two_operations_of_a_file_at_one_method_and_path_are_refused() {
    let other = "  - id: outra\n    method: POST\n    path: /consultar\n    content_type: \
                 application/json\n    summary: Outra\n    implemented_by: mosia\n    request: \
                 Pedido\n    response: undocumented\ntypes:\n";
    let text = base_with("types:\n", other);
    single_error(
        &text,
        at("operations.outra.path"),
        &["operation \"outra\" is served at POST /consultar like operation \"consultar\""],
    );
}

/// Writes `files` into a temporary spec directory.
fn spec_dir(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

#[test]
fn operation_ids_are_unique_across_the_spec_directory() {
    let other = base_with("path: /consultar", "path: /outra");
    let dir = spec_dir(&[("a.yaml", BASE), ("b.yaml", &other)]);
    let errors = load_dir(dir.path()).expect_err("one id twice").into_vec();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].file.ends_with("/b.yaml"), "{}", errors[0]);
    assert_eq!(errors[0].location, at("operations.consultar.id"));
    let a = format!("{}/a.yaml", dir.path().to_string_lossy().replace('\\', "/"));
    assert!(
        errors[0].message.contains(&format!(
            "operation id \"consultar\" is also an operation of {a}"
        )),
        "{}",
        errors[0]
    );
}

#[test]
fn one_method_and_path_is_one_endpoint_across_the_spec_directory() {
    let other = base_with("id: consultar", "id: outra");
    let dir = spec_dir(&[("a.yaml", BASE), ("b.yaml", &other)]);
    let errors = load_dir(dir.path())
        .expect_err("one endpoint twice")
        .into_vec();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].location, at("operations.outra.path"));
    assert!(
        errors[0]
            .message
            .contains("is served at POST /consultar like operation \"consultar\" of"),
        "{}",
        errors[0]
    );
}

/// `codegen lint` (and every other command) exits 2 on what the loader
/// refuses, naming the file and the spec path.
#[test]
fn lint_exits_2_naming_the_spec_path() {
    for (from, to, expected) in [
        (
            "content_type: application/json",
            "content_type: text/plain",
            "teste.yaml: operations.consultar.content_type: content type \"text/plain\" is not JSON",
        ),
        (
            "path: /consultar",
            "path: /consultar/{id}",
            "teste.yaml: operations.consultar.path: path \"/consultar/{id}\" must not contain",
        ),
        (
            "  Pedido:\n",
            "  Clone:\n    fields: []\n  Pedido:\n",
            "teste.yaml: types.Clone: type name \"Clone\" would shadow Rust's `Clone`",
        ),
    ] {
        let dir = spec_dir(&[("teste.yaml", &base_with(from, to))]);
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_codegen"))
            .arg("lint")
            .arg("--spec")
            .arg(dir.path())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(expected), "{expected:?} not in {stderr}");
    }
}

// ---------------------------------------------------------------- names

fn generates(text: &str) {
    let module = load_str(FILE, text).unwrap_or_else(|e| panic!("{e}"));
    codegen::emit::generate(&codegen::ir::Api {
        modules: vec![module],
    })
    .unwrap_or_else(|e| panic!("a loaded spec must generate: {e}"));
}

#[test]
fn types_named_like_what_the_generated_code_uses_are_refused() {
    for (name, fragment) in [
        (
            "Clone",
            "would shadow Rust's `Clone`; help: the generated code and the derives",
        ),
        ("Option", "would shadow Rust's `Option`"),
        ("Box", "would shadow Rust's `Box`"),
        ("Vec", "would shadow Rust's `Vec`"),
        ("Default", "would shadow Rust's `Default`"),
        (
            "Self",
            "type name \"Self\" is reserved; help: `Self` is a Rust keyword",
        ),
        ("self", "type name \"self\" is reserved"),
        (
            "Operadora",
            "is reserved on this page; help: the generated server names its trait",
        ),
    ] {
        let text = base_with(
            "  Pedido:\n",
            &format!("  {name}:\n    fields: []\n  Pedido:\n"),
        );
        single_error(&text, at(&format!("types.{name}")), &[fragment]);
    }
    // `Mosia` is only the trait of Mosia's endpoints, which this page has none of.
    generates(&base_with(
        "  Pedido:\n",
        "  Mosia:\n    fields: []\n  Pedido:\n",
    ));
    // Names the emitters write fully qualified when a type takes them.
    generates(&base_with(
        "  Pedido:\n",
        "  Value:\n    fields: []\n  Client:\n    fields: []\n  Failure:\n    fields: []\n  Pedido:\n",
    ));
}

#[test]
fn a_file_that_would_be_the_crate_root_module_is_refused() {
    let all = load_str("spec/lib.yaml", BASE).expect_err("lib").into_vec();
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0].location, Location::File);
    assert!(
        all[0].message.contains(
            "the file name \"lib.yaml\" gives the Rust module `lib`, which cannot be generated"
        ),
        "{}",
        all[0]
    );
}

/// Keywords that cannot be raw identifiers get an underscore, and the
/// module generates (`pub mod self_;`, `self_/mod.rs`; checked to compile).
#[test]
fn files_named_like_keywords_give_underscored_modules() {
    let dir = spec_dir(&[
        ("self.yaml", BASE),
        (
            "super.yaml",
            &base_with("id: consultar", "id: outra").replace("/consultar", "/outra"),
        ),
        (
            "crate.yaml",
            &base_with("id: consultar", "id: mais").replace("/consultar", "/mais"),
        ),
    ]);
    let api = load_dir(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    let names: Vec<&str> = api.modules.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["crate_", "self_", "super_"]);
    let files = codegen::emit::generate(&api).expect("generates");
    let lib = &files
        .iter()
        .find(|f| f.relative_path == "lib.rs")
        .unwrap()
        .contents;
    assert!(lib.contains("pub mod self_;"), "{lib}");
    assert!(files.iter().any(|f| f.relative_path == "super_/mod.rs"));
}

#[test]
fn client_methods_taken_are_refused_at_the_operation_id() {
    for id in ["new", "builder", "transport", "from"] {
        let text = base_with("id: consultar", &format!("id: {id}"));
        single_error(
            &text,
            at(&format!("operations.{id}.id")),
            &[&format!(
                "operation id \"{id}\" gives the client method `{id}`, which the generated `Client` has already"
            )],
        );
    }
    let other = "  - id: consultarWith\n    method: POST\n    path: /outra\n    content_type: \
                 application/json\n    summary: Outra\n    implemented_by: operator\n    request: \
                 Pedido\n    response: undocumented\ntypes:\n";
    single_error(
        &base_with("types:\n", other),
        at("operations.consultarWith.id"),
        &["operations \"consultar\" and \"consultarWith\" both give the client method `consultar_with`"],
    );
}

#[test]
fn constructor_parameters_must_be_usable() {
    for (header, fragment) in [
        (
            "Base-Url",
            "its name gives `base_url`, the base URL's parameter",
        ),
        ("1x", "its name gives no Rust identifier (`1x`)"),
        ("Self", "its name gives no Rust identifier (`self`)"),
    ] {
        let text = base_with("name: Authorization,", &format!("name: \"{header}\","));
        single_error(
            &text,
            at(&format!("operations.consultar.headers.{header}.name")),
            &["is mandatory in every operation, so it is a parameter of the generated `Client::new`", fragment],
        );
    }
    let two = base_with(
        "      - { name: Authorization, criterion: M, type: token, description: Token }\n",
        "      - { name: X-Chave, criterion: M, type: token, description: Token }\n      - { name: X_Chave, criterion: M, type: token, description: Token }\n",
    );
    single_error(
        &two,
        at("operations.consultar.headers.X_Chave.name"),
        &["its name gives `x_chave`, like header \"X-Chave\""],
    );
    // Optional, or not in every operation: no parameter, no constraint.
    generates(&base_with(
        "name: Authorization, criterion: M",
        "name: Base-Url, criterion: OP",
    ));
    generates(&base_with("name: Authorization,", "name: \"type\","));
}

/// Whatever names a spec uses, a spec that loads generates: an
/// `EmitError` can only be a bug of the generator.
#[test]
fn every_spec_that_loads_generates() {
    const NAMES: &[&str] = &[
        "Self",
        "self",
        "Clone",
        "Value",
        "Map",
        "Decimal",
        "NaiveDate",
        "Decode",
        "Validate",
        "Serialize",
        "Client",
        "ClientBuilder",
        "Error",
        "Endpoint",
        "Headers",
        "Method",
        "Response",
        "Report",
        "Secret",
        "Transport",
        "BASE_URL",
        "Failure",
        "Mensagem",
        "RequestContext",
        "Router",
        "Routes",
        "ServerConfig",
        "StatusCode",
        "Operadora",
        "Mosia",
        "Arc",
        "Future",
        "type",
        "match",
        "fn",
        "r",
        "new",
        "newWith",
        "builderWith",
        "mod",
        "super",
        "crate",
        "Pedido",
        "Resposta",
        "types",
        "client",
        "server",
    ];
    let (mut loaded, mut refused) = (0, 0);
    for name in NAMES {
        let variants = [
            BASE.replace("Pedido", name),
            BASE.replace("Resposta", name),
            base_with("id: consultar", &format!("id: {name}")),
            base_with("name: Authorization,", &format!("name: \"{name}\",")),
            base_with("name: chave,", &format!("name: \"{name}\",")),
        ];
        for text in variants {
            match load_str(FILE, &text) {
                Ok(module) => {
                    loaded += 1;
                    let api = codegen::ir::Api {
                        modules: vec![module],
                    };
                    codegen::emit::generate(&api)
                        .and_then(|_| codegen::emit::generate_single_file(&api))
                        .unwrap_or_else(|e| panic!("loads but does not generate ({e}):\n{text}"));
                }
                Err(_) => refused += 1,
            }
        }
    }
    assert!(
        loaded > 150 && refused > 10,
        "{loaded} loaded, {refused} refused"
    );
}

// ---------------------------------------------------------------- formats

#[test]
fn arrays_of_decimals_and_dates_generate_arrays_of_colours_are_refused() {
    for (of, format) in [("Float", "decimal"), ("String", "date")] {
        generates(&base_with(
            "{ name: chave, criterion: M, type: String, description: Chave }",
            &format!(
                "{{ name: chave, criterion: M, type: Array, of: {of}, format: {format}, description: Chave }}"
            ),
        ));
    }
    let colours = base_with(
        "{ name: chave, criterion: M, type: String, description: Chave }",
        "{ name: cores, criterion: OP, type: Array, of: String, format: color, description: Cores }",
    );
    single_error(
        &colours,
        at("types.Pedido.fields.cores.format"),
        &["an array of colours is not supported: the derives check `format = \"color\"` on String"],
    );
}

// ---------------------------------------------------------------- typed IR

/// Rule codes and spec places are resolved once, by the loader: the IR
/// holds the runtime's `Rule` and a `Place`, never their text.
#[test]
fn rules_and_places_are_typed_in_the_ir() {
    use codegen::ir::{Expectation, FieldId, Place, Rule, TypeId};
    let text = format!(
        "{BASE}examples:\n  - title: Exemplo\n    type: Pedido\n    verdict: invalid\n    violations:\n      - {{ path: /chave, rule: mandatory }}\n      - {{ path: \"\", rule: syntax }}\n    text: 'x'\ndisagreements:\n  - at: types.Pedido.fields.chave\n    summary: Resumo\n  - at: operations.consultar.headers.Authorization\n    summary: Outro\n"
    );
    let module = load_str(FILE, &text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        module.examples[0].violations,
        [
            Expectation {
                path: "/chave".into(),
                rule: Rule::Mandatory
            },
            Expectation {
                path: String::new(),
                rule: Rule::Syntax
            },
        ]
    );
    let places: Vec<Place> = module.disagreements.iter().map(|d| d.at).collect();
    assert_eq!(
        places,
        [
            Place::Field {
                ty: TypeId(0),
                field: FieldId(0)
            },
            Place::Header {
                operation: 0,
                header: 0
            },
        ]
    );
    assert_eq!(module.spec_path(places[0]), "types.Pedido.fields.chave");
    assert_eq!(
        module.spec_path(places[1]),
        "operations.consultar.headers.Authorization"
    );
}
