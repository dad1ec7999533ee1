//! serde's `rename_all` rules (serde_derive's `RenameRule`), applied exactly
//! as serde applies them, so the names decoded are the names serde writes:
//! fields are snake_case identifiers, variants PascalCase ones.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenameRule {
    Lower,
    Upper,
    Pascal,
    Camel,
    Snake,
    ScreamingSnake,
    Kebab,
    ScreamingKebab,
}

impl RenameRule {
    /// The rule a `rename_all = "..."` value names; `None` for a value serde
    /// itself refuses (it reports that; no names are guessed from it).
    pub fn from_str(rule: &str) -> Option<Self> {
        Some(match rule {
            "lowercase" => RenameRule::Lower,
            "UPPERCASE" => RenameRule::Upper,
            "PascalCase" => RenameRule::Pascal,
            "camelCase" => RenameRule::Camel,
            "snake_case" => RenameRule::Snake,
            "SCREAMING_SNAKE_CASE" => RenameRule::ScreamingSnake,
            "kebab-case" => RenameRule::Kebab,
            "SCREAMING-KEBAB-CASE" => RenameRule::ScreamingKebab,
            _ => return None,
        })
    }

    /// A field name (a snake_case identifier) under this rule.
    pub fn apply_to_field(self, field: &str) -> String {
        match self {
            RenameRule::Lower | RenameRule::Snake => field.to_owned(),
            RenameRule::Upper | RenameRule::ScreamingSnake => field.to_ascii_uppercase(),
            RenameRule::Pascal => pascal(field),
            RenameRule::Camel => lower_first(&pascal(field)),
            RenameRule::Kebab => field.replace('_', "-"),
            RenameRule::ScreamingKebab => field.to_ascii_uppercase().replace('_', "-"),
        }
    }

    /// A variant name (a PascalCase identifier) under this rule.
    pub fn apply_to_variant(self, variant: &str) -> String {
        match self {
            RenameRule::Pascal => variant.to_owned(),
            RenameRule::Lower => variant.to_ascii_lowercase(),
            RenameRule::Upper => variant.to_ascii_uppercase(),
            RenameRule::Camel => lower_first(variant),
            RenameRule::Snake => snake(variant),
            RenameRule::ScreamingSnake => snake(variant).to_ascii_uppercase(),
            RenameRule::Kebab => snake(variant).replace('_', "-"),
            RenameRule::ScreamingKebab => snake(variant).to_ascii_uppercase().replace('_', "-"),
        }
    }
}

fn snake(variant: &str) -> String {
    let mut snake = String::new();
    for (i, ch) in variant.char_indices() {
        if i > 0 && ch.is_uppercase() {
            snake.push('_');
        }
        snake.push(ch.to_ascii_lowercase());
    }
    snake
}

fn pascal(field: &str) -> String {
    let mut pascal = String::new();
    let mut capitalize = true;
    for ch in field.chars() {
        if ch == '_' {
            capitalize = true;
        } else if capitalize {
            pascal.push(ch.to_ascii_uppercase());
            capitalize = false;
        } else {
            pascal.push(ch);
        }
    }
    pascal
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_ascii_lowercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::RenameRule;

    /// The names serde itself writes under `rename_all = $rule`, next to
    /// the names [`RenameRule`] gives, for awkward fields and variants.
    macro_rules! agrees_with_serde {
        ($($rule:tt),*) => {$({
            #[derive(serde::Serialize)]
            #[serde(rename_all = $rule)]
            struct Fields {
                valor_total: u8,
                cpf: u8,
                data_de_pagamento2: u8,
                a: u8,
            }
            #[derive(serde::Serialize)]
            #[serde(rename_all = $rule)]
            enum Variants {
                PessoaFisica,
                PF,
                Cpf,
                A,
                ValorTotal2,
            }
            let rule = RenameRule::from_str($rule).expect($rule);
            let value = serde_json::to_value(Fields { valor_total: 0, cpf: 0, data_de_pagamento2: 0, a: 0 }).unwrap();
            let mut serde_fields: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
            let mut ours: Vec<String> = ["valor_total", "cpf", "data_de_pagamento2", "a"]
                .iter()
                .map(|f| rule.apply_to_field(f))
                .collect();
            serde_fields.sort();
            ours.sort();
            assert_eq!(serde_fields, ours, "fields under {}", $rule);
            let variants = [
                (Variants::PessoaFisica, "PessoaFisica"),
                (Variants::PF, "PF"),
                (Variants::Cpf, "Cpf"),
                (Variants::A, "A"),
                (Variants::ValorTotal2, "ValorTotal2"),
            ];
            for (variant, name) in variants {
                let serde_name = serde_json::to_value(variant).unwrap();
                assert_eq!(serde_name, rule.apply_to_variant(name), "{name} under {}", $rule);
            }
        })*};
    }

    #[test]
    fn every_rule_names_as_serde_does() {
        agrees_with_serde!(
            "lowercase",
            "UPPERCASE",
            "PascalCase",
            "camelCase",
            "snake_case",
            "SCREAMING_SNAKE_CASE",
            "kebab-case",
            "SCREAMING-KEBAB-CASE"
        );
    }

    #[test]
    fn an_unknown_rule_names_nothing() {
        assert_eq!(RenameRule::from_str("Camel"), None);
        assert_eq!(RenameRule::from_str("camelcase"), None);
    }
}
