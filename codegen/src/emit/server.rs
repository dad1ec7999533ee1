//! The `server` part: per implementer (Mosia, the operator) a trait with one
//! async method per operation, and the functions that turn an
//! implementation into an `axum::Router`. The HTTP pipeline (status codes,
//! error bodies, validation of both directions) lives in
//! `codegen_runtime::server`; the generated module only names the
//! endpoints and connects them to the trait.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{cell, code, escape_inline, Doc};
use super::scope::{externs, Scope};
use super::space::{OperationEntry, ServerEntry, Space};
use super::ModulePart;
use crate::ir::{Implementer, Response};

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

pub fn emit(space: &Space<'_>) -> Option<ModulePart> {
    if space.servers.is_empty() {
        return None;
    }
    let mut scope = Scope::child(space, &[]);
    for name in REEXPORTED {
        scope.reexport(externs::server(name));
    }
    let items: Vec<TokenStream> = space
        .servers
        .iter()
        .map(|server| implementer_items(space, server, &mut scope))
        .collect();
    let docs = part_docs(space, &scope).inner();
    let uses = scope.uses();
    Some(ModulePart {
        name: "server",
        feature: Some("server"),
        glob_reexport: false,
        items: quote! { #docs #uses #(#items)* },
    })
}

fn part_docs(space: &Space<'_>, scope: &Scope<'_>) -> Doc {
    let mut doc = Doc::new();
    doc.line("Server side of the endpoints of this page (feature `server`).");
    for server in &space.servers {
        let (trait_name, router) = (&server.trait_ident, &server.router_ident);
        doc.paragraph(format!(
            "{}: implement [`{trait_name}`] and serve it with [`{router}`].",
            match server.who {
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
        link(scope, "ServerConfig")
    ));
    doc
}

fn link(scope: &Scope<'_>, name: &'static str) -> String {
    scope.link(externs::server(name), None)
}

fn link_member(scope: &Scope<'_>, name: &'static str, member: &str) -> String {
    scope.link(externs::server(name), Some(member))
}

fn implementer_items(
    space: &Space<'_>,
    server: &ServerEntry,
    scope: &mut Scope<'_>,
) -> TokenStream {
    let ServerEntry {
        who,
        trait_ident,
        router_ident,
        routes_ident,
        operations,
    } = server;
    let mut methods = Vec::with_capacity(operations.len());
    let mut registrations = Vec::with_capacity(operations.len());
    for &index in operations {
        let entry = &space.operations[index];
        methods.push(trait_method(space, entry, scope));
        registrations.push(registration(entry, scope));
    }

    let mut trait_doc = Doc::new();
    trait_doc.line(match *who {
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
        link(scope, "RequestContext"),
        link(scope, "Failure"),
    ));
    let trait_doc = trait_doc.outer();

    let mut router_doc = Doc::new();
    router_doc.line(format!(
        "Serves `service` with the default {}: one route per method of \
         [`{trait_ident}`].",
        link(scope, "ServerConfig")
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
        link_member(scope, "Routes", "into_router"),
        link_member(scope, "Routes", "merge"),
    ));
    let routes_doc = routes_doc.outer();

    let router = scope.item(externs::server("Router"));
    let routes = scope.item(externs::server("Routes"));
    let config = scope.item(externs::server("ServerConfig"));
    let arc = scope.item(externs::ARC);
    quote! {
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
    }
}

fn trait_method(
    space: &Space<'_>,
    entry: &OperationEntry<'_>,
    scope: &mut Scope<'_>,
) -> TokenStream {
    let OperationEntry { op, method, .. } = entry;
    let request = scope.spec(op.request);
    let (response, response_doc) = match op.response {
        Response::Typed(id) => (scope.spec(id), format!("a {}", space.type_link(id))),
        Response::Undocumented => (
            scope.item(externs::VALUE),
            "any JSON value (the page documents no success body; `{}` acknowledges)".to_owned(),
        ),
    };
    let failure_type = scope.item(externs::server("Failure"));
    let (failure, failure_doc) = match op.failure {
        Some(id) => {
            let body = scope.spec(id);
            (
                quote!(#failure_type<#body>),
                format!("a {}", space.type_link(id)),
            )
        }
        None => (
            quote!(#failure_type),
            format!(
                "a {} (the page documents no failure body; this is the shape of the others)",
                link(scope, "Mensagem")
            ),
        ),
    };
    let context = scope.item(externs::server("RequestContext"));
    let future = scope.item(externs::FUTURE);

    let mut doc = Doc::new();
    doc.prose(&op.summary);
    if let Some(description) = &op.description {
        doc.prose(description);
    }
    doc.paragraph(format!(
        "{} (`{}`): body {}.",
        code(&format!("{} {}", op.method.as_str(), op.path)),
        escape_inline(&op.id),
        space.type_link(op.request)
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
    quote! {
        #doc
        fn #method(
            &self,
            context: #context,
            request: #request,
        ) -> impl #future<Output = Result<#response, #failure>> + Send;
    }
}

/// `.typed(Endpoint::new(…), &service, |service, context, request| …)`.
fn registration(entry: &OperationEntry<'_>, scope: &mut Scope<'_>) -> TokenStream {
    let OperationEntry {
        op, verb, method, ..
    } = entry;
    let endpoint = scope.item(externs::server("Endpoint"));
    let http_method = scope.item(externs::server("Method"));
    let id = &op.id;
    let path = &op.path;
    let headers = op.headers.iter().filter(|h| h.mandatory).map(|h| {
        let name = &h.name;
        let description = &h.description;
        quote! { .mandatory_header(#name, #description) }
    });
    quote! {
        .typed(
            #endpoint::new(#id, #http_method::#verb, #path) #(#headers)*,
            &service,
            |service, context, request| async move {
                service.#method(context, request).await
            },
        )
    }
}
