//! What the fuzz targets share: the checked-in spec loaded once into the IR,
//! and the table of every generated type with its IR counterpart.
//!
//! The payload targets (`decode`, `validator`, `parity`) read their input as
//! one selector byte followed by the JSON bytes: the selector picks an entry
//! of [`TYPES`] (modulo its length), so one corpus covers every type and a
//! mutation of the first byte moves a payload to another type. `fuzz/seed`
//! writes the seeds in that form.

use std::sync::OnceLock;

use codegen::ir::{Api, Module, TypeId};
use codegen_runtime::{Decode, Report, Validate};
use mosia_api::{criar_ocorrencia as criar, demonstrativo_pagamento_detalhe as detalhe};
use serde::Serialize;

mod mutate;
pub use mutate::yaml_mutate;

/// The spec files, compiled in so a target does not depend on its working
/// directory. Their names are the ones `codegen` gives them under `spec/`.
pub const SPECS: [(&str, &str); 2] = [
    (
        "spec/criar_ocorrencia.yaml",
        include_str!("../../spec/criar_ocorrencia.yaml"),
    ),
    (
        "spec/demonstrativo_pagamento_detalhe.yaml",
        include_str!("../../spec/demonstrativo_pagamento_detalhe.yaml"),
    ),
];

/// The IR of [`SPECS`], loaded on first use.
pub fn api() -> &'static Api {
    static API: OnceLock<Api> = OnceLock::new();
    API.get_or_init(|| Api {
        modules: SPECS
            .iter()
            .map(|(name, text)| {
                codegen::loader::load_str(name, text)
                    .unwrap_or_else(|diagnostics| panic!("{name} does not load:\n{diagnostics}"))
            })
            .collect(),
    })
}

/// One generated type: where it lives in the IR and its generated decoder.
pub struct Target {
    /// The module (file stem of the spec) that declares it.
    pub module: &'static str,
    /// Its Rust name, as in `mosia-api` and `ObjectType::rust_name`.
    pub rust_name: &'static str,
    /// Decodes the bytes with the generated type, then checks a decoded
    /// value the ways it can be checked (see [`decode_checked`]).
    pub decode: fn(&[u8]) -> Result<(), Report>,
}

macro_rules! targets {
    ($($module:literal => $($ty:path),+;)+) => {
        /// Every object type of `mosia-api`, both pages: the request,
        /// response and failure bodies and the objects nested in them. The
        /// order is the selector byte's; append, never reorder, or the
        /// checked-in corpora select other types.
        pub const TYPES: &[Target] = &[$($(Target {
            module: $module,
            rust_name: last_segment(stringify!($ty)),
            decode: decode_checked::<$ty>,
        }),+),+];
    };
}

targets! {
    "criar_ocorrencia" => criar::CriarOcorrencia, criar::Solicitante, criar::Beneficiario,
        criar::Formulario;
    "demonstrativo_pagamento_detalhe" => detalhe::DetalheRequest, detalhe::Demonstrativo,
        detalhe::Registro, detalhe::Valor, detalhe::Falha;
}

/// `Registro` of `detalhe::Registro` (`stringify!` may put spaces around `::`).
const fn last_segment(path: &'static str) -> &'static str {
    let bytes = path.as_bytes();
    let mut start = bytes.len();
    while start > 0 && bytes[start - 1] != b':' && bytes[start - 1] != b' ' {
        start -= 1;
    }
    let (_, name) = bytes.split_at(start);
    match std::str::from_utf8(name) {
        Ok(name) => name,
        Err(_) => panic!("a type path is ASCII"),
    }
}

/// Splits a payload target's input into the selected type and the JSON
/// bytes; `None` for the empty input.
pub fn select(data: &[u8]) -> Option<(&'static Target, &[u8])> {
    let (&selector, bytes) = data.split_first()?;
    Some((&TYPES[usize::from(selector) % TYPES.len()], bytes))
}

impl Target {
    /// The IR module and type this generated type was generated from.
    pub fn ir(&self) -> (&'static Module, TypeId) {
        let module = api()
            .modules
            .iter()
            .find(|module| module.name == self.module)
            .unwrap_or_else(|| panic!("no module {}", self.module));
        let index = module
            .types
            .iter()
            .position(|ty| ty.rust_name == self.rust_name)
            .unwrap_or_else(|| panic!("no type {} in {}", self.rust_name, self.module));
        (module, TypeId(index))
    }
}

/// Decodes `bytes` as a `T` in one pass. A value it returns must also pass
/// `Validate` (the two derives agree, as `tests/src/generated.rs` checks),
/// and must survive a round trip: serialized with serde and decoded again,
/// it is accepted and equal. Panics when either does not hold.
pub fn decode_checked<T>(bytes: &[u8]) -> Result<(), Report>
where
    T: Decode + Validate + Serialize + PartialEq + std::fmt::Debug,
{
    let value = T::from_json_slice(bytes)?;
    if let Err(report) = value.validate() {
        panic!("a decoded value fails Validate: {value:?}\n{report:?}");
    }
    let json = serde_json::to_vec(&value).expect("a decoded value serializes");
    match T::from_json_slice(&json) {
        Ok(again) => assert_eq!(
            again,
            value,
            "the round trip changed the value; serialized as {}",
            String::from_utf8_lossy(&json)
        ),
        Err(report) => panic!(
            "a decoded value, serialized as {}, is rejected:\n{report:?}",
            String::from_utf8_lossy(&json)
        ),
    }
    Ok(())
}

/// A report's (JSON pointer, rule code) pairs, sorted, as the agreement test
/// and the fixtures compare them; empty when there is no report.
pub fn pairs(result: &Result<(), Report>) -> Vec<(String, &'static str)> {
    match result {
        Ok(()) => Vec::new(),
        Err(report) => report_pairs(report),
    }
}

/// See [`pairs`].
pub fn report_pairs(report: &Report) -> Vec<(String, &'static str)> {
    report
        .pairs()
        .into_iter()
        .map(|(path, rule)| (path, rule.code()))
        .collect()
}

/// What the loader targets check on one spec text: loading returns a module
/// or diagnostics without panicking; a module it returns goes through what
/// `codegen` does next with one, none of which may panic either: lint, the
/// Rust emitter, the OpenAPI document, and the IR-driven validator of every
/// type on a few small payloads (which builds every rule table).
pub fn check_spec(text: &str) {
    let Ok(module) = codegen::loader::load_str("spec/fuzzed.yaml", text) else {
        return;
    };
    let types = module.types.len();
    let api = Api {
        modules: vec![module],
    };
    let _ = codegen::lint::lint(&api);
    let _ = codegen::emit::generate(&api);
    let _ = codegen::emit::openapi::openapi(&api);
    for ty in 0..types {
        for payload in [&b"{}"[..], b"null", br#"{"a":[1,"x",{}]}"#] {
            let _ = codegen::validator::validate(&api.modules[0], TypeId(ty), payload);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_has_its_ir_type() {
        for target in TYPES {
            let (module, ty) = target.ir();
            assert_eq!(module.types[ty.0].rust_name, target.rust_name);
        }
        assert_eq!(TYPES[0].rust_name, "CriarOcorrencia");
        assert_eq!(TYPES.len(), 9);
    }
}
