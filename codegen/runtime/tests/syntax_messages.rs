//! Malformed JSON is reported in Portuguese without serde_json's English
//! mixed in: every syntax message serde_json 1.0 writes is translated, and
//! anything else is marked as the parser's original English.

use codegen_runtime::{Decode, Detail, Lang, Rule, Validate};
use serde::Serialize;

#[derive(Debug, Serialize, Decode, Validate)]
struct Pedido {
    nome: String,
    itens: Option<Vec<String>>,
}

/// Every `ErrorCode` Display text of serde_json 1.0.154 (src/error.rs)
/// except `Message` and `Io`, which carry their own text.
const SERDE_JSON_SYNTAX: &[&str] = &[
    "EOF while parsing a list",
    "EOF while parsing an object",
    "EOF while parsing a string",
    "EOF while parsing a value",
    "expected `:`",
    "expected `,` or `]`",
    "expected `,` or `}`",
    "expected ident",
    "expected value",
    "expected `\"`",
    "invalid escape",
    "invalid number",
    "number out of range",
    "invalid unicode code point",
    "control character (\\u0000-\\u001F) found while parsing a string",
    "key must be a string",
    "invalid value: expected key to be a number in quotes",
    "float key must be finite (got NaN or +/-inf)",
    "lone leading surrogate in hex escape",
    "trailing comma",
    "trailing characters",
    "unexpected end of hex escape",
    "recursion limit exceeded",
];

fn syntax(detail: &str) -> Detail {
    Detail::Syntax {
        line: 1,
        column: 2,
        detail: detail.to_owned(),
    }
}

/// English words of serde_json's messages that must not show in Portuguese.
fn looks_english(message: &str) -> bool {
    let lower = message.to_lowercase();
    [
        "eof",
        "while",
        "parsing",
        "expected",
        "invalid",
        "trailing",
        "surrogate",
        "hex escape",
        "unexpected",
        "must be",
        "found",
        "out of range",
        "lone",
        "ident",
        "key ",
    ]
    .iter()
    .any(|word| lower.contains(word))
}

#[test]
fn every_serde_json_syntax_message_is_translated() {
    for detail in SERDE_JSON_SYNTAX {
        let message = syntax(detail).message(Lang::Pt);
        assert!(
            message.starts_with("JSON malformado na linha 1, coluna 2: "),
            "{message}"
        );
        let text = &message["JSON malformado na linha 1, coluna 2: ".len()..];
        assert!(!text.contains("em inglês"), "{detail}: not translated");
        assert!(!looks_english(text), "{detail}: {text}");
        // English keeps serde_json's words.
        assert_eq!(
            syntax(detail).message(Lang::En),
            format!("malformed JSON at line 1, column 2: {detail}")
        );
    }
    // No two texts read the same, so each says what is wrong.
    let mut texts: Vec<String> = SERDE_JSON_SYNTAX
        .iter()
        .map(|d| syntax(d).message(Lang::Pt))
        .collect();
    texts.sort();
    texts.dedup();
    assert_eq!(texts.len(), SERDE_JSON_SYNTAX.len());
}

#[test]
fn an_unknown_message_is_marked_as_the_parsers_english() {
    let message = syntax("some new problem").message(Lang::Pt);
    assert_eq!(
        message,
        "JSON malformado na linha 1, coluna 2: o conteúdo não é JSON válido (mensagem \
         original do analisador, em inglês: \"some new problem\")"
    );
}

/// Payloads that reach each message through the decoder: what a client
/// actually gets, in Portuguese only.
#[test]
fn malformed_payloads_get_portuguese_messages() {
    let cases: &[(&[u8], &str)] = &[
        (br#"{"nome": "\ud800"}"#, "sem a segunda metade"),
        (br#"{"nome": "\udc00"}"#, "sem a outra metade"),
        (br#"{"nome": "\ud800\u0041"}"#, "sem a outra metade"),
        (br#"{"nome": "\ud800\n"}"#, "sem a segunda metade"),
        (br#"{"nome": "\q"}"#, "sequência de escape inválida"),
        (br#"{"nome": "\u12"}"#, "sequência de escape inválida"),
        (b"{\"nome\": \"a\nb\"}", "caractere de controle"),
        (br#"{"nome": "abc"#, "falta fechar as aspas"),
        (br#"{"nome": "a", "itens": ["x""#, "falta fechá-lo com ']'"),
        (br#"{"nome": "a""#, "falta fechá-lo com '}'"),
        (br#"{"nome":"#, "onde se esperava um valor"),
        (b"", "onde se esperava um valor"),
        (br#"{"nome" "a"}"#, "esperado ':'"),
        (br#"{"nome": "a" "itens": []}"#, "esperado ',' ou '}'"),
        (
            br#"{"nome": "a", "itens": ["x" "y"]}"#,
            "esperado ',' ou ']'",
        ),
        (br#"{"nome": tru}"#, "só true, false e null"),
        (br#"{"nome": }"#, "esperado um valor JSON"),
        (br#"{"nome": 01}"#, "número inválido"),
        (br#"{"nome": 1.}"#, "número inválido"),
        (br#"{nome: "a"}"#, "nome do atributo deve ser um texto"),
        (br#"{"nome": "a",}"#, "vírgula sobrando"),
        (br#"{"nome": "a"} x"#, "conteúdo depois do fim"),
        (b"{\"nome\": \"\xff\"}", "não são UTF-8 válido (byte 0xFF)"),
    ];
    for (payload, expected) in cases {
        let shown = String::from_utf8_lossy(payload);
        let report = Pedido::from_json_slice(payload).expect_err(&shown);
        let violation = report.iter().next().expect("one violation");
        assert_eq!(violation.rule(), Rule::Syntax, "{shown}: {report}");
        let message = violation.message();
        assert!(message.contains(expected), "{shown}: {message}");
        let text = message.split_once(": ").map_or("", |(_, t)| t);
        assert!(!text.contains("em inglês"), "{shown}: {message}");
        assert!(!looks_english(text), "{shown}: {message}");
    }
}
