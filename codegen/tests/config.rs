//! `codegen::Config`, the build-script entry point, on a temporary output
//! directory.

use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use codegen::config::{Error, FILE_NAME};
use codegen::Config;

fn spec_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec"))
}

#[test]
fn writes_one_includable_file_and_only_when_changed() {
    let out = tempfile::tempdir().unwrap();
    let path = Config::new()
        .spec_dir(spec_dir())
        .out_dir(out.path())
        .emit_rerun_if_changed(false)
        .generate()
        .unwrap();
    assert_eq!(path, out.path().join(FILE_NAME));
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("// @generated"), "{text}");
    let file = syn::parse_file(&text).unwrap();
    assert!(
        file.attrs.is_empty(),
        "include! rejects inner attributes at top level"
    );
    let modules: Vec<String> = file
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Mod(m) => Some(m.ident.to_string()),
            // The runtime version check.
            syn::Item::Const(c) if c.ident == "_" => None,
            other => panic!("unexpected top-level item {other:?}"),
        })
        .collect();
    assert_eq!(
        modules,
        ["criar_ocorrencia", "demonstrativo_pagamento_detalhe"]
    );

    // Same spec, same bytes, file untouched (cargo would rebuild otherwise).
    let old = SystemTime::now() - Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(old)
        .unwrap();
    let mtime = fs::metadata(&path).unwrap().modified().unwrap();
    Config::new()
        .spec_dir(spec_dir())
        .out_dir(out.path())
        .emit_rerun_if_changed(false)
        .generate()
        .unwrap();
    assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), mtime);
}

#[test]
fn spec_errors_are_all_reported_and_nothing_is_written() {
    let spec = tempfile::tempdir().unwrap();
    for entry in fs::read_dir(spec_dir()).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), spec.path().join(entry.file_name())).unwrap();
    }
    fs::write(spec.path().join("broken.yaml"), "page: [unclosed\n").unwrap();
    let out = tempfile::tempdir().unwrap();
    let err = Config::new()
        .spec_dir(spec.path())
        .out_dir(out.path())
        .emit_rerun_if_changed(false)
        .generate()
        .unwrap_err();
    assert!(matches!(err, Error::Spec(_)), "{err}");
    assert!(err.to_string().contains("broken.yaml"), "{err}");
    // With the YAML line, as rustc shows a source line.
    assert!(err.to_string().contains("1 | page: [unclosed"), "{err}");
    // `?` in `fn main() -> Result<(), Box<dyn Error>>` prints the Debug:
    // the same readable list, not the structs behind it.
    let debug = format!("{err:?}");
    assert_eq!(debug, err.to_string());
    assert!(!debug.contains("Diagnostics {"), "{debug}");
    let boxed: Box<dyn std::error::Error> = Box::new(err);
    assert!(format!("{boxed:?}").contains("broken.yaml"));
    assert!(!out.path().join(FILE_NAME).exists());
}

#[test]
fn a_missing_spec_directory_is_an_error_not_a_panic() {
    let out = tempfile::tempdir().unwrap();
    let err = Config::new()
        .spec_dir(out.path().join("nope"))
        .out_dir(out.path())
        .generate()
        .unwrap_err();
    assert!(matches!(err, Error::Spec(_)), "{err}");
    assert!(err.to_string().contains("nope"), "{err}");
}

fn page(name: &str) -> std::path::PathBuf {
    spec_dir().join(name)
}

#[test]
fn one_page_types_only_refers_to_no_feature() {
    let source = Config::new()
        .spec_file(page("demonstrativo_pagamento_detalhe.yaml"))
        .generate_source()
        .unwrap();
    let file = syn::parse_file(&source).unwrap();
    let modules = file
        .items
        .iter()
        .filter(|item| matches!(item, syn::Item::Mod(_)))
        .count();
    assert_eq!(modules, 1, "one module");
    assert!(
        source.contains("codegen_runtime::require_version(\""),
        "{source}"
    );
    assert!(!source.contains("cfg(feature"), "{source}");
    assert!(!source.contains("pub mod client"), "{source}");
    assert!(!source.contains("pub mod server"), "{source}");

    let both = Config::new()
        .spec_file(page("demonstrativo_pagamento_detalhe.yaml"))
        .client(true)
        .server(true)
        .generate_source()
        .unwrap();
    assert!(!both.contains("cfg(feature"), "{both}");
    assert!(both.contains("pub mod client"), "{both}");
    assert!(both.contains("pub mod server"), "{both}");
}

#[test]
fn operations_select_modules_and_the_types_they_reach() {
    let source = Config::new()
        .spec_dir(spec_dir())
        .operations(["criarOcorrencia"])
        .generate_source()
        .unwrap();
    assert!(source.contains("pub mod criar_ocorrencia"), "{source}");
    assert!(
        !source.contains("demonstrativo_pagamento_detalhe"),
        "{source}"
    );
}

#[test]
fn replacement_and_attributes_reach_every_use() {
    let source = Config::new()
        .spec_file(page("demonstrativo_pagamento_detalhe.yaml"))
        .client(true)
        .server(true)
        .replace_type("Registro", "crate::MeuRegistro")
        .type_attribute("Demonstrativo", "#[derive(Default)]")
        .field_attribute("Demonstrativo.registros", "#[doc(alias = \"records\")]")
        .generate_source()
        .unwrap();
    assert!(!source.contains("pub struct Registro"), "{source}");
    assert!(source.contains("Vec<crate::MeuRegistro>"), "{source}");
    let file = syn::parse_file(&source).unwrap();
    let text = quote::quote!(#file).to_string();
    assert!(
        text.contains("# [derive (Default)] pub struct Demonstrativo"),
        "{text}"
    );
    assert!(
        text.contains("# [doc (alias = \"records\")] pub registros"),
        "{text}"
    );
}

#[test]
fn every_bad_setting_is_reported_at_once_readably() {
    let err = Config::new()
        .spec_dir(spec_dir())
        .operations(["demonstrativoPagamentoDetalhes"])
        .replace_type("Registros", "crate::X")
        .replace_type("Falha", "not a path")
        .type_attribute("Demonstrativo", "derive(Hash)")
        .field_attribute("Demonstrativo.Registros", "#[allow(dead_code)]")
        .generate_source()
        .unwrap_err();
    let Error::Settings(problems) = &err else {
        panic!("{err}");
    };
    assert_eq!(problems.len(), 5, "{err}");
    let text = err.to_string();
    for expected in [
        "no operation `demonstrativoPagamentoDetalhes`",
        "did you mean `demonstrativoPagamentoDetalhe`?",
        "no type `Registros`",
        "`not a path` is not a Rust path",
        "is not an outer attribute",
        "no attribute `Registros`; did you mean `registros`?",
    ] {
        assert!(text.contains(expected), "{expected:?} in {text}");
    }
    assert_eq!(format!("{err:?}"), text);
}
