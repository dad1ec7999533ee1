//! `Decode`: the slots a struct is decoded into, `DecodeObject` over its
//! rule table, and the string table of a unit enum.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{deserialize_impl, field_values_impl, rules_table, runtime};
use crate::checked::{Criterion, Field, Struct, UnitEnum};

pub fn decode_struct(input: &Struct) -> TokenStream {
    let rt = runtime();
    let ident = &input.ident;
    let slots_ident = format_ident!("__{}Slots", ident);
    let wired = input.attributes();
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
    let takes = input.fields.iter().map(|field| match field {
        Field::Skipped(_) => quote!(::core::option::Option::Some(
            ::core::default::Default::default()
        )),
        Field::Attribute(attribute) => {
            let name = &attribute.ident;
            match (attribute.optional, &attribute.criterion) {
                (true, Criterion::Mandatory) => {
                    quote!(slots.#name.take_required().map(::core::option::Option::Some))
                }
                (true, _) => quote!(slots.#name.take_optional()),
                (false, _) => quote!(slots.#name.take_required()),
            }
        }
    });
    let bindings: Vec<_> = input
        .fields
        .iter()
        .map(|f| format_ident!("__{}", f.ident()))
        .collect();
    let names = input.fields.iter().map(Field::ident);

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

            #[inline]
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

            #[inline]
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

pub fn decode_enum(input: &UnitEnum) -> TokenStream {
    let rt = runtime();
    let ident = &input.ident;
    let wires = input.variants.iter().map(|v| &v.wire);
    let arms = input.variants.iter().enumerate().map(|(index, v)| {
        let variant = &v.ident;
        quote!(#index => #rt::Decoded::Value(Self::#variant))
    });
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
