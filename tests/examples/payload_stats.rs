//! Prints the size and shape of the benchmark payloads (quoted in BENCHMARKS.md):
//! `cargo run -p mosia-tests --example payload_stats`.

fn main() {
    let doc = serde_json::to_vec(&mosia_tests::payloads::doc_response_valid()).unwrap();
    println!("doc_response: {} bytes", doc.len());
    let large = mosia_tests::payloads::large_response(1 << 20);
    let value: serde_json::Value = serde_json::from_slice(&large).unwrap();
    println!(
        "response_1mb: {} bytes, {} registros",
        large.len(),
        value["registros"].as_array().unwrap().len()
    );
    let ocorrencia = mosia_tests::payloads::large_ocorrencia(3000);
    println!(
        "ocorrencia_large_form_data: {} bytes, 3000 formData objects",
        ocorrencia.len()
    );
}
