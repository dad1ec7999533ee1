//! What a field's type is, read from its syntax (a derive sees no type
//! information): `Option<T>`, `Vec<T>`, `String`, and the type as text for
//! messages.

use syn::{GenericArgument, PathArguments, Type};

pub fn option_inner(ty: &Type) -> Option<&Type> {
    generic_arg(ty, "Option")
}

pub fn vec_item(ty: &Type) -> Option<&Type> {
    generic_arg(ty, "Vec")
}

fn generic_arg<'a>(ty: &'a Type, wrapper: &str) -> Option<&'a Type> {
    let Type::Path(path) = ty else { return None };
    let segment = path.path.segments.last()?;
    if segment.ident != wrapper {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &segment.arguments else {
        return None;
    };
    match args.args.first()? {
        GenericArgument::Type(inner) if args.args.len() == 1 => Some(inner),
        _ => None,
    }
}

pub fn is_string(ty: &Type) -> bool {
    matches!(ty, Type::Path(path) if path.qself.is_none()
        && path.path.segments.last().is_some_and(|s| s.ident == "String" && s.arguments.is_empty()))
}

/// `Option<String>`, as a message quotes it.
pub fn type_text(ty: &Type) -> String {
    quote::quote!(#ty)
        .to_string()
        .replace(" < ", "<")
        .replace(" >", ">")
        .replace("< ", "<")
}
