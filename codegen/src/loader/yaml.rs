//! YAML text → `serde_yaml::Value`, keeping going past repeated keys.

use serde::de::{self, Deserialize, Deserializer, EnumAccess, MapAccess, SeqAccess, Visitor};
use serde_yaml::value::Tag;
use serde_yaml::{Mapping, Value};
use std::collections::HashMap;
use std::fmt;

use crate::spec::lenient::duplicate_key_marker;

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
/// Flow collections (`[…]`, `{…}`) nested deeper than [`MAX_DEPTH`] are
/// refused by a linear pre-scan of the text before parsing: the parser
/// takes time quadratic in their depth before its own limit applies (50 s
/// for a 200 KB `[[[…]]]`).
pub fn parse(text: &str) -> Result<Value, SyntaxError> {
    if let Err((line, column)) = check_flow_depth(text) {
        return Err(too_deep(Some((line, column))));
    }
    let deserializer = serde_yaml::Deserializer::from_str(text);
    TolerantValue::deserialize(deserializer)
        .map(|TolerantValue(value)| value)
        .map_err(|error| {
            let position = error.location().map(|at| (at.line(), at.column()));
            let mut message = error.to_string();
            if let Some((line, column)) = position {
                // The position is reported separately; keep the message short.
                message = message.replace(&format!(" at line {line} column {column}"), "");
            }
            if message.ends_with("recursion limit exceeded") {
                return too_deep(position);
            }
            SyntaxError {
                position,
                message: format!("YAML syntax error: {message}"),
            }
        })
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

/// Where a flow collection (`[` or `{`) opens more than [`MAX_DEPTH`]
/// levels deep (1-based line and column), found in one pass over the text.
///
/// Brackets in comments, in quoted, plain and block scalars are not
/// collections and are not counted: the scan follows the parser's rules for
/// where a token starts, and the columns of block collections (which decide
/// where a block scalar or a multi-line plain scalar ends). Where it is
/// unsure it errs towards counting less (it takes more lines as a scalar's
/// text than the parser may): it can let a deep document through to the
/// parser's own, slower limit, but never refuses one the parser accepts
/// (`the_pre_scan_never_counts_more_than_the_parser` checks this on random
/// documents). Nesting in block style costs the parser only linear time and
/// is left to its limit.
fn check_flow_depth(text: &str) -> Result<(), (usize, usize)> {
    check_flow_depth_within(text, MAX_DEPTH)
}

fn check_flow_depth_within(text: &str, limit: usize) -> Result<(), (usize, usize)> {
    let mut scan = Scan {
        limit,
        bytes: text.as_bytes(),
        text,
        pos: 0,
        line: 1,
        line_start: 0,
    };
    scan.document()
}

struct Scan<'t> {
    limit: usize,
    bytes: &'t [u8],
    text: &'t str,
    pos: usize,
    line: usize,
    line_start: usize,
}

/// The block collections open at a point of the text, as the parser keeps
/// them: a key or `-` more indented than the innermost one opens a new one,
/// a line less indented closes those it is left of.
#[derive(Default)]
struct Block {
    /// Their columns, innermost last.
    indents: Vec<isize>,
    /// Inside a block scalar (`|`, `>`): lines indented more than this
    /// column, and blank lines, are its text.
    scalar: Option<isize>,
    /// The last line ended inside a plain scalar, which lines indented more
    /// than the innermost collection continue.
    open_plain: bool,
}

impl Block {
    /// The innermost collection's column, `-1` at the top level.
    fn innermost(&self) -> isize {
        self.indents.last().copied().unwrap_or(-1)
    }

    fn roll(&mut self, column: isize) {
        if column > self.innermost() {
            self.indents.push(column);
        }
    }

    fn unroll(&mut self, column: isize) {
        while self.innermost() > column {
            self.indents.pop();
        }
    }
}

/// Where a scanner is between two nodes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum FlowState {
    /// Where a node may start: after `[`, `{`, `,` or an indicator.
    Start,
    /// Inside a plain scalar (quotes and `#` without a blank are text).
    Plain,
    /// After a quoted scalar or a closed collection.
    AfterNode,
}

impl Scan<'_> {
    fn peek(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.pos + ahead).copied()
    }

    fn bump(&mut self) {
        if self.bytes.get(self.pos) == Some(&b'\n') {
            self.line += 1;
            self.line_start = self.pos + 1;
        }
        self.pos += 1;
    }

    /// The 1-based column of the current position, in characters.
    fn column(&self) -> usize {
        self.text
            .get(self.line_start..self.pos)
            .map_or(self.pos - self.line_start, |s| s.chars().count())
            + 1
    }

    /// Whether the byte `ahead` is a blank, a line break or the end.
    fn blank_at(&self, ahead: usize) -> bool {
        matches!(self.peek(ahead), None | Some(b' ' | b'\t' | b'\r' | b'\n'))
    }

    fn skip_to_line_end(&mut self) {
        while !matches!(self.peek(0), None | Some(b'\n')) {
            self.pos += 1;
        }
    }

    /// After the opening `"`: up to and including the closing one.
    fn skip_double_quoted(&mut self) {
        while let Some(byte) = self.peek(0) {
            match byte {
                b'\\' => {
                    self.bump();
                    if self.peek(0).is_some() {
                        self.bump();
                    }
                }
                b'"' => {
                    self.bump();
                    return;
                }
                _ => self.bump(),
            }
        }
    }

    /// After the opening `'`: up to and including the closing one (`''` is
    /// an escaped quote).
    fn skip_single_quoted(&mut self) {
        while let Some(byte) = self.peek(0) {
            self.bump();
            if byte == b'\'' {
                if self.peek(0) == Some(b'\'') {
                    self.bump();
                } else {
                    return;
                }
            }
        }
    }

    /// Anchors, tags and aliases (`&a`, `!t`, `*a`): the word.
    fn skip_word(&mut self) {
        while !self.blank_at(0) && !matches!(self.peek(0), Some(b',' | b'[' | b']' | b'{' | b'}')) {
            self.pos += 1;
        }
    }

    /// Block context, line by line.
    fn document(&mut self) -> Result<(), (usize, usize)> {
        let mut block = Block::default();
        while self.pos < self.bytes.len() {
            let indent = self.bytes[self.pos..]
                .iter()
                .take_while(|&&b| b == b' ')
                .count();
            let rest = &self.bytes[self.pos + indent..];
            let blank_line = rest
                .iter()
                .take_while(|&&b| b != b'\n')
                .all(|&b| matches!(b, b' ' | b'\t' | b'\r'));
            let marker = indent == 0
                && (rest.starts_with(b"---") || rest.starts_with(b"..."))
                && matches!(rest.get(3), None | Some(b' ' | b'\t' | b'\r' | b'\n'));
            let column = indent as isize;
            let text_of_scalar = match block.scalar {
                _ if marker => false,
                Some(parent) => blank_line || column > parent,
                // The next line of a multi-line plain scalar.
                None if block.open_plain => {
                    blank_line || (rest.first() != Some(&b'#') && column > block.innermost())
                }
                None => blank_line,
            };
            if text_of_scalar {
                self.skip_to_line_end();
                self.bump();
                continue;
            }
            block.scalar = None;
            block.open_plain = false;
            self.pos += indent;
            if marker {
                self.pos += 3;
                block.indents.clear();
            } else {
                block.unroll(column);
            }
            self.block_line(&mut block)?;
        }
        Ok(())
    }

    /// The rest of one line in block context, from its first non-space
    /// (a flow collection opened on it may end lines later). Returns after
    /// the line break.
    fn block_line(&mut self, block: &mut Block) -> Result<(), (usize, usize)> {
        let mut state = FlowState::Start;
        let mut after_blank = true;
        let mut node = (self.pos - self.line_start) as isize;
        while let Some(byte) = self.peek(0) {
            let column = (self.pos - self.line_start) as isize;
            match byte {
                b'\n' => break,
                b' ' | b'\t' | b'\r' => {
                    self.bump();
                    after_blank = true;
                    continue;
                }
                // Between tokens the parser takes `#` as a comment even
                // without a blank before it.
                b'#' if after_blank || state != FlowState::Plain => self.skip_to_line_end(),
                b'-' | b'?' if state == FlowState::Start && self.blank_at(1) => {
                    block.roll(column);
                    self.bump();
                }
                // A value indicator: what came before it on the line is its key.
                b':' if self.blank_at(1) => {
                    block.roll(if state == FlowState::Start {
                        column
                    } else {
                        node
                    });
                    self.bump();
                    state = FlowState::Start;
                }
                _ if state == FlowState::Start => {
                    node = column;
                    match byte {
                        b'[' | b'{' => {
                            self.flow()?;
                            state = FlowState::AfterNode;
                        }
                        b'"' => {
                            self.bump();
                            self.skip_double_quoted();
                            state = FlowState::AfterNode;
                        }
                        b'\'' => {
                            self.bump();
                            self.skip_single_quoted();
                            state = FlowState::AfterNode;
                        }
                        b'|' | b'>' => {
                            block.scalar = Some(block.innermost());
                            self.skip_to_line_end();
                        }
                        b'&' | b'!' | b'*' => self.skip_word(),
                        _ => {
                            self.bump();
                            state = FlowState::Plain;
                        }
                    }
                }
                _ => self.bump(),
            }
            after_blank = false;
        }
        block.open_plain = state == FlowState::Plain;
        if self.peek(0).is_some() {
            self.bump();
        }
        Ok(())
    }

    /// From an opening `[` or `{` in block context to the bracket that closes
    /// it (or the end of the text).
    fn flow(&mut self) -> Result<(), (usize, usize)> {
        let mut depth = 0usize;
        let mut state = FlowState::Start;
        let mut after_blank = false;
        while let Some(byte) = self.peek(0) {
            let blank = matches!(byte, b' ' | b'\t' | b'\r' | b'\n');
            match byte {
                _ if blank => self.bump(),
                b'#' if after_blank || state != FlowState::Plain => self.skip_to_line_end(),
                b'[' | b'{' => {
                    depth += 1;
                    if depth > self.limit {
                        return Err((self.line, self.column()));
                    }
                    self.bump();
                    state = FlowState::Start;
                }
                b']' | b'}' => {
                    self.bump();
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return Ok(());
                    }
                    state = FlowState::AfterNode;
                }
                b',' => {
                    self.bump();
                    state = FlowState::Start;
                }
                b':' if state == FlowState::AfterNode
                    || self.blank_at(1)
                    || matches!(self.peek(1), Some(b',' | b'[' | b']' | b'{' | b'}')) =>
                {
                    self.bump();
                    state = FlowState::Start;
                }
                b'"' if state == FlowState::Start => {
                    self.bump();
                    self.skip_double_quoted();
                    state = FlowState::AfterNode;
                }
                b'\'' if state == FlowState::Start => {
                    self.bump();
                    self.skip_single_quoted();
                    state = FlowState::AfterNode;
                }
                b'-' | b'?' if state == FlowState::Start && self.blank_at(1) => self.bump(),
                b'&' | b'!' | b'*' if state == FlowState::Start => self.skip_word(),
                _ => {
                    self.bump();
                    if state == FlowState::Start {
                        state = FlowState::Plain;
                    }
                }
            }
            after_blank = blank;
        }
        Ok(())
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

    #[test]
    fn refuses_tags() {
        let error = parse("a: b\nc: !x 1\n").expect_err("tags are refused");
        assert_eq!(
            error.message,
            "YAML syntax error: c: YAML tags are not supported (found !x)"
        );
        assert_eq!(error.position, Some((2, 4)));
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
}
