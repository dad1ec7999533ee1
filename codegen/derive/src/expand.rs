//! Tokens for `Decode` and `Validate`, from the checked model.
//!
//! Both derives describe a type's rules as the same table of
//! `codegen_runtime::rules::FieldRule`s and hand it to the runtime's one
//! `rules::apply`, which the IR-driven validator uses too: decoding and
//! validation cannot disagree on what a rule means. They differ only in
//! where a field's value comes from (a decoding slot or `self`).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::model::{Condition, Criterion, Field, Format, Struct, UnitEnum};

fn runtime() -> TokenStream {
    quote!(::codegen_runtime)
}

/// The attributes that are on the wire, in declaration order: their
/// positions are the indexes of the rule table.
fn wired(input: &Struct) -> Vec<&Field> {
    input.fields.iter().filter(|f| !f.skipped).collect()
}

/// The type's rule table (`codegen_runtime::rules::FieldRule`s), the one
/// description of its documented rules that decoding and validation share.
fn rules_table(wired: &[&Field]) -> TokenStream {
    let rt = runtime();
    let position = |ident: &syn::Ident| wired.iter().position(|f| f.ident == *ident);
    let rules = wired.iter().map(|field| {
        let wire = &field.wire;
        let criterion = match &field.criterion {
            Criterion::Mandatory => quote!(#rt::rules::Criterion::Mandatory),
            Criterion::Optional => quote!(#rt::rules::Criterion::Optional),
            Criterion::Conditional(Condition::Filled(idents)) => {
                let siblings = idents.iter().filter_map(position);
                quote!(#rt::rules::Criterion::Conditional(#rt::rules::When::Filled(&[#(#siblings),*])))
            }
            Criterion::Conditional(Condition::Equals(ident, lit)) => {
                let sibling = position(ident).unwrap_or(usize::MAX);
                let literal = match lit {
                    syn::Lit::Str(_) => quote!(#rt::rules::Literal::Str(#lit)),
                    syn::Lit::Bool(_) => quote!(#rt::rules::Literal::Bool(#lit)),
                    _ => quote!(#rt::rules::Literal::Int(#lit)),
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
            Some(pattern) => quote!(::core::option::Option::Some({
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
                let of_string = length.of_string;
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
    wired: &[&Field],
    presence: impl Fn(&Field) -> TokenStream,
    read: impl Fn(&Field) -> TokenStream,
) -> TokenStream {
    let rt = runtime();
    let indexes: Vec<usize> = (0..wired.len()).collect();
    let presences = wired.iter().map(|field| presence(field));
    let reads: Vec<TokenStream> = wired.iter().map(|field| read(field)).collect();
    quote! {
        #[automatically_derived]
        impl #rt::rules::FieldValues for #target {
            fn presence(&self, index: usize) -> #rt::Presence {
                match index {
                    #(#indexes => #presences,)*
                    _ => #rt::Presence::Absent,
                }
            }

            fn scalar(&self, index: usize) -> ::core::option::Option<#rt::rules::WireScalar<'_>> {
                match index {
                    #(#indexes => #reads.map(#rt::Validate::wire_scalar),)*
                    _ => ::core::option::Option::None,
                }
            }

            fn len(&self, index: usize) -> ::core::option::Option<usize> {
                match index {
                    #(#indexes => #reads.and_then(#rt::Validate::wire_len),)*
                    _ => ::core::option::Option::None,
                }
            }
        }
    }
}

pub fn validate_struct(input: &Struct) -> TokenStream {
    let rt = runtime();
    let ident = &input.ident;
    let wired = wired(input);
    let rules = rules_table(&wired);
    let read = |field: &Field| {
        let name = &field.ident;
        if field.optional {
            quote!(self.0.#name.as_ref())
        } else {
            quote!(::core::option::Option::Some(&self.0.#name))
        }
    };
    let presence = |field: &Field| {
        let value = read(field);
        quote!(match #value {
            ::core::option::Option::None => #rt::Presence::Absent,
            ::core::option::Option::Some(value) if #rt::Validate::is_blank(value) => #rt::Presence::Blank,
            ::core::option::Option::Some(_) => #rt::Presence::Filled,
        })
    };
    let values = field_values_impl(quote!(__Values<'_>), &wired, presence, read);
    let nested = wired.iter().map(|field| {
        let name = &field.ident;
        let wire = &field.wire;
        quote! {
            cx.push_field(#wire);
            #rt::Validate::validate_in(&self.#name, cx);
            cx.pop();
        }
    });
    // The view the rules read a built value through; not nameable outside.
    quote! { const _: () = {
        struct __Values<'a>(&'a #ident);

        #values

        #[automatically_derived]
        impl #rt::Validate for #ident {
            fn validate_in(&self, cx: &mut #rt::Context<'_>) {
                const RULES: &[#rt::rules::FieldRule<'static>] = #rules;
                #rt::rules::apply(RULES, &__Values(self), cx);
                #(#nested)*
            }
        }
    }; }
}

pub fn decode_struct(input: &Struct) -> TokenStream {
    let rt = runtime();
    let ident = &input.ident;
    let slots_ident = format_ident!("__{}Slots", ident);
    let wired = wired(input);
    let rules = rules_table(&wired);

    let slot_fields = wired.iter().map(|field| {
        let name = &field.ident;
        let inner = &field.inner;
        quote!(#name: #rt::__private::Slot<#inner>)
    });
    let index_arms = wired.iter().enumerate().map(|(index, field)| {
        let wire = &field.wire;
        quote!(#wire => ::core::option::Option::Some(#index))
    });
    let decode_arms = wired.iter().enumerate().map(|(index, field)| {
        let name = &field.ident;
        let inner = &field.inner;
        quote!(#index => slots.#name.set(access.next_value_seed(#rt::Seed::<#inner>::new(cx))?))
    });
    let values = field_values_impl(
        quote!(#slots_ident),
        &wired,
        |field| {
            let name = &field.ident;
            quote!(self.#name.presence(|value| #rt::Validate::is_blank(value)))
        },
        |field| {
            let name = &field.ident;
            quote!(self.#name.value())
        },
    );
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

        #values

        #[automatically_derived]
        impl #rt::DecodeObject for #ident {
            const RULES: &'static [#rt::rules::FieldRule<'static>] = #rules;
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

            fn build(slots: Self::Slots) -> #rt::Decoded<Self> {
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
                #rt::__private::decode_object(deserializer, cx)
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

            // `C(equals(..))` compares a unit enum by its wire text.
            fn wire_scalar(&self) -> #rt::rules::WireScalar<'_> {
                #rt::rules::WireScalar::Str(match self {
                    #(#arms,)*
                })
            }
        }
    }
}
