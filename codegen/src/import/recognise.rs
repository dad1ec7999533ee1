//! Recognition: from the page model to a draft spec. It finds the
//! endpoint table, header tables and attribute tables; decides which table
//! is the request, the success response and the failure from the section
//! headings; links nested types to the attributes that name them; reads
//! formats and conditions from the filling rules; attaches examples by
//! caption; and notes every decision the page does not state outright.
//!
//! Everything here reads [`Page`] only: the input format is already gone.

use heck::{ToLowerCamelCase, ToUpperCamelCase};

use super::draft::{
    Condition, Disagreement, Draft, Example, Field, Header, Note, NoteKind, Operation, Scalar,
    Target, Type,
};
use super::page::{BlockKind, Cell, Page, Row, Table};
use super::vocabulary::{self as words, Column, Section, TypeWord};

/// Recognises a page; the examples' verdicts are left for the validator.
pub fn recognise(page: &Page) -> Draft {
    let mut r = Recogniser {
        page,
        draft: Draft::default(),
        used: vec![false; page.blocks.len()],
        table_types: Vec::new(),
        first_endpoint: None,
        says_yours: page.blocks.iter().any(|b| {
            b.kind
                .prose()
                .is_some_and(|t| words::fold(t).contains("seu metodo"))
        }),
        endpoint_rows: page
            .blocks
            .iter()
            .filter_map(|b| match &b.kind {
                BlockKind::Table(t) if table_kind(t) == TableKind::Endpoint => Some(t.rows.len()),
                _ => None,
            })
            .sum(),
        operation_ids: std::collections::HashSet::new(),
        operation_numbers: std::collections::HashMap::new(),
    };
    r.draft.noise = page.noise.iter().map(|n| n.line).collect();
    r.walk();
    r.link_nested_types();
    r.conditions();
    r.name_types();
    r.title();
    r.page_description();
    r.detect_disagreements();
    r.leftovers();
    r.draft
}

/// What an attribute table became.
struct TableType {
    /// Index in `draft.types`.
    ty: usize,
    /// Its role, if a section gave it one: (operation index, section).
    role: Option<(usize, Section)>,
    /// The word the page calls it by ("registro" for "Objeto registro").
    key: Option<String>,
}

struct Recogniser<'p> {
    page: &'p Page,
    draft: Draft,
    /// Blocks that went into the draft (title, description, caption, …).
    used: Vec<bool>,
    table_types: Vec<TableType>,
    first_endpoint: Option<usize>,
    /// Whether the page's prose speaks of "seu método" (computed once:
    /// every endpoint table asks).
    says_yours: bool,
    /// The rows of all the page's endpoint tables.
    endpoint_rows: usize,
    /// The operation ids given so far.
    operation_ids: std::collections::HashSet<String>,
    /// For each id given more than once, the next number to try.
    operation_numbers: std::collections::HashMap<String, usize>,
}

fn note(line: usize, at: impl Into<String>, kind: NoteKind, message: impl Into<String>) -> Note {
    Note {
        line,
        at: at.into(),
        kind,
        message: message.into(),
    }
}

/// What kind of table a header makes.
#[derive(Debug, PartialEq, Eq)]
enum TableKind {
    Endpoint,
    Legend,
    Attributes,
    Other,
}

fn table_kind(table: &Table) -> TableKind {
    let columns: Vec<Column> = table.header.iter().map(|h| words::column(h)).collect();
    let has = |c| columns.contains(&c);
    if has(Column::Endpoint) && has(Column::Method) {
        TableKind::Endpoint
    } else if has(Column::Abbreviation) {
        TableKind::Legend
    } else if has(Column::Name) && has(Column::Type) {
        TableKind::Attributes
    } else {
        TableKind::Other
    }
}

impl Recogniser<'_> {
    fn block_prose(&self, index: usize) -> Option<&str> {
        self.page.blocks.get(index).and_then(|b| b.kind.prose())
    }

    fn is_heading(&self, index: usize) -> bool {
        match self.page.blocks.get(index).map(|b| &b.kind) {
            Some(BlockKind::Heading(text)) => !text.is_empty(),
            Some(BlockKind::Paragraph(text)) => words::looks_like_heading(text),
            _ => false,
        }
    }

    /// Walks the page in order, keeping the section and the operations the
    /// latest endpoint table opened.
    fn walk(&mut self) {
        let mut section: Option<Section> = None;
        let mut section_start = 0usize;
        let mut current: Vec<usize> = Vec::new();
        // The last table or code block: what a title or description may
        // not reach past.
        let mut since = 0usize;
        let mut pending_headers: Vec<Header> = Vec::new();
        let mut pending_note: Option<(usize, String)> = None;
        let mut last_type: Option<usize> = None;
        let page = self.page;
        let blocks = &page.blocks;
        for (index, block) in blocks.iter().enumerate() {
            match &block.kind {
                BlockKind::Heading(text) | BlockKind::Paragraph(text) => {
                    if let Some(s) = words::section(text).filter(|_| self.is_heading(index)) {
                        self.close_section(section, section_start, index, &current);
                        section = Some(s);
                        section_start = index;
                        self.used[index] = true;
                    } else if !self.is_heading(index) && words::fold(text).contains(" header") {
                        // Prose about headers that are not a table.
                        pending_note = Some((index, text.clone()));
                    }
                }
                BlockKind::Bullet(_) => {}
                BlockKind::Table(table) => {
                    match table_kind(table) {
                        TableKind::Endpoint => {
                            self.close_section(section, section_start, index, &current);
                            section = Some(Section::Endpoint);
                            section_start = index;
                            self.used[index] = true;
                            self.first_endpoint.get_or_insert(index);
                            current = self.endpoints(table);
                            for &op in &current {
                                let operation = &mut self.draft.operations[op];
                                operation.headers.extend(pending_headers.iter().cloned());
                                if let Some((at, text)) = &pending_note {
                                    operation.header_note = Some(text.clone());
                                    self.used[*at] = true;
                                }
                            }
                            pending_headers.clear();
                            pending_note = None;
                        }
                        TableKind::Legend => {
                            // Read into the page description later.
                        }
                        TableKind::Attributes if section == Some(Section::Headers) => {
                            self.used[index] = true;
                            let headers = self.headers(table);
                            if current.is_empty() {
                                pending_headers.extend(headers);
                            } else {
                                for &op in &current {
                                    self.draft.operations[op]
                                        .headers
                                        .extend(headers.iter().cloned());
                                }
                            }
                            self.take_title(since, index);
                        }
                        TableKind::Attributes | TableKind::Other => {
                            self.used[index] = true;
                            let ty = self.attribute_table(index, table, since);
                            let role = self.assign_role(ty, section, &current, block.line);
                            let key = self.draft.types[ty].title.as_deref().and_then(table_key);
                            self.table_types.push(TableType { ty, role, key });
                            last_type = Some(ty);
                        }
                    }
                    since = index + 1;
                }
                BlockKind::Code { title, text } => {
                    self.used[index] = true;
                    self.example(index, title.as_deref(), text, since, last_type, &current);
                    since = index + 1;
                }
            }
        }
        self.close_section(section, section_start, blocks.len(), &current);
        // An operation without its current headers' prose.
        if let Some((at, text)) = pending_note {
            if let Some(op) = self.draft.operations.last_mut() {
                if op.header_note.is_none() {
                    op.header_note = Some(text);
                    self.used[at] = true;
                }
            }
        }
        for op in &mut self.draft.operations {
            let at = format!("operations.{}", op.id);
            if op.request.is_none() {
                op.notes.push(note(
                    op.line,
                    &at,
                    NoteKind::Missing,
                    "nenhuma tabela de parâmetros de entrada para este endpoint: escreva `request: <Tipo>`",
                ));
            }
            if op.response.is_none() {
                op.response = Some("undocumented".to_owned());
                op.notes.push(note(
                    op.line,
                    &at,
                    NoteKind::Guess,
                    "a página não tem seção de retorno de sucesso para este endpoint: response: undocumented",
                ));
            }
        }
    }

    /// At the end of a success section that showed no table: the page
    /// announces a structure it does not give.
    fn close_section(&mut self, section: Option<Section>, start: usize, end: usize, ops: &[usize]) {
        if section != Some(Section::Success) {
            return;
        }
        for &op in ops {
            if self.draft.operations[op].response.is_some() {
                continue;
            }
            let heading = self.block_prose(start).unwrap_or_default().to_owned();
            let prose: Vec<String> = (start + 1..end)
                .filter_map(|i| self.block_prose(i).map(str::to_owned))
                .collect();
            for i in start + 1..end {
                if self.block_prose(i).is_some() {
                    self.used[i] = true;
                }
            }
            let said = if prose.is_empty() {
                String::new()
            } else {
                format!(" diz \"{}\"", prose.join(" "))
            };
            let operation = &mut self.draft.operations[op];
            operation.response = Some("undocumented".to_owned());
            let at = format!("operations.{}", operation.id);
            operation.notes.push(note(
                self.page.blocks.get(start).map_or(0, |b| b.line),
                &at,
                NoteKind::Guess,
                "a seção de retorno de sucesso não traz tabela: response: undocumented",
            ));
            self.draft.disagreements.push(Disagreement {
                at,
                summary: format!(
                    "\"{heading}\"{said}, mas nenhuma tabela vem depois: o retorno não é documentado (response: undocumented)."
                ),
            });
        }
    }

    /// The operations of an endpoint table, one per row.
    /// `id`, or when an endpoint of the page already has it (the same path
    /// with another method, or the same endpoint twice), `id` with the
    /// method, else with a number: ids must be unique for the draft to load.
    fn unique_operation_id(&mut self, id: &str, method: Option<&str>) -> String {
        let mut candidates = Vec::new();
        candidates.push(id.to_owned());
        if let Some(method) = method.filter(|m| m.chars().all(|c| c.is_ascii_alphabetic())) {
            candidates.push(format!("{id}{}", method.to_upper_camel_case()));
        }
        let chosen = candidates
            .into_iter()
            .find(|c| !self.operation_ids.contains(c))
            .unwrap_or_else(|| {
                let next = self.operation_numbers.entry(id.to_owned()).or_insert(2);
                loop {
                    let candidate = format!("{id}{next}");
                    *next += 1;
                    if !self.operation_ids.contains(&candidate) {
                        break candidate;
                    }
                }
            });
        self.operation_ids.insert(chosen.clone());
        chosen
    }

    fn endpoints(&mut self, table: &Table) -> Vec<usize> {
        let column = |c: Column| table.header.iter().position(|h| words::column(h) == c);
        let endpoint_col = column(Column::Endpoint).unwrap_or(0);
        let method_col = column(Column::Method);
        let type_col = column(Column::ContentType);
        let summary_col = column(Column::Description);
        let says_yours = self.says_yours;
        let mut out = Vec::new();
        for row in &table.rows {
            let mut op = Operation {
                line: row.line,
                ..Operation::default()
            };
            let address = row.cell(endpoint_col).text().unwrap_or_default().to_owned();
            let (base, path) = split_address(&address);
            op.method = method_col
                .and_then(|c| row.cell(c).text())
                .map(|m| words::method(m).map_or_else(|| m.to_owned(), str::to_owned));
            op.content_type = type_col.and_then(|c| row.cell(c).text()).map(str::to_owned);
            op.summary = summary_col
                .and_then(|c| row.cell(c).text())
                .map(str::to_owned);
            op.path = path.clone();
            let id = operation_id(
                self.page,
                self.endpoint_rows,
                path.as_deref(),
                self.draft.operations.len(),
            );
            op.id = self.unique_operation_id(&id, op.method.as_deref());
            let at = format!("operations.{}", op.id);
            let mut notes = Vec::new();
            if op.id != id {
                notes.push(note(
                    row.line,
                    &at,
                    NoteKind::Guess,
                    format!("a página já tem um endpoint de id {id}: id {}", op.id),
                ));
            }
            let placeholder_host = base.as_deref().is_none_or(is_placeholder_host);
            if placeholder_host || says_yours {
                op.implemented_by = Some("operator");
                notes.push(note(
                    row.line,
                    &at,
                    NoteKind::Guess,
                    if placeholder_host {
                        format!(
                            "o endereço do endpoint não é de um servidor real ({}): implemented_by: operator, sem base_url",
                            base.as_deref().map_or("sem servidor", |b| b.split("://").nth(1).unwrap_or(b))
                        )
                    } else {
                        "a página fala do \"seu método\": implemented_by: operator, sem base_url".to_owned()
                    },
                ));
            } else {
                op.implemented_by = Some("mosia");
                op.base_url = base.clone();
                notes.push(note(
                    row.line,
                    &at,
                    NoteKind::Guess,
                    format!(
                        "endpoint num servidor real ({}): implemented_by: mosia, base_url dele",
                        base.as_deref().unwrap_or_default()
                    ),
                ));
                if !address.contains("://") {
                    notes.push(note(
                        row.line,
                        &at,
                        NoteKind::Guess,
                        "o endereço não diz o esquema: https",
                    ));
                }
            }
            for (key, value) in [
                ("method", &op.method),
                ("path", &op.path),
                ("content_type", &op.content_type),
                ("summary", &op.summary),
            ] {
                if value.is_none() {
                    notes.push(note(
                        row.line,
                        &at,
                        NoteKind::Missing,
                        format!("a tabela do endpoint não dá `{key}`: escreva-o"),
                    ));
                }
            }
            if !op
                .content_type
                .as_deref()
                .is_none_or(|t| t.eq_ignore_ascii_case("application/json"))
            {
                notes.push(note(
                    row.line,
                    &at,
                    NoteKind::Missing,
                    "só application/json é suportado como content_type",
                ));
            }
            extra_cells(
                &mut notes,
                row,
                &table.header,
                &[endpoint_col],
                method_col,
                type_col,
                summary_col,
                &at,
            );
            op.notes = notes;
            out.push(self.draft.operations.len());
            self.draft.operations.push(op);
        }
        out
    }

    fn headers(&mut self, table: &Table) -> Vec<Header> {
        let column = |c: Column| table.header.iter().position(|h| words::column(h) == c);
        let (name_col, criterion_col, type_col, description_col) = (
            column(Column::Name),
            column(Column::Criterion),
            column(Column::Type),
            column(Column::Description),
        );
        let mut out = Vec::new();
        for (index, row) in table.rows.iter().enumerate() {
            let get = |c: Option<usize>| c.and_then(|c| row.cell(c).text()).map(str::to_owned);
            let mut header = Header {
                name: get(name_col),
                criterion: None,
                ty: get(type_col),
                description: get(description_col),
                notes: Vec::new(),
            };
            let at = format!(
                "headers.{}",
                header.name.clone().unwrap_or_else(|| index.to_string())
            );
            let criterion = get(criterion_col);
            match criterion
                .as_deref()
                .map(|c| (words::criterion(c), words::criterion_in_words(c)))
            {
                Some((Some(words::Criterion::C), _)) => header.notes.push(note(
                    row.line,
                    &at,
                    NoteKind::Missing,
                    "critério C num header, que só pode ser M ou OP: escolha um",
                )),
                Some((Some(c), _)) => header.criterion = Some(c.as_str().to_owned()),
                Some((None, Some(c))) if c != words::Criterion::C => {
                    header.criterion = Some(c.as_str().to_owned());
                    header.notes.push(note(
                        row.line,
                        &at,
                        NoteKind::Guess,
                        format!(
                            "critério escrito \"{}\": lido como {}",
                            criterion.as_deref().unwrap_or_default(),
                            c.as_str()
                        ),
                    ));
                }
                _ => header.notes.push(note(
                    row.line,
                    &at,
                    NoteKind::Missing,
                    "a linha não tem critério (M ou OP): escreva-o",
                )),
            }
            for (key, value) in [
                ("name", &header.name),
                ("type", &header.ty),
                ("description", &header.description),
            ] {
                if value.is_none() {
                    header.notes.push(note(
                        row.line,
                        &at,
                        NoteKind::Missing,
                        format!("célula vazia ou ausente: escreva `{key}`"),
                    ));
                }
            }
            let known: Vec<usize> = [name_col, criterion_col, type_col, description_col]
                .into_iter()
                .flatten()
                .collect();
            extra_cells(
                &mut header.notes,
                row,
                &table.header,
                &known,
                None,
                None,
                None,
                &at,
            );
            out.push(header);
        }
        out
    }

    /// The heading-like block nearest before `table` and after `since`,
    /// marked used.
    fn take_title(&mut self, since: usize, table: usize) -> Option<String> {
        let found = (since..table)
            .rev()
            .find(|&i| self.is_heading(i) && !self.block_prose(i).is_some_and(words::is_caption))?;
        self.used[found] = true;
        self.block_prose(found).map(str::to_owned)
    }

    /// An attribute table as a type (named later).
    fn attribute_table(&mut self, index: usize, table: &Table, since: usize) -> usize {
        let block_line = self.page.blocks[index].line;
        let mut ty = Type {
            line: block_line,
            ..Type::default()
        };
        ty.title = table
            .caption
            .clone()
            .or_else(|| self.take_title(since, index));
        // Prose between the previous table or example and this one.
        let mut prose = Vec::new();
        for i in since..index {
            if self.used[i] || self.is_heading(i) {
                continue;
            }
            if let Some(text) = self.block_prose(i) {
                if words::is_caption(text) {
                    continue;
                }
                prose.push(text.to_owned());
                self.used[i] = true;
            }
        }
        if !prose.is_empty() {
            // Several paragraphs are written as a block, which ends with a
            // line break (as the hand transcriptions do).
            let mut description = prose.join("\n\n");
            if prose.len() > 1 {
                description.push('\n');
            }
            ty.description = Some(description);
        }
        let type_index = self.draft.types.len();
        let at = |name: &str| format!("types.#{type_index}.fields.{name}");
        let column = |c: Column| table.header.iter().position(|h| words::column(h) == c);
        let (name_col, criterion_col, type_col, description_col, rule_col) = (
            column(Column::Name),
            column(Column::Criterion),
            column(Column::Type),
            column(Column::Description),
            column(Column::Rule),
        );
        if table_kind(table) == TableKind::Other {
            ty.notes.push(note(
                block_line,
                format!("types.#{type_index}"),
                NoteKind::Guess,
                format!(
                    "tabela com colunas que não são as de atributos ({}): lida como tabela de atributos",
                    table.header.join(", ")
                ),
            ));
        }
        for (row_index, row) in table.rows.iter().enumerate() {
            let mut field = Field {
                line: row.line,
                ..Field::default()
            };
            let get = |c: Option<usize>| c.and_then(|c| row.cell(c).text()).map(str::to_owned);
            field.name = get(name_col);
            let place = at(&field.name.clone().unwrap_or_else(|| row_index.to_string()));
            field.description = get(description_col);
            field.rule = get(rule_col);
            if field.name.is_none() {
                field.notes.push(note(
                    row.line,
                    &place,
                    NoteKind::Missing,
                    "a linha não tem o nome do atributo: escreva `name`",
                ));
            }
            if field.description.is_none() {
                field.notes.push(note(
                    row.line,
                    &place,
                    NoteKind::Missing,
                    "a linha não tem descrição: escreva `description`",
                ));
            }
            let criterion = get(criterion_col);
            match criterion
                .as_deref()
                .map(|c| (words::criterion(c), words::criterion_in_words(c)))
            {
                Some((Some(c), _)) => field.criterion = Some(c.as_str().to_owned()),
                Some((None, Some(c))) => {
                    field.criterion = Some(c.as_str().to_owned());
                    field.notes.push(note(
                        row.line,
                        &place,
                        NoteKind::Guess,
                        format!(
                            "critério escrito \"{}\": lido como {}",
                            criterion.as_deref().unwrap_or_default(),
                            c.as_str()
                        ),
                    ));
                }
                Some((None, None)) => field.notes.push(note(
                    row.line,
                    &place,
                    NoteKind::Missing,
                    format!(
                        "critério \"{}\" não é M, C nem OP: escreva `criterion`",
                        criterion.as_deref().unwrap_or_default()
                    ),
                )),
                None => field.notes.push(note(
                    row.line,
                    &place,
                    NoteKind::Missing,
                    "a linha não tem critério: escreva `criterion` (M, C ou OP)",
                )),
            }
            let doc_type = get(type_col);
            match doc_type.as_deref() {
                None => field.notes.push(note(
                    row.line,
                    &place,
                    NoteKind::Missing,
                    "a linha não tem tipo: escreva `type`",
                )),
                Some(cell) => match words::type_word(cell) {
                    None => {
                        field.doc_type = Some(cell.to_owned());
                        field.notes.push(note(
                            row.line,
                            &place,
                            NoteKind::Missing,
                            format!("tipo \"{cell}\" não é String, Int, Float, Boolean, Objeto nem Array: escreva `type`"),
                        ));
                    }
                    Some(word) => {
                        field.ty = Some(word.spec_word());
                        if cell != word.spec_word() {
                            field.doc_type = Some(cell.to_owned());
                        }
                        if word == TypeWord::Date {
                            field.format = Some("date");
                        }
                    }
                },
            }
            self.format(&mut field, &place);
            let known: Vec<usize> = [name_col, criterion_col, type_col, description_col, rule_col]
                .into_iter()
                .flatten()
                .collect();
            extra_cells(
                &mut field.notes,
                row,
                &table.header,
                &known,
                None,
                None,
                None,
                &place,
            );
            ty.fields.push(field);
        }
        self.draft.types.push(ty);
        type_index
    }

    /// Formats from the filling rule: dates, colours, money.
    fn format(&self, field: &mut Field, at: &str) {
        let text = format!(
            "{} {}",
            field.rule.as_deref().unwrap_or_default(),
            field.description.as_deref().unwrap_or_default()
        );
        let folded = words::fold(&text);
        let upper = text.to_uppercase();
        let element = field.ty == Some("Array");
        match field.ty {
            Some("String") if upper.contains("YYYY-MM-DD") || upper.contains("AAAA-MM-DD") => {
                field.format = Some("date");
            }
            Some("String") if upper.contains("DD/MM/YYYY") || upper.contains("DD/MM/AAAA") => {
                field.notes.push(note(
                    field.line,
                    at,
                    NoteKind::Guess,
                    "data DD/MM/YYYY: o spec não tem esse formato (format: date é YYYY-MM-DD): String sem format",
                ));
            }
            Some("String") if folded.contains("hexadecimal") && text.contains('#') => {
                field.format = Some("color");
            }
            Some("Float") => {
                let name = words::fold(field.name.as_deref().unwrap_or_default());
                let money = [
                    "valor", "preco", "saldo", "montante", "r$", "dinheiro", "moeda", "total",
                    "desconto", "juros", "multa",
                ];
                if money.iter().any(|m| name.contains(m) || folded.contains(m)) {
                    field.format = Some("decimal");
                    field.notes.push(note(
                        field.line,
                        at,
                        NoteKind::Guess,
                        "Float que parece dinheiro: format: decimal (valor exato)",
                    ));
                }
            }
            _ if element && (upper.contains("YYYY-MM-DD") || upper.contains("AAAA-MM-DD")) => {
                field.format = Some("date");
            }
            _ => {}
        }
    }

    /// The role of a table from the section it is in: the first table of
    /// a request, success or failure section is that part of the current
    /// operations.
    fn assign_role(
        &mut self,
        ty: usize,
        section: Option<Section>,
        current: &[usize],
        line: usize,
    ) -> Option<(usize, Section)> {
        let section = section?;
        let mut role = None;
        for &op in current {
            let name = format!("#{ty}");
            let operation = &mut self.draft.operations[op];
            let slot = match section {
                Section::Request => &mut operation.request,
                Section::Success => &mut operation.response,
                Section::Failure => &mut operation.failure,
                Section::Endpoint | Section::Headers => return None,
            };
            if slot.is_none() {
                *slot = Some(name);
                role.get_or_insert((op, section));
                if current.len() > 1 {
                    let at = format!("operations.{}", operation.id);
                    operation.notes.push(note(
                        line,
                        at,
                        NoteKind::Guess,
                        "a tabela de endpoints tem várias linhas e uma só tabela para esta parte: partilhada por todas",
                    ));
                }
            }
        }
        role
    }

    /// An example: captioned ("Exemplo request") for an operation part, or
    /// uncaptioned for the table above it.
    fn example(
        &mut self,
        index: usize,
        title: Option<&str>,
        text: &str,
        since: usize,
        last_type: Option<usize>,
        current: &[usize],
    ) {
        let line = self.page.blocks[index].line;
        let mut notes = Vec::new();
        let at = format!("examples.{}", self.draft.examples.len());
        let caption_block = (since..index)
            .rev()
            .find(|&i| self.block_prose(i).is_some_and(words::is_caption));
        let caption = title.map(str::to_owned).or_else(|| {
            caption_block.map(|i| {
                self.used[i] = true;
                self.block_prose(i).unwrap_or_default().to_owned()
            })
        });
        // What the page prints between the caption and the payload
        // ("url: …", "Body:").
        let preamble: Vec<String> = match caption_block {
            Some(c) if title.is_none() => (c + 1..index)
                .filter_map(|i| {
                    let text = self.block_prose(i)?.to_owned();
                    self.used[i] = true;
                    Some(text)
                })
                .collect(),
            _ => Vec::new(),
        };
        if !preamble.is_empty() {
            notes.push(note(
                line,
                &at,
                NoteKind::Guess,
                format!(
                    "a página mostra antes do corpo: {}; o texto é só o corpo",
                    preamble.join(" ")
                ),
            ));
            let url = preamble.iter().find(|p| p.contains("://")).cloned();
            if let (Some(url), Some(&op)) = (url, current.first()) {
                let operation = &self.draft.operations[op];
                if let Some(path) = &operation.path {
                    let (_, example_path) = split_address(&url);
                    if example_path.as_deref() != Some(path.as_str()) {
                        self.draft.disagreements.push(Disagreement {
                            at: format!("operations.{}", operation.id),
                            summary: format!(
                                "O exemplo \"{}\" usa \"{url}\"; a tabela do endpoint dá o caminho {path}. Segue-se a tabela.",
                                caption.as_deref().unwrap_or_default()
                            ),
                        });
                    }
                }
            }
        }
        let part = caption.as_deref().and_then(words::caption_part);
        let documented = |r: &Self, op: usize, part: Section| {
            let operation = &r.draft.operations[op];
            match part {
                Section::Request => operation.request.is_some(),
                Section::Success => operation
                    .response
                    .as_deref()
                    .is_some_and(|t| t != "undocumented"),
                Section::Failure => operation.failure.is_some(),
                _ => false,
            }
        };
        let op = current.first().copied();
        let target = match (part, op) {
            (Some(part), Some(op)) if documented(self, op, part) => Target::Part {
                operation: self.draft.operations[op].id.clone(),
                part: match part {
                    Section::Request => "request",
                    Section::Success => "response",
                    _ => "failure",
                },
            },
            _ => {
                match last_type {
                    Some(ty) => {
                        if caption.is_some() {
                            notes.push(note(
                            line,
                            &at,
                            NoteKind::Guess,
                            "a legenda não nomeia uma parte documentada do endpoint: exemplo da tabela acima",
                        ));
                        }
                        Target::Type(format!("#{ty}"))
                    }
                    None => {
                        notes.push(note(line, &at, NoteKind::Missing, "nenhuma tabela para este exemplo: escreva `type` ou `operation` e `part`"));
                        Target::Unknown
                    }
                }
            }
        };
        let title = match caption {
            Some(caption) => caption,
            None => {
                let heading = last_type
                    .and_then(|ty| self.draft.types[ty].title.clone())
                    .map(|t| strip_bracket(&t));
                match heading {
                    Some(heading) => format!("{heading} (exemplo sem legenda)"),
                    None => "Exemplo sem legenda".to_owned(),
                }
            }
        };
        self.draft.examples.push(Example {
            title,
            target,
            verdict: None,
            violations: Vec::new(),
            text: text.to_owned(),
            notes,
            line,
        });
    }

    /// Objeto and Array attributes → the tables that describe them.
    fn link_nested_types(&mut self) {
        let nested: Vec<(usize, String)> = self
            .table_types
            .iter()
            .filter(|t| t.role.is_none())
            .filter_map(|t| Some((t.ty, t.key.clone()?)))
            .collect();
        let nested = KeyIndex::new(nested.iter().map(|(ty, key)| (*ty, key.as_str())));
        for ty in 0..self.draft.types.len() {
            for f in 0..self.draft.types[ty].fields.len() {
                let field = &self.draft.types[ty].fields[f];
                let Some(kind) = field.ty else { continue };
                if kind != "Objeto" && kind != "Array" {
                    continue;
                }
                let place = format!(
                    "types.#{ty}.fields.{}",
                    field.name.clone().unwrap_or_else(|| f.to_string())
                );
                let line = field.line;
                let doc = field.doc_type.clone().unwrap_or_default();
                let description = field.description.clone().unwrap_or_default();
                let name = field.name.clone().unwrap_or_default();
                let found = find_nested(&nested, ty, &doc, &description, &name);
                let field = &mut self.draft.types[ty].fields[f];
                match (kind, found) {
                    (_, Some((target, certain))) => {
                        field.of = Some(format!("#{target}"));
                        if !certain {
                            field.notes.push(note(
                                line,
                                &place,
                                NoteKind::Guess,
                                "tabela do objeto achada pelo nome do atributo",
                            ));
                        }
                    }
                    ("Objeto", None) => {
                        field.free_form = true;
                        field.notes.push(note(
                            line,
                            &place,
                            NoteKind::Guess,
                            "nenhuma tabela deste objeto na página: free_form: true (objeto livre)",
                        ));
                    }
                    (_, None) => {
                        let folded = words::fold(&format!("{doc} {description}"));
                        let element = folded
                            .split_once(" de ")
                            .map(|(_, rest)| rest.trim().to_owned())
                            .and_then(|rest| words::type_word(&rest));
                        match element {
                            Some(TypeWord::Objeto) => {
                                field.of = Some("Objeto".to_owned());
                                if !words::fold(&doc).contains("objeto") {
                                    field.notes.push(note(
                                        line,
                                        &place,
                                        NoteKind::Guess,
                                        "elementos objetos sem tabela: of: Objeto (objetos livres)",
                                    ));
                                }
                            }
                            Some(TypeWord::Array) | None => field.notes.push(note(
                                line,
                                &place,
                                NoteKind::Missing,
                                "a página não diz de que é o array: escreva `of`",
                            )),
                            Some(word) => {
                                field.of = Some(word.spec_word().to_owned());
                                if word == TypeWord::Date {
                                    field.format = Some("date");
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// `C` attributes: the condition the rule states, or a gap.
    fn conditions(&mut self) {
        for ty in &mut self.draft.types {
            let siblings: Vec<(String, Option<&'static str>)> = ty
                .fields
                .iter()
                .filter_map(|f| Some((f.name.clone()?, f.ty)))
                .collect();
            for (index, field) in ty.fields.iter_mut().enumerate() {
                if field.criterion.as_deref() != Some("C") {
                    continue;
                }
                let place = format!(
                    "types.#?.fields.{}",
                    field.name.clone().unwrap_or_else(|| index.to_string())
                );
                let text = format!(
                    "{} {}",
                    field.rule.as_deref().unwrap_or_default(),
                    field.description.as_deref().unwrap_or_default()
                );
                match condition(&text, field.name.as_deref(), &siblings) {
                    Some(condition) => {
                        field.condition = Some(condition);
                        field.notes.push(note(field.line, &place, NoteKind::Guess, "condição lida do texto da regra"));
                    }
                    None => field.notes.push(note(
                        field.line,
                        &place,
                        NoteKind::Missing,
                        "atributo C sem condição que se possa ler na página: escreva `condition` ({ filled: [...] } ou { equals: { field, value } })",
                    )),
                }
            }
        }
    }

    /// Type names: after the table heading ("Objeto registro" →
    /// `Registro`), or after the role (`CriarOcorrenciaRequest`); unique,
    /// never a built-in or reserved word. Then every `#n` reference and
    /// spec path is rewritten to the name.
    fn name_types(&mut self) {
        let mut names: Vec<String> = Vec::new();
        // The names given so far, in lower case, and for each base the
        // next number to try: a page of thousands of tables of one heading
        // is named in linear time, with the same names.
        let mut given: std::collections::HashSet<String> = std::collections::HashSet::new();
        let mut next_number: std::collections::HashMap<String, usize> =
            std::collections::HashMap::new();
        let mut roles: std::collections::HashMap<usize, Option<(usize, Section)>> =
            std::collections::HashMap::new();
        for t in &self.table_types {
            roles.entry(t.ty).or_insert(t.role);
        }
        for (index, ty) in self.draft.types.iter().enumerate() {
            let role = roles.get(&index).copied().flatten();
            let base = match (role, ty.title.as_deref().and_then(table_key)) {
                (Some((op, section)), _) => {
                    let op = self.draft.operations[op].id.to_upper_camel_case();
                    let suffix = match section {
                        Section::Request => "Request",
                        Section::Success => "Response",
                        _ => "Falha",
                    };
                    format!("{op}{suffix}")
                }
                (None, Some(key)) => ascii_camel(&key),
                (None, None) => String::new(),
            };
            let mut base =
                if base.is_empty() || !base.starts_with(|c: char| c.is_ascii_alphabetic()) {
                    format!("Tabela{}{base}", index + 1)
                } else {
                    base
                };
            let taken = |name: &str, given: &std::collections::HashSet<String>| {
                given.contains(&name.to_ascii_lowercase())
                    || [
                        "string",
                        "int",
                        "float",
                        "boolean",
                        "objeto",
                        "array",
                        "undocumented",
                        "operadora",
                        "mosia",
                        "self",
                    ]
                    .contains(&name.to_ascii_lowercase().as_str())
                    || crate::naming::reserved::type_name(&name.to_upper_camel_case()).is_some()
            };
            if taken(&base, &given) {
                base.push_str("Tabela");
            }
            let mut name = base.clone();
            let counter = next_number.entry(base.to_ascii_lowercase()).or_insert(2);
            while taken(&name, &given) {
                name = format!("{base}{counter}");
                *counter += 1;
            }
            given.insert(name.to_ascii_lowercase());
            names.push(name);
        }
        let resolve = |text: &str| -> String {
            text.strip_prefix('#')
                .and_then(|n| n.parse::<usize>().ok())
                .and_then(|n| names.get(n).cloned())
                .unwrap_or_else(|| text.to_owned())
        };
        let fix_at = |at: &mut String, ty: Option<usize>| {
            if let Some(ty) = ty {
                let from = format!("types.#{ty}");
                if at.starts_with(&from) {
                    *at = format!("types.{}{}", names[ty], &at[from.len()..]);
                }
                if at.starts_with("types.#?") {
                    *at = format!("types.{}{}", names[ty], &at["types.#?".len()..]);
                }
            }
            if let Some(rest) = at.strip_prefix("headers.") {
                *at = format!("operations.?.headers.{rest}");
            }
        };
        for (index, ty) in self.draft.types.iter_mut().enumerate() {
            ty.name = names[index].clone();
            for n in &mut ty.notes {
                fix_at(&mut n.at, Some(index));
            }
            for field in &mut ty.fields {
                if let Some(of) = &field.of {
                    field.of = Some(resolve(of));
                }
                for n in &mut field.notes {
                    fix_at(&mut n.at, Some(index));
                }
            }
        }
        for op in &mut self.draft.operations {
            for slot in [&mut op.request, &mut op.response, &mut op.failure] {
                if let Some(value) = slot.as_ref() {
                    *slot = Some(resolve(value));
                }
            }
            for header in &mut op.headers {
                for n in &mut header.notes {
                    if let Some(rest) = n.at.strip_prefix("headers.") {
                        n.at = format!("operations.{}.headers.{rest}", op.id);
                    }
                }
            }
        }
        for example in &mut self.draft.examples {
            if let Target::Type(ty) = &example.target {
                example.target = Target::Type(resolve(ty));
            }
        }
        for disagreement in &mut self.draft.disagreements {
            if let Some(rest) = disagreement.at.strip_prefix("types.#") {
                let (n, tail) = rest.split_once('.').map_or((rest, ""), |(n, t)| (n, t));
                if let Some(name) = n.parse::<usize>().ok().and_then(|n| names.get(n)) {
                    disagreement.at = if tail.is_empty() {
                        format!("types.{name}")
                    } else {
                        format!("types.{name}.{tail}")
                    };
                }
            }
        }
    }

    /// The page title: the first line when it reads as one, else the
    /// endpoint's path (a guess).
    fn title(&mut self) {
        if let Some(title) = &self.page.title {
            self.draft.title = title.text.clone();
            return;
        }
        let first = self.page.blocks.first();
        let candidate = first.and_then(|b| match &b.kind {
            BlockKind::Heading(t) | BlockKind::Paragraph(t)
                if words::looks_like_heading(t)
                    && words::section(t).is_none()
                    && !is_section_word(t) =>
            {
                Some(t.clone())
            }
            _ => None,
        });
        if let Some(title) = candidate {
            self.used[0] = true;
            self.draft.title = title;
            return;
        }
        let path = self.draft.operations.first().and_then(|op| op.path.clone());
        match path {
            Some(path) => {
                let title = path.trim_start_matches('/').to_owned();
                self.draft.notes.push(note(
                    0,
                    "page.title",
                    NoteKind::Guess,
                    format!("a página não mostra título: \"{title}\", do endpoint"),
                ));
                self.draft.title = title;
            }
            None => {
                self.draft.title = "Página sem título".to_owned();
                self.draft.notes.push(note(
                    0,
                    "page.title",
                    NoteKind::Guess,
                    "a página não mostra título nem endpoint: título provisório",
                ));
            }
        }
    }

    /// The prose before the first endpoint table (and the criteria
    /// legend), as the page's description.
    fn page_description(&mut self) {
        let end = self.first_endpoint.unwrap_or(self.page.blocks.len());
        let mut parts: Vec<String> = Vec::new();
        for i in 0..end {
            if self.used[i] {
                continue;
            }
            match &self.page.blocks[i].kind {
                BlockKind::Table(table) if table_kind(table) == TableKind::Legend => {
                    let mut legend = Vec::new();
                    for row in &table.rows {
                        let cells: Vec<&str> = row.cells.iter().filter_map(Cell::text).collect();
                        if let [abbreviation, name, rest @ ..] = cells.as_slice() {
                            legend.push(format!("{abbreviation} ({name}): {}", rest.join(" ")));
                        } else if !cells.is_empty() {
                            legend.push(cells.join(" "));
                        }
                    }
                    // The legend's heading goes with it, on the line above.
                    match parts.last_mut() {
                        Some(last) if words::fold(last).contains("criterios") => {
                            last.push('\n');
                            last.push_str(&legend.join("\n"));
                        }
                        _ => parts.push(legend.join("\n")),
                    }
                    self.used[i] = true;
                }
                kind => {
                    if let Some(text) = kind.prose() {
                        parts.push(text.to_owned());
                        self.used[i] = true;
                    }
                }
            }
        }
        if !parts.is_empty() {
            self.draft.description = Some(format!("{}\n", parts.join("\n\n")));
        }
        // The "Regras de negócio" section describes the page's one
        // operation.
        if self.draft.operations.len() == 1 {
            let start = (0..end).find(|&i| {
                self.block_prose(i)
                    .is_some_and(|t| words::fold(t) == "regras de negocio")
            });
            if let Some(start) = start {
                let prose: Vec<String> = (start + 1..end)
                    .take_while(|&i| !self.is_heading(i))
                    .map_while(|i| self.block_prose(i).map(str::to_owned))
                    .collect();
                if !prose.is_empty() {
                    let line = self.page.blocks[start].line;
                    let op = &mut self.draft.operations[0];
                    op.description = Some(prose.join("\n\n"));
                    op.notes.push(note(
                        line,
                        format!("operations.{}", op.id),
                        NoteKind::Guess,
                        "a seção \"Regras de negócio\" é a descrição do endpoint",
                    ));
                }
            }
        }
    }

    /// What the page contradicts: a method other than the endpoint's
    /// named in a heading or a table's prose; a description that names
    /// another table.
    fn detect_disagreements(&mut self) {
        let known: Vec<String> = self
            .draft
            .operations
            .iter()
            .flat_map(|op| {
                [
                    op.id.to_lowercase(),
                    op.path.clone().unwrap_or_default().to_lowercase(),
                ]
            })
            .collect();
        let endpoint = self
            .draft
            .operations
            .first()
            .and_then(|op| op.path.clone())
            .unwrap_or_default()
            .trim_start_matches('/')
            .to_owned();
        if !self.draft.operations.is_empty() {
            for ty in 0..self.draft.types.len() {
                let Some(description) = self.draft.types[ty].description.clone() else {
                    continue;
                };
                for method in named_methods(&description) {
                    if !known.iter().any(|k| k.contains(&method.to_lowercase())) {
                        self.draft.disagreements.push(Disagreement {
                            at: format!("types.{}", self.draft.types[ty].name),
                            summary: format!("A descrição da tabela fala do \"método {method}\", mas o método da página é {endpoint}."),
                        });
                    }
                }
            }
            for block in &self.page.blocks {
                if let BlockKind::Heading(text) | BlockKind::Paragraph(text) = &block.kind {
                    if !words::looks_like_heading(text) {
                        continue;
                    }
                    for method in named_methods(text) {
                        if !known.iter().any(|k| k.contains(&method.to_lowercase())) {
                            self.draft.disagreements.push(Disagreement {
                                at: "page".to_owned(),
                                summary: format!("A página documenta o endpoint {endpoint}, mas a seção \"{text}\" nomeia o método {method}."),
                            });
                        }
                    }
                }
            }
        }
        // A description copied from another table: the same attribute,
        // word for word, in a table whose heading the description names.
        let keyed: Vec<(usize, String, String)> = self
            .table_types
            .iter()
            .filter_map(|t| Some((t.ty, t.key.clone()?, self.draft.types[t.ty].title.clone()?)))
            .collect();
        let index = KeyIndex::new(keyed.iter().map(|(ty, key, _)| (*ty, key.as_str())));
        // (key group, attribute name, description) → the positions of the
        // tables of that key holding that attribute with that description.
        let mut holders: std::collections::HashMap<(usize, &str, &str), Vec<usize>> =
            std::collections::HashMap::new();
        for (position, &(ty, group)) in index.entries.iter().enumerate() {
            for f in &self.draft.types[ty].fields {
                if let (Some(name), Some(description)) = (&f.name, &f.description) {
                    let list = holders
                        .entry((group, name.as_str(), description.as_str()))
                        .or_default();
                    if list.last() != Some(&position) {
                        list.push(position);
                    }
                }
            }
        }
        let mut found = Vec::new();
        for (ty, own_key, own_title) in &keyed {
            for field in &self.draft.types[*ty].fields {
                let (Some(name), Some(description)) = (&field.name, &field.description) else {
                    continue;
                };
                let folded = words::fold(description);
                if has_word(&folded, own_key) {
                    continue;
                }
                let source = index
                    .named_in(&folded)
                    .into_iter()
                    .filter_map(|group| {
                        let positions =
                            holders.get(&(group, name.as_str(), description.as_str()))?;
                        index.first_other(positions, *ty)
                    })
                    .min()
                    .map(|position| &keyed[position]);
                if let Some((_, _, title)) = source {
                    found.push(Disagreement {
                        at: format!("types.{}.fields.{name}", self.draft.types[*ty].name),
                        summary: format!(
                            "A descrição de {name} em \"{}\" diz \"{description}\", igual à de {name} em \"{}\": parece copiada dessa tabela. Transcrita verbatim.",
                            strip_bracket(own_title),
                            strip_bracket(title)
                        ),
                    });
                }
            }
        }
        self.draft.disagreements.extend(found);
    }

    fn leftovers(&mut self) {
        for (i, block) in self.page.blocks.iter().enumerate() {
            if self.used[i] {
                continue;
            }
            match &block.kind {
                BlockKind::Table(table) => {
                    for row in &table.rows {
                        let cells: Vec<&str> = row.cells.iter().filter_map(Cell::text).collect();
                        self.draft.leftovers.push((row.line, cells.join(" | ")));
                    }
                }
                kind => {
                    if let Some(text) = kind.prose() {
                        self.draft.leftovers.push((block.line, text.to_owned()));
                    }
                }
            }
        }
    }
}

/// Cells beyond the columns a row's table is read for: reported, never
/// dropped.
#[allow(clippy::too_many_arguments)]
fn extra_cells(
    notes: &mut Vec<Note>,
    row: &Row,
    header: &[String],
    known: &[usize],
    a: Option<usize>,
    b: Option<usize>,
    c: Option<usize>,
    at: &str,
) {
    for (index, cell) in row.cells.iter().enumerate() {
        if known.contains(&index) || [a, b, c].contains(&Some(index)) {
            continue;
        }
        if let Some(text) = cell.text() {
            let column = header
                .get(index)
                .map_or_else(|| "sem cabeçalho".to_owned(), |h| format!("\"{h}\""));
            notes.push(note(
                row.line,
                at,
                NoteKind::Guess,
                format!("célula da coluna {column}, que o spec não tem, deixada fora: \"{text}\""),
            ));
        }
    }
}

/// `(base URL, path)` of an endpoint cell: `https://host` and `/p/q`.
fn split_address(address: &str) -> (Option<String>, Option<String>) {
    let address = address.trim();
    if address.is_empty() {
        return (None, None);
    }
    let (scheme, rest) = match address.split_once("://") {
        Some((scheme, rest)) => (scheme.to_ascii_lowercase(), rest),
        None => ("https".to_owned(), address),
    };
    if rest.starts_with('/') {
        return (None, Some(rest.to_owned()));
    }
    match rest.find('/') {
        Some(slash) => {
            let host = &rest[..slash];
            let path = &rest[slash..];
            (
                (!host.is_empty()).then(|| format!("{scheme}://{host}")),
                Some(path.to_owned()),
            )
        }
        None => (Some(format!("{scheme}://{rest}")), Some("/".to_owned())),
    }
}

fn is_placeholder_host(base: &str) -> bool {
    let host = base
        .split("://")
        .nth(1)
        .unwrap_or(base)
        .to_ascii_lowercase();
    host.contains("exemplo")
        || host.contains("example")
        || host.contains("seu-dominio")
        || host.contains("suaoperadora")
        || host.contains("sua-operadora")
        // The wiki's own stand-in for an operator's server.
        || host.contains("operadoradesaude")
}

/// The operation id: after the page's first line ("Api clientes - Criar
/// Ocorrência" → `criarOcorrencia`) on a page of one endpoint, else after
/// the path (`/demonstrativoPagamento/detalhe` →
/// `demonstrativoPagamentoDetalhe`).
fn operation_id(page: &Page, endpoint_tables: usize, path: Option<&str>, index: usize) -> String {
    let title = page.title.as_ref().map(|t| t.text.clone()).or_else(|| {
        page.blocks.first().and_then(|b| match &b.kind {
            BlockKind::Heading(t) | BlockKind::Paragraph(t) if words::looks_like_heading(t) => {
                Some(t.clone())
            }
            _ => None,
        })
    });
    let from_title = title
        .as_deref()
        .and_then(|t| t.rsplit_once(" - ").map(|(_, name)| name.to_owned()))
        .map(|name| ascii_camel(&name).to_lower_camel_case());
    let from_path = path.map(|p| {
        let words: Vec<&str> = p
            .split(['/', '-', '_', '.'])
            .filter(|s| !s.is_empty())
            .collect();
        let mut id = String::new();
        for (k, word) in words.iter().enumerate() {
            let word = ascii_only(word);
            if k == 0 {
                id.push_str(&word);
            } else {
                let mut chars = word.chars();
                if let Some(first) = chars.next() {
                    id.extend(first.to_uppercase());
                    id.push_str(chars.as_str());
                }
            }
        }
        id
    });
    let id = match (endpoint_tables, from_title, from_path) {
        (1, Some(t), _) if !t.is_empty() => t,
        (_, _, Some(p)) if !p.is_empty() => p,
        _ => String::new(),
    };
    let id = id
        .trim_start_matches(|c: char| !c.is_ascii_alphabetic())
        .to_owned();
    if id.is_empty() {
        format!("operacao{}", index + 1)
    } else {
        id
    }
}

fn ascii_only(text: &str) -> String {
    words::fold(text)
        .chars()
        .zip(text.chars())
        .map(|(folded, original)| {
            if original.is_uppercase() {
                folded.to_ascii_uppercase()
            } else {
                folded
            }
        })
        .filter(|c| c.is_ascii_alphanumeric())
        .collect()
}

/// UpperCamelCase in ASCII of a heading's words.
fn ascii_camel(text: &str) -> String {
    let folded: String = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(ascii_only)
        .collect::<Vec<_>>()
        .join(" ");
    folded.to_upper_camel_case()
}

fn strip_bracket(title: &str) -> String {
    match title.find('[') {
        Some(at) if at > 0 => title[..at].trim_end().to_owned(),
        _ => title.to_owned(),
    }
}

/// The word a table heading calls its object by: "Objeto Solicitante
/// [M]" → "solicitante"; `None` for headings that name no object.
fn table_key(title: &str) -> Option<String> {
    let folded = words::fold(&strip_bracket(title));
    let rest = folded
        .strip_prefix("objetos ")
        .or_else(|| folded.strip_prefix("objeto "))?
        .trim();
    let rest = rest
        .strip_prefix("do tipo ")
        .unwrap_or(rest)
        .trim_matches('"');
    (!rest.is_empty()).then(|| singular(rest))
}

fn singular(word: &str) -> String {
    let word = word.trim();
    match word.strip_suffix('s') {
        Some(stem) if stem.len() > 2 => stem.to_owned(),
        _ => word.to_owned(),
    }
}

fn has_word(text: &str, word: &str) -> bool {
    let wanted = key_tokens(word);
    !wanted.is_empty()
        && word_tokens(text)
            .windows(wanted.len())
            .any(|w| w == wanted.as_slice())
}

/// The words of a text as [`has_word`] compares them.
fn word_tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(singular)
        .collect()
}

fn key_tokens(key: &str) -> Vec<String> {
    key.split_whitespace().map(singular).collect()
}

/// Table keys in page order, grouped by their words, so that finding the
/// first table (other than one's own) whose key a text names costs the
/// text's length, not the number of tables times it: a page of thousands
/// of tables must import in bounded time.
struct KeyIndex {
    /// `(type, group)` of each key, in the order given.
    entries: Vec<(usize, usize)>,
    /// Each group's words and the positions of its entries, ascending.
    groups: Vec<(Vec<String>, Vec<usize>)>,
    /// Groups by their first word.
    by_first: std::collections::HashMap<String, Vec<usize>>,
    /// Positions by the key with its spaces removed.
    by_joined: std::collections::HashMap<String, Vec<usize>>,
}

impl KeyIndex {
    fn new<'k>(keys: impl IntoIterator<Item = (usize, &'k str)>) -> KeyIndex {
        let mut index = KeyIndex {
            entries: Vec::new(),
            groups: Vec::new(),
            by_first: std::collections::HashMap::new(),
            by_joined: std::collections::HashMap::new(),
        };
        let mut group_of: std::collections::HashMap<Vec<String>, usize> =
            std::collections::HashMap::new();
        for (ty, key) in keys {
            let position = index.entries.len();
            let tokens = key_tokens(key);
            let group = match group_of.get(&tokens) {
                Some(&group) => group,
                None => {
                    let group = index.groups.len();
                    if let Some(first) = tokens.first() {
                        index.by_first.entry(first.clone()).or_default().push(group);
                    }
                    group_of.insert(tokens.clone(), group);
                    index.groups.push((tokens, Vec::new()));
                    group
                }
            };
            index.groups[group].1.push(position);
            index.entries.push((ty, group));
            index
                .by_joined
                .entry(key.replace(' ', ""))
                .or_default()
                .push(position);
        }
        index
    }

    /// The groups whose key is a word (or words) of `text`, each once.
    fn named_in(&self, text: &str) -> Vec<usize> {
        let tokens = word_tokens(text);
        let mut found: Vec<usize> = Vec::new();
        for i in 0..tokens.len() {
            let Some(groups) = self.by_first.get(&tokens[i]) else {
                continue;
            };
            for &group in groups {
                let wanted = &self.groups[group].0;
                if !found.contains(&group) && tokens[i..].starts_with(wanted) {
                    found.push(group);
                }
            }
        }
        found
    }

    /// The first of `positions` whose type is not `own`.
    fn first_other(&self, positions: &[usize], own: usize) -> Option<usize> {
        positions
            .iter()
            .copied()
            .find(|&p| self.entries[p].0 != own)
    }
}

/// The nested table an attribute names: in its type cell or description
/// (certain), or by its own name (a guess).
fn find_nested(
    index: &KeyIndex,
    own: usize,
    doc: &str,
    description: &str,
    name: &str,
) -> Option<(usize, bool)> {
    let text = words::fold(&format!("{doc} {description}"));
    let named = index
        .named_in(&text)
        .into_iter()
        .filter_map(|group| index.first_other(&index.groups[group].1, own))
        .min();
    if let Some(position) = named {
        return Some((index.entries[position].0, true));
    }
    let name = singular(&words::fold(name));
    let positions = index.by_joined.get(&name)?;
    index
        .first_other(positions, own)
        .map(|position| (index.entries[position].0, false))
}

/// The condition a rule states: "Obrigatório quando tipoPessoa for PJ"
/// (`equals`), "quando cnpj for preenchido" (`filled`).
fn condition(
    text: &str,
    own: Option<&str>,
    siblings: &[(String, Option<&'static str>)],
) -> Option<Condition> {
    let mentioned: Vec<&(String, Option<&'static str>)> = siblings
        .iter()
        .filter(|(name, _)| Some(name.as_str()) != own)
        .filter(|(name, _)| {
            text.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
                .any(|token| token == name)
        })
        .collect();
    if mentioned.is_empty() {
        return None;
    }
    let folded = words::fold(text);
    // "quando telefone não for informado", "tipoPessoa diferente de PF":
    // the spec has no negated condition, and reading the words without
    // the negation would state the opposite. A person writes it.
    let negated = folded.split(|c: char| !c.is_alphanumeric()).any(|w| {
        matches!(
            w,
            "nao" | "nem" | "diferente" | "exceto" | "ausente" | "vazio"
        )
    });
    if negated || folded.contains("!=") || folded.contains("<>") {
        return None;
    }
    if folded.contains("preenchid")
        || folded.contains("informad")
        || folded.contains("enviad")
        || folded.contains("presente")
    {
        return Some(Condition::Filled(
            mentioned.iter().map(|(n, _)| n.clone()).collect(),
        ));
    }
    let (name, ty) = mentioned[0];
    let after = &text[text.find(name.as_str())? + name.len()..];
    let value = [
        " for ",
        " igual a ",
        " = ",
        "=",
        " é ",
        " seja ",
        " estiver ",
    ]
    .iter()
    .find_map(|marker| after.find(marker).map(|at| &after[at + marker.len()..]))?;
    let value: String = value
        .trim()
        .trim_start_matches(['"', '\'', '“', '‘'])
        .chars()
        .take_while(|c| {
            !c.is_whitespace() && !matches!(c, '"' | '\'' | '”' | '’' | ',' | ';' | ')')
        })
        .collect();
    let value = value.trim_end_matches('.').to_owned();
    if value.is_empty() {
        return None;
    }
    let scalar = match ty {
        Some("Int") => Scalar::Int(value.parse().ok()?),
        Some("Boolean") => match words::fold(&value).as_str() {
            "true" | "verdadeiro" | "sim" => Scalar::Bool(true),
            "false" | "falso" | "nao" => Scalar::Bool(false),
            _ => return None,
        },
        Some("String") => Scalar::String(value),
        _ => return None,
    };
    Some(Condition::Equals {
        field: name.clone(),
        value: scalar,
    })
}

/// Identifiers named after "método" ("seu método login", "Método de
/// resumoCobranca").
fn named_methods(text: &str) -> Vec<String> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let mut out = Vec::new();
    for (k, token) in tokens.iter().enumerate() {
        if words::fold(token) != "metodo" {
            continue;
        }
        let next = tokens[k + 1..].iter().find(|t| {
            !matches!(
                words::fold(t).as_str(),
                "de" | "do" | "da" | "seu" | "sua" | "o" | "a"
            )
        });
        let Some(next) = next else { continue };
        let word: String = next.trim_matches(|c: char| !c.is_alphanumeric()).to_owned();
        let ascii_identifier = word.len() >= 3
            && word.chars().all(|c| c.is_ascii_alphanumeric())
            && word.chars().next().is_some_and(|c| c.is_ascii_lowercase());
        let common = [
            "que",
            "para",
            "principal",
            "http",
            "https",
            "post",
            "get",
            "put",
            "patch",
            "delete",
            "deve",
            "com",
            "sem",
            "nos",
            "nas",
            "uma",
            "um",
        ];
        if ascii_identifier
            && !common.contains(&word.to_lowercase().as_str())
            && !out.contains(&word)
        {
            out.push(word);
        }
    }
    out
}

/// Section words that are never a page title.
fn is_section_word(text: &str) -> bool {
    matches!(
        words::fold(text).as_str(),
        "regras de negocio" | "orientacoes" | "endpoint" | "headers" | "criterios de preenchimento"
    )
}
