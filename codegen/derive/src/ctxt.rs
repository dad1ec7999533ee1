//! Error accumulation, as in serde_derive: every misuse of one item is
//! collected and reported together, each with its own span.

use std::fmt::Display;

use quote::ToTokens;

#[derive(Default)]
pub struct Ctxt {
    errors: Vec<syn::Error>,
}

impl Ctxt {
    pub fn error_spanned_by(&mut self, tokens: impl ToTokens, message: impl Display) {
        self.errors.push(syn::Error::new_spanned(tokens, message));
    }

    pub fn syn_error(&mut self, error: syn::Error) {
        self.errors.push(error);
    }

    /// All errors combined into one, or `Ok` when there were none.
    pub fn check(self) -> Result<(), syn::Error> {
        let mut errors = self.errors.into_iter();
        let Some(mut combined) = errors.next() else {
            return Ok(());
        };
        for error in errors {
            combined.combine(error);
        }
        Err(combined)
    }
}

/// `; did you mean `x`?` when a candidate is close to `name` (the shared
/// rule of `codegen-suggest`), else the whole list of candidates.
pub fn did_you_mean(name: &str, candidates: &[&str]) -> String {
    match codegen_suggest::closest(name, candidates.iter().copied()) {
        Some(s) => format!(
            "; {}",
            codegen_suggest::did_you_mean(s, codegen_suggest::Lang::En)
        ),
        None => format!("; expected one of: {}", candidates.join(", ")),
    }
}
