//! Reads a page as Confluence renders or exports it: headings, paragraphs,
//! lists, `confluenceTable` tables (`th`/`td`, `colspan`/`rowspan`), code
//! macros (`div.code` with an optional `codeHeader` caption and a `pre`).
//!
//! The HTML is parsed by `scraper` (html5ever, as a browser would), then
//! walked in document order. html5ever keeps no source positions, so each
//! block's line is found by looking its first words up in the source,
//! moving forward only: good enough to point a reader at the right place.

use scraper::{ElementRef, Html, Node};

use super::page::{clean, Block, BlockKind, Cell, Located, Page, Row, Table};
use super::vocabulary as words;

/// Reads the HTML of a page.
pub fn read(source: &str) -> Page {
    let flattened = flatten_deep_nesting(source, MAX_DEPTH);
    let document = Html::parse_document(&flattened);
    let mut reader = Reader {
        lines: LineFinder::new(source),
        page: Page::default(),
    };
    let root = document.root_element();
    // Confluence's title (`#title-text`) or the document's.
    reader.page.title = find_title(root).map(|text| Located {
        line: reader.lines.find(&text),
        text,
    });
    reader.lines.cursor = 0;
    let content = find_content(root).unwrap_or(root);
    reader.walk(content, 0);
    reader.page
}

/// How deep elements may nest before [`flatten_deep_nesting`] drops the
/// deeper tags (the walk reads no deeper either).
const MAX_DEPTH: usize = 200;

/// The source with the tags that open elements deeper than `limit` (and
/// their end tags) left out, their text kept; the source itself when
/// nothing nests that deep, as on every real page. The HTML parser looks
/// through all open elements at each tag, so a page nesting thousands of
/// elements deep would take time that grows with the square of its size.
/// This reads tags roughly (quotes, comments and raw-text elements are
/// respected, implied end tags only between siblings of one name), which
/// is enough to bound the depth; newlines inside a dropped tag are kept,
/// so the lines found for blocks stay right.
fn flatten_deep_nesting(source: &str, limit: usize) -> std::borrow::Cow<'_, str> {
    const VOID: [&str; 14] = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr",
    ];
    const RAW: [&str; 5] = ["script", "style", "textarea", "title", "xmp"];
    const SIBLING_CLOSED: [&str; 9] = ["p", "li", "dt", "dd", "tr", "td", "th", "option", "dl"];
    let bytes = source.as_bytes();
    let mut out = String::new();
    let mut copied = 0;
    let mut dropped_any = false;
    // Open elements: name and whether its tag was kept.
    let mut stack: Vec<(String, bool)> = Vec::new();
    let mut i = 0;
    while let Some(offset) = source[i..].find('<') {
        let start = i + offset;
        let rest = &source[start..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(source.len(), |end| start + end + 3);
            continue;
        }
        let closing = rest.starts_with("</");
        let name_start = start + if closing { 2 } else { 1 };
        let name_len = source[name_start..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':'))
            .unwrap_or(source.len() - name_start);
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            i = start + 1;
            continue;
        }
        let name = source[name_start..name_start + name_len].to_ascii_lowercase();
        // The tag's end: the first `>` outside quotes.
        let mut end = name_start + name_len;
        let mut quote: Option<u8> = None;
        while end < bytes.len() {
            match (quote, bytes[end]) {
                (None, b'"' | b'\'') => quote = Some(bytes[end]),
                (Some(q), b) if b == q => quote = None,
                (None, b'>') => break,
                _ => {}
            }
            end += 1;
        }
        let end = (end + 1).min(source.len());
        let self_closing = source[..end].ends_with("/>");
        let mut keep = true;
        if closing {
            if stack.last().is_some_and(|(open, _)| *open == name) {
                keep = stack.pop().is_some_and(|(_, kept)| kept);
            }
        } else if RAW.contains(&name.as_str()) {
            // Raw text: nothing inside is a tag.
            let close = format!("</{name}");
            let after = bytes[end..]
                .windows(close.len())
                .position(|w| w.eq_ignore_ascii_case(close.as_bytes()))
                .map_or(source.len(), |at| end + at);
            i = after;
            continue;
        } else if !VOID.contains(&name.as_str()) && !self_closing {
            if SIBLING_CLOSED.contains(&name.as_str())
                && stack.last().is_some_and(|(open, _)| *open == name)
            {
                stack.pop();
            }
            keep = stack.len() < limit;
            stack.push((name, keep));
        }
        if !keep {
            dropped_any = true;
            out.push_str(&source[copied..start]);
            out.extend(source[start..end].chars().filter(|&c| c == '\n'));
            copied = end;
        }
        i = end;
    }
    if !dropped_any {
        return std::borrow::Cow::Borrowed(source);
    }
    out.push_str(&source[copied..]);
    std::borrow::Cow::Owned(out)
}

struct Reader<'s> {
    lines: LineFinder<'s>,
    page: Page,
}

/// Elements whose content is the wiki's chrome, not the page's.
fn is_chrome(element: &ElementRef) -> bool {
    let value = element.value();
    if matches!(
        value.name(),
        "script" | "style" | "head" | "nav" | "header" | "footer" | "noscript" | "template"
    ) {
        return true;
    }
    value.classes().any(|class| {
        matches!(
            class,
            "page-metadata"
                | "page-metadata-banner"
                | "assistive"
                | "breadcrumbs"
                | "aui-nav"
                | "labels-section"
                | "toc-macro"
                | "page-metadata-modification-info"
        )
    }) || value.id() == Some("title-heading")
}

fn find_title(root: ElementRef) -> Option<String> {
    let by_id = root
        .descendants()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().id() == Some("title-text"));
    let by_tag = || {
        root.descendants()
            .filter_map(ElementRef::wrap)
            .find(|e| e.value().name() == "title")
    };
    // A heading of the page that the document title starts with ("Método
    // de resumo - Integrações" is the page "Método de resumo" of the space
    // "Integrações").
    let heading_prefix = |title: &str| {
        root.descendants()
            .filter_map(ElementRef::wrap)
            .filter(|e| e.value().name() == "h1")
            .map(|e| clean(&e.text().collect::<String>()))
            .find(|h| !h.is_empty() && title.starts_with(&format!("{h} - ")))
    };
    let text = match by_id {
        Some(title) => clean(&title.text().collect::<String>()),
        None if by_tag()
            .is_some_and(|t| heading_prefix(&clean(&t.text().collect::<String>())).is_some()) =>
        {
            let title = clean(&by_tag()?.text().collect::<String>());
            heading_prefix(&title)?
        }
        // The document title is "Page - Space - Confluence".
        None => {
            let text = clean(&by_tag()?.text().collect::<String>());
            match text.strip_suffix(" - Confluence") {
                Some(rest) => rest
                    .rsplit_once(" - ")
                    .map_or(rest, |(page, _)| page)
                    .to_owned(),
                None => text,
            }
        }
    };
    (!text.is_empty()).then_some(text)
}

/// `#main-content` or `.wiki-content`: where Confluence puts the page.
fn find_content(root: ElementRef) -> Option<ElementRef> {
    root.descendants().filter_map(ElementRef::wrap).find(|e| {
        e.value().id() == Some("main-content") || e.value().classes().any(|c| c == "wiki-content")
    })
}

impl Reader<'_> {
    fn push(&mut self, kind: BlockKind, probe: &str) {
        let line = self.lines.find(probe);
        self.page.blocks.push(Block { line, kind });
    }

    fn walk(&mut self, element: ElementRef, depth: usize) {
        // html5ever already bounds nesting; this keeps the walk's own stack
        // small on hostile input.
        if depth > 200 || is_chrome(&element) {
            return;
        }
        let name = element.value().name();
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let text = inline_text(element);
                if !text.is_empty() {
                    if words::is_navigation(&text) {
                        self.noise(text);
                    } else {
                        let probe = text.clone();
                        self.push(BlockKind::Heading(text), &probe);
                    }
                }
            }
            "p" => self.paragraph(element),
            "li" => {
                let text = inline_text_without_lists(element);
                if !text.is_empty() {
                    let probe = text.clone();
                    self.push(BlockKind::Bullet(text), &probe);
                }
                for child in element.children().filter_map(ElementRef::wrap) {
                    if matches!(child.value().name(), "ul" | "ol") {
                        self.walk(child, depth + 1);
                    }
                }
            }
            "table" => self.table(element),
            "pre" => {
                let text = code_text(element);
                let probe = text.clone();
                self.push(BlockKind::Code { title: None, text }, &probe);
            }
            _ if is_code_macro(&element) => self.code_macro(element),
            _ => {
                for child in element.children() {
                    match child.value() {
                        Node::Element(_) => {
                            if let Some(child) = ElementRef::wrap(child) {
                                self.walk(child, depth + 1);
                            }
                        }
                        // Text directly inside a container (no `p`): still
                        // page text.
                        Node::Text(text) => {
                            let text = clean(text);
                            if !text.is_empty() {
                                self.prose(text);
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
    }

    fn noise(&mut self, text: String) {
        let line = self.lines.find(&text);
        self.page.noise.push(Located { line, text });
    }

    fn prose(&mut self, text: String) {
        if words::is_navigation(&text) {
            self.noise(text);
            return;
        }
        let probe = text.clone();
        match text.strip_prefix('•') {
            Some(rest) => self.push(BlockKind::Bullet(clean(rest)), &probe),
            None => self.push(BlockKind::Paragraph(text), &probe),
        }
    }

    fn paragraph(&mut self, element: ElementRef) {
        let text = inline_text(element);
        if !text.is_empty() {
            self.prose(text);
        }
    }

    fn code_macro(&mut self, element: ElementRef) {
        let title = element
            .descendants()
            .filter_map(ElementRef::wrap)
            .find(|e| e.value().classes().any(|c| c == "codeHeader"))
            .map(inline_text)
            .filter(|t| !t.is_empty());
        let text = element
            .descendants()
            .filter_map(ElementRef::wrap)
            .find(|e| e.value().name() == "pre")
            .map(code_text)
            .unwrap_or_default();
        let probe = title.clone().unwrap_or_else(|| text.clone());
        self.push(BlockKind::Code { title, text }, &probe);
    }

    fn table(&mut self, element: ElementRef) {
        let grid = grid(element);
        let line = self.lines.find(
            grid.first()
                .and_then(|r| r.cells.first())
                .map_or("<table", |c| c.text.as_str()),
        );
        let mut table = Table::default();
        let mut rows = grid.into_iter().peekable();
        // Header rows: all `th`, or the first row. A row of one cell
        // spanning the table is its caption.
        let width = rows.peek().map_or(0, |r| r.cells.len());
        let mut header_rows: Vec<GridRow> = Vec::new();
        while let Some(row) = rows.peek() {
            let all_th = !row.cells.is_empty() && row.cells.iter().all(|c| c.header);
            let is_first = header_rows.is_empty() && table.caption.is_none();
            if !(all_th
                || (is_first
                    && row
                        .cells
                        .iter()
                        .all(|c| words::known_column(&c.text).is_some() || c.text.is_empty())))
            {
                break;
            }
            let Some(row) = rows.next() else { break };
            let distinct: Vec<&str> = {
                let mut seen: Vec<&str> = Vec::new();
                for cell in &row.cells {
                    if !seen.contains(&cell.text.as_str()) {
                        seen.push(&cell.text);
                    }
                }
                seen
            };
            if width > 1 && distinct.len() == 1 && words::known_column(distinct[0]).is_none() {
                table.caption = Some(distinct[0].to_owned());
            } else {
                header_rows.push(row);
            }
        }
        // Each column's label: the lowest header row's text for it
        // (a `colspan` group above names the columns below it).
        let columns = header_rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
        table.header = (0..columns)
            .map(|k| {
                header_rows
                    .iter()
                    .rev()
                    .filter_map(|r| r.cells.get(k))
                    .map(|c| c.text.clone())
                    .find(|t| !t.is_empty())
                    .unwrap_or_default()
            })
            .collect();
        let mut cursor_line = line;
        for row in rows {
            let first = row
                .cells
                .iter()
                .find(|c| !c.text.is_empty())
                .map_or("", |c| c.text.as_str());
            let row_line = if first.is_empty() {
                cursor_line
            } else {
                self.lines.find(first)
            };
            cursor_line = row_line;
            let cells = row
                .cells
                .into_iter()
                .map(|c| {
                    if c.text.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(c.text)
                    }
                })
                .collect();
            table.rows.push(Row {
                line: row_line,
                cells,
            });
        }
        self.page.blocks.push(Block {
            line,
            kind: BlockKind::Table(table),
        });
    }
}

fn is_code_macro(element: &ElementRef) -> bool {
    let value = element.value();
    value.attr("data-macro-name") == Some("code")
        || (value.name() == "div" && value.classes().any(|c| c == "code" || c == "codeContent"))
}

/// A `pre`'s text, verbatim, ending with one line break.
fn code_text(element: ElementRef) -> String {
    let mut text: String = element.text().collect();
    let trimmed = text.trim_end_matches(['\n', ' ']).len();
    text.truncate(trimmed);
    text.push('\n');
    text
}

/// The text of an element as a reader sees it: whitespace collapsed,
/// `br` and block children as line breaks.
fn inline_text(element: ElementRef) -> String {
    let mut out = String::new();
    collect_inline(element, &mut out, false, 0);
    clean(&out)
}

fn inline_text_without_lists(element: ElementRef) -> String {
    let mut out = String::new();
    collect_inline(element, &mut out, true, 0);
    clean(&out)
}

fn collect_inline(element: ElementRef, out: &mut String, skip_lists: bool, depth: usize) {
    if depth > 200 {
        return;
    }
    for child in element.children() {
        match child.value() {
            Node::Text(text) => {
                for c in text.chars() {
                    out.push(if c == '\n' || c == '\t' || c == '\r' {
                        ' '
                    } else {
                        c
                    });
                }
            }
            Node::Element(e) => {
                let Some(child) = ElementRef::wrap(child) else {
                    continue;
                };
                match e.name() {
                    "br" => out.push('\n'),
                    "ul" | "ol" if skip_lists => {}
                    "p" | "div" | "li" | "ul" | "ol" => {
                        if !out.is_empty() && !out.ends_with('\n') {
                            out.push('\n');
                        }
                        collect_inline(child, out, skip_lists, depth + 1);
                        out.push('\n');
                    }
                    "script" | "style" => {}
                    _ => collect_inline(child, out, skip_lists, depth + 1),
                }
            }
            _ => {}
        }
    }
}

struct GridCell {
    text: String,
    header: bool,
}

struct GridRow {
    cells: Vec<GridCell>,
}

/// The table's rows with `colspan` and `rowspan` expanded: a spanning
/// cell's text stands in every grid slot it covers.
fn grid(table: ElementRef) -> Vec<GridRow> {
    // Rows of this table only, not of a table nested in a cell.
    let mut trs = Vec::new();
    collect_rows(table, &mut trs, 0);
    let mut rows: Vec<Vec<Option<GridCell>>> = Vec::new();
    // Slots still covered by a rowspan from above: (column, rows left, text, header).
    let mut pending: Vec<(usize, usize, String, bool)> = Vec::new();
    for tr in trs {
        let mut row: Vec<Option<GridCell>> = Vec::new();
        let place_pending =
            |row: &mut Vec<Option<GridCell>>, pending: &mut Vec<(usize, usize, String, bool)>| {
                for slot in pending.iter_mut() {
                    if slot.1 > 0 {
                        while row.len() <= slot.0 {
                            row.push(None);
                        }
                        if row[slot.0].is_none() {
                            row[slot.0] = Some(GridCell {
                                text: slot.2.clone(),
                                header: slot.3,
                            });
                        }
                        slot.1 -= 1;
                    }
                }
                pending.retain(|slot| slot.1 > 0);
            };
        place_pending(&mut row, &mut pending);
        let mut column = 0;
        for cell in tr.children().filter_map(ElementRef::wrap) {
            let name = cell.value().name();
            if name != "td" && name != "th" {
                continue;
            }
            while row.get(column).is_some_and(Option::is_some) {
                column += 1;
            }
            let span = |attr: &str| {
                cell.value()
                    .attr(attr)
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, 64)
            };
            let (colspan, rowspan) = (span("colspan"), span("rowspan"));
            let text = inline_text(cell);
            let header = name == "th";
            for k in 0..colspan {
                while row.len() <= column + k {
                    row.push(None);
                }
                row[column + k] = Some(GridCell {
                    text: text.clone(),
                    header,
                });
                if rowspan > 1 {
                    pending.push((column + k, rowspan - 1, text.clone(), header));
                }
            }
            column += colspan;
        }
        rows.push(row);
    }
    rows.into_iter()
        .map(|row| GridRow {
            cells: row
                .into_iter()
                .map(|c| {
                    c.unwrap_or(GridCell {
                        text: String::new(),
                        header: false,
                    })
                })
                .collect(),
        })
        .filter(|row| !row.cells.is_empty())
        .collect()
}

fn collect_rows<'a>(element: ElementRef<'a>, out: &mut Vec<ElementRef<'a>>, depth: usize) {
    if depth > 4 {
        return;
    }
    for child in element.children().filter_map(ElementRef::wrap) {
        match child.value().name() {
            "tr" => out.push(child),
            "thead" | "tbody" | "tfoot" => collect_rows(child, out, depth + 1),
            _ => {}
        }
    }
}

/// Finds the source line of a text, searching forward from the last one
/// found so lines only grow.
struct LineFinder<'s> {
    source: &'s str,
    cursor: usize,
    /// Newlines before `counted`, so each lookup counts only what it skips.
    line: usize,
    counted: usize,
}

impl<'s> LineFinder<'s> {
    fn new(source: &'s str) -> Self {
        LineFinder {
            source,
            cursor: 0,
            line: 1,
            counted: 0,
        }
    }

    /// The line of `text`'s first plain words (before any character HTML
    /// may have escaped), or of the cursor when they are not found.
    fn find(&mut self, text: &str) -> usize {
        let probe: String = text
            .trim()
            .chars()
            .take_while(|c| !matches!(c, '"' | '&' | '<' | '>' | '\'' | '\n' | '\u{a0}'))
            .take(24)
            .collect();
        let probe = probe.trim();
        if !probe.is_empty() {
            if let Some(found) = self
                .source
                .get(self.cursor..)
                .and_then(|rest| rest.find(probe))
            {
                self.cursor += found;
            }
        }
        if self.cursor < self.counted {
            self.line = 1;
            self.counted = 0;
        }
        self.line += self.source[self.counted..self.cursor].matches('\n').count();
        self.counted = self.cursor;
        self.line
    }
}
