//! Arrays whose elements carry a format generate: `Vec<Decimal>` written
//! and read digit for digit (`json_decimal::vec`, `option_vec`), and
//! `Vec<NaiveDate>`, with the same verdicts as the IR-driven validator.

use codegen::ir::Part;
use codegen_runtime::{Decode, Validate};
use mosia_tests::arrays::listas::Valores;

fn ir_pairs(body: &str) -> Vec<(String, String)> {
    let api = codegen::loader::load_dir(&mosia_tests::arrays_spec_dir()).unwrap();
    let (module, operation) = codegen::validator::find_operation(&api, "registrarValores").unwrap();
    let ty = codegen::validator::part_type(operation, Part::Request).unwrap();
    mosia_tests::report_pairs(&codegen::validator::validate(module, ty, body.as_bytes()))
}

fn generated_pairs(body: &str) -> Vec<(String, String)> {
    match Valores::from_json_str(body) {
        Ok(_) => Vec::new(),
        Err(report) => mosia_tests::report_pairs(&report),
    }
}

#[test]
fn arrays_of_decimals_and_dates_round_trip_exactly() {
    let body =
        r#"{"valores":[12345678901234567.89,1.50,0],"descontos":[0.10],"datas":["2024-02-29"]}"#;
    let valores = Valores::from_json_str(body).unwrap();
    assert_eq!(valores.valores[0].to_string(), "12345678901234567.89");
    assert_eq!(valores.datas.as_ref().unwrap()[0].to_string(), "2024-02-29");
    assert!(valores.validate().is_ok());
    assert_eq!(serde_json::to_string(&valores).unwrap(), body);
    assert!(ir_pairs(body).is_empty());

    let minimal = Valores::from_json_str(r#"{"valores":[]}"#).unwrap();
    assert_eq!(
        serde_json::to_string(&minimal).unwrap(),
        r#"{"valores":[]}"#
    );
}

#[test]
fn bad_elements_are_reported_at_their_index_like_the_validator_does() {
    for body in [
        r#"{"valores":["1.5", 2]}"#,
        r#"{"valores":[1e-29]}"#,
        r#"{"valores":[1], "datas":["2024-02-30", "x"]}"#,
        r#"{"valores":null, "descontos":[null]}"#,
    ] {
        let generated = generated_pairs(body);
        assert!(!generated.is_empty(), "{body}");
        assert_eq!(generated, ir_pairs(body), "{body}");
    }
}
