//! One-pass decoding: every violation, with its path, and no panic on any input.

use codegen_runtime::rust_decimal::Decimal;
use codegen_runtime::serde_json::{Map, Value};
use codegen_runtime::{Decode, Lang, Report, Rule, Validate};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize, Decode, Validate)]
#[serde(rename_all = "camelCase")]
struct Demonstrativo {
    titulo: String,
    subtitulo: String,
    titulo_totalizador: String,
    #[serde(with = "codegen_runtime::json_decimal")]
    valor_total: Decimal,
    data_pagamento: codegen_runtime::chrono::NaiveDate,
    registros: Vec<Registro>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Decode, Validate)]
#[serde(rename_all = "camelCase")]
struct Registro {
    titulo: String,
    icone: Option<String>,
    #[mosia(format = "color")]
    cor: Option<String>,
    valor_total: f64,
    valores: Vec<Valor>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Decode, Validate)]
struct Valor {
    codigo: String,
    descricao: String,
    valor: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Decode, Validate)]
struct Pedido {
    #[serde(rename = "idForm")]
    id_form: i64,
    integracao: Option<Map<String, Value>>,
    rascunho: Option<bool>,
}

fn pairs(report: &Report) -> Vec<(String, &'static str)> {
    report
        .iter()
        .map(|v| (v.path().to_owned(), v.rule().code()))
        .collect()
}

const VALID: &str = r##"{
  "titulo": "Pagamento Mensal", "subtitulo": "2024-08", "tituloTotalizador": "Mensalidade",
  "valorTotal": 1257.99, "dataPagamento": "2024-08-01",
  "registros": [{"titulo": "Créditos", "icone": "icon_plus", "cor": "#FF0000", "valorTotal": 442.1,
                 "valores": [{"codigo": "101", "descricao": "Produção", "valor": 12029.8}]}]
}"##;

#[test]
fn valid_payload_decodes_with_exact_money() {
    let value = Demonstrativo::from_json_str(VALID).unwrap();
    assert_eq!(value.valor_total.to_string(), "1257.99");
    assert_eq!(value.registros[0].valores[0].codigo, "101");
    assert!(value.validate().is_ok());
    // And it serializes back to the same wire shape, money as a JSON number.
    let back = serde_json::to_value(&value).unwrap();
    assert_eq!(back["valorTotal"], serde_json::json!(1257.99));
    assert_eq!(back["dataPagamento"], "2024-08-01");
}

#[test]
fn every_violation_is_reported_at_once() {
    let json = r##"{
      "Titulo": "x", "subtitulo": "  ", "tituloTotalizador": null,
      "valorTotal": "1257.99", "dataPagamento": "01/08/2024",
      "registros": [
        {"titulo": "a", "cor": "FF0000", "valorTotal": 1, "valores": [{"codigo": 101, "descricao": "d", "valor": 1}]},
        {"titulo": "b", "valorTotal": 2, "valores": [{"codigo": "1", "descricao": "", "valor": 1, "extra": true}], "subtitulo": "x"}
      ]
    }"##;
    let report = Demonstrativo::from_json_str(json).unwrap_err();
    let mut found = pairs(&report);
    found.sort();
    let mut expected = vec![
        ("/Titulo".to_owned(), "unknown_attribute"),
        ("/subtitulo".to_owned(), "blank"),
        ("/tituloTotalizador".to_owned(), "mandatory"),
        ("/valorTotal".to_owned(), "type"),
        ("/dataPagamento".to_owned(), "format"),
        ("/registros/0/cor".to_owned(), "format"),
        ("/registros/0/valores/0/codigo".to_owned(), "type"),
        ("/registros/1/valores/0/descricao".to_owned(), "blank"),
        (
            "/registros/1/valores/0/extra".to_owned(),
            "unknown_attribute",
        ),
        ("/registros/1/subtitulo".to_owned(), "unknown_attribute"),
        ("/titulo".to_owned(), "mandatory"),
    ];
    expected.sort();
    assert_eq!(found, expected, "{report}");
    let unknown = report.iter().find(|v| v.path() == "/Titulo").unwrap();
    assert_eq!(
        unknown.message(),
        "atributo 'Titulo' não reconhecido; você quis dizer 'titulo'?"
    );
    assert_eq!(
        unknown.message_in(Lang::En),
        "unknown attribute 'Titulo'; did you mean 'titulo'?"
    );
}

#[test]
fn malformed_json_is_one_syntax_violation_with_position() {
    let report =
        Valor::from_json_str("{\"codigo\": \"1\",\n \"descricao\": \"x\",\n}").unwrap_err();
    assert_eq!(pairs(&report), [(String::new(), "syntax")]);
    let message = report.iter().next().unwrap().message();
    assert!(
        message.starts_with("JSON malformado na linha 3, coluna 1"),
        "{message}"
    );
}

#[test]
fn hostile_inputs_are_violations_not_panics() {
    let cases: Vec<(Vec<u8>, &str, Rule)> = vec![
        (b"{\"codigo\": \"\xff\xfe\"}".to_vec(), "", Rule::Syntax),
        (b"".to_vec(), "", Rule::Syntax),
        (b"[]".to_vec(), "", Rule::Type),
        (b"null".to_vec(), "", Rule::Type),
        (b"\"x\"".to_vec(), "", Rule::Type),
        (b"{} {}".to_vec(), "", Rule::Syntax),
        (
            br#"{"codigo": "1", "descricao": "d", "valor": 1e400}"#.to_vec(),
            "/valor",
            Rule::Range,
        ),
        (
            br#"{"idForm": 99999999999999999999}"#.to_vec(),
            "/idForm",
            Rule::Range,
        ),
        (br#"{"idForm": 1.5}"#.to_vec(), "/idForm", Rule::Type),
        (br#"{"idForm": "12"}"#.to_vec(), "/idForm", Rule::Type),
        (
            br#"{"idForm": 1, "idForm": 2}"#.to_vec(),
            "/idForm",
            Rule::DuplicateAttribute,
        ),
        (
            br#"{"idForm": 1, "rascunho": "true"}"#.to_vec(),
            "/rascunho",
            Rule::Type,
        ),
        (
            br#"{"idForm": 1, "integracao": []}"#.to_vec(),
            "/integracao",
            Rule::Type,
        ),
    ];
    for (bytes, path, rule) in cases {
        let report = match std::str::from_utf8(&bytes) {
            Ok(text) if text.contains("idForm") => Pedido::from_json_slice(&bytes).unwrap_err(),
            _ => Valor::from_json_slice(&bytes).unwrap_err(),
        };
        assert!(
            report.iter().any(|v| v.path() == path && v.rule() == rule),
            "{:?}: {report}",
            String::from_utf8_lossy(&bytes)
        );
    }
}

#[test]
fn deep_nesting_is_a_depth_violation() {
    let deep = format!(
        "{{\"idForm\": 1, \"integracao\": {{\"a\": {}{}}}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let report = Pedido::from_json_str(&deep).unwrap_err();
    assert_eq!(pairs(&report), [(String::new(), "depth")]);
}

#[test]
fn optional_values_may_be_null_or_absent_and_free_objects_take_anything() {
    let value = Pedido::from_json_str(
        r#"{"idForm": 7, "integracao": {"xpto": [1, {"y": null}]}, "rascunho": null}"#,
    )
    .unwrap();
    assert_eq!(value.id_form, 7);
    assert_eq!(value.rascunho, None);
    assert!(value.integracao.unwrap().contains_key("xpto"));
}

#[test]
fn empty_mandatory_array_is_present() {
    let value =
        Registro::from_json_str(r#"{"titulo": "t", "valorTotal": 0, "valores": []}"#).unwrap();
    assert!(value.valores.is_empty());
}

#[test]
fn validate_checks_values_built_in_code() {
    let registro = Registro {
        titulo: " ".into(),
        icone: None,
        cor: Some("red".into()),
        valor_total: f64::NAN,
        valores: vec![Valor {
            codigo: "".into(),
            descricao: "d".into(),
            valor: 1.0,
        }],
    };
    let report = registro.validate().unwrap_err();
    let mut found = pairs(&report);
    found.sort();
    assert_eq!(
        found,
        [
            ("/cor".to_owned(), "format"),
            ("/titulo".to_owned(), "blank"),
            ("/valorTotal".to_owned(), "range"),
            ("/valores/0/codigo".to_owned(), "blank"),
        ]
    );
}

#[test]
fn report_serializes_and_displays_in_both_languages() {
    let report = Valor::from_json_str(r#"{"codigo": "1", "descricao": "x"}"#).unwrap_err();
    let json = report.to_json(Lang::En);
    assert_eq!(json[0]["path"], "/valor");
    assert_eq!(json[0]["rule"], "mandatory");
    assert_eq!(
        json[0]["message"],
        "mandatory (M) attribute 'valor' is missing; add it with a value"
    );
    assert_eq!(
        report.to_string(),
        "1 violação:\n  /valor: atributo obrigatório (M) 'valor' ausente; inclua-o com um valor [mandatory]\n"
    );
}

#[test]
fn serde_deserialize_can_be_routed_through_the_validator() {
    #[derive(Debug, Decode, Validate)]
    #[mosia(deserialize)]
    struct Falha {
        mensagem: String,
    }
    let error = serde_json::from_str::<Falha>(r#"{"message": "x"}"#)
        .unwrap_err()
        .to_string();
    assert!(error.contains("você quis dizer 'mensagem'"), "{error}");
    assert!(error.contains("/mensagem"), "{error}");
    assert_eq!(
        serde_json::from_str::<Falha>(r#"{"mensagem": "ok"}"#)
            .unwrap()
            .mensagem,
        "ok"
    );
}

#[test]
fn json_pointer_segments_are_escaped() {
    #[derive(Debug, Decode, Validate)]
    struct Livre {
        mapa: std::collections::BTreeMap<String, Valor>,
    }
    let report = Livre::from_json_str(r#"{"mapa": {"a/b~c": {"codigo": "1", "descricao": "x"}}}"#)
        .unwrap_err();
    assert_eq!(
        pairs(&report),
        [("/mapa/a~1b~0c/valor".to_owned(), "mandatory")]
    );
}

#[test]
fn validate_refuses_dates_the_wire_would_change_and_keeps_every_decimal() {
    use codegen_runtime::chrono::NaiveDate;
    use std::str::FromStr;
    let far = NaiveDate::from_ymd_opt(10_000, 1, 1).unwrap();
    assert_eq!(
        far.validate().unwrap_err().iter().next().unwrap().rule(),
        Rule::Format
    );
    assert!(NaiveDate::from_ymd_opt(2024, 2, 29)
        .unwrap()
        .validate()
        .is_ok());
    // Decimals travel digit for digit (`json_decimal`), so none is refused.
    let precise = Decimal::from_str("0.12345678901234567890123").unwrap();
    assert!(precise.validate().is_ok());
    #[derive(Serialize)]
    struct Wire {
        #[serde(with = "codegen_runtime::json_decimal")]
        v: Decimal,
    }
    assert_eq!(
        serde_json::to_string(&Wire { v: precise }).unwrap(),
        r#"{"v":0.12345678901234567890123}"#
    );
    assert!(Decimal::from_str("1257.99").unwrap().validate().is_ok());
    assert!(Decimal::from_str("1257.990").unwrap().validate().is_ok());
}

#[test]
fn rename_all_follows_serde_exactly() {
    #[derive(Debug, PartialEq, Serialize, Decode, Validate)]
    #[serde(rename_all = "snake_case")]
    enum Meio {
        Pix,
        PIX2,
        CartaoCredito,
    }

    #[derive(Debug, PartialEq, Serialize, Decode, Validate)]
    #[serde(rename_all = "SCREAMING-KEBAB-CASE")]
    struct Pagamento {
        meio_de_pagamento: Meio,
        outros: Vec<Meio>,
    }

    let value = Pagamento {
        meio_de_pagamento: Meio::PIX2,
        outros: vec![Meio::Pix, Meio::CartaoCredito],
    };
    // Whatever serde writes, the decoder reads back.
    let json = serde_json::to_string(&value).unwrap();
    assert_eq!(
        json,
        r#"{"MEIO-DE-PAGAMENTO":"p_i_x2","outros":["pix","cartao_credito"]}"#
            .replace("outros", "OUTROS")
    );
    assert_eq!(Pagamento::from_json_str(&json).unwrap(), value);
}

#[test]
fn huge_numbers_of_violations_are_counted_not_all_listed() {
    #[derive(Debug, Decode, Validate)]
    struct Lista {
        itens: Vec<Valor>,
    }
    let body = format!("{{\"itens\": [{}1]}}", "1,".repeat(4_999));
    let report = Lista::from_json_str(&body).unwrap_err();
    assert_eq!(report.len(), codegen_runtime::MAX_VIOLATIONS);
    assert_eq!(report.total(), 5_000);
    assert_eq!(report.omitted(), 4_000);
    let text = report.to_string();
    assert!(text.starts_with("5000 violações:"), "{}", &text[..40]);
    assert!(text
        .trim_end()
        .ends_with("… e mais 4000 não listadas (limite de 1000 por relatório)"));
}

#[test]
fn past_the_violation_cap_unknown_names_cost_no_suggestion() {
    // 200,000 distinct unknown attributes, each close to a declared name:
    // only the first 1,000 get a suggestion computed, the rest are counted.
    let mut body = String::from("{");
    for i in 0..200_000 {
        body.push_str(&format!("\"codigo{i}\": 1,"));
    }
    body.push_str("\"codigo\": \"1\", \"descricao\": \"d\", \"valor\": 1}");
    let started = std::time::Instant::now();
    let report = Valor::from_json_str(&body).unwrap_err();
    let elapsed = started.elapsed();
    assert_eq!(report.len(), codegen_runtime::MAX_VIOLATIONS);
    assert_eq!(report.total(), 200_000);
    // Debug build on a shared 2-core machine: ~0.3 s; suggesting for every
    // name took seconds.
    assert!(elapsed < std::time::Duration::from_secs(3), "{elapsed:?}");
}

/// Found by fuzzing (`fuzz/`, target `parity`): serde_json's default float
/// parser is not correctly rounded, so a free-form number or an `f64` field
/// could decode one ULP away from the number sent (`1.5e+303` as
/// `1.5000000000000002e303`), and a decoded value, serialized and decoded
/// again, changed. The runtime turns on serde_json's `float_roundtrip`.
#[test]
fn free_form_numbers_are_the_nearest_f64_and_round_trip() {
    for text in [
        "1.5e+303",
        "1.5000000000000002e+303",
        "2.2250738585072011e-308",
        "0.1",
    ] {
        let expected: f64 = text.parse().unwrap();
        let value = Value::from_json_str(text).unwrap();
        assert_eq!(value.as_f64(), Some(expected), "{text}");
        let map = Map::<String, Value>::from_json_str(&format!(r#"{{"v": {text}}}"#)).unwrap();
        assert_eq!(map["v"].as_f64(), Some(expected), "{text} in an object");
        let again = Value::from_json_str(&codegen_runtime::serde_json::to_string(&value).unwrap());
        assert_eq!(again.unwrap(), value, "{text} round trip");
        // Typed `f64` fields are read by the same parser.
        let body = format!(r#"{{"codigo": "a", "descricao": "b", "valor": {text}}}"#);
        assert_eq!(
            Valor::from_json_str(&body).unwrap().valor,
            expected,
            "{text} as f64"
        );
    }
}
