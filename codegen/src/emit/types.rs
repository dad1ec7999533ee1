//! The `types` part: one documented struct per [`ObjectType`], whose
//! attributes carry the page's rules for the `Decode`/`Validate` derives of
//! `codegen-runtime`.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{code, escape, escape_inline, Doc};
use super::scope::{externs, Scope};
use super::space::{FieldEntry, Space, TypeEntry};
use super::ModulePart;
use crate::ir::{
    Condition, Criterion, Field, FieldType, ObjectType, Response, Scalar, StringFormat, TypeId,
};

pub fn emit(space: &Space<'_>) -> Option<ModulePart> {
    let generated: Vec<TypeId> = (0..space.types.len())
        .map(TypeId)
        .filter(|&id| space.types[id.0].replacement.is_none())
        .collect();
    if generated.is_empty() {
        return None;
    }
    let mut scope = Scope::types(space);
    let structs: Vec<TokenStream> = generated
        .into_iter()
        .map(|id| emit_struct(space, id, &mut scope))
        .collect();
    let uses = scope.uses();
    Some(ModulePart {
        name: "types",
        feature: None,
        glob_reexport: true,
        items: quote! { #uses #(#structs)* },
    })
}

fn emit_struct(space: &Space<'_>, id: TypeId, scope: &mut Scope<'_>) -> TokenStream {
    let (ty, entry) = space.ty(id);
    let TypeEntry {
        ident,
        fields,
        attributes,
        ..
    } = entry;
    let docs = struct_docs(space, id, ty).outer();
    let fields: Vec<TokenStream> = ty
        .fields
        .iter()
        .zip(fields)
        .map(|(field, entry)| emit_field(ty, field, entry, scope))
        .collect();
    let serialize = scope.item(externs::SERIALIZE);
    let decode = scope.item(externs::DECODE);
    let validate = scope.item(externs::VALIDATE);
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, #serialize, #decode, #validate)]
        #[mosia(deserialize)]
        #(#attributes)*
        pub struct #ident {
            #(#fields)*
        }
    }
}

/// Title, description and where the type is used on the wire.
fn struct_docs(space: &Space<'_>, id: TypeId, ty: &ObjectType) -> Doc {
    let mut doc = Doc::new();
    doc.prose(ty.title.as_deref().unwrap_or(&ty.name));
    if let Some(description) = &ty.description {
        doc.prose(description);
    }
    for op in &space.module.operations {
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
    owner: &ObjectType,
    field: &Field,
    entry: &FieldEntry,
    scope: &mut Scope<'_>,
) -> TokenStream {
    let FieldEntry {
        ident,
        optional,
        boxed,
        serde_args,
        rule_attrs,
        attributes,
    } = entry;
    let docs = field_docs(owner, field).outer();
    let mut ty = rust_type(&field.ty, scope);
    if *boxed {
        ty = quote!(Box<#ty>);
    }
    if *optional {
        ty = quote!(Option<#ty>);
    }
    let serde = (!serde_args.is_empty()).then(|| quote!(#[serde(#(#serde_args),*)]));
    quote! {
        #docs
        #serde
        #(#rule_attrs)*
        #(#attributes)*
        pub #ident: #ty,
    }
}

fn rust_type(ty: &FieldType, scope: &mut Scope<'_>) -> TokenStream {
    match ty {
        FieldType::String(Some(StringFormat::Date)) => scope.item(externs::NAIVE_DATE),
        FieldType::String(_) => quote!(String),
        FieldType::Int => quote!(i64),
        FieldType::Float => quote!(f64),
        FieldType::Decimal => scope.item(externs::DECIMAL),
        FieldType::Boolean => quote!(bool),
        FieldType::Object(id) => scope.spec(*id),
        FieldType::FreeObject => {
            let map = scope.item(externs::MAP);
            let value = scope.item(externs::VALUE);
            quote!(#map<String, #value>)
        }
        FieldType::Array(item) => {
            let item = rust_type(item, scope);
            quote!(Vec<#item>)
        }
    }
}

/// Description, criterion and the doc's type column, then the filling rule.
fn field_docs(owner: &ObjectType, field: &Field) -> Doc {
    let mut doc = Doc::new();
    doc.prose(&field.description);
    let criterion = match &field.criterion {
        Criterion::Mandatory => "M (mandatório)".to_owned(),
        Criterion::Optional => "OP (opcional)".to_owned(),
        Criterion::Conditional(condition) => {
            format!(
                "C (condicional): obrigatório quando {}",
                condition_text(owner, condition)
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
    doc
}

/// "`a` ou `b` estiver preenchido" / "`tipo` for `"PF"`" (wire names, as the
/// page writes them; the space has checked that the siblings exist).
fn condition_text(owner: &ObjectType, condition: &Condition) -> String {
    let wire = |index: usize| code(&owner.fields[index].wire_name);
    match condition {
        Condition::Filled(siblings) => {
            let names: Vec<String> = siblings.iter().map(|id| wire(id.0)).collect();
            let verb = if names.len() > 1 {
                "estiver preenchido (qualquer um deles)"
            } else {
                "estiver preenchido"
            };
            format!("{} {verb}", names.join(" ou "))
        }
        Condition::Equals { field, value } => {
            let value = match value {
                Scalar::String(s) => serde_json::Value::from(s.as_str()).to_string(),
                Scalar::Int(i) => i.to_string(),
                Scalar::Bool(b) => b.to_string(),
            };
            format!("{} for {}", wire(field.0), code(&value))
        }
    }
}
