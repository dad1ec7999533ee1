//! Loader behaviour: the real spec files load into the expected IR, and
//! every kind of mistake in a spec file is reported with its location and
//! what was expected.

use std::path::{Path, PathBuf};

use codegen::diagnostics::{Diagnostic, Location};
use codegen::ir::{
    Condition, Criterion, ExampleTarget, Expectation, FieldType, Implementer, Method, Module, Part,
    Response, Rule, Scalar, StringFormat, Verdict,
};
use codegen::loader::{load_dir, load_file, load_str};

fn spec_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")
}

fn load(name: &str) -> Module {
    load_file(&spec_dir().join(name)).unwrap_or_else(|errors| panic!("{name} must load:\n{errors}"))
}

/// A small spec that loads; each error test breaks one thing in it.
const BASE: &str = r#"
page:
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
    failure: Falha
types:
  Pedido:
    fields:
      - { name: tipoPessoa, criterion: M, type: String, description: Tipo de pessoa }
      - { name: idade, criterion: OP, type: Int, description: Idade }
      - name: cpf
        criterion: C
        type: String
        description: CPF
        condition: { equals: { field: tipoPessoa, value: PF } }
  Resposta:
    fields:
      - { name: itens, criterion: M, type: Array, of: Item, description: Itens }
  Item:
    fields:
      - { name: cor, criterion: OP, type: String, format: color, description: Cor }
      - { name: valor, criterion: M, type: Float, format: decimal, description: Valor }
  Falha:
    fields:
      - { name: mensagem, criterion: M, type: String, description: Mensagem }
examples:
  - title: Exemplo falha
    operation: consultar
    part: failure
    verdict: valid
    text: '{"mensagem": "x"}'
  - title: Exemplo item
    type: Item
    verdict: invalid
    violations:
      - { path: /cor, rule: format }
    text: '{"cor": "red", "valor": 1}'
disagreements:
  - at: types.Item.fields.cor
    summary: Resumo
"#;

const FILE: &str = "spec/teste.yaml";

/// `BASE` with `from` (which must occur exactly once) replaced by `to`.
fn base_with(from: &str, to: &str) -> String {
    assert_eq!(
        BASE.matches(from).count(),
        1,
        "{from:?} must occur once in BASE"
    );
    BASE.replacen(from, to, 1)
}

fn errors(text: &str) -> Vec<Diagnostic> {
    match load_str(FILE, text) {
        Ok(_) => panic!("expected errors, but the spec loaded"),
        Err(errors) => errors.into_vec(),
    }
}

/// Asserts the spec has exactly one error, at `path`, whose message
/// contains every fragment; returns it.
fn single_error(text: &str, path: &str, fragments: &[&str]) -> Diagnostic {
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
    assert_eq!(error.location, Location::SpecPath(path.into()), "{error}");
    for fragment in fragments {
        assert!(
            error.message.contains(fragment),
            "{fragment:?} not in: {error}"
        );
    }
    error
}

// ---------------------------------------------------------------- base

#[test]
fn base_spec_loads() {
    let module = load_str(FILE, BASE).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(module.name, "teste");
    assert_eq!(module.source, FILE);
    let pedido = &module.types[0];
    let cpf = pedido.field("cpf").expect("cpf");
    assert_eq!(
        cpf.criterion,
        Criterion::Conditional(Condition::Equals {
            field: codegen::ir::FieldId(0),
            value: Scalar::String("PF".into())
        })
    );
    assert_eq!(cpf.doc_type, "String");
}

// ---------------------------------------------------------------- YAML

#[test]
fn yaml_syntax_error_has_line_and_column() {
    let all = errors("page:\n  title: [a,\n");
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].location, Location::LineColumn { line: 3, column: 1 });
    assert!(
        all[0].message.starts_with("YAML syntax error: "),
        "{}",
        all[0]
    );
    assert!(all[0]
        .to_string()
        .starts_with("spec/teste.yaml:3:1: YAML syntax error"));
}

#[test]
fn empty_file() {
    let all = errors("# nothing here\n");
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].location, Location::File);
    assert!(all[0].message.contains("the file is empty"), "{}", all[0]);
}

#[test]
fn top_level_must_be_a_mapping() {
    single_error("- page\n", "", &["expected a mapping, found a list"]);
}

#[test]
fn repeated_key_in_a_mapping() {
    let text = base_with(
        "{ name: idade, criterion: OP, type: Int, description: Idade }",
        "{ name: idade, criterion: OP, type: Int, type: String, description: Idade }",
    );
    single_error(
        &text,
        "types.Pedido.fields.idade.type",
        &["duplicate key \"type\""],
    );
}

#[test]
fn non_string_key() {
    let text = base_with(
        "  title: Página de teste\n",
        "  title: Página de teste\n  1: x\n",
    );
    single_error(&text, "page", &["keys must be strings, found a number (1)"]);
}

#[test]
fn tagged_value() {
    let all = errors(&base_with("summary: Consulta", "summary: !texto Consulta"));
    assert_eq!(all.len(), 1);
    assert_eq!(
        all[0].location,
        Location::LineColumn {
            line: 9,
            column: 14
        }
    );
    assert!(
        all[0]
            .message
            .contains("YAML tags are not supported (found !texto)"),
        "{}",
        all[0]
    );
}

// ---------------------------------------------------------------- keys and kinds

#[test]
fn unknown_key_suggests_the_known_one() {
    let text = base_with(
        "{ name: idade, criterion: OP,",
        "{ name: idade, critrion: OP, criterion: OP,",
    );
    let error = single_error(
        &text,
        "types.Pedido.fields.idade.critrion",
        &["unknown key \"critrion\"", "(did you mean `criterion`?)"],
    );
    assert!(
        error
            .message
            .contains("expected one of: name, criterion, type"),
        "{error}"
    );
}

#[test]
fn unknown_top_level_key() {
    let text = base_with("disagreements:", "disagreement:");
    single_error(
        &text,
        "disagreement",
        &[
            "unknown key \"disagreement\"",
            "did you mean `disagreements`",
        ],
    );
}

#[test]
fn wrong_value_kind() {
    let text = base_with("title: Página de teste", "title: [Página, teste]");
    single_error(&text, "page.title", &["expected a string, found a list"]);
}

#[test]
fn wrong_value_kind_for_a_list() {
    let text = base_with(
        "      - { path: /cor, rule: format }\n",
        "      { path: /cor, rule: format }\n",
    );
    single_error(
        &text,
        "examples.1.violations",
        &["expected a list, found a mapping"],
    );
}

#[test]
fn boolean_is_not_a_string() {
    let text = base_with(
        "{ name: idade, criterion: OP, type: Int, description: Idade }",
        "{ name: idade, criterion: OP, type: Objeto, free_form: \"yes\", description: Idade }",
    );
    single_error(
        &text,
        "types.Pedido.fields.idade.free_form",
        &["expected `true` or `false`, found a string (\"yes\")"],
    );
}

#[test]
fn missing_required_key() {
    let text = base_with(
        "{ name: mensagem, criterion: M, type: String, description: Mensagem }",
        "{ name: mensagem, criterion: M, type: String }",
    );
    single_error(
        &text,
        "types.Falha.fields.mensagem.description",
        &["missing required key \"description\"; expected a string"],
    );
}

#[test]
fn missing_page() {
    let text = base_with("page:\n  title: Página de teste\n", "");
    single_error(
        &text,
        "page",
        &["missing required key \"page\"; expected a mapping"],
    );
}

#[test]
fn empty_required_value() {
    let text = base_with("summary: Consulta", "summary:");
    single_error(
        &text,
        "operations.consultar.summary",
        &["\"summary\" is empty; expected a string"],
    );
}

#[test]
fn blank_text() {
    let text = base_with("summary: Consulta", "summary: \"  \"");
    single_error(
        &text,
        "operations.consultar.summary",
        &["\"summary\" is blank"],
    );
}

// ---------------------------------------------------------------- keywords

#[test]
fn unknown_criterion() {
    let text = base_with(
        "{ name: idade, criterion: OP,",
        "{ name: idade, criterion: Op,",
    );
    single_error(
        &text,
        "types.Pedido.fields.idade.criterion",
        &["unknown criterion \"Op\"; expected one of: M, C, OP (did you mean `OP`?)"],
    );
}

#[test]
fn unknown_type() {
    let text = base_with(
        "{ name: idade, criterion: OP, type: Int,",
        "{ name: idade, criterion: OP, type: Integer,",
    );
    single_error(
        &text,
        "types.Pedido.fields.idade.type",
        &["unknown type \"Integer\"; expected one of: String, Int, Float, Boolean, Objeto, Array"],
    );
}

#[test]
fn unknown_format() {
    let text = base_with("format: color", "format: colour");
    let error = single_error(&text, "types.Item.fields.cor.format", &[]);
    assert_eq!(
        error.message,
        "unknown format \"colour\"; expected one of: date, color, decimal (did you mean `color`?)"
    );
    assert_eq!(
        error.to_string(),
        "spec/teste.yaml: types.Item.fields.cor.format: unknown format \"colour\"; \
         expected one of: date, color, decimal (did you mean `color`?)"
    );
}

#[test]
fn unknown_method() {
    let text = base_with("method: POST", "method: post");
    single_error(
        &text,
        "operations.consultar.method",
        &["unknown method \"post\"; expected one of: GET, POST, PUT, PATCH, DELETE (did you mean `POST`?)"],
    );
}

#[test]
fn unknown_implementer() {
    let text = base_with("implemented_by: operator", "implemented_by: operater");
    single_error(
        &text,
        "operations.consultar.implemented_by",
        &["unknown implementer \"operater\"; expected one of: mosia, operator (did you mean `operator`?)"],
    );
}

#[test]
fn unknown_part() {
    let text = base_with("part: failure", "part: falha");
    single_error(
        &text,
        "examples.0.part",
        &["unknown part \"falha\"; expected one of: request, response, failure"],
    );
}

#[test]
fn unknown_verdict() {
    let text = base_with("verdict: valid", "verdict: valido");
    single_error(
        &text,
        "examples.0.verdict",
        &["unknown verdict \"valido\"; expected one of: valid, invalid (did you mean `valid`?)"],
    );
}

#[test]
fn unknown_rule_code() {
    let text = base_with("rule: format }", "rule: formato }");
    single_error(
        &text,
        "examples.1.violations.0.rule",
        &["unknown rule code \"formato\"", "did you mean `format`"],
    );
}

// ---------------------------------------------------------------- references

#[test]
fn dangling_request_type() {
    let text = base_with("request: Pedido", "request: Pedid");
    single_error(
        &text,
        "operations.consultar.request",
        &["unknown type \"Pedid\"; declared types: Pedido, Resposta, Item, Falha (did you mean `Pedido`?)"],
    );
}

#[test]
fn dangling_response_and_failure_types() {
    let text = base_with("response: Resposta", "response: Respota")
        .replace("failure: Falha", "failure: Erro");
    let all = errors(&text);
    assert_eq!(all.len(), 2, "{all:?}");
    assert_eq!(all[0].spec_path(), Some("operations.consultar.response"));
    assert!(
        all[0].message.contains("did you mean `Resposta`"),
        "{}",
        all[0]
    );
    assert_eq!(all[1].spec_path(), Some("operations.consultar.failure"));
    assert!(
        all[1].message.contains("unknown type \"Erro\""),
        "{}",
        all[1]
    );
}

#[test]
fn dangling_array_element_type() {
    let text = base_with("of: Item", "of: Items");
    single_error(
        &text,
        "types.Resposta.fields.itens.of",
        &["unknown element type \"Items\"", "did you mean `Item`"],
    );
}

#[test]
fn dangling_object_type() {
    let text = base_with(
        "{ name: idade, criterion: OP, type: Int, description: Idade }",
        "{ name: idade, criterion: OP, type: Objeto, of: Iten, description: Idade }",
    );
    single_error(
        &text,
        "types.Pedido.fields.idade.of",
        &["unknown type \"Iten\"", "did you mean `Item`"],
    );
}

#[test]
fn dangling_example_type() {
    let text = base_with("    type: Item\n", "    type: item\n");
    single_error(
        &text,
        "examples.1.type",
        &["unknown type \"item\"", "did you mean `Item`"],
    );
}

#[test]
fn example_refers_to_unknown_operation() {
    let text = base_with("operation: consultar", "operation: consulta");
    single_error(
        &text,
        "examples.0.operation",
        &["unknown operation \"consulta\"; declared operations: consultar (did you mean `consultar`?)"],
    );
}

// ---------------------------------------------------------------- names

#[test]
fn duplicate_type_names() {
    let text = base_with("  Falha:\n", "  Item:\n    fields: []\n  Falha:\n");
    single_error(&text, "types.Item", &["duplicate type name \"Item\""]);
}

#[test]
fn reserved_and_invalid_type_names() {
    let text = base_with("  Falha:\n", "  String:\n    fields: []\n  Objeto principal:\n    fields: []\n  Option:\n    fields: []\n  Falha:\n");
    let all = errors(&text);
    let paths: Vec<_> = all.iter().filter_map(Diagnostic::spec_path).collect();
    assert_eq!(
        paths,
        ["types.String", "types.Objeto principal", "types.Option"],
        "{all:?}"
    );
    assert!(all[0].message.contains("type name \"String\" is reserved"));
    assert!(all[1]
        .message
        .contains("invalid type name \"Objeto principal\": it must start with an ASCII letter"));
    assert!(all[2].message.contains("would shadow Rust's `Option`"));
}

#[test]
fn type_names_that_collide_in_rust() {
    let text = base_with("  Falha:\n", "  item:\n    fields: []\n  Falha:\n");
    single_error(
        &text,
        "types.item",
        &["types \"Item\" and \"item\" both become the Rust type `Item`"],
    );
}

#[test]
fn duplicate_field_wire_names() {
    let text = base_with(
        "{ name: idade, criterion: OP, type: Int, description: Idade }",
        "{ name: tipoPessoa, criterion: OP, type: Int, description: Idade }",
    );
    single_error(
        &text,
        "types.Pedido.fields.tipoPessoa.name",
        &["duplicate attribute \"tipoPessoa\" in type \"Pedido\" (also field 0)"],
    );
}

#[test]
fn wire_names_that_collide_in_rust() {
    let text = base_with(
        "{ name: idade, criterion: OP, type: Int, description: Idade }",
        "{ name: tipo-pessoa, criterion: OP, type: Int, description: Idade }",
    );
    single_error(
        &text,
        "types.Pedido.fields.tipo-pessoa.name",
        &["attributes \"tipoPessoa\" and \"tipo-pessoa\" of type \"Pedido\" both become the Rust field `tipo_pessoa`"],
    );
}

#[test]
fn wire_names_that_cannot_become_identifiers() {
    for (wire, reason) in [
        ("\"2via\"", "the Rust name `2via` would start with a digit"),
        ("\"--\"", "it contains no letters or digits"),
        ("\"straße\"", "the character 'ß' has no ASCII spelling"),
        ("\" idade\"", "has leading or trailing whitespace"),
    ] {
        let text = base_with("{ name: idade,", &format!("{{ name: {wire},"));
        let all = errors(&text);
        assert_eq!(all.len(), 1, "{wire}: {all:?}");
        assert!(
            all[0]
                .spec_path()
                .is_some_and(|p| p.starts_with("types.Pedido.fields.") && p.ends_with(".name")),
            "{}",
            all[0]
        );
        assert!(all[0].message.contains(reason), "{wire}: {}", all[0]);
    }
}

#[test]
fn keywords_become_raw_identifiers() {
    let text =
        base_with("{ name: idade,", "{ name: type,").replace("{ name: mensagem,", "{ name: self,");
    let module = load_str(FILE, &text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(module.types[0].fields[1].rust_name, "r#type");
    assert_eq!(module.types[3].fields[0].rust_name, "self_");
}

#[test]
fn duplicate_operation_ids() {
    let op = "  - id: consultar\n    method: GET\n    path: /outra\n    content_type: application/json\n    summary: Outra\n    implemented_by: mosia\n    request: Pedido\n    response: undocumented\ntypes:\n";
    let text = base_with("types:\n", op);
    single_error(
        &text,
        "operations.consultar.id",
        &["duplicate operation id \"consultar\" (also operation 0)"],
    );
}

#[test]
fn invalid_operation_id() {
    let text = base_with("id: consultar", "id: consultar-tudo")
        .replace("operation: consultar", "operation: consultar-tudo");
    single_error(
        &text,
        "operations.consultar-tudo.id",
        &["invalid operation id \"consultar-tudo\""],
    );
}

// ---------------------------------------------------------------- criteria and conditions

#[test]
fn conditional_without_condition() {
    let text = base_with(
        "        condition: { equals: { field: tipoPessoa, value: PF } }\n",
        "",
    );
    let error = single_error(
        &text,
        "types.Pedido.fields.cpf.criterion",
        &["criterion C needs a `condition`"],
    );
    assert!(error.help.is_some_and(|help| help.contains("filled:")));
}

#[test]
fn condition_on_a_non_conditional_field() {
    let text = base_with("criterion: C", "criterion: OP");
    single_error(
        &text,
        "types.Pedido.fields.cpf.condition",
        &["`condition` only applies to criterion C; this attribute is OP"],
    );
}

#[test]
fn condition_names_an_unknown_field() {
    let text = base_with("field: tipoPessoa", "field: tipopessoa");
    single_error(
        &text,
        "types.Pedido.fields.cpf.condition.equals.field",
        &[
            "unknown attribute \"tipopessoa\"",
            "did you mean `tipoPessoa`",
        ],
    );
}

#[test]
fn condition_names_itself() {
    let text = base_with(
        "{ equals: { field: tipoPessoa, value: PF } }",
        "{ filled: [idade, cpf] }",
    );
    single_error(
        &text,
        "types.Pedido.fields.cpf.condition.filled.1",
        &["attribute \"cpf\" cannot be conditioned on itself"],
    );
}

#[test]
fn filled_condition_loads() {
    let text = base_with(
        "{ equals: { field: tipoPessoa, value: PF } }",
        "{ filled: [idade, tipoPessoa] }",
    );
    let module = load_str(FILE, &text).unwrap_or_else(|e| panic!("{e}"));
    let cpf = module.types[0].field("cpf").expect("cpf");
    assert_eq!(
        cpf.criterion,
        Criterion::Conditional(Condition::Filled(vec![
            codegen::ir::FieldId(1),
            codegen::ir::FieldId(0)
        ]))
    );
}

#[test]
fn condition_with_both_or_neither_form() {
    let both = base_with(
        "{ equals: { field: tipoPessoa, value: PF } }",
        "{ filled: [idade], equals: { field: tipoPessoa, value: PF } }",
    );
    single_error(
        &both,
        "types.Pedido.fields.cpf.condition",
        &["exactly one of `filled` or `equals`"],
    );
    let neither = base_with("{ equals: { field: tipoPessoa, value: PF } }", "{}");
    single_error(
        &neither,
        "types.Pedido.fields.cpf.condition",
        &["a condition needs `filled: [...]` or `equals"],
    );
    let empty = base_with(
        "{ equals: { field: tipoPessoa, value: PF } }",
        "{ filled: [] }",
    );
    single_error(
        &empty,
        "types.Pedido.fields.cpf.condition.filled",
        &["`filled` lists no attributes"],
    );
}

#[test]
fn condition_value_must_fit_the_sibling() {
    let text = base_with("value: PF", "value: 1");
    single_error(
        &text,
        "types.Pedido.fields.cpf.condition.equals.value",
        &["attribute \"tipoPessoa\" is String, so it can never equal the integer 1"],
    );
    let float = base_with("value: PF", "value: 1.5");
    single_error(
        &float,
        "types.Pedido.fields.cpf.condition.equals.value",
        &["expected a string, an integer (within i64) or a boolean, found a number (1.5)"],
    );
}

// ---------------------------------------------------------------- types and formats

#[test]
fn format_on_the_wrong_type() {
    let text = base_with(
        "{ name: idade, criterion: OP, type: Int, description: Idade }",
        "{ name: idade, criterion: OP, type: Int, format: date, description: Idade }",
    );
    single_error(
        &text,
        "types.Pedido.fields.idade.format",
        &["format \"date\" only applies to String attributes; this attribute is Int"],
    );
}

#[test]
fn decimal_only_on_float_or_its_arrays() {
    // Arrays of decimals are generated (`Vec<Decimal>`); they were refused.
    let on_array = base_with(
        "{ name: itens, criterion: M, type: Array, of: Item, description: Itens }",
        "{ name: itens, criterion: M, type: Array, of: Float, format: decimal, description: Itens }",
    );
    let module = load_str(FILE, &on_array).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        module.types[1].fields[0].ty,
        FieldType::Array(Box::new(FieldType::Decimal))
    );
    let on_int_array = on_array.replace("of: Float, format: decimal", "of: Int, format: decimal");
    let error = single_error(
        &on_int_array,
        "types.Resposta.fields.itens.format",
        &["format \"decimal\" does not apply to the elements of this Array"],
    );
    assert!(error
        .help
        .is_some_and(|h| h.contains("`of: Float` with `decimal`")));
    let on_string = base_with("format: color", "format: decimal");
    single_error(
        &on_string,
        "types.Item.fields.cor.format",
        &["format \"decimal\" is only allowed directly on a Float attribute; this attribute is String"],
    );
}

#[test]
fn objeto_needs_exactly_one_of_of_and_free_form() {
    let neither = base_with(
        "{ name: idade, criterion: OP, type: Int, description: Idade }",
        "{ name: idade, criterion: OP, type: Objeto, description: Idade }",
    );
    single_error(
        &neither,
        "types.Pedido.fields.idade",
        &["type Objeto needs `of: <Type>` (a declared type) or `free_form: true`"],
    );
    let both = base_with(
        "{ name: idade, criterion: OP, type: Int, description: Idade }",
        "{ name: idade, criterion: OP, type: Objeto, of: Item, free_form: true, description: Idade }",
    );
    single_error(
        &both,
        "types.Pedido.fields.idade",
        &["either `of: <Type>` or `free_form: true`, not both"],
    );
    let builtin = base_with(
        "{ name: idade, criterion: OP, type: Int, description: Idade }",
        "{ name: idade, criterion: OP, type: Objeto, of: Objeto, description: Idade }",
    );
    single_error(
        &builtin,
        "types.Pedido.fields.idade.of",
        &["names a declared type, not the built-in \"Objeto\""],
    );
}

#[test]
fn array_needs_of() {
    let text = base_with("type: Array, of: Item,", "type: Array,");
    single_error(
        &text,
        "types.Resposta.fields.itens.of",
        &["type Array needs `of`, the element type"],
    );
}

#[test]
fn of_and_free_form_only_where_they_apply() {
    let text = base_with(
        "{ name: idade, criterion: OP, type: Int, description: Idade }",
        "{ name: idade, criterion: OP, type: Int, of: Item, description: Idade }",
    );
    single_error(
        &text,
        "types.Pedido.fields.idade.of",
        &["`of` only applies to types Array and Objeto; this attribute is Int"],
    );
    let free = base_with(
        "type: Array, of: Item,",
        "type: Array, of: Item, free_form: true,",
    );
    let error = single_error(
        &free,
        "types.Resposta.fields.itens.free_form",
        &["`free_form` only applies to type Objeto"],
    );
    assert!(error.help.is_some_and(|h| h.contains("of: Objeto")));
}

#[test]
fn arrays_of_arrays_are_rejected() {
    let text = base_with("of: Item", "of: Array");
    single_error(
        &text,
        "types.Resposta.fields.itens.of",
        &["arrays of arrays are not supported"],
    );
}

// ---------------------------------------------------------------- operations

#[test]
fn path_and_base_url_shape() {
    let text = base_with("path: /consultar", "path: consultar").replace(
        "implemented_by: operator",
        "implemented_by: operator\n    base_url: https://exemplo.com/",
    );
    let all = errors(&text);
    assert_eq!(all.len(), 2, "{all:?}");
    assert_eq!(all[0].spec_path(), Some("operations.consultar.path"));
    assert!(all[0].message.contains("must start with `/`"));
    assert_eq!(all[1].spec_path(), Some("operations.consultar.base_url"));
    assert!(all[1].message.contains("must not end with `/`"));
}

#[test]
fn header_rows() {
    let text = base_with(
        "      - { name: Authorization, criterion: M, type: token, description: Token }\n",
        "      - { name: Authorization, criterion: C, type: token, description: Token }\n      - { name: authorization, criterion: M, type: token, description: Token }\n",
    );
    let all = errors(&text);
    assert_eq!(all.len(), 2, "{all:?}");
    assert_eq!(
        all[0].spec_path(),
        Some("operations.consultar.headers.Authorization.criterion")
    );
    assert!(all[0].message.contains("a header is either M or OP"));
    assert_eq!(
        all[1].spec_path(),
        Some("operations.consultar.headers.authorization.name")
    );
    assert!(all[1]
        .message
        .contains("duplicate header \"authorization\""));
}

// ---------------------------------------------------------------- examples

#[test]
fn example_verdict_and_violations_agree() {
    let valid_with = base_with("verdict: invalid", "verdict: valid");
    single_error(
        &valid_with,
        "examples.1.violations",
        &["a valid example expects no violations"],
    );
    let invalid_without = base_with("verdict: valid", "verdict: invalid");
    single_error(
        &invalid_without,
        "examples.0",
        &["an invalid example lists the violations"],
    );
}

#[test]
fn example_target_shape() {
    let both = base_with(
        "    type: Item\n",
        "    type: Item\n    operation: consultar\n    part: request\n",
    );
    single_error(
        &both,
        "examples.1",
        &["either `operation` with `part`, or `type`, not both"],
    );
    let no_part = base_with("    part: failure\n", "");
    single_error(
        &no_part,
        "examples.0.part",
        &["missing required key \"part\""],
    );
    let neither = base_with("    type: Item\n", "");
    single_error(
        &neither,
        "examples.1",
        &["an example needs `operation` with `part`, or `type`"],
    );
}

#[test]
fn example_part_must_exist() {
    let text = base_with("    failure: Falha\n", "    response: undocumented\n")
        .replace("    response: Resposta\n", "");
    // Resposta is now unused, which is fine for the loader (lint reports it).
    single_error(
        &text,
        "examples.0.part",
        &["operation \"consultar\" documents no failure type"],
    );
    let undocumented = base_with("response: Resposta", "response: undocumented")
        .replace("part: failure", "part: response");
    single_error(
        &undocumented,
        "examples.0.part",
        &["has an undocumented response"],
    );
}

#[test]
fn violation_path_is_a_json_pointer() {
    let text = base_with("path: /cor,", "path: cor,");
    single_error(
        &text,
        "examples.1.violations.0.path",
        &["\"cor\" is not a JSON pointer"],
    );
}

// ---------------------------------------------------------------- disagreements

#[test]
fn bad_disagreement_paths() {
    for (at, fragment) in [
        (
            "types.Item.fields.Cor",
            "type \"Item\" has no attribute \"Cor\" (did you mean `cor`?)",
        ),
        (
            "types.Iten",
            "there is no type \"Iten\" (did you mean `Item`?)",
        ),
        ("operations.consulta", "there is no operation \"consulta\""),
        (
            "examples.5",
            "there is no example 5; the spec has 2 example(s)",
        ),
        (
            "tipos.Item",
            "is not a spec path; expected page, operations.<id>",
        ),
    ] {
        let text = base_with("at: types.Item.fields.cor", &format!("at: {at}"));
        single_error(&text, "disagreements.0.at", &[fragment]);
    }
}

// ---------------------------------------------------------------- many problems

#[test]
fn every_problem_of_a_file_is_reported() {
    let text = base_with("method: POST", "method: FETCH")
        .replace("title: Página de teste", "titulo: Página de teste")
        .replace("request: Pedido", "request: Pedidos")
        .replace(
            "{ name: idade, criterion: OP,",
            "{ name: idade, criterion: X,",
        )
        .replace("format: color", "format: colour")
        .replace("type: Array, of: Item,", "type: Array,")
        .replace("verdict: valid", "verdict: maybe")
        .replace("at: types.Item.fields.cor", "at: types.Nada");
    let all = errors(&text);
    let paths: Vec<_> = all.iter().map(|e| e.location.to_string()).collect();
    assert_eq!(
        paths,
        [
            "page.titulo",
            "page.title",
            "types.Pedido.fields.idade.criterion",
            "types.Resposta.fields.itens.of",
            "types.Item.fields.cor.format",
            "operations.consultar.method",
            "operations.consultar.request",
            "examples.0.verdict",
            "disagreements.0.at",
        ],
        "{}",
        all.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn diagnostics_display_one_per_line() {
    let text =
        base_with("method: POST", "method: FETCH").replace("verdict: valid", "verdict: maybe");
    let errors = load_str(FILE, &text).expect_err("two errors");
    assert_eq!(errors.len(), 2);
    let rendered = errors.to_string();
    let lines: Vec<&str> = rendered.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0]
        .starts_with("spec/teste.yaml: operations.consultar.method: unknown method \"FETCH\""));
    assert!(lines[1].starts_with("spec/teste.yaml: examples.0.verdict: unknown verdict \"maybe\""));
}

#[test]
fn malformed_specs_never_panic() {
    // Dropping any single line, or cutting the file anywhere, of a real spec
    // must give diagnostics or a module, never a panic.
    for name in [
        "criar_ocorrencia.yaml",
        "demonstrativo_pagamento_detalhe.yaml",
    ] {
        let text = std::fs::read_to_string(spec_dir().join(name)).expect("readable");
        let lines: Vec<&str> = text.lines().collect();
        for skip in 0..lines.len() {
            let mutated: Vec<&str> = lines
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != skip)
                .map(|(_, l)| *l)
                .collect();
            let _ = load_str(name, &mutated.join("\n"));
        }
        for (cut, _) in text.char_indices().step_by(97) {
            let _ = load_str(name, &text[..cut]);
        }
    }
}

// ---------------------------------------------------------------- directories

#[test]
fn load_dir_reports_every_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("b.yaml"),
        base_with("method: POST", "method: FETCH"),
    )
    .expect("write");
    std::fs::write(
        dir.path().join("a.yml"),
        base_with("verdict: valid", "verdict: maybe"),
    )
    .expect("write");
    std::fs::write(dir.path().join("notes.txt"), "not a spec").expect("write");
    let errors = load_dir(dir.path())
        .expect_err("both files are broken")
        .into_vec();
    let files: Vec<_> = errors
        .iter()
        .map(|e| e.file.rsplit('/').next().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(files, ["a.yml", "b.yaml"]);
}

#[test]
fn load_dir_sources_use_the_dir_as_given() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("um.yaml"), BASE).expect("write");
    let api = load_dir(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    let expected = format!(
        "{}/um.yaml",
        dir.path().to_string_lossy().replace('\\', "/")
    );
    assert_eq!(api.modules[0].source, expected);
    assert_eq!(api.modules[0].name, "um");
}

#[test]
fn load_dir_rejects_files_that_give_the_same_module() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("a-b.yaml"), BASE).expect("write");
    std::fs::write(dir.path().join("a_b.yaml"), BASE).expect("write");
    let errors = load_dir(dir.path()).expect_err("module clash").into_vec();
    assert_eq!(errors.len(), 1);
    assert!(errors[0].file.ends_with("a_b.yaml"));
    assert!(
        errors[0]
            .message
            .contains("both become the Rust module `a_b`"),
        "{}",
        errors[0]
    );
}

#[test]
fn load_dir_of_an_empty_or_missing_directory() {
    let dir = tempfile::tempdir().expect("temp dir");
    let errors = load_dir(dir.path()).expect_err("no specs").into_vec();
    assert!(errors[0].message.contains("no spec files"), "{}", errors[0]);
    let missing = load_dir(&dir.path().join("missing"))
        .expect_err("missing")
        .into_vec();
    assert!(
        missing[0]
            .message
            .contains("cannot read the spec directory"),
        "{}",
        missing[0]
    );
}

#[test]
fn file_name_must_give_a_module_name() {
    let all = errors_of("spec/2024.yaml", BASE);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].location, Location::File);
    assert!(
        all[0].message.contains("cannot give a Rust module name"),
        "{}",
        all[0]
    );
}

fn errors_of(source: &str, text: &str) -> Vec<Diagnostic> {
    load_str(source, text).expect_err("errors").into_vec()
}

// ---------------------------------------------------------------- the real pages

#[test]
fn criar_ocorrencia_transcription() {
    let module = load("criar_ocorrencia.yaml");
    assert_eq!(module.title, "Api clientes - Criar Ocorrência");
    let op = module.operation("criarOcorrencia").expect("operation");
    assert_eq!(op.rust_name, "criar_ocorrencia");
    assert_eq!(op.method, Method::Post);
    assert_eq!(op.path, "/clientes/ocorrencias");
    assert_eq!(
        op.base_url.as_deref(),
        Some("https://api.mosiaomnichannel.com.br")
    );
    assert_eq!(op.implementer, Implementer::Mosia);
    assert_eq!(op.response, Response::Undocumented);
    assert_eq!(op.failure, None);
    assert_eq!(op.headers.len(), 1);
    assert!(op.headers[0].mandatory);
    assert_eq!(op.headers[0].doc_type, "token do cliente");

    let names: Vec<_> = module.types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "CriarOcorrencia",
            "Solicitante",
            "Beneficiario",
            "Formulario"
        ]
    );
    let request = module.ty(op.request);
    let wires: Vec<_> = request
        .fields
        .iter()
        .map(|f| f.wire_name.as_str())
        .collect();
    assert_eq!(
        wires,
        [
            "idTipoOcorrencia",
            "solicitante",
            "numeroContrato",
            "idAssunto",
            "rascunho",
            "beneficiario",
            "formularios",
            "anotacao"
        ]
    );
    let formularios = request.field("formularios").expect("formularios");
    assert_eq!(formularios.doc_type, "Array de Objeto de Formularios");
    assert_eq!(
        formularios.ty,
        FieldType::Array(Box::new(FieldType::Object(codegen::ir::TypeId(3))))
    );
    let formulario = &module.types[3];
    assert_eq!(
        formulario.field("idForm").expect("idForm").ty,
        FieldType::Int
    );
    assert_eq!(
        formulario.field("formData").expect("formData").ty,
        FieldType::Array(Box::new(FieldType::FreeObject))
    );
    assert_eq!(
        module.types[2].field("nome").expect("nome").description,
        "Nome Solicitante"
    );

    let verdicts: Vec<_> = module
        .examples
        .iter()
        .map(|e| (e.target.clone(), e.verdict))
        .collect();
    assert_eq!(
        verdicts,
        [
            (ExampleTarget::Type(codegen::ir::TypeId(1)), Verdict::Valid),
            (
                ExampleTarget::Type(codegen::ir::TypeId(2)),
                Verdict::Invalid
            ),
            (
                ExampleTarget::Type(codegen::ir::TypeId(3)),
                Verdict::Invalid
            ),
        ]
    );
    assert_eq!(module.examples[1].violations, [violation("", "syntax")]);
    assert_eq!(
        module.examples[2].violations,
        [violation("/idForm", "type")]
    );
    assert!(module.examples[2].text.contains("\"estado-civil\""));
}

#[test]
fn demonstrativo_transcription() {
    let module = load("demonstrativo_pagamento_detalhe.yaml");
    let op = module
        .operation("demonstrativoPagamentoDetalhe")
        .expect("operation");
    assert_eq!(op.path, "/demonstrativoPagamento/detalhe");
    assert_eq!(op.base_url, None);
    assert_eq!(op.implementer, Implementer::Operator);
    assert!(op.headers.is_empty());
    assert!(op
        .header_note
        .as_deref()
        .is_some_and(|n| n.starts_with("Serão enviados no HEADER")));
    let names: Vec<_> = module.types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "DetalheRequest",
            "Demonstrativo",
            "Registro",
            "Valor",
            "Falha"
        ]
    );
    assert_eq!(module.ty(op.request).name, "DetalheRequest");
    assert_eq!(op.response, Response::Typed(codegen::ir::TypeId(1)));
    assert_eq!(op.failure, Some(codegen::ir::TypeId(4)));

    let demonstrativo = &module.types[1];
    assert_eq!(demonstrativo.title.as_deref(), Some("Objeto principal"));
    assert_eq!(
        demonstrativo.field("valorTotal").expect("valorTotal").ty,
        FieldType::Decimal
    );
    let data = demonstrativo.field("dataPagamento").expect("dataPagamento");
    assert_eq!(data.ty, FieldType::String(Some(StringFormat::Date)));
    assert_eq!(data.rule.as_deref(), Some("Formato: Formato: YYYY-MM-DD"));
    assert_eq!(demonstrativo.field("titulo").expect("titulo").rule, None);
    assert_eq!(
        module.types[2].field("cor").expect("cor").ty,
        FieldType::String(Some(StringFormat::Color))
    );
    assert_eq!(
        module.types[3].field("valor").expect("valor").ty,
        FieldType::Decimal
    );
    assert_eq!(
        module.types[0].field("integracao").expect("integracao").ty,
        FieldType::FreeObject
    );
    assert_eq!(
        module.types[0]
            .field("integracao")
            .expect("integracao")
            .criterion,
        Criterion::Optional
    );
    assert!(module
        .types
        .iter()
        .flat_map(|t| &t.fields)
        .all(|f| f.criterion != Criterion::Optional
            || f.wire_name == "icone"
            || f.wire_name == "cor"
            || f.wire_name == "integracao"));

    let targets: Vec<_> = module
        .examples
        .iter()
        .map(|e| (e.title.as_str(), e.target.clone(), e.verdict))
        .collect();
    let of = |part| ExampleTarget::Operation { operation: 0, part };
    assert_eq!(
        targets,
        [
            ("Exemplo request", of(Part::Request), Verdict::Invalid),
            (
                "Exemplo retorno API - sucesso",
                of(Part::Response),
                Verdict::Invalid
            ),
            (
                "Exemplo retorno API - falha",
                of(Part::Failure),
                Verdict::Valid
            ),
        ]
    );
    assert_eq!(module.examples[0].violations, [violation("", "syntax")]);
    assert_eq!(
        module.examples[1].violations,
        [violation("/registros/2/subtitulo", "unknown_attribute")]
    );
    // Verbatim, down to the tabs and trailing spaces of the page.
    assert!(module.examples[0]
        .text
        .contains("\t\"chaveUnica\" : \"101012\",                \n"));
}

fn violation(path: &str, rule: &str) -> Expectation {
    Expectation {
        path: path.into(),
        rule: Rule::from_code(rule).expect("a rule code"),
    }
}
