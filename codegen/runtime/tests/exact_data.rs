//! Exact data: money and integers come out exactly as sent (or are refused
//! as `range`), free-form objects are read as carefully as declared ones.
//! Each case failed before money and integers were read from their text.

use std::str::FromStr;

use codegen_runtime::rust_decimal::Decimal;
use codegen_runtime::{Decode, Report, Validate};
use mosia_api::criar_ocorrencia::CriarOcorrencia;
use mosia_api::demonstrativo_pagamento_detalhe::{Demonstrativo, DetalheRequest};
use proptest::prelude::*;

fn pairs(report: &Report) -> Vec<(String, &'static str)> {
    report
        .iter()
        .map(|v| (v.path().to_owned(), v.rule().code()))
        .collect()
}

fn demonstrativo(valor_total: &str) -> String {
    format!(
        r#"{{"titulo": "Pagamento Mensal", "subtitulo": "2024-08", "tituloTotalizador": "Mensalidade",
            "valorTotal": {valor_total}, "dataPagamento": "2024-08-01",
            "registros": [{{"titulo": "Créditos", "valorTotal": {valor_total},
                            "valores": [{{"codigo": "1", "descricao": "x", "valor": {valor_total}}}]}}]}}"#
    )
}

fn ocorrencia(id: &str, extra: &str) -> String {
    format!(
        r#"{{"idTipoOcorrencia": {id}, "solicitante": {{"nome": "Everson", "chaveUnica": "e@x.br"}}{extra}}}"#
    )
}

#[test]
fn money_keeps_every_digit() {
    for (sent, held) in [
        ("12345678901234567.89", "12345678901234567.89"),
        ("99999999999999999999999999", "99999999999999999999999999"),
        (
            "79228162514264337593543950335",
            "79228162514264337593543950335",
        ),
        ("0.00001e33", "10000000000000000000000000000"),
        ("1257.99", "1257.99"),
        ("-150.75", "-150.75"),
        ("1.50", "1.50"),
        ("1E+2", "100"),
    ] {
        let value = Demonstrativo::from_json_str(&demonstrativo(sent)).unwrap();
        assert_eq!(value.valor_total.to_string(), held, "{sent}");
        assert_eq!(value.registros[0].valores[0].valor.to_string(), held);
        // And back out, digit for digit, as a JSON number.
        let json = serde_json::to_string(&value).unwrap();
        assert!(json.contains(&format!(r#""valorTotal":{held}"#)), "{json}");
        assert_eq!(Demonstrativo::from_json_str(&json).unwrap(), value);
    }
}

#[test]
fn money_a_decimal_cannot_hold_is_range_and_decoding_goes_on() {
    for sent in [
        "1e-29",
        "79228162514264337593543950336",
        "1e400",
        "-1e29",
        "0.12345678901234567890123456789",
    ] {
        let body = demonstrativo(sent).replace(r#""Créditos""#, r#""""#);
        let report = Demonstrativo::from_json_str(&body).unwrap_err();
        assert_eq!(
            pairs(&report),
            [
                ("/valorTotal".to_owned(), "range"),
                ("/registros/0/valorTotal".to_owned(), "range"),
                ("/registros/0/valores/0/valor".to_owned(), "range"),
                // Criteria are applied once an object has been read.
                ("/registros/0/titulo".to_owned(), "blank"),
            ],
            "{sent}"
        );
    }
}

#[test]
fn minus_zero_is_an_integer_and_fractions_are_not() {
    let value = CriarOcorrencia::from_json_str(&ocorrencia("-0", "")).unwrap();
    assert_eq!(value.id_tipo_ocorrencia, 0);
    for sent in ["-0.0", "-11200.0", "1.0", "1e2"] {
        let report = CriarOcorrencia::from_json_str(&ocorrencia(sent, "")).unwrap_err();
        assert_eq!(
            pairs(&report),
            [("/idTipoOcorrencia".to_owned(), "type")],
            "{sent}"
        );
    }
    for sent in [
        "9223372036854775808",
        "-9223372036854775809",
        "1e30",
        "1e400",
    ] {
        let report = CriarOcorrencia::from_json_str(&ocorrencia(sent, "")).unwrap_err();
        assert_eq!(
            pairs(&report),
            [("/idTipoOcorrencia".to_owned(), "range")],
            "{sent}"
        );
    }
    let value = CriarOcorrencia::from_json_str(&ocorrencia("-9223372036854775808", "")).unwrap();
    assert_eq!(value.id_tipo_ocorrencia, i64::MIN);
}

#[test]
fn other_kinds_where_a_number_is_wanted_are_type_errors() {
    for (sent, found) in [
        (r#""12""#, "texto"),
        ("true", "booleano"),
        ("[1]", "array"),
        (r#"{"a": 1}"#, "objeto"),
    ] {
        let report = CriarOcorrencia::from_json_str(&ocorrencia(sent, "")).unwrap_err();
        assert_eq!(pairs(&report), [("/idTipoOcorrencia".to_owned(), "type")]);
        assert!(report.to_string().contains(found), "{report}");
    }
    let report = CriarOcorrencia::from_json_str(&ocorrencia("null", "")).unwrap_err();
    assert_eq!(
        pairs(&report),
        [("/idTipoOcorrencia".to_owned(), "mandatory")]
    );
}

#[test]
fn a_deep_value_where_a_number_is_wanted_still_hits_the_depth_limit() {
    // Read as raw text, the value is skipped without serde_json's own depth
    // check: the runtime applies it.
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    let report = CriarOcorrencia::from_json_str(&ocorrencia(&deep, "")).unwrap_err();
    assert_eq!(pairs(&report), [(String::new(), "depth")]);
    // Exactly at the limit: the root object is level 1, so 126 more levels
    // are still a plain type error, 127 are too deep.
    let fits = format!("{}{}", "[".repeat(126), "]".repeat(126));
    let report = CriarOcorrencia::from_json_str(&ocorrencia(&fits, "")).unwrap_err();
    assert_eq!(pairs(&report), [("/idTipoOcorrencia".to_owned(), "type")]);
    let over = format!("{}{}", "[".repeat(127), "]".repeat(127));
    let report = CriarOcorrencia::from_json_str(&ocorrencia(&over, "")).unwrap_err();
    assert_eq!(pairs(&report), [(String::new(), "depth")]);
}

#[test]
fn free_form_objects_refuse_duplicate_keys_at_any_depth() {
    let body = r#"{"chavePagamento": "p", "chaveUnica": "u",
                   "integracao": {"x": 1, "x": 2, "n": {"y": [{"z": 1, "z": 1}]}}}"#;
    let report = DetalheRequest::from_json_str(body).unwrap_err();
    assert_eq!(
        pairs(&report),
        [
            ("/integracao/x".to_owned(), "duplicate_attribute"),
            ("/integracao/n/y/0/z".to_owned(), "duplicate_attribute"),
        ]
    );
    assert!(report.to_string().contains("atributo 'x' repetido"));
    // Distinct keys, any nesting: accepted and handed back whole.
    let body = r#"{"chavePagamento": "p", "chaveUnica": "u",
                   "integracao": {"x": 1, "y": {"x": [null, {"x": "1"}]}, "z": null}}"#;
    let value = DetalheRequest::from_json_str(body).unwrap();
    assert_eq!(
        serde_json::to_value(value.integracao.unwrap()).unwrap(),
        serde_json::json!({"x": 1, "y": {"x": [null, {"x": "1"}]}, "z": null})
    );
}

#[test]
fn a_number_out_of_range_inside_a_free_form_object_is_reported_where_it_is() {
    // A number beyond f64 stops the parser: what was found before it is kept.
    let body =
        r#"{"chavePagamento": 5, "chaveUnica": "u", "integracao": {"a": {"b": [0, 1e400]}}}"#;
    let report = DetalheRequest::from_json_str(body).unwrap_err();
    if arbitrary_precision() {
        // serde_json's `Value` then holds any number's text: nothing to refuse.
        assert_eq!(pairs(&report), [("/chavePagamento".to_owned(), "type")]);
    } else {
        assert_eq!(
            pairs(&report),
            [
                ("/chavePagamento".to_owned(), "type"),
                ("/integracao/a/b/1".to_owned(), "range"),
            ]
        );
    }
}

#[test]
fn the_serde_path_keeps_digits_where_serde_json_has_the_text() {
    // `#[mosia(deserialize)]`: serde_json's own deserializer hands the text over.
    let body = demonstrativo("12345678901234567.89");
    let value: Demonstrativo = serde_json::from_str(&body).unwrap();
    assert_eq!(value.valor_total.to_string(), "12345678901234567.89");
    let value: Demonstrativo = serde_json::from_slice(body.as_bytes()).unwrap();
    assert_eq!(value.valor_total.to_string(), "12345678901234567.89");
    // A reader: the text is copied out instead of borrowed, still exact.
    let value: Demonstrativo = serde_json::from_reader(body.as_bytes()).unwrap();
    assert_eq!(value.valor_total.to_string(), "12345678901234567.89");
    // Through `serde_json::Value` the number is an f64 (unless serde_json's
    // `arbitrary_precision` is on): documented, and what happens is this.
    let through_value: serde_json::Value = serde_json::from_str(&body).unwrap();
    let value: Demonstrativo = serde_json::from_value(through_value).unwrap();
    if arbitrary_precision() {
        assert_eq!(value.valor_total.to_string(), "12345678901234567.89");
    } else {
        assert_eq!(value.valor_total.to_string(), "12345678901234568");
    }
}

/// serde_json with `arbitrary_precision` keeps a number's text in `Value`.
fn arbitrary_precision() -> bool {
    serde_json::from_str::<serde_json::Value>("1.10")
        .unwrap()
        .to_string()
        .eq("1.10")
}

#[test]
fn decimals_validate_and_serialize_exactly() {
    let mut value = Demonstrativo::from_json_str(&demonstrativo("1")).unwrap();
    value.valor_total = Decimal::from_str("0.1234567890123456789012345678").unwrap();
    assert!(value.validate().is_ok());
    let json = serde_json::to_string(&value).unwrap();
    assert!(json.contains(r#""valorTotal":0.1234567890123456789012345678"#));
}

/// A decimal written in one of the JSON number forms that denote it.
fn spellings(value: Decimal) -> Vec<String> {
    let plain = value.to_string();
    let negative = value.is_sign_negative() && !value.is_zero();
    let digits = value.mantissa().unsigned_abs().to_string();
    let sign = if negative { "-" } else { "" };
    let scale = value.scale() as i64;
    let mut forms = vec![
        plain.clone(),
        // Mantissa and exponent: 12345e-2.
        format!("{sign}{digits}e-{scale}"),
        format!("{sign}{digits}E{}", -scale),
        // Shifted into a fraction: 0.12345e3.
        format!("{sign}0.{digits}e{}", digits.len() as i64 - scale),
        format!("{sign}0.{digits}E{:+}", digits.len() as i64 - scale),
    ];
    // Trailing zeros, within and beyond what a Decimal keeps.
    if plain.contains('.') {
        forms.push(format!("{plain}000"));
    } else {
        forms.push(format!("{plain}.000"));
    }
    if value.is_zero() {
        forms.push(format!("0.000e-{}", scale));
        forms.push("-0".to_owned());
        forms.push("-0.0e-50".to_owned());
    } else {
        forms.push(format!("{sign}{digits}000e-{}", scale + 3));
    }
    forms
}

fn any_decimal() -> impl Strategy<Value = Decimal> {
    (
        prop_oneof![
            // Whole 96-bit range, and small, money-like mantissas.
            (0u128..(1u128 << 96)),
            (0u128..100_000_000u128),
            Just((1u128 << 96) - 1),
            Just(0u128),
        ],
        0u32..=28,
        any::<bool>(),
    )
        .prop_map(|(mantissa, scale, negative)| {
            let mantissa = i128::try_from(mantissa).unwrap();
            Decimal::from_i128_with_scale(if negative { -mantissa } else { mantissa }, scale)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn every_decimal_round_trips_in_every_spelling(value in any_decimal()) {
        for text in spellings(value) {
            let decoded = Demonstrativo::from_json_str(&demonstrativo(&text))
                .map_err(|report| TestCaseError::fail(format!("{text}: {report}")))?;
            prop_assert_eq!(decoded.valor_total, value, "{}", text);
            // Re-encoded, it decodes to the same value again.
            let json = serde_json::to_string(&decoded).unwrap();
            let again = Demonstrativo::from_json_str(&json)
                .map_err(|report| TestCaseError::fail(format!("{json}: {report}")))?;
            prop_assert_eq!(again.valor_total, value);
            prop_assert_eq!(again, decoded);
        }
    }

    #[test]
    fn integers_round_trip(value in any::<i64>()) {
        let decoded = CriarOcorrencia::from_json_str(&ocorrencia(&value.to_string(), "")).unwrap();
        prop_assert_eq!(decoded.id_tipo_ocorrencia, value);
    }
}

#[test]
fn building_and_checking_report_the_same_repeated_keys() {
    // The first `a` holds a repeat itself (so it is not kept); the second
    // `a` is still a repeat, whether values are built or only checked.
    let body = br#"{"chavePagamento":"a","chaveUnica":"b","integracao":{"a":{"x":1,"x":2},"a":3}}"#;
    let built = DetalheRequest::from_json_slice(body).unwrap_err();
    let checked = codegen_runtime::walk_json_slice(
        body,
        codegen_runtime::Expected::Object,
        || None,
        |deserializer, cx| {
            cx.discard_values();
            <DetalheRequest as Decode>::decode(deserializer, cx)
        },
    )
    .unwrap_err();
    let expected = [
        ("/integracao/a/x".to_owned(), "duplicate_attribute"),
        ("/integracao/a".to_owned(), "duplicate_attribute"),
    ];
    assert_eq!(pairs(&built), expected);
    assert_eq!(pairs(&checked), expected);
}

#[test]
fn integers_in_range_written_as_decimals_are_type_errors_not_range() {
    for sent in [
        "9223372036854775807.0",
        "-9223372036854775808e+00",
        "92233720368547758070e-1",
    ] {
        let report = CriarOcorrencia::from_json_str(&ocorrencia(sent, "")).unwrap_err();
        assert_eq!(
            pairs(&report),
            [("/idTipoOcorrencia".to_owned(), "type")],
            "{sent}"
        );
    }
}

/// A Float written as a long integer literal gets the f64 nearest its text:
/// f64::MAX written out in full is f64::MAX, not infinity (`range`), which
/// is what serde_json gives without its `float_roundtrip` feature (found by
/// schemathesis).
#[test]
fn a_float_written_as_a_long_integer_is_its_nearest_f64() {
    #[derive(Debug, serde::Serialize, Decode, Validate)]
    struct Medida {
        valor: f64,
    }
    let max = format!("{:.0}", f64::MAX);
    assert_eq!(max.len(), 309);
    let medida = Medida::from_json_str(&format!(r#"{{"valor": {max}}}"#)).unwrap();
    assert_eq!(medida.valor, f64::MAX);
    let medida =
        Medida::from_json_str(r#"{"valor": 0.1000000000000000055511151231257827}"#).unwrap();
    assert_eq!(medida.valor, 0.1);
}
