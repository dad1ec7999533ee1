//! What a violation is, and the one place its message is worded.

use std::fmt;

/// Stable snake_case rule codes. Integrators match on these; never rename one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// An `M` attribute is missing or null.
    Mandatory,
    /// An `M` (or active `C`) string is empty or whitespace only.
    Blank,
    /// The JSON value has the wrong kind (no coercion).
    Type,
    /// An attribute the type does not declare (names are exact, case-sensitive).
    UnknownAttribute,
    /// The same attribute appears twice in one object.
    DuplicateAttribute,
    /// A string breaks its documented format (date, colour).
    Format,
    /// A `C` attribute is missing or null while its condition holds.
    Conditional,
    /// The bytes are not JSON (or not UTF-8).
    Syntax,
    /// A number outside what its type can hold.
    Range,
    /// Nesting deeper than the decoder accepts.
    Depth,
    /// A string that does not match its declared pattern.
    Pattern,
    /// A string or array whose length is outside its declared bounds.
    Length,
    /// A value outside a closed set of accepted values.
    Value,
}

impl Rule {
    pub const ALL: [Rule; 13] = [
        Rule::Mandatory,
        Rule::Blank,
        Rule::Type,
        Rule::UnknownAttribute,
        Rule::DuplicateAttribute,
        Rule::Format,
        Rule::Conditional,
        Rule::Syntax,
        Rule::Range,
        Rule::Depth,
        Rule::Pattern,
        Rule::Length,
        Rule::Value,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Rule::Mandatory => "mandatory",
            Rule::Blank => "blank",
            Rule::Type => "type",
            Rule::UnknownAttribute => "unknown_attribute",
            Rule::DuplicateAttribute => "duplicate_attribute",
            Rule::Format => "format",
            Rule::Conditional => "conditional",
            Rule::Syntax => "syntax",
            Rule::Range => "range",
            Rule::Depth => "depth",
            Rule::Pattern => "pattern",
            Rule::Length => "length",
            Rule::Value => "value",
        }
    }

    pub fn from_code(code: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|rule| rule.code() == code)
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Language of messages. Portuguese is the default: the docs and their
/// readers are Brazilian.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Pt,
    En,
}

/// The kind of JSON value a field expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    String,
    Integer,
    Number,
    Boolean,
    Object,
    Array,
    /// A string naming one of a closed set of values (unit enums).
    EnumString,
}

impl Expected {
    fn word(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Expected::String | Expected::EnumString, Lang::Pt) => "texto (string JSON)",
            (Expected::String | Expected::EnumString, Lang::En) => "a string",
            (Expected::Integer, Lang::Pt) => "número inteiro",
            (Expected::Integer, Lang::En) => "an integer",
            (Expected::Number, Lang::Pt) => "número",
            (Expected::Number, Lang::En) => "a number",
            (Expected::Boolean, Lang::Pt) => "booleano (true ou false)",
            (Expected::Boolean, Lang::En) => "a boolean (true or false)",
            (Expected::Object, Lang::Pt) => "objeto",
            (Expected::Object, Lang::En) => "an object",
            (Expected::Array, Lang::Pt) => "array",
            (Expected::Array, Lang::En) => "an array",
        }
    }
}

/// The kind of JSON value actually found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    Null,
    Boolean,
    Integer,
    /// A number with a fraction or exponent.
    Number,
    String,
    Array,
    Object,
}

impl Found {
    fn word(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Found::Null, _) => "null",
            (Found::Boolean, Lang::Pt) => "booleano",
            (Found::Boolean, Lang::En) => "a boolean",
            (Found::Integer, Lang::Pt) => "número inteiro",
            (Found::Integer, Lang::En) => "an integer",
            (Found::Number, Lang::Pt) => "número decimal",
            (Found::Number, Lang::En) => "a decimal number",
            (Found::String, Lang::Pt) => "texto",
            (Found::String, Lang::En) => "a string",
            (Found::Array, Lang::Pt) => "array",
            (Found::Array, Lang::En) => "an array",
            (Found::Object, Lang::Pt) => "objeto",
            (Found::Object, Lang::En) => "an object",
        }
    }
}

/// A documented string format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A real calendar date written `YYYY-MM-DD`.
    Date,
    /// `#` followed by six hexadecimal digits.
    Color,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Date => "date",
            Format::Color => "color",
        }
    }
}

/// When a `C` attribute is mandatory, in wire names, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Condition {
    /// Any of these siblings is filled.
    Filled(Vec<String>),
    /// The sibling holds this value (rendered as JSON, e.g. `"PF"`).
    Equals(String, String),
}

impl Condition {
    fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (Condition::Filled(names), Lang::Pt) => {
                format!("{} estiver preenchido", quoted_list(names, "ou"))
            }
            (Condition::Filled(names), Lang::En) => {
                format!("{} is filled", quoted_list(names, "or"))
            }
            (Condition::Equals(name, value), Lang::Pt) => format!("'{name}' for {value}"),
            (Condition::Equals(name, value), Lang::En) => format!("'{name}' is {value}"),
        }
    }
}

fn quoted_list(names: &[String], or: &str) -> String {
    match names {
        [] => String::new(),
        [only] => format!("'{only}'"),
        [init @ .., last] => {
            let init: Vec<String> = init.iter().map(|n| format!("'{n}'")).collect();
            format!("{} {or} '{last}'", init.join(", "))
        }
    }
}

/// The facts behind a violation; the message is rendered from them on demand,
/// in either language.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Detail {
    Missing {
        name: String,
    },
    Null {
        name: String,
    },
    Blank {
        name: String,
    },
    /// A blank string where a formatted value (a date, a colour) is expected.
    BlankFormatted {
        format: Format,
    },
    Type {
        expected: Expected,
        found: Found,
    },
    Unknown {
        name: String,
        suggestion: Option<String>,
        accepted: Vec<String>,
    },
    Duplicate {
        name: String,
    },
    Format {
        format: Format,
        value: String,
    },
    ConditionalMissing {
        name: String,
        condition: Condition,
    },
    Syntax {
        line: usize,
        column: usize,
        detail: String,
    },
    IntegerRange,
    NumberRange,
    DecimalRange,
    NotFinite,
    Depth {
        line: usize,
        column: usize,
    },
    Pattern {
        pattern: String,
        value: String,
    },
    Length {
        len: usize,
        min: Option<usize>,
        max: Option<usize>,
        of_string: bool,
    },
    NotAccepted {
        value: String,
        accepted: Vec<String>,
    },
}

impl Detail {
    pub fn rule(&self) -> Rule {
        match self {
            Detail::Missing { .. } | Detail::Null { .. } => Rule::Mandatory,
            Detail::Blank { .. } | Detail::BlankFormatted { .. } => Rule::Blank,
            Detail::Type { .. } => Rule::Type,
            Detail::Unknown { .. } => Rule::UnknownAttribute,
            Detail::Duplicate { .. } => Rule::DuplicateAttribute,
            Detail::Format { .. } => Rule::Format,
            Detail::ConditionalMissing { .. } => Rule::Conditional,
            Detail::Syntax { .. } => Rule::Syntax,
            Detail::IntegerRange
            | Detail::NumberRange
            | Detail::DecimalRange
            | Detail::NotFinite => Rule::Range,
            Detail::Depth { .. } => Rule::Depth,
            Detail::Pattern { .. } => Rule::Pattern,
            Detail::Length { .. } => Rule::Length,
            Detail::NotAccepted { .. } => Rule::Value,
        }
    }

    /// The message, worded to say what to do about it.
    pub fn message(&self, lang: Lang) -> String {
        use Lang::{En, Pt};
        match (self, lang) {
            (Detail::Missing { name }, Pt) => {
                format!("atributo obrigatório (M) '{name}' ausente; inclua-o com um valor")
            }
            (Detail::Missing { name }, En) => {
                format!("mandatory (M) attribute '{name}' is missing; add it with a value")
            }
            (Detail::Null { name }, Pt) => {
                format!("atributo obrigatório (M) '{name}' está nulo; informe um valor")
            }
            (Detail::Null { name }, En) => {
                format!("mandatory (M) attribute '{name}' is null; give it a value")
            }
            (Detail::Blank { name }, Pt) => {
                format!("atributo obrigatório '{name}' está em branco; informe um texto não vazio")
            }
            (Detail::Blank { name }, En) => {
                format!("mandatory attribute '{name}' is blank; give it non-empty text")
            }
            (Detail::BlankFormatted { format }, Pt) => format!(
                "valor em branco; informe {} ou, se o atributo for opcional, omita-o ou envie null",
                match format {
                    Format::Date => "uma data AAAA-MM-DD",
                    Format::Color => "uma cor #RRGGBB",
                }
            ),
            (Detail::BlankFormatted { format }, En) => format!(
                "blank value; give {} or, if the attribute is optional, omit it or send null",
                match format {
                    Format::Date => "a YYYY-MM-DD date",
                    Format::Color => "a #RRGGBB colour",
                }
            ),
            (Detail::Type { expected, found }, lang) => type_message(*expected, *found, lang),
            (
                Detail::Unknown {
                    name,
                    suggestion: Some(s),
                    ..
                },
                Pt,
            ) => {
                format!(
                    "atributo '{name}' não reconhecido; {}",
                    codegen_suggest::did_you_mean(s, codegen_suggest::Lang::Pt)
                )
            }
            (
                Detail::Unknown {
                    name,
                    suggestion: Some(s),
                    ..
                },
                En,
            ) => {
                format!("unknown attribute '{name}'; did you mean '{s}'?")
            }
            (
                Detail::Unknown {
                    name,
                    suggestion: None,
                    accepted,
                },
                Pt,
            ) => format!(
                "atributo '{name}' não reconhecido; os nomes devem seguir exatamente a \
                 documentação (aceitos aqui: {})",
                accepted.join(", ")
            ),
            (
                Detail::Unknown {
                    name,
                    suggestion: None,
                    accepted,
                },
                En,
            ) => format!(
                "unknown attribute '{name}'; names must match the documentation exactly \
                 (accepted here: {})",
                accepted.join(", ")
            ),
            (Detail::Duplicate { name }, Pt) => {
                format!("atributo '{name}' repetido no mesmo objeto; envie-o uma única vez")
            }
            (Detail::Duplicate { name }, En) => {
                format!("attribute '{name}' appears twice in one object; send it once")
            }
            (
                Detail::Format {
                    format: Format::Date,
                    value,
                },
                Pt,
            ) => format!(
                "data inválida '{value}'; use o formato AAAA-MM-DD com uma data real do \
                 calendário, por exemplo 2024-08-01"
            ),
            (
                Detail::Format {
                    format: Format::Date,
                    value,
                },
                En,
            ) => format!(
                "invalid date '{value}'; use YYYY-MM-DD with a real calendar date, for \
                 example 2024-08-01"
            ),
            (
                Detail::Format {
                    format: Format::Color,
                    value,
                },
                Pt,
            ) => format!(
                "cor inválida '{value}'; use '#' seguido de 6 dígitos hexadecimais, por \
                 exemplo #FF0000"
            ),
            (
                Detail::Format {
                    format: Format::Color,
                    value,
                },
                En,
            ) => format!(
                "invalid colour '{value}'; use '#' followed by 6 hexadecimal digits, for \
                 example #FF0000"
            ),
            (Detail::ConditionalMissing { name, condition }, Pt) => format!(
                "atributo condicional (C) '{name}' é obrigatório quando {}; informe um valor",
                condition.describe(Pt)
            ),
            (Detail::ConditionalMissing { name, condition }, En) => format!(
                "conditional (C) attribute '{name}' is mandatory when {}; give it a value",
                condition.describe(En)
            ),
            (
                Detail::Syntax {
                    line,
                    column,
                    detail,
                },
                Pt,
            ) => {
                format!(
                    "JSON malformado na linha {line}, coluna {column}: {}",
                    syntax_detail_pt(detail)
                )
            }
            (
                Detail::Syntax {
                    line,
                    column,
                    detail,
                },
                En,
            ) => {
                format!("malformed JSON at line {line}, column {column}: {detail}")
            }
            (Detail::IntegerRange, Pt) => {
                "inteiro fora do intervalo aceito (inteiro de 64 bits com sinal)".to_owned()
            }
            (Detail::IntegerRange, En) => {
                "integer out of range (a signed 64-bit integer is expected)".to_owned()
            }
            (Detail::NumberRange, Pt) => "número fora do intervalo representável".to_owned(),
            (Detail::NumberRange, En) => "number out of the representable range".to_owned(),
            (Detail::DecimalRange, Pt) => {
                "valor não cabe exatamente em um decimal (no máximo 28 casas decimais e \
                 79228162514264337593543950335 em módulo); envie-o com menos dígitos"
                    .to_owned()
            }
            (Detail::DecimalRange, En) => {
                "value does not fit an exact decimal (at most 28 decimal places and \
                 79228162514264337593543950335 in magnitude); send it with fewer digits"
                    .to_owned()
            }
            (Detail::NotFinite, Pt) => {
                "número não finito (NaN ou infinito) não pode ser enviado em JSON".to_owned()
            }
            (Detail::NotFinite, En) => {
                "a non-finite number (NaN or infinity) cannot be sent as JSON".to_owned()
            }
            (Detail::Depth { line, column }, Pt) => format!(
                "JSON aninhado demais na linha {line}, coluna {column}; reduza a profundidade"
            ),
            (Detail::Depth { line, column }, En) => {
                format!("JSON nested too deeply at line {line}, column {column}")
            }
            (Detail::Pattern { pattern, value }, Pt) => {
                format!("valor '{value}' não corresponde ao padrão {pattern}")
            }
            (Detail::Pattern { pattern, value }, En) => {
                format!("value '{value}' does not match the pattern {pattern}")
            }
            (
                Detail::Length {
                    len,
                    min,
                    max,
                    of_string,
                },
                lang,
            ) => length_message(*len, *min, *max, *of_string, lang),
            (Detail::NotAccepted { value, accepted }, Pt) => format!(
                "valor '{value}' não é aceito; use um destes: {}",
                accepted.join(", ")
            ),
            (Detail::NotAccepted { value, accepted }, En) => format!(
                "value '{value}' is not accepted; use one of: {}",
                accepted.join(", ")
            ),
        }
    }
}

/// serde_json's description of a syntax error, in Portuguese: every message
/// serde_json 1.0 writes for malformed JSON (its `ErrorCode`s) and the
/// decoder's own `invalid UTF-8 (byte 0x..)`. Anything else (a message of a
/// later serde_json, an I/O error) gets a Portuguese sentence with the
/// original, marked as English, in quotes after it.
fn syntax_detail_pt(detail: &str) -> String {
    /// serde_json's text (without " at line N column M") and ours.
    const KNOWN: &[(&str, &str)] = &[
        (
            "EOF while parsing a list",
            "o conteúdo terminou dentro de um array; falta fechá-lo com ']'",
        ),
        (
            "EOF while parsing an object",
            "o conteúdo terminou dentro de um objeto; falta fechá-lo com '}'",
        ),
        (
            "EOF while parsing a string",
            "o conteúdo terminou dentro de um texto; falta fechar as aspas (\")",
        ),
        (
            "EOF while parsing a value",
            "o conteúdo terminou onde se esperava um valor JSON (corpo vazio ou cortado?)",
        ),
        ("expected `:`", "esperado ':' depois do nome do atributo"),
        (
            "expected `,` or `]`",
            "esperado ',' ou ']' (falta uma vírgula entre itens?)",
        ),
        (
            "expected `,` or `}`",
            "esperado ',' ou '}' (falta uma vírgula entre atributos?)",
        ),
        (
            "expected ident",
            "palavra não reconhecida: sem aspas, só true, false e null são valores \
             (textos vão entre aspas duplas)",
        ),
        (
            "expected value",
            "esperado um valor JSON (objeto, array, texto, número, true, false ou null)",
        ),
        (
            "expected `\"`",
            "esperadas aspas duplas (\") no início do nome do atributo",
        ),
        (
            "invalid escape",
            "sequência de escape inválida dentro de um texto (as válidas são \\\", \\\\, \\/, \
             \\b, \\f, \\n, \\r, \\t e \\u seguido de 4 dígitos hexadecimais)",
        ),
        (
            "invalid number",
            "número inválido (dígitos, com parte decimal e expoente opcionais, sem zeros à \
             esquerda e sem aspas)",
        ),
        (
            "number out of range",
            "número fora do intervalo representável",
        ),
        (
            "invalid unicode code point",
            "código Unicode inválido em um escape \\u dentro de um texto",
        ),
        (
            "control character (\\u0000-\\u001F) found while parsing a string",
            "caractere de controle (U+0000 a U+001F, como uma quebra de linha ou uma \
             tabulação) sem escape dentro de um texto; escreva \\n, \\t ou \\u00XX",
        ),
        (
            "key must be a string",
            "o nome do atributo deve ser um texto entre aspas duplas",
        ),
        (
            "invalid value: expected key to be a number in quotes",
            "o nome do atributo deve ser um número entre aspas duplas",
        ),
        (
            "float key must be finite (got NaN or +/-inf)",
            "o nome do atributo deve ser um número finito (nem NaN nem infinito)",
        ),
        (
            "lone leading surrogate in hex escape",
            "escape \\u de meio par substituto UTF-16 sem a outra metade (\\uD800 a \\uDBFF \
             deve vir seguido de \\uDC00 a \\uDFFF); envie o caractere em UTF-8 ou o par \
             completo",
        ),
        (
            "trailing comma",
            "vírgula sobrando antes de fechar o objeto ou array; remova-a",
        ),
        (
            "trailing characters",
            "há conteúdo depois do fim do JSON; envie um único valor",
        ),
        (
            "unexpected end of hex escape",
            "escape \\u de primeira metade de par substituto UTF-16 (\\uD800 a \\uDBFF) sem a \
             segunda metade (\\uDC00 a \\uDFFF) logo depois; envie o caractere em UTF-8 ou o \
             par completo",
        ),
        (
            "recursion limit exceeded",
            "JSON aninhado demais; reduza a profundidade",
        ),
    ];
    if let Some((_, pt)) = KNOWN.iter().find(|(en, _)| *en == detail) {
        return (*pt).to_owned();
    }
    // The decoder's own: `invalid UTF-8 (byte 0xFF)`.
    if let Some(byte) = detail
        .strip_prefix("invalid UTF-8 (byte ")
        .and_then(|rest| rest.strip_suffix(')'))
    {
        return format!("os bytes não são UTF-8 válido (byte {byte}); envie o corpo em UTF-8");
    }
    format!(
        "o conteúdo não é JSON válido (mensagem original do analisador, em inglês: \"{detail}\")"
    )
}

fn type_message(expected: Expected, found: Found, lang: Lang) -> String {
    let base = match lang {
        Lang::Pt => format!(
            "tipo inválido: esperado {}, encontrado {}",
            expected.word(lang),
            found.word(lang)
        ),
        Lang::En => format!(
            "wrong type: expected {}, found {}",
            expected.word(lang),
            found.word(lang)
        ),
    };
    let hint = match (expected, found, lang) {
        (Expected::Integer | Expected::Number, Found::String, Lang::Pt) => {
            "; envie o número sem aspas"
        }
        (Expected::Integer | Expected::Number, Found::String, Lang::En) => {
            "; send the number without quotes"
        }
        (Expected::String, Found::Integer | Found::Number | Found::Boolean, Lang::Pt) => {
            "; envie o valor entre aspas"
        }
        (Expected::String, Found::Integer | Found::Number | Found::Boolean, Lang::En) => {
            "; send the value in quotes"
        }
        (Expected::Integer, Found::Number, Lang::Pt) => "; envie um inteiro, sem casas decimais",
        (Expected::Integer, Found::Number, Lang::En) => "; send an integer, without decimals",
        (Expected::Boolean, Found::String | Found::Integer, Lang::Pt) => {
            "; use true ou false, sem aspas"
        }
        (Expected::Boolean, Found::String | Found::Integer, Lang::En) => {
            "; use true or false, without quotes"
        }
        _ => "",
    };
    base + hint
}

fn length_message(
    len: usize,
    min: Option<usize>,
    max: Option<usize>,
    of_string: bool,
    lang: Lang,
) -> String {
    let unit = match (of_string, lang) {
        (true, Lang::Pt) => "caracteres",
        (false, Lang::Pt) => "itens",
        (true, Lang::En) => "characters",
        (false, Lang::En) => "items",
    };
    let bounds = match (min, max, lang) {
        (Some(min), Some(max), Lang::Pt) => format!("entre {min} e {max}"),
        (Some(min), Some(max), Lang::En) => format!("between {min} and {max}"),
        (Some(min), None, Lang::Pt) => format!("no mínimo {min}"),
        (Some(min), None, Lang::En) => format!("at least {min}"),
        (None, Some(max), Lang::Pt) => format!("no máximo {max}"),
        (None, Some(max), Lang::En) => format!("at most {max}"),
        (None, None, _) => String::new(),
    };
    match lang {
        Lang::Pt => format!("tamanho {len} {unit} fora do limite; use {bounds} {unit}"),
        Lang::En => format!("length {len} {unit} is out of bounds; use {bounds} {unit}"),
    }
}

/// One broken rule at one place of a payload.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    path: String,
    detail: Detail,
}

impl Violation {
    pub fn new(path: String, detail: Detail) -> Self {
        Violation { path, detail }
    }

    /// JSON pointer (RFC 6901) of the offending value; `""` is the root.
    pub fn path(&self) -> &str {
        &self.path
    }

    pub fn rule(&self) -> Rule {
        self.detail.rule()
    }

    pub fn detail(&self) -> &Detail {
        &self.detail
    }

    /// The message in Portuguese.
    pub fn message(&self) -> String {
        self.detail.message(Lang::Pt)
    }

    pub fn message_in(&self, lang: Lang) -> String {
        self.detail.message(lang)
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "(raiz)"
        } else {
            &self.path
        };
        write!(f, "{path}: {} [{}]", self.message(), self.rule())
    }
}
