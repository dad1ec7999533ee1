//! The type space of one generated module: every Rust identifier, serde
//! argument, rule attribute and per-operation record, decided once from the
//! IR. The emitters render a [`Space`]; they make no naming decision of
//! their own, so the types, client and server parts always agree on what
//! a thing is called.
//!
//! Building a space is the only fallible step of emission: the checks here
//! are defensive (the loader refuses every spec that would fail them) and
//! guard against IR that the loader did not build.

use heck::ToSnakeCase;
use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::options::Options;
use super::EmitError;
use crate::ir::{
    Condition, Criterion, Field, FieldType, Header, Implementer, Module, ObjectType, Operation,
    Response, Scalar, StringFormat, TypeId,
};
use crate::naming::reserved;

/// One module of the IR with all its names resolved.
#[derive(Debug)]
pub struct Space<'m> {
    pub module: &'m Module,
    pub options: &'m Options,
    /// Indexed by [`TypeId`].
    pub types: Vec<TypeEntry>,
    /// In [`Module::operations`] order.
    pub operations: Vec<OperationEntry<'m>>,
    pub client: ClientEntry<'m>,
    /// One per implementer that has endpoints in the module, the
    /// operator's first.
    pub servers: Vec<ServerEntry>,
}

/// A generated struct.
#[derive(Debug)]
pub struct TypeEntry {
    pub ident: Ident,
    /// The user's type that stands for this one everywhere
    /// ([`Options::replacements`]); the struct is then not generated.
    pub replacement: Option<syn::Path>,
    /// Attributes the user adds to the struct.
    pub attributes: Vec<TokenStream>,
    /// In [`ObjectType::fields`] order.
    pub fields: Vec<FieldEntry>,
}

/// A field of a generated struct.
#[derive(Debug)]
pub struct FieldEntry {
    pub ident: Ident,
    /// `Option<…>`: every criterion but `M`.
    pub optional: bool,
    /// `Box<…>`: the field's type leads back to its own struct.
    pub boxed: bool,
    /// The arguments of `#[serde(…)]`: the wire name where it differs from
    /// the Rust name, absent/null for optionals, exact decimals.
    pub serde_args: Vec<TokenStream>,
    /// The `#[mosia(…)]` attributes: the condition of a `C` field, formats
    /// the Rust type does not carry.
    pub rule_attrs: Vec<TokenStream>,
    /// Attributes the user adds to the field.
    pub attributes: Vec<TokenStream>,
}

/// What every emitter needs to know about one operation.
#[derive(Debug)]
pub struct OperationEntry<'m> {
    pub op: &'m Operation,
    /// The `http::Method` constant (`POST`).
    pub verb: Ident,
    /// The server trait method and the client method (`criar_ocorrencia`).
    pub method: Ident,
    /// The client method with per-call headers (`criar_ocorrencia_with`).
    pub method_with: Ident,
    /// The method name as rustdoc resolves it (no `r#`).
    pub plain: String,
}

/// The generated `Client` of a module.
#[derive(Debug)]
pub struct ClientEntry<'m> {
    /// The base URL every operation documents, when they all give the same
    /// one (Mosia's own APIs); otherwise the constructor takes one.
    pub base_url: Option<String>,
    /// The headers mandatory in every operation, which the constructor
    /// takes after the base URL.
    pub params: Vec<Param<'m>>,
}

/// A constructor argument of `Client` for a header every call needs.
#[derive(Debug)]
pub struct Param<'m> {
    pub header: &'m Header,
    pub ident: Ident,
}

/// The server trait and functions of one implementer.
#[derive(Debug)]
pub struct ServerEntry {
    pub who: Implementer,
    /// `Operadora`, `Mosia`.
    pub trait_ident: Ident,
    /// `operadora_router`.
    pub router_ident: Ident,
    /// `operadora_routes`.
    pub routes_ident: Ident,
    /// Indices into [`Space::operations`].
    pub operations: Vec<usize>,
}

impl<'m> Space<'m> {
    pub fn new(module: &'m Module, options: &'m Options) -> Result<Self, EmitError> {
        let builder = Builder { module, options };
        let mut types = Vec::with_capacity(module.types.len());
        for (index, ty) in module.types.iter().enumerate() {
            types.push(builder.type_entry(TypeId(index), ty)?);
        }
        let mut operations = Vec::with_capacity(module.operations.len());
        for op in &module.operations {
            operations.push(builder.operation_entry(op)?);
        }
        builder.check_endpoints()?;
        builder.check_client_methods(&operations)?;
        Ok(Space {
            module,
            options,
            types,
            operations,
            client: builder.client_entry()?,
            servers: builder.server_entries()?,
        })
    }

    pub fn ty(&self, id: TypeId) -> (&'m ObjectType, &TypeEntry) {
        (self.module.ty(id), &self.types[id.0])
    }

    /// The Rust name of a spec type.
    pub fn type_name(&self, id: TypeId) -> String {
        self.types[id.0].ident.to_string()
    }

    /// Whether a struct generated in the module has this Rust name.
    pub fn is_type_name(&self, name: &str) -> bool {
        self.types
            .iter()
            .any(|t| t.replacement.is_none() && t.ident == name)
    }

    /// An intra-doc link to a spec type from a file where the module's
    /// types are in scope: the generated struct, or the user's replacement.
    pub fn type_link(&self, id: TypeId) -> String {
        let entry = &self.types[id.0];
        match &entry.replacement {
            Some(path) => format!("[`{}`]", path_text(path)),
            None => format!("[`{}`]", entry.ident),
        }
    }

    /// Whether any operation is served by `who`.
    pub fn has_implementer(&self, who: Implementer) -> bool {
        self.servers.iter().any(|s| s.who == who)
    }
}

/// The checks and derivations behind [`Space::new`].
struct Builder<'m> {
    module: &'m Module,
    options: &'m Options,
}

impl<'m> Builder<'m> {
    fn ident(&self, name: &str) -> Result<Ident, EmitError> {
        syn::parse_str::<Ident>(name).map_err(|_| EmitError::InvalidIdent {
            module: self.module.name.clone(),
            name: name.to_owned(),
        })
    }

    fn unsupported(&self, what: String) -> EmitError {
        EmitError::Unsupported {
            module: self.module.name.clone(),
            what,
        }
    }

    fn dangling(&self, what: String) -> EmitError {
        EmitError::DanglingReference {
            module: self.module.name.clone(),
            what,
        }
    }

    fn object(&self, id: TypeId) -> Result<&'m ObjectType, EmitError> {
        self.module
            .types
            .get(id.0)
            .ok_or_else(|| self.dangling(format!("type #{}", id.0)))
    }

    fn type_entry(&self, id: TypeId, ty: &'m ObjectType) -> Result<TypeEntry, EmitError> {
        if reserved::type_name(&ty.rust_name).is_some() {
            return Err(EmitError::ReservedTypeName {
                module: self.module.name.clone(),
                name: ty.rust_name.clone(),
            });
        }
        let mut fields = Vec::with_capacity(ty.fields.len());
        for field in &ty.fields {
            fields.push(self.field_entry(id, ty, field)?);
        }
        let module = self.module.name.as_str();
        Ok(TypeEntry {
            ident: self.ident(&ty.rust_name)?,
            replacement: self.options.replacement(module, &ty.name).cloned(),
            attributes: self
                .options
                .type_attributes(module, &ty.name)
                .cloned()
                .collect(),
            fields,
        })
    }

    fn field_entry(
        &self,
        owner_id: TypeId,
        owner: &ObjectType,
        field: &Field,
    ) -> Result<FieldEntry, EmitError> {
        self.check_references(&field.ty)?;
        let optional = !matches!(field.criterion, Criterion::Mandatory);
        let at = || format!("`{}.{}`", owner.name, field.wire_name);

        // The rename is left out where the Rust name already is the wire
        // name (`titulo`): serde and the derives then use the field name.
        let wire = &field.wire_name;
        let mut serde_args = Vec::new();
        if field.rust_name != *wire {
            serde_args.push(quote!(rename = #wire));
        }
        if optional {
            serde_args.push(quote!(default));
            serde_args.push(quote!(skip_serializing_if = "Option::is_none"));
        }
        // Decimal (and arrays of it) as JSON numbers with exactly their
        // digits: rust_decimal's own modules write a string or go through f64.
        let with = match (&field.ty, optional) {
            (FieldType::Decimal, false) => Some("codegen_runtime::json_decimal"),
            (FieldType::Decimal, true) => Some("codegen_runtime::json_decimal::option"),
            (FieldType::Array(item), false) if **item == FieldType::Decimal => {
                Some("codegen_runtime::json_decimal::vec")
            }
            (FieldType::Array(item), true) if **item == FieldType::Decimal => {
                Some("codegen_runtime::json_decimal::option_vec")
            }
            (FieldType::Array(_), _) if innermost(&field.ty) == &FieldType::Decimal => {
                return Err(self.unsupported(format!("an array of arrays of Decimal ({})", at())));
            }
            _ => None,
        };
        if let Some(with) = with {
            serde_args.push(quote!(with = #with));
        }

        let mut rule_attrs = Vec::new();
        if let Criterion::Conditional(condition) = &field.criterion {
            let condition = self.condition_tokens(owner, condition)?;
            rule_attrs.push(quote!(#[mosia(C(#condition))]));
        }
        match &field.ty {
            FieldType::String(Some(StringFormat::Color)) => {
                rule_attrs.push(quote!(#[mosia(format = "color")]));
            }
            // The derive checks formats on `String` fields only; dropping
            // the rule silently would accept bad colours.
            FieldType::Array(_)
                if innermost(&field.ty) == &FieldType::String(Some(StringFormat::Color)) =>
            {
                return Err(self.unsupported(format!("an array of colors ({})", at())));
            }
            _ => {}
        }

        Ok(FieldEntry {
            ident: self.ident(&field.rust_name)?,
            optional,
            boxed: self.contains_itself(owner_id, &field.ty),
            serde_args,
            rule_attrs,
            attributes: self
                .options
                .field_attributes(&self.module.name, &owner.name, &field.wire_name)
                .cloned()
                .collect(),
        })
    }

    fn check_references(&self, ty: &FieldType) -> Result<(), EmitError> {
        match ty {
            FieldType::Object(id) => self.object(*id).map(|_| ()),
            FieldType::Array(item) => self.check_references(item),
            _ => Ok(()),
        }
    }

    /// `filled(a, b)` or `equals(a = "PF")`, naming siblings by Rust name.
    fn condition_tokens(
        &self,
        owner: &ObjectType,
        condition: &Condition,
    ) -> Result<TokenStream, EmitError> {
        let sibling = |index: usize| {
            owner
                .fields
                .get(index)
                .ok_or_else(|| self.dangling(format!("field #{index} of `{}`", owner.name)))
                .and_then(|field| self.ident(&field.rust_name))
        };
        match condition {
            Condition::Filled(siblings) => {
                let names = siblings
                    .iter()
                    .map(|id| sibling(id.0))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(quote!(filled(#(#names),*)))
            }
            Condition::Equals { field, value } => {
                let name = sibling(field.0)?;
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

    fn is_replaced(&self, id: TypeId) -> bool {
        self.module.types.get(id.0).is_some_and(|ty| {
            self.options
                .replacement(&self.module.name, &ty.name)
                .is_some()
        })
    }

    /// Whether a field of type `ty` inside `owner` leads back to `owner`
    /// through generated objects held directly: such a field needs a `Box`
    /// to have a size (an array already is a pointer; a user's replacement
    /// has a size of its own).
    fn contains_itself(&self, owner: TypeId, ty: &FieldType) -> bool {
        let FieldType::Object(start) = ty else {
            return false;
        };
        let mut seen = vec![false; self.module.types.len()];
        let mut stack = vec![*start];
        while let Some(id) = stack.pop() {
            if self.is_replaced(id) {
                continue;
            }
            if id == owner {
                return true;
            }
            let Some(ty) = self.module.types.get(id.0) else {
                continue;
            };
            if std::mem::replace(&mut seen[id.0], true) {
                continue;
            }
            stack.extend(ty.fields.iter().filter_map(|f| match f.ty {
                FieldType::Object(next) => Some(next),
                _ => None,
            }));
        }
        false
    }

    fn operation_entry(&self, op: &'m Operation) -> Result<OperationEntry<'m>, EmitError> {
        self.object(op.request)?;
        if let Response::Typed(id) = op.response {
            self.object(id)?;
        }
        if let Some(id) = op.failure {
            self.object(id)?;
        }
        let plain = op.rust_name.trim_start_matches("r#").to_owned();
        Ok(OperationEntry {
            op,
            verb: self.ident(op.method.as_str())?,
            method: self.ident(&op.rust_name)?,
            method_with: self.ident(&format!("{plain}_with"))?,
            plain,
        })
    }

    /// The runtime pipeline's rules for endpoints (the loader applies the
    /// same ones, and stricter).
    fn check_endpoints(&self) -> Result<(), EmitError> {
        let operations = &self.module.operations;
        for (index, op) in operations.iter().enumerate() {
            let refuse = |what: String| self.unsupported(format!("operation `{}`: {what}", op.id));
            if !codegen_runtime::endpoint_rules::is_endpoint_path(&op.path) {
                return Err(refuse(format!("path `{}`", op.path)));
            }
            for header in &op.headers {
                if !codegen_runtime::endpoint_rules::is_header_name(&header.name) {
                    return Err(refuse(format!(
                        "header name `{}` is not an HTTP token",
                        header.name
                    )));
                }
            }
            let twin = operations[..index]
                .iter()
                .find(|other| other.method == op.method && other.path == op.path);
            if let Some(other) = twin {
                return Err(refuse(format!(
                    "served at {} {} like `{}`",
                    op.method.as_str(),
                    op.path,
                    other.id
                )));
            }
        }
        Ok(())
    }

    fn check_client_methods(&self, operations: &[OperationEntry<'_>]) -> Result<(), EmitError> {
        let mut taken: Vec<String> = Vec::new();
        for entry in operations {
            for name in reserved::client_methods(&entry.op.rust_name) {
                if reserved::CLIENT_METHODS.contains(&name.as_str()) || taken.contains(&name) {
                    return Err(self.unsupported(format!(
                        "operation `{}`: its client method `{name}` is taken",
                        entry.op.id
                    )));
                }
                taken.push(name);
            }
        }
        Ok(())
    }

    fn client_entry(&self) -> Result<ClientEntry<'m>, EmitError> {
        let operations = &self.module.operations;
        let base_url = operations.first().and_then(|first| {
            let url = first.base_url.as_deref()?;
            operations
                .iter()
                .all(|op| op.base_url.as_deref() == Some(url))
                .then(|| url.to_owned())
        });
        let mut params: Vec<Param<'m>> = Vec::new();
        for header in self.module.client_headers() {
            let ident = reserved::header_parameter(&header.name)
                .and_then(|name| self.ident(&name).ok())
                .filter(|i| {
                    *i != reserved::BASE_URL_PARAMETER && !params.iter().any(|p| p.ident == *i)
                })
                .ok_or_else(|| {
                    self.unsupported(format!(
                        "header `{}`: no usable Rust parameter name (`{}`)",
                        header.name,
                        header.name.to_snake_case()
                    ))
                })?;
            params.push(Param { header, ident });
        }
        Ok(ClientEntry { base_url, params })
    }

    fn server_entries(&self) -> Result<Vec<ServerEntry>, EmitError> {
        let mut servers = Vec::new();
        for who in [Implementer::Operator, Implementer::Mosia] {
            let operations: Vec<usize> = (0..self.module.operations.len())
                .filter(|&i| self.module.operations[i].implementer == who)
                .collect();
            if operations.is_empty() {
                continue;
            }
            let trait_name = reserved::server_trait(who);
            if self.module.types.iter().any(|t| t.rust_name == trait_name) {
                return Err(self.unsupported(format!(
                    "a type named `{trait_name}` (the name of the server trait; rename the type)"
                )));
            }
            let lower = trait_name.to_lowercase();
            servers.push(ServerEntry {
                who,
                trait_ident: self.ident(trait_name)?,
                router_ident: self.ident(&format!("{lower}_router"))?,
                routes_ident: self.ident(&format!("{lower}_routes"))?,
                operations,
            });
        }
        Ok(servers)
    }
}

/// A path as written in Rust (`crate::MeuRegistro`).
pub fn path_text(path: &syn::Path) -> String {
    quote!(#path).to_string().replace(' ', "")
}

fn innermost(ty: &FieldType) -> &FieldType {
    match ty {
        FieldType::Array(item) => innermost(item),
        other => other,
    }
}
