//! The words of the wiki's page format: table header labels, criteria,
//! type words, section headings and navigation lines. Both readers and
//! recognition use them, so the format is described once.

/// What a table column holds, from its header label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// "Parâmetro", "Atributo", "Campo": the wire name.
    Name,
    /// "Obrigatório", "Critério".
    Criterion,
    /// "Tipo".
    Type,
    /// "Descrição".
    Description,
    /// "Regra de preenchimento".
    Rule,
    /// The endpoint table's "Endpoint".
    Endpoint,
    /// "Método".
    Method,
    /// "Header Content-Type".
    ContentType,
    /// The criteria legend's "Abreviação".
    Abbreviation,
    /// The criteria legend's "Nome".
    LegendName,
    /// Any other label: an extra column, reported and kept in a comment.
    Other,
}

/// Lower case, accents folded, padding and a trailing colon dropped: how
/// labels and headings are compared.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = match c {
            'á' | 'à' | 'â' | 'ã' | 'ä' | 'Á' | 'À' | 'Â' | 'Ã' | 'Ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' | 'Í' | 'Ì' | 'Î' | 'Ï' => 'i',
            'ó' | 'ò' | 'ô' | 'õ' | 'ö' | 'Ó' | 'Ò' | 'Ô' | 'Õ' | 'Ö' => 'o',
            'ú' | 'ù' | 'û' | 'ü' | 'Ú' | 'Ù' | 'Û' | 'Ü' => 'u',
            'ç' | 'Ç' => 'c',
            '\u{a0}' => ' ',
            c => c,
        };
        out.extend(c.to_lowercase());
    }
    out.trim().trim_end_matches(':').trim().to_owned()
}

/// The column a header label names; `None` when the text is not a label
/// the wiki uses (so it is not taken for a header by the text reader).
pub fn known_column(label: &str) -> Option<Column> {
    Some(match fold(label).as_str() {
        "parametro" | "parametros" | "atributo" | "atributos" | "campo" | "campos" => Column::Name,
        "obrigatorio" | "criterio" | "obrigatoriedade" | "criterios" => Column::Criterion,
        "tipo" => Column::Type,
        "descricao" => Column::Description,
        "regra de preenchimento" | "regras de preenchimento" | "regra" => Column::Rule,
        "endpoint" | "url" => Column::Endpoint,
        "metodo" => Column::Method,
        "header content-type" | "content-type" | "content type" => Column::ContentType,
        "abreviacao" => Column::Abbreviation,
        "nome" => Column::LegendName,
        _ => return None,
    })
}

/// The column a header label names, [`Column::Other`] for unknown ones.
pub fn column(label: &str) -> Column {
    known_column(label).unwrap_or(Column::Other)
}

/// A criterion cell, as written: `M`, `C`, `OP`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Criterion {
    M,
    C,
    Op,
}

impl Criterion {
    pub fn as_str(self) -> &'static str {
        match self {
            Criterion::M => "M",
            Criterion::C => "C",
            Criterion::Op => "OP",
        }
    }
}

/// The criterion a cell states exactly (`M`, `C`, `OP`, any case).
pub fn criterion(cell: &str) -> Option<Criterion> {
    match cell.trim().to_ascii_uppercase().as_str() {
        "M" => Some(Criterion::M),
        "C" => Some(Criterion::C),
        "OP" | "O" => Some(Criterion::Op),
        _ => None,
    }
}

/// A criterion written in words ("Sim", "Não", "Obrigatório"): read as
/// one, but only as a guess.
pub fn criterion_in_words(cell: &str) -> Option<Criterion> {
    match fold(cell).as_str() {
        "sim" | "obrigatorio" | "mandatorio" => Some(Criterion::M),
        "nao" | "opcional" => Some(Criterion::Op),
        "condicional" => Some(Criterion::C),
        _ => None,
    }
}

/// The spec type a "Tipo" cell starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeWord {
    String,
    Int,
    Float,
    Boolean,
    Objeto,
    Array,
    /// "Date", "Data": a string with `format: date`.
    Date,
}

impl TypeWord {
    /// The spec's word for it.
    pub fn spec_word(self) -> &'static str {
        match self {
            TypeWord::String | TypeWord::Date => "String",
            TypeWord::Int => "Int",
            TypeWord::Float => "Float",
            TypeWord::Boolean => "Boolean",
            TypeWord::Objeto => "Objeto",
            TypeWord::Array => "Array",
        }
    }
}

/// The type word a cell starts with ("Array de Objeto de Formularios" is
/// an `Array`).
pub fn type_word(cell: &str) -> Option<TypeWord> {
    let folded = fold(cell);
    let first = folded
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    Some(match first {
        "string" => TypeWord::String,
        "int" | "integer" | "inteiro" | "long" => TypeWord::Int,
        "float" | "double" | "decimal" | "number" => TypeWord::Float,
        "boolean" | "bool" | "booleano" => TypeWord::Boolean,
        "objeto" | "object" => TypeWord::Objeto,
        "array" => TypeWord::Array,
        "date" => TypeWord::Date,
        _ => return None,
    })
}

/// A line of the wiki's own navigation, not of the page: the metadata
/// links, the version banner, the table of contents' heading, the labels
/// footer.
pub fn is_navigation(line: &str) -> bool {
    let folded = fold(line);
    folded.starts_with("ir para o final dos metadados")
        || folded.starts_with("ir para o inicio dos metadados")
        || folded.starts_with("voce esta vendo a versao antiga")
        || folded.starts_with("comparar com o atual")
        || (folded.starts_with("versao ")
            && (folded.contains("proxima") || folded.contains("anterior")))
        || folded == "indice"
        || folded == "sem rotulos"
        || folded == "nenhum rotulo"
        // Confluence's byline, page actions and likes.
        || (folded.starts_with("criado por ")
            && (folded.contains("ultima alteracao") || folded.contains("ultima atualizacao")))
        || folded.starts_with("ultima atualizacao ")
        || matches!(
            folded.as_str(),
            "editar" | "compartilhar" | "gostei" | "seja o primeiro a gostar disto" | "/"
        )
        || folded == "mobile saude - mosia omnichannel"
}

/// The part of an operation a heading opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Endpoint,
    Headers,
    Request,
    Success,
    Failure,
}

/// The section a heading opens, if it opens one.
pub fn section(heading: &str) -> Option<Section> {
    let folded = fold(heading);
    if folded.len() > 120 {
        return None;
    }
    if folded == "endpoint" || folded == "endpoints" {
        return Some(Section::Endpoint);
    }
    if folded == "headers" || folded == "header" || folded == "cabecalhos" {
        return Some(Section::Headers);
    }
    if folded.starts_with("parametros de entrada") || folded == "request body" {
        return Some(Section::Request);
    }
    if folded.contains("retorno") || folded.contains("response") || folded.contains("resposta") {
        if folded.contains("falha") || folded.contains("erro") {
            return Some(Section::Failure);
        }
        if folded.contains("sucesso") {
            return Some(Section::Success);
        }
        // A heading that is the word alone: the response.
        if matches!(
            folded.as_str(),
            "retorno" | "resposta" | "response" | "retorno da api" | "parametros de retorno"
        ) {
            return Some(Section::Success);
        }
    }
    None
}

/// The part an example's caption names ("Exemplo request", "Exemplo
/// retorno API - sucesso" / "- falha"); `None` when it names none.
pub fn caption_part(caption: &str) -> Option<Section> {
    let folded = fold(caption);
    if !folded.starts_with("exemplo") {
        return None;
    }
    if folded.contains("falha") || folded.contains("erro") {
        Some(Section::Failure)
    } else if folded.contains("sucesso")
        || folded.contains("retorno")
        || folded.contains("response")
    {
        Some(Section::Success)
    } else if folded.contains("request")
        || folded.contains("requisicao")
        || folded.contains("entrada")
    {
        Some(Section::Request)
    } else {
        None
    }
}

/// Whether a paragraph is an example caption ("Exemplo …").
pub fn is_caption(text: &str) -> bool {
    let folded = fold(text);
    folded.starts_with("exemplo") && folded.len() < 80 && !folded.ends_with('.')
}

/// An HTTP method word.
pub fn method(cell: &str) -> Option<&'static str> {
    match cell.trim().to_ascii_uppercase().as_str() {
        "GET" => Some("GET"),
        "POST" => Some("POST"),
        "PUT" => Some("PUT"),
        "PATCH" => Some("PATCH"),
        "DELETE" => Some("DELETE"),
        _ => None,
    }
}

/// Whether a paragraph reads as a heading rather than prose: short, and
/// not ending as a sentence or a list lead-in does.
pub fn looks_like_heading(text: &str) -> bool {
    let text = text.trim();
    !text.is_empty()
        && text.chars().count() <= 90
        && !text.contains('\n')
        && !text.ends_with(['.', ':', ';', ','])
        && !text.starts_with(['{', '['])
}
