//! `codegen import`: each seed page (its browser text and an HTML rendering
//! as Confluence would give it) imported and compared with the hand
//! transcription in spec/, row by row; the draft loads, lints without error
//! and generates Rust that parses; and the CLI's exit codes and --against.
#![cfg(feature = "import")]

use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::import::{self, Input};
use codegen::ir::{
    Condition, Criterion, ExampleTarget, Field, FieldType, Module, ObjectType, Response, TypeId,
};

mod cli_support;
use cli_support::{assert_exit, stderr, stdout};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_owned()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/import")
        .join(name)
}

fn hand(spec: &str) -> Module {
    codegen::loader::load_file(&root().join("spec").join(spec))
        .expect("the hand transcription loads")
}

/// Imports a fixture and asserts that the draft loads and lints without
/// error; returns the loaded module.
fn imported(page: &str, input: Input, spec: &str) -> (Module, import::Imported) {
    let content = std::fs::read_to_string(fixture(page)).unwrap();
    let imported = import::import(&content, input, spec, page);
    let module = match &imported.loaded {
        Ok(module) => module.clone(),
        Err(d) => panic!(
            "the draft of {page} does not load:\n{}\n{}",
            d.render(),
            imported.yaml
        ),
    };
    let api = codegen::ir::Api {
        modules: vec![module.clone()],
    };
    let errors: Vec<String> = codegen::lint::lint(&api)
        .into_iter()
        .filter(|f| {
            matches!(
                f.kind,
                codegen::lint::FindingKind::ExampleExpectation
                    | codegen::lint::FindingKind::ExampleMismatch
            )
        })
        .map(|f| f.to_string())
        .collect();
    assert!(
        errors.is_empty(),
        "lint errors in the draft of {page}: {errors:#?}"
    );
    (module, imported)
}

/// The type of `got` that stands where `hand` has `ty`: the one with the
/// same table heading.
fn counterpart<'m>(hand: &Module, got: &'m Module, ty: TypeId) -> Option<(TypeId, &'m ObjectType)> {
    let title = hand.ty(ty).title.as_deref();
    got.types
        .iter()
        .enumerate()
        .find(|(_, t)| t.title.as_deref() == title)
        .map(|(i, t)| (TypeId(i), t))
}

/// Every disagreement between the hand transcription and the import on
/// what the page states: the endpoint, header rows, attribute rows (name,
/// criterion, condition, type, format, `of`, doc_type, description, rule)
/// and examples (title, text, target, verdict, violations). Type names
/// and disagreement summaries are the transcriber's words and are not
/// compared.
fn differences(hand: &Module, got: &Module) -> Vec<String> {
    let mut out = Vec::new();
    let ty_title = |m: &Module, id: TypeId| m.ty(id).title.clone();
    let same_type = |a: &FieldType, b: &FieldType| -> bool {
        fn eq(hand: &Module, got: &Module, a: &FieldType, b: &FieldType) -> bool {
            match (a, b) {
                (FieldType::Object(x), FieldType::Object(y)) => {
                    hand.ty(*x).title == got.ty(*y).title
                }
                (FieldType::Array(x), FieldType::Array(y)) => eq(hand, got, x, y),
                _ => a == b,
            }
        }
        eq(hand, got, a, b)
    };
    let criterion = |m: &Module, ty: &ObjectType, c: &Criterion| -> String {
        let name = |id: codegen::ir::FieldId| ty.fields[id.0].wire_name.clone();
        let _ = m;
        match c {
            Criterion::Mandatory => "M".into(),
            Criterion::Optional => "OP".into(),
            Criterion::Conditional(Condition::Filled(ids)) => {
                format!(
                    "C filled {:?}",
                    ids.iter().map(|i| name(*i)).collect::<Vec<_>>()
                )
            }
            Criterion::Conditional(Condition::Equals { field, value }) => {
                format!("C equals {} {value:?}", name(*field))
            }
        }
    };
    if hand.title != got.title {
        out.push(format!("page title: {:?} vs {:?}", hand.title, got.title));
    }
    if hand.operations.len() != got.operations.len() {
        out.push(format!(
            "{} operations vs {}",
            hand.operations.len(),
            got.operations.len()
        ));
    }
    for (h, g) in hand.operations.iter().zip(&got.operations) {
        let at = format!("operation {}", h.id);
        let pairs = [
            (
                "method",
                h.method.as_str().to_owned(),
                g.method.as_str().to_owned(),
            ),
            ("path", h.path.clone(), g.path.clone()),
            (
                "content_type",
                h.content_type.as_str().to_owned(),
                g.content_type.as_str().to_owned(),
            ),
            ("summary", h.summary.clone(), g.summary.clone()),
            (
                "implemented_by",
                format!("{:?}", h.implementer),
                format!("{:?}", g.implementer),
            ),
            (
                "base_url",
                format!("{:?}", h.base_url),
                format!("{:?}", g.base_url),
            ),
            (
                "header_note",
                format!("{:?}", h.header_note),
                format!("{:?}", g.header_note),
            ),
            (
                "request",
                format!("{:?}", ty_title(hand, h.request)),
                format!("{:?}", ty_title(got, g.request)),
            ),
            (
                "response",
                match h.response {
                    Response::Typed(t) => format!("{:?}", ty_title(hand, t)),
                    Response::Undocumented => "undocumented".into(),
                },
                match g.response {
                    Response::Typed(t) => format!("{:?}", ty_title(got, t)),
                    Response::Undocumented => "undocumented".into(),
                },
            ),
            (
                "failure",
                format!("{:?}", h.failure.map(|t| ty_title(hand, t))),
                format!("{:?}", g.failure.map(|t| ty_title(got, t))),
            ),
        ];
        for (what, a, b) in pairs {
            if a != b {
                out.push(format!("{at}: {what}: {a:?} vs {b:?}"));
            }
        }
        if h.headers != g.headers {
            out.push(format!("{at}: headers: {:?} vs {:?}", h.headers, g.headers));
        }
    }
    if hand.types.len() != got.types.len() {
        out.push(format!("{} types vs {}", hand.types.len(), got.types.len()));
    }
    for (index, hand_ty) in hand.types.iter().enumerate() {
        let Some((_, got_ty)) = counterpart(hand, got, TypeId(index)) else {
            out.push(format!(
                "type {} ({:?}) not imported",
                hand_ty.name, hand_ty.title
            ));
            continue;
        };
        if hand_ty.fields.len() != got_ty.fields.len() {
            out.push(format!(
                "type {}: {} rows vs {}",
                hand_ty.name,
                hand_ty.fields.len(),
                got_ty.fields.len()
            ));
        }
        for (h, g) in hand_ty.fields.iter().zip(&got_ty.fields) {
            let at = format!("{}.{}", hand_ty.name, h.wire_name);
            let compare = |what: &str, a: String, b: String, out: &mut Vec<String>| {
                if a != b {
                    out.push(format!("{at}: {what}: {a:?} vs {b:?}"));
                }
            };
            let Field {
                wire_name,
                doc_type,
                description,
                rule,
                ..
            } = h;
            compare("name", wire_name.clone(), g.wire_name.clone(), &mut out);
            compare(
                "criterion",
                criterion(hand, hand_ty, &h.criterion),
                criterion(got, got_ty, &g.criterion),
                &mut out,
            );
            if !same_type(&h.ty, &g.ty) {
                out.push(format!(
                    "{at}: type (with format and of): {:?} vs {:?}",
                    h.ty, g.ty
                ));
            }
            compare("doc_type", doc_type.clone(), g.doc_type.clone(), &mut out);
            compare(
                "description",
                description.clone(),
                g.description.clone(),
                &mut out,
            );
            compare(
                "rule",
                format!("{rule:?}"),
                format!("{:?}", g.rule),
                &mut out,
            );
        }
    }
    if hand.examples.len() != got.examples.len() {
        out.push(format!(
            "{} examples vs {}",
            hand.examples.len(),
            got.examples.len()
        ));
    }
    for (index, (h, g)) in hand.examples.iter().zip(&got.examples).enumerate() {
        let at = format!("example {index}");
        if h.title != g.title {
            out.push(format!("{at}: title {:?} vs {:?}", h.title, g.title));
        }
        if h.text != g.text {
            out.push(format!("{at}: text {:?} vs {:?}", h.text, g.text));
        }
        let target = |m: &Module, t: &ExampleTarget| match t {
            ExampleTarget::Operation { operation, part } => {
                format!("{} {}", m.operations[*operation].path, part.as_str())
            }
            ExampleTarget::Type(ty) => format!("{:?}", m.ty(*ty).title),
        };
        if target(hand, &h.target) != target(got, &g.target) {
            out.push(format!(
                "{at}: target {} vs {}",
                target(hand, &h.target),
                target(got, &g.target)
            ));
        }
        if h.verdict != g.verdict || h.violations != g.violations {
            out.push(format!(
                "{at}: verdict {:?} {:?} vs {:?} {:?}",
                h.verdict, h.violations, g.verdict, g.violations
            ));
        }
    }
    out
}

/// The emitters run on the draft and every file they write parses as Rust.
fn assert_generates_rust(module: &Module) {
    let api = codegen::ir::Api {
        modules: vec![module.clone()],
    };
    let files = codegen::emit::generate(&api).expect("the draft generates code");
    assert!(files.len() > 1);
    for file in files {
        if let Err(e) = syn::parse_file(&file.contents) {
            panic!("{} does not parse: {e}", file.relative_path);
        }
    }
}

fn check_seed(page: &str, input: Input, spec: &str) {
    let (module, imported) = imported(page, input, spec);
    let diffs = differences(&hand(spec), &module);
    assert!(
        diffs.is_empty(),
        "{page} against spec/{spec}:\n{}\n\n{}",
        diffs.join("\n"),
        imported.yaml
    );
    assert_generates_rust(&module);
    // Same input, same bytes.
    let content = std::fs::read_to_string(fixture(page)).unwrap();
    assert_eq!(
        import::import(&content, input, spec, page).yaml,
        imported.yaml
    );
}

#[test]
fn criar_ocorrencia_text_agrees_with_the_hand_transcription() {
    check_seed("criar_ocorrencia.txt", Input::Text, "criar_ocorrencia.yaml");
}

#[test]
fn criar_ocorrencia_html_agrees_with_the_hand_transcription() {
    check_seed(
        "criar_ocorrencia.html",
        Input::Html,
        "criar_ocorrencia.yaml",
    );
}

#[test]
fn demonstrativo_text_agrees_with_the_hand_transcription() {
    check_seed(
        "demonstrativo_pagamento_detalhe.txt",
        Input::Text,
        "demonstrativo_pagamento_detalhe.yaml",
    );
}

#[test]
fn demonstrativo_html_agrees_with_the_hand_transcription() {
    check_seed(
        "demonstrativo_pagamento_detalhe.html",
        Input::Html,
        "demonstrativo_pagamento_detalhe.yaml",
    );
}

#[test]
fn the_format_is_guessed_from_the_content() {
    for (page, input) in [
        ("criar_ocorrencia.txt", Input::Text),
        ("criar_ocorrencia.html", Input::Html),
        ("demonstrativo_pagamento_detalhe.txt", Input::Text),
        ("demonstrativo_pagamento_detalhe.html", Input::Html),
    ] {
        let content = std::fs::read_to_string(fixture(page)).unwrap();
        assert_eq!(Input::guess(&content), input, "{page}");
    }
}

fn codegen(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_codegen"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap()
}

#[test]
fn cli_writes_the_draft_and_lists_guesses_with_their_lines() {
    let page = fixture("demonstrativo_pagamento_detalhe.txt");
    let output = codegen(&["import", page.to_str().unwrap()]);
    assert_exit(&output, 0);
    assert!(stdout(&output).starts_with("# Draft written by `codegen import`"));
    let err = stderr(&output);
    assert!(
        err.contains(
            "demonstrativo_pagamento_detalhe.txt:72: operations.demonstrativoPagamentoDetalhe:"
        ),
        "{err}"
    );
    assert!(err.contains("format: decimal"), "{err}");
    // Every guess on stderr is a comment in the draft.
    let guesses = err.lines().filter(|l| l.starts_with("aviso:")).count();
    assert_eq!(
        guesses,
        stdout(&output).matches("# import: palpite").count()
    );
}

#[test]
fn cli_writes_to_out_and_compares_against_a_transcription() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("detalhe.yaml");
    let page = fixture("demonstrativo_pagamento_detalhe.html");
    let output = codegen(&[
        "import",
        page.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--against",
        "spec/demonstrativo_pagamento_detalhe.yaml",
    ]);
    assert_exit(&output, 0);
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .contains("demonstrativoPagamentoDetalhe"));
    // The draft keeps the transcription's names, and the page states what
    // the transcription says: only the page's prose (which the
    // transcriber selected by hand) differs.
    let report = stdout(&output);
    assert_eq!(
        report.trim_end(),
        "compatible: demonstrativo_pagamento_detalhe: page: title or description text changed\n\
         1 changes, 0 breaking (0 for the implementer, 0 for the caller); semver hint for a crate exposing the generated API: patch"
    );
    let output = codegen(&[
        "import",
        fixture("criar_ocorrencia.txt").to_str().unwrap(),
        "--against",
        "spec/criar_ocorrencia.yaml",
    ]);
    assert_exit(&output, 0);
    assert!(
        stdout(&output).starts_with("0 changes"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn cli_exit_codes() {
    // A page that cannot be read: 2.
    assert_exit(&codegen(&["import", "/nonexistent/page.txt"]), 2);
    // A page with a C row and no stated condition: written, exit 1, says where.
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("pagina.txt");
    std::fs::write(
        &page,
        "Api clientes - Consultar\n\nEndpoint\n\nEndpoint\n\nMétodo\n\nHeader Content-Type\n\nDescrição\n\n\
         https://api.mosiaomnichannel.com.br/clientes/consultar\n\nPOST\n\napplication/json\n\nConsulta\n\n\
         Parâmetros de entrada\n\nParâmetro\n\nObrigatório\n\nTipo\n\nDescrição\n\n\
         cpf\n\nC\n\nString\n\nCPF do cliente\n",
    )
    .unwrap();
    let out = dir.path().join("consultar.yaml");
    let output = codegen(&[
        "import",
        page.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_exit(&output, 1);
    assert!(
        stderr(&output).contains("pagina.txt:31: types.ConsultarRequest.fields.cpf"),
        "{}",
        stderr(&output)
    );
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .contains("# import: falta (linha 31)"));
    // Bad usage: 2.
    assert_exit(
        &codegen(&["import", page.to_str().unwrap(), "--input", "pdf"]),
        2,
    );
}

#[test]
fn the_comparison_sees_a_changed_row() {
    let (module, _) = imported("criar_ocorrencia.txt", Input::Text, "criar_ocorrencia.yaml");
    let mut changed = module.clone();
    changed.types[1].fields[2].description = "Outro".to_owned();
    changed.types[0].fields[0].criterion = Criterion::Optional;
    changed.examples[0].text.push(' ');
    let diffs = differences(&hand("criar_ocorrencia.yaml"), &changed);
    assert_eq!(diffs.len(), 3, "{diffs:#?}");
}

/// Imports a fixture without asserting anything about it.
fn import_fixture(page: &str) -> import::Imported {
    let content = std::fs::read_to_string(fixture(page)).unwrap();
    import::import(&content, Input::guess(&content), "pagina.yaml", page)
}

fn notes_of(imported: &import::Imported, kind: import::draft::NoteKind) -> Vec<String> {
    imported
        .notes
        .iter()
        .filter(|n| n.kind == kind)
        .map(|n| format!("{}: {}: {}", n.line, n.at, n.message))
        .collect()
}

fn field<'m>(module: &'m Module, ty: &str, name: &str) -> &'m Field {
    module
        .types
        .iter()
        .find(|t| t.name == ty)
        .unwrap_or_else(|| panic!("no type {ty}"))
        .field(name)
        .unwrap_or_else(|| panic!("no {ty}.{name}"))
}

#[test]
fn conditions_stated_by_the_rule_and_arrays_nested_three_deep_on_an_operator_page() {
    let (module, imported) = imported("operador_pedidos.txt", Input::Text, "pedidos.yaml");
    let request = module
        .types
        .iter()
        .find(|t| t.name == "ConsultarPedidosRequest")
        .unwrap();
    let id = |name: &str| {
        codegen::ir::FieldId(
            request
                .fields
                .iter()
                .position(|f| f.wire_name == name)
                .unwrap(),
        )
    };
    assert_eq!(
        field(&module, "ConsultarPedidosRequest", "cnpj").criterion,
        Criterion::Conditional(Condition::Equals {
            field: id("tipoPessoa"),
            value: codegen::ir::Scalar::String("PJ".into())
        })
    );
    assert_eq!(
        field(&module, "ConsultarPedidosRequest", "telefone").criterion,
        Criterion::Conditional(Condition::Filled(vec![id("email")]))
    );
    assert_eq!(
        field(&module, "ConsultarPedidosRequest", "responsavel").criterion,
        Criterion::Conditional(Condition::Equals {
            field: id("idade"),
            value: codegen::ir::Scalar::Int(17)
        })
    );
    // Each condition read from prose is a guess, with its line.
    let guesses = notes_of(&imported, import::draft::NoteKind::Guess);
    assert!(
        guesses
            .iter()
            .any(|g| g.starts_with("81: types.ConsultarPedidosRequest.fields.cnpj")),
        "{guesses:#?}"
    );
    // pedidos → pedido.itens → item.detalhes → detalhe.
    let array_of = |ty: &str, name: &str| match &field(&module, ty, name).ty {
        FieldType::Array(item) => match **item {
            FieldType::Object(id) => module.ty(id).name.clone(),
            ref other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    };
    assert_eq!(array_of("ConsultarPedidosResponse", "pedidos"), "Pedido");
    assert_eq!(array_of("Pedido", "itens"), "Item");
    assert_eq!(array_of("Item", "detalhes"), "Detalhe");
    // The header table of an operator page.
    let op = &module.operations[0];
    assert_eq!(op.implementer, codegen::ir::Implementer::Operator);
    assert_eq!(op.base_url, None);
    let headers: Vec<(&str, bool, &str)> = op
        .headers
        .iter()
        .map(|h| (h.name.as_str(), h.mandatory, h.doc_type.as_str()))
        .collect();
    assert_eq!(
        headers,
        [
            ("Authorization", true, "token da operadora"),
            ("X-Canal", false, "texto")
        ]
    );
    // The invalid date of the success example is found by the validator.
    assert_eq!(
        module.examples[1].violations[0].path,
        "/pedidos/0/dataPedido"
    );
    assert_generates_rust(&module);
}

#[test]
fn a_conditional_row_without_a_stated_condition_is_a_gap_that_stops_loading() {
    let content = std::fs::read_to_string(fixture("operador_pedidos.txt")).unwrap();
    let content = content.replace(
        "Exemplo request",
        "observacao\n\nC\n\nString\n\nObservação\n\nDepende do contrato\n\nExemplo request",
    );
    let imported = import::import(&content, Input::Text, "pedidos.yaml", "pedidos.txt");
    let diagnostics = imported
        .loaded
        .as_ref()
        .expect_err("a C row without condition cannot load");
    assert!(diagnostics.iter().any(
        |d| d.spec_path() == Some("types.ConsultarPedidosRequest.fields.observacao.criterion")
    ));
    let gaps = notes_of(&imported, import::draft::NoteKind::Missing);
    assert_eq!(gaps.len(), 1, "{gaps:#?}");
    assert!(
        gaps[0].contains("fields.observacao: atributo C sem condição"),
        "{gaps:#?}"
    );
    assert!(imported.yaml.contains("# import: falta (linha "));
    // The stated conditions are still read.
    assert!(imported
        .yaml
        .contains("condition: { equals: { field: tipoPessoa, value: \"PJ\" } }"));
}

/// Rows (name, or "-" without one) of the first type of a draft, as the
/// YAML writes them: nothing dropped.
fn row_names(yaml: &str, ty: &str) -> Vec<String> {
    let start = yaml.find(&format!("\n  {ty}:\n")).unwrap();
    let body = &yaml[start + ty.len() + 4..];
    let end = body.find("\n\n").unwrap_or(body.len());
    body[..end]
        .lines()
        .filter(|l| l.starts_with("      - "))
        .map(|l| {
            l.strip_prefix("      - name: ")
                .unwrap_or("-")
                .trim_matches('"')
                .to_owned()
        })
        .collect()
}

#[test]
fn a_missing_cell_in_every_column_position_text() {
    let imported = import_fixture("celulas_em_falta.txt");
    assert!(!imported.loads());
    assert_eq!(
        row_names(&imported.yaml, "AtualizarClienteRequest"),
        ["nome", "-", "idade", "ativo", "saldo", "cidade"]
    );
    let gaps = notes_of(&imported, import::draft::NoteKind::Missing);
    assert_eq!(
        gaps,
        [
            "22: types.AtualizarClienteRequest.fields.1: a linha não tem o nome do atributo: escreva `name`",
            "26: types.AtualizarClienteRequest.fields.idade: a linha não tem critério: escreva `criterion` (M, C ou OP)",
            "30: types.AtualizarClienteRequest.fields.ativo: a linha não tem tipo: escreva `type`",
            "34: types.AtualizarClienteRequest.fields.saldo: a linha não tem descrição: escreva `description`",
        ]
    );
    // Each gap is a loader error at the same place.
    let Err(diagnostics) = &imported.loaded else {
        unreachable!()
    };
    let paths: Vec<&str> = diagnostics.iter().filter_map(|d| d.spec_path()).collect();
    assert_eq!(
        paths,
        [
            "types.AtualizarClienteRequest.fields.1.name",
            "types.AtualizarClienteRequest.fields.idade.criterion",
            "types.AtualizarClienteRequest.fields.ativo.type",
            "types.AtualizarClienteRequest.fields.saldo.description",
        ]
    );
    // The cells that are there stay in their columns.
    assert!(imported
        .yaml
        .contains("description: \"Se o cliente está ativo\"\n        rule: \"true ou false\""));
    assert!(imported.yaml.contains("- name: cidade\n        criterion: M\n        type: String\n        description: \"Cidade de residência\"\n"));
}

#[test]
fn a_missing_cell_in_every_column_position_html_with_spanning_headers_and_an_extra_column() {
    let imported = import_fixture("operador_cadastro.html");
    assert!(!imported.loads());
    assert_eq!(
        row_names(&imported.yaml, "CadastroAtualizarRequest"),
        [
            "chaveUnica",
            "tipoPessoa",
            "cnpj",
            "nomeSocial",
            "-",
            "semCriterio",
            "semTipo",
            "semDescricao",
            "semRegra"
        ]
    );
    let gaps = notes_of(&imported, import::draft::NoteKind::Missing);
    let at: Vec<&str> = gaps.iter().map(|g| g.split(": ").nth(1).unwrap()).collect();
    assert_eq!(
        at,
        [
            "types.CadastroAtualizarRequest.fields.nomeSocial",
            "types.CadastroAtualizarRequest.fields.4",
            "types.CadastroAtualizarRequest.fields.semCriterio",
            "types.CadastroAtualizarRequest.fields.semTipo",
            "types.CadastroAtualizarRequest.fields.semDescricao",
        ]
    );
    // colspan/rowspan header: description and rule read from the second row.
    assert!(imported
        .yaml
        .contains("description: \"Tipo de pessoa\"\n        rule: \"PF ou PJ\""));
    // The extra column is reported, its text kept in a comment.
    assert!(imported
        .yaml
        .contains("# import: palpite (linha 21): célula da coluna \"Observação\""));
    assert!(imported.yaml.contains("\"vem do login\""));
    // Headers of an operator page; the table caption row is the title.
    assert!(imported
        .yaml
        .contains("- name: \"X-Versao\"\n        criterion: OP\n        type: \"número\""));
    assert!(imported.yaml.contains("title: \"Objeto principal\""));
    assert!(imported.yaml.contains("implemented_by: operator"));
    assert!(imported.yaml.contains("title: \"cadastro/atualizar\""));
}

#[test]
fn a_table_with_an_extra_column_loads_and_reports_each_extra_cell() {
    let (module, imported) = imported("coluna_extra.txt", Input::Text, "saldo.yaml");
    let request = &module.types[0];
    assert_eq!(request.fields.len(), 2);
    assert_eq!(
        request.fields[1].rule.as_deref(),
        Some("Formato: YYYY-MM-DD")
    );
    assert_eq!(
        request.fields[1].ty,
        FieldType::String(Some(codegen::ir::StringFormat::Date))
    );
    let extra: Vec<&String> = imported
        .notes
        .iter()
        .map(|n| &n.message)
        .filter(|m| m.contains("coluna \"Exemplo\""))
        .collect();
    assert_eq!(extra.len(), 3, "{extra:#?}");
    assert!(imported.yaml.contains("\"2024-08-01\""));
}

#[test]
fn a_page_with_two_endpoints() {
    let (module, _) = imported("dois_endpoints.txt", Input::Text, "beneficiario.yaml");
    let ops: Vec<(&str, &str, &str)> = module
        .operations
        .iter()
        .map(|op| {
            (
                op.id.as_str(),
                op.path.as_str(),
                module.ty(op.request).name.as_str(),
            )
        })
        .collect();
    assert_eq!(
        ops,
        [
            (
                "beneficiariosListar",
                "/beneficiarios/listar",
                "BeneficiariosListarRequest"
            ),
            (
                "beneficiariosDetalhar",
                "/beneficiarios/detalhar",
                "BeneficiariosDetalharRequest"
            ),
        ]
    );
    // Each example goes to its own endpoint's request.
    let targets: Vec<String> = module
        .examples
        .iter()
        .map(|e| match &e.target {
            ExampleTarget::Operation { operation, part } => {
                format!("{operation} {}", part.as_str())
            }
            ExampleTarget::Type(_) => "type".into(),
        })
        .collect();
    assert_eq!(targets, ["0 request", "1 request"]);
    // "completo": "sim" is not a Boolean.
    assert_eq!(module.examples[1].violations[0].path, "/completo");
    assert_generates_rust(&module);
}

/// The places where each seed's import records a disagreement, with the
/// hand transcription's names (import --against keeps them).
fn disagreement_places(page: &str, spec: &str) -> Vec<String> {
    let content = std::fs::read_to_string(fixture(page)).unwrap();
    let existing = hand(spec);
    let imported = import::import_against(
        &content,
        Input::guess(&content),
        spec,
        page,
        Some(&existing),
    );
    let module = imported.loaded.expect("loads");
    module
        .disagreements
        .iter()
        .map(|d| module.spec_path(d.at))
        .collect()
}

#[test]
fn what_the_seeds_contradict_is_recorded() {
    for page in ["criar_ocorrencia.txt", "criar_ocorrencia.html"] {
        assert_eq!(
            disagreement_places(page, "criar_ocorrencia.yaml"),
            [
                // "Sucesso" announces a structure and shows none.
                "operations.criarOcorrencia",
                // "Nome Solicitante" copied into the Beneficiario table.
                "types.Beneficiario.fields.nome",
                // The trailing comma, and idForm's hexadecimal string.
                "examples.1",
                "examples.2",
            ],
            "{page}"
        );
    }
    for page in [
        "demonstrativo_pagamento_detalhe.txt",
        "demonstrativo_pagamento_detalhe.html",
    ] {
        assert_eq!(
            disagreement_places(page, "demonstrativo_pagamento_detalhe.yaml"),
            [
                // The request example's URL against the endpoint table.
                "operations.demonstrativoPagamentoDetalhe",
                // "seu método login", "seu método listaDebitos".
                "types.Demonstrativo",
                "types.Falha",
                // "Método de resumoCobranca".
                "page",
                // Not JSON; subtitulo unknown in a registro.
                "examples.0",
                "examples.1",
            ],
            "{page}"
        );
    }
}

#[test]
fn a_page_in_other_words_of_the_same_wiki() {
    // "Campo", "Sim"/"Não", "Integer", "Date", "URL" after an "Endpoint"
    // heading, "Retorno - Sucesso", "Exemplo de requisição" / "de erro".
    let (module, imported) = imported("variantes.txt", Input::Text, "carteirinha.yaml");
    let op = &module.operations[0];
    assert_eq!(
        (op.method.as_str(), op.path.as_str()),
        ("POST", "/clientes/carteirinha")
    );
    assert_eq!(op.summary, "Consulta a carteirinha do beneficiário");
    assert!(op.failure.is_some());
    assert_eq!(
        field(&module, "ConsultarCarteirinhaRequest", "via").criterion,
        Criterion::Optional
    );
    assert_eq!(
        field(&module, "ConsultarCarteirinhaRequest", "via").ty,
        FieldType::Int
    );
    assert_eq!(
        field(&module, "Cartao", "validade").ty,
        FieldType::String(Some(codegen::ir::StringFormat::Date))
    );
    // Criteria in words are guesses.
    assert_eq!(
        imported
            .notes
            .iter()
            .filter(|n| n.message.contains("critério escrito"))
            .count(),
        6
    );
    let parts: Vec<&str> = module
        .examples
        .iter()
        .map(|e| match &e.target {
            ExampleTarget::Operation { part, .. } => part.as_str(),
            ExampleTarget::Type(_) => "type",
        })
        .collect();
    assert_eq!(parts, ["request", "response", "failure"]);
    assert_eq!(module.examples[1].violations[0].path, "/cartao/validade");
}

/// Each seed's draft, as `codegen import` writes it from the page's text,
/// is checked in under tests/import/drafts/: reviewable, and compiled by
/// the workspace tests (tests/tests/imported_drafts.rs, with `mosia_api!`)
/// so the drafts are known to give compiling Rust. Set
/// `UPDATE_IMPORT_DRAFTS=1` to rewrite them after a deliberate change.
#[test]
fn the_checked_in_drafts_are_what_import_writes() {
    for (page, spec) in [
        ("criar_ocorrencia.txt", "criar_ocorrencia.yaml"),
        (
            "demonstrativo_pagamento_detalhe.txt",
            "demonstrativo_pagamento_detalhe.yaml",
        ),
    ] {
        let content = std::fs::read_to_string(fixture(page)).unwrap();
        let draft = import::import(&content, Input::Text, spec, page).yaml;
        let path = fixture("drafts").join(spec);
        if std::env::var_os("UPDATE_IMPORT_DRAFTS").is_some() {
            std::fs::write(&path, &draft).unwrap();
        }
        let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            checked_in == draft,
            "{} is not what `codegen import` writes now; rerun with UPDATE_IMPORT_DRAFTS=1 and review the diff",
            path.display()
        );
    }
}

/// Pages written as other authors of the wiki would, for endpoints the
/// seeds only mention: Confluence's byline and breadcrumbs are navigation,
/// not the title; the wiki's operator host (operadoradesaude.com.br) is a
/// stand-in; "Retorno" alone opens the response; a rule that states a
/// negated condition is a gap, never the opposite condition.
#[test]
fn new_pages_in_the_wiki_style() {
    let login = import_fixture("login.txt");
    assert!(login.loads(), "{}", login.yaml);
    assert!(
        login.yaml.contains("  title: \"Método de login\"\n"),
        "{}",
        login.yaml
    );
    assert!(login.yaml.contains("implemented_by: operator"));
    let guesses = notes_of(&login, import::draft::NoteKind::Guess);
    assert!(
        guesses
            .iter()
            .any(|g| g.contains("dataNascimento: data DD/MM/YYYY")),
        "{guesses:#?}"
    );
    let debitos = import_fixture("lista_debitos.txt");
    assert!(debitos.loads(), "{}", debitos.yaml);
    assert!(debitos
        .yaml
        .contains("  title: \"Método de listaDebitos\"\n"));
    for ty in ["Debito", "Parcela"] {
        assert!(debitos.yaml.contains(&format!("    of: {ty}\n")), "{ty}");
    }

    let cobranca = import_fixture("resumo_cobranca.txt");
    assert!(cobranca.loads(), "{}", cobranca.yaml);
    assert!(
        cobranca
            .yaml
            .contains("  title: \"Método resumoCobranca\"\n"),
        "{}",
        cobranca.yaml
    );
    assert!(!cobranca
        .yaml
        .contains("base_url: \"https://www.operadoradesaude.com.br\""));
    assert!(cobranca.yaml.contains("implemented_by: operator"));

    let html = import_fixture("resumo.html");
    assert!(html.loads(), "{}", html.yaml);
    assert!(
        html.yaml.contains("  title: \"Método de resumo\"\n"),
        "{}",
        html.yaml
    );
    assert!(
        html.yaml.contains("  - id: demonstrativoPagamentoResumo\n"),
        "{}",
        html.yaml
    );
    assert!(
        !html.yaml.contains("Objeto falso"),
        "a script's text is not the page's"
    );

    let cadastro = import_fixture("cadastrar_beneficiario.txt");
    assert!(
        cadastro
            .yaml
            .contains("    response: CadastrarBeneficiarioResponse\n"),
        "{}",
        cadastro.yaml
    );
    let gaps = notes_of(&cadastro, import::draft::NoteKind::Missing);
    assert_eq!(gaps.len(), 1, "{gaps:#?}");
    assert!(gaps[0].contains("fields.email"), "{gaps:#?}");
    assert!(
        !cadastro.yaml.contains("filled: [telefone]"),
        "{}",
        cadastro.yaml
    );
    assert!(!cadastro.loads());
    let out = codegen(&[
        "import",
        fixture("cadastrar_beneficiario.txt").to_str().unwrap(),
    ]);
    assert_exit(&out, 1);
    assert!(stderr(&out).contains(
        "cadastrar_beneficiario.txt:147: types.CadastrarBeneficiarioRequest.fields.email"
    ));
}

/// The same path with two methods gives two operations with distinct ids.
#[test]
fn one_path_with_two_methods_gives_two_ids() {
    let page = "Api clientes - Ocorrências\n\nEndpoint\n\nEndpoint\n\nMétodo\n\nDescrição\n\n\
        https://api.mosiaomnichannel.com.br/clientes/ocorrencias\n\nGET\n\nLista\n\n\
        https://api.mosiaomnichannel.com.br/clientes/ocorrencias\n\nPOST\n\nCria\n";
    let imported = import::import(page, Input::Text, "pagina.yaml", "pagina");
    assert!(
        imported.yaml.contains("  - id: clientesOcorrencias\n"),
        "{}",
        imported.yaml
    );
    assert!(
        imported.yaml.contains("  - id: clientesOcorrenciasPost\n"),
        "{}",
        imported.yaml
    );
    // It does not load (the page gives no content type), but not for its ids.
    let problems = imported.loaded.unwrap_err().render();
    assert!(!problems.contains("duplicate operation id"), "{problems}");
}

/// A file larger than any wiki page is refused unread, as an I/O error.
#[test]
fn cli_fails_on_a_page_with_nothing_to_import() {
    for (name, content) in [
        ("empty", ""),
        (
            "prose",
            "Sobre nós\n\nA Mobile Saúde atende operadoras de todo o Brasil.\n",
        ),
        (
            "html",
            "<html><body><h1>Notícias</h1><p>Nada de API aqui.</p></body></html>",
        ),
    ] {
        let path =
            std::env::temp_dir().join(format!("codegen-import-{name}-{}.txt", std::process::id()));
        std::fs::write(&path, content).unwrap();
        let out = codegen(&["import", path.to_str().unwrap()]);
        std::fs::remove_file(&path).unwrap();
        assert_exit(&out, 1);
        assert!(
            stderr(&out).contains("nada reconhecido"),
            "{name}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn cli_refuses_a_page_too_large() {
    let path = std::env::temp_dir().join(format!("codegen-import-big-{}.txt", std::process::id()));
    std::fs::write(&path, "x\n".repeat(import::MAX_PAGE_BYTES / 2 + 1)).unwrap();
    let out = codegen(&["import", path.to_str().unwrap()]);
    std::fs::remove_file(&path).unwrap();
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("MiB"), "{}", stderr(&out));
}
