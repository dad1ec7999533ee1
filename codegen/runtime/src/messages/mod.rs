//! The catalogue of every user-visible text of the runtime: one file per
//! language, [`pt`] and [`en`], each with the same functions (a translator
//! edits one file), and here the lookup of the texts both have, by [`Lang`].
//!
//! Texts that exist in one language only are called directly: the server's
//! refusals (`pt::…`: the `mensagem` of the pages' failure body is
//! Portuguese) and why an endpoint cannot be routed (`en::…`, for the
//! server's developer, like the rest of the generator's errors). Log events
//! (`tracing`) are not texts for a reader of payloads and stay where they
//! are logged.
//!
//! Adding a language: a new file with the functions of `pt.rs`, a variant
//! of [`Lang`], and one arm in each function below.

pub(crate) mod en;
pub(crate) mod pt;
mod quote;

use crate::violation::{Detail, Lang};

/// The message of a violation.
pub(crate) fn violation(detail: &Detail, lang: Lang) -> String {
    match lang {
        Lang::Pt => pt::violation(detail),
        Lang::En => en::violation(detail),
    }
}

/// The path shown for the root of a payload: `(raiz)`.
pub(crate) fn root(lang: Lang) -> &'static str {
    match lang {
        Lang::Pt => pt::ROOT,
        Lang::En => en::ROOT,
    }
}

/// The first line of a report: `3 violações:`.
pub(crate) fn report_heading(count: usize, lang: Lang) -> String {
    match lang {
        Lang::Pt => pt::report_heading(count),
        Lang::En => en::report_heading(count),
    }
}

/// The last line of a truncated report: `… e mais 4000 não listadas …`.
pub(crate) fn omitted(omitted: usize, lang: Lang) -> String {
    match lang {
        Lang::Pt => pt::omitted(omitted),
        Lang::En => en::omitted(omitted),
    }
}

#[cfg(feature = "client")]
pub(crate) use client::*;

/// The client's errors.
#[cfg(feature = "client")]
mod client {
    use super::{en, pt};
    use crate::client::{BuildError, Error, FailureBody, InvalidHeader};
    use crate::violation::Lang;

    /// Why a call did not return a success body.
    pub(crate) fn client_error<F: FailureBody>(error: &Error<F>, lang: Lang) -> String {
        match lang {
            Lang::Pt => pt::client_error(error),
            Lang::En => en::client_error(error),
        }
    }

    /// Why a client cannot be built.
    pub(crate) fn build_error(error: &BuildError, lang: Lang) -> String {
        match lang {
            Lang::Pt => pt::build_error(error),
            Lang::En => en::build_error(error),
        }
    }

    /// A header that cannot be sent.
    pub(crate) fn invalid_header(error: &InvalidHeader, lang: Lang) -> String {
        match lang {
            Lang::Pt => pt::invalid_header(error),
            Lang::En => en::invalid_header(error),
        }
    }
}
