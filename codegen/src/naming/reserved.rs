//! Every name the generated code reserves, once: the loader refuses a spec
//! whose names would take one (with the reason, as a hint), and the
//! emitters rely on that instead of refusing at generation time.
//!
//! Names the emitters can avoid are not here: a spec type called `Value`,
//! `Client` or `Failure` is fine; the type space then writes the runtime's
//! item fully qualified, or the spec type as `super::Name` (one rule, in
//! `emit/scope.rs`; `tests/spec_names` compiles such a page).

use heck::ToSnakeCase;

use crate::ir::Implementer;

/// Prelude names a generated type must not take: derive output and the
/// generated code refer to them unqualified (`Option<T>`, `Vec<T>`,
/// `Result`, `Clone`), and a same-named struct would silently change their
/// meaning or break the derives.
pub const PRELUDE: &[&str] = &[
    "AsMut",
    "AsRef",
    "Box",
    "Clone",
    "Copy",
    "Default",
    "Drop",
    "Eq",
    "Err",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "FromIterator",
    "Into",
    "IntoIterator",
    "Iterator",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Send",
    "Sized",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "Unpin",
    "Vec",
];

/// Why no generated type may have the Rust name `rust_name`, if none may.
pub fn type_name(rust_name: &str) -> Option<String> {
    if PRELUDE.contains(&rust_name) {
        return Some(format!(
            "the generated code and the derives name Rust's `{rust_name}` unqualified; a type \
             of that name would change what they mean"
        ));
    }
    // `Self` and `self` become `Self_` (a keyword that cannot be raw).
    if rust_name == "Self_" {
        return Some(
            "`Self` is a Rust keyword, so the type would be `Self_`, whose derived helper type \
             (`__Self_Slots`) is not UpperCamelCase and warns"
                .to_owned(),
        );
    }
    None
}

/// The server trait generated for the endpoints of `implementer`: no type
/// of a module with such endpoints may take its name.
pub fn server_trait(implementer: Implementer) -> &'static str {
    match implementer {
        Implementer::Operator => "Operadora",
        Implementer::Mosia => "Mosia",
    }
}

/// Module names no spec file may give: the generated crate's root is
/// `src/lib.rs`, so a module `lib` (`src/lib/mod.rs`) would be a second
/// file for the same module, which rustc refuses (E0761).
pub const MODULES: &[&str] = &["lib"];

/// Why no spec file may give the module `name`, if none may.
pub fn module_name(name: &str) -> Option<String> {
    MODULES.contains(&name).then(|| {
        format!(
            "the generated crate's root is lib.rs, and a module `{name}` would be \
             {name}/mod.rs beside it, which Rust refuses"
        )
    })
}

/// Methods of the generated `Client` that no operation's method may take
/// (an operation `op` gives `op` and `op_with`).
pub const CLIENT_METHODS: &[&str] = &["new", "builder", "transport", "from"];

/// The two client methods of an operation with Rust name `rust_name`
/// (without `r#`: `type` and `type_with`).
pub fn client_methods(rust_name: &str) -> [String; 2] {
    let plain = rust_name.trim_start_matches("r#");
    [plain.to_owned(), format!("{plain}_with")]
}

/// The constructor parameter of `Client::new` that the base URL takes when
/// the page gives none; no header parameter may take it.
pub const BASE_URL_PARAMETER: &str = "base_url";

/// The parameter of `Client::new` for a header mandatory in every
/// operation: its snake_case name, raw where it is a keyword (`type` →
/// `r#type`); `None` when that is no Rust identifier (`1x`, `self`).
pub fn header_parameter(header: &str) -> Option<String> {
    let snake = header.to_snake_case();
    [snake.clone(), format!("r#{snake}")]
        .into_iter()
        .find(|name| syn::parse_str::<syn::Ident>(name).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_parameters() {
        assert_eq!(
            header_parameter("Authorization").as_deref(),
            Some("authorization")
        );
        assert_eq!(header_parameter("X-Api-Key").as_deref(), Some("x_api_key"));
        assert_eq!(header_parameter("type").as_deref(), Some("r#type"));
        assert_eq!(header_parameter("1x"), None);
        assert_eq!(header_parameter("self"), None);
    }

    #[test]
    fn reserved_names() {
        assert!(type_name("Clone").is_some());
        assert!(type_name("Self_").is_some());
        assert!(type_name("Registro").is_none());
        assert!(module_name("lib").is_some());
        assert!(module_name("self_").is_none());
        assert_eq!(client_methods("r#type"), ["type", "type_with"]);
    }
}
