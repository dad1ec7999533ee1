//! The `types` part: one documented struct per [`ObjectType`], whose
//! attributes carry the page's rules for the `Decode`/`Validate` derives of
//! `codegen-runtime`.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::docs::{code, escape, escape_inline, Doc};
use super::names::{ident, is_reserved, Import, Imports};
use super::{EmitError, ModulePart};
use crate::ir::{
    Condition, Criterion, Field, FieldType, Module, ObjectType, Response, Scalar, StringFormat,
    TypeId,
};

pub fn emit(module: &Module) -> Result<Option<ModulePart>, EmitError> {
    if module.types.is_empty() {
        return Ok(None);
    }
    for ty in &module.types {
        if is_reserved(&ty.rust_name) {
            return Err(EmitError::ReservedTypeName {
                module: module.name.clone(),
                name: ty.rust_name.clone(),
            });
        }
    }

    let mut imports = Imports::new(module.types.iter().map(|t| t.rust_name.clone()).collect());
    let mut structs = Vec::with_capacity(module.types.len());
    for (index, ty) in module.types.iter().enumerate() {
        structs.push(emit_struct(module, TypeId(index), ty, &mut imports)?);
    }
    let uses = imports.items();
    Ok(Some(ModulePart {
        name: "types",
        feature: None,
        glob_reexport: true,
        items: quote! { #uses #(#structs)* },
    }))
}

fn emit_struct(
    module: &Module,
    id: TypeId,
    ty: &ObjectType,
    imports: &mut Imports,
) -> Result<TokenStream, EmitError> {
    let name = ident(&module.name, &ty.rust_name)?;
    let docs = struct_docs(module, id, ty).outer();
    let mut fields = Vec::with_capacity(ty.fields.len());
    for field in &ty.fields {
        fields.push(emit_field(module, id, ty, field, imports)?);
    }
    let serialize = imports.use_(Import::Serialize);
    let decode = imports.use_(Import::Decode);
    let validate = imports.use_(Import::Validate);
    Ok(quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, #serialize, #decode, #validate)]
        #[mosia(deserialize)]
        pub struct #name {
            #(#fields)*
        }
    })
}

/// Title, description and where the type is used on the wire.
fn struct_docs(module: &Module, id: TypeId, ty: &ObjectType) -> Doc {
    let mut doc = Doc::new();
    doc.prose(ty.title.as_deref().unwrap_or(&ty.name));
    if let Some(description) = &ty.description {
        doc.prose(description);
    }
    for op in &module.operations {
        let endpoint = code(&format!("{} {}", op.method.as_str(), op.path));
        let uses = [
            (op.request == id, "Corpo da requisição"),
            (op.response == Response::Typed(id), "Resposta de sucesso"),
            (op.failure == Some(id), "Resposta de falha"),
        ];
        for (_, role) in uses.iter().filter(|(matches, _)| *matches) {
            doc.paragraph(format!("{role} de {} ({endpoint}).", code(&op.id)));
        }
    }
    doc
}

fn emit_field(
    module: &Module,
    owner_id: TypeId,
    owner: &ObjectType,
    field: &Field,
    imports: &mut Imports,
) -> Result<TokenStream, EmitError> {
    let name = ident(&module.name, &field.rust_name)?;
    let docs = field_docs(module, owner, field)?.outer();
    let mut inner = rust_type(module, &field.ty, imports)?;
    if contains_itself(module, owner_id, &field.ty) {
        // A type that holds itself (a registro inside a registro) needs a
        // pointer to have a size; an array already is one.
        inner = quote!(Box<#inner>);
    }
    let optional = !matches!(field.criterion, Criterion::Mandatory);
    let ty = if optional {
        quote!(Option<#inner>)
    } else {
        inner
    };

    // serde: the exact wire name; absent/null for optionals; Decimal (and
    // arrays of them) as JSON numbers with exactly their digits
    // (rust_decimal's own modules write a string or go through f64).
    // The rename is left out where the Rust name already is the wire name
    // (`titulo`): serde and the derives then use the field name itself.
    let wire = &field.wire_name;
    let mut serde_args = Vec::new();
    if field.rust_name != *wire {
        serde_args.push(quote!(rename = #wire));
    }
    if optional {
        serde_args.push(quote!(default));
        serde_args.push(quote!(skip_serializing_if = "Option::is_none"));
    }
    let with = match (&field.ty, optional) {
        (FieldType::Decimal, false) => Some("codegen_runtime::json_decimal"),
        (FieldType::Decimal, true) => Some("codegen_runtime::json_decimal::option"),
        (FieldType::Array(item), false) if **item == FieldType::Decimal => {
            Some("codegen_runtime::json_decimal::vec")
        }
        (FieldType::Array(item), true) if **item == FieldType::Decimal => {
            Some("codegen_runtime::json_decimal::option_vec")
        }
        (FieldType::Array(_), _) if contains_decimal(&field.ty) => {
            // Arrays of arrays: the loader refuses them (a defensive check).
            return Err(EmitError::Unsupported {
                module: module.name.clone(),
                what: format!(
                    "an array of arrays of Decimal (`{}.{}`)",
                    owner.name, field.wire_name
                ),
            });
        }
        _ => None,
    };
    if let Some(with) = with {
        serde_args.push(quote!(with = #with));
    }

    let mut mosia = Vec::new();
    if let Criterion::Conditional(condition) = &field.criterion {
        let condition = condition_tokens(module, owner, condition)?;
        mosia.push(quote!(#[mosia(C(#condition))]));
    }
    match &field.ty {
        FieldType::String(Some(StringFormat::Color)) => {
            mosia.push(quote!(#[mosia(format = "color")]));
        }
        FieldType::Array(_)
            if innermost(&field.ty) == &FieldType::String(Some(StringFormat::Color)) =>
        {
            // The derive checks formats on `String`/`Option<String>` fields
            // only; dropping the rule silently would accept bad colors. The
            // loader refuses them (a defensive check).
            return Err(EmitError::Unsupported {
                module: module.name.clone(),
                what: format!("an array of colors (`{}.{}`)", owner.name, field.wire_name),
            });
        }
        _ => {}
    }

    let serde = (!serde_args.is_empty()).then(|| quote!(#[serde(#(#serde_args),*)]));
    Ok(quote! {
        #docs
        #serde
        #(#mosia)*
        pub #name: #ty,
    })
}

/// `filled(a, b)` or `equals(a = "PF")`, naming siblings by Rust name.
fn condition_tokens(
    module: &Module,
    owner: &ObjectType,
    condition: &Condition,
) -> Result<TokenStream, EmitError> {
    match condition {
        Condition::Filled(siblings) => {
            let names = siblings
                .iter()
                .map(|id| ident(&module.name, &sibling(module, owner, id.0)?.rust_name))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(quote!(filled(#(#names),*)))
        }
        Condition::Equals { field, value } => {
            let name = ident(&module.name, &sibling(module, owner, field.0)?.rust_name)?;
            let value = match value {
                Scalar::String(s) => quote!(#s),
                Scalar::Bool(b) => quote!(#b),
                Scalar::Int(i) => {
                    let magnitude = Literal::u64_unsuffixed(i.unsigned_abs());
                    if *i < 0 {
                        quote!(-#magnitude)
                    } else {
                        quote!(#magnitude)
                    }
                }
            };
            Ok(quote!(equals(#name = #value)))
        }
    }
}

fn sibling<'a>(
    module: &Module,
    owner: &'a ObjectType,
    index: usize,
) -> Result<&'a Field, EmitError> {
    owner
        .fields
        .get(index)
        .ok_or_else(|| EmitError::DanglingReference {
            module: module.name.clone(),
            what: format!("field #{index} of `{}`", owner.name),
        })
}

fn object(module: &Module, id: TypeId) -> Result<&ObjectType, EmitError> {
    module
        .types
        .get(id.0)
        .ok_or_else(|| EmitError::DanglingReference {
            module: module.name.clone(),
            what: format!("type #{}", id.0),
        })
}

fn rust_type(
    module: &Module,
    ty: &FieldType,
    imports: &mut Imports,
) -> Result<TokenStream, EmitError> {
    Ok(match ty {
        FieldType::String(Some(StringFormat::Date)) => imports.use_(Import::NaiveDate),
        FieldType::String(_) => quote!(String),
        FieldType::Int => quote!(i64),
        FieldType::Float => quote!(f64),
        FieldType::Decimal => imports.use_(Import::Decimal),
        FieldType::Boolean => quote!(bool),
        FieldType::Object(id) => {
            let name = ident(&module.name, &object(module, *id)?.rust_name)?;
            quote!(#name)
        }
        FieldType::FreeObject => {
            let map = imports.use_(Import::Map);
            let value = imports.use_(Import::Value);
            quote!(#map<String, #value>)
        }
        FieldType::Array(item) => {
            let item = rust_type(module, item, imports)?;
            quote!(Vec<#item>)
        }
    })
}

fn innermost(ty: &FieldType) -> &FieldType {
    match ty {
        FieldType::Array(item) => innermost(item),
        other => other,
    }
}

fn contains_decimal(ty: &FieldType) -> bool {
    innermost(ty) == &FieldType::Decimal
}

/// Description, criterion and the doc's type column, then the filling rule.
fn field_docs(module: &Module, owner: &ObjectType, field: &Field) -> Result<Doc, EmitError> {
    let mut doc = Doc::new();
    doc.prose(&field.description);
    let criterion = match &field.criterion {
        Criterion::Mandatory => "M (mandatório)".to_owned(),
        Criterion::Optional => "OP (opcional)".to_owned(),
        Criterion::Conditional(condition) => {
            format!(
                "C (condicional): obrigatório quando {}",
                condition_text(module, owner, condition)?
            )
        }
    };
    let doc_type = field.doc_type.trim();
    if doc_type.is_empty() {
        doc.paragraph(format!("Critério: {criterion}"));
    } else {
        doc.paragraph(format!("Critério: {criterion} · Tipo: {}", code(doc_type)));
    }
    if let Some(rule) = field
        .rule
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
    {
        let mut lines = rule.lines().map(str::trim).filter(|l| !l.is_empty());
        if let Some(first) = lines.next() {
            doc.paragraph(format!("Regra de preenchimento: {}", escape_inline(first)));
        }
        for line in lines {
            doc.paragraph(escape(line));
        }
    }
    Ok(doc)
}

/// "`a` ou `b` estiver preenchido" / "`tipo` for `"PF"`" (wire names, as the
/// page writes them).
fn condition_text(
    module: &Module,
    owner: &ObjectType,
    condition: &Condition,
) -> Result<String, EmitError> {
    match condition {
        Condition::Filled(siblings) => {
            let names = siblings
                .iter()
                .map(|id| Ok(code(&sibling(module, owner, id.0)?.wire_name)))
                .collect::<Result<Vec<_>, EmitError>>()?;
            let verb = if names.len() > 1 {
                "estiver preenchido (qualquer um deles)"
            } else {
                "estiver preenchido"
            };
            Ok(format!("{} {verb}", names.join(" ou ")))
        }
        Condition::Equals { field, value } => {
            let name = code(&sibling(module, owner, field.0)?.wire_name);
            let value = match value {
                Scalar::String(s) => serde_json::Value::from(s.as_str()).to_string(),
                Scalar::Int(i) => i.to_string(),
                Scalar::Bool(b) => b.to_string(),
            };
            Ok(format!("{name} for {}", code(&value)))
        }
    }
}

/// Whether a field of type `ty` inside `owner` leads back to `owner`
/// through objects held directly (not through an array).
fn contains_itself(module: &Module, owner: TypeId, ty: &FieldType) -> bool {
    let FieldType::Object(start) = ty else {
        return false;
    };
    let mut seen = vec![false; module.types.len()];
    let mut stack = vec![*start];
    while let Some(id) = stack.pop() {
        if id == owner {
            return true;
        }
        if std::mem::replace(&mut seen[id.0], true) {
            continue;
        }
        stack.extend(module.ty(id).fields.iter().filter_map(|f| match f.ty {
            FieldType::Object(next) => Some(next),
            _ => None,
        }));
    }
    false
}
