//! Rust names for spec names.
//!
//! Wire names come from Portuguese documentation (`chaveUnica`,
//! `estado-civil`, `descrição`), so they are folded to ASCII, split into
//! words by heck, and escaped where they collide with Rust keywords.
//! Type names and operation ids are chosen by the spec author and must
//! already be identifier-like; they are only re-cased. The names the
//! generated code reserves are in [`reserved`].

use heck::{ToSnakeCase, ToUpperCamelCase};
use std::fmt;

pub mod reserved;

/// Why a name cannot become a Rust identifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameError {
    /// Nothing usable is left once punctuation is dropped (`""`, `"-"`).
    NoWords,
    /// The Rust name would start with a digit (`2via`).
    LeadingDigit(String),
    /// A letter that has no ASCII spelling (`ß`, `ø`, non-Latin scripts).
    UnsupportedChar(char),
    /// A type name or operation id that is not `[A-Za-z][A-Za-z0-9_]*`.
    NotAnIdentifier,
}

impl fmt::Display for NameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NameError::NoWords => f.write_str("it contains no letters or digits"),
            NameError::LeadingDigit(name) => {
                write!(f, "the Rust name `{name}` would start with a digit")
            }
            NameError::UnsupportedChar(c) => {
                write!(f, "the character {c:?} has no ASCII spelling")
            }
            NameError::NotAnIdentifier => f.write_str(
                "it must start with an ASCII letter and contain only ASCII letters, digits and `_`",
            ),
        }
    }
}

/// Keywords of Rust 2015–2024, strict and reserved, usable as raw identifiers.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers (`r#self` is rejected by rustc).
const NON_RAW_KEYWORDS: &[&str] = &["self", "Self", "super", "crate"];

pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name) || NON_RAW_KEYWORDS.contains(&name)
}

/// Whether `name` is `[A-Za-z][A-Za-z0-9_]*`, the shape required of type
/// names and operation ids (they also appear in spec paths, so no dots).
pub fn is_plain_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// UpperCamelCase Rust name of a spec type (`DetalheRequest`, `Registro`).
pub fn type_name(name: &str) -> Result<String, NameError> {
    if !is_plain_identifier(name) {
        return Err(NameError::NotAnIdentifier);
    }
    Ok(escape(name.to_upper_camel_case(), Escape::Raw))
}

/// snake_case Rust name of an operation (`criar_ocorrencia`).
pub fn operation_name(id: &str) -> Result<String, NameError> {
    if !is_plain_identifier(id) {
        return Err(NameError::NotAnIdentifier);
    }
    Ok(escape(id.to_snake_case(), Escape::Raw))
}

/// snake_case Rust name of a wire attribute: `chaveUnica` → `chave_unica`,
/// `estado-civil` → `estado_civil`, `descrição` → `descricao`,
/// `type` → `r#type`, `self` → `self_`.
pub fn field_name(wire_name: &str) -> Result<String, NameError> {
    let snake = words_to_ascii(wire_name)?.to_snake_case();
    check_identifier(&snake)?;
    Ok(escape(snake, Escape::Raw))
}

/// snake_case module name from a spec file stem. Modules become file names,
/// where `r#` is unusable, so every keyword gets a trailing underscore.
pub fn module_name(file_stem: &str) -> Result<String, NameError> {
    let snake = words_to_ascii(file_stem)?.to_snake_case();
    check_identifier(&snake)?;
    Ok(escape(snake, Escape::Underscore))
}

#[derive(Clone, Copy)]
enum Escape {
    /// `r#type`, except where Rust forbids raw identifiers.
    Raw,
    /// `type_`.
    Underscore,
}

fn escape(name: String, style: Escape) -> String {
    if NON_RAW_KEYWORDS.contains(&name.as_str()) {
        return format!("{name}_");
    }
    if KEYWORDS.contains(&name.as_str()) {
        return match style {
            Escape::Raw => format!("r#{name}"),
            Escape::Underscore => format!("{name}_"),
        };
    }
    name
}

fn check_identifier(snake: &str) -> Result<(), NameError> {
    match snake.chars().next() {
        None => Err(NameError::NoWords),
        Some(c) if c.is_ascii_digit() => Err(NameError::LeadingDigit(snake.to_owned())),
        Some(_) => Ok(()),
    }
}

/// Folds Latin accented letters to ASCII and turns every other
/// non-alphanumeric character into a word separator.
fn words_to_ascii(name: &str) -> Result<String, NameError> {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                Ok(c)
            } else if let Some(folded) = fold_latin(c) {
                Ok(folded)
            } else if c.is_alphanumeric() {
                Err(NameError::UnsupportedChar(c))
            } else {
                Ok(' ')
            }
        })
        .collect()
}

/// ASCII base letter of a Latin-1 accented letter (`ç` → `c`, `Ã` → `A`).
fn fold_latin(c: char) -> Option<char> {
    const FOLDS: &[(&str, char)] = &[
        ("àáâãäå", 'a'),
        ("ÀÁÂÃÄÅ", 'A'),
        ("ç", 'c'),
        ("Ç", 'C'),
        ("èéêë", 'e'),
        ("ÈÉÊË", 'E'),
        ("ìíîï", 'i'),
        ("ÌÍÎÏ", 'I'),
        ("ñ", 'n'),
        ("Ñ", 'N'),
        ("òóôõö", 'o'),
        ("ÒÓÔÕÖ", 'O'),
        ("ùúûü", 'u'),
        ("ÙÚÛÜ", 'U'),
        ("ýÿ", 'y'),
        ("Ý", 'Y'),
    ];
    FOLDS
        .iter()
        .find(|(accented, _)| accented.contains(c))
        .map(|&(_, ascii)| ascii)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names() {
        assert_eq!(field_name("chaveUnica").as_deref(), Ok("chave_unica"));
        assert_eq!(field_name("idForm").as_deref(), Ok("id_form"));
        assert_eq!(field_name("estado-civil").as_deref(), Ok("estado_civil"));
        assert_eq!(field_name("estadoCivil").as_deref(), Ok("estado_civil"));
        assert_eq!(field_name("descrição").as_deref(), Ok("descricao"));
        assert_eq!(field_name("type").as_deref(), Ok("r#type"));
        assert_eq!(field_name("self").as_deref(), Ok("self_"));
        assert_eq!(field_name("Self").as_deref(), Ok("self_"));
        assert_eq!(field_name("crate").as_deref(), Ok("crate_"));
        assert_eq!(field_name("union").as_deref(), Ok("union"));
        assert_eq!(field_name("-"), Err(NameError::NoWords));
        assert_eq!(field_name(""), Err(NameError::NoWords));
        assert_eq!(
            field_name("2via"),
            Err(NameError::LeadingDigit("2via".into()))
        );
        assert_eq!(field_name("straße"), Err(NameError::UnsupportedChar('ß')));
    }

    #[test]
    fn type_names() {
        assert_eq!(type_name("Registro").as_deref(), Ok("Registro"));
        assert_eq!(
            type_name("detalhe_request").as_deref(),
            Ok("DetalheRequest")
        );
        assert_eq!(type_name("self").as_deref(), Ok("Self_"));
        assert_eq!(
            type_name("Objeto principal"),
            Err(NameError::NotAnIdentifier)
        );
        assert_eq!(type_name("9Lives"), Err(NameError::NotAnIdentifier));
    }

    #[test]
    fn module_and_operation_names() {
        assert_eq!(
            module_name("demonstrativo_pagamento_detalhe").as_deref(),
            Ok("demonstrativo_pagamento_detalhe")
        );
        assert_eq!(
            module_name("criar-ocorrencia").as_deref(),
            Ok("criar_ocorrencia")
        );
        assert_eq!(module_name("type").as_deref(), Ok("type_"));
        assert_eq!(
            operation_name("demonstrativoPagamentoDetalhe").as_deref(),
            Ok("demonstrativo_pagamento_detalhe")
        );
        assert_eq!(operation_name("match").as_deref(), Ok("r#match"));
    }
}
