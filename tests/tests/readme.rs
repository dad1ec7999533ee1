//! The README's Rust examples are compiled code: each ```rust block of
//! README.md must appear, line for line, in a source that CI compiles (this
//! file, the runtime's client doctest, the example operator).

// Kept exactly as the README shows it (rustfmt would reflow it).
#[rustfmt::skip]
mod generated_types {
    use codegen_runtime::{Decode, Report}; // `Decode`: the trait behind `from_json_slice`
    use mosia_api::demonstrativo_pagamento_detalhe::Demonstrativo;

    fn read_statement(body: &[u8]) -> Result<Demonstrativo, Report> {
        // One pass over the bytes: a typed value, or a report of every violation
        // of the page's rules at once (JSON pointer, rule code, Portuguese message).
        Demonstrativo::from_json_slice(body)
    }

    #[test]
    fn the_example_decodes() {
        let body = serde_json::to_vec(&mosia_tests::payloads::doc_response_valid()).unwrap();
        assert_eq!(read_statement(&body).unwrap().registros.len(), 3);
        assert!(read_statement(b"{}").is_err());
    }
}

#[rustfmt::skip]
mod own_types {
    use codegen_runtime::{Decode, Validate};

    #[derive(Debug, serde::Serialize, Decode, Validate)]
    #[serde(rename_all = "camelCase")] // wire names come from serde's own attributes
    struct Registro {
        titulo: String, // not Option: M (present, not null, not blank)
        #[mosia(format = "color")]
        cor: Option<String>, // Option: OP
        #[mosia(C(filled(cor)), length(max = 40))]
        legenda: Option<String>, // C: mandatory when `cor` is filled
        valores: Vec<Valor>, // nested, with indexed paths (/valores/3/valor)
    }

    #[derive(Debug, serde::Serialize, Decode, Validate)]
    struct Valor {
        valor: f64,
    }

    fn check(body: &[u8]) -> Vec<(String, &'static str)> {
        match Registro::from_json_slice(body) {
            Ok(_) => Vec::new(),
            // br#"{"Titulo": "x", "cor": "red", "valores": []}"# gives
            // /Titulo unknown_attribute ("você quis dizer 'titulo'?"),
            // /titulo mandatory, /cor format, /legenda conditional
            Err(report) => report.iter().map(|v| (v.path().to_owned(), v.rule().code())).collect(),
        }
    }

    #[test]
    fn the_example_reports_what_the_readme_says() {
        let found = check(br#"{"Titulo": "x", "cor": "red", "valores": []}"#);
        assert_eq!(
            found,
            [
                ("/Titulo".to_owned(), "unknown_attribute"),
                ("/titulo".to_owned(), "mandatory"),
                ("/cor".to_owned(), "format"),
                ("/legenda".to_owned(), "conditional"),
            ]
        );
        assert!(check(
            br##"{"titulo": "x", "cor": "#FF0000", "legenda": "l", "valores": [{"valor": 1}]}"##
        )
        .is_empty());
    }
}

/// The README's build script, compiled (tests/build.rs runs the same call).
#[allow(dead_code)]
#[rustfmt::skip]
mod build_rs {
    // build.rs  (build-dependency: codegen, with default-features = false)
    fn main() -> Result<(), Box<dyn std::error::Error>> {
        codegen::Config::new().spec_dir("spec").generate()?; // writes $OUT_DIR/mosia_api.rs
        Ok(())
    }
}

fn normalized(text: &str) -> Vec<String> {
    text.lines()
        .map(|line| line.trim())
        .map(|line| line.strip_prefix("//!").map(str::trim).unwrap_or(line))
        // Comment lines of a README block may summarise elided code.
        .filter(|line| !line.is_empty() && !line.starts_with("// "))
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

#[test]
fn every_readme_rust_block_is_compiled_code() {
    let root = mosia_tests::workspace_dir();
    let read = |path: &str| {
        std::fs::read_to_string(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
    };
    let readme = read("README.md");
    let sources: Vec<String> = [
        "tests/tests/readme.rs",
        "codegen/runtime/src/client/mod.rs",
        "generated/examples/operadora.rs",
        "tests/build.rs",
        "tests/src/lib.rs",
        // Built, tested and linted by tests/downstream/run.
        "tests/downstream/build-script/build.rs",
        "tests/downstream/build-script/src/lib.rs",
        "tests/downstream/macro/src/lib.rs",
    ]
    .iter()
    .flat_map(|path| normalized(&read(path)))
    .collect();
    let blocks: Vec<&str> = readme
        .split("```rust\n")
        .skip(1)
        .map(|rest| rest.split("```").next().unwrap())
        .collect();
    assert!(blocks.len() >= 4, "README has {} rust blocks", blocks.len());
    for block in blocks {
        for line in normalized(block) {
            assert!(
                sources.contains(&line),
                "README line not found in compiled code: {line}"
            );
        }
    }
}

#[test]
fn the_build_script_output_works_like_the_checked_in_crate() {
    use codegen_runtime::Decode;
    use mosia_tests::build_script::demonstrativo_pagamento_detalhe::Demonstrativo;
    let body = serde_json::to_vec(&mosia_tests::payloads::doc_response_valid()).unwrap();
    assert_eq!(
        Demonstrativo::from_json_slice(&body)
            .unwrap()
            .registros
            .len(),
        3
    );
}
