//! A page whose types take the names the generated code uses (`Value`,
//! `Error`, `Failure`, `Transport`, `Routes`, `Decimal`, `Client`, …)
//! generates code that compiles warning-free (CI's clippy covers it) and
//! means what it says: the spec's types where the page names them, the
//! runtime's items everywhere else.

use codegen_runtime::rust_decimal::Decimal as RustDecimal;
use codegen_runtime::Decode;
use mosia_tests::names::nomes::{self, Failure, Transport, Value};

#[test]
fn spec_types_keep_their_names() {
    let pedido = Transport::from_json_str(
        r#"{"valor": 12345678901234567.89, "dados": {"data": "2024-02-29"}}"#,
    )
    .unwrap();
    let exact: RustDecimal = "12345678901234567.89".parse().unwrap();
    assert_eq!(pedido.valor, exact);
    assert!(pedido.dados.unwrap().data.is_some());

    let value = Value::from_json_str(r#"{"decimal": {"quantia": 1.5}}"#).unwrap();
    assert_eq!(value.decimal.quantia, "1.5".parse::<RustDecimal>().unwrap());
}

#[test]
fn the_client_and_the_server_use_the_spec_types() {
    // The operations have different base URLs (the operator's has none),
    // so the constructor takes one; no header is mandatory in both.
    let client = nomes::client::Client::new("https://api.exemplo-mosia.test").unwrap();
    assert_eq!(
        client.transport().base_url(),
        "https://api.exemplo-mosia.test"
    );

    struct Operadora;
    impl nomes::server::Operadora for Operadora {
        async fn enviar_pedido(
            &self,
            _context: codegen_runtime::server::RequestContext,
            request: Transport,
        ) -> Result<Value, codegen_runtime::server::Failure<Failure>> {
            Ok(Value {
                decimal: nomes::Decimal {
                    quantia: request.valor,
                },
            })
        }
    }
    let _router: codegen_runtime::server::Router = nomes::server::operadora_router(Operadora);
}
