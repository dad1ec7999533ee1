//! The page model: what a documentation page holds once its format (browser
//! text or Confluence HTML) is read, before anything is recognised in it.
//!
//! Both readers produce this, so recognition never sees text lines or HTML
//! elements. Every block keeps the page line it came from, so each guess
//! made later can say where to look.

/// One page, as a sequence of blocks in page order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// The page title, when the input marks it (HTML's title element or
    /// Confluence's `#title-text`); text input leaves it to recognition.
    pub title: Option<Located>,
    pub blocks: Vec<Block>,
    /// Lines recognised as the wiki's navigation (not page content), kept
    /// so the draft can say what it left out.
    pub noise: Vec<Located>,
}

/// A text with the 1-based page line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub line: usize,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub line: usize,
    pub kind: BlockKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum BlockKind {
    /// A heading the input marks as one (HTML `h1`–`h6`).
    Heading(String),
    /// A paragraph; in text input headings are paragraphs too, and
    /// recognition tells them apart by their shape.
    Paragraph(String),
    /// A list item (`•` in text input, `li` in HTML).
    Bullet(String),
    Table(Table),
    /// A code block or a JSON example, verbatim, with the caption the
    /// input attaches to it (a Confluence code macro's title).
    Code {
        title: Option<String>,
        text: String,
    },
}

impl BlockKind {
    /// The text of a heading, paragraph or bullet.
    pub fn prose(&self) -> Option<&str> {
        match self {
            BlockKind::Heading(text) | BlockKind::Paragraph(text) | BlockKind::Bullet(text) => {
                Some(text)
            }
            BlockKind::Table(_) | BlockKind::Code { .. } => None,
        }
    }
}

/// A table: its header cells and its rows, each cell aligned to a header
/// column.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Row>,
    /// A caption row spanning the whole table (HTML), if any.
    pub caption: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub line: usize,
    /// One cell per header column (more when the row has cells beyond the
    /// header, which recognition reports).
    pub cells: Vec<Cell>,
}

impl Row {
    pub fn cell(&self, column: usize) -> &Cell {
        self.cells.get(column).unwrap_or(&Cell::Missing)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    /// The page shows the cell, empty (a blank or non-breaking-space line,
    /// an empty `td`).
    Empty,
    /// The page has no such cell: the reader inferred that it is absent.
    Missing,
}

impl Cell {
    pub fn text(&self) -> Option<&str> {
        match self {
            Cell::Text(text) => Some(text),
            Cell::Empty | Cell::Missing => None,
        }
    }
}

/// Layout whitespace dropped, as the transcription rules ask: a
/// non-breaking space is a space, runs of spaces are one, and the ends are
/// trimmed. Line breaks inside the text are kept.
pub fn clean(text: &str) -> String {
    let lines: Vec<String> = text
        .split('\n')
        .map(|line| {
            let mut out = String::with_capacity(line.len());
            let mut space = false;
            for c in line.chars() {
                if c.is_whitespace() || c == '\u{a0}' || c == '\u{200b}' || c == '\u{feff}' {
                    space = true;
                } else {
                    if space && !out.is_empty() {
                        out.push(' ');
                    }
                    space = false;
                    out.push(c);
                }
            }
            out
        })
        .collect();
    let mut joined = lines.join("\n");
    while joined.contains("\n\n\n") {
        joined = joined.replace("\n\n\n", "\n\n");
    }
    joined.trim_matches('\n').to_owned()
}
