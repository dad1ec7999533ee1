//! Types that hold themselves generate code that compiles (boxed where held
//! directly) and decodes nested payloads, with the same verdict as the
//! IR-driven validator.

use codegen::ir::Part;
use codegen_runtime::{Decode, Validate};
use mosia_tests::recursive::arvore::No;

const NESTED: &str = r#"{
  "nome": "raiz",
  "pai": {"nome": "acima", "pai": {"nome": "mais acima"}},
  "filhos": [
    {"nome": "a", "filhos": [{"nome": "a1"}, {"nome": "a2", "grupo": {"titulo": "g", "lider": {"nome": "l"}}}]},
    {"nome": "b"}
  ],
  "grupo": {"titulo": "g", "lider": {"nome": "l", "pai": {"nome": "p"}}}
}"#;

fn ir_pairs(body: &str) -> Vec<(String, String)> {
    let api = codegen::loader::load_dir(&mosia_tests::recursive_spec_dir()).unwrap();
    let (module, operation) = codegen::validator::find_operation(&api, "cadastrarArvore").unwrap();
    let ty = codegen::validator::part_type(operation, Part::Request).unwrap();
    mosia_tests::report_pairs(&codegen::validator::validate(module, ty, body.as_bytes()))
}

#[test]
fn nested_payloads_decode_through_boxed_fields() {
    let no = No::from_json_str(NESTED).unwrap();
    let pai: &No = no.pai.as_deref().unwrap();
    assert_eq!(pai.pai.as_ref().unwrap().nome, "mais acima");
    let filhos = no.filhos.as_ref().unwrap();
    assert_eq!(filhos[0].filhos.as_ref().unwrap()[1].nome, "a2");
    let grupo = no.grupo.as_ref().unwrap();
    assert_eq!(grupo.lider.pai.as_ref().unwrap().nome, "p");
    assert!(no.validate().is_ok());
    // Serialized and read back, the same tree.
    let json = serde_json::to_string(&no).unwrap();
    assert_eq!(No::from_json_str(&json).unwrap(), no);
    assert!(ir_pairs(NESTED).is_empty());
}

#[test]
fn violations_deep_inside_are_reported_where_they_are() {
    let body = NESTED
        .replace(r#""nome": "mais acima""#, r#""nome": " ""#)
        .replace(r#""lider": {"nome": "l"}"#, r#""lider": {"Nome": "l"}"#);
    let report = No::from_json_str(&body).unwrap_err();
    let pairs = mosia_tests::report_pairs(&report);
    assert_eq!(
        pairs,
        [
            (
                "/filhos/0/filhos/1/grupo/lider/Nome".to_owned(),
                "unknown_attribute".to_owned()
            ),
            (
                "/filhos/0/filhos/1/grupo/lider/nome".to_owned(),
                "mandatory".to_owned()
            ),
            ("/pai/pai/nome".to_owned(), "blank".to_owned()),
        ]
    );
    assert_eq!(ir_pairs(&body), pairs);
}
