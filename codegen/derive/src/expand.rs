//! Tokens for `Decode` and `Validate`, from the checked model.
//!
//! Both derives express a field's rules through the same runtime calls
//! (`Context::mandatory`, `conditional`, `format`, ...), so decoding and
//! validation cannot disagree on what a rule means; they differ only in where
//! a field's value comes from (a decoding slot or `self`).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::model::{Condition, Criterion, Field, Format, Struct, UnitEnum};

fn runtime() -> TokenStream {
    quote!(::codegen_runtime)
}

/// Where the rule checks read a field's value from.
#[derive(Clone, Copy)]
enum Source {
    /// `slots.<field>`: a `Slot<inner>` during decoding.
    Slot,
    /// `self.<field>`: the typed value.
    Value,
}

/// `Option<&inner>` for the field, from either source.
fn value_ref(field: &Field, source: Source) -> TokenStream {
    let ident = &field.ident;
    match source {
        Source::Slot => quote!(slots.#ident.value()),
        Source::Value if field.optional => quote!(self.#ident.as_ref()),
        Source::Value => quote!(::core::option::Option::Some(&self.#ident)),
    }
}

fn presence(field: &Field, source: Source) -> TokenStream {
    let rt = runtime();
    let ident = &field.ident;
    let inner = &field.inner;
    let blank = quote!(|value: &#inner| #rt::Validate::is_blank(value));
    match source {
        Source::Slot => quote!(slots.#ident.presence(#blank)),
        Source::Value => {
            let value = value_ref(field, source);
            quote!(match #value {
                ::core::option::Option::None => #rt::Presence::Absent,
                ::core::option::Option::Some(value) if (#blank)(value) => #rt::Presence::Blank,
                ::core::option::Option::Some(_) => #rt::Presence::Filled,
            })
        }
    }
}

/// The rules of one field (criterion, format, pattern, length), in the
/// order a reader would check them.
fn field_rules(field: &Field, all: &[Field], source: Source) -> TokenStream {
    let rt = runtime();
    let wire = &field.wire;
    let presence = presence(field, source);
    let criterion = match &field.criterion {
        Criterion::Mandatory => quote!(cx.mandatory(#wire, #presence);),
        Criterion::Optional => quote!(),
        Criterion::Conditional(condition) => {
            let (holds, describe) = condition_tokens(condition, all, source);
            quote!(cx.conditional(#wire, #presence, #holds, || #describe);)
        }
    };
    let value = value_ref(field, source);
    let format = field.format.map(|format| {
        let format = match format {
            Format::Date => quote!(#rt::Format::Date),
            Format::Color => quote!(#rt::Format::Color),
        };
        quote!(if let ::core::option::Option::Some(value) = #value { cx.format(#wire, value, #format); })
    });
    let pattern = field.pattern.as_ref().map(|pattern| {
        quote!(if let ::core::option::Option::Some(value) = #value {
            static PATTERN: #rt::__private::LazyLock<#rt::regex::Regex> =
                #rt::__private::LazyLock::new(|| {
                    #rt::regex::Regex::new(#pattern).expect("pattern checked when the derive expanded")
                });
            cx.pattern(#wire, value, &PATTERN);
        })
    });
    let length = field.length.as_ref().map(|length| {
        let min = option_tokens(length.min);
        let max = option_tokens(length.max);
        let of_string = length.of_string;
        let len = if of_string {
            quote!(value.chars().count())
        } else {
            quote!(value.len())
        };
        quote!(if let ::core::option::Option::Some(value) = #value {
            cx.length(#wire, #len, #min, #max, #of_string);
        })
    });
    quote!(#criterion #format #pattern #length)
}

fn option_tokens(value: Option<usize>) -> TokenStream {
    match value {
        Some(v) => quote!(::core::option::Option::Some(#v)),
        None => quote!(::core::option::Option::None),
    }
}

/// Whether a `C` condition holds, and its description for the message.
fn condition_tokens(
    condition: &Condition,
    all: &[Field],
    source: Source,
) -> (TokenStream, TokenStream) {
    let rt = runtime();
    let sibling = |ident: &syn::Ident| all.iter().find(|f| f.ident == *ident);
    match condition {
        Condition::Filled(idents) => {
            let siblings: Vec<&Field> = idents.iter().filter_map(sibling).collect();
            let checks = siblings.iter().map(|s| {
                let presence = presence(s, source);
                quote!((#presence).is_filled())
            });
            let wires = siblings.iter().map(|s| &s.wire);
            (
                quote!(false #(|| #checks)*),
                quote!(#rt::Condition::Filled(#rt::__private::vec![#(::std::string::String::from(#wires)),*])),
            )
        }
        Condition::Equals(ident, lit) => {
            let Some(sibling) = sibling(ident) else {
                return (quote!(false), quote!(unreachable!()));
            };
            let value = value_ref(sibling, source);
            let wire = &sibling.wire;
            let rhs = match lit {
                syn::Lit::Str(_) => quote!(#lit),
                other => quote!(&#other),
            };
            let rendered = match lit {
                syn::Lit::Str(s) => format!("\"{}\"", s.value()),
                other => quote!(#other).to_string(),
            };
            (
                quote!(#value.is_some_and(|value| #rt::__private::WireEq::wire_eq(value, #rhs))),
                quote!(#rt::Condition::Equals(::std::string::String::from(#wire), ::std::string::String::from(#rendered))),
            )
        }
    }
}

pub fn validate_struct(input: &Struct) -> TokenStream {
    let rt = runtime();
    let ident = &input.ident;
    let wired: Vec<&Field> = input.fields.iter().filter(|f| !f.skipped).collect();
    let rules = wired
        .iter()
        .map(|field| field_rules(field, &input.fields, Source::Value));
    let nested = wired.iter().map(|field| {
        let name = &field.ident;
        let wire = &field.wire;
        quote! {
            cx.push_field(#wire);
            #rt::Validate::validate_in(&self.#name, cx);
            cx.pop();
        }
    });
    quote! {
        #[automatically_derived]
        impl #rt::Validate for #ident {
            fn validate_in(&self, cx: &mut #rt::Context<'_>) {
                #(#rules)*
                #(#nested)*
            }
        }
    }
}

pub fn decode_struct(input: &Struct) -> TokenStream {
    let rt = runtime();
    let ident = &input.ident;
    let slots_ident = format_ident!("__{}Slots", ident);
    let wired: Vec<&Field> = input.fields.iter().filter(|f| !f.skipped).collect();

    let slot_fields = wired.iter().map(|field| {
        let name = &field.ident;
        let inner = &field.inner;
        quote!(#name: #rt::__private::Slot<#inner>)
    });
    let wires = wired.iter().map(|field| &field.wire);
    let index_arms = wired.iter().enumerate().map(|(index, field)| {
        let wire = &field.wire;
        quote!(#wire => ::core::option::Option::Some(#index))
    });
    let decode_arms = wired.iter().enumerate().map(|(index, field)| {
        let name = &field.ident;
        let inner = &field.inner;
        quote!(#index => slots.#name.set(access.next_value_seed(#rt::Seed::<#inner>::new(cx))?))
    });
    let rules = wired
        .iter()
        .map(|field| field_rules(field, &input.fields, Source::Slot));
    let takes = input.fields.iter().map(|field| {
        let name = &field.ident;
        if field.skipped {
            quote!(::core::option::Option::Some(
                ::core::default::Default::default()
            ))
        } else if field.optional && matches!(field.criterion, Criterion::Mandatory) {
            quote!(slots.#name.take_required().map(::core::option::Option::Some))
        } else if field.optional {
            quote!(slots.#name.take_optional())
        } else {
            quote!(slots.#name.take_required())
        }
    });
    let bindings: Vec<_> = input
        .fields
        .iter()
        .map(|f| format_ident!("__{}", f.ident))
        .collect();
    let names = input.fields.iter().map(|f| &f.ident);

    let deserialize = input.deserialize.then(|| deserialize_impl(ident));
    // Inside an anonymous const: the slots type is an implementation detail
    // and must not be nameable from the user's module.
    quote! { const _: () = {
        #[derive(Default)]
        pub struct #slots_ident {
            #(#slot_fields,)*
        }

        #[automatically_derived]
        impl #rt::DecodeObject for #ident {
            const FIELDS: &'static [&'static str] = &[#(#wires),*];
            type Slots = #slots_ident;

            fn field_index(key: &str) -> ::core::option::Option<usize> {
                match key {
                    #(#index_arms,)*
                    _ => ::core::option::Option::None,
                }
            }

            fn decode_field<'de, A: #rt::__private::MapAccess<'de>>(
                slots: &mut Self::Slots,
                index: usize,
                access: &mut A,
                cx: &mut #rt::Context<'_>,
            ) -> ::core::result::Result<(), A::Error> {
                match index {
                    #(#decode_arms,)*
                    _ => {}
                }
                ::core::result::Result::Ok(())
            }

            fn finish(slots: Self::Slots, cx: &mut #rt::Context<'_>) -> #rt::Decoded<Self> {
                #(#rules)*
                match (#(#takes,)*) {
                    (#(::core::option::Option::Some(#bindings),)*) => #rt::Decoded::Value(Self { #(#names: #bindings,)* }),
                    _ => #rt::Decoded::Invalid,
                }
            }
        }

        #[automatically_derived]
        impl #rt::Decode for #ident {
            const EXPECTED: #rt::Expected = #rt::Expected::Object;

            fn decode<'de, D: #rt::__private::Deserializer<'de>>(
                deserializer: D,
                cx: &mut #rt::Context<'_>,
            ) -> ::core::result::Result<#rt::Decoded<Self>, D::Error> {
                deserializer.deserialize_any(#rt::__private::ObjectVisitor::<Self>::new(cx))
            }
        }

        #deserialize
    }; }
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

pub fn decode_enum(input: &UnitEnum) -> TokenStream {
    let rt = runtime();
    let ident = &input.ident;
    let wires = input.variants.iter().map(|(_, wire)| wire);
    let arms = input
        .variants
        .iter()
        .enumerate()
        .map(|(index, (variant, _))| quote!(#index => #rt::Decoded::Value(Self::#variant)));
    let deserialize = input.deserialize.then(|| deserialize_impl(ident));
    quote! {
        #[automatically_derived]
        impl #rt::Decode for #ident {
            const EXPECTED: #rt::Expected = #rt::Expected::EnumString;

            fn decode<'de, D: #rt::__private::Deserializer<'de>>(
                deserializer: D,
                cx: &mut #rt::Context<'_>,
            ) -> ::core::result::Result<#rt::Decoded<Self>, D::Error> {
                const VARIANTS: &[&str] = &[#(#wires),*];
                ::core::result::Result::Ok(match #rt::__private::decode_str_enum(deserializer, cx, VARIANTS)? {
                    #rt::Decoded::Value(index) => match index {
                        #(#arms,)*
                        _ => #rt::Decoded::Invalid,
                    },
                    #rt::Decoded::Null => #rt::Decoded::Null,
                    #rt::Decoded::Invalid => #rt::Decoded::Invalid,
                })
            }
        }

        #deserialize
    }
}

pub fn validate_enum(input: &UnitEnum) -> TokenStream {
    let rt = runtime();
    let ident = &input.ident;
    let arms = input
        .variants
        .iter()
        .map(|(variant, wire)| quote!(Self::#variant => #wire));
    quote! {
        #[automatically_derived]
        impl #rt::Validate for #ident {
            fn validate_in(&self, _cx: &mut #rt::Context<'_>) {}
        }

        #[automatically_derived]
        impl #rt::__private::WireEq<str> for #ident {
            fn wire_eq(&self, other: &str) -> bool {
                let wire: &str = match self {
                    #(#arms,)*
                };
                wire == other
            }
        }
    }
}
