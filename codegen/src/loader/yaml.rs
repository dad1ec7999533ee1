//! YAML text → `serde_yaml::Value`, keeping going past repeated keys, after
//! a pre-scan of the text ([`scan`]).

use serde::de::{self, Deserialize, Deserializer, EnumAccess, MapAccess, SeqAccess, Visitor};
use serde_yaml::value::Tag;
use serde_yaml::{Mapping, Value};
use std::collections::HashMap;
use std::fmt;

use crate::spec::lenient::duplicate_key_marker;

mod scan;

/// A YAML syntax error: the one problem that stops a file's load, since
/// nothing after it can be read reliably. Nesting deeper than [`MAX_DEPTH`]
/// is reported the same way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// 1-based position, when the parser gives one.
    pub position: Option<(usize, usize)>,
    /// The whole message (`YAML syntax error: …`, `YAML nested too deeply: …`).
    pub message: String,
}

/// The deepest nesting of collections a spec may have: the YAML parser's
/// own recursion limit, reported in our words. A page needs about six.
pub const MAX_DEPTH: usize = 128;

/// Parses one YAML document. Repeated mapping keys are not an error here:
/// they are kept under a marker (see
/// [`duplicate_key_marker`]) so the spec reader can report them with their
/// spec path alongside every other problem.
///
/// A linear pre-scan of the text ([`scan`]) runs first. It refuses flow
/// collections (`[…]`, `{…}`) nested deeper than [`MAX_DEPTH`], which the
/// parser takes time quadratic in their depth to refuse (50 s for a 200 KB
/// `[[[…]]]`), and every tag: the parser hands `!x` to serde but resolves
/// `!!binary`, `!!timestamp` or `!!python/object` and drops them, so a
/// spec would silently mean something else than it says. It also gives a
/// line to what the parser reports without one (a second document, aliases
/// expanding too much). A UTF-8 byte order mark is ignored.
pub fn parse(text: &str) -> Result<Value, SyntaxError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let found = scan::scan(text, MAX_DEPTH);
    if let Some(position) = found.too_deep {
        return Err(too_deep(Some(position)));
    }
    if let Some((position, tag)) = &found.tag {
        return Err(tagged(Some(*position), tag));
    }
    deserialize(text).map_err(|error| {
        let position = error.location().map(|at| (at.line(), at.column()));
        let mut message = error.to_string();
        if let Some((line, column)) = position {
            // The position is reported separately; keep the message short.
            message = message.replace(&format!(" at line {line} column {column}"), "");
        }
        if message.ends_with("recursion limit exceeded") {
            return too_deep(position);
        }
        if message.ends_with("more than one document is not supported") {
            return SyntaxError {
                position: position.or(found.second_document),
                message: "YAML: a second document starts here; a spec file is one YAML \
                              document (one page): move it to a file of its own, or remove \
                              the `---` / `...` line"
                    .to_owned(),
            };
        }
        if message.ends_with("repetition limit exceeded") {
            return SyntaxError {
                position: position.or(found.alias),
                message: "YAML aliases expand too much: the aliases (`*name`) of this file, \
                              the first of them here, repeat what they name more than the \
                              parser allows (repetition limit exceeded); write the values out"
                    .to_owned(),
            };
        }
        SyntaxError {
            position,
            message: format!("YAML syntax error: {message}"),
        }
    })
}

/// The parser alone, with no pre-scan.
fn deserialize(text: &str) -> Result<Value, serde_yaml::Error> {
    let deserializer = serde_yaml::Deserializer::from_str(text);
    TolerantValue::deserialize(deserializer).map(|TolerantValue(value)| value)
}

/// The refusal of a tag (`!x`, `!!binary`): a spec is plain YAML.
fn tagged(position: Option<(usize, usize)>, tag: &str) -> SyntaxError {
    SyntaxError {
        position,
        message: format!(
            "YAML tags are not supported (found {tag}); a spec is plain YAML: write the value \
             without its tag"
        ),
    }
}

fn too_deep(position: Option<(usize, usize)>) -> SyntaxError {
    SyntaxError {
        position,
        message: format!(
            "YAML nested too deeply: more than {MAX_DEPTH} levels of lists and mappings \
             inside each other (the limit for a spec file); a page needs only a few"
        ),
    }
}

/// Like `Value`'s own `Deserialize`, but a mapping does not reject a
/// repeated key.
struct TolerantValue(Value);

impl<'de> Deserialize<'de> for TolerantValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(TolerantVisitor)
            .map(TolerantValue)
    }
}

struct TolerantVisitor;

impl<'de> Visitor<'de> for TolerantVisitor {
    type Value = Value;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }

    fn visit_i64<E: de::Error>(self, i: i64) -> Result<Value, E> {
        Ok(Value::Number(i.into()))
    }

    fn visit_u64<E: de::Error>(self, u: u64) -> Result<Value, E> {
        Ok(Value::Number(u.into()))
    }

    fn visit_f64<E: de::Error>(self, f: f64) -> Result<Value, E> {
        Ok(Value::Number(f.into()))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_owned()))
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        TolerantValue::deserialize(deserializer).map(|TolerantValue(value)| value)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(TolerantValue(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Sequence(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut mapping = Mapping::new();
        let mut repeats: HashMap<Value, usize> = HashMap::new();
        while let Some((TolerantValue(key), TolerantValue(value))) = map.next_entry()? {
            if mapping.contains_key(&key) {
                let count = repeats.entry(key.clone()).or_insert(0);
                *count += 1;
                mapping.insert(duplicate_key_marker(key, *count), value);
            } else {
                mapping.insert(key, value);
            }
        }
        Ok(Value::Mapping(mapping))
    }

    /// A tagged node (`!texto Consulta`). Tags mean nothing in a spec and
    /// serde would silently drop them, so they are refused.
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Value, A::Error> {
        let (tag, _): (String, _) = data.variant()?;
        Err(de::Error::custom(format!(
            "YAML tags are not supported (found {})",
            Tag::new(tag)
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::lenient::duplicated_key;

    #[test]
    fn keeps_repeated_keys_under_a_marker() {
        let value = parse("a: 1\nb: 2\na: 3\na: 4\n").expect("parses");
        let mapping = value.as_mapping().expect("a mapping");
        assert_eq!(mapping.len(), 4);
        let repeated: Vec<_> = mapping.keys().filter_map(duplicated_key).collect();
        assert_eq!(repeated, [&Value::from("a"), &Value::from("a")]);
    }

    #[test]
    fn reports_syntax_errors_with_position() {
        let error = parse("a: [1,\n").expect_err("unterminated list");
        assert_eq!(error.position, Some((2, 1)));
        assert!(!error.message.contains("line 2"), "{}", error.message);
    }

    fn check_flow_depth(text: &str) -> Result<(), (usize, usize)> {
        check_flow_depth_within(text, MAX_DEPTH)
    }

    fn check_flow_depth_within(text: &str, limit: usize) -> Result<(), (usize, usize)> {
        scan::scan(text, limit).too_deep.map_or(Ok(()), Err)
    }

    #[test]
    fn refuses_tags() {
        let error = parse("a: b\nc: !x 1\n").expect_err("tags are refused");
        assert_eq!(
            error.message,
            "YAML tags are not supported (found !x); a spec is plain YAML: write the value \
             without its tag"
        );
        assert_eq!(error.position, Some((2, 4)));
    }

    /// Tags the parser resolves and would silently drop are refused too,
    /// wherever the node is.
    #[test]
    fn refuses_every_tag_with_its_position() {
        for (text, tag, position) in [
            ("a: !!binary aGVsbG8=\n", "!!binary", (1, 4)),
            ("a: 1\nb: !!timestamp 2001-12-14\n", "!!timestamp", (2, 4)),
            (
                "a:\n  b: !!python/object:os.system {}\n",
                "!!python/object:os.system",
                (2, 6),
            ),
            ("a: !!str x\n", "!!str", (1, 4)),
            ("!!str a: 1\n", "!!str", (1, 1)),
            ("- !!binary x\n", "!!binary", (1, 3)),
            ("a: [1, !!int 2]\n", "!!int", (1, 8)),
            ("a: {b: !x 2}\n", "!x", (1, 8)),
            (
                "a: !<tag:yaml.org,2002:str> x\n",
                "!<tag:yaml.org,2002:str>",
                (1, 4),
            ),
            ("%TAG !e! tag:e.com,2000:\n---\na: !e!x 1\n", "!e!x", (3, 4)),
            ("a: ! x\n", "!", (1, 4)),
            ("a: &anchor !!str x\n", "!!str", (1, 12)),
        ] {
            let error = parse(text).expect_err(text);
            assert_eq!(error.position, Some(position), "{text}: {error:?}");
            assert!(
                error
                    .message
                    .starts_with(&format!("YAML tags are not supported (found {tag})")),
                "{text}: {error:?}"
            );
        }
    }

    #[test]
    fn an_exclamation_mark_in_text_is_not_a_tag() {
        for text in [
            "a: \"!x\"\n",
            "a: 'b !x'\n",
            "a: x!y\n",
            "a: b !x\n",
            "a: 1 # !x\n",
            "# !x\na: 1\n",
            "a: |\n  !x\nb: 2\n",
            "a: >-\n  !!binary\n",
            "a: [x!, \"!y\"]\n",
            "a: b\n  !x continued\n",
            "\"!k\": 1\n",
        ] {
            assert_eq!(scan::scan(text, MAX_DEPTH).tag, None, "{text}");
            assert!(parse(text).is_ok(), "{text}: {:?}", parse(text));
        }
    }

    #[test]
    fn a_second_document_is_refused_where_it_starts() {
        for (text, position) in [
            ("a: 1\n---\nb: 2\n", (2, 1)),
            ("---\na: 1\n---\nb: 2\n", (3, 1)),
            ("a: 1\n...\nb: 2\n", (3, 1)),
            ("# c\na: 1\n--- b\n", (3, 1)),
        ] {
            let error = parse(text).expect_err(text);
            assert_eq!(error.position, Some(position), "{text}: {error:?}");
            assert!(
                error
                    .message
                    .starts_with("YAML: a second document starts here"),
                "{text}: {error:?}"
            );
        }
        for text in [
            "%YAML 1.2\n---\na: 1\n",
            "# c\n---\na: 1\n...\n",
            "---\na: |\n  ---x\n",
        ] {
            assert!(parse(text).is_ok(), "{text}: {:?}", parse(text));
        }
    }

    #[test]
    fn aliases_that_expand_too_much_are_refused_at_the_first_alias() {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
        let mut previous = 'a';
        for name in 'b'..='s' {
            let alias = format!("*{previous}");
            text.push_str(&format!(
                "{name}: &{name} [{}]\n",
                vec![alias; 9].join(", ")
            ));
            previous = name;
        }
        let error = parse(&text).expect_err("an alias bomb");
        assert_eq!(error.position, Some((2, 8)), "{error:?}");
        assert!(
            error.message.starts_with("YAML aliases expand too much"),
            "{error:?}"
        );
        // A few aliases are fine.
        assert!(parse("a: &x [1, 2]\nb: *x\n").is_ok());
    }

    #[test]
    fn a_byte_order_mark_is_ignored() {
        let value = parse("\u{feff}a: 1\n").expect("parses");
        assert_eq!(value["a"], Value::from(1));
    }

    #[test]
    fn deep_flow_collections_are_refused_before_parsing() {
        let depth = 100_000;
        for (open, close) in [("[", "]"), ("{a: ", "}"), ("{\"a\":", "}")] {
            let text = format!("x:\n  y: {}{}\n", open.repeat(depth), close.repeat(depth));
            let started = std::time::Instant::now();
            let error = parse(&text).expect_err("too deep");
            let elapsed = started.elapsed();
            assert!(
                elapsed < std::time::Duration::from_secs(2),
                "{open}: {elapsed:?}"
            );
            let column = "  y: ".len() + MAX_DEPTH * open.chars().count() + 1;
            assert_eq!(error.position, Some((2, column)), "{open}");
            assert!(
                error
                    .message
                    .starts_with("YAML nested too deeply: more than 128 levels"),
                "{}",
                error.message
            );
        }
    }

    #[test]
    fn the_pre_scan_stops_exactly_past_the_limit() {
        let nested = |depth: usize| format!("x: {}{}\n", "[".repeat(depth), "]".repeat(depth));
        assert_eq!(check_flow_depth(&nested(MAX_DEPTH)), Ok(()));
        assert_eq!(
            check_flow_depth(&nested(MAX_DEPTH + 1)),
            Err((1, 4 + MAX_DEPTH))
        );
        // Inside the limit the parser decides (here: the mapping around the
        // list makes it one level too deep for it), in the same words.
        let error = parse(&nested(MAX_DEPTH)).expect_err("129 levels with the mapping");
        assert!(
            error.message.starts_with("YAML nested too deeply"),
            "{error:?}"
        );
        assert!(parse(&nested(MAX_DEPTH - 2)).is_ok());
    }

    #[test]
    fn block_nesting_past_the_limit_is_reported_in_the_same_words() {
        let text: String = (0..200).map(|i| format!("{}a:\n", " ".repeat(i))).collect();
        let error = parse(&text).expect_err("too deep");
        assert!(
            error.message.starts_with("YAML nested too deeply"),
            "{error:?}"
        );
        assert!(error.position.is_some());
    }

    /// Brackets that are text, not collections: the pre-scan does not count
    /// them, and the parser agrees that the document is fine.
    #[test]
    fn brackets_in_text_are_not_counted() {
        let many = "[".repeat(300);
        let braces = "{".repeat(300);
        let texts = [
            format!("a: 1 # {many}\n# {braces}\n"),
            format!("a: \"{many} \\\" {braces}\"\n"),
            format!("a: '{many} '' {braces}'\n"),
            format!("a: \"multi\n  line {many}\"\nb: 2\n"),
            format!("a: plain {many} text\nb: x{braces}\n"),
            format!("a: |\n  {many}\n\n  {braces}\nb: 2\n"),
            format!("- key: >-\n    {many}\n  other: 1\n- |\n  {many}\n"),
            "a: [it's, x'y, {b: c'd}]\n".to_owned(),
            format!("a: {{b: \"{many}\", c: '{braces}'}} # {many}\n"),
            format!("a: [x, # {many}\n  y]\n"),
            format!("a: [\"k\":v, 'q': {many}w]\n").replace(&many, "z"),
            format!("? {many}x\n: 1\n").replace(&many, "k"),
        ];
        for text in &texts {
            assert_eq!(check_flow_depth(text), Ok(()), "{text}");
            assert!(parse(text).is_ok(), "{text}: {:?}", parse(text));
        }
    }

    /// Text before a deep collection does not hide it from the pre-scan.
    #[test]
    fn deep_collections_after_text_are_counted() {
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        let texts = [
            format!("a: [it's, {deep}]\n"),
            format!("# it's [\nb: {deep}\n"),
            format!("a: |\n  it's \"\nb: {deep}\n"),
            format!("- key: |\n    text '\n  other: {deep}\n"),
            format!("\"k\": {deep}\n"),
            format!("a: {{\"k\":{deep}}}\n"),
            format!("a: 'x''y'\nb: \"\\\"\"\nc: - d\ne: {deep}\n"),
            format!("- - {deep}\n"),
            format!("---\n{deep}\n"),
        ];
        for text in &texts {
            assert!(check_flow_depth(text).is_err(), "{text}");
        }
    }

    /// How deep the parser nests collections in `value`.
    fn depth(value: &Value) -> usize {
        match value {
            Value::Sequence(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
            Value::Mapping(mapping) => {
                1 + mapping
                    .iter()
                    .map(|(k, v)| depth(k).max(depth(v)))
                    .max()
                    .unwrap_or(0)
            }
            Value::Tagged(tagged) => depth(&tagged.value),
            _ => 0,
        }
    }

    /// On random documents the parser accepts, the pre-scan never counts
    /// more flow levels than the parser builds: it cannot refuse a document
    /// the parser would take.
    #[test]
    fn the_pre_scan_never_counts_more_than_the_parser() {
        const PIECES: &[&str] = &[
            "[", "]", "{", "}", ",", ":", ": ", "- ", "? ", "#", " #", "\"", "'", "\\", "|", ">",
            "a", "b c", "it's", " ", "\n", "\n  ", "\n    ", "&x ", "*x", "x: ", "- [",
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut accepted = 0;
        for _ in 0..30_000 {
            let len = 1 + next() % 24;
            let text: String = (0..len)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            let Ok(value) = parse(&text) else { continue };
            accepted += 1;
            let levels = depth(&value);
            assert_eq!(
                check_flow_depth_within(&text, levels),
                Ok(()),
                "{text:?} parses {levels} levels deep"
            );
        }
        assert!(accepted > 1_000, "only {accepted} random documents parsed");
    }

    /// On random documents with `!` in every role (a tag, text, quoted,
    /// commented), the pre-scan sees a tag exactly when the parser does
    /// (the parser hands every local tag to serde, which refuses it): it
    /// never refuses a document the parser would take, and misses none.
    #[test]
    fn the_pre_scan_sees_a_tag_exactly_where_the_parser_does() {
        const PIECES: &[&str] = &[
            "!x ", "!", "a!b", "! ", "[", "]", "{", "}", ",", ":", ": ", "- ", "? ", "#", " #",
            "\"", "'", "|", ">", "a", "b c", " ", "\n", "\n  ", "x: ", "&x ", "*x", "- [",
        ];
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let (mut accepted, mut tagged) = (0, 0);
        for _ in 0..30_000 {
            let len = 1 + next() % 16;
            let text: String = (0..len)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            // Tags the parser resolves itself are invisible to serde.
            if text.contains("!!") || text.contains("!<") {
                continue;
            }
            let seen = scan::scan(&text, MAX_DEPTH).tag;
            match deserialize(&text) {
                Ok(_) => {
                    accepted += 1;
                    assert_eq!(seen, None, "{text:?} parses, yet the scan saw a tag");
                }
                Err(error) if error.to_string().contains("YAML tags are not supported") => {
                    tagged += 1;
                    assert!(
                        seen.is_some(),
                        "{text:?}: the parser saw a tag, the scan none"
                    );
                }
                Err(_) => {}
            }
        }
        assert!(accepted > 1_000, "only {accepted} random documents parsed");
        assert!(tagged > 1_000, "only {tagged} random documents had a tag");
    }
}
