//! The `server` part: per implementer (Mosia, the operator) a trait with one
//! async method per operation, and the functions that turn an
//! implementation into an `axum::Router`. The HTTP pipeline (status codes,
//! error bodies, validation of both directions) lives in
//! `codegen_runtime::server`; the generated module only names the
//! endpoints and connects them to the trait.

use codegen_runtime::endpoint_rules;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::{cell, code, escape_inline, Doc};
use super::names::ident;
use super::{EmitError, ModulePart};
use crate::ir::{Implementer, Method, Module, Operation, Response, TypeId};

pub fn emit(module: &Module) -> Result<Option<ModulePart>, EmitError> {
    if module.operations.is_empty() {
        return Ok(None);
    }
    check_endpoints(module)?;
    // A defensive check: the loader refuses these names.
    for who in [Implementer::Operator, Implementer::Mosia] {
        let generated = module.operations.iter().any(|op| op.implementer == who);
        if generated && module.types.iter().any(|t| t.rust_name == trait_name(who)) {
            return Err(EmitError::Unsupported {
                module: module.name.clone(),
                what: format!(
                    "a type named `{}` (the name of the server trait; rename the type)",
                    trait_name(who)
                ),
            });
        }
    }
    let mut names = Names::new(module);
    let implementers: Vec<Implementer> = [Implementer::Operator, Implementer::Mosia]
        .into_iter()
        .filter(|who| module.operations.iter().any(|op| op.implementer == *who))
        .collect();
    let mut items = Vec::new();
    for &who in &implementers {
        let ops: Vec<&Operation> = module
            .operations
            .iter()
            .filter(|op| op.implementer == who)
            .collect();
        items.push(implementer_items(module, who, &ops, &mut names)?);
    }
    let docs = part_docs(&implementers, &names).inner();
    let uses = names.uses(module)?;
    Ok(Some(ModulePart {
        name: "server",
        feature: Some("server"),
        glob_reexport: false,
        items: quote! { #docs #uses #(#items)* },
    }))
}

/// A defensive check: the loader refuses every endpoint the runtime
/// pipeline would refuse at run time (with these same rules and stricter
/// ones), so this fails only on IR the loader did not build.
fn check_endpoints(module: &Module) -> Result<(), EmitError> {
    let unsupported = |op: &Operation, what: String| EmitError::Unsupported {
        module: module.name.clone(),
        what: format!("operation `{}`: {what}", op.id),
    };
    for (index, op) in module.operations.iter().enumerate() {
        if !endpoint_rules::is_endpoint_path(&op.path) {
            return Err(unsupported(op, format!("path `{}`", op.path)));
        }
        for header in &op.headers {
            if !endpoint_rules::is_header_name(&header.name) {
                return Err(unsupported(
                    op,
                    format!("header name `{}` is not an HTTP token", header.name),
                ));
            }
        }
        let twin = module.operations[..index]
            .iter()
            .find(|other| other.method == op.method && other.path == op.path);
        if let Some(other) = twin {
            return Err(unsupported(
                op,
                format!(
                    "served at {} {} like `{}`",
                    op.method.as_str(),
                    op.path,
                    other.id
                ),
            ));
        }
    }
    Ok(())
}

fn part_docs(implementers: &[Implementer], names: &Names) -> Doc {
    let mut doc = Doc::new();
    doc.line("Server side of the endpoints of this page (feature `server`).");
    for &who in implementers {
        let (trait_name, router) = (trait_name(who), fn_name(who, "router"));
        doc.paragraph(format!(
            "{}: implement [`{trait_name}`] and serve it with [`{router}`].",
            match who {
                Implementer::Operator =>
                    "Endpoints each health operator implements (Mosia calls them)",
                Implementer::Mosia =>
                    "Endpoints Mosia implements (a stand-in for Mosia: tests, simulators)",
            }
        ));
    }
    doc.paragraph(format!(
        "Requests are checked before a method is called: `401` for a missing or blank \
         mandatory header, `415` for a `Content-Type` other than `application/json`, \
         `413` above the body limit of {} (2 MiB by default), `400` with \
         every violation of the page's rules. What a method returns is validated before \
         it is sent: a value that breaks the rules is never sent (`500`, with the \
         violations logged), and neither is anything after a panic (`500`). Errors carry \
         `{{\"mensagem\": \"…\"}}`, the pages' failure shape. See `codegen_runtime::server`.",
        names.link("ServerConfig")
    ));
    doc
}

fn trait_name(who: Implementer) -> &'static str {
    crate::naming::reserved::server_trait(who)
}

/// `operadora_router`, `mosia_routes`.
fn fn_name(who: Implementer, what: &str) -> String {
    format!("{}_{what}", trait_name(who).to_lowercase())
}

fn implementer_items(
    module: &Module,
    who: Implementer,
    ops: &[&Operation],
    names: &mut Names,
) -> Result<TokenStream, EmitError> {
    let trait_ident = format_ident!("{}", trait_name(who));
    let router_ident = format_ident!("{}", fn_name(who, "router"));
    let routes_ident = format_ident!("{}", fn_name(who, "routes"));

    let mut methods = Vec::with_capacity(ops.len());
    let mut registrations = Vec::with_capacity(ops.len());
    for op in ops {
        methods.push(trait_method(module, op, names)?);
        registrations.push(registration(module, op, names)?);
    }

    let mut trait_doc = Doc::new();
    trait_doc.line(match who {
        Implementer::Operator => {
            "The endpoints of this page that a health operator implements; Mosia calls them."
        }
        Implementer::Mosia => {
            "The endpoints of this page that Mosia implements; clients call them. Implement it \
             to stand in for Mosia (tests, simulators)."
        }
    });
    trait_doc.paragraph(format!(
        "Serve an implementation with [`{router_ident}`], or [`{routes_ident}`] to choose \
         the settings or merge it with the endpoints of other pages. Each method receives \
         the request's headers in a {} and its body decoded and \
         validated; it answers with the success body (sent as `200`) or a {} \
         (an error status and the failure body).",
        names.link("RequestContext"),
        names.link("Failure"),
    ));
    let trait_doc = trait_doc.outer();

    let mut router_doc = Doc::new();
    router_doc.line(format!(
        "Serves `service` with the default {}: one route per method of \
         [`{trait_ident}`].",
        names.link("ServerConfig")
    ));
    router_doc.paragraph(
        "Unknown paths get `404` and other methods `405`, both with a `{\"mensagem\": \"…\"}` \
         body.",
    );
    let router_doc = router_doc.outer();

    let mut routes_doc = Doc::new();
    routes_doc.line(format!(
        "The endpoints of [`{trait_ident}`] served by `service` with `config`: finish \
         with {}, after {} with the routes of other pages \
         if needed.",
        names.link("Routes::into_router"),
        names.link("Routes::merge"),
    ));
    let routes_doc = routes_doc.outer();

    let router = names.runtime("Router");
    let routes = names.runtime("Routes");
    let config = names.runtime("ServerConfig");
    let arc = names.std("Arc", quote!(std::sync::Arc));
    Ok(quote! {
        #trait_doc
        pub trait #trait_ident: Send + Sync + 'static {
            #(#methods)*
        }

        #router_doc
        pub fn #router_ident<S: #trait_ident>(service: S) -> #router {
            #routes_ident(service, #config::default()).into_router()
        }

        #routes_doc
        pub fn #routes_ident<S: #trait_ident>(service: S, config: #config) -> #routes {
            let service = #arc::new(service);
            #routes::new(config) #(#registrations)*
        }
    })
}

fn trait_method(
    module: &Module,
    op: &Operation,
    names: &mut Names,
) -> Result<TokenStream, EmitError> {
    let method = ident(&module.name, &op.rust_name)?;
    let request = names.spec_type(module, op.request)?;
    let (response, response_doc) = match op.response {
        Response::Typed(id) => {
            let name = &ty(module, id)?.rust_name;
            (names.spec_type(module, id)?, format!("a [`{name}`]"))
        }
        Response::Undocumented => (
            names.std("Value", quote!(codegen_runtime::serde_json::Value)),
            "any JSON value (the page documents no success body; `{}` acknowledges)".to_owned(),
        ),
    };
    let failure_type = names.runtime("Failure");
    let (failure, failure_doc) = match op.failure {
        Some(id) => {
            let body = names.spec_type(module, id)?;
            let name = &ty(module, id)?.rust_name;
            (quote!(#failure_type<#body>), format!("a [`{name}`]"))
        }
        None => (
            quote!(#failure_type),
            format!(
                "a {} (the page documents no failure body; this is the shape of the others)",
                names.link("Mensagem")
            ),
        ),
    };
    let context = names.runtime("RequestContext");
    let future = names.std("Future", quote!(std::future::Future));

    let mut doc = Doc::new();
    doc.prose(&op.summary);
    if let Some(description) = &op.description {
        doc.prose(description);
    }
    doc.paragraph(format!(
        "{} (`{}`): body [`{}`].",
        code(&format!("{} {}", op.method.as_str(), op.path)),
        escape_inline(&op.id),
        ty(module, op.request)?.rust_name
    ));
    if !op.headers.is_empty() {
        doc.paragraph("| Header | Critério | Tipo | Descrição |")
            .line("|---|---|---|---|");
        for header in &op.headers {
            doc.line(format!(
                "| {} | {} | {} | {} |",
                code(&header.name),
                if header.mandatory { "M" } else { "OP" },
                cell(&header.doc_type),
                cell(&header.description)
            ));
        }
        if op.headers.iter().any(|h| h.mandatory) {
            doc.paragraph(
                "Mandatory (`M`) headers are checked before the call: without them the \
                 request is refused with `401`.",
            );
        }
    }
    if let Some(note) = &op.header_note {
        doc.prose(note);
    }
    doc.paragraph(format!(
        "Answer with {response_doc}, or a `Failure` with an error status and {failure_doc}."
    ));
    let doc = doc.outer();
    Ok(quote! {
        #doc
        fn #method(
            &self,
            context: #context,
            request: #request,
        ) -> impl #future<Output = Result<#response, #failure>> + Send;
    })
}

/// `.typed(Endpoint::new(…), &service, |service, context, request| …)`.
fn registration(
    module: &Module,
    op: &Operation,
    names: &mut Names,
) -> Result<TokenStream, EmitError> {
    let method = ident(&module.name, &op.rust_name)?;
    let endpoint = names.runtime_private("Endpoint");
    let http_method = names.runtime_private("Method");
    let verb = format_ident!(
        "{}",
        match op.method {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    );
    let id = &op.id;
    let path = &op.path;
    let headers = op.headers.iter().filter(|h| h.mandatory).map(|h| {
        let name = &h.name;
        let description = &h.description;
        quote! { .mandatory_header(#name, #description) }
    });
    Ok(quote! {
        .typed(
            #endpoint::new(#id, #http_method::#verb, #path) #(#headers)*,
            &service,
            |service, context, request| async move {
                service.#method(context, request).await
            },
        )
    })
}

fn ty(module: &Module, id: TypeId) -> Result<&crate::ir::ObjectType, EmitError> {
    module
        .types
        .get(id.0)
        .ok_or_else(|| EmitError::DanglingReference {
            module: module.name.clone(),
            what: format!("type #{}", id.0),
        })
}

/// Names the generated file uses, imported where they do not collide with
/// the module's own types (a spec type called `Failure` keeps its name, and
/// the runtime's is written in full).
struct Names {
    taken: Vec<String>,
    /// Spec types used, by index, for `use super::{…}`.
    spec: Vec<TypeId>,
    /// Runtime items imported privately (`Endpoint`, `Method`).
    private: Vec<&'static str>,
    /// Standard and serde_json items imported (`name`, `path`).
    std: Vec<(&'static str, TokenStream)>,
    /// Runtime items the user needs, re-exported whenever they do not collide.
    public: Vec<&'static str>,
}

/// Re-exported from `codegen_runtime::server`: everything an implementation
/// names, so it needs no other import.
const REEXPORTED: [&str; 7] = [
    "Failure",
    "Mensagem",
    "RequestContext",
    "Router",
    "Routes",
    "ServerConfig",
    "StatusCode",
];

impl Names {
    fn new(module: &Module) -> Self {
        let taken: Vec<String> = module.types.iter().map(|t| t.rust_name.clone()).collect();
        let public = REEXPORTED
            .into_iter()
            .filter(|name| !taken.iter().any(|t| t == name))
            .collect();
        Names {
            taken,
            spec: Vec::new(),
            private: Vec::new(),
            std: Vec::new(),
            public,
        }
    }

    fn is_taken(&self, name: &str) -> bool {
        self.taken.iter().any(|t| t == name)
    }

    /// An intra-doc link to a runtime item (`Routes::merge`), explicit when
    /// a spec type takes its name.
    fn link(&self, path: &str) -> String {
        let item = path.split("::").next().unwrap_or(path);
        if self.is_taken(item) {
            format!("[`{path}`](codegen_runtime::server::{path})")
        } else {
            format!("[`{path}`]")
        }
    }

    fn spec_type(&mut self, module: &Module, id: TypeId) -> Result<TokenStream, EmitError> {
        let name = ident(&module.name, &ty(module, id)?.rust_name)?;
        if !self.spec.contains(&id) {
            self.spec.push(id);
        }
        Ok(quote!(#name))
    }

    /// A re-exported runtime item.
    fn runtime(&mut self, name: &'static str) -> TokenStream {
        let ident = format_ident!("{name}");
        if self.is_taken(name) {
            quote!(codegen_runtime::server::#ident)
        } else {
            quote!(#ident)
        }
    }

    /// A runtime item only the generated code names.
    fn runtime_private(&mut self, name: &'static str) -> TokenStream {
        let ident = format_ident!("{name}");
        if self.is_taken(name) {
            return quote!(codegen_runtime::server::#ident);
        }
        if !self.private.contains(&name) {
            self.private.push(name);
        }
        quote!(#ident)
    }

    fn std(&mut self, name: &'static str, path: TokenStream) -> TokenStream {
        if self.is_taken(name) {
            return path;
        }
        if !self.std.iter().any(|(n, _)| *n == name) {
            self.std.push((name, path));
        }
        let ident = format_ident!("{name}");
        quote!(#ident)
    }

    fn uses(&mut self, module: &Module) -> Result<TokenStream, EmitError> {
        let mut std_paths: Vec<(String, &TokenStream)> = self
            .std
            .iter()
            .map(|(_, path)| (path.to_string(), path))
            .collect();
        std_paths.sort_by(|a, b| a.0.cmp(&b.0));
        // `std` before `codegen_runtime::serde_json`, as rustfmt orders them.
        std_paths.sort_by_key(|(text, _)| !text.starts_with("std"));
        let std_uses = std_paths.iter().map(|(_, path)| quote! { use #path; });

        let mut private = self.private.clone();
        private.sort_unstable();
        let private = private.iter().map(|n| format_ident!("{n}"));
        let public = self.public.iter().map(|n| format_ident!("{n}"));

        let mut spec: Vec<String> = Vec::with_capacity(self.spec.len());
        for id in &self.spec {
            spec.push(ty(module, *id)?.rust_name.clone());
        }
        spec.sort();
        let spec = spec
            .iter()
            .map(|name| ident(&module.name, name))
            .collect::<Result<Vec<_>, _>>()?;
        let private_use = if self.private.is_empty() {
            quote!()
        } else {
            quote! { use codegen_runtime::server::{#(#private),*}; }
        };
        let public_use = if self.public.is_empty() {
            quote!()
        } else {
            quote! {
                #[doc(no_inline)]
                pub use codegen_runtime::server::{#(#public),*};
            }
        };
        Ok(quote! {
            #(#std_uses)*
            #private_use
            #public_use
            use super::{#(#spec),*};
        })
    }
}
