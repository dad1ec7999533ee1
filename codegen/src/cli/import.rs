//! `codegen import PAGE`: drafts a spec from a documentation page
//! (`codegen::import`), writes it, lists every guess on standard error,
//! and with `--against` compares it with an existing transcription.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::{complain, say, EXIT_FAILURE, EXIT_SPEC};
use codegen::diff::{self, report};
use codegen::import::{self, draft::NoteKind, Input};
use codegen::ir::Api;

pub const LONG_ABOUT: &str = "\
Reads one Mosia Omnichannel documentation page, as text copied from the \
browser or as Confluence HTML, and writes a draft spec in the format of \
spec/README.md (to standard output without --out). Every decision the \
page does not state outright is marked in the draft with a `# import: …` \
comment and listed on standard error with the page line it came from; \
every example gets the verdict the validator gives it against the draft's \
tables. The same page always gives the same bytes.

With --against FILE the draft is also compared with an existing \
transcription, as `codegen diff FILE draft` would: what the newer page \
changed, classified as breaking or not (printed to standard output; the \
draft is then written only with --out).

Exit status: 0 the draft loads (guesses are warnings); 1 the draft was \
written but cannot load until a person fills in what the page lacks (each \
place is listed); 2 bad usage, or a file that cannot be read or written.";

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum InputArg {
    /// Text copied from the browser
    Text,
    /// Confluence HTML (the rendered page or its export)
    Html,
}

#[derive(Debug, Clone, Args)]
pub struct ImportArgs {
    /// The page: a text or HTML file
    pub page: PathBuf,
    /// Where to write the draft [default: standard output]
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// The page's format [default: guessed from its content]
    #[arg(long, value_enum)]
    pub input: Option<InputArg>,
    /// An existing transcription to compare the draft with (spec/x.yaml)
    #[arg(long, value_name = "FILE")]
    pub against: Option<PathBuf>,
}

/// The page's bytes, refusing (without reading it all) a file larger than
/// [`import::MAX_PAGE_BYTES`]: no wiki page is that large, and the import
/// must end in bounded time.
fn read_page(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(import::MAX_PAGE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() > import::MAX_PAGE_BYTES {
        return Err(std::io::Error::other(format!(
            "a página passa de {} MiB; uma página do wiki não é tão grande (é mesmo a página?)",
            import::MAX_PAGE_BYTES >> 20
        )));
    }
    Ok(bytes)
}

pub fn run(args: ImportArgs) -> ExitCode {
    let bytes = match read_page(&args.page) {
        Ok(bytes) => bytes,
        Err(e) => {
            complain!("erro: não foi possível ler {}: {e}", args.page.display());
            return ExitCode::from(EXIT_SPEC);
        }
    };
    let content = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            // A page saved in Latin-1 still reads; the replaced bytes show.
            complain!(
                "aviso: {} não é UTF-8 (byte inválido na posição {}): bytes inválidos trocados por �",
                args.page.display(),
                e.utf8_error().valid_up_to()
            );
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    };
    let input = match args.input {
        Some(InputArg::Text) => Input::Text,
        Some(InputArg::Html) => Input::Html,
        None => Input::guess(&content),
    };
    let source_name = source_name(&args);
    let page_name = args.page.display().to_string();
    // The existing transcription, read first: the draft keeps its names.
    let existing = match &args.against {
        Some(against) => match codegen::loader::load_inputs(std::slice::from_ref(against)) {
            Ok(api) => Some(api),
            Err(diagnostics) => {
                complain!("{}", diagnostics.render());
                complain!("erro: não foi possível carregar {}", against.display());
                return ExitCode::from(EXIT_SPEC);
            }
        },
        None => None,
    };
    let imported = import::import_against(
        &content,
        input,
        &source_name,
        &page_name,
        existing.as_ref().and_then(|api| api.modules.first()),
    );

    match &args.out {
        Some(out) => {
            if let Err(e) = std::fs::write(out, &imported.yaml) {
                complain!("erro: não foi possível escrever {}: {e}", out.display());
                return ExitCode::from(EXIT_SPEC);
            }
        }
        None if args.against.is_none() => {
            use std::io::Write as _;
            let _ = std::io::stdout().lock().write_all(imported.yaml.as_bytes());
        }
        None => {}
    }

    let mut guesses = 0;
    let mut missing = 0;
    for note in &imported.notes {
        let (severity, count) = match note.kind {
            NoteKind::Guess => ("aviso", &mut guesses),
            NoteKind::Missing => ("falta", &mut missing),
        };
        *count += 1;
        let line = if note.line > 0 {
            format!("{page_name}:{}: ", note.line)
        } else {
            format!("{page_name}: ")
        };
        // One line per note, whatever line breaks the page's text had.
        let message = note.message.replace(['\n', '\r'], " ");
        complain!("{severity}: {line}{}: {message}", note.at);
    }
    let written = args
        .out
        .as_ref()
        .map_or_else(|| "saída padrão".to_owned(), |o| o.display().to_string());
    let module = match &imported.loaded {
        Ok(_) if imported.recognised_nothing() => {
            complain!(
                "erro: {page_name}: nada reconhecido: a página não mostra endpoint nem tabela de \
                 atributos (Atributo | Critério | Tipo | Descrição | Regra de preenchimento). Com \
                 texto copiado do navegador, confira se as tabelas vieram junto; com o HTML da \
                 página, use --input html"
            );
            return ExitCode::from(EXIT_FAILURE);
        }
        Ok(module) => {
            complain!("rascunho escrito ({written}) e carregado: {guesses} palpite(s) a conferir");
            module.clone()
        }
        Err(diagnostics) => {
            for diagnostic in diagnostics.iter() {
                complain!("{}", diagnostic.render());
            }
            complain!(
                "rascunho escrito ({written}), mas não carrega até alguém preencher o que falta: \
                 {missing} lacuna(s) da página, {} problema(s) do carregador (acima); {guesses} palpite(s) a conferir",
                diagnostics.len()
            );
            if args.against.is_some() {
                complain!("erro: sem um rascunho que carregue, não há comparação com --against");
            }
            return ExitCode::from(EXIT_FAILURE);
        }
    };
    let lint_errors = codegen::lint::lint(&Api {
        modules: vec![module.clone()],
    })
    .into_iter()
    .filter(|f| super::lint::is_error(f.kind))
    .inspect(|f| complain!("erro: {f}"))
    .count();

    if let Some(old) = existing {
        let new = Api {
            modules: vec![module],
        };
        let changes = diff::diff(&old, &new);
        say!("{}", report::text(&changes).trim_end());
    }
    if lint_errors > 0 {
        return ExitCode::from(EXIT_FAILURE);
    }
    ExitCode::SUCCESS
}

/// The spec file name the draft is loaded as: the --against file (so the
/// comparison matches its module), else --out, else one after the page.
fn source_name(args: &ImportArgs) -> String {
    let slash = |p: &Path| p.to_string_lossy().replace('\\', "/");
    if let Some(against) = &args.against {
        return slash(against);
    }
    if let Some(out) = args
        .out
        .as_ref()
        .filter(|o| codegen::loader::names_a_spec(o))
    {
        return slash(out);
    }
    let stem = args
        .page
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    let stem = stem.trim_matches('_');
    let stem = if stem.is_empty() || stem.starts_with(|c: char| c.is_ascii_digit()) {
        format!("pagina_{stem}")
    } else {
        stem.to_owned()
    };
    format!("{stem}.yaml")
}
