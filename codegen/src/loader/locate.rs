//! Finding the line of a spec path (`types.Registro.fields.cor.format`) in
//! the YAML text, so a diagnostic can show the line it is about.
//!
//! The YAML parser gives values without positions, so this reads the text
//! the way the spec format is written: block mappings by indentation, list
//! items addressed by their `id` or `name` (or their index), flow mappings
//! (`- { name: cor, … }`) on one line. It only ever adds a line to a
//! message: where the text is written in a way it does not follow, it
//! finds nothing and the message stands alone.

/// A place in the text: 1-based line, and the byte range within the line
/// of what the path names (a key, or a list item's `- `).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spot {
    pub line: usize,
    pub columns: std::ops::Range<usize>,
}

/// Where `path` is in `text`, as deep as it can be followed (`None` when
/// not even its first segment is found).
pub fn locate(text: &str, path: &str) -> Option<Spot> {
    if path.is_empty() {
        return None;
    }
    let lines: Vec<&str> = text.lines().collect();
    let mut block = 0..lines.len();
    let mut spot: Option<Spot> = None;
    let mut segments = path.split('.').peekable();
    while let Some(segment) = segments.next() {
        // Inside a flow mapping on one line: the rest is on that line.
        if let Some(found) = &spot {
            let line = lines[found.line - 1];
            if line[found.columns.start..].contains('{') {
                if let Some(column) = key_in_flow(line, segment) {
                    spot = Some(Spot {
                        line: found.line,
                        columns: column..column + segment.len(),
                    });
                }
                return spot;
            }
        }
        let Some((index, columns)) = find_key(&lines, block.clone(), segment)
            .or_else(|| find_item(&lines, block.clone(), segment))
        else {
            // A key that is missing, or written in a way this does not
            // follow: the deepest place found (the item that lacks it).
            return spot;
        };
        spot = Some(Spot {
            line: index + 1,
            columns,
        });
        block = index + 1..end_of_block(&lines, index);
        if segments.peek().is_none() {
            break;
        }
    }
    spot
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_content(line: &str) -> bool {
    let trimmed = line.trim_start();
    !trimmed.is_empty() && !trimmed.starts_with('#')
}

/// The lines after `start` indented deeper than it (its children).
fn end_of_block(lines: &[&str], start: usize) -> usize {
    let own = indent(lines[start]);
    let mut end = start + 1;
    while end < lines.len() && (!is_content(lines[end]) || indent(lines[end]) > own) {
        end += 1;
    }
    end
}

/// The indentation of the block's direct children.
fn child_indent(lines: &[&str], block: std::ops::Range<usize>) -> Option<usize> {
    lines[block]
        .iter()
        .find(|l| is_content(l))
        .map(|l| indent(l))
}

/// `key:` (or `"key":`) among the block's direct children, including the
/// first key of a list item (`- key: …`).
fn find_key(
    lines: &[&str],
    block: std::ops::Range<usize>,
    key: &str,
) -> Option<(usize, std::ops::Range<usize>)> {
    let level = child_indent(lines, block.clone())?;
    for index in block {
        let line = lines[index];
        if !is_content(line) || indent(line) != level {
            continue;
        }
        let rest = &line[level..];
        for quoted in [key.to_owned(), format!("\"{key}\""), format!("'{key}'")] {
            if rest.starts_with(&format!("{quoted}:")) {
                return Some((index, level..level + quoted.len()));
            }
        }
    }
    None
}

/// The list item of the block whose `id` or `name` is `segment`, or the
/// item at that index.
fn find_item(
    lines: &[&str],
    block: std::ops::Range<usize>,
    segment: &str,
) -> Option<(usize, std::ops::Range<usize>)> {
    let level = child_indent(lines, block.clone())?;
    let items: Vec<usize> = block
        .clone()
        .filter(|&i| indent(lines[i]) == level && lines[i][level..].starts_with("- "))
        .collect();
    let item_span = |_: usize| level..level + 1;
    if let Ok(n) = segment.parse::<usize>() {
        return items.get(n).map(|&i| (i, item_span(i)));
    }
    for &start in &items {
        let end = end_of_block(lines, start);
        let text: Vec<&str> = lines[start..end].to_vec();
        let names_it = text.iter().enumerate().any(|(offset, line)| {
            let body = if offset == 0 {
                &line[level + 2..]
            } else {
                line.trim_start()
            };
            ["id", "name"].iter().any(|key| {
                names(body, key, segment) || (offset == 0 && in_flow(body, key, segment))
            })
        });
        if names_it {
            return Some((start, item_span(start)));
        }
    }
    None
}

/// `key: value` at the start of `body`, with `value` (quoted or not).
fn names(body: &str, key: &str, value: &str) -> bool {
    body.strip_prefix(key)
        .and_then(|rest| rest.strip_prefix(':'))
        .map(|rest| unquote(rest.split('#').next().unwrap_or("").trim()) == value)
        .unwrap_or(false)
}

/// `{ …, key: value, … }` on the line.
fn in_flow(body: &str, key: &str, value: &str) -> bool {
    let Some(inner) = body.trim().strip_prefix('{') else {
        return false;
    };
    inner.trim_end_matches('}').split(',').any(|pair| {
        let pair = pair.trim();
        names(pair, key, value)
    })
}

/// The byte column of `key:` inside a flow mapping on `line`.
fn key_in_flow(line: &str, key: &str) -> Option<usize> {
    let open = line.find('{')?;
    let mut search = open + 1;
    while let Some(found) = line[search..].find(key) {
        let at = search + found;
        let before = line[..at].trim_end();
        let after = &line[at + key.len()..];
        if (before.ends_with('{') || before.ends_with(',')) && after.trim_start().starts_with(':') {
            return Some(at);
        }
        search = at + key.len();
    }
    None
}

fn unquote(text: &str) -> &str {
    text.strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .or_else(|| text.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')))
        .unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "\
page:
  title: T
operations:
  - id: consulta
    method: POST
    headers:
      - name: Authorization
        criterion: M
types:
  Registro:
    # a comment
    fields:
      - { name: titulo, criterion: M, type: String }
      - name: cor
        criterion: OP
        format: colour
examples:
  - title: primeiro
  - title: segundo
";

    fn line(path: &str) -> Option<usize> {
        locate(TEXT, path).map(|s| s.line)
    }

    #[test]
    fn follows_mappings_named_items_flow_items_and_indices() {
        assert_eq!(line("page.title"), Some(2));
        assert_eq!(line("operations.consulta"), Some(4));
        assert_eq!(line("operations.consulta.method"), Some(5));
        assert_eq!(
            line("operations.consulta.headers.Authorization.criterion"),
            Some(8)
        );
        assert_eq!(line("types.Registro"), Some(10));
        assert_eq!(line("types.Registro.fields.titulo"), Some(13));
        assert_eq!(line("types.Registro.fields.titulo.type"), Some(13));
        assert_eq!(line("types.Registro.fields.cor.format"), Some(16));
        assert_eq!(line("examples.1"), Some(19));
    }

    #[test]
    fn columns_cover_the_key() {
        let spot = locate(TEXT, "types.Registro.fields.titulo.type").unwrap();
        let text = TEXT.lines().nth(spot.line - 1).unwrap();
        assert_eq!(&text[spot.columns], "type");
        let spot = locate(TEXT, "types.Registro.fields.cor.format").unwrap();
        let text = TEXT.lines().nth(spot.line - 1).unwrap();
        assert_eq!(&text[spot.columns], "format");
    }

    #[test]
    fn what_it_cannot_follow_is_the_deepest_found_or_nothing() {
        assert_eq!(line("nada"), None);
        assert_eq!(line(""), None);
        // A missing key: the item that lacks it.
        assert_eq!(line("types.Registro.description"), Some(10));
        assert_eq!(line("types.Registro.fields.cor.condition"), Some(14));
    }
}
