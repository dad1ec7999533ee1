//! One linear pass over a spec's text before the YAML parser sees it: what
//! the parser would take too long to refuse (flow collections nested too
//! deeply), what it would silently accept (tags such as `!!binary`, which it
//! resolves and drops), and where things it reports without a position are
//! (the second document of a file, the first alias).
//!
//! Brackets and `!` in comments, in quoted, plain and block scalars are not
//! collections or tags: the scan follows the parser's rules for where a
//! token starts, and the columns of block collections (which decide where a
//! block scalar or a multi-line plain scalar ends). Where it is unsure it
//! errs towards seeing less (it takes more lines as a scalar's text than the
//! parser may): it can let a deep document through to the parser's own,
//! slower limit, or miss a tag, but never refuses a document the parser
//! accepts (`the_pre_scan_never_counts_more_than_the_parser` and
//! `the_pre_scan_sees_a_tag_exactly_where_the_parser_does` check this on
//! random documents). Nesting in block style costs the parser only linear
//! time and is left to its limit.

/// A 1-based line and column (in characters).
pub type Position = (usize, usize);

/// What the scan found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    /// Where a flow collection (`[` or `{`) opens more than the limit deep;
    /// the scan stops there, so the other fields only cover the text before.
    pub too_deep: Option<Position>,
    /// The first tag at the start of a node (`!x`, `!!binary`, `!<uri>`),
    /// with its text.
    pub tag: Option<(Position, String)>,
    /// The first alias (`*name`).
    pub alias: Option<Position>,
    /// Where a second document starts (its `---`, or its first line after a
    /// `...`).
    pub second_document: Option<Position>,
}

/// Scans `text`, refusing flow collections nested more than `limit` deep.
pub fn scan(text: &str, limit: usize) -> Found {
    let mut scan = Scan {
        limit,
        bytes: text.as_bytes(),
        text,
        pos: 0,
        line: 1,
        line_start: 0,
        found: Found::default(),
        documents: 0,
        in_document: false,
    };
    if let Err(at) = scan.document() {
        scan.found.too_deep = Some(at);
    }
    scan.found
}

struct Scan<'t> {
    limit: usize,
    bytes: &'t [u8],
    text: &'t str,
    pos: usize,
    line: usize,
    line_start: usize,
    found: Found,
    /// Documents started so far.
    documents: usize,
    /// Inside a document (after its `---` or its first content, before a `...`).
    in_document: bool,
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

    /// Anchors, tags and aliases (`&a`, `!t`, `*a`): the word. The first
    /// tag and the first alias are noted.
    fn skip_word(&mut self) {
        let (start, at) = (self.pos, (self.line, self.column()));
        while !self.blank_at(0) && !matches!(self.peek(0), Some(b',' | b'[' | b']' | b'{' | b'}')) {
            self.pos += 1;
        }
        match self.bytes[start] {
            b'!' if self.found.tag.is_none() => {
                let rest = &self.text[start..];
                // A verbatim tag (`!<tag:yaml.org,2002:str>`) may hold a comma.
                let word = match rest.strip_prefix("!<").and_then(|r| r.find('>')) {
                    Some(end) if !rest[..end + 2].contains('\n') => &rest[..end + 3],
                    _ => &self.text[start..self.pos],
                };
                self.found.tag = Some((at, word.to_owned()));
            }
            b'*' if self.found.alias.is_none() => self.found.alias = Some(at),
            _ => {}
        }
    }

    /// Counts documents: a `---` starts one, and so does the first content
    /// of the file or after a `...` (which ends one). Directives (`%YAML`)
    /// and comments are not content.
    fn note_document(&mut self, rest: &[u8], indent: usize, marker: bool) {
        let starts = if marker {
            let explicit_start = rest.starts_with(b"---");
            self.in_document = explicit_start;
            explicit_start
        } else {
            let content = rest.first() != Some(&b'#')
                && !(indent == 0 && rest.first() == Some(&b'%') && !self.in_document);
            let starts = content && !self.in_document;
            self.in_document |= content;
            starts
        };
        if starts {
            self.documents += 1;
            if self.documents == 2 {
                self.found.second_document = Some((self.line, indent + 1));
            }
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
            self.note_document(rest, indent, marker);
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
        // Where the anchor or tag of the node about to start is: the node
        // (a key, whose column is the mapping's) starts there.
        let mut properties: Option<isize> = None;
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
                    properties = None;
                }
                // A value indicator: what came before it on the line is its key.
                b':' if self.blank_at(1) => {
                    block.roll(match (state, properties.take()) {
                        (FlowState::Start, Some(start)) => start,
                        (FlowState::Start, None) => column,
                        _ => node,
                    });
                    self.bump();
                    state = FlowState::Start;
                }
                b'&' | b'!' if state == FlowState::Start => {
                    properties.get_or_insert(column);
                    self.skip_word();
                }
                _ if state == FlowState::Start => {
                    node = properties.take().unwrap_or(column);
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
                        b'*' => self.skip_word(),
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
                // In flow context the parser (libyaml) takes a `:` where a
                // token starts as a value indicator, whatever follows.
                b':' if state != FlowState::Plain
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
