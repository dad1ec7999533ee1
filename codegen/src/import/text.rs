//! Reads a page copied from the browser as text: every table cell on its
//! own paragraph, header rows sometimes printed twice, empty cells as a
//! blank or non-breaking-space line or missing altogether, JSON examples
//! over several lines.
//!
//! Two steps: lines → items (paragraphs, empty-cell markers, code), then
//! items → blocks, where runs of header labels open tables and the cells
//! after them are cut into rows. Attribute rows are cut at their criterion
//! cell (`M`, `C`, `OP`), which every row has and no other cell is, so a
//! missing cell shifts nothing else.

use super::page::{clean, Block, BlockKind, Cell, Located, Page, Row, Table};
use super::vocabulary::{self as words, Column};

/// One paragraph of the copied text.
#[derive(Debug, Clone, PartialEq)]
enum Item {
    Text(String),
    /// A line with nothing but (non-breaking) spaces: an empty cell or
    /// paragraph.
    Empty,
    Code(String),
}

#[derive(Debug, Clone)]
struct Line {
    line: usize,
    item: Item,
}

/// Reads the copied text of a page.
pub fn read(text: &str) -> Page {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let items = items(text);
    let mut page = Page::default();
    let mut rest: Vec<Line> = Vec::new();
    // Confluence's breadcrumbs, one item a line: "Páginas", "/", a space,
    // "/", a parent page; the items on either side of a "/" are the path.
    let separator = |item: &Item| matches!(item, Item::Text(t) if t.trim() == "/");
    let breadcrumb: Vec<bool> = (0..items.len())
        .map(|k| {
            separator(&items[k].item)
                || items.get(k + 1).is_some_and(|next| separator(&next.item))
                || k.checked_sub(1)
                    .is_some_and(|prev| separator(&items[prev].item))
        })
        .collect();
    for (k, line) in items.into_iter().enumerate() {
        match &line.item {
            Item::Text(t) if breadcrumb[k] => page.noise.push(Located {
                line: line.line,
                text: t.clone(),
            }),
            Item::Text(t) if words::is_navigation(t.trim_start_matches(['•', '·', ' '])) => {
                page.noise.push(Located {
                    line: line.line,
                    text: t.clone(),
                })
            }
            _ => rest.push(line),
        }
    }
    page.blocks = blocks(&rest);
    page
}

/// Lines → items. A text where (almost) every paragraph is followed by a
/// blank line is double-spaced: blank lines there only separate, and an
/// extra one is an empty paragraph.
fn items(text: &str) -> Vec<Line> {
    let lines: Vec<&str> = text.split('\n').map(|l| l.trim_end_matches('\r')).collect();
    let is_blank = |l: &str| l.trim().is_empty() && !l.contains('\u{a0}');
    let is_nbsp = |l: &str| l.contains('\u{a0}') && l.chars().all(|c| c.is_whitespace());
    // Lines of a JSON example are never spaced out; only prose counts.
    let is_prose = |l: &str| {
        !is_blank(l)
            && !l.starts_with(char::is_whitespace)
            && !l.starts_with(['{', '}', '[', ']', '"'])
    };
    let content = lines.iter().filter(|l| is_prose(l)).count();
    let followed_by_blank = lines
        .windows(2)
        .filter(|w| is_prose(w[0]) && is_blank(w[1]))
        .count();
    let double_spaced = content > 2 && followed_by_blank * 10 >= content * 8;

    let mut out = Vec::new();
    let mut i = 0;
    let mut blank_run = 0usize;
    while i < lines.len() {
        let raw = lines[i];
        if is_blank(raw) {
            blank_run += 1;
            i += 1;
            continue;
        }
        // An empty paragraph in double-spaced text is a second blank line.
        if double_spaced && blank_run >= 2 {
            for _ in 0..(blank_run - 1) {
                out.push(Line {
                    line: i,
                    item: Item::Empty,
                });
            }
        } else if !double_spaced {
            for _ in 0..blank_run {
                out.push(Line {
                    line: i,
                    item: Item::Empty,
                });
            }
        }
        blank_run = 0;
        let number = i + 1;
        if is_nbsp(raw) {
            out.push(Line {
                line: number,
                item: Item::Empty,
            });
            i += 1;
            continue;
        }
        let trimmed = raw.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{a0}');
        if trimmed.starts_with('{') || trimmed.starts_with('[') {
            let (code, next) = code_block(&lines, i, double_spaced);
            out.push(Line {
                line: number,
                item: Item::Code(code),
            });
            i = next;
            continue;
        }
        out.push(Line {
            line: number,
            item: Item::Text(clean(raw)),
        });
        i += 1;
    }
    out
}

/// The JSON example starting at `start`: lines until its brackets close
/// (strings skipped). When they never close (the page's JSON is broken),
/// up to the last line that starts with a closing bracket, or the first
/// line alone. Returns the text, verbatim, and the index after it.
fn code_block(lines: &[&str], start: usize, double_spaced: bool) -> (String, usize) {
    let mut depth: i64 = 0;
    let mut in_string = false;
    let mut escaped = false;
    let mut last_closing = None;
    let mut end = None;
    // An example is a few hundred lines at most; a page full of lone
    // brackets must not make every one of them scan to the end.
    const MAX_LINES: usize = 5000;
    for (index, line) in lines.iter().enumerate().skip(start).take(MAX_LINES) {
        for c in line.chars() {
            if in_string {
                match (escaped, c) {
                    (true, _) => escaped = false,
                    (false, '\\') => escaped = true,
                    (false, '"') => in_string = false,
                    _ => {}
                }
                continue;
            }
            match c {
                '"' => in_string = true,
                '{' | '[' => depth += 1,
                '}' | ']' => depth -= 1,
                _ => {}
            }
        }
        // A string never spans lines in the page's examples: an unclosed
        // quote is a typo, not a multi-line string.
        in_string = false;
        escaped = false;
        if line.trim_start().starts_with(['}', ']']) {
            last_closing = Some(index);
        }
        if depth <= 0 {
            end = Some(index);
            break;
        }
    }
    // Never closed: up to the last closing line, or else as far as the
    // lines look like JSON, so a run of broken lines is one example and
    // not one per line.
    let looks_like_json = |line: &str| {
        let t = line.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{a0}');
        t.is_empty()
            || t.starts_with(['{', '}', '[', ']', '"'])
            || line.starts_with(char::is_whitespace)
    };
    let end = end.or(last_closing).unwrap_or_else(|| {
        lines
            .iter()
            .enumerate()
            .skip(start + 1)
            .take(MAX_LINES)
            .take_while(|(_, line)| looks_like_json(line))
            .last()
            .map_or(start, |(index, _)| index)
    });
    let mut text = String::new();
    for line in &lines[start..=end] {
        if double_spaced && line.trim().is_empty() {
            continue;
        }
        text.push_str(line);
        text.push('\n');
    }
    (text, end + 1)
}

/// Items → blocks: tables where header labels are, prose elsewhere.
fn blocks(items: &[Line]) -> Vec<Block> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < items.len() {
        if let Some(header) = header_at(items, i) {
            let mut j = i + header.len();
            // The header row printed a second time.
            if repeats(items, j, &header) {
                j += header.len();
            }
            let columns: Vec<Column> = header.iter().map(|h| words::column(h)).collect();
            let end = table_end(items, j);
            let (rows, used) =
                if columns.contains(&Column::Criterion) && columns.first() == Some(&Column::Name) {
                    attribute_rows(&items[j..end], &columns)
                } else if columns.contains(&Column::Endpoint) {
                    endpoint_rows(&items[j..end], &columns)
                } else {
                    fixed_rows(&items[j..end], &columns)
                };
            out.push(Block {
                line: items[i].line,
                kind: BlockKind::Table(Table {
                    header,
                    rows,
                    caption: None,
                }),
            });
            i = j + used;
            continue;
        }
        let line = &items[i];
        match &line.item {
            Item::Text(text) => {
                let kind = match text.strip_prefix('•').or_else(|| text.strip_prefix('·')) {
                    Some(rest) => BlockKind::Bullet(clean(rest)),
                    None => BlockKind::Paragraph(text.clone()),
                };
                out.push(Block {
                    line: line.line,
                    kind,
                });
            }
            Item::Code(code) => out.push(Block {
                line: line.line,
                kind: BlockKind::Code {
                    title: None,
                    text: code.clone(),
                },
            }),
            Item::Empty => {}
        }
        i += 1;
    }
    out
}

fn text_at(items: &[Line], i: usize) -> Option<&str> {
    match items.get(i).map(|l| &l.item) {
        Some(Item::Text(t)) => Some(t),
        _ => None,
    }
}

/// A short capitalised label that could be a header cell.
fn is_label(text: &str) -> bool {
    let words = text.split_whitespace().count();
    words > 0
        && words <= 4
        && text.chars().next().is_some_and(char::is_uppercase)
        && words::criterion(text).is_none()
        && !text.ends_with(['.', ':', ';', ','])
        && !text.contains(['"', '{', '/', '['])
}

/// The header row starting at `i`, if one does: labels up to a repeat of
/// the first, holding what a table of the wiki has (a name, a criterion
/// and a type column; the endpoint table's endpoint and method; the
/// legend's abbreviation). Unknown labels are extra columns, except at the
/// end where the next cell is a criterion: that label is a row's name.
fn header_at(items: &[Line], i: usize) -> Option<Vec<String>> {
    let first = text_at(items, i)?;
    let first_column = words::known_column(first)?;
    if !matches!(
        first_column,
        Column::Name | Column::Endpoint | Column::Abbreviation
    ) {
        return None;
    }
    let mut header = vec![first.to_owned()];
    let mut j = i + 1;
    while let Some(text) = text_at(items, j) {
        if text == first || !is_label(text) || header.len() >= 12 {
            break;
        }
        header.push(text.to_owned());
        j += 1;
    }
    // Trailing unknown labels that are really the first row's name.
    while header.len() > 1 {
        let last = header.len() - 1;
        let at = i + last;
        let is_known = words::known_column(&header[last]).is_some();
        let row_follows = text_at(items, at + 1).is_some_and(|t| words::criterion(t).is_some());
        if is_known || !row_follows {
            break;
        }
        header.pop();
    }
    let columns: Vec<Column> = header.iter().map(|h| words::column(h)).collect();
    // "Endpoint" then "URL": the first is the section's heading, and the
    // header starts at the second.
    if columns.len() >= 2 && columns[0] == columns[1] {
        return None;
    }
    let has = |c: Column| columns.contains(&c);
    let valid = match first_column {
        Column::Name => has(Column::Type) && (has(Column::Criterion) || has(Column::Description)),
        Column::Endpoint => has(Column::Method),
        _ => has(Column::LegendName) || has(Column::Description),
    };
    (valid && header.len() >= 3).then_some(header)
}

fn repeats(items: &[Line], at: usize, header: &[String]) -> bool {
    header
        .iter()
        .enumerate()
        .all(|(k, h)| text_at(items, at + k) == Some(h.as_str()))
}

/// Where a table's cells may end: before the next table header or code
/// block.
fn table_end(items: &[Line], from: usize) -> usize {
    let mut j = from;
    while j < items.len() {
        if matches!(items[j].item, Item::Code(_)) || header_at(items, j).is_some() {
            break;
        }
        j += 1;
    }
    j
}

fn cell_of(line: &Line) -> Cell {
    match &line.item {
        Item::Text(t) => Cell::Text(t.clone()),
        Item::Empty | Item::Code(_) => Cell::Empty,
    }
}

fn is_identifier(text: &str) -> bool {
    !text.is_empty()
        && !text.contains(char::is_whitespace)
        && text.chars().next().is_some_and(char::is_alphabetic)
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

fn is_name(text: &str) -> bool {
    is_identifier(text) && text.chars().next().is_some_and(char::is_lowercase)
}

/// A row anchor: where a row's name (or, without one, its criterion)
/// stands.
#[derive(Debug, Clone, Copy)]
struct Anchor {
    /// Index of the name cell, if the row has one.
    name: Option<usize>,
    /// Index of the criterion cell, if the row has one.
    criterion: Option<usize>,
    /// First index after name and criterion.
    after: usize,
}

/// Cuts attribute cells (columns in the page's order: name, criterion,
/// type, then description, rule and any extra) into rows. Returns the rows
/// and how many items they took; what follows the last row that cannot be
/// its cells is left to the page.
fn attribute_rows(items: &[Line], columns: &[Column]) -> (Vec<Row>, usize) {
    let criterion_column = columns.iter().position(|c| *c == Column::Criterion);
    let type_column = columns.iter().position(|c| *c == Column::Type);
    // Only the order name, criterion, type is cut by anchors; others
    // fall back to fixed widths.
    if criterion_column != Some(1) || type_column != Some(2) {
        return fixed_rows(items, columns);
    }
    let is_type = |i: usize| text_at(items, i).is_some_and(|t| words::type_word(t).is_some());
    let mut anchors: Vec<Anchor> = Vec::new();
    let mut i = 0;
    while i < items.len() {
        let here = text_at(items, i);
        // A criterion cell: `M`, `C`, `OP`, or in words ("Sim", "Não").
        if here.is_some_and(|t| {
            words::criterion(t).is_some() || words::criterion_in_words(t).is_some()
        }) {
            // The name is the cell before, unless that cell must be the
            // previous row's description (its only cell after the type)
            // or is not a name at all.
            let name = i
                .checked_sub(1)
                .filter(|&n| text_at(items, n).is_some_and(is_identifier))
                .filter(|&n| match anchors.last() {
                    None => true,
                    Some(previous) => {
                        // A lower-case identifier is a name even then: the
                        // previous row lacks its description instead.
                        let type_end = previous.after + usize::from(is_type(previous.after));
                        n > type_end || (n == type_end && text_at(items, n).is_some_and(is_name))
                    }
                });
            anchors.push(Anchor {
                name,
                criterion: Some(i),
                after: i + 1,
            });
            i += 1;
            continue;
        }
        // A row without its criterion: a name followed by a type word.
        if here.is_some_and(is_name)
            && is_type(i + 1)
            && text_at(items, i.wrapping_sub(1)).is_none_or(|t| words::criterion(t).is_none())
            && anchors.last().is_none_or(|a| i > a.after)
        {
            anchors.push(Anchor {
                name: Some(i),
                criterion: None,
                after: i + 1,
            });
            i += 1;
            continue;
        }
        i += 1;
    }
    // The table's first cell, before the first criterion, is the first
    // row's name whatever it looks like.
    if let Some(first) = anchors.first_mut() {
        if first.name.is_none() && first.criterion == Some(1) && text_at(items, 0).is_some() {
            first.name = Some(0);
        }
    }
    let mut rows = Vec::new();
    let mut used = 0;
    let width = columns.len().max(3);
    // A header table's "Tipo" is prose ("token do cliente"): there the
    // type cell is taken by position, elsewhere only when it is a type.
    let types_are_words = anchors.iter().filter(|a| is_type(a.after)).count() * 2 >= anchors.len();
    // Cells before the first row that can be cut: kept as a row of their
    // own (name, criterion and type missing), never dropped.
    let first_start = anchors
        .first()
        .map_or(0, |a| a.name.or(a.criterion).unwrap_or(a.after));
    let leading: Vec<Cell> = items[..first_start.min(items.len())]
        .iter()
        .map(cell_of)
        .collect();
    if leading.iter().any(|c| c.text().is_some()) {
        let mut cells = vec![Cell::Missing; 3];
        cells.extend(leading);
        rows.push(Row {
            line: items[0].line,
            cells,
        });
        used = first_start;
    }
    for (k, anchor) in anchors.iter().enumerate() {
        let start = anchor.name.or(anchor.criterion).unwrap_or(anchor.after);
        let next_start = anchors
            .get(k + 1)
            .map(|n| n.name.or(n.criterion).unwrap_or(n.after));
        let mut cells = vec![Cell::Missing; width];
        if let Some(n) = anchor.name {
            cells[0] = cell_of(&items[n]);
        }
        if let Some(c) = anchor.criterion {
            cells[1] = cell_of(&items[c]);
        }
        let mut j = anchor.after;
        let limit = next_start.unwrap_or(items.len());
        if j < limit && (is_type(j) || (!types_are_words && anchor.criterion.is_some())) {
            cells[2] = cell_of(&items[j]);
            j += 1;
        }
        let mut column = 3;
        let rest_limit = match next_start {
            Some(limit) => limit,
            // The last row takes no more cells than the table has columns,
            // and stops at what reads as the next heading or caption.
            None => {
                let mut end = j;
                while end < items.len() && end - j < width.saturating_sub(3) {
                    if end > j && ends_table(items, end) {
                        break;
                    }
                    end += 1;
                }
                end
            }
        };
        while j < rest_limit {
            let cell = cell_of(&items[j]);
            if column < cells.len() {
                cells[column] = cell;
            } else {
                cells.push(cell);
            }
            column += 1;
            j += 1;
        }
        rows.push(Row {
            line: items.get(start).map_or(0, |l| l.line),
            cells,
        });
        used = used.max(j);
        if let Some(limit) = next_start {
            used = used.max(limit.min(items.len()));
        }
    }
    (rows, used)
}

/// Whether the item at `i` reads as what comes after a table rather than
/// a cell: a caption, an "Objeto …" heading, a section heading.
fn ends_table(items: &[Line], i: usize) -> bool {
    match text_at(items, i) {
        Some(text) => {
            let folded = words::fold(text);
            words::is_caption(text)
                || words::section(text).is_some()
                || (folded.starts_with("objeto") && words::looks_like_heading(text))
                || folded.starts_with("descricao dos")
        }
        None => false,
    }
}

/// Endpoint rows: each starts at an address (a cell with a `/` and no
/// space); the method, content type and description follow when present.
fn endpoint_rows(items: &[Line], columns: &[Column]) -> (Vec<Row>, usize) {
    let width = columns.len().max(4);
    // Where each cell goes: the header's column for it, else the usual
    // order (endpoint, method, content type, description).
    let at =
        |column: Column, usual: usize| columns.iter().position(|c| *c == column).unwrap_or(usual);
    let (address_at, method_at, type_at, description_at) = (
        at(Column::Endpoint, 0),
        at(Column::Method, 1),
        at(Column::ContentType, 2),
        at(Column::Description, 3),
    );
    let is_address = |t: &str| {
        t.contains('/') && !t.contains(char::is_whitespace) && !t.contains("application/")
    };
    // Content tells each cell here, so empty-cell markers say nothing.
    let skip_empty = |i: &mut usize| {
        while matches!(items.get(*i).map(|l| &l.item), Some(Item::Empty)) {
            *i += 1;
        }
    };
    let mut rows = Vec::new();
    let mut i = 0;
    skip_empty(&mut i);
    while let Some(text) = text_at(items, i) {
        if !is_address(text) {
            break;
        }
        let mut cells = vec![Cell::Missing; width];
        cells[address_at] = Cell::Text(text.to_owned());
        let line = items[i].line;
        i += 1;
        skip_empty(&mut i);
        if let Some(m) = text_at(items, i).filter(|t| words::method(t).is_some()) {
            cells[method_at] = Cell::Text(m.to_owned());
            i += 1;
        }
        skip_empty(&mut i);
        if let Some(ct) = text_at(items, i).filter(|t| t.contains('/') && !t.contains(' ')) {
            if !is_address(ct) || ct.starts_with("application/") {
                cells[type_at] = Cell::Text(ct.to_owned());
                i += 1;
            }
        }
        skip_empty(&mut i);
        if let Some(d) = text_at(items, i).filter(|t| !is_address(t) && !ends_table(items, i)) {
            if header_at(items, i).is_none() && words::section(d).is_none() {
                cells[description_at] = Cell::Text(d.to_owned());
                i += 1;
            }
        }
        rows.push(Row { line, cells });
        skip_empty(&mut i);
    }
    (rows, i)
}

/// Rows of a fixed number of cells (the legend, tables in an unusual
/// column order), empty-cell markers counting as cells; a legend row
/// starts at its criterion abbreviation.
fn fixed_rows(items: &[Line], columns: &[Column]) -> (Vec<Row>, usize) {
    let width = columns.len().max(1);
    let mut rows = Vec::new();
    let mut i = 0;
    while i < items.len() {
        // A table's cells end where prose starts: a legend row must start
        // with a criterion, any other with a short cell.
        let starts_row = match columns.first() {
            Some(Column::Abbreviation) => {
                text_at(items, i).is_some_and(|t| words::criterion(t).is_some())
            }
            _ => text_at(items, i).is_some_and(|t| !ends_table(items, i) && t.chars().count() < 60),
        };
        if !starts_row {
            break;
        }
        let line = items[i].line;
        let mut cells = Vec::with_capacity(width);
        let mut j = i;
        while j < items.len() && cells.len() < width {
            if j > i
                && columns.first() == Some(&Column::Abbreviation)
                && text_at(items, j).is_some_and(|t| words::criterion(t).is_some())
            {
                break;
            }
            cells.push(cell_of(&items[j]));
            j += 1;
        }
        while cells.len() < width {
            cells.push(Cell::Missing);
        }
        rows.push(Row { line, cells });
        i = j;
    }
    (rows, i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Item> {
        items(text).into_iter().map(|l| l.item).collect()
    }

    #[test]
    #[ignore = "prints the page model of a file: PAGE=... cargo test dump_page -- --ignored --nocapture"]
    fn dump_page() {
        let path = std::env::var("PAGE").unwrap_or_default();
        let text = std::fs::read_to_string(path).unwrap_or_default();
        for block in read(&text).blocks {
            println!("{block:?}");
        }
    }

    #[test]
    fn a_json_example_over_several_lines_is_one_item() {
        let got = lines("a\n{\n  \"x\": [1,\n 2]\n}\nb\n");
        assert_eq!(
            got,
            vec![
                Item::Text("a".into()),
                Item::Code("{\n  \"x\": [1,\n 2]\n}\n".into()),
                Item::Text("b".into()),
            ]
        );
    }

    #[test]
    fn a_row_without_its_rule_line_does_not_shift_the_next() {
        let page = read(
            "Atributo\nCritério\nTipo\nDescrição\nRegra de preenchimento\n\
             titulo\nM\nString\nO título\nsubtitulo\nM\nString\nO subtítulo\ntexto livre\n",
        );
        let BlockKind::Table(table) = &page.blocks[0].kind else {
            panic!("{page:?}")
        };
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.rows[0].cell(4), &Cell::Missing);
        assert_eq!(table.rows[1].cell(4).text(), Some("texto livre"));
    }
}
