//! Walking two versions side by side: modules by name, operations by id,
//! headers by name (any case), types by spec name, attributes by wire name.

use std::collections::BTreeSet;

use super::{classify, directions, Breaks, Change, Diff, Direction, RustImpact, Semver};
use crate::diagnostics::did_you_mean;
use crate::ir::{
    Api, Criterion, Field, FieldType, Module, ObjectType, Operation, Response, StringFormat,
};

/// Every change from `old` to `new`.
pub fn diff(old: &Api, new: &Api) -> Diff {
    let mut out = Changes::default();
    for old_module in &old.modules {
        match new.modules.iter().find(|m| m.name == old_module.name) {
            Some(new_module) => out.module(old_module, new_module),
            None => out.push(
                &old_module.name,
                "page",
                format!("page removed ({})", old_module.source),
                Breaks::BOTH,
                Some(rust(format!("module `{}` removed", old_module.name), true)),
            ),
        }
    }
    for new_module in &new.modules {
        if !old.modules.iter().any(|m| m.name == new_module.name) {
            out.push(
                &new_module.name,
                "page",
                format!("page added ({})", new_module.source),
                Breaks::NOBODY,
                Some(rust(format!("module `{}` added", new_module.name), false)),
            );
        }
    }
    let semver = out
        .changes
        .iter()
        .map(|c| match (&c.rust, c.breaks.any()) {
            (Some(r), _) if r.breaking => Semver::Major,
            (_, true) => Semver::Major,
            (Some(_), false) => Semver::Minor,
            (None, false) => Semver::Patch,
        })
        .max()
        .unwrap_or(Semver::Patch);
    Diff {
        changes: out.changes,
        semver,
    }
}

fn rust(what: String, breaking: bool) -> RustImpact {
    RustImpact { what, breaking }
}

#[derive(Default)]
struct Changes {
    changes: Vec<Change>,
}

impl Changes {
    fn push(
        &mut self,
        module: &str,
        at: &str,
        what: String,
        breaks: Breaks,
        rust: Option<RustImpact>,
    ) {
        self.changes.push(Change {
            module: module.to_owned(),
            at: at.to_owned(),
            what,
            breaks,
            rust,
        });
    }

    fn module(&mut self, old: &Module, new: &Module) {
        let name = &new.name;
        if old.title != new.title || old.description != new.description {
            self.push(
                name,
                "page",
                "title or description text changed".to_owned(),
                Breaks::NOBODY,
                None,
            );
        }
        for old_op in &old.operations {
            match new.operation(&old_op.id) {
                Some(new_op) => self.operation(old, new, old_op, new_op),
                None => {
                    let hint = rename_hint(
                        &old_op.id,
                        new.operations
                            .iter()
                            .filter(|op| old.operation(&op.id).is_none())
                            .map(|op| op.id.as_str()),
                    );
                    self.push(
                        name,
                        &format!("operations.{}", old_op.id),
                        format!(
                            "operation removed ({} {}){hint}",
                            old_op.method.as_str(),
                            old_op.path
                        ),
                        Breaks::CALLER,
                        Some(rust(
                            format!(
                                "client method and server trait method `{}` removed",
                                old_op.rust_name
                            ),
                            true,
                        )),
                    );
                }
            }
        }
        for new_op in &new.operations {
            if old.operation(&new_op.id).is_none() {
                self.push(
                    name,
                    &format!("operations.{}", new_op.id),
                    format!(
                        "operation added ({} {})",
                        new_op.method.as_str(),
                        new_op.path
                    ),
                    Breaks::NOBODY,
                    Some(rust(
                        format!(
                            "server trait gains `{}` (implementations must add it); client gains it",
                            new_op.rust_name
                        ),
                        true,
                    )),
                );
            }
        }
        let old_directions = directions(old);
        let new_directions = directions(new);
        for (old_index, old_ty) in old.types.iter().enumerate() {
            let new_index = new.types.iter().position(|t| t.name == old_ty.name);
            let mut used: BTreeSet<Direction> = old_directions[old_index].clone();
            if let Some(i) = new_index {
                used.extend(new_directions[i].iter().copied());
            }
            match new_index {
                Some(i) => self.object(name, old_ty, &new.types[i], &used, old, new),
                None => {
                    let hint = rename_hint(
                        &old_ty.name,
                        new.types
                            .iter()
                            .filter(|t| !old.types.iter().any(|o| o.name == t.name))
                            .map(|t| t.name.as_str()),
                    );
                    self.push(
                        name,
                        &format!("types.{}", old_ty.name),
                        format!("type removed{hint}"),
                        classify(&used, true, true),
                        Some(rust(format!("struct `{}` removed", old_ty.rust_name), true)),
                    );
                }
            }
        }
        for new_ty in &new.types {
            if !old.types.iter().any(|t| t.name == new_ty.name) {
                self.push(
                    name,
                    &format!("types.{}", new_ty.name),
                    "type added".to_owned(),
                    Breaks::NOBODY,
                    Some(rust(format!("struct `{}` added", new_ty.rust_name), false)),
                );
            }
        }
    }

    fn operation(&mut self, old: &Module, new: &Module, a: &Operation, b: &Operation) {
        let module = &new.name;
        let at = format!("operations.{}", b.id);
        if a.method != b.method || a.path != b.path {
            self.push(
                module,
                &at,
                format!(
                    "endpoint {} {} → {} {}",
                    a.method.as_str(),
                    a.path,
                    b.method.as_str(),
                    b.path
                ),
                Breaks::BOTH,
                None,
            );
        }
        if a.implementer != b.implementer {
            self.push(
                module,
                &format!("{at}.implemented_by"),
                format!("implemented by {:?} → {:?}", a.implementer, b.implementer),
                Breaks::BOTH,
                Some(rust(
                    "the server trait moves to the other implementer".to_owned(),
                    true,
                )),
            );
        }
        if a.base_url != b.base_url {
            self.push(
                module,
                &format!("{at}.base_url"),
                format!(
                    "base URL {} → {}",
                    a.base_url.as_deref().unwrap_or("(none)"),
                    b.base_url.as_deref().unwrap_or("(none)")
                ),
                Breaks::CALLER,
                Some(rust("client::BASE_URL changes".to_owned(), false)),
            );
        }
        for (part, old_ty, new_ty) in [
            ("request", Some(old.ty(a.request)), Some(new.ty(b.request))),
            ("response", typed(old, a.response), typed(new, b.response)),
            (
                "failure",
                a.failure.map(|id| old.ty(id)),
                b.failure.map(|id| new.ty(id)),
            ),
        ] {
            let (old_name, new_name) = (old_ty.map(|t| &t.name), new_ty.map(|t| &t.name));
            if old_name != new_name {
                self.push(
                    module,
                    &format!("{at}.{part}"),
                    format!(
                        "{part} type {} → {}",
                        old_name.map_or("(none)", |n| n.as_str()),
                        new_name.map_or("(none)", |n| n.as_str())
                    ),
                    Breaks::BOTH,
                    Some(rust(
                        format!("the {part} type of `{}` changes", b.rust_name),
                        true,
                    )),
                );
            }
        }
        if a.summary != b.summary
            || a.description != b.description
            || a.header_note != b.header_note
        {
            self.push(
                module,
                &at,
                "summary or description text changed".to_owned(),
                Breaks::NOBODY,
                None,
            );
        }
        self.headers(module, &at, a, b);
    }

    fn headers(&mut self, module: &str, at: &str, a: &Operation, b: &Operation) {
        for old in &a.headers {
            let at = format!("{at}.headers.{}", old.name);
            match b
                .headers
                .iter()
                .find(|h| h.name.eq_ignore_ascii_case(&old.name))
            {
                None => self.push(
                    module,
                    &at,
                    format!("header removed ({})", criterion_text(old.mandatory)),
                    Breaks::IMPLEMENTER,
                    old.mandatory.then(|| {
                        rust(
                            "the client's constructor may lose a parameter".to_owned(),
                            true,
                        )
                    }),
                ),
                Some(new) if old.mandatory != new.mandatory => self.push(
                    module,
                    &at,
                    format!(
                        "header criterion {} → {}",
                        criterion_text(old.mandatory),
                        criterion_text(new.mandatory)
                    ),
                    if new.mandatory {
                        Breaks::CALLER
                    } else {
                        Breaks::IMPLEMENTER
                    },
                    Some(rust(
                        "the client's constructor parameters may change".to_owned(),
                        true,
                    )),
                ),
                Some(new) if old.description != new.description || old.doc_type != new.doc_type => {
                    self.push(
                        module,
                        &at,
                        "header description changed".to_owned(),
                        Breaks::NOBODY,
                        None,
                    )
                }
                Some(_) => {}
            }
        }
        for new in &b.headers {
            if !a
                .headers
                .iter()
                .any(|h| h.name.eq_ignore_ascii_case(&new.name))
            {
                self.push(
                    module,
                    &format!("{at}.headers.{}", new.name),
                    format!("header added ({})", criterion_text(new.mandatory)),
                    if new.mandatory {
                        Breaks::CALLER
                    } else {
                        Breaks::NOBODY
                    },
                    new.mandatory.then(|| {
                        rust(
                            "the client's constructor may gain a parameter".to_owned(),
                            true,
                        )
                    }),
                );
            }
        }
    }

    fn object(
        &mut self,
        module: &str,
        a: &ObjectType,
        b: &ObjectType,
        used: &BTreeSet<Direction>,
        old: &Module,
        new: &Module,
    ) {
        let at = format!("types.{}", a.name);
        if a.title != b.title || a.description != b.description {
            self.push(
                module,
                &at,
                "title or description text changed".to_owned(),
                Breaks::NOBODY,
                None,
            );
        }
        for old_field in &a.fields {
            let field_at = format!("{at}.fields.{}", old_field.wire_name);
            match b.field(&old_field.wire_name) {
                Some(new_field) => {
                    self.field(module, &field_at, old_field, new_field, used, old, new)
                }
                None => {
                    let hint = rename_hint(
                        &old_field.wire_name,
                        b.fields
                            .iter()
                            .filter(|f| a.field(&f.wire_name).is_none())
                            .map(|f| f.wire_name.as_str()),
                    );
                    self.push(
                        module,
                        &field_at,
                        format!("attribute removed{hint}"),
                        classify(used, true, true),
                        Some(rust(
                            format!(
                                "field `{}` of `{}` removed",
                                old_field.rust_name, a.rust_name
                            ),
                            true,
                        )),
                    );
                }
            }
        }
        for new_field in &b.fields {
            if a.field(&new_field.wire_name).is_some() {
                continue;
            }
            let mandatory = new_field.criterion == Criterion::Mandatory;
            self.push(
                module,
                &format!("{at}.fields.{}", new_field.wire_name),
                format!("attribute added ({})", criterion_name(&new_field.criterion)),
                classify(used, mandatory, false),
                Some(rust(
                    format!(
                        "field `{}` added to `{}` (struct literals must set it)",
                        new_field.rust_name, b.rust_name
                    ),
                    true,
                )),
            );
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn field(
        &mut self,
        module: &str,
        at: &str,
        a: &Field,
        b: &Field,
        used: &BTreeSet<Direction>,
        old: &Module,
        new: &Module,
    ) {
        let (old_rank, new_rank) = (strictness(&a.criterion), strictness(&b.criterion));
        if old_rank != new_rank {
            let tighter = new_rank > old_rank;
            let option_changes =
                (a.criterion == Criterion::Mandatory) != (b.criterion == Criterion::Mandatory);
            self.push(
                module,
                &format!("{at}.criterion"),
                format!(
                    "criterion {} → {}",
                    criterion_name(&a.criterion),
                    criterion_name(&b.criterion)
                ),
                classify(used, tighter, !tighter),
                option_changes.then(|| {
                    rust(
                        if tighter {
                            format!("field `{}` is no longer an `Option`", b.rust_name)
                        } else {
                            format!("field `{}` becomes an `Option`", b.rust_name)
                        },
                        true,
                    )
                }),
            );
        } else if a.criterion != b.criterion {
            self.push(
                module,
                &format!("{at}.condition"),
                "condition changed (when the attribute is mandatory)".to_owned(),
                classify(used, true, true),
                None,
            );
        }
        let (old_type, new_type) = (type_text(old, &a.ty), type_text(new, &b.ty));
        if old_type != new_type {
            let (sender, receiver) = match (format_of(&a.ty), format_of(&b.ty)) {
                // Only a format added to the same base type: stricter.
                (None, Some(_)) if base(&a.ty) == base(&b.ty) => (true, false),
                (Some(_), None) if base(&a.ty) == base(&b.ty) => (false, true),
                _ => (true, true),
            };
            self.push(
                module,
                &format!("{at}.type"),
                format!("type {old_type} → {new_type}"),
                classify(used, sender, receiver),
                Some(rust(
                    format!("the type of field `{}` changes", b.rust_name),
                    true,
                )),
            );
        }
        // The type column follows the type by default: reported with it.
        let doc_type_alone = a.doc_type != b.doc_type && old_type == new_type;
        if a.description != b.description || a.rule != b.rule || doc_type_alone {
            self.push(
                module,
                at,
                "description, type column or filling rule text changed".to_owned(),
                Breaks::NOBODY,
                None,
            );
        }
    }
}

fn typed(module: &Module, response: Response) -> Option<&ObjectType> {
    match response {
        Response::Typed(id) => Some(module.ty(id)),
        Response::Undocumented => None,
    }
}

/// `; renamed to `x`?` when a name added on the other side is close.
fn rename_hint<'a>(name: &str, added: impl Iterator<Item = &'a str>) -> String {
    let added: Vec<&str> = added.collect();
    did_you_mean(name, added.iter().copied())
        .map(|c| format!("; renamed to `{c}`?"))
        .unwrap_or_default()
}

fn criterion_text(mandatory: bool) -> &'static str {
    if mandatory {
        "M"
    } else {
        "OP"
    }
}

fn criterion_name(criterion: &Criterion) -> &'static str {
    match criterion {
        Criterion::Mandatory => "M",
        Criterion::Optional => "OP",
        Criterion::Conditional(_) => "C",
    }
}

/// OP < C < M: how much a sender must send.
fn strictness(criterion: &Criterion) -> u8 {
    match criterion {
        Criterion::Optional => 0,
        Criterion::Conditional(_) => 1,
        Criterion::Mandatory => 2,
    }
}

/// The type as the spec writes it, with type names (not indices).
fn type_text(module: &Module, ty: &FieldType) -> String {
    match ty {
        FieldType::String(None) => "String".to_owned(),
        FieldType::String(Some(StringFormat::Date)) => "String (date)".to_owned(),
        FieldType::String(Some(StringFormat::Color)) => "String (color)".to_owned(),
        FieldType::Int => "Int".to_owned(),
        FieldType::Float => "Float".to_owned(),
        FieldType::Decimal => "Float (decimal)".to_owned(),
        FieldType::Boolean => "Boolean".to_owned(),
        FieldType::Object(id) => format!("Objeto of {}", module.ty(*id).name),
        FieldType::FreeObject => "Objeto (free-form)".to_owned(),
        FieldType::Array(item) => format!("Array of {}", type_text(module, item)),
    }
}

fn format_of(ty: &FieldType) -> Option<&'static str> {
    match ty {
        FieldType::String(Some(StringFormat::Date)) => Some("date"),
        FieldType::String(Some(StringFormat::Color)) => Some("color"),
        FieldType::Decimal => Some("decimal"),
        _ => None,
    }
}

/// The type without its format.
fn base(ty: &FieldType) -> &'static str {
    match ty {
        FieldType::String(_) => "String",
        FieldType::Int => "Int",
        FieldType::Float | FieldType::Decimal => "Float",
        FieldType::Boolean => "Boolean",
        FieldType::Object(_) => "Objeto",
        FieldType::FreeObject => "Objeto (free-form)",
        FieldType::Array(_) => "Array",
    }
}
