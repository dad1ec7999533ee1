//! `Validate`: the rule table read through a view of a built value, then
//! every attribute validated in turn.

use proc_macro2::TokenStream;
use quote::quote;

use super::{field_values_impl, rules_table, runtime};
use crate::checked::{Attribute, Struct, UnitEnum};

pub fn validate_struct(input: &Struct) -> TokenStream {
    let rt = runtime();
    let ident = &input.ident;
    let wired = input.attributes();
    let rules = rules_table(&wired);
    let read = |field: &Attribute| {
        let name = &field.ident;
        if field.optional {
            quote!(self.0.#name.as_ref())
        } else {
            quote!(::core::option::Option::Some(&self.0.#name))
        }
    };
    let presence = |field: &Attribute| {
        let value = read(field);
        quote!(match #value {
            ::core::option::Option::None => #rt::Presence::Absent,
            ::core::option::Option::Some(value) if #rt::Validate::is_blank(value) => #rt::Presence::Blank,
            ::core::option::Option::Some(_) => #rt::Presence::Filled,
        })
    };
    let values = field_values_impl(quote!(__Values<'_>), &wired, presence, read);
    // The table applied field by field, as `rules::apply` does, each index
    // written out so that every call folds into that field's checks.
    let indexes = 0..wired.len();
    let nested = wired.iter().map(|field| {
        let name = &field.ident;
        let wire = &field.wire;
        // Fields whose type cannot break a rule on its own (text, decimals)
        // are not entered: their rules are the table's, applied above.
        quote! {
            if #rt::__private::may_report(&self.#name) {
                cx.push_field(#wire);
                #rt::Validate::validate_in(&self.#name, cx);
                cx.pop();
            }
        }
    });
    // The view the rules read a built value through; not nameable outside.
    quote! { const _: () = {
        struct __Values<'a>(&'a #ident);

        #values

        #[automatically_derived]
        impl #rt::Validate for #ident {
            #[inline]
            fn validate_in(&self, cx: &mut #rt::Context<'_>) {
                const RULES: &[#rt::rules::FieldRule<'static>] = #rules;
                let values = __Values(self);
                #(#rt::rules::apply_field(RULES, #indexes, &values, cx);)*
                #(#nested)*
            }
        }
    }; }
}

pub fn validate_enum(input: &UnitEnum) -> TokenStream {
    let rt = runtime();
    let ident = &input.ident;
    let arms = input.variants.iter().map(|v| {
        let (variant, wire) = (&v.ident, &v.wire);
        quote!(Self::#variant => #wire)
    });
    quote! {
        #[automatically_derived]
        impl #rt::Validate for #ident {
            const MAY_REPORT: bool = false;

            #[inline]
            fn validate_in(&self, _cx: &mut #rt::Context<'_>) {}

            // `C(equals(..))` compares a unit enum by its wire text.
            #[inline]
            fn wire_scalar(&self) -> #rt::rules::WireScalar<'_> {
                #rt::rules::WireScalar::Str(match self {
                    #(#arms,)*
                })
            }
        }
    }
}
