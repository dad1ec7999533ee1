//! Derive macros that give a hand-written struct what a generated type has:
//! the documented rules of the Mosia Omnichannel pages and one-pass
//! validated decoding. Use them through `codegen-runtime`, which re-exports
//! them next to the traits they implement.
//!
//! See the documentation of [`Decode`] for the attribute reference.

mod check;
mod checked;
mod ctxt;
mod expand;
mod raw;
mod rename;
mod serde_attrs;
mod syntax;
mod types;

use proc_macro::TokenStream;
use syn::{parse_macro_input, DeriveInput};

use crate::checked::Input;
use crate::ctxt::Ctxt;

/// One-pass validated decoding: `T::from_json_slice(&[u8]) -> Result<T, Report>`
/// decodes the JSON and reports **every** violation of the rules below, each
/// with its JSON pointer.
///
/// Wire names come from serde's own `#[serde(rename = "...")]` and
/// `#[serde(rename_all = "...")]`, so paths and the unknown-attribute check
/// use the names that really go over the wire.
///
/// # Field attributes: `#[mosia(...)]`
///
/// | attribute | meaning |
/// |---|---|
/// | `M` | mandatory: present, not null, strings not blank. Inferred for non-`Option` fields. |
/// | `OP` | optional: may be absent or null. Inferred for `Option<T>` fields. |
/// | `C(filled(a, b))` | conditional: mandatory when sibling `a` or `b` is filled (present, not null, not blank). Needs an `Option<T>` field. |
/// | `C(equals(a = "PF"))` | conditional: mandatory when sibling `a` equals the literal (string, integer or boolean). |
/// | `format = "date"` | a real calendar date `YYYY-MM-DD` (on `String`; a `chrono::NaiveDate` field carries it by type). |
/// | `format = "color"` | `#` followed by six hexadecimal digits. |
/// | `pattern = "regex"` | the whole rule is the regex (anchor it with `^...$`); checked when the macro expands. |
/// | `length(min = 1, max = 10)` | chars of a `String`, items of a `Vec`. |
///
/// Container attribute `#[mosia(deserialize)]` also implements
/// `serde::Deserialize` through the validating decoder, so the type is checked
/// wherever serde is used (axum's `Json`, `serde_json::from_value`, ...). Do
/// not combine it with `#[derive(Deserialize)]`.
///
/// Nested types that implement `Decode` are decoded with indexed paths
/// through `Option`, `Vec`, `Box`, `BTreeMap<String, _>` and `HashMap<String, _>`.
/// Unit-only enums decode from their (serde-renamed) variant names; any other
/// string is a `value` violation listing the accepted ones.
///
/// ```
/// use codegen_runtime::{Decode, Validate};
///
/// #[derive(Debug, serde::Serialize, Decode, Validate)]
/// #[serde(rename_all = "camelCase")]
/// struct Pessoa {
///     tipo_pessoa: Tipo,
///     #[mosia(C(equals(tipo_pessoa = "PF")), pattern = r"^\d{11}$")]
///     cpf: Option<String>,
///     #[mosia(format = "date")]
///     data_nascimento: String,
///     #[mosia(format = "color")]
///     cor: Option<String>,
/// }
///
/// #[derive(Debug, PartialEq, serde::Serialize, Decode, Validate)]
/// enum Tipo {
///     PF,
///     PJ,
/// }
///
/// let report = Pessoa::from_json_str(r#"{"tipoPessoa": "PF", "dataNascimento": "2023-02-29", "cor": "FF0000"}"#)
///     .unwrap_err();
/// let pairs: Vec<_> = report.iter().map(|v| (v.path(), v.rule().code())).collect();
/// assert_eq!(pairs, [("/cpf", "conditional"), ("/dataNascimento", "format"), ("/cor", "format")]);
///
/// let ok = Pessoa::from_json_str(r#"{"tipoPessoa": "PJ", "dataNascimento": "2024-02-29"}"#).unwrap();
/// assert_eq!(ok.tipo_pessoa, Tipo::PJ);
/// ```
#[proc_macro_derive(Decode, attributes(mosia, serde))]
pub fn derive_decode(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    derive(&input, |input| match input {
        Input::Struct(s) => expand::decode_struct(s),
        Input::Enum(e) => expand::decode_enum(e),
    })
}

/// `value.validate() -> Result<(), Report>`: checks a value built in code
/// against the same rules as [`Decode`] (same attributes), before it is sent.
///
/// ```
/// use codegen_runtime::Validate;
///
/// #[derive(Validate)]
/// struct Falha {
///     mensagem: String,
/// }
///
/// let report = Falha { mensagem: "  ".into() }.validate().unwrap_err();
/// assert_eq!(report.iter().next().unwrap().path(), "/mensagem");
/// ```
#[proc_macro_derive(Validate, attributes(mosia, serde))]
pub fn derive_validate(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    derive(&input, |input| match input {
        Input::Struct(s) => expand::validate_struct(s),
        Input::Enum(e) => expand::validate_enum(e),
    })
}

/// syntax → check → emit: the input is read into the raw model, checked
/// into the checked one (every error of the item reported together), and
/// only a checked model is turned into tokens.
fn derive(
    input: &DeriveInput,
    emit: impl FnOnce(&Input) -> proc_macro2::TokenStream,
) -> TokenStream {
    let cx = Ctxt::new();
    let raw = syntax::parse(input, &cx);
    let checked = check::input(&raw, &cx);
    if let Err(error) = cx.check() {
        return error.to_compile_error().into();
    }
    let checked = checked.expect("check reports an error whenever it returns no model");
    emit(&checked).into()
}
