//! The `client` part (feature `client`): a `Client` per module with one async
//! method per operation, thin over `codegen_runtime::client`, which holds
//! the plumbing (configuration, validation before sending, one-pass decoding
//! of the answer, errors, credentials).
//!
//! Per module:
//!
//! * `BASE_URL`, when every operation has the same documented base URL
//!   (Mosia's own APIs); otherwise the base URL is a constructor argument
//!   (an operator's endpoints live at each operator's address);
//! * `Client::new` / `Client::builder`, whose arguments are the base URL
//!   (when there is no default) and the headers every operation declares
//!   mandatory (the clientes API's `Authorization` token);
//! * per operation `op(&self, body)` and `op_with(&self, body, &Headers)`;
//! * `FailureBody` for each documented failure type.

use heck::ToSnakeCase;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::docs::{code, escape_inline, Doc};
use super::names::ident;
use super::{EmitError, ModulePart};
use crate::ir::{
    Criterion, FieldType, Header, Implementer, Method, Module, Operation, Response, TypeId,
};
use crate::naming::reserved;

/// Names the client module defines or imports; a spec type with one of
/// these names is referred to as `super::Name` instead of being imported.
const TAKEN: &[&str] = &[
    "BASE_URL",
    "BuildError",
    "Client",
    "ClientBuilder",
    "Endpoint",
    "Error",
    "FailureBody",
    "Headers",
    "Method",
    "Report",
    "Response",
    "Secret",
    "Transport",
    "Value",
];

pub fn emit(module: &Module) -> Result<Option<ModulePart>, EmitError> {
    if module.operations.is_empty() {
        return Ok(None);
    }
    // Every operation's media type is JSON (`ir::MediaType`), which is
    // what the client runtime sends.
    let unsupported = |what: String| EmitError::Unsupported {
        module: module.name.clone(),
        what,
    };

    let base_url = common_base_url(module);
    let params = constructor_headers(module)?;
    let mut types = TypeNames::new();
    let mut uses_value = false;
    let mut methods = Vec::new();
    let mut method_names: Vec<String> = Vec::new();
    for op in &module.operations {
        // A defensive check: the loader refuses these names.
        for plain in reserved::client_methods(&op.rust_name) {
            if reserved::CLIENT_METHODS.contains(&plain.as_str()) || method_names.contains(&plain) {
                return Err(unsupported(format!(
                    "operation `{}`: its client method `{plain}` is taken",
                    op.id
                )));
            }
            method_names.push(plain);
        }
        uses_value |= op.response == Response::Undocumented;
        methods.push(operation_methods(module, op, &params, &mut types)?);
    }
    let failure_impls = failure_impls(module, &mut types)?;

    // `use` lines: exactly what the file needs.
    let mut runtime = vec![
        "BuildError",
        "ClientBuilder",
        "Endpoint",
        "Error",
        "Headers",
        "Method",
        "Response",
        "Transport",
    ];
    if !failure_impls.is_empty() {
        runtime.push("FailureBody");
    }
    if !params.is_empty() {
        runtime.push("Secret");
    }
    runtime.sort_unstable();
    let runtime = runtime.iter().map(|n| format_ident!("{n}"));
    let mut uses = quote! { use codegen_runtime::client::{#(#runtime),*}; };
    if !failure_impls.is_empty() {
        uses.extend(quote! { use codegen_runtime::Report; });
    }
    if uses_value {
        uses.extend(quote! { use codegen_runtime::serde_json::Value; });
    }
    let imported = types.imports(module)?;
    if !imported.is_empty() {
        uses.extend(quote! { use super::{#(#imported),*}; });
    }

    let module_docs = file_docs(module).inner();
    let base_url_const = base_url.as_ref().map(|url| {
        let doc = Doc::new()
            .prose(&format!(
                "The base URL the page gives for these endpoints: {url}"
            ))
            .outer();
        quote! { #doc pub const BASE_URL: &str = #url; }
    });
    let client = client_struct(module, base_url.is_some(), &params)?;

    Ok(Some(ModulePart {
        name: "client",
        feature: Some("client"),
        glob_reexport: false,
        items: quote! {
            #module_docs
            #uses
            #base_url_const
            #client
            #(#methods)*
            #failure_impls
        },
    }))
}

/// The base URL shared by every operation, if they all document the same.
fn common_base_url(module: &Module) -> Option<String> {
    let first = module.operations.first()?.base_url.clone()?;
    module
        .operations
        .iter()
        .all(|op| op.base_url.as_deref() == Some(first.as_str()))
        .then_some(first)
}

/// A header that every call needs: a constructor argument of `Client`.
struct Param<'a> {
    header: &'a Header,
    ident: Ident,
}

/// The headers mandatory in every operation of the module
/// ([`Module::client_headers`]), each with its parameter name.
fn constructor_headers(module: &Module) -> Result<Vec<Param<'_>>, EmitError> {
    let mut params: Vec<Param<'_>> = Vec::new();
    for header in module.client_headers() {
        // A defensive check: the loader refuses what fails here.
        let ident = reserved::header_parameter(&header.name)
            .and_then(|name| ident(&module.name, &name).ok())
            .filter(|i| {
                let name = i.to_string();
                name != reserved::BASE_URL_PARAMETER && !params.iter().any(|p| p.ident == *i)
            })
            .ok_or_else(|| EmitError::Unsupported {
                module: module.name.clone(),
                what: format!(
                    "header `{}`: no usable Rust parameter name (`{}`)",
                    header.name,
                    header.name.to_snake_case()
                ),
            })?;
        params.push(Param { header, ident });
    }
    Ok(params)
}

/// How the file names the spec types it uses: imported from the parent, or
/// `super::Name` when the name is taken by the client module itself.
struct TypeNames {
    used: Vec<TypeId>,
}

impl TypeNames {
    fn new() -> Self {
        TypeNames { used: Vec::new() }
    }

    fn name(&mut self, module: &Module, id: TypeId) -> Result<TokenStream, EmitError> {
        let ty = module
            .types
            .get(id.0)
            .ok_or_else(|| EmitError::DanglingReference {
                module: module.name.clone(),
                what: format!("type #{}", id.0),
            })?;
        let name = ident(&module.name, &ty.rust_name)?;
        if TAKEN.contains(&ty.rust_name.as_str()) {
            return Ok(quote!(super::#name));
        }
        if !self.used.contains(&id) {
            self.used.push(id);
        }
        Ok(quote!(#name))
    }

    /// The imported names, sorted like rustfmt sorts a `use` list.
    fn imports(&self, module: &Module) -> Result<Vec<Ident>, EmitError> {
        let mut names: Vec<&str> = self
            .used
            .iter()
            .map(|id| module.types[id.0].rust_name.as_str())
            .collect();
        names.sort_unstable();
        names.into_iter().map(|n| ident(&module.name, n)).collect()
    }
}

fn type_link(module: &Module, id: TypeId) -> String {
    let ty = &module.types[id.0];
    if TAKEN.contains(&ty.rust_name.as_str()) {
        format!("[`{0}`](super::{0})", ty.rust_name)
    } else {
        format!("[`{}`]", ty.rust_name)
    }
}

fn file_docs(module: &Module) -> Doc {
    let mut doc = Doc::new();
    doc.paragraph("Client side of the endpoints of this page (feature `client`).");
    doc.paragraph(
        "[`Client`] has one async method per endpoint. A request is validated before \
         anything is sent (an invalid one is an [`Error::InvalidRequest`] listing every \
         violation); a success body is decoded and validated in one pass; an error status \
         becomes an [`Error::Failure`] with the failure body. Calls are sent once and never \
         retried automatically: a resent POST may take effect twice. Header values are credentials: they never show in `Debug` output. The \
         plumbing is [`codegen_runtime::client`].",
    );
    let mosia = module
        .operations
        .iter()
        .any(|op| op.implementer == Implementer::Mosia);
    let operator = module
        .operations
        .iter()
        .any(|op| op.implementer == Implementer::Operator);
    if mosia {
        doc.paragraph("Mosia Omnichannel serves these endpoints; an operator calls them.");
    }
    if operator {
        doc.paragraph(
            "Each health operator serves these endpoints at its own address, and Mosia calls \
             them: this client is for testing an operator's implementation, or for whoever \
             plays Mosia's part. There is no default base URL.",
        );
    }
    doc
}

fn client_struct(
    module: &Module,
    has_default_url: bool,
    params: &[Param<'_>],
) -> Result<TokenStream, EmitError> {
    let mut doc = Doc::new();
    doc.paragraph(format!(
        "Client of the endpoints of the page \"{}\".",
        escape_inline(&module.title)
    ));
    doc.paragraph(
        "Built with [`Client::new`], or [`Client::builder`] to change the base URL, the \
         timeouts (10 s to connect, 30 s per call by default) or to add headers sent with \
         every call. Cheap to clone: clones share the connection pool.",
    );
    let operator = module
        .operations
        .iter()
        .any(|op| op.implementer == Implementer::Operator);
    if operator {
        doc.paragraph(
            "Headers, as the page describes them: the integration's static headers and the \
             tokens of its authorization step go on the client \
             ([`ClientBuilder::header`], [`ClientBuilder::headers`]); the security headers \
             returned at the beneficiary's login go on each call (the `_with` methods).",
        );
    }
    let struct_doc = doc.outer();

    let arg_url = (!has_default_url).then(|| quote!(base_url: impl Into<String>,));
    let url = if has_default_url {
        quote!(BASE_URL)
    } else {
        quote!(base_url)
    };
    let idents: Vec<&Ident> = params.iter().map(|p| &p.ident).collect();
    let names: Vec<&str> = params.iter().map(|p| p.header.name.as_str()).collect();
    let args = quote! { #arg_url #(#idents: impl Into<Secret>,)* };
    let forwarded = if has_default_url {
        quote! { #(#idents),* }
    } else {
        quote! { base_url, #(#idents),* }
    };

    let mut new_doc = Doc::new();
    if has_default_url {
        new_doc.paragraph("A client of [`BASE_URL`] with the default settings.");
    } else {
        new_doc.paragraph(
            "A client of the endpoints at `base_url` (the address where they are served, \
             `https://host/prefix`; the endpoint paths are appended to it), with the default \
             settings.",
        );
    }
    for param in params {
        let h = param.header;
        new_doc.paragraph(format!(
            "`{}`: {} ({}), sent as the {} header of every call; it never shows in `Debug` \
             output.",
            param.ident,
            escape_inline(&h.description),
            escape_inline(&h.doc_type),
            code(&h.name)
        ));
    }
    new_doc.paragraph(
        "Fails with a [`BuildError`] on a malformed base URL or a header value that cannot \
         be sent (a line break, say); the error never shows the value.",
    );
    let new_doc = new_doc.outer();
    let builder_doc = Doc::new()
        .paragraph(
            "A builder with the same arguments as [`Client::new`], to change the base URL, \
             timeouts or response size limit, or to add headers for every call.",
        )
        .outer();

    Ok(quote! {
        #struct_doc
        #[derive(Debug, Clone)]
        pub struct Client {
            transport: Transport,
        }

        impl Client {
            #new_doc
            pub fn new(#args) -> Result<Self, BuildError> {
                Self::builder(#forwarded).build()
            }

            #builder_doc
            pub fn builder(#args) -> ClientBuilder<Self> {
                ClientBuilder::new(#url) #(.header(#names, #idents))*
            }

            /// The configuration: base URL, headers (names only in `Debug`), timeout.
            pub fn transport(&self) -> &Transport {
                &self.transport
            }
        }

        impl From<Transport> for Client {
            fn from(transport: Transport) -> Self {
                Client { transport }
            }
        }
    })
}

fn operation_methods(
    module: &Module,
    op: &Operation,
    params: &[Param<'_>],
    types: &mut TypeNames,
) -> Result<TokenStream, EmitError> {
    let name = ident(&module.name, &op.rust_name)?;
    let plain = op.rust_name.trim_start_matches("r#");
    let name_with = ident(&module.name, &format!("{plain}_with"))?;
    let request = types.name(module, op.request)?;
    let (success, send) = match op.response {
        Response::Typed(id) => (types.name(module, id)?, quote!(send)),
        Response::Undocumented => (quote!(Value), quote!(send_undocumented)),
    };
    let error = match op.failure {
        Some(id) => {
            let failure = types.name(module, id)?;
            quote!(Error<#failure>)
        }
        None => quote!(Error),
    };
    let method = match op.method {
        Method::Get => quote!(GET),
        Method::Post => quote!(POST),
        Method::Put => quote!(PUT),
        Method::Patch => quote!(PATCH),
        Method::Delete => quote!(DELETE),
    };
    let path = &op.path;

    let doc = method_docs(module, op, params, plain).outer();
    let with_doc = Doc::new()
        .paragraph(format!(
            // rustdoc resolves `Client::type`, not `Client::r#type`.
            "[`Client::{}`] with headers for this call only (the security headers of a \
             beneficiary's login, say): they are sent after the client's, replacing those of \
             the same names.",
            plain
        ))
        .outer();

    Ok(quote! {
        impl Client {
            #doc
            pub async fn #name(&self, body: &#request) -> Result<Response<#success>, #error> {
                self.#name_with(body, &Headers::new()).await
            }

            #with_doc
            pub async fn #name_with(
                &self,
                body: &#request,
                headers: &Headers,
            ) -> Result<Response<#success>, #error> {
                const ENDPOINT: Endpoint = Endpoint::new(Method::#method, #path);
                self.transport.#send(&ENDPOINT, body, headers).await
            }
        }
    })
}

fn method_docs(module: &Module, op: &Operation, params: &[Param<'_>], plain: &str) -> Doc {
    let mut doc = Doc::new();
    doc.prose(&op.summary);
    doc.paragraph(format!(
        "{} ({}).",
        code(&format!("{} {}", op.method.as_str(), op.path)),
        code(&op.id)
    ));
    if let Some(description) = &op.description {
        if description.trim() != op.summary.trim() {
            doc.prose(description);
        }
    }
    doc.blank();
    doc.line(format!(
        "* Request: {}, validated first: if it breaks the page's rules, nothing is sent \
         ([`Error::InvalidRequest`] lists every violation).",
        type_link(module, op.request)
    ));
    match op.response {
        Response::Typed(id) => doc.line(format!(
            "* Success: {}, decoded and validated in one pass ([`Error::InvalidResponse`] \
             lists every violation).",
            type_link(module, id)
        )),
        Response::Undocumented => doc.line(
            "* Success: the page documents no body, so it comes back as JSON ([`Value`], \
             `Value::Null` when empty) with its status.",
        ),
    };
    match op.failure {
        Some(id) => doc.line(format!(
            "* Error status (4xx, 5xx): [`Error::Failure`] with the status and the body as \
             {}; a body that is not one is an [`Error::UnexpectedResponse`].",
            type_link(module, id)
        )),
        None => doc.line(
            "* Error status (4xx, 5xx): [`Error::Failure`] with the status, the raw body and \
             its `mensagem` when it has one (the page documents no failure body).",
        ),
    };
    doc.line(
        "* No answer: [`Error::Timeout`] or [`Error::Communication`]; a redirect or any other \
         status: [`Error::UnexpectedResponse`].",
    );
    for header in &op.headers {
        let given = if params
            .iter()
            .any(|p| p.header.name.eq_ignore_ascii_case(&header.name))
        {
            "given to [`Client::new`]".to_owned()
        } else {
            format!("set it with [`ClientBuilder::header`] or per call with `{plain}_with`")
        };
        doc.line(format!(
            "* Header {} ({}, {}): {}; {given}.",
            code(&header.name),
            if header.mandatory { "M" } else { "OP" },
            escape_inline(&header.doc_type),
            escape_inline(&header.description)
        ));
    }
    if let Some(note) = &op.header_note {
        doc.paragraph(format!(
            "Headers, as the page says: \"{}\"",
            escape_inline(note)
        ));
    }
    doc.paragraph(
        "Sent once, never retried: if the call fails after the request may have reached \
         the server ([`Error::may_have_reached_server`]), it may have taken effect; check \
         before sending it again.",
    );
    doc
}

/// `impl FailureBody` for each documented failure type: decoded with the
/// validating decoder; `mensagem` is the `mensagem` string attribute when
/// the type has one.
fn failure_impls(module: &Module, types: &mut TypeNames) -> Result<TokenStream, EmitError> {
    let mut seen: Vec<TypeId> = Vec::new();
    let mut out = TokenStream::new();
    for id in module.operations.iter().filter_map(|op| op.failure) {
        if seen.contains(&id) {
            continue;
        }
        seen.push(id);
        let name = types.name(module, id)?;
        let ty = &module.types[id.0];
        let (mensagem, what) = match ty.field("mensagem") {
            Some(field) if matches!(field.ty, FieldType::String(_)) => {
                let field_name = ident(&module.name, &field.rust_name)?;
                let value = if field.criterion == Criterion::Mandatory {
                    quote!(Some(&self.#field_name))
                } else {
                    quote!(self.#field_name.as_deref())
                };
                (value, "its `mensagem` attribute")
            }
            _ => (quote!(None), "`None`: the type has no `mensagem` string"),
        };
        let doc = Doc::new()
            .paragraph(format!(
                "The failure body of this page's endpoints, decoded and validated like a \
                 success body; [`FailureBody::mensagem`] is {what}."
            ))
            .outer();
        out.extend(quote! {
            #doc
            impl FailureBody for #name {
                fn from_failure_body(body: &[u8]) -> Result<Self, Report> {
                    codegen_runtime::from_json_slice(body)
                }

                fn mensagem(&self) -> Option<&str> {
                    #mensagem
                }
            }
        });
    }
    Ok(out)
}
