//! The `client` part (feature `client`): a `Client` per module with one async
//! method per operation, thin over `codegen_runtime::client`, which holds
//! the plumbing (configuration, validation before sending, one-pass decoding
//! of the answer, errors, credentials).
//!
//! Per module:
//!
//! * `BASE_URL`, when every operation has the same documented base URL
//!   (Mosia's own APIs; an operator's endpoints live at each operator's
//!   address);
//! * `Client::new` / `Client::builder`, the same shape on every page: the
//!   base URL, then the headers every operation declares mandatory (the
//!   clientes API's `Authorization` token);
//! * per operation `op(&self, body)` and `op_with(&self, body, &Headers)`;
//! * `FailureBody` for each documented failure type.
//!
//! The methods are `#[inline]` so that, like generic code, they are
//! compiled to machine code only in the crate that calls them, for the
//! operations it calls: a crate of the whole API does not compile every
//! operation's sending and decoding whether it is used or not
//! (BENCHMARKS.md, "Build time of the generated crate").

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{code, escape_inline, Doc};
use super::scope::{externs, Scope};
use super::space::{OperationEntry, Param, Space};
use super::ModulePart;
use crate::ir::{Criterion, FieldType, Implementer, Response, TypeId};

/// Names the client file keeps for itself (it defines or imports them); a
/// spec type with one of these names is referred to as `super::Name`.
const OWN: &[&str] = &[
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

/// The runtime items every client file uses.
const ALWAYS: [&str; 8] = [
    "BuildError",
    "ClientBuilder",
    "Endpoint",
    "Error",
    "Headers",
    "Method",
    "Response",
    "Transport",
];

pub fn emit(space: &Space<'_>) -> Option<ModulePart> {
    if space.operations.is_empty() {
        return None;
    }
    let mut scope = Scope::child(space, OWN);
    for name in ALWAYS {
        scope.item(externs::client(name));
    }
    if !space.client.params.is_empty() {
        scope.item(externs::client("Secret"));
    }
    let methods: Vec<TokenStream> = space
        .operations
        .iter()
        .map(|entry| operation_methods(space, entry, &mut scope))
        .collect();
    let failure_impls = failure_impls(space, &mut scope);
    let uses = scope.uses();

    let module_docs = file_docs(space).inner();
    let base_url_const = space.client.base_url.as_ref().map(|url| {
        let doc = Doc::new()
            .prose(&format!(
                "The base URL the page gives for these endpoints: {url}"
            ))
            .outer();
        quote! { #doc pub const BASE_URL: &str = #url; }
    });
    let client = client_struct(space);

    Some(ModulePart {
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
    })
}

fn file_docs(space: &Space<'_>) -> Doc {
    let module = space.module;
    let mut doc = Doc::new();
    doc.paragraph("Client side of the endpoints of this page (feature `client`).");
    let params = &space.client.params;
    let (first, url) = match &space.client.base_url {
        Some(_) => ("BASE_URL", "the base URL (the page gives [`BASE_URL`])"),
        None => ("base_url", "the address where the endpoints are served"),
    };
    let args: Vec<String> = std::iter::once(first.to_owned())
        .chain(params.iter().map(|p| p.ident.to_string()))
        .collect();
    let credentials = if params.is_empty() {
        "; no header is mandatory in every call".to_owned()
    } else {
        let names: Vec<String> = params.iter().map(|p| code(&p.header.name)).collect();
        format!(", then the headers every call needs ({})", names.join(", "))
    };
    doc.paragraph(format!(
        "Build one with `Client::new({})`: {url}{credentials}.",
        args.join(", ")
    ));
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

fn client_struct(space: &Space<'_>) -> TokenStream {
    let module = space.module;
    let has_default_url = space.client.base_url.is_some();
    let params = &space.client.params;
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

    // The same shape on every page, whoever serves it: the base URL, then
    // the credentials every call needs.
    let idents: Vec<_> = params.iter().map(|p| &p.ident).collect();
    let names: Vec<&str> = params.iter().map(|p| p.header.name.as_str()).collect();
    let args = quote! { base_url: impl Into<String>, #(#idents: impl Into<Secret>,)* };
    let forwarded = quote! { base_url, #(#idents),* };

    let mut new_doc = Doc::new();
    new_doc.paragraph(
        "A client of the endpoints at `base_url` (the address where they are served, \
         `https://host/prefix`; the endpoint paths are appended to it), with the default \
         settings.",
    );
    if has_default_url {
        new_doc.paragraph("The page gives the address of these endpoints: [`BASE_URL`].");
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

    quote! {
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
                ClientBuilder::new(base_url) #(.header(#names, #idents))*
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
    }
}

fn operation_methods(
    space: &Space<'_>,
    entry: &OperationEntry<'_>,
    scope: &mut Scope<'_>,
) -> TokenStream {
    let OperationEntry {
        op,
        verb,
        method: name,
        method_with: name_with,
        plain,
    } = entry;
    let request = scope.spec(op.request);
    let (success, send) = match op.response {
        Response::Typed(id) => (scope.spec(id), quote!(send)),
        Response::Undocumented => (scope.item(externs::VALUE), quote!(send_undocumented)),
    };
    let error = match op.failure {
        Some(id) => {
            let failure = scope.spec(id);
            quote!(Error<#failure>)
        }
        None => quote!(Error),
    };
    let path = &op.path;

    let doc = method_docs(space, entry, scope).outer();
    let with_doc = Doc::new()
        .paragraph(format!(
            // rustdoc resolves `Client::type`, not `Client::r#type`.
            "[`Client::{}`] with headers for this call only (the security headers of a \
             beneficiary's login, say): they are sent after the client's, replacing those of \
             the same names.",
            plain
        ))
        .outer();

    quote! {
        impl Client {
            #doc
            #[inline]
            pub async fn #name(&self, body: &#request) -> Result<Response<#success>, #error> {
                self.#name_with(body, &Headers::new()).await
            }

            #with_doc
            #[inline]
            pub async fn #name_with(
                &self,
                body: &#request,
                headers: &Headers,
            ) -> Result<Response<#success>, #error> {
                const ENDPOINT: Endpoint = Endpoint::new(Method::#verb, #path);
                self.transport.#send(&ENDPOINT, body, headers).await
            }
        }
    }
}

fn method_docs(space: &Space<'_>, entry: &OperationEntry<'_>, scope: &Scope<'_>) -> Doc {
    let OperationEntry { op, plain, .. } = entry;
    let params: &[Param<'_>] = &space.client.params;
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
        scope.spec_link(op.request)
    ));
    match op.response {
        Response::Typed(id) => doc.line(format!(
            "* Success: {}, decoded and validated in one pass ([`Error::InvalidResponse`] \
             lists every violation).",
            scope.spec_link(id)
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
            scope.spec_link(id)
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
fn failure_impls(space: &Space<'_>, scope: &mut Scope<'_>) -> TokenStream {
    let mut seen: Vec<TypeId> = Vec::new();
    let mut out = TokenStream::new();
    for id in space.module.operations.iter().filter_map(|op| op.failure) {
        if seen.contains(&id) {
            continue;
        }
        seen.push(id);
        let name = scope.spec(id);
        let failure_body = scope.item(externs::client("FailureBody"));
        let report = scope.item(externs::REPORT);
        let (ty, entry) = space.ty(id);
        let mensagem = ty
            .fields
            .iter()
            .zip(&entry.fields)
            .find(|(field, _)| field.wire_name == "mensagem");
        let (mensagem, what) = match mensagem {
            Some((field, entry)) if matches!(field.ty, FieldType::String(_)) => {
                let field_name = &entry.ident;
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
            impl #failure_body for #name {
                #[inline]
                fn from_failure_body(body: &[u8]) -> Result<Self, #report> {
                    codegen_runtime::from_json_slice(body)
                }

                #[inline]
                fn mensagem(&self) -> Option<&str> {
                    #mensagem
                }
            }
        });
    }
    out
}
