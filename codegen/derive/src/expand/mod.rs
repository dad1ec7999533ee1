//! Emit: tokens for `Decode` and `Validate`, from the checked model only.
//!
//! Both derives describe a type's rules as the same table of
//! `codegen_runtime::rules::FieldRule`s and hand it to the runtime's one
//! `rules::apply`, which the IR-driven validator uses too: decoding and
//! validation cannot disagree on what a rule means. They differ only in
//! where a field's value comes from (a decoding slot, in [`decode`], or
//! `self`, in [`validate`]).
//!
//! Every non-generic method they emit is `#[inline]`. That is not about
//! speed: a library crate compiles its non-generic functions to machine
//! code whether anyone calls them or not, but an `#[inline]` one only
//! where it is used, like a generic function. So a crate of generated
//! types compiles (as serde's derives do) only its front end, and the
//! decoding and validation code of a type is compiled in the crate that
//! decodes or validates it, for the types it uses (BENCHMARKS.md, "Build
//! time of the generated crate").

mod decode;
mod validate;

use proc_macro2::TokenStream;
use quote::quote;

use crate::checked::{Attribute, Condition, Counts, Criterion, Format, Literal};

pub use decode::{decode_enum, decode_struct};
pub use validate::{validate_enum, validate_struct};

fn runtime() -> TokenStream {
    quote!(::codegen_runtime)
}

/// The type's rule table (`codegen_runtime::rules::FieldRule`s), the one
/// description of its documented rules that decoding and validation share.
fn rules_table(wired: &[&Attribute]) -> TokenStream {
    let rt = runtime();
    let rules = wired.iter().map(|field| {
        let wire = &field.wire;
        let criterion = match &field.criterion {
            Criterion::Mandatory => quote!(#rt::rules::Criterion::Mandatory),
            Criterion::Optional => quote!(#rt::rules::Criterion::Optional),
            Criterion::Conditional(Condition::Filled(siblings)) => {
                quote!(#rt::rules::Criterion::Conditional(#rt::rules::When::Filled(&[#(#siblings),*])))
            }
            Criterion::Conditional(Condition::Equals(sibling, literal)) => {
                let literal = match literal {
                    Literal::Str(lit) => quote!(#rt::rules::Literal::Str(#lit)),
                    Literal::Bool(lit) => quote!(#rt::rules::Literal::Bool(#lit)),
                    Literal::Int(lit) => quote!(#rt::rules::Literal::Int(#lit)),
                };
                quote!(#rt::rules::Criterion::Conditional(#rt::rules::When::Equals(#sibling, #literal)))
            }
        };
        let format = match field.format {
            Some(Format::Date) => quote!(::core::option::Option::Some(#rt::Format::Date)),
            Some(Format::Color) => quote!(::core::option::Option::Some(#rt::Format::Color)),
            None => quote!(::core::option::Option::None),
        };
        let pattern = match &field.pattern {
            Some(crate::checked::Pattern(pattern)) => quote!(::core::option::Option::Some({
                fn pattern() -> &'static #rt::regex::Regex {
                    static PATTERN: #rt::__private::LazyLock<#rt::regex::Regex> =
                        #rt::__private::LazyLock::new(|| {
                            #rt::regex::Regex::new(#pattern).expect("pattern checked when the derive expanded")
                        });
                    &PATTERN
                }
                pattern
            })),
            None => quote!(::core::option::Option::None),
        };
        let length = match &field.length {
            Some(length) => {
                let min = option_tokens(length.min);
                let max = option_tokens(length.max);
                let of_string = length.counts == Counts::Chars;
                quote!(::core::option::Option::Some(#rt::rules::Length { min: #min, max: #max, of_string: #of_string }))
            }
            None => quote!(::core::option::Option::None),
        };
        quote!(#rt::rules::FieldRule {
            name: #wire,
            criterion: #criterion,
            format: #format,
            pattern: #pattern,
            length: #length,
        })
    });
    quote!(&[#(#rules),*])
}

fn option_tokens(value: Option<usize>) -> TokenStream {
    match value {
        Some(v) => quote!(::core::option::Option::Some(#v)),
        None => quote!(::core::option::Option::None),
    }
}

/// `impl FieldValues for #target`: `presence(field)` gives a field's
/// `Presence`, `read(field)` its value as an `Option<&inner>`.
fn field_values_impl(
    target: TokenStream,
    wired: &[&Attribute],
    presence: impl Fn(&Attribute) -> TokenStream,
    read: impl Fn(&Attribute) -> TokenStream,
) -> TokenStream {
    let rt = runtime();
    let indexes: Vec<usize> = (0..wired.len()).collect();
    let presences = wired.iter().map(|field| presence(field));
    let reads: Vec<TokenStream> = wired.iter().map(|field| read(field)).collect();
    quote! {
        #[automatically_derived]
        impl #rt::rules::FieldValues for #target {
            #[inline]
            fn presence(&self, index: usize) -> #rt::Presence {
                match index {
                    #(#indexes => #presences,)*
                    _ => #rt::Presence::Absent,
                }
            }

            #[inline]
            fn scalar(&self, index: usize) -> ::core::option::Option<#rt::rules::WireScalar<'_>> {
                match index {
                    #(#indexes => #reads.map(#rt::Validate::wire_scalar),)*
                    _ => ::core::option::Option::None,
                }
            }

            #[inline]
            fn len(&self, index: usize) -> ::core::option::Option<usize> {
                match index {
                    #(#indexes => #reads.and_then(#rt::Validate::wire_len),)*
                    _ => ::core::option::Option::None,
                }
            }
        }
    }
}
fn deserialize_impl(ident: &syn::Ident) -> TokenStream {
    let rt = runtime();
    quote! {
        #[automatically_derived]
        impl<'de> #rt::serde::Deserialize<'de> for #ident {
            fn deserialize<D: #rt::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                #rt::__private::deserialize_validated(deserializer)
            }
        }
    }
}
