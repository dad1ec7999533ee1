//! "Did you mean": the declared name closest to a misspelt one, and the one
//! way it is worded. Used by the runtime's payload reports (an unknown
//! attribute), the spec loader's diagnostics (a misspelt key or type) and
//! the derive's compile errors, so an integrator, a spec author and a Rust
//! developer get the same kind of hint.
//!
//! ```
//! use codegen_suggest::{closest, did_you_mean, Lang};
//!
//! let declared = ["titulo", "subtitulo", "registros"];
//! assert_eq!(closest("Titulo", declared), Some("titulo"));
//! assert_eq!(closest("registro", declared), Some("registros"));
//! assert_eq!(closest("valor", declared), None);
//! assert_eq!(did_you_mean("titulo", Lang::Pt), "você quis dizer 'titulo'?");
//! assert_eq!(did_you_mean("titulo", Lang::En), "did you mean `titulo`?");
//! ```

/// The language of a hint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Pt,
    En,
}

/// The candidate closest to `unknown`: the same letters in another case, or
/// else the nearest within about one edit per three characters (the
/// optimal-string-alignment distance of `strsim` over chars, case-insensitive:
/// Levenshtein, as clap uses, plus a swap of two neighbours counted as one
/// edit, so `nmae` finds `name` and `Cotnratos` finds `contratos`). `None` when
/// nothing is close enough to be a plausible typo. Ties go to the earlier
/// candidate, so hints are deterministic.
pub fn closest<'a>(
    unknown: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let unknown_lower = unknown.to_lowercase();
    let unknown_len = unknown.chars().count();
    let candidates = candidates.into_iter().filter(|c| *c != unknown);
    // The same letters in another case win wherever they are in the list:
    // looked for first, so that no distance is computed when one is there
    // (a server answering such a key pays for no edit distance).
    let lowered: Vec<(&'a str, String)> = candidates.map(|c| (c, c.to_lowercase())).collect();
    if let Some((candidate, _)) = lowered.iter().find(|(_, lower)| *lower == unknown_lower) {
        return Some(candidate);
    }
    let mut best: Option<(usize, &'a str)> = None;
    for (candidate, candidate_lower) in lowered {
        let distance = strsim::osa_distance(&unknown_lower, &candidate_lower);
        let longest = unknown_len.max(candidate.chars().count());
        // A suggestion must keep something of what was typed.
        let plausible = distance <= (longest / 3).max(1) && distance < longest;
        if plausible && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// The hint itself, in `lang`: `você quis dizer 'x'?` / ``did you mean `x`?``
/// (a name in English messages is code, in backticks).
pub fn did_you_mean(suggestion: &str, lang: Lang) -> String {
    match lang {
        Lang::Pt => format!("você quis dizer '{suggestion}'?"),
        Lang::En => format!("did you mean `{suggestion}`?"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_first_then_near_misses_only() {
        assert_eq!(closest("post", ["GET", "POST"]), Some("POST"));
        assert_eq!(closest("colour", ["date", "color"]), Some("color"));
        assert_eq!(
            closest("critrion", ["name", "criterion"]),
            Some("criterion")
        );
        assert_eq!(closest("xyz", ["date", "color"]), None);
        // Two neighbours swapped: one edit.
        assert_eq!(closest("nmae", ["name", "criterion"]), Some("name"));
        assert_eq!(closest("Cotnratos", ["contratos"]), Some("contratos"));
        assert_eq!(closest("", ["a"]), None);
        assert_eq!(closest("a", ["a"]), None, "the name itself is no hint");
    }

    #[test]
    fn payload_names() {
        let names = ["titulo", "subtitulo", "valorTotal", "dataPagamento"];
        assert_eq!(closest("Titulo", names), Some("titulo"));
        assert_eq!(closest("valortotal", names), Some("valorTotal"));
        assert_eq!(closest("dataPagamneto", names), Some("dataPagamento"));
        assert_eq!(closest("xyz", names), None);
        assert_eq!(closest("mensagem", ["message"]), Some("message"));
    }

    #[test]
    fn distances_count_chars_not_bytes() {
        // "ção" → "cao" is two edits of one char each, not four bytes.
        assert_eq!(closest("descrição", ["descricao"]), Some("descricao"));
        assert_eq!(strsim::levenshtein("ção", "cao"), 2);
    }
}
