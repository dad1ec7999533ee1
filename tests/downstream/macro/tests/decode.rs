//! The page's example payloads through the generated types.

use codegen_runtime::Decode;
use downstream_macro::{violations, CriarOcorrencia, Solicitante};

#[test]
fn a_valid_body_decodes() {
    let body = br#"{
        "idTipoOcorrencia": 12,
        "solicitante": {"nome": "Everson", "chaveUnica": "everson@mobilesaude.com.br"},
        "anotacao": "Segunda via do boleto"
    }"#;
    let ocorrencia = CriarOcorrencia::from_json_slice(body).unwrap();
    assert_eq!(ocorrencia.id_tipo_ocorrencia, 12);
    assert_eq!(
        ocorrencia.anotacao.as_deref(),
        Some("Segunda via do boleto")
    );
    assert!(violations(body).is_empty());
}

#[test]
fn every_violation_is_reported_with_its_path() {
    let body = br#"{
        "idTipoOcorrencia": "doze",
        "solicitante": {"nome": " ", "chaveUnica": "e@x.com", "emial": "e@x.com"}
    }"#;
    let found = violations(body);
    let paths: Vec<&str> = found.iter().map(|(path, _)| path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/idTipoOcorrencia",
            "/solicitante/emial",
            "/solicitante/nome"
        ],
        "{found:?}"
    );
    let report = CriarOcorrencia::from_json_slice(body).unwrap_err();
    // "você quis dizer 'email'?"
    assert!(report.to_string().contains("email"), "{report}");
}

#[test]
fn the_extra_derive_is_there() {
    assert_eq!(Solicitante::default().email, None);
}
