//! The type emitter on hand-built IR: snapshots of the generated code for
//! every construct the IR can express, determinism, and errors instead of
//! panics on IR the emitter cannot turn into Rust.

mod common;

use codegen::emit::{self, EmitError, GeneratedFile, GENERATED_MARKER};
use codegen::ir::*;
use common::workspace_api;

fn field(
    wire: &str,
    criterion: Criterion,
    ty: FieldType,
    doc_type: &str,
    description: &str,
) -> Field {
    Field {
        wire_name: wire.to_owned(),
        rust_name: heck_snake(wire),
        criterion,
        ty,
        doc_type: doc_type.to_owned(),
        description: description.to_owned(),
        rule: None,
    }
}

fn with_rule(mut f: Field, rule: &str) -> Field {
    f.rule = Some(rule.to_owned());
    f
}

fn heck_snake(wire: &str) -> String {
    let mut out = String::new();
    for (i, c) in wire.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.extend(c.to_lowercase());
    }
    out.replace('-', "_")
}

fn object(name: &str, title: Option<&str>, fields: Vec<Field>) -> ObjectType {
    ObjectType {
        name: name.to_owned(),
        rust_name: name.to_owned(),
        title: title.map(str::to_owned),
        description: None,
        fields,
    }
}

fn operation(
    id: &str,
    rust_name: &str,
    path: &str,
    request: usize,
    response: Response,
) -> Operation {
    Operation {
        id: id.to_owned(),
        rust_name: rust_name.to_owned(),
        method: Method::Post,
        path: path.to_owned(),
        content_type: MediaType::Json,
        summary: "Retorna os detalhes do demonstrativo de pagamento".to_owned(),
        description: None,
        implementer: Implementer::Operator,
        base_url: None,
        headers: Vec::new(),
        header_note: None,
        request: TypeId(request),
        response,
        failure: None,
    }
}

use Criterion::{Mandatory as M, Optional as OP};

/// A hand transcription of the Demonstrativo de Pagamento page.
fn demonstrativo() -> Module {
    let mut op = operation(
        "demonstrativoPagamentoDetalhe",
        "demonstrativo_pagamento_detalhe",
        "/demonstrativoPagamento/detalhe",
        0,
        Response::Typed(TypeId(1)),
    );
    op.failure = Some(TypeId(4));
    op.header_note = Some(
        "Serão enviados no HEADER os headers estáticos definidos ao configurar a integração."
            .to_owned(),
    );
    Module {
        name: "demonstrativo_pagamento_detalhe".to_owned(),
        source: "spec/demonstrativo_pagamento_detalhe.yaml".to_owned(),
        title: "Mobile Saúde - Mosia Omnichannel".to_owned(),
        description: Some("Só são suportadas integrações no padrão REST.".to_owned()),
        operations: vec![op],
        types: vec![
            object(
                "DetalheRequest",
                Some("Parâmetros de entrada"),
                vec![
                    field("chavePagamento", M, FieldType::String(None), "String", "Chave de identificação do período selecionado. Essa informação é retornada pelo método resumo."),
                    field("chaveUnica", M, FieldType::String(None), "String", "Chave de identificação do usuário retornada no login"),
                    field("integracao", OP, FieldType::FreeObject, "Objeto", "Nó integração retornado no login do usuário"),
                ],
            ),
            object(
                "Detalhe",
                Some("Objeto principal"),
                vec![
                    with_rule(field("titulo", M, FieldType::String(None), "String", "Informe o titulo de apresentação do período de pagamento, por exemplo: “Primeira quinzena“; “Segunda quinzena“; “Pagamento mensal”"), ""),
                    field("subtitulo", M, FieldType::String(None), "String", "Informe o subtitulo do periodo, por exemplo: competência de pagamento"),
                    with_rule(field("tituloTotalizador", M, FieldType::String(None), "String", "titulo totalizador dos registros de produção"), "texto livre"),
                    field("valorTotal", M, FieldType::Decimal, "Float", "valor total liquido a receber"),
                    with_rule(field("dataPagamento", M, FieldType::String(Some(StringFormat::Date)), "String", "Data de Pagamento"), "Formato: Formato: YYYY-MM-DD"),
                    field("registros", M, FieldType::Array(Box::new(FieldType::Object(TypeId(2)))), "Array", "Array de objetos do tipo \"registro\""),
                ],
            ),
            object(
                "Registro",
                Some("Objeto registro"),
                vec![
                    field("titulo", M, FieldType::String(None), "String", "Titulo do agrupador de registros"),
                    field("icone", OP, FieldType::String(None), "String", "Ícones suportados pelo aplicativo Mosia Omnichannel"),
                    with_rule(field("cor", OP, FieldType::String(Some(StringFormat::Color)), "String", "cor do agrupador"), "Hexadecimal. com o #. da cor que deseja que seja usada para representar o agrupador."),
                    field("valorTotal", M, FieldType::Decimal, "Float", "Valor total do registro"),
                    field("valores", M, FieldType::Array(Box::new(FieldType::Object(TypeId(3)))), "Array", "Array de objetos do tipo \"valor\""),
                ],
            ),
            object(
                "Valor",
                Some("Objeto valor"),
                vec![
                    with_rule(field("codigo", M, FieldType::String(None), "String", "identificador"), "texto livre"),
                    with_rule(field("descricao", M, FieldType::String(None), "String", "Descrição"), "texto livre"),
                    field("valor", M, FieldType::Decimal, "Float", "Valor"),
                ],
            ),
            object(
                "Falha",
                Some("Objetos e atributos de retorno"),
                vec![with_rule(field("mensagem", M, FieldType::String(None), "String", "mensagem para ser exibida para o cliente"), " texto livre")],
            ),
        ],
        examples: Vec::new(),
        disagreements: vec![Disagreement {
            at: Place::Operation(0),
            summary: "O título diz \"Método de resumoCobranca\"; o endpoint é /demonstrativoPagamento/detalhe.".to_owned(),
        }],
    }
}

/// Every other construct: conditionals, optional decimals, integers,
/// booleans, arrays of scalars and free objects, raw identifiers, a Mosia
/// endpoint with headers, an undocumented response, and Markdown-hostile text.
fn edge_cases() -> Module {
    let mut op = operation(
        "criarOcorrencia",
        "criar_ocorrencia",
        "/clientes/ocorrencias",
        0,
        Response::Undocumented,
    );
    op.implementer = Implementer::Mosia;
    op.summary = "Cria uma ocorrência".to_owned();
    op.base_url = Some("https://api.mosiaomnichannel.com.br".to_owned());
    op.description = Some("Cria uma nova ocorrência com os dados passados no body.".to_owned());
    op.headers = vec![Header {
        name: "Authorization".to_owned(),
        mandatory: true,
        doc_type: "token do cliente".to_owned(),
        description: "Token de autenticação do cliente | Bearer".to_owned(),
    }];
    let mut tipo = field(
        "type",
        OP,
        FieldType::String(None),
        "String",
        "Tipo de pessoa: PF ou PJ",
    );
    tipo.rust_name = "r#type".to_owned();
    let mut request = object(
        "Ocorrencia",
        None,
        vec![
            tipo,
            field("idTipoOcorrencia", M, FieldType::Int, "Int", "ID do Tipo de Ocorrência"),
            field("rascunho", OP, FieldType::Boolean, "Boolean", "Define se é Ocorrência é Rascunho"),
            field("cpf", Criterion::Conditional(Condition::Equals { field: FieldId(0), value: Scalar::String("PF".to_owned()) }), FieldType::String(None), "String", "CPF do solicitante"),
            field("prioridade", Criterion::Conditional(Condition::Equals { field: FieldId(1), value: Scalar::Int(-3) }), FieldType::Int, "Int", "Prioridade"),
            field("motivo", Criterion::Conditional(Condition::Equals { field: FieldId(2), value: Scalar::Bool(true) }), FieldType::String(None), "String", "Motivo do rascunho"),
            field("email", OP, FieldType::String(None), "String", "Email"),
            field("telefone", OP, FieldType::String(None), "String", "Telefone"),
            field("contato", Criterion::Conditional(Condition::Filled(vec![FieldId(6), FieldId(7)])), FieldType::String(None), "String", "Nome do contato"),
            field("valorDesconto", Criterion::Conditional(Condition::Filled(vec![FieldId(1)])), FieldType::Decimal, "Float", "Desconto"),
            field("notas", OP, FieldType::Array(Box::new(FieldType::Float)), "Array de Float", "Notas"),
            field("datas", OP, FieldType::Array(Box::new(FieldType::String(Some(StringFormat::Date)))), "Array de String", "Datas"),
            field("cor", Criterion::Conditional(Condition::Filled(vec![FieldId(1)])), FieldType::String(Some(StringFormat::Color)), "String", "Cor"),
            field("formData", M, FieldType::Array(Box::new(FieldType::FreeObject)), "Array de Objeto", "Objeto do FormData Preenchido"),
            with_rule(field("anotacao", OP, FieldType::String(None), "Texto `livre`", "Objeto Solicitante [M] <b>negrito</b> *não* _ênfase_ snake_case &amp; 1. lista\n- item\n# título\nveja https://exemplo.com.br/x."), "- primeira linha\n\n  segunda linha"),
        ],
    );
    request.description = Some("Serão enviados no BODY os seguintes parâmetros:".to_owned());
    Module {
        name: "edge_cases".to_owned(),
        source: "spec/edge_cases.yaml".to_owned(),
        title: "Api clientes - Criar Ocorrência".to_owned(),
        description: None,
        operations: vec![op],
        types: vec![request],
        examples: Vec::new(),
        disagreements: Vec::new(),
    }
}

fn api() -> Api {
    Api {
        modules: vec![demonstrativo(), edge_cases()],
    }
}

/// All files in one string, for a single readable snapshot.
fn concat(files: &[GeneratedFile]) -> String {
    files
        .iter()
        .map(|f| format!("==> {} <==\n{}", f.relative_path, f.contents))
        .collect::<Vec<_>>()
        .join("\n")
}

// The output for the real pages is checked in as generated/src and held
// there by the staleness test (generated_up_to_date.rs); snapshots here are
// of edge cases the real pages do not have.

#[test]
fn workspace_spec_generation_is_deterministic() {
    let api = workspace_api();
    assert_eq!(api.modules.len(), 2);
    assert_eq!(
        emit::generate(&api).unwrap(),
        emit::generate(&workspace_api()).unwrap()
    );
}

#[test]
fn edge_cases_snapshot() {
    let files = emit::generate(&Api {
        modules: vec![edge_cases()],
    })
    .unwrap();
    insta::assert_snapshot!(concat(&files));
}

#[test]
fn single_file_snapshot() {
    let out = emit::generate_single_file(&api()).unwrap();
    insta::assert_snapshot!(out);
}

#[test]
fn layout_and_headers() {
    let files = emit::generate(&api()).unwrap();
    let paths: Vec<&str> = files.iter().map(|f| f.relative_path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "demonstrativo_pagamento_detalhe/client.rs",
            "demonstrativo_pagamento_detalhe/mod.rs",
            "demonstrativo_pagamento_detalhe/server.rs",
            "demonstrativo_pagamento_detalhe/types.rs",
            "edge_cases/client.rs",
            "edge_cases/mod.rs",
            "edge_cases/server.rs",
            "edge_cases/types.rs",
            "lib.rs",
        ]
    );
    for file in &files {
        let first = file.contents.lines().next().unwrap();
        assert!(first.starts_with(GENERATED_MARKER), "{first}");
        assert!(
            first.ends_with("by `cargo run -p codegen`. Do not edit."),
            "{first}"
        );
        syn::parse_file(&file.contents).unwrap_or_else(|e| panic!("{}: {e}", file.relative_path));
    }
    assert!(files[0].contents.starts_with(
        "// @generated from spec/demonstrativo_pagamento_detalhe.yaml by `cargo run -p codegen`. Do not edit.\n"
    ));
    assert!(files[8].contents.starts_with("// @generated from spec/ by"));
}

#[test]
fn generation_is_deterministic() {
    assert_eq!(
        emit::generate(&api()).unwrap(),
        emit::generate(&api()).unwrap()
    );
    assert_eq!(
        emit::generate_single_file(&api()).unwrap(),
        emit::generate_single_file(&api()).unwrap()
    );
}

#[test]
fn imports_only_what_is_used() {
    let files = emit::generate(&Api {
        modules: vec![edge_cases()],
    })
    .unwrap();
    let types = &files
        .iter()
        .find(|f| f.relative_path == "edge_cases/types.rs")
        .unwrap()
        .contents;
    assert!(types.contains("use codegen_runtime::chrono::NaiveDate;"));
    assert!(types.contains("use codegen_runtime::serde_json::{Map, Value};"));
    let mut module = demonstrativo();
    module.types.retain(|t| t.name == "Falha");
    module.operations.clear();
    let files = emit::generate(&Api {
        modules: vec![module],
    })
    .unwrap();
    let types = &files
        .iter()
        .find(|f| f.relative_path.ends_with("/types.rs"))
        .unwrap()
        .contents;
    assert!(!types.contains("NaiveDate") && !types.contains("Decimal") && !types.contains("Map"));
    assert!(types.contains("use codegen_runtime::{Decode, Validate};"));
}

#[test]
fn type_named_like_an_import_is_written_fully_qualified() {
    let mut module = demonstrativo();
    module.types[3].rust_name = "Value".to_owned();
    let files = emit::generate(&Api {
        modules: vec![module],
    })
    .unwrap();
    let types = &files
        .iter()
        .find(|f| f.relative_path.ends_with("/types.rs"))
        .unwrap()
        .contents;
    assert!(
        types.contains("use codegen_runtime::serde_json::Map;"),
        "{types}"
    );
    assert!(
        types.contains("Map<String, codegen_runtime::serde_json::Value>"),
        "{types}"
    );
    assert!(types.contains("pub struct Value {"));
}

#[test]
fn markdown_is_escaped() {
    let files = emit::generate(&Api {
        modules: vec![edge_cases()],
    })
    .unwrap();
    let types = &files
        .iter()
        .find(|f| f.relative_path.ends_with("/types.rs"))
        .unwrap()
        .contents;
    for expected in [
        r"/// Objeto Solicitante \[M\] \<b\>negrito\</b\> \*não\* \_ênfase\_ snake_case \&amp; 1. lista",
        r"/// \- item",
        r"/// \# título",
        "/// veja <https://exemplo.com.br/x>.",
        "Tipo: `` Texto `livre` ``",
        "/// Regra de preenchimento: - primeira linha",
    ] {
        assert!(types.contains(expected), "missing {expected:?} in\n{types}");
    }
    assert_eq!(emit::escape("10. item"), r"10\. item");
    assert_eq!(emit::code("a`b"), "``a`b``");
}

fn emit_err(module: Module) -> EmitError {
    emit::generate(&Api {
        modules: vec![module],
    })
    .unwrap_err()
}

#[test]
fn invalid_identifiers_are_errors_not_panics() {
    let mut module = demonstrativo();
    module.types[2].fields[0].rust_name = "não válido".to_owned();
    assert!(matches!(emit_err(module), EmitError::InvalidIdent { .. }));

    let mut module = demonstrativo();
    module.types[2].fields[0].rust_name = "type".to_owned();
    assert!(matches!(emit_err(module), EmitError::InvalidIdent { .. }));

    let mut module = demonstrativo();
    module.name = "r#type".to_owned();
    assert!(matches!(emit_err(module), EmitError::InvalidIdent { .. }));

    let mut module = demonstrativo();
    module.name = "../etc".to_owned();
    assert!(matches!(emit_err(module), EmitError::InvalidIdent { .. }));
}

#[test]
fn dangling_references_are_errors_not_panics() {
    let mut module = demonstrativo();
    module.types[1].fields[5].ty = FieldType::Array(Box::new(FieldType::Object(TypeId(99))));
    assert!(matches!(
        emit_err(module),
        EmitError::DanglingReference { .. }
    ));

    let mut module = edge_cases();
    module.types[0].fields[8].criterion =
        Criterion::Conditional(Condition::Filled(vec![FieldId(42)]));
    assert!(matches!(
        emit_err(module),
        EmitError::DanglingReference { .. }
    ));

    let mut module = demonstrativo();
    module.operations[0].request = TypeId(7);
    assert!(matches!(
        emit_err(module),
        EmitError::DanglingReference { .. }
    ));
}

#[test]
fn unsupported_ir_is_reported() {
    // Arrays of decimals generate (they were refused); arrays of arrays,
    // which the loader refuses, do not.
    let mut module = demonstrativo();
    module.types[3].fields[2].ty = FieldType::Array(Box::new(FieldType::Decimal));
    let out = concat(
        &emit::generate(&Api {
            modules: vec![module],
        })
        .unwrap(),
    );
    assert!(
        out.contains(
            "#[serde(with = \"codegen_runtime::json_decimal::vec\")]\n    pub valor: Vec<Decimal>,"
        ),
        "{out}"
    );
    let mut module = demonstrativo();
    module.types[3].fields[2].ty =
        FieldType::Array(Box::new(FieldType::Array(Box::new(FieldType::Decimal))));
    let err = emit_err(module);
    assert!(matches!(err, EmitError::Unsupported { .. }), "{err}");

    let mut module = demonstrativo();
    module.types[2].fields[2].ty =
        FieldType::Array(Box::new(FieldType::String(Some(StringFormat::Color))));
    let err = emit_err(module);
    assert!(
        err.to_string()
            .contains("an array of colors (`Registro.cor`)"),
        "{err}"
    );

    let mut module = demonstrativo();
    module.types[3].rust_name = "Option".to_owned();
    assert!(matches!(
        emit_err(module),
        EmitError::ReservedTypeName { .. }
    ));

    let mut api = api();
    api.modules[1].name = api.modules[0].name.clone();
    assert!(matches!(
        emit::generate(&api),
        Err(EmitError::DuplicateModule(_))
    ));
}

#[test]
fn types_holding_each_other_directly_are_boxed() {
    // Registro → Valor → Registro without an array in between.
    let mut module = demonstrativo();
    module.types[3].fields[0].ty = FieldType::Object(TypeId(2));
    module.types[2].fields[0].ty = FieldType::Object(TypeId(3));
    let out = concat(
        &emit::generate(&Api {
            modules: vec![module],
        })
        .unwrap(),
    );
    assert!(out.contains("pub codigo: Box<Registro>,"), "{out}");
    assert!(out.contains("pub titulo: Box<Valor>,"), "{out}");
    // Demonstrativo holds a Registro but is not held back: no box.
    assert!(!out.contains("Box<Demonstrativo>"), "{out}");
}

#[test]
fn recursion_through_an_array_is_fine() {
    let mut module = demonstrativo();
    module.types[3].fields[0].ty = FieldType::Array(Box::new(FieldType::Object(TypeId(3))));
    emit::generate(&Api {
        modules: vec![module],
    })
    .unwrap();
}

#[test]
fn single_file_has_no_top_level_inner_attributes() {
    let out = emit::generate_single_file(&api()).unwrap();
    let file = syn::parse_file(&out).unwrap();
    assert!(file.attrs.is_empty(), "include! rejects inner attributes");
    assert!(out.starts_with("// @generated from spec/ by `codegen::Config`"));
    // The runtime version check, then one module per page.
    assert!(matches!(&file.items[0], syn::Item::Const(c) if c.ident == "_"));
    assert_eq!(file.items.len(), 3);
}
