//! Payloads for the benchmarks and the agreement tests, built
//! deterministically so every run measures the same bytes.

use serde_json::{json, Value};

/// The page's response example with its one violation (`subtitulo` on a
/// registro, which the table lacks) removed.
pub fn doc_response_valid() -> Value {
    json!({
      "titulo": "Pagamento Mensal",
      "subtitulo": "2024-08",
      "tituloTotalizador": "Mensalidade",
      "valorTotal": 1257.99,
      "dataPagamento": "2024-08-01",
      "registros": [
        {
          "titulo": "Créditos", "icone": "icon_plus", "cor": "#FF0000", "valorTotal": 442.1,
          "valores": [
            { "codigo": "101", "descricao": "Produção", "valor": 12029.8 },
            { "codigo": "105", "descricao": "Repasse Particulares", "valor": 1200.9 }
          ]
        },
        {
          "titulo": "Débitos", "icone": "icon_minus", "cor": "#FF0000", "valorTotal": 442.2,
          "valores": [
            { "codigo": "101", "descricao": "Imposto de Renda", "valor": 12029.8 },
            { "codigo": "105", "descricao": "INSS", "valor": 1200.9 }
          ]
        },
        {
          "titulo": "Outras informações", "cor": "#FF0000", "valorTotal": 442.2,
          "valores": [
            { "codigo": "101", "descricao": "Crédito", "valor": 12029.8 },
            { "codigo": "101", "descricao": "Capitalização", "valor": 12029.8 },
            { "codigo": "101", "descricao": "Deduções autorizadas", "valor": 12029.8 },
            { "codigo": "101", "descricao": "Deduções legais", "valor": 12029.8 }
          ]
        }
      ]
    })
}

/// A valid response of at least `target_bytes`: thousands of `registros`,
/// each with a few `valores`, like a large operator's monthly statement.
pub fn large_response(target_bytes: usize) -> Vec<u8> {
    let mut registros = Vec::new();
    let mut size = 0;
    let mut i: u64 = 0;
    while size < target_bytes {
        let valores: Vec<Value> = (0..4)
            .map(|j| {
                json!({
                    "codigo": format!("{}", 100 + (i * 7 + j) % 900),
                    "descricao": format!("Procedimento {} - consulta em consultório (no horário normal)", i * 4 + j),
                    "valor": ((i * 4 + j) % 100_000) as f64 / 100.0 + 10.25,
                })
            })
            .collect();
        let registro = json!({
            "titulo": format!("Registro {i}"),
            "icone": if i % 2 == 0 { "icon_plus" } else { "icon_minus" },
            "cor": format!("#{:06X}", (i * 2_654_435_761) % 0x100_0000),
            "valorTotal": (i % 10_000) as f64 * 1.5 + 0.99,
            "valores": valores,
        });
        size += registro.to_string().len() + 1;
        registros.push(registro);
        i += 1;
    }
    let mut response = doc_response_valid();
    response["registros"] = Value::Array(registros);
    serde_json::to_vec(&response).expect("a Value always serializes")
}

/// A valid criarOcorrencia request whose `formularios` carry `items`
/// free-form `formData` entries.
pub fn large_ocorrencia(items: usize) -> Vec<u8> {
    let form_data: Vec<Value> = (0..items)
        .map(|i| {
            json!({
                "nome": format!("Beneficiário {i}"),
                "estado-civil": { "label": "Solteiro", "value": "1" },
                "certidao": [],
                "estado": [{ "label": ["Espírito Santo", "ES"], "value": "ES" }],
                "cidade": [{ "label": ["Vila Velha"], "value": "3205200" }],
                "logradouro": format!("Rua {i}"),
                "complemento": "",
                "comprovante-de-residencia": [],
            })
        })
        .collect();
    let request = json!({
        "idTipoOcorrencia": 12,
        "solicitante": {
            "chaveUnica": "everson@mobilesaude.com.br", "nome": "Everson",
            "email": "everson@mobilesaude.com.br", "telefone": "27997981966"
        },
        "numeroContrato": "123456",
        "idAssunto": 3,
        "rascunho": false,
        "beneficiario": {
            "chaveUnica": "everson@mobilesaude.com.br", "nome": "Everson",
            "email": "everson@mobilesaude.com.br", "telefone": "27997981966"
        },
        "formularios": [{ "idForm": 633, "formData": form_data }],
        "anotacao": "Ocorrência aberta pelo aplicativo",
    });
    serde_json::to_vec(&request).expect("a Value always serializes")
}
