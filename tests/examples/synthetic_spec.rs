//! Writes a synthetic spec in the documentation pages' style, for the
//! scale figures of BENCHMARKS.md: by default 100 pages with 2 operations
//! and 11 object types each (200 operations, 1,100 types), every kind of
//! attribute the pages use (M/C/OP, strings with dates and colours, exact
//! decimals, integers, booleans, nested objects, arrays of objects,
//! free-form objects).
//!
//! ```text
//! cargo run --release -p mosia-tests --example synthetic_spec -- /tmp/scale/spec [PAGES]
//! ```

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().ok_or("usage: synthetic_spec DIR [PAGES]")?);
    let pages: usize = args.next().map_or(Ok(100), |n| n.parse())?;
    std::fs::create_dir_all(&dir)?;
    for page in 0..pages {
        std::fs::write(dir.join(format!("pagina_{page:03}.yaml")), page_yaml(page))?;
    }
    println!(
        "wrote {pages} pages ({} operations, {} types) to {}",
        pages * 2,
        pages * 11,
        dir.display()
    );
    Ok(())
}

/// One page: a request, a success and a failure type per operation, and
/// nested types under the success bodies.
fn page_yaml(page: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "page:\n  title: \"consulta{page}/detalhe (página sintética)\"\n  description: |\n    Página sintética no estilo das páginas da Mosia Omnichannel.\n    Os atributos devem seguir exatamente os mesmos nomes indicados nesta documentação.\noperations:"
    );
    for op in 0..2 {
        let _ = writeln!(
            out,
            "  - id: consulta{page}Operacao{op}\n    method: POST\n    path: /consulta{page}/operacao{op}\n    content_type: application/json\n    summary: \"Retorna os detalhes da consulta {page}, operação {op}\"\n    implemented_by: operator\n    request: Pedido{op}\n    response: Resposta{op}\n    failure: Falha"
        );
    }
    out.push_str("types:\n");
    for op in 0..2 {
        let _ = writeln!(
            out,
            "  Pedido{op}:\n    title: \"Parâmetros de entrada\"\n    fields:\n      - {{ name: chaveUnica, criterion: M, type: String, description: \"Chave única do beneficiário\" }}\n      - {{ name: chavePagamento, criterion: OP, type: String, description: \"Chave do pagamento\" }}\n      - {{ name: dataInicio, criterion: OP, type: String, format: date, description: \"Data inicial\", rule: \"YYYY-MM-DD\" }}\n      - {{ name: integracao, criterion: OP, type: Objeto, free_form: true, description: \"Dados da integração\" }}"
        );
        let _ = writeln!(
            out,
            "  Resposta{op}:\n    title: \"Objeto de retorno\"\n    fields:\n      - {{ name: titulo, criterion: M, type: String, description: \"Título\" }}\n      - {{ name: subtitulo, criterion: OP, type: String, description: \"Subtítulo\" }}\n      - {{ name: valorTotal, criterion: C, condition: {{ filled: [subtitulo] }}, type: Float, format: decimal, description: \"Valor total\" }}\n      - {{ name: dataPagamento, criterion: OP, type: String, format: date, description: \"Data do pagamento\", rule: \"YYYY-MM-DD\" }}\n      - {{ name: resumo, criterion: OP, type: Objeto, of: Resumo{op}, description: \"Resumo\" }}\n      - {{ name: registros, criterion: M, type: Array, of: Registro{op}, description: \"Registros\" }}"
        );
        let _ = writeln!(
            out,
            "  Resumo{op}:\n    fields:\n      - {{ name: quantidade, criterion: M, type: Int, description: \"Quantidade\" }}\n      - {{ name: ativo, criterion: OP, type: Boolean, description: \"Ativo\" }}\n      - {{ name: observacao, criterion: OP, type: String, description: \"Observação\" }}"
        );
        let _ = writeln!(
            out,
            "  Registro{op}:\n    title: \"Objeto registro\"\n    fields:\n      - {{ name: titulo, criterion: M, type: String, description: \"Título do registro\" }}\n      - {{ name: icone, criterion: OP, type: String, description: \"Ícone\" }}\n      - {{ name: cor, criterion: OP, type: String, format: color, description: \"Cor\", rule: \"#RRGGBB\" }}\n      - {{ name: valorTotal, criterion: M, type: Float, format: decimal, description: \"Valor total\" }}\n      - {{ name: valores, criterion: OP, type: Array, of: Valor{op}, description: \"Valores\" }}"
        );
        let _ = writeln!(
            out,
            "  Valor{op}:\n    fields:\n      - {{ name: codigo, criterion: M, type: String, description: \"Código\" }}\n      - {{ name: descricao, criterion: M, type: String, description: \"Descrição\" }}\n      - {{ name: valor, criterion: OP, type: Float, format: decimal, description: \"Valor\" }}"
        );
    }
    out.push_str(
        "  Falha:\n    title: \"Objeto de falha\"\n    fields:\n      - { name: mensagem, criterion: M, type: String, description: \"Mensagem de erro\" }\n",
    );
    out
}
