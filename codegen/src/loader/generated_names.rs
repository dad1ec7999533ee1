//! The names the generated code derives from a whole page, checked once the
//! page's IR is built: a type named like a generated server trait, client
//! methods taken twice or by `Client` itself, constructor parameters that
//! are no identifiers. Each is refused at its spec path with the reason
//! ([`crate::naming::reserved`]), so the emitters never meet one.

use std::collections::HashMap;

use crate::ir::{Implementer, Module};
use crate::naming::reserved;

use super::report::{Report, SpecPath};

pub fn check(report: &mut Report, module: &Module) {
    server_traits(report, module);
    client_methods(report, module);
    client_parameters(report, module);
}

/// A type named like the server trait of an implementer the page has
/// endpoints for (`Operadora`, `Mosia`).
fn server_traits(report: &mut Report, module: &Module) {
    for who in [Implementer::Operator, Implementer::Mosia] {
        let name = reserved::server_trait(who);
        let generated = module.operations.iter().any(|op| op.implementer == who);
        let Some(ty) = module.types.iter().find(|t| t.rust_name == name) else {
            continue;
        };
        if generated {
            report.error_with_help(
                &SpecPath::root().key("types").key(&ty.name),
                format!("type name {:?} is reserved on this page", ty.name),
                format!(
                    "the generated server names its trait for the page's {} endpoints `{name}`; \
                     choose another name",
                    match who {
                        Implementer::Operator => "operator",
                        Implementer::Mosia => "Mosia",
                    }
                ),
            );
        }
    }
}

/// Each operation gives two methods of the generated `Client` (`op` and
/// `op_with`): neither may be one `Client` has already, nor one another
/// operation gives (`consultar` and `consultarWith` both give
/// `consultar_with`).
fn client_methods(report: &mut Report, module: &Module) {
    let mut taken: HashMap<String, &str> = HashMap::new();
    for op in &module.operations {
        let at = SpecPath::root().key("operations").key(&op.id).key("id");
        for method in reserved::client_methods(&op.rust_name) {
            if reserved::CLIENT_METHODS.contains(&method.as_str()) {
                report.error_with_help(
                    &at,
                    format!(
                        "operation id {:?} gives the client method `{method}`, which the \
                         generated `Client` has already",
                        op.id
                    ),
                    format!(
                        "`Client` has {}: rename the operation",
                        reserved::CLIENT_METHODS
                            .iter()
                            .map(|m| format!("`{m}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
            } else if let Some(other) = taken.get(&method) {
                report.error(
                    &at,
                    format!(
                        "operations {other:?} and {:?} both give the client method `{method}` \
                         (each operation `op` gives `op` and `op_with`); rename one",
                        op.id
                    ),
                );
            } else {
                taken.insert(method, &op.id);
            }
        }
    }
}

/// A header mandatory in every operation is a parameter of `Client::new`:
/// its name must give an identifier, not the base URL's, and not another
/// header's.
fn client_parameters(report: &mut Report, module: &Module) {
    let Some(first) = module.operations.first() else {
        return;
    };
    let mut taken: HashMap<String, &str> = HashMap::new();
    for header in module.client_headers() {
        let at = SpecPath::root()
            .key("operations")
            .key(&first.id)
            .key("headers")
            .key(&header.name)
            .key("name");
        let what = format!(
            "header {:?} is mandatory in every operation, so it is a parameter of the generated \
             `Client::new`",
            header.name
        );
        match reserved::header_parameter(&header.name) {
            None => report.error(
                &at,
                format!(
                    "{what}, but its name gives no Rust identifier (`{}`)",
                    heck::ToSnakeCase::to_snake_case(header.name.as_str())
                ),
            ),
            Some(parameter) if parameter == reserved::BASE_URL_PARAMETER => report.error(
                &at,
                format!("{what}, but its name gives `{parameter}`, the base URL's parameter"),
            ),
            Some(parameter) => {
                if let Some(other) = taken.get(&parameter) {
                    report.error(
                        &at,
                        format!("{what}, but its name gives `{parameter}`, like header {other:?}"),
                    );
                } else {
                    taken.insert(parameter, &header.name);
                }
            }
        }
    }
}
